/**
 * The interpretable features of a citizen item, before any weighting. Every feature is a stable id that a
 * reviewer can read ('qmark', 'wh-word', 'tag-end', 'we-subject' …); `model.ts` weighs them with weights
 * learned from the development corpus (`train.ts`).
 *
 * Sentence features follow Norwegian word order: a wh-word is a question when the finite verb follows it
 * (V2: "Når kommer bussen"), not when a subject does ("Når bussen kommer, …"); a verb-first sentence is a
 * yes/no question only when a subject follows the verb ("Er det …" versus the subject-dropped "Er så lei").
 * Item features say who is addressed (the account, a tagged or named resident, the other residents) and
 * whether a problem is stated.
 */
import {
  ACCOUNT_ADDRESS,
  COMPARATIVES,
  COMPLAINT_EMOJI,
  COMPLAINT_PHRASES,
  COMPLAINT_WORDS,
  COUNTERFACTUAL_AUX,
  COUNTERFACTUAL_VERBS,
  FINITE_VERBS,
  FOREIGN_REQUEST,
  FOREIGN_WH,
  IMPERATIVES,
  IMPERATIVE_WITH_NEXT,
  INDIRECT_QUESTION,
  LEADING_SKIP,
  NOT_NAMES,
  ONLY_ME,
  PARTICIPLE_AUX,
  POSITIVE_EMOJI,
  PRAISE_WORDS,
  PROBLEM_WORDS,
  REQUEST_PHRASES,
  RESIDENT_INVITATION,
  RESIDENT_QUESTION,
  RHETORICAL,
  SPAM_PHRASES,
  SUBJECT_NOUNS,
  SUBJECT_PRONOUNS,
  V1_VERBS,
  WE_SUBJECTS,
  WH_AMBIGUOUS,
  WH_DEGREE,
  WH_STRONG,
  YOU_SINGULAR,
} from './lexicon.js';
import { phraseMatcher } from './phrase.js';
import type { Prepared, Sentence } from './text.js';

export type SentenceCues = {
  /** Feature ids weighed by the model ('qmark', 'wh-word', 'rhetorical' …). */
  features: string[];
  /** Specific cue ids for `reasons` ('wh-word:når', 'request:kan-dere' …). */
  ids: string[];
  request: boolean;
  question: boolean;
  rhetorical: boolean;
};

export type ItemCues = {
  /** Item-level feature ids: addressee, spam, praise, stated problem. */
  features: string[];
  sentences: SentenceCues[];
  /** Features of a stated problem, weighed by the complaint model only. */
  problem: string[];
  /** Word stems ('stem:brøyt', 'stem:hull'): the first five letters of each word of three or more. */
  stems: string[];
  /** Addressed to someone other than the account (tag, name, reply, "noen som") and not also to the account. */
  elsewhere: boolean;
};

const INDIRECT_IDS: ReadonlySet<string> = new Set(INDIRECT_QUESTION.map(([id]) => id));
const INDIRECT_M = phraseMatcher(INDIRECT_QUESTION);
const REQUEST_M = phraseMatcher(REQUEST_PHRASES);
const RHETORICAL_M = phraseMatcher(RHETORICAL);
const INVITATION_M = phraseMatcher([['invitation', RESIDENT_INVITATION]]);
const SPAM_M = phraseMatcher([['spam', SPAM_PHRASES]]);
const COMPLAINT_M = phraseMatcher([['complaint', COMPLAINT_PHRASES]]);
const RESIDENT_Q_M = phraseMatcher([['residents-asked', RESIDENT_QUESTION]]);
const ONLY_ME_M = phraseMatcher([['only-me', ONLY_ME]]);
/** Forms of address to the public rather than the account: "Husk refleks, folkens!". */
const PUBLIC_ADDRESS = new Set(['folkens', 'godtfolk']);
/**
 * Opinion verbs that start subject-dropped statements ("Håper det blir bedre", "Tror det er stengt"); they
 * are not yes/no questions even when "det" follows.
 */
