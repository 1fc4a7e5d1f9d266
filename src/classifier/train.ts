/**
 * Fits the weights of `model.ts` to the development corpus and writes `assets/classifier-weights.json`
 * (read by `weights.ts`):
 *
 *   npx tsx src/classifier/train.ts
 *
 * Only the development files are read (DEV_FILES); the held-out file is never opened here. Full-batch
 * gradient descent on the L2-regularised log loss from all-zero weights, a fixed number of steps: the same
 * corpus always gives the same weights, and a unit test checks that the committed weights are exactly
 * what this produces, so no weight is set by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { itemCues } from './cues.js';
import type { ItemCues } from './cues.js';
import { parseLabelled } from './corpus.js';
import type { LabelledItem } from './corpus.js';
import { WEIGHTS_FILE, allFeatures, itemFeatures } from './model.js';
import type { Weights } from './model.js';
import { prepare } from './text.js';
import { projectUrl } from '../project-root.js';

export const DEV_FILES = ['dev', 'dev-2', 'dev-3', 'dev-4', 'dev-5', 'dev-6', 'dev-7'] as const;
/** Steps, step size and the L2 penalty on the mean log loss (which keeps rare features from extreme weights). */
export type TrainOptions = { steps: number; rate: number; l2: number };
export const TRAIN_OPTIONS: TrainOptions = { steps: 3000, rate: 0.5, l2: 0.001 };

type Example = { cues: ItemCues; y: number };

/** The items of some corpus files, each tagged with the file it came from. */
export function loadDevFiles(dir: URL, files: readonly string[]): Array<LabelledItem & { file: string }> {
  return files.flatMap((name) => parseLabelled(readFileSync(new URL(`${name}.jsonl`, dir), 'utf8')).map((i) => ({ ...i, file: name })));
}

export function loadDev(dir: URL): LabelledItem[] {
  return loadDevFiles(dir, DEV_FILES);
}

function examples(items: readonly LabelledItem[], label: (i: LabelledItem) => boolean): Example[] {
  const out: Example[] = [];
  for (const item of items) {
    const p = prepare(item.text);
    if (p.tokens.length === 0) continue; // decided before the model: empty, emoji-only, tag-only …
    out.push({ cues: itemCues(p, item.replyToCitizen ?? false), y: label(item) ? 1 : 0 });
  }
  return out;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function finish(bias: number, w: Map<string, number>): Weights {
  const features: Record<string, number> = {};
  for (const k of [...w.keys()].sort()) {
    const v = round(w.get(k) ?? 0);
    if (v !== 0) features[k] = v;
  }
  return { bias: round(bias), features };
}

/**
 * One full-batch descent: `pass` walks the examples with the current weights, adds each feature's gradient
 * through `add` and returns the bias gradient; the weights then take one L2-regularised step.
 */
type Pass = (get: (f: string) => number, bias: number, add: (f: string, g: number) => void) => number;

function descend(n: number, o: TrainOptions, pass: Pass): Weights {
  const w = new Map<string, number>();
  let bias = 0;
  const get = (f: string): number => w.get(f) ?? 0;
  for (let step = 0; step < o.steps; step++) {
    const grad = new Map<string, number>();
    const gBias = pass(get, bias, (f, g) => grad.set(f, (grad.get(f) ?? 0) + g));
    bias -= (o.rate * gBias) / n;
    for (const [f, g] of grad) w.set(f, get(f) - o.rate * (g / n + o.l2 * get(f)));
  }
  return finish(bias, w);
}

/** needsAnswer: soft maximum over sentences (see model.ts), so the gradient is shared by softmax weight. */
export function trainNeedsAnswer(items: readonly LabelledItem[], o: TrainOptions = TRAIN_OPTIONS): Weights {
  const data = examples(items, (i) => i.needsAnswer);
  return descend(data.length, o, (get, bias, add) => {
    let gBias = 0;
    for (const { cues, y } of data) {
      const scores = cues.sentences.map((s) => s.features.reduce((a, f) => a + get(f), 0));
      const max = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - max));
      const z = exps.reduce((a, b) => a + b, 0);
      const item = itemFeatures(cues);
      const g = 1 / (1 + Math.exp(-(bias + item.reduce((a, f) => a + get(f), 0) + max + Math.log(z)))) - y;
      gBias += g;
      for (const f of item) add(f, g);
      cues.sentences.forEach((s, i) => {
        const share = g * ((exps[i] ?? 0) / z);
        for (const f of s.features) add(f, share);
      });
    }
    return gBias;
  });
}

/** complaint: plain logistic regression over every feature of the item. */
export function trainComplaint(items: readonly LabelledItem[], o: TrainOptions = TRAIN_OPTIONS): Weights {
  const data = examples(items, (i) => i.kind === 'complaint').map((e) => ({ features: allFeatures(e.cues), y: e.y }));
  return descend(data.length, o, (get, bias, add) => {
    let gBias = 0;
    for (const { features, y } of data) {
      const g = 1 / (1 + Math.exp(-(bias + features.reduce((a, f) => a + get(f), 0)))) - y;
      gBias += g;
      for (const f of features) add(f, g);
    }
    return gBias;
  });
}

/** The text of `assets/classifier-weights.json` (see weights.ts): same corpus, same bytes. */
export function weightsSource(needsAnswer: Weights, complaint: Weights, n: number): string {
  const comment = `Generated by npx tsx src/classifier/train.ts from the development corpus (tests/fixtures/classifier/${DEV_FILES.join(', ')}.jsonl). Do not edit by hand: retrain.`;
  return `${JSON.stringify({ comment, devItems: n, needsAnswer, complaint }, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const items = loadDev(new URL('../../tests/fixtures/classifier/', import.meta.url));
  const out = projectUrl(WEIGHTS_FILE);
  writeFileSync(out, weightsSource(trainNeedsAnswer(items), trainComplaint(items), items.length));
  console.log(`wrote ${fileURLToPath(out)} from ${items.length} development items`);
}
