/**
 * Does a citizen item need an answer from the municipality, what kind of item is it, and why?
 *
 * Method (details and measured quality in docs/classifier.md):
 * 1. `prepare` normalises (NFC, lower case, "hvorfooor" → "hvorfor"), strips @-tags, URLs and redaction
 *    placeholders, and splits into sentences and clauses.
 * 2. `itemCues` turns the item into interpretable features: question and request cues per sentence
 *    (word order, question words of eleven languages, "?" of every script), rhetorical forms, who is
 *    addressed (a tag or name anywhere, "noen som …", a reply to a resident, the municipality), stated
 *    problems.
 * 3. Two logistic models with weights learned from the development corpus (`train.ts` → `weights.ts`) give
 *    the probability that the item needs an answer (`score`; `needsAnswer` is `score >= 0.65`) and that it
 *    states a problem (`kind: 'complaint'`, whether or not it also asks).
 * 4. `reasons` lists the stable ids of every cue that fired, so a reviewer can see why.
 */
import { isAbusive } from './abusive.js';
import { isRequestSentence, itemCues } from './cues.js';
import { detectLang } from './language.js';
import type { Lang } from './language.js';
import { complaintLogit, needsAnswerLogit, sigmoid } from './model.js';
import { hasEmoji, prepare } from './text.js';
import { COMPLAINT_THRESHOLD, NEEDS_ANSWER_THRESHOLD } from './thresholds.js';
import { COMPLAINT_WEIGHTS, NEEDS_ANSWER_WEIGHTS } from './weights.js';

export type { Lang } from './language.js';
export { NEEDS_ANSWER_THRESHOLD } from './thresholds.js';
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
  /** 0..1 probability that the item needs an answer (logistic model over the cues). */
  score: number;
  abusive: boolean;
  /** Stable cue ids, e.g. 'qmark', 'wh-word:hvordan', 'lurer-paa', 'exclamative', 'tag-end', 'elsewhere'. */
  reasons: string[];
};

const NUDGE_RE = /^[?？❓❔؟🤔\s]+$/u;
/** A bare "?" under one's own comment: a nudge to the account, above the decision threshold. */
const NUDGE_SCORE = 0.85;
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

  const cues = itemCues(p, ctx.replyToCitizen ?? false);
  const { logit, sentenceScores } = needsAnswerLogit(NEEDS_ANSWER_WEIGHTS, cues);
  const score = Math.round(sigmoid(logit) * 1000) / 1000;
  const needsAnswer = score >= NEEDS_ANSWER_THRESHOLD;
  const complaint = sigmoid(complaintLogit(COMPLAINT_WEIGHTS, cues)) >= COMPLAINT_THRESHOLD;

  const best = cues.sentences[sentenceScores.indexOf(Math.max(...sentenceScores))];
  const anyQuestion = cues.sentences.some((s) => s.question);
  const anyRequest = cues.sentences.some((s) => s.request);
  const anyRhetorical = cues.sentences.some((s) => s.rhetorical);
  let kind: CitizenKind;
  if (complaint) kind = 'complaint';
  else if (needsAnswer) kind = (best !== undefined && isRequestSentence(best)) || (anyRequest && !anyQuestion) ? 'request' : 'question';
  else if ((anyQuestion || anyRequest) && cues.elsewhere && !anyRhetorical) kind = 'question';
  else kind = 'other';

  const itemIds = [...cues.features];
  if (kind === 'complaint') itemIds.push('complaint');
  const abuse = isAbusive(p);
  if (abuse.abusive) itemIds.push('abusive');
  const reasons = [...new Set([...itemIds, ...cues.sentences.flatMap((s) => s.ids)])];
  return { needsAnswer, kind, lang, score, abusive: abuse.abusive, reasons };
}
