/**
 * K-fold cross-validation on the development corpus only (the held-out file is never opened here):
 *
 *   npx tsx src/classifier/crossval.ts [--folds 5] [--misses] [--sweep] [--files dev-6,dev-7]
 *
 * Each fold trains both models on the other folds (`train.ts`) and decides the held-back fold with the
 * thresholds of `citizen.ts`. Prints precision and recall of needsAnswer (overall, nb, nn, non-Norwegian)
 * and complaint recall; `--misses` lists the misclassified development items with their cues, to find
 * error classes; `--sweep` prints the figures at other thresholds. `--files` restricts the printed figures and misses to some development files (training
 * still uses every fold of every file).
 */
import { fileURLToPath } from 'node:url';
import { COMPLAINT_THRESHOLD, NEEDS_ANSWER_THRESHOLD } from './thresholds.js';
import type { LabelledItem } from './corpus.js';
import { itemCues } from './cues.js';
import { complaintLogit, needsAnswerLogit, sigmoid } from './model.js';
import { prepare } from './text.js';
import { DEV_FILES, loadDevFiles, trainComplaint, trainNeedsAnswer } from './train.js';

export type CvDecision = { item: LabelledItem; file: string; needsAnswer: boolean; complaint: boolean; score: number; reasons: string[] };

/** Decisions for every development item, each made by models that never saw it. */
export function crossValidate(items: readonly (LabelledItem & { file: string })[], folds: number): CvDecision[] {
  const out: CvDecision[] = [];
  for (let f = 0; f < folds; f++) {
    const train = items.filter((_, i) => i % folds !== f);
    const na = trainNeedsAnswer(train);
    const co = trainComplaint(train);
    items.forEach((item, i) => {
      if (i % folds !== f) return;
      const p = prepare(item.text);
      if (p.tokens.length === 0) return; // decided before the models (empty, nudge, emoji, tag only)
      const cues = itemCues(p, item.replyToCitizen ?? false);
      const score = sigmoid(needsAnswerLogit(na, cues).logit);
      const complaint = sigmoid(complaintLogit(co, cues)) >= COMPLAINT_THRESHOLD;
      const reasons = [...new Set([...cues.features, ...cues.sentences.flatMap((s) => s.ids)])];
      out.push({ item, file: item.file, needsAnswer: score >= NEEDS_ANSWER_THRESHOLD, complaint, score, reasons });
    });
  }
  return out;
}

const pct = (a: number, b: number): string => (b === 0 ? '  -  ' : (a / b).toFixed(3));

export function summary(ds: readonly CvDecision[], name: string): string {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let comp = 0;
  let compHit = 0;
  for (const d of ds) {
    if (d.needsAnswer && d.item.needsAnswer) tp++;
    else if (d.needsAnswer) fp++;
    else if (d.item.needsAnswer) fn++;
    if (d.item.kind === 'complaint') {
      comp++;
      if (d.complaint) compHit++;
    }
  }
  return `${name.padEnd(14)} n=${String(ds.length).padStart(4)} P=${pct(tp, tp + fp)} R=${pct(tp, tp + fn)} tp=${tp} fp=${fp} fn=${fn} complaint-recall=${pct(compHit, comp)} (${comp})`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const folds = Number(arg('--folds') ?? 5);
  const only = arg('--files')?.split(',');
  const items = loadDevFiles(new URL('../../tests/fixtures/classifier/', import.meta.url), DEV_FILES);
  const ds = crossValidate(items, folds).filter((d) => only === undefined || only.includes(d.file));
  const groups: Array<[string, (d: CvDecision) => boolean]> = [
    ['all', () => true],
    ['nb', (d) => d.item.lang === 'nb'],
    ['nn', (d) => d.item.lang === 'nn'],
    ['non-norwegian', (d) => !['nb', 'nn', 'other'].includes(d.item.lang)],
  ];
  for (const [name, keep] of groups) console.log(summary(ds.filter(keep), name));
  if (process.argv.includes('--sweep')) {
    // Precision and recall at other needsAnswer thresholds, from the same held-back scores.
    for (const th of [0.5, 0.55, 0.6, 0.65, 0.7, 0.75])
      console.log(
        summary(
          ds.map((d) => ({ ...d, needsAnswer: d.score >= th })),
          `threshold ${th}`,
        ),
      );
  }
  if (process.argv.includes('--misses')) {
    for (const d of ds) {
      if (d.needsAnswer !== d.item.needsAnswer)
        console.log(
          `${d.needsAnswer ? 'FP' : 'FN'} ${d.score.toFixed(2)} ${d.item.lang} ${JSON.stringify(d.item.text)} [${d.reasons.join(',')}]`,
        );
      else if (d.item.kind === 'complaint' && !d.complaint) console.log(`C- ${d.item.lang} ${JSON.stringify(d.item.text)}`);
    }
  }
}
