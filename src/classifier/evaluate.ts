/**
 * Scores the citizen classifier against a labelled set (tests/fixtures/classifier/*.jsonl): precision,
 * recall and F1 for `needsAnswer`, with Wilson 95% intervals, kind accuracy, complaint recall and language
 * accuracy on texts of three words or more; overall, per labelled language and for the groups 'foreign'
 * (neither Norwegian nor English) and 'non-norwegian' (English and foreign). Used by the evaluation test and
 * to produce the tables in docs/classifier.md.
 */
import { classifyCitizen } from './citizen.js';
import type { LabelledItem } from './corpus.js';
import { prepare } from './text.js';

export { parseLabelled } from './corpus.js';
export type { Addressee, LabelledItem } from './corpus.js';

export type Scores = {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  /** Wilson 95% interval bounds. */
  precisionLow: number;
  precisionHigh: number;
  recallLow: number;
  recallHigh: number;
  kindAccuracy: number;
  /** Items labelled complaint that were classified complaint, of all labelled complaint. */
  complaints: number;
  complaintRecall: number;
  /** Language accuracy on items with at least three words (after tags, links and placeholders are removed). */
  langN: number;
  langAccuracy: number;
};

type Counts = {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  kind: number;
  n: number;
  complaints: number;
  complaintHits: number;
  langN: number;
  lang: number;
};
const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0, tn: 0, kind: 0, n: 0, complaints: 0, complaintHits: 0, langN: 0, lang: 0 });
const NORWEGIAN_OR_ENGLISH: ReadonlySet<string> = new Set(['nb', 'nn', 'en', 'other']);

export type Miss = { item: LabelledItem; predicted: boolean; score: number; reasons: string[] };

/** Wilson score 95% interval of a proportion. */
export function wilson(successes: number, n: number): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const z = 1.96;
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = p + (z * z) / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return { low: (centre - margin) / denom, high: (centre + margin) / denom };
}

export function evaluate(items: readonly LabelledItem[]): { scores: Scores; byLang: Map<string, Scores>; misses: Miss[] } {
  const misses: Miss[] = [];
  const groups = new Map<string, Counts>();
  for (const item of items) {
    const c = classifyCitizen(item.text, { replyToCitizen: item.replyToCitizen ?? false });
    const key = c.needsAnswer ? (item.needsAnswer ? 'tp' : 'fp') : item.needsAnswer ? 'fn' : 'tn';
    const words = prepare(item.text).tokens.length;
    const names = ['all', item.lang];
    if (!NORWEGIAN_OR_ENGLISH.has(item.lang)) names.push('foreign');
    if (item.lang !== 'nb' && item.lang !== 'nn' && item.lang !== 'other') names.push('non-norwegian');
    for (const g of names) {
      const s = groups.get(g) ?? zero();
      s[key]++;
      s.n++;
      if (c.kind === item.kind) s.kind++;
      if (item.kind === 'complaint') {
        s.complaints++;
        if (c.kind === 'complaint') s.complaintHits++;
      }
      if (words >= 3) {
        s.langN++;
        if (c.lang === item.lang) s.lang++;
      }
      groups.set(g, s);
    }
    if (c.needsAnswer !== item.needsAnswer) misses.push({ item, predicted: c.needsAnswer, score: c.score, reasons: c.reasons });
  }
  const toScores = (s: Counts): Scores => {
    const precision = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
    const recall = s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    const p = wilson(s.tp, s.tp + s.fp);
    const r = wilson(s.tp, s.tp + s.fn);
    return {
      n: s.n,
      tp: s.tp,
      fp: s.fp,
      fn: s.fn,
      tn: s.tn,
      precision,
      recall,
      f1,
      precisionLow: p.low,
      precisionHigh: p.high,
      recallLow: r.low,
      recallHigh: r.high,
      kindAccuracy: s.n === 0 ? 0 : s.kind / s.n,
      complaints: s.complaints,
      complaintRecall: s.complaints === 0 ? 1 : s.complaintHits / s.complaints,
      langN: s.langN,
      langAccuracy: s.langN === 0 ? 1 : s.lang / s.langN,
    };
  };
  const byLang = new Map<string, Scores>();
  for (const [g, s] of groups) if (g !== 'all') byLang.set(g, toScores(s));
  return { scores: toScores(groups.get('all') ?? zero()), byLang, misses };
}
