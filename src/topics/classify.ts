/**
 * What service is a resident's question (or a municipality's post) about? One of the fixed topic ids
 * (labels.ts), several allowed, the primary first; `[]` for text about no municipal service.
 *
 * Method (measured quality in docs/topics.md): the text's tokens are matched against the hand lexicon of
 * residents' words (lexicon.ts: colloquial, nynorsk, dialect, English; stems catch inflections and compounds:
 * "søppeldunken", "bosshenting", "brøytinga", "brøytebilen", "vasslekkasje") and against the Los vocabulary
 * (assets/los-topics.json). Each topic scores the sum of the weights of its distinct terms found. The
 * primary topic is the highest score (ties: the stronger single term, then the earlier one); a further topic
 * is kept when it scores at least SECONDARY_MIN and SECONDARY_SHARE of the primary's score. `annet` (a Los
 * area outside the named fourteen) competes like the others but gives way to a named topic on a tie. `reasons` lists the deciding terms as
 * `topic:term` (`los:` marks a Los label or synonym), so a reviewer can see why.
 */
import { TOPIC_IDS } from './labels.js';
import type { TopicId } from './labels.js';
import { Matcher, allTerms, compile, tokenize } from './matcher.js';
import type { Hit } from './matcher.js';

export type TopicClassification = {
  /** Topic ids, primary first; [] when the text is about no municipal service. */
  topics: TopicId[];
  /** The terms that decided, as `topic:term`, for the topics reported, in the order of `topics`. */
  reasons: string[];
};

/** Lowest score for a topic at all: one weak term (weight 1) is enough when nothing else is found. */
const PRIMARY_MIN = 1;
/** A second topic needs a strong term (or two weak ones) … */
const SECONDARY_MIN = 2;
/**
 * … and as much as the primary's score. Chosen on the development corpus: at 0.5, places named in passing
 * ("ved skolen", "på legevakta") became second topics; at 1 macro-F1 rose from 0.947 to 0.951 and
 * exact-set accuracy from 0.893 to 0.918.
 */
const SECONDARY_SHARE = 1;

let matcher: Matcher | undefined;
function getMatcher(): Matcher {
  matcher ??= new Matcher(compile(allTerms()));
  return matcher;
}

type Score = { topic: TopicId; score: number; best: number; first: number; terms: string[] };

export function classifyTopics(text: string): TopicClassification {
  const tokens = tokenize(text);
  if (tokens.length === 0) return { topics: [], reasons: [] };
  return decide(getMatcher().hits(tokens));
}

export function decide(hits: Hit[]): TopicClassification {
  if (hits.length === 0) return { topics: [], reasons: [] };
  const byTopic = new Map<TopicId, Score>();
  for (const h of hits) {
    let s = byTopic.get(h.term.topic);
    if (s === undefined) {
      s = { topic: h.term.topic, score: 0, best: 0, first: h.position, terms: [] };
      byTopic.set(h.term.topic, s);
    }
    if (s.terms.includes(h.term.term)) continue;
    s.terms.push(h.term.term);
    s.score += h.term.weight;
    s.best = Math.max(s.best, h.term.weight);
    s.first = Math.min(s.first, h.position);
  }
  // On equal scores a named service comes before `annet`, then the stronger single term, then the earlier one.
  const ranked = [...byTopic.values()]
    .filter((s) => s.score >= PRIMARY_MIN)
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(a.topic === 'annet') - Number(b.topic === 'annet') ||
        b.best - a.best ||
        a.first - b.first ||
        TOPIC_IDS.indexOf(a.topic) - TOPIC_IDS.indexOf(b.topic),
    );
  const top = ranked[0];
  if (top === undefined) return { topics: [], reasons: [] };
  const chosen = [top, ...ranked.slice(1).filter((s) => s.score >= SECONDARY_MIN && s.score >= top.score * SECONDARY_SHARE)];
  return { topics: chosen.map((s) => s.topic), reasons: chosen.flatMap((s) => s.terms.map((t) => `${s.topic}:${t}`)) };
}
