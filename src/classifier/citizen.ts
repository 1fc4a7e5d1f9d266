/**
 * Does a citizen item need an answer from the municipality? A transparent rule classifier.
 *
 * Method (details and measured quality in docs/classifier.md):
 * 1. `prepare` normalises (NFC, lower case, "hvorfooor" → "hvorfor"), strips @-tags, URLs and redaction
 *    placeholders, and splits into sentences and clauses.
 * 2. Every sentence collects cues. Each cue has a log-odds weight (`W`); question and request cues are
 *    positive, exclamatives and rhetorical patterns strongly negative. Sentence-start rules follow Norwegian
 *    word order: a wh-word is a question when the finite verb follows it (V2: "Når kommer bussen"), not when a
 *    subject does ("Når bussen kommer, …"); a verb-first sentence is a yes/no question only when a subject
 *    follows the verb ("Er det …" versus the subject-dropped "Er så lei av dette").
 * 3. The item's log-odds = base + the best sentence + item-level cues (addressed to someone else, spam).
 *    `score` is the logistic of that; `needsAnswer` is `score >= 0.5`.
 * 4. `reasons` lists the stable ids of every cue that fired, so a reviewer can see why.
 */
import { isAbusive } from './abusive.js';
import { detectLang } from './language.js';
import {
  ACCOUNT_ADDRESS,
  COMPLAINT_EMOJI,
  COMPLAINT_PHRASES,
  COMPLAINT_WORDS,
  FINITE_VERBS,
  IMPERATIVES,
  IMPERATIVE_WITH_NEXT,
  INDIRECT_QUESTION,
  LEADING_SKIP,
  NOT_NAMES,
  PARTICIPLE_AUX,
  PRAISE_WORDS,
  REQUEST_PHRASES,
  RESIDENT_INVITATION,
  RHETORICAL,
  SPAM_PHRASES,
  SUBJECT_NOUNS,
  SUBJECT_PRONOUNS,
  V1_VERBS,
  WH_AMBIGUOUS,
  WH_DEGREE,
  WH_STRONG,
} from './lexicon.js';
import { phraseMatcher } from './phrase.js';
import { hasEmoji, prepare } from './text.js';
import type { Sentence } from './text.js';

export type Lang = 'nb' | 'nn' | 'en' | 'other';
export type CitizenKind = 'question' | 'request' | 'complaint' | 'other';
/**
 * Where the item sits. `replyToCitizen`: the parent item is by another resident, so a question is usually
 * addressed to that resident; it needs an answer from the account only when it clearly addresses the
 * municipality ("kommunen", "dere", an @-mention of the page).
 */
export type CitizenContext = { replyToCitizen?: boolean };
export type CitizenClassification = {
  needsAnswer: boolean;
  kind: CitizenKind;
  lang: Lang;
  /** 0..1 confidence that the item needs an answer (logistic of the summed cue weights). */
  score: number;
  abusive: boolean;
  /** Stable cue ids, e.g. 'qmark', 'wh-word:hvordan', 'lurer-paa', 'exclamative', 'tag-only'. */
  reasons: string[];
};

/** Cue weights in log-odds. Positive cues of one sentence do not simply add up: see `sentenceScore`. */
const W = {
  base: -2.5,
  qmark: 4,
  wh: 4,
  v1: 3.5,
  indirect: 4.5,
  request: 4.5,
  imperative: 4,
  /** Extra positive cues in the same sentence add this much each (diminishing returns). */
  extra: 0.5,
  exclamative: -6,
  rhetorical: -6,
  invitation: -6,
  ellipsis: -1,
  otherAddressee: -6,
  spam: -4,
  thinkingEmoji: 1.5,
} as const;

type SentenceCues = { pos: number[]; neg: number; ids: string[]; request: boolean; question: boolean; rhetorical: boolean };

const INDIRECT_IDS: ReadonlySet<string> = new Set(INDIRECT_QUESTION.map(([id]) => id));
const INDIRECT_M = phraseMatcher(INDIRECT_QUESTION);
const REQUEST_M = phraseMatcher(REQUEST_PHRASES);
const RHETORICAL_M = phraseMatcher(RHETORICAL);
const INVITATION_M = phraseMatcher([['invitation', RESIDENT_INVITATION]]);
const SPAM_M = phraseMatcher([['spam', SPAM_PHRASES]]);
const COMPLAINT_M = phraseMatcher([['complaint', COMPLAINT_PHRASES]]);
const NUDGE_RE = /^[?？❓❔🤔\s]+$/u;
const NUDGE_SCORE = Math.round((1 / (1 + Math.exp(-(W.base + W.qmark)))) * 1000) / 1000;
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
const NEGATIONS = new Set(['ikke', 'ikkje', 'not', 'itj', 'ikkje']);
const MODALS = new Set(['kan', 'kunne', 'vil', 'ville', 'can', 'could', 'would', 'will']);
const ADDRESSEES_YOU = new Set(['dere', 'de', 'du', 'dykk', 'kommunen', 'you']);
const SPM_LABELS = new Set(['spørsmål', 'spm', 'question']);
const VOCATIVE_RE = /^(\p{Lu}\p{Ll}+),\s/u;
const NAME_START_RE = /^(\p{Lu}\p{Ll}+)\s+(\p{Lu}\p{Ll}+)(?=\s|$|[!.,?])/u;
const SECOND_SINGULAR_OR_WE = new Set(['du', 'deg', 'vi', 'me', 'oss', 'din', 'ditt', 'dine']);
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

