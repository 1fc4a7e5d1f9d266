import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { evaluate, parseLabelled } from '../../../src/classifier/evaluate.js';
import type { LabelledItem, Scores } from '../../../src/classifier/evaluate.js';

const load = (name: string): LabelledItem[] =>
  parseLabelled(readFileSync(new URL(`../../fixtures/classifier/${name}.jsonl`, import.meta.url), 'utf8'));

// dev-2.jsonl was written as a second held-out batch, scored once (see the fixture README), then tuned on.
const dev = [...load('dev'), ...load('dev-2')];
const heldout = load('heldout');
const fmt = (s: Scores): string =>
  `n=${s.n} P=${s.precision.toFixed(3)} (≥${s.precisionLow.toFixed(2)}) R=${s.recall.toFixed(3)} (≥${s.recallLow.toFixed(2)}) ` +
  `F1=${s.f1.toFixed(3)} tp=${s.tp} fp=${s.fp} fn=${s.fn} tn=${s.tn} kind-acc=${s.kindAccuracy.toFixed(3)} lang-acc=${s.langAccuracy.toFixed(3)}`;

function report(name: string, items: readonly LabelledItem[]): Scores {
  const { scores, byLang, misses } = evaluate(items);
  console.log(`[classifier] ${name}: ${fmt(scores)}`);
  for (const [lang, s] of [...byLang].sort(([a], [b]) => a.localeCompare(b))) console.log(`[classifier]   ${name}/${lang}: ${fmt(s)}`);
  for (const m of misses) console.log(`[classifier]   ${m.predicted ? 'FP' : 'FN'} ${m.score} ${JSON.stringify(m.item.text)} [${m.reasons.join(',')}]`);
  return scores;
}

describe('labelled evaluation set', () => {
  test('has at least 400 items, 100 held out, and a third hard negatives', () => {
    expect(dev.length + heldout.length).toBeGreaterThanOrEqual(400);
    expect(heldout.length).toBeGreaterThanOrEqual(100);
    expect(dev.every((i) => i.split === 'dev')).toBe(true);
    expect(heldout.every((i) => i.split === 'heldout')).toBe(true);
    const negatives = [...dev, ...heldout].filter((i) => !i.needsAnswer).length;
    expect(negatives / (dev.length + heldout.length)).toBeGreaterThan(1 / 3);
  });

  test('dev: precision and recall for needsAnswer are at least 0.90', () => {
    const s = report('dev', dev);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
  });

  test('held-out (rules not tuned on it): precision and recall are at least 0.85', () => {
    const s = report('heldout', heldout);
    expect(s.precision).toBeGreaterThanOrEqual(0.85);
    expect(s.recall).toBeGreaterThanOrEqual(0.85);
  });
});
