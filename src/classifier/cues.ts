/**
 * The interpretable features of a citizen item, before any weighting. Every feature is a stable id that a
 * reviewer can read ('qmark', 'wh-word', 'tag-end', 'we-subject' …); `model.ts` weighs them with weights
 * learned from the development corpus (`train.ts`).
 *
 * Sentence features (`sentence-cues.ts`) follow Norwegian word order: a wh-word is a question when the finite verb follows it
 * (V2: "Når kommer bussen"), not when a subject does ("Når bussen kommer, …"); a verb-first sentence is a
 * yes/no question only when a subject follows the verb ("Er det …" versus the subject-dropped "Er så lei").
 * Item features say who is addressed (the account, a tagged or named resident, the other residents) and
 * whether a problem is stated.
 */
import {
  ACCOUNT_ADDRESS,
  COMPLAINT_EMOJI,
  COMPLAINT_PHRASES,
  COMPLAINT_WORDS,
  IMPERATIVES,
  LEADING_SKIP,
  NOT_NAMES,
  POSITIVE_EMOJI,
  PRAISE_WORDS,
  SEASONS,
  SMILE_EMOJI,
  SEASON_GREETING,
  PROBLEM_WORDS,
  SPAM_PHRASES,
  SUBJECT_PRONOUNS,
  V1_VERBS,
  WH_AMBIGUOUS,
  WH_STRONG,
} from './lexicon.js';
import { phraseMatcher } from './phrase.js';
import { sentenceCues } from './sentence-cues.js';
import type { SentenceCues } from './sentence-cues.js';
import type { Prepared } from './text.js';
import { NEGATIONS } from './word-order.js';

export { isRequestSentence, sentenceCues } from './sentence-cues.js';
export type { SentenceCues } from './sentence-cues.js';

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

const SPAM_M = phraseMatcher([['spam', SPAM_PHRASES]]);
const COMPLAINT_M = phraseMatcher([['complaint', COMPLAINT_PHRASES]]);
/** Forms of address to the public rather than the account: "Husk refleks, folkens!". */
const PUBLIC_ADDRESS = new Set(['folkens', 'godtfolk']);
const SOMEONE = new Set(['noen', 'nokon', 'nån', 'nåkon', 'anyone', 'someone', 'somebody', 'anybody']);
const STAFF_PREP = new Set(['i', 'fra', 'frå', 'på', 'hos', 'at', 'from', 'in']);
const STAFF = new Set(['kommunen', 'kommuna', 'rådhuset', 'servicetorget', 'teknisk', 'council', 'municipality']);
const NAMED_QUESTION_RE = /^(\p{Lu}\p{Ll}+)\s+(\p{L}+)\s+(\p{L}+)/u;
const PLACE_PREPOSITIONS = new Set([
  'i',
  'på',
  'til',
  'te',
  'fra',
  'frå',
  'ved',
  'mot',
  'over',
  'langs',
  'gjennom',
  'in',
  'at',
  'on',
  'to',
  'from',
  'near',
]);
const WISH_NEXT = new Set(['om', 'hvis', 'viss', 'dersom', 'med', 'if']);
const WISH_BEFORE = new Set(['vært', 'vore', 'være', 'vere', 'be']);
const THANKS = new Set(['takk', 'thanks', 'tusen']);
/** Plural "you": the account, unless the text first says "dere andre" / "dokker andre". */
const YOU_PLURAL = new Set(['dere', 'deres', 'dykk', 'dykkar', 'dokker', 'dokk', 'dåkker']);
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
const DURATION_UNITS = new Set([
  'uker',
  'uke',
  'uka',
  'veker',
  'veke',
  'veka',
  'dager',
  'dagar',
  'døgn',
  'måneder',
  'månader',
  'mnd',
  'år',
  'weeks',
  'days',
  'months',
]);
const STILL_AGAIN = new Set(['fortsatt', 'framleis', 'fremdeles', 'enda', 'ennå', 'enno', 'igjen', 'att', 'still', 'again', 'nok']);

/**
 * A praise word that praises: not the wish of "hadde vært fint om …" / "fint med en benk", and not the "takk"
 * that closes a request ("Sett opp en søppelkasse ved badeplassen takk").
 */
