/**
 * The learned part of the citizen classifier: logistic models over the interpretable features of `cues.ts`,
 * with weights fitted to the development corpus by `train.ts` and committed in `weights.ts`.
 *
 * needsAnswer: log-odds = bias + Σ item features + log Σ_sentences exp(Σ sentence features). The soft
 * maximum over sentences keeps "a comment is a question if any of its sentences is" ("Takk for info!
 * Gjelder dette også Vestbyen?") while staying differentiable for training.
 * complaint: log-odds = bias + Σ of every feature that fires anywhere in the item.
 */
import type { ItemCues } from './cues.js';

/** The generated weights asset (project-relative): written by `train.ts`, read by `weights.ts`. */
export const WEIGHTS_FILE = 'assets/classifier-weights.json';

export type Weights = { readonly bias: number; readonly features: Readonly<Record<string, number>> };

const sum = (w: Weights, features: readonly string[]): number => {
  let s = 0;
  for (const f of features) s += w.features[f] ?? 0;
  return s;
};

/** Per-sentence scores and the item's log-odds that it needs an answer. */
export function needsAnswerLogit(w: Weights, cues: ItemCues): { logit: number; sentenceScores: number[] } {
  const sentenceScores = cues.sentences.map((s) => sum(w, s.features));
  const max = Math.max(...sentenceScores);
  let lse = 0;
  for (const s of sentenceScores) lse += Math.exp(s - max);
  return { logit: w.bias + sum(w, itemFeatures(cues)) + max + Math.log(lse), sentenceScores };
}

/**
 * Item-level features of the needsAnswer model: who is addressed, style. Word stems are left out on purpose:
 * in cross-validation they raised precision by one point and cost a point of recall, and they tie the
 * decision to the topics of the development corpus.
 */
export function itemFeatures(cues: ItemCues): readonly string[] {
  return cues.features;
}

/** Every feature of the item once: item, problem and stem features and the union of sentence features. */
export function allFeatures(cues: ItemCues): string[] {
  const all = new Set([...cues.features, ...cues.problem, ...cues.stems]);
  for (const s of cues.sentences) for (const f of s.features) all.add(f);
  return [...all];
}

export function complaintLogit(w: Weights, cues: ItemCues): number {
  return w.bias + sum(w, allFeatures(cues));
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