/** Wh-word rule at token index `i`; returns a cue id or undefined. */
function whAt(tokens: readonly string[], i: number, hasQmark: boolean, cues: SentenceCues): 'q' | 'excl' | undefined {
  const first = tokens[i];
  if (first === undefined) return undefined;
  let j = i + 1;
  let next = tokens[j];
  if (WH_STRONG.has(first)) {
    if (next === undefined) return hasQmark ? 'q' : undefined;
    if ((first === 'hva' || first === 'kva' || first === 'ka' || first === 'what') && ARTICLES.has(next)) {
      if (hasQmark) return 'q';
      return 'excl'; // "Hva en flott dag!", "What a lovely day"
    }
    if (next === 'for' || next === 'slags' || next === 'slag') {
      j++;
      if (ARTICLES.has(tokens[j] ?? '')) j++;
      next = tokens[j];
      if (first !== 'hva' && !hasQmark && cues.ids.includes('!')) return 'excl'; // "Kva for ein flott dag!"
    }
    if (!hasQmark && cues.ids.includes('!') && !tokens.slice(j).some((t) => FINITE_VERBS.has(t))) {
      return 'excl'; // verbless: "Hvilken utsikt!", "Hva for et vær!"
    }
    if (next === 'som' || next === 'enn' || tokens[j + 1] === 'enn') {
      cues.ids.push('subordinate');
      return undefined;
    }
    if (next !== undefined && SUBJECT_PRONOUNS.has(next) && next !== 'det' && next !== 'noen' && next !== 'nokon') {
      // "Hvordan dere får dette til er imponerende": no V2 inversion → embedded clause.
      cues.ids.push('subordinate');
      return undefined;
    }
    if (next === 'det' && isFiniteVerb(tokens[j + 1])) {
      cues.ids.push('subordinate');
      return undefined;
    }
    return 'q';
  }
  if (WH_AMBIGUOUS.has(first)) {
    if (next === 'enn' || next === 'som') {
      cues.ids.push('subordinate'); // "Hvor enn du går …"
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
    if (!hasQmark) cues.ids.push('subordinate');
    return undefined;
  }
  return undefined;
}

function sentenceCues(s: Sentence): SentenceCues {
  const cues: SentenceCues = { pos: [], neg: 0, ids: [], request: false, question: false, rhetorical: false };
  if (s.hasExcl) cues.ids.push('!');
  const t = s.tokens;
  const i0 = startIndex(t);
  const first = t[i0] ?? '';
  const next = t[i0 + 1];
  let exclamative = false;

  if (first === 'for' && ARTICLES.has(next ?? '') && !s.hasQmark) exclamative = true; // "For en jobb dere gjør!"
  if (first === 'de' && (next === 'må' || next === 'bør')) {
    // Nynorsk plural "you": "De må gjere noko med krysset". (In bokmål "de må" is "they must": rarer here.)
    cues.pos.push(W.request);
    cues.ids.push('request:dere-maa');
    cues.request = true;
  }

  const wh = exclamative ? undefined : whAt(t, i0, s.hasQmark, cues);
  if (wh === 'excl') exclamative = true;
  if (wh === 'q') {
    cues.pos.push(W.wh);
    cues.ids.push(`wh-word:${first}`);
    cues.question = true;
  }
  // A strong wh-word opening a later clause: "Har ringt tre ganger, hvorfor svarer ingen".
  if (wh === undefined && !exclamative) {
    for (const start of s.clauseStarts) {
      const c = t[start] === 'men' || t[start] === 'og' ? start + 1 : start; // "Takk, men hva med oss …"
      const w = t[c];
      if (w !== undefined && WH_STRONG.has(w) && whAt(t, c, s.hasQmark, cues) === 'q') {
        cues.pos.push(W.wh);
        cues.ids.push(`wh-word:${w}`);
        cues.question = true;
        break;
      }
    }
  }

  // Verb-first yes/no question (V1) or an imperative.
  if (!exclamative && wh === undefined && V1_VERBS.has(first)) {
    const negated = NEGATIONS.has(next ?? '');
    const subjNext = negated ? t[i0 + 2] : next;
    // "Vet ikke jeg" / "Veit ikkje eg" is a dialect statement ("I don't know"), not "Don't I know?".
    const negatedFirstPerson = negated && !s.hasQmark && (subjNext === 'jeg' || subjNext === 'eg');
    if (isSubject(first, subjNext) && !negatedFirstPerson) {
      cues.pos.push(W.v1);
      cues.ids.push(`v1:${first}`);
      cues.question = true;
      if (MODALS.has(first) && ADDRESSEES_YOU.has(subjNext ?? '')) {
        cues.ids.push('modal-request');
        cues.request = true;
      }
    } else {
      cues.ids.push('subject-drop');
    }
  } else if (!exclamative && wh === undefined && first.length > 4 && (first.endsWith('er') || first.endsWith('ar')) && !OPINION_VERBS.has(first)) {
    // An unlisted present-tense verb followed by a pronoun subject: "Eksisterer det …".
    if (next === 'det' || next === 'dere' || next === 'noen' || next === 'nokon' || next === 'man' || next === 'du') {
      cues.pos.push(W.v1);
      cues.ids.push(`v1:${first}`);
      cues.question = true;
    }
  }
  if (!exclamative && wh === undefined) {
    const withNext = IMPERATIVE_WITH_NEXT.get(first);
    const isImp = withNext ? withNext.has(next ?? '') : IMPERATIVES.has(first) && !SUBJECT_PRONOUNS.has(next ?? '') && next !== 'her';
    if (isImp && (next !== undefined || first === 'please')) {
      cues.pos.push(W.imperative);
      cues.ids.push(`imperative:${first}`);
      cues.request = true;
    }
  }
  if (SPM_LABELS.has(t[0] ?? '') && t.length > 1) {
    cues.pos.push(W.indirect);
    cues.ids.push('spm-label');
    cues.question = true;
  }

  for (const id of INDIRECT_M.ids(t)) {
    cues.pos.push(W.indirect);
    cues.ids.push(id);
    cues.question = true;
  }
  for (const id of REQUEST_M.ids(t)) {
    cues.pos.push(W.request);
    cues.ids.push(`request:${id}`);
    cues.request = true;
  }
  if (s.hasQmark) {
    cues.pos.push(W.qmark);
    cues.ids.push('qmark');
    cues.question = true;
  }

  if (exclamative) {
    cues.neg += W.exclamative;
    cues.ids.push('exclamative');
  }
  if (wh === 'q' && !s.hasQmark && NEGATED_RHETORICAL_WH.has(first) && t.slice(i0 + 1, i0 + 5).some((w) => NEGATIONS.has(w))) {
    // "Hvem har ikke opplevd …", "Hvordan kan man ikke elske …": who/how + negation, no "?".
    cues.neg += W.rhetorical;
    cues.ids.push('rhet:negated-wh');
    cues.rhetorical = true;
  }
  if (t.length <= 2 && ONE_WORD_RHETORICAL.has(t.join(' '))) {
    cues.neg += W.rhetorical;
    cues.ids.push('rhet:one-liner');
    cues.rhetorical = true;
  }
  for (const id of RHETORICAL_M.ids(t)) {
    cues.neg += W.rhetorical;
    cues.ids.push(id);
    cues.rhetorical = true;
  }
  if (INVITATION_M.any(t)) {
    cues.neg += W.invitation;
    cues.ids.push('invitation');
  }
  if (s.ellipsis) {
    cues.neg += W.ellipsis;
    cues.ids.push('ellipsis');
  }
  return cues;
}

function sentenceScore(c: SentenceCues): number {
  if (c.pos.length === 0) return c.neg;
  const sorted = [...c.pos].sort((a, b) => b - a);
  const best = sorted[0] ?? 0;
  return best + W.extra * (sorted.length - 1) + c.neg;
}

function emptyResult(lang: Lang, reason: string): CitizenClassification {
  return { needsAnswer: false, kind: 'other', lang, score: 0, abusive: false, reasons: [reason] };
}

export function classifyCitizen(text: string, ctx: CitizenContext = {}): CitizenClassification {
  const p = prepare(text);
  const lang = detectLang(p.tokens);
  if (p.tokens.length === 0) {
    if (p.original === '') return emptyResult('other', 'empty');
    if (NUDGE_RE.test(p.original) && !ctx.replyToCitizen) {
      // A bare "?" or "??" under one's own unanswered comment is a nudge to the account.
      return { needsAnswer: true, kind: 'question', lang: 'other', score: NUDGE_SCORE, abusive: false, reasons: ['nudge'] };
    }
    if (p.tags.length > 0) return emptyResult('other', 'tag-only');
    if (p.hasPlaceholder) return emptyResult('other', 'placeholder-only');
    if (p.hasUrl) return emptyResult('other', 'link-only');
    return emptyResult('other', hasEmoji(p.original) ? 'emoji-only' : 'no-words');
  }

  const itemIds: string[] = [];
  let itemAdj = 0;

  // Addressee: who is the item talking to?
  const first = p.tokens[0] ?? '';
  const pageMention =
    p.tags.some((t) => t.toLowerCase().includes('kommune')) ||
    (p.startsWithTag && (first === 'kommune' || first === 'kommunen' || first === 'kommuna'));
  // "dere andre" / "dykk andre" addresses the other residents, not the account.
  const addressesAccount = pageMention || p.tokens.some((t, i) => ACCOUNT_ADDRESS.has(t) && p.tokens[i + 1] !== 'andre');
  if (pageMention) itemIds.push('mention-page');
  let otherAddressee: string | undefined;
  if (p.startsWithTag && !pageMention) otherAddressee = 'tag-start';
  else if (ctx.replyToCitizen) otherAddressee = 'reply-to-citizen';
  else {
    const name = NAME_START_RE.exec(p.original);
    if (name && !KNOWN_WORDS.has((name[1] ?? '').toLowerCase()) && !KNOWN_WORDS.has((name[2] ?? '').toLowerCase())) {
      otherAddressee = 'name-start';
    } else {
      const voc = VOCATIVE_RE.exec(p.original);
      if (voc && !KNOWN_WORDS.has((voc[1] ?? '').toLowerCase()) && p.tokens.some((t) => SECOND_SINGULAR_OR_WE.has(t))) {
        otherAddressee = 'vocative';
      }
    }
  }
  if (!otherAddressee && p.tokens.some((t) => PUBLIC_ADDRESS.has(t))) otherAddressee = 'public-address';
  if (otherAddressee) {
    itemIds.push(otherAddressee);
    if (addressesAccount) itemIds.push('addresses-account');
    else itemAdj += W.otherAddressee;
  }
  if (SPAM_M.any(p.tokens)) {
    itemIds.push('spam');
    itemAdj += W.spam;
  }
  if (p.original.includes('🤔')) {
    itemIds.push('thinking-emoji');
    itemAdj += W.thinkingEmoji;
  }

  let best = -Infinity;
  let bestCues: SentenceCues | undefined;
  let anyRequest = false;
  let anyQuestion = false;
  let anyRhetorical = false;
  const sentenceIds: string[] = [];
  for (const s of p.sentences) {
    const c = sentenceCues(s);
    const sc = sentenceScore(c);
    if (sc > best) {
      best = sc;
      bestCues = c;
    }
    anyRequest ||= c.request;
    anyQuestion ||= c.question;
    anyRhetorical ||= c.rhetorical;
    for (const id of c.ids) if (id !== '!') sentenceIds.push(id);
  }
  const logit = W.base + (Number.isFinite(best) ? best : 0) + itemAdj;
  const score = Math.round((1 / (1 + Math.exp(-logit))) * 1000) / 1000;
  const needsAnswer = score >= 0.5;

  const complaint =
    anyRhetorical ||
    p.tokens.some((t) => COMPLAINT_WORDS.has(t)) ||
    COMPLAINT_M.any(p.tokens) ||
    COMPLAINT_EMOJI.some((e) => p.original.includes(e));
  let kind: CitizenKind;
  if (needsAnswer) {
    const b = bestCues;
    const bestIsRequest = b !== undefined && b.request && !b.ids.some((id) => id.startsWith('wh-word:') || INDIRECT_IDS.has(id));
    kind = bestIsRequest || (anyRequest && !anyQuestion) ? 'request' : 'question';
  } else if (anyQuestion && otherAddressee && !addressesAccount && !anyRhetorical) {
    kind = 'question';
  } else if (complaint) {
    kind = 'complaint';
  } else {
    kind = 'other';
  }
  if (p.tokens.some((t) => PRAISE_WORDS.has(t)) && !needsAnswer) itemIds.push('praise');
  if (complaint && !needsAnswer) itemIds.push('complaint');

  const abuse = isAbusive(p);
  if (abuse.abusive) itemIds.push('abusive');
  const reasons = [...new Set([...itemIds, ...sentenceIds])];
  return { needsAnswer, kind, lang, score, abusive: abuse.abusive, reasons };
}