const OPINION_VERBS = new Set(['håper', 'håpar', 'tror', 'trur', 'synes', 'syns', 'synest', 'mener', 'meiner', 'tenker', 'tenkjer', 'lurer', 'lurar', 'gleder', 'gler', 'regner', 'reknar', 'antar', 'føler', 'kjenner', 'elsker', 'digger']);
/** Whole sentences that are shrugs or sarcasm, not questions: "Hvem vet", "Seriøst??". */
const ONE_WORD_RHETORICAL = new Set(['hvem vet', 'kven veit', 'kem veit', 'seriøst', 'serr', 'really', 'who knows', 'eller', 'liksom']);
const NEGATED_RHETORICAL_WH = new Set(['hvem', 'kven', 'kem', 'hvordan', 'korleis', 'who', 'how']);
const ARTICLES = new Set(['en', 'et', 'ei', 'ein', 'eit', 'a', 'an']);
const NEGATIONS = new Set(['ikke', 'ikkje', 'not', 'itj', "isn't", "don't", "doesn't", 'never', 'aldri']);
const MODALS = new Set(['kan', 'kunne', 'vil', 'ville', 'can', 'could', 'would', 'will']);
const ADDRESSEES_YOU = new Set(['dere', 'de', 'du', 'dykk', 'kommunen', 'you']);
const SPM_LABELS = new Set(['spørsmål', 'spm', 'question']);
const VOCATIVE_RE = /^(\p{Lu}\p{Ll}+),\s/u;
const NAME_START_RE = /^(\p{Lu}\p{Ll}+)\s+(\p{Lu}\p{Ll}+)(?=\s|$|[!.,?])/u;
/** A capitalised word closing the text, after a comma or before the final "?": "…, Trine?", "… jobb Lise?". */
const NAME_END_RE = /(,?)\s(\p{Lu}\p{Ll}+)[\s?!.…\p{Extended_Pictographic}\u{FE0F}]*$/u;
/** A tag closing the text: "Kommer du, @Siri?". */
const TAG_END_RE = /@[\p{L}\p{N}_.-]+(?:[ \t]+\p{Lu}[\p{L}\p{N}-]*)*[\s?!.…\p{Extended_Pictographic}\u{FE0F}]*$/u;
const SECOND_SINGULAR_OR_WE = new Set(['du', 'deg', 'vi', 'me', 'oss', 'din', 'ditt', 'dine', 'you']);
/** Words that are never a first name at the start of a comment. */
const KNOWN_WORDS: ReadonlySet<string> = new Set([
  ...NOT_NAMES,
  ...WH_STRONG,
  ...WH_AMBIGUOUS,
  ...V1_VERBS,
  ...IMPERATIVES,
  ...LEADING_SKIP,
  ...PRAISE_WORDS,
  ...COMPLAINT_WORDS,
  ...SUBJECT_PRONOUNS,
]);
/** Particles that colour a question as rhetorical: "Skal vi virkelig …", "Kven kan vel …", "Who even …". */
const STANCE_PARTICLES = new Set(['vel', 'virkelig', 'verkeleg', 'liksom', 'tru', 'egentlig', 'eigentleg', 'really', 'even', 'seriously', 'neste', 'next']);
const ALWAYS = new Set(['alltid', 'bestandig', 'støtt', 'always', 'aldri', 'never']);
/** "så dårlig", "så inkompetent", "so difficult": an adjective after a degree word. */
const DEGREE_TARGET_RE = /(?:ig|lig|leg|ent|ert|t|e|ult|ard|ive)$/u;
/** Features that may accompany a "?" that is still the only question cue. */
const QMARK_ONLY_COMPANIONS: ReadonlySet<string> = new Set(['qmark', 'you-singular', 'you-account']);
const DURATION_UNITS = new Set(['uker', 'uke', 'uka', 'veker', 'veke', 'veka', 'dager', 'dagar', 'døgn', 'måneder', 'månader', 'mnd', 'år', 'weeks', 'days', 'months']);
const STILL_AGAIN = new Set(['fortsatt', 'framleis', 'fremdeles', 'enda', 'ennå', 'enno', 'igjen', 'att', 'still', 'again', 'nok']);

