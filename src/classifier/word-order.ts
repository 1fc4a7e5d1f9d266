/**
 * Norwegian (and English) word order for question detection: a wh-word is a question when the finite verb
 * follows it (V2: "Når kommer bussen"), not when a subject does ("Når bussen kommer, …"); a verb-first sentence
 * is a yes/no question only when a subject follows the verb ("Er det …" versus the subject-dropped "Er så lei").
 */
import {
  FINITE_VERBS,
  LEADING_SKIP,
  PARTICIPLE_AUX,
  SUBJECT_NOUNS,
  SUBJECT_PRONOUNS,
  WE_SUBJECTS,
  WH_AMBIGUOUS,
  WH_DEGREE,
  WH_STRONG,
} from './lexicon.js';
import type { Sentence } from './text.js';

export const ARTICLES: ReadonlySet<string> = new Set(['en', 'et', 'ei', 'ein', 'eit', 'a', 'an']);
export const NEGATIONS: ReadonlySet<string> = new Set([
  'ikke',
  'ikkje',
  'ittje',
  'not',
  'itj',
  "isn't",
  "don't",
  "doesn't",
  "wouldn't",
  "won't",
  "can't",
  "couldn't",
  'never',
  'aldri',
]);

export function isFiniteVerb(t: string | undefined): boolean {
  if (t === undefined) return false;
  if (FINITE_VERBS.has(t)) return true;
  // Present tense -er/-ar ("apner", "tømer"), including no-diacritics spellings not in the list.
  return t.length >= 4 && (t.endsWith('er') || t.endsWith('ar')) && !SUBJECT_PRONOUNS.has(t);
}

/** English determiners that open a subject noun phrase: "Is the pool open", "Does your office …". */
const DETERMINERS: ReadonlySet<string> = new Set(['the', 'your', 'our', 'my', 'this', 'that']);

export function isSubject(verb: string, next: string | undefined): boolean {
  if (next === undefined) return false;
  if (verb === 'ha' && next === 'det') return false; // "Ha det bra": a greeting, not "Has it …"
  if (SUBJECT_PRONOUNS.has(next) || SUBJECT_NOUNS.has(next) || DETERMINERS.has(next)) return true;
  // Auxiliaries that take a participle ("Har brøytet selv") need a clear subject: -et is also a participle.
  if (PARTICIPLE_AUX.has(verb)) return false;
  // A definite noun ("bassenget", "bussen", "Storgata", "vegane").
  return next.length >= 4 && /(?:en|et|a|ene|ane|na)$/u.test(next) && !FINITE_VERBS.has(next);
}

/** Index of the first token after greetings and conjunctions ("Hei, …", "Og hva med …"). */
export function startIndex(tokens: readonly string[]): number {
  let i = 0;
  while (i < tokens.length - 1 && LEADING_SKIP.has(tokens[i] ?? '')) i++;
  return i;
}

/** Words that open a subordinate clause: a linking verb after them belongs to that clause. */
const SUBORDINATORS: ReadonlySet<string> = new Set([
  'når',
  'som',
  'at',
  'fordi',
  'om',
  'hvis',
  'viss',
  'dersom',
  'før',
  'etter',
  'sidan',
  'siden',
  'when',
  'that',
  'if',
  'because',
  'before',
  'after',
]);
/** Where-words whose wh + subject order asks in dialect; "når" is left out: it mostly opens a clause. */
const PLACE_WH: ReadonlySet<string> = new Set(['kor', 'kvar', 'hvor', 'kår']);
const LINKING: ReadonlySet<string> = new Set(['er', 'e', 'var', 'vart', 'ble', 'blir', 'bli', 'is', 'was', 'are', 'were']);

/**
 * Whether a wh-word + subject clause stands alone (no main clause follows it): then it is a question in the
 * word order of many dialects, which do not invert ("Ka dokker tenke å gjer med snøen", "Kor du bur?"),
 * and not the subject of a statement ("Hvordan dere får dette til er imponerende").
 */
function standsAlone(tokens: readonly string[], from: number): boolean {
  for (let k = from; k < tokens.length; k++) {
    const t = tokens[k] ?? '';
    if (SUBORDINATORS.has(t)) return true;
    if (LINKING.has(t)) return false;
  }
  return true;
}

