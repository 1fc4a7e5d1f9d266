import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { DateTime } from 'luxon';

import { ensureWritableDir } from '../data-dir.js';

/**
 * What makes a demo world reproducible across runs: the seed and the time span. Written on the first
 * `npm start` and reused by every later one, so a second start sees the same simulated platforms and continues
 * incrementally instead of inventing a new history.
 */
export type DemoState = {
  seed: number;
  municipalities: number;
  /** Monday 00:00 Europe/Oslo, `weeks` full weeks before the week of the first run. */
  start: string;
  /** Activity is generated up to here; it appears as the clock passes it. */
  end: string;
  weeks: number;
};

export const DEMO_DEFAULTS = { seed: 2026, municipalities: 12, weeks: 8, horizonWeeks: 26 } as const;

export function demoStatePath(dataDir: string): string {
  return path.resolve(dataDir, 'demo', 'state.json');
}

export function loadOrCreateDemoState(
  dataDir: string,
  now: Date,
  opts: Partial<Pick<DemoState, 'seed' | 'municipalities' | 'weeks'>> = {},
): { state: DemoState; created: boolean } {
  const file = demoStatePath(dataDir);
  if (existsSync(file)) return { state: JSON.parse(readFileSync(file, 'utf8')) as DemoState, created: false };
  const weeks = opts.weeks ?? DEMO_DEFAULTS.weeks;
  const weekStart = DateTime.fromJSDate(now, { zone: 'Europe/Oslo' }).startOf('week');
  const state: DemoState = {
    seed: opts.seed ?? DEMO_DEFAULTS.seed,
    municipalities: opts.municipalities ?? DEMO_DEFAULTS.municipalities,
    weeks,
    start: weekStart.minus({ weeks }).toUTC().toISO() as string,
    end: weekStart.plus({ weeks: DEMO_DEFAULTS.horizonWeeks }).toUTC().toISO() as string,
  };
  ensureWritableDir(path.dirname(file), 'LYTTEPOST_DATA_DIR');
  writeFileSync(file, JSON.stringify(state, null, 2) + '\n');
  return { state, created: true };
}
