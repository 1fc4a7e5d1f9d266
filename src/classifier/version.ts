/**
 * Version of the classifier (cues, lexicons, learned weights, thresholds). Stored next to every
 * classification so that `lyttepost classify --reclassify` can find rows made by an older version, and the
 * indicator recompute reads the labels of this version only. Bump whenever a rule, lexicon entry, weight
 * (retraining) or threshold changes.
 */
export const CLASSIFIER_VERSION = 'learned-3';
