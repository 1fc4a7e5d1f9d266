/**
 * Scores the topic classifier against a labelled set: per topic precision, recall and F1 over label sets
 * (a topic counts as predicted when it is anywhere in the list), macro-F1 over the topics present in the set,
 * accuracy of the primary topic, and the confusion matrix of primary topics ('-' = no topic).
 */
import { wilsonInterval } from '../indicators/wilson.js';
import { classifyTopics } from './classify.js';
import { TOPIC_IDS } from './labels.js';
import type { TopicId } from './labels.js';

export type LabelledTopics = { text: string; topics: TopicId[]; kind: string; lang: string };
export type TopicScore = {
  topic: TopicId;
  n: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
};
export type TopicReport = {
  n: number;
  perTopic: TopicScore[];
  macroF1: number;
  primaryAccuracy: number;
  primaryAccuracyCi: [number, number] | null;
  exactSetAccuracy: number;
  noneAccuracy: { n: number; correct: number };
  /** confusion[gold][predicted], primary topics, '-' for none. */
  confusion: Record<string, Record<string, number>>;
};

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function parseTopicCorpus(raw: string): LabelledTopics[] {
  return raw
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabelledTopics);
}

export function evaluateTopics(
  items: LabelledTopics[],
  classify: (text: string) => TopicId[] = (t) => classifyTopics(t).topics,
): TopicReport {
  const counts = new Map<TopicId, { n: number; tp: number; fp: number; fn: number }>(
    TOPIC_IDS.map((t) => [t, { n: 0, tp: 0, fp: 0, fn: 0 }]),
  );
  const keys = ['-', ...TOPIC_IDS];
  const confusion: Record<string, Record<string, number>> = Object.fromEntries(
    keys.map((g) => [g, Object.fromEntries(keys.map((p) => [p, 0]))]),
  );
  let primaryOk = 0;
  let exact = 0;
  const none = { n: 0, correct: 0 };
  for (const item of items) {
    const predicted = classify(item.text);
    for (const t of TOPIC_IDS) {
      const c = counts.get(t);
      if (c === undefined) continue;
      const gold = item.topics.includes(t);
      const pred = predicted.includes(t);
      if (gold) c.n++;
      if (gold && pred) c.tp++;
      else if (pred) c.fp++;
      else if (gold) c.fn++;
    }
    const g = item.topics[0] ?? '-';
    const p = predicted[0] ?? '-';
    const row = confusion[g];
    if (row !== undefined) row[p] = (row[p] ?? 0) + 1;
    if (g === p) primaryOk++;
    if (item.topics.length === predicted.length && item.topics.every((t) => predicted.includes(t))) exact++;
    if (item.topics.length === 0) {
      none.n++;
      if (predicted.length === 0) none.correct++;
    }
  }
  const perTopic: TopicScore[] = TOPIC_IDS.map((topic) => {
    const c = counts.get(topic) ?? { n: 0, tp: 0, fp: 0, fn: 0 };
    const precision = c.tp + c.fp === 0 ? null : round(c.tp / (c.tp + c.fp));
    const recall = c.n === 0 ? null : round(c.tp / c.n);
    const f1 =
      precision === null || recall === null || precision + recall === 0
        ? c.n === 0
          ? null
          : 0
        : round((2 * precision * recall) / (precision + recall));
    return { topic, ...c, precision, recall, f1 };
  });
  const present = perTopic.filter((s) => s.n > 0);
  const macroF1 = round(present.reduce((a, s) => a + (s.f1 ?? 0), 0) / Math.max(1, present.length));
  const ci = wilsonInterval(primaryOk, items.length);
  return {
    n: items.length,
    perTopic,
    macroF1,
    primaryAccuracy: round(primaryOk / Math.max(1, items.length)),
    primaryAccuracyCi: ci === null ? null : [round(ci.low), round(ci.high)],
    exactSetAccuracy: round(exact / Math.max(1, items.length)),
    noneAccuracy: none,
    confusion,
  };
}
