import { readFileSync } from 'node:fs';

import { expect, test } from 'vitest';

import { scrubText } from '../../../src/collectors/scrub.js';

/**
 * Name scrubbing scored on the held-out labelled sample (tests/fixtures/privacy/names-heldout.jsonl, written before
 * the rules of issue 20 and never tuned on). A labelled name counts as removed when it no longer occurs as a word;
 * a labelled keep-word counts as wrongly removed when it no longer occurs as a word. docs/privacy.md reports the
 * numbers; the floors here are below the measured values so a regression fails.
 */
type Row = { text: string; known: string[]; role: 'owner' | 'citizen'; names: string[]; keep: string[]; kind: string };
const rows = readFileSync(new URL('../../fixtures/privacy/names-heldout.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Row);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const occurs = (text: string, word: string) => new RegExp(`(?<![\\p{L}\\p{N}_@])${escape(word)}(?![\\p{L}\\p{N}_])`, 'u').test(text);

function score(scrub: (r: Row) => string) {
  let names = 0;
  let removed = 0;
  let keeps = 0;
  let wronglyRemoved = 0;
  const misses: string[] = [];
  for (const r of rows) {
    const out = scrub(r);
    for (const n of r.names) {
      names++;
      if (!occurs(out, n)) removed++;
      else misses.push(`${r.kind}: kept name ${n} in ${out}`);
    }
    for (const k of r.keep) {
      keeps++;
      if (!occurs(out, k)) {
        wronglyRemoved++;
        misses.push(`${r.kind}: removed ${k} in ${out}`);
      }
    }
  }
  return { sentences: rows.length, names, keeps, precision: removed / (removed + wronglyRemoved), recall: removed / names, misses };
}

test('the labelled sample has at least 300 sentences', () => {
  expect(rows.length).toBeGreaterThanOrEqual(300);
});

test('name scrubbing keeps ordinary capitalised words (precision) and still removes names (recall)', () => {
  const s = score((r) => scrubText(r.text, r.known, r.role));
  // Measured (docs/privacy.md): precision 1.000, recall 0.988 (170 of 172 names). Before issue 20: 0.555 / 0.767.
  expect(s.precision, s.misses.join('\n')).toBeGreaterThanOrEqual(0.97);
  expect(s.recall, s.misses.join('\n')).toBeGreaterThanOrEqual(0.95);
});
