import { WH_AMBIGUOUS, WH_STRONG } from './lexicon.js';

/**
 * The word sets `sentence-cues.ts` looks for around a sentence's first words: opinion, hope and knowing verbs,
 * stance particles, degree and frequency words, who the account is when addressed, and the embedded-question test.
 */
/**
 * Opinion verbs that start subject-dropped statements ("Håper det blir bedre", "Tror det er stengt"); they
 * are not yes/no questions even when "det" follows.
 */
export const OPINION_VERBS = new Set([
  'håper',
  'håpar',
  'tror',
  'trur',
  'synes',
  'syns',
  'synest',
  'mener',
  'meiner',
  'tenker',
  'tenkjer',
  'lurer',
  'lurar',
  'gleder',
  'gler',
  'regner',
  'reknar',
  'antar',
  'føler',
  'kjenner',
  'elsker',
  'digger',
]);
/** Whole sentences that are shrugs or sarcasm, not questions: "Hvem vet", "Seriøst??". */
export const ONE_WORD_RHETORICAL = new Set([
  'hvem vet',
  'kven veit',
  'kem veit',
  'seriøst',
  'serr',
  'really',
  'who knows',
  'eller',
  'liksom',
]);
export const HOW_DEGREE = new Set(['hvor', 'kor', 'how']);
export const MANY = new Set(['mange', 'many']);
export const TIMES = new Set(['ganger', 'gonger', 'gongar', 'times']);
export const NEGATED_RHETORICAL_WH = new Set(['hvem', 'kven', 'kem', 'hvordan', 'korleis', 'who', 'how']);
export const MODALS = new Set(['kan', 'kunne', 'vil', 'ville', 'can', 'could', 'would', 'will']);
export const ADDRESSEES_YOU = new Set(['dere', 'de', 'du', 'dykk', 'kommunen', 'you']);
export const SPM_LABELS = new Set(['spørsmål', 'spm', 'question']);
/** Particles that colour a question as rhetorical: "Skal vi virkelig …", "Kven kan vel …", "Who even …". */
export const STANCE_PARTICLES = new Set(['vel', 'virkelig', 'verkeleg', 'liksom', 'tru', 'really', 'even', 'seriously']);
export const ACTUALLY = new Set(['egentlig', 'eigentleg', 'eigentlig', 'actually']);
/** "Hva blir det neste?": "next" closing a question (not "Dato for neste folkemøte?"). */
export const NEXT = new Set(['neste', 'next']);
/** Pronouns that make an unlisted "-er"/"-ar" word a verb-first question ("Hentar dei …"); not "i", "en", "den". */
export const UNLISTED_VERB_SUBJECTS = new Set([
  'det',
  'dere',
  'de',
  'dei',
  'du',
  'man',
  'noen',
  'nokon',
  'vi',
  'me',
  'eg',
  'jeg',
  'han',
  'hun',
  'ho',
  'dokker',
  'dykk',
]);
/** Sentences that open with a subordinate clause put the main verb first after it: "Når eg kom dit, var det stengt". */
export const OPENS_CLAUSE = new Set([
  'når',
  'om',
  'hvis',
  'viss',
  'dersom',
  'etter',
  'før',
  'fordi',
  'siden',
  'sidan',
  'da',
  'då',
  'when',
  'if',
  'after',
  'before',
  'because',
  'since',
]);
export const FOLLOWUP_HEADS = new Set(['noe', 'noko', 'nåkka', 'nokka', 'noka']);
/** Who the account is, addressed: "Dokker må …", "Håper dere …". */
export const ACCOUNT_YOU = new Set(['dere', 'dykk', 'dokker', 'dokk', 'dåkker', 'kommunen', 'kommuna']);
export const MUST = new Set(['må', 'bør', 'burde']);
export const HOPE_VERBS = new Set(['håper', 'håpar', 'ønsker', 'ønskjer', 'forventer', 'forventar', 'hope', 'expect']);
/** Joining in: "bli med", "vere med", "join" are invitations to other residents. */
export const JOIN_VERBS = new Set(['bli', 'blir', 'være', 'vere', 'vera', 'vær', 'ver']);
/**
 * Words of knowing and asking that take an embedded question: "greitt å vite kva tid …", "lurer på om …",
 * "svar på kvifor …", "info om når …".
 */
export const KNOW_WORDS = new Set([
  'answer',
  'vite',
  'vete',
  'vita',
  'veta',
  'visst',
  'lure',
  'lurer',
  'lurar',
  'lurte',
  'spør',
  'spørre',
  'spørje',
  'spørja',
  'svar',
  'svaret',
  'info',
  'informasjon',
  'beskjed',
  'oversikt',
  'forklare',
  'forklaring',
  'know',
  'wondering',
]);
const OM_TAKERS = new Set([
  'vite',
  'vete',
  'vita',
  'veta',
  'visst',
  'lure',
  'lurer',
  'lurar',
  'lurte',
  'spør',
  'spørre',
  'spørje',
  'spørja',
  'know',
  'wondering',
]);

/** A wh-word (or "om" after a verb of knowing) within two words after index `k - 1`: an embedded question. */
export function embeddedQuestionAt(t: readonly string[], k: number): boolean {
  for (let m = k; m < Math.min(k + 3, t.length); m++) {
    const w = t[m] ?? '';
    if (WH_STRONG.has(w) || WH_AMBIGUOUS.has(w)) return true;
    if ((w === 'om' || w === 'if' || w === 'whether') && OM_TAKERS.has(t[k - 1] ?? '')) return true;
  }
  return false;
}
export const ALWAYS = new Set(['alltid', 'bestandig', 'støtt', 'always', 'aldri', 'never']);
/** "så dårlig", "så inkompetent", "so difficult": an adjective after a degree word. */
export const DEGREE_TARGET_RE = /(?:ig|lig|leg|ent|ert|t|e|ult|ard|ive)$/u;
/** Features that may accompany a "?" that is still the only question cue. */
export const QMARK_ONLY_COMPANIONS: ReadonlySet<string> = new Set(['qmark', 'you-singular', 'you-account']);