function isPraise(t: readonly string[], k: number, request: boolean): boolean {
  const w = t[k] ?? '';
  if (!PRAISE_WORDS.has(w)) return false;
  if (WISH_NEXT.has(t[k + 1] ?? '') || WISH_BEFORE.has(t[k - 1] ?? '')) return false;
  return !(request && THANKS.has(w));
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
  // Once a text says "dokker andre", its later "dokker" are those residents too ("…, har dokker fått vatn att?").
  const othersAddressed = tokens.some((t, i) => YOU_PLURAL.has(t) && tokens[i + 1] === 'andre');
  // "noen i kommunen", "nokon frå teknisk", "anyone at the council": the question is put to the staff.
  const asksStaff = tokens.some((t, i) => SOMEONE.has(t) && STAFF_PREP.has(tokens[i + 1] ?? '') && STAFF.has(tokens[i + 2] ?? ''));
  const addressesAccount =
    pageMention ||
    asksStaff ||
    tokens.some(
      (t, i) => (ACCOUNT_ADDRESS.has(t) || YOU_PLURAL.has(t)) && tokens[i + 1] !== 'andre' && !(othersAddressed && YOU_PLURAL.has(t)),
    );
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
  if (name && !KNOWN_WORDS.has((name[1] ?? '').toLowerCase()) && !KNOWN_WORDS.has((name[2] ?? '').toLowerCase()))
    features.push('name-start');
  const voc = VOCATIVE_RE.exec(p.original);
  if (voc && !KNOWN_WORDS.has((voc[1] ?? '').toLowerCase()) && tokens.some((t) => SECOND_SINGULAR_OR_WE.has(t))) elsewhere.push('vocative');
  // A name without a comma before a question to "du"/"vi": "Sarah are you going tomorrow?", "Guro skal vi …".
  const named = NAMED_QUESTION_RE.exec(p.original);
  if (
    named &&
    !KNOWN_WORDS.has((named[1] ?? '').toLowerCase()) &&
    V1_VERBS.has((named[2] ?? '').toLowerCase()) &&
    SECOND_SINGULAR_OR_WE.has((named[3] ?? '').toLowerCase())
  )
    elsewhere.push('vocative');
  const end = NAME_END_RE.exec(p.original);
  // A capitalised word after a preposition is a place ("… for oss som bor i Hegglia?"), not a name.
  const afterPreposition = PLACE_PREPOSITIONS.has(tokens.at(-2) ?? '');
  if (
    end &&
    !afterPreposition &&
    !KNOWN_WORDS.has((end[2] ?? '').toLowerCase()) &&
    (end[1] === ',' || tokens.some((t) => SECOND_SINGULAR_OR_WE.has(t)))
  )
    elsewhere.push('name-end');
  if (tokens.some((t) => PUBLIC_ADDRESS.has(t))) elsewhere.push('public-address');
  if (sentences.some((s) => s.features.includes('residents-asked'))) elsewhere.push('to-residents');
  for (const e of elsewhere) features.push(e);
  const isElsewhere = elsewhere.length > 0 && !addressesAccount;
  if (isElsewhere) features.push('elsewhere');
  // Asked among residents, but the municipality is addressed too: by its page ("… @Voss herad") or as "dere"
  // ("Hva sier dere i kommunen?"), which is stronger than the noun alone ("Vet noen om kommunen har …?").
  else if (elsewhere.length > 0)
    features.push(pageMention || asksStaff || tokens.some((t) => YOU_PLURAL.has(t)) ? 'elsewhere-but-account' : 'elsewhere-but-kommunen');

  if (SPAM_M.any(tokens)) features.push('spam');
  if (p.original.includes('🤔')) features.push('thinking-emoji');
  // Praise before the question ("Takk for info! Gjelder dette også …?") is politeness; praise in or after it
  // ("Kan det bli bedre enn dette? 😍", "… ? Fantastisk!") says the question was not meant.
  const qIndex = sentences.findIndex((s) => s.question);
  const praiseAt = p.sentences.map((s, i) =>
    s.tokens.some(
      (t, k) => isPraise(s.tokens, k, sentences[i]?.request ?? false) || (SEASONS.has(t) && SEASON_GREETING.has(s.tokens[k - 1] ?? '')),
    ),
  );
  if (praiseAt.some((x, i) => x && i >= qIndex)) features.push('praise');
  else if (praiseAt.some((x) => x)) features.push('praise-before-question');
  if (POSITIVE_EMOJI.some((e) => p.original.includes(e))) features.push('positive-emoji');
  if (SMILE_EMOJI.some((e) => p.original.includes(e))) features.push('smile-emoji');
  // A question followed by an exclamation: "Hvem hadde trodd det? Fantastisk!".
  if (qIndex >= 0 && sentences.slice(qIndex + 1).some((s) => s.features.includes('excl') && !s.question))
    features.push('question-then-exclamation');
  if (sentences.length >= 2) features.push('several-sentences');

  // A stated problem.
  const problem: string[] = [];
  if (tokens.some((t) => COMPLAINT_WORDS.has(t)) || COMPLAINT_M.any(tokens)) problem.push('complaint-word');
  if (tokens.some((t) => PROBLEM_WORDS.has(t))) problem.push('problem-word');
  if (COMPLAINT_EMOJI.some((e) => p.original.includes(e))) problem.push('complaint-emoji');
  if (tokens.some((t) => NEGATIONS.has(t))) problem.push('negation');
  if (tokens.some((t) => STILL_AGAIN.has(t))) problem.push('still-again');
  if (
    tokens.some(
      (t, i) =>
        DURATION_UNITS.has(t) &&
        i > 0 &&
        /^(?:\d+|to|tre|fire|fem|seks|ei|en|ein|et|eit|flere|fleire|mange|two|three|several)$/u.test(tokens[i - 1] ?? ''),
    )
  )
    problem.push('duration');
  if (sentences.some((s) => s.rhetorical)) problem.push('rhetorical-any');
  if (sentences.some((s) => !s.question && !s.request)) problem.push('statement');
  if (/\p{Lu}{4,}/u.test(p.original) && p.original === p.original.toUpperCase()) problem.push('all-caps');
  const stems = [...new Set(tokens.filter((t) => t.length >= 3).map((t) => `stem:${t.slice(0, 5)}`))];
  return { features, sentences, problem, stems, elsewhere: isElsewhere };
}