/**
 * Wh-word rule at token index `i`: a question ('q'; 'v3' when the dialect order wh + subject + verb asks;
 * 'som' for the dialect cleft "Kem som har ansvaret …"), an exclamative, or neither.
 */
export function whAt(tokens: readonly string[], i: number, s: Sentence, ids: string[]): 'q' | 'v3' | 'som' | 'excl' | undefined {
  const hasQmark = s.hasQmark;
  const first = tokens[i];
  if (first === undefined) return undefined;
  let j = i + 1;
  let next = tokens[j];
  if (WH_STRONG.has(first)) {
    if (next === undefined) return hasQmark ? 'q' : undefined;
    if ((first === 'hva' || first === 'kva' || first === 'ka' || first === 'what') && ARTICLES.has(next)) {
      return hasQmark ? 'q' : 'excl'; // "Hva en flott dag!", "What a lovely day"
    }
    if (next === 'for' || next === 'slags' || next === 'slag') {
      j++;
      if (ARTICLES.has(tokens[j] ?? '')) j++;
      next = tokens[j];
      if (first !== 'hva' && !hasQmark && s.hasExcl) return 'excl'; // "Kva for ein flott dag!"
    }
    if (!hasQmark && s.hasExcl && !tokens.slice(j).some((t) => FINITE_VERBS.has(t))) {
      return 'excl'; // verbless: "Hvilken utsikt!", "Hva for et vær!"
    }
    if (next === 'som' && !tokens.slice(j + 2).some((t) => FINITE_VERBS.has(t))) return 'som'; // not "Hva som skjer får vi se"
    if (next === 'som' || next === 'enn' || tokens[j + 1] === 'enn') {
      ids.push('subordinate');
      return undefined;
    }
    const subject = next !== undefined && SUBJECT_PRONOUNS.has(next) && next !== 'det' && next !== 'noen' && next !== 'nokon';
    if (subject || (next === 'det' && isFiniteVerb(tokens[j + 1]))) {
      // No V2 inversion: an embedded clause ("Hvordan dere får dette til er imponerende"), unless nothing
      // follows it, which is the dialects' question order ("Ka dokker tenke å gjer med snøen").
      if (tokens.length > j + 1 && standsAlone(tokens, j + 2)) return 'v3';
      ids.push('subordinate');
      return undefined;
    }
    return 'q';
  }
  if (WH_AMBIGUOUS.has(first)) {
    if (next === 'enn' || next === 'som') {
      ids.push('subordinate'); // "Hvor enn du går …"
      return undefined;
    }
    if (next !== undefined && WH_DEGREE.has(next)) {
      j++;
      if (isFiniteVerb(tokens[j]) || isFiniteVerb(tokens[j + 1])) return 'q';
      return hasQmark ? 'q' : undefined;
    }
    if (isFiniteVerb(next)) return 'q';
    const subject = next !== undefined && SUBJECT_PRONOUNS.has(next) && next !== 'det' && next !== 'i';
    if (subject && PLACE_WH.has(first) && tokens.length > j + 1 && standsAlone(tokens, j + 2) && !s.clauseStarts.some((k) => k > j)) {
      return 'v3'; // "Kor dokker har tenkt å parkere bilane" (not "når", which mostly opens a clause)
    }
    if ((first === 'hvor' || first === 'kor' || first === 'how') && next !== undefined && SUBJECT_PRONOUNS.has(tokens[j + 1] ?? '')) {
      return 'excl'; // "Hvor heldige vi er", "Kor fint det har blitt"
    }
    if (
      (first === 'hvor' || first === 'kor' || first === 'how') &&
      next !== undefined &&
      isFiniteVerb(tokens[j + 1]) &&
      (WE_SUBJECTS.has(tokens[j + 2] ?? '') || NEGATIONS.has(tokens[j + 3] ?? ''))
    ) {
      return 'excl'; // "Kor heldige er vi som bur her?", "Hvor flott er ikke det", "How lucky are we"
    }
    if (!hasQmark) ids.push('subordinate');
    return undefined;
  }
  return undefined;
}
