/**
 * Version of the topic classifier (hand lexicon, Los vocabulary file, mapping, weights and thresholds).
 * Stored next to every stored topic classification, so a new version is found and re-run
 * (`lyttepost classify --reclassify`), and figures read topics of this version only. Bump on any change.
 */
export const TOPICS_VERSION = 'topics-1';
