/**
 * Version of the rule set. Stored next to every classification so that `lyttepost classify --reclassify`
 * can find rows made by an older version. Bump whenever a rule, lexicon entry or weight changes.
 */
export const CLASSIFIER_VERSION = 'rules-1';