function isFiniteVerb(t: string | undefined): boolean {
  if (t === undefined) return false;
  if (FINITE_VERBS.has(t)) return true;
  // Present tense -er/-ar ("apner", "tømer"), including no-diacritics spellings not in the list.
  return t.length >= 4 && (t.endsWith('er') || t.endsWith('ar')) && !SUBJECT_PRONOUNS.has(t);
}

function isSubject(verb: string, next: string | undefined): boolean {
  if (next === undefined) return false;
  if (SUBJECT_PRONOUNS.has(next) || SUBJECT_NOUNS.has(next)) return true;
  // Auxiliaries that take a participle ("Har brøytet selv") need a clear subject: -et is also a participle.
  if (PARTICIPLE_AUX.has(verb)) return false;
  // A definite noun ("bassenget", "bussen", "Storgata", "vegane").
  return next.length >= 4 && /(?:en|et|a|ene|ane|na)$/u.test(next) && !FINITE_VERBS.has(next);
}

/** Index of the first token after greetings and conjunctions ("Hei, …", "Og hva med …"). */
function startIndex(tokens: readonly string[]): number {
  let i = 0;
  while (i < tokens.length - 1 && LEADING_SKIP.has(tokens[i] ?? '')) i++;
  return i;
}

/** Wh-word rule at token index `i`: a question, an exclamative, or neither. */
function whAt(tokens: readonly string[], i: number, s: Sentence, ids: string[]): 'q' | 'excl' | undefined {
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
    if (next === 'som' || next === 'enn' || tokens[j + 1] === 'enn') {
      ids.push('subordinate');
      return undefined;
    }
    if (next !== undefined && SUBJECT_PRONOUNS.has(next) && next !== 'det' && next !== 'noen' && next !== 'nokon') {
      // "Hvordan dere får dette til er imponerende": no V2 inversion → embedded clause.
      ids.push('subordinate');
      return undefined;
    }
    if (next === 'det' && isFiniteVerb(tokens[j + 1])) {
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
    if ((first === 'hvor' || first === 'kor' || first === 'how') && next !== undefined && SUBJECT_PRONOUNS.has(tokens[j + 1] ?? '')) {
      return 'excl'; // "Hvor heldige vi er", "Kor fint det har blitt"
    }
    if ((first === 'hvor' || first === 'kor' || first === 'how') && next !== undefined && isFiniteVerb(tokens[j + 1]) && (WE_SUBJECTS.has(tokens[j + 2] ?? '') || NEGATIONS.has(tokens[j + 3] ?? ''))) {
      return 'excl'; // "Kor heldige er vi som bur her?", "Hvor flott er ikke det", "How lucky are we"
    }
    if (!hasQmark) ids.push('subordinate');
    return undefined;
  }
  return undefined;
}

function add(c: SentenceCues, feature: string, id: string = feature): void {
  if (!c.features.includes(feature)) c.features.push(feature);
  c.ids.push(id);
}

