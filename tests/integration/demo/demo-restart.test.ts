import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { expect, test } from 'vitest';

import { fixedClock } from '../../../src/clock.js';
import { summaryRows, type SummaryRow } from '../../../src/demo/summary-table.js';
import { DEFINITION_VERSION } from '../../../src/indicators/definitions.js';
import { computeIndicators } from '../../../src/jobs/compute-indicators.js';
import { openRuntime } from '../../../src/runtime.js';
import { readIndicatorValues } from '../../../src/store/indicator-values.js';
import { silentLogger } from '../../helpers/silent-logger.js';

const run = promisify(execFile);
const CLI = new URL('../../../bin/lyttepost.js', import.meta.url).pathname;
const NOW = '2026-11-22T23:05:00Z';
const WEEK = '2026-W47';

/**
 * `demo --once` on the embedded database, killed right after its last collect (its follow-ups not run yet) and
 * started again: the second start finds the backfill's slots done, and must still classify and recompute what the
 * first left before it prints — the printed week is the one a full recompute of the stored data gives, and no mark
 * is left behind.
 */
test('a demo killed after its last collect prints, when started again, the stored data’s week', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lyttepost-demo-restart-'));
  const env = { ...process.env, LOG_LEVEL: 'warn', LYTTEPOST_DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' };
  const args = [CLI, 'demo', '--once', '--municipalities', '3', '--now', NOW];
  let done = 0;
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    const child = spawn('node', args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let buf = '';
    child.stderr!.on('data', (d: Buffer) => {
      buf += d.toString();
      // The progress bar (written straight to stderr, unlike the log) reaches n/n when the last collect finished;
      // the in-process runner runs the follow-ups after every collect.
      const bar = /Henter historikk \[[#.]+\] (\d+)\/(\d+)/g;
      for (let m = bar.exec(buf); m; m = bar.exec(buf)) [done, total] = [Number(m[1]), Number(m[2])];
      if (total > 0 && done === total) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`demo ended before it could be killed (${code}): ${buf.slice(-500)}`))));
  });
  expect(done).toBe(total);

  await run('node', args, { env, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });
  const printed = JSON.parse(readFileSync(path.join(dataDir, 'demo', `${WEEK}.json`), 'utf8')) as { municipalities: SummaryRow[] };
  expect(printed.municipalities).toHaveLength(3);

  const rt = await openRuntime({ env: { ...env, LOG_LEVEL: 'silent' }, clock: fixedClock(NOW), log: silentLogger });
  try {
    const marks = await rt.db.query<{ n: number }>('select count(*)::int as n from indicator_dirty');
    expect(marks.rows[0]?.n).toBe(0);
    await computeIndicators({ all: true }, { db: rt.db, log: silentLogger, clock: rt.clock });
    const names = new Map((await rt.db.query<{ code: string; name: string }>('select code, name from municipalities')).rows.map((r) => [r.code, r.name]));
    const full = summaryRows(await readIndicatorValues(rt.db, { weeks: [WEEK], scope: 'municipality', definitionVersion: DEFINITION_VERSION }), names);
    expect(printed.municipalities).toEqual(JSON.parse(JSON.stringify(full)));
  } finally {
    await rt.close();
  }
}, 600_000);
