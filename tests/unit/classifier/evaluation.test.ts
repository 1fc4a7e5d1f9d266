/**
 * The labelled corpus and what the classifier scores on it. The held-out file was frozen (sha256 in
 * heldout.sha256, own commit) before any rule or weight of `learned-2` existed, and nothing is fitted to it:
 * training reads the development files only, and the hygiene tests below fail if a held-out text shows up
 * in the development files, a unit test or a lexicon. Thresholds sit within three points of the measured
 * figures in docs/classifier.md.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { evaluate, parseLabelled } from '../../../src/classifier/evaluate.js';
import type { LabelledItem, Scores } from '../../../src/classifier/evaluate.js';
import { WEIGHTS_FILE } from '../../../src/classifier/model.js';
import { projectUrl } from '../../../src/project-root.js';
import { DEV_FILES, loadDev, trainComplaint, trainNeedsAnswer, weightsSource } from '../../../src/classifier/train.js';

const FIXTURES = new URL('../../fixtures/classifier/', import.meta.url);
const dev = loadDev(FIXTURES);
const heldoutRaw = readFileSync(new URL('heldout.jsonl', FIXTURES), 'utf8');
const heldout = parseLabelled(heldoutRaw);

const norm = (s: string): string => s.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
const fmt = (s: Scores): string =>
  `n=${s.n} P=${s.precision.toFixed(3)} [${s.precisionLow.toFixed(2)}–${s.precisionHigh.toFixed(2)}] ` +
  `R=${s.recall.toFixed(3)} [${s.recallLow.toFixed(2)}–${s.recallHigh.toFixed(2)}] F1=${s.f1.toFixed(3)} ` +
  `tp=${s.tp} fp=${s.fp} fn=${s.fn} tn=${s.tn} kind=${s.kindAccuracy.toFixed(3)} ` +
  `complaint-recall=${s.complaintRecall.toFixed(3)} (${s.complaints}) lang≥3w=${s.langAccuracy.toFixed(3)} (${s.langN})`;

/**
 * Prints the aggregate figures. Individual misses are printed for the development corpus only: the held-out
 * set is never read item by item, so that nothing can be fitted to its errors.
 */
function report(name: string, items: readonly LabelledItem[], showMisses: boolean): { scores: Scores; byLang: Map<string, Scores> } {
  const { scores, byLang, misses } = evaluate(items);
  console.log(`[classifier] ${name}: ${fmt(scores)}`);
  for (const [lang, s] of [...byLang].sort(([a], [b]) => a.localeCompare(b))) console.log(`[classifier]   ${name}/${lang}: ${fmt(s)}`);
  if (showMisses)
    for (const m of misses)
      console.log(`[classifier]   ${m.predicted ? 'FP' : 'FN'} ${m.score} ${JSON.stringify(m.item.text)} [${m.reasons.join(',')}]`);
  return { scores, byLang };
}

/** String literals of the TypeScript files under `dir` (recursively). */
function literals(dir: URL): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const src = readFileSync(`${entry.parentPath}/${entry.name}`, 'utf8');
    for (const m of src.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/gu))
      out.push(norm(m[1] ?? m[2] ?? m[3] ?? ''));
  }
  return out;
}

describe('labelled corpus', () => {
  test('has at least 1,500 items, 400 of them held out, and a third negatives', () => {
    expect(dev.length + heldout.length).toBeGreaterThanOrEqual(1500);
    expect(heldout.length).toBeGreaterThanOrEqual(400);
    expect(dev.every((i) => i.split === 'dev')).toBe(true);
    expect(heldout.every((i) => i.split === 'heldout')).toBe(true);
    const all = [...dev, ...heldout];
    expect(all.filter((i) => !i.needsAnswer).length / all.length).toBeGreaterThan(1 / 3);
  });

  test('the held-out file is the one frozen before tuning', () => {
    const recorded = readFileSync(new URL('heldout.sha256', FIXTURES), 'utf8').split(/\s+/u)[0];
    expect(createHash('sha256').update(heldoutRaw).digest('hex')).toBe(recorded);
  });

  test('no held-out text is in the development files', () => {
    const devTexts = new Set(dev.map((i) => norm(i.text)));
    expect(heldout.filter((i) => devTexts.has(norm(i.text))).map((i) => i.text)).toEqual([]);
  });

  test('no held-out text is in a test, a lexicon or any classifier source', () => {
    const lits = [...literals(new URL('../../', import.meta.url)), ...literals(new URL('../../../src/classifier/', import.meta.url))];
    const leaked = heldout.map((i) => norm(i.text)).filter((h) => lits.some((l) => l === h || (h.length >= 12 && l.includes(h))));
    expect(leaked).toEqual([]);
  });

  test('the committed weights are exactly what training on the development files gives', { timeout: 180_000 }, () => {
    const committed = readFileSync(projectUrl(WEIGHTS_FILE), 'utf8');
    expect(DEV_FILES).not.toContain('heldout');
    expect(committed).toBe(weightsSource(trainNeedsAnswer(dev), trainComplaint(dev), dev.length));
  });
});

describe('quality', () => {
  test('development corpus (trained on: optimistic by construction)', () => {
    const { scores } = report('dev', dev, true);
    expect(scores.precision).toBeGreaterThanOrEqual(0.9);
    expect(scores.recall).toBeGreaterThanOrEqual(0.9);
  });

  // Measured (docs/classifier.md, third scoring, learned-3): P 0.931 R 0.960; nn P 0.929 R 0.981; non-Norwegian
  // P 0.948 R 0.948; language accuracy 0.965 on ≥ 3 words; complaint recall 0.889. Each bound is within three points.
  test('held-out (never tuned on)', () => {
    const { scores, byLang } = report('heldout', heldout, false);
    const nn = byLang.get('nn');
    const foreign = byLang.get('non-norwegian');
    expect(scores.precision).toBeGreaterThanOrEqual(0.91);
    expect(scores.recall).toBeGreaterThanOrEqual(0.94);
    expect(nn?.precision).toBeGreaterThanOrEqual(0.9);
    expect(nn?.recall).toBeGreaterThanOrEqual(0.96);
    expect(foreign?.precision).toBeGreaterThanOrEqual(0.92);
    expect(foreign?.recall).toBeGreaterThanOrEqual(0.92);
    expect(scores.langAccuracy).toBeGreaterThanOrEqual(0.94);
    expect(scores.complaintRecall).toBeGreaterThanOrEqual(0.87);
  });
});