export function sentenceCues(s: Sentence): SentenceCues {
  const c: SentenceCues = { features: [], ids: [], request: false, question: false, rhetorical: false };
  const t = s.tokens;
  const i0 = startIndex(t);
  const first = t[i0] ?? '';
  const next = t[i0 + 1];
  let exclamative = false;

  if (first === 'for' && ARTICLES.has(next ?? '') && !s.hasQmark) exclamative = true; // "For en jobb dere gjør!"
  if (first === 'de' && (next === 'må' || next === 'bør')) {
    // Nynorsk plural "you": "De må gjere noko med krysset". (In bokmål "de må" is "they must": rarer here.)
    add(c, 'request', 'request:dere-maa');
    c.request = true;
  }

  const wh = exclamative ? undefined : whAt(t, i0, s, c.ids);
  if (wh === 'excl') exclamative = true;
  if (wh === 'q') {
    add(c, 'wh-word', `wh-word:${first}`);
    c.question = true;
    const subj = t.slice(i0 + 1, i0 + 4);
    if (subj.some((w) => WE_SUBJECTS.has(w))) add(c, 'we-subject');
  }
  // A strong wh-word opening a later clause: "Har ringt tre ganger, hvorfor svarer ingen".
  if (wh === undefined && !exclamative) {
    for (const start of s.clauseStarts) {
      const k = t[start] === 'men' || t[start] === 'og' ? start + 1 : start; // "Takk, men hva med oss …"
      const w = t[k];
      if (w !== undefined && WH_STRONG.has(w) && whAt(t, k, s, c.ids) === 'q') {
        add(c, 'wh-word', `wh-word:${w}`);
        c.question = true;
        break;
      }
    }
  }
  if (FOREIGN_WH.has(first) || s.clauseStarts.some((k) => FOREIGN_WH.has(t[k] ?? ''))) {
    add(c, 'wh-foreign', `wh-foreign:${first}`);
    c.question = true;
  }

  // Verb-first yes/no question (V1) or an imperative.
  if (!exclamative && wh === undefined && V1_VERBS.has(first)) {
    const negated = NEGATIONS.has(next ?? '');
    const subjNext = negated ? t[i0 + 2] : next;
    // "Vet ikke jeg" / "Veit ikkje eg" is a dialect statement ("I don't know"), not "Don't I know?".
    const negatedFirstPerson = negated && !s.hasQmark && (subjNext === 'jeg' || subjNext === 'eg');
    if (isSubject(first, subjNext) && !negatedFirstPerson) {
      add(c, 'v1', `v1:${first}`);
      c.question = true;
      if (WE_SUBJECTS.has(subjNext ?? '')) add(c, 'we-subject');
      if (NEGATIONS.has(t[i0 + 2] ?? '') || negated) add(c, 'negated-question');
      if (MODALS.has(first) && ADDRESSEES_YOU.has(subjNext ?? '')) {
        c.ids.push('modal-request');
        c.request = true;
      }
    } else {
      add(c, 'subject-drop');
    }
  } else if (!exclamative && wh === undefined && first.length > 4 && (first.endsWith('er') || first.endsWith('ar')) && !OPINION_VERBS.has(first)) {
    // An unlisted present-tense verb followed by a pronoun subject: "Eksisterer det …".
    if (next === 'det' || next === 'dere' || next === 'noen' || next === 'nokon' || next === 'man' || next === 'du') {
      add(c, 'v1', `v1:${first}`);
      c.question = true;
    }
  }
  if (!exclamative && wh === undefined) {
    const withNext = IMPERATIVE_WITH_NEXT.get(first);
    const isImp = withNext ? withNext.has(next ?? '') : IMPERATIVES.has(first) && !SUBJECT_PRONOUNS.has(next ?? '') && next !== 'her';
    if (isImp && (next !== undefined || first === 'please')) {
      add(c, 'imperative', `imperative:${first}`);
      c.request = true;
    }
  }
  if (SPM_LABELS.has(t[0] ?? '') && t.length > 1) {
    add(c, 'indirect', 'spm-label');
    c.question = true;
  }
  for (const id of INDIRECT_M.ids(t)) {
    // "noen som vet …" / "vet noen …" ask whoever reads: a question, but not one put to the account.
    add(c, id === 'noen-som-vet' || id === 'vet-noen' ? 'asks-anyone' : 'indirect', id);
    c.question = true;
  }
  for (const id of REQUEST_M.ids(t)) {
    add(c, 'request', `request:${id}`);
    c.request = true;
  }
  for (const w of t) {
    if (FOREIGN_REQUEST.has(w)) {
      add(c, 'request', `request:${w}`);
      c.request = true;
      break;
    }
  }
  if (s.hasQmark) {
    add(c, 'qmark');
    c.question = true;
  }
  if (c.question || c.request) {
    if (t.some((w) => YOU_SINGULAR.has(w))) add(c, 'you-singular');
    if (t.some((w, k) => ACCOUNT_ADDRESS.has(w) && t[k + 1] !== 'andre')) add(c, 'you-account');
    if (t.some((w) => COMPARATIVES.has(w)) && t.some((w) => w === 'enn' || w === 'than')) add(c, 'comparative');
    if (t.some((w, k) => COUNTERFACTUAL_AUX.has(w) && (COUNTERFACTUAL_VERBS.has(t[k + 1] ?? '') || COUNTERFACTUAL_VERBS.has(t[k + 2] ?? '')))) add(c, 'counterfactual');
    if (ONLY_ME_M.any(t)) add(c, 'only-me');
    if (t.some((w) => STANCE_PARTICLES.has(w))) add(c, 'stance-particle');
    if (t.some((w) => ALWAYS.has(w))) add(c, 'always');
    if (t.some((w, k) => k > i0 + 1 && (w === 'så' || w === 'so' || w === 'such') && DEGREE_TARGET_RE.test(t[k + 1] ?? ''))) add(c, 'degree');
    if (RESIDENT_Q_M.any(t)) add(c, 'residents-asked');
  }

  // A "?" with no other question cue ("Bassenget er stengt?", "Er ikke dette bare nydelig?") is weaker evidence.
  if (s.hasQmark && c.features.every((f) => QMARK_ONLY_COMPANIONS.has(f))) c.features.push('qmark-only');
  if (c.question && !s.hasQmark) c.features.push('no-qmark');
  // "!" weighs against a question ("Kan det bli bedre enn dette!"), not against a demand ("Brøyt fortauet!!").
  if (s.hasExcl && !c.request) c.features.push('excl');
  if (exclamative) add(c, 'exclamative');
  if (wh === 'q' && !s.hasQmark && NEGATED_RHETORICAL_WH.has(first) && t.slice(i0 + 1, i0 + 5).some((w) => NEGATIONS.has(w))) {
    // "Hvem har ikke opplevd …", "Hvordan kan man ikke elske …": who/how + negation, no "?".
    add(c, 'rhetorical', 'rhet:negated-wh');
    c.rhetorical = true;
  }
  if (t.length <= 2 && ONE_WORD_RHETORICAL.has(t.join(' '))) {
    add(c, 'rhetorical', 'rhet:one-liner');
    c.rhetorical = true;
  }
  for (const id of RHETORICAL_M.ids(t)) {
    add(c, 'rhetorical', id);
    c.rhetorical = true;
  }
  if (INVITATION_M.any(t)) add(c, 'invitation');
  if (s.ellipsis) add(c, 'ellipsis');
  return c;
}

