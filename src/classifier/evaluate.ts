/**
 * Scores the citizen classifier against a labelled set (tests/fixtures/classifier/*.jsonl): precision,
 * recall and F1 for `needsAnswer`, with Wilson 95% intervals, overall and per labelled language. Used by the
 * evaluation test and to produce the tables in docs/classifier.md.
 */
import { classifyCitizen } from './citizen.js';
import type { CitizenKind, Lang } from './citizen.js';

export type LabelledItem = {
  text: string;
  needsAnswer: boolean;
  kind: CitizenKind;
  lang: Lang;
  split: 'dev' | 'heldout';
  /** The parent item is by another resident. */
  replyToCitizen?: boolean;
  note?: string;
};

export type Scores = {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  /** Wilson 95% interval lower bounds. */
  precisionLow: number;
  recallLow: number;
  kindAccuracy: number;
  langAccuracy: number;
};

export type Miss = { item: LabelledItem; predicted: boolean; score: number; reasons: string[] };

/** Parses JSONL fixture text; throws on a malformed line so a broken fixture cannot pass silently. */
export function parseLabelled(jsonl: string): LabelledItem[] {
  return jsonl
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const o = JSON.parse(l) as Partial<LabelledItem>;
      if (typeof o.text !== 'string' || typeof o.needsAnswer !== 'boolean' || typeof o.kind !== 'string' || typeof o.lang !== 'string') {
        throw new Error(`fixture line ${i + 1} lacks text/needsAnswer/kind/lang`);
      }
      return o as LabelledItem;
    });
}

function wilsonLow(successes: number, n: number): number {
  if (n === 0) return 0;
  const z = 1.96;
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = p + (z * z) / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return (centre - margin) / denom;
}

export function evaluate(items: readonly LabelledItem[]): { scores: Scores; byLang: Map<Lang, Scores>; misses: Miss[] } {
  const misses: Miss[] = [];
  const groups = new Map<Lang | 'all', { tp: number; fp: number; fn: number; tn: number; kind: number; lang: number; n: number }>();
  const bump = (g: Lang | 'all', key: 'tp' | 'fp' | 'fn' | 'tn', kindOk: boolean, langOk: boolean): void => {
    const s = groups.get(g) ?? { tp: 0, fp: 0, fn: 0, tn: 0, kind: 0, lang: 0, n: 0 };
    s[key]++;
    s.n++;
    if (kindOk) s.kind++;
    if (langOk) s.lang++;
    groups.set(g, s);
  };
  for (const item of items) {
    const c = classifyCitizen(item.text, { replyToCitizen: item.replyToCitizen ?? false });
    const key = c.needsAnswer ? (item.needsAnswer ? 'tp' : 'fp') : item.needsAnswer ? 'fn' : 'tn';
    bump('all', key, c.kind === item.kind, c.lang === item.lang);
    bump(item.lang, key, c.kind === item.kind, c.lang === item.lang);
    if (c.needsAnswer !== item.needsAnswer) misses.push({ item, predicted: c.needsAnswer, score: c.score, reasons: c.reasons });
  }
  const toScores = (s: { tp: number; fp: number; fn: number; tn: number; kind: number; lang: number; n: number }): Scores => {
    const precision = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
    const recall = s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return {
      n: s.n,
      tp: s.tp,
      fp: s.fp,
      fn: s.fn,
      tn: s.tn,
      precision,
      recall,
      f1,
      precisionLow: wilsonLow(s.tp, s.tp + s.fp),
      recallLow: wilsonLow(s.tp, s.tp + s.fn),
      kindAccuracy: s.n === 0 ? 0 : s.kind / s.n,
      langAccuracy: s.n === 0 ? 0 : s.lang / s.n,
    };
  };
  const all = groups.get('all') ?? { tp: 0, fp: 0, fn: 0, tn: 0, kind: 0, lang: 0, n: 0 };
  const byLang = new Map<Lang, Scores>();
  for (const [g, s] of groups) if (g !== 'all') byLang.set(g, toScores(s));
  return { scores: toScores(all), byLang, misses };
}