/** All features of a prepared, non-empty item. `replyToCitizen`: the parent item is by another resident. */
export function itemCues(p: Prepared, replyToCitizen: boolean): ItemCues {
  const features: string[] = [];
  const sentences = p.sentences.map(sentenceCues);
  const tokens = p.tokens;
  const first = tokens[0] ?? '';

  // Who is addressed?
  const pageMention =
    p.tags.some((t) => t.toLowerCase().includes('kommune') || t.toLowerCase().includes('herad')) ||
    (p.startsWithTag && (first === 'kommune' || first === 'kommunen' || first === 'kommuna'));
  // "dere andre" / "dykk andre" addresses the other residents, not the account.
  const addressesAccount = pageMention || tokens.some((t, i) => (ACCOUNT_ADDRESS.has(t) || t === 'dokker') && tokens[i + 1] !== 'andre');
  if (pageMention) features.push('mention-page');
  if (addressesAccount) features.push('addresses-account');
  const elsewhere: string[] = [];
  if (p.tags.length > 0 && !pageMention) {
    if (p.startsWithTag) elsewhere.push('tag-start');
    else if (TAG_END_RE.test(p.original)) elsewhere.push('tag-end');
    else elsewhere.push('tag-middle');
  }
  if (replyToCitizen) elsewhere.push('reply-to-citizen');
  const name = NAME_START_RE.exec(p.original);
  if (name && !KNOWN_WORDS.has((name[1] ?? '').toLowerCase()) && !KNOWN_WORDS.has((name[2] ?? '').toLowerCase())) features.push('name-start');
  const voc = VOCATIVE_RE.exec(p.original);
  if (voc && !KNOWN_WORDS.has((voc[1] ?? '').toLowerCase()) && tokens.some((t) => SECOND_SINGULAR_OR_WE.has(t))) elsewhere.push('vocative');
  const end = NAME_END_RE.exec(p.original);
  if (end && !KNOWN_WORDS.has((end[2] ?? '').toLowerCase()) && (end[1] === ',' || tokens.some((t) => SECOND_SINGULAR_OR_WE.has(t)))) elsewhere.push('name-end');
  if (tokens.some((t) => PUBLIC_ADDRESS.has(t))) elsewhere.push('public-address');
  if (sentences.some((s) => s.features.includes('residents-asked'))) elsewhere.push('to-residents');
  for (const e of elsewhere) features.push(e);
  const isElsewhere = elsewhere.length > 0 && !addressesAccount;
  if (isElsewhere) features.push('elsewhere');

  if (SPAM_M.any(tokens)) features.push('spam');
  if (p.original.includes('🤔')) features.push('thinking-emoji');
  // Praise before the question ("Takk for info! Gjelder dette også …?") is politeness; praise in or after it
  // ("Kan det bli bedre enn dette? 😍", "… ? Fantastisk!") says the question was not meant.
  const qIndex = sentences.findIndex((s) => s.question);
  const praiseAt = p.sentences.map((s) => s.tokens.some((t) => PRAISE_WORDS.has(t)));
  if (praiseAt.some((x, i) => x && i >= qIndex)) features.push('praise');
  else if (praiseAt.some((x) => x)) features.push('praise-before-question');
  if (POSITIVE_EMOJI.some((e) => p.original.includes(e))) features.push('positive-emoji');
  // A question followed by an exclamation: "Hvem hadde trodd det? Fantastisk!".
  if (qIndex >= 0 && sentences.slice(qIndex + 1).some((s) => s.features.includes('excl') && !s.question)) features.push('question-then-exclamation');
  if (sentences.length >= 2) features.push('several-sentences');

  // A stated problem.
  const problem: string[] = [];
  if (tokens.some((t) => COMPLAINT_WORDS.has(t)) || COMPLAINT_M.any(tokens)) problem.push('complaint-word');
  if (tokens.some((t) => PROBLEM_WORDS.has(t))) problem.push('problem-word');
  if (COMPLAINT_EMOJI.some((e) => p.original.includes(e))) problem.push('complaint-emoji');
  if (tokens.some((t) => NEGATIONS.has(t))) problem.push('negation');
  if (tokens.some((t) => STILL_AGAIN.has(t))) problem.push('still-again');
  if (tokens.some((t, i) => DURATION_UNITS.has(t) && i > 0 && /^(?:\d+|to|tre|fire|fem|seks|ei|en|ein|et|eit|flere|fleire|mange|two|three|several)$/u.test(tokens[i - 1] ?? ''))) problem.push('duration');
  if (sentences.some((s) => s.rhetorical)) problem.push('rhetorical-any');
  if (sentences.some((s) => !s.question && !s.request)) problem.push('statement');
  if (/\p{Lu}{4,}/u.test(p.original) && p.original === p.original.toUpperCase()) problem.push('all-caps');
  const stems = [...new Set(tokens.filter((t) => t.length >= 3).map((t) => `stem:${t.slice(0, 5)}`))];
  return { features, sentences, problem, stems, elsewhere: isElsewhere };
}

/** True if a sentence's request cue decides it, not a wh-word or an indirect question. */
export function isRequestSentence(c: SentenceCues): boolean {
  return c.request && !c.ids.some((id) => id.startsWith('wh-word:') || INDIRECT_IDS.has(id));
}
