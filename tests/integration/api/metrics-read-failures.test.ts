import { pino } from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { makeMetrics } from '../../../src/api/metrics.js';
import { openPglite, type Db } from '../../../src/store/db.js';
import { useTestDb } from '../../helpers/test-db.js';

/** A scrape-time read that fails leaves its gauge empty and is logged, never silently dropped. */
let t: Awaited<ReturnType<typeof useTestDb>>;
let bare: Db;

beforeAll(async () => {
  t = await useTestDb({ seed: false });
  bare = await openPglite(); // no migrations: every read of a table fails
});
afterAll(async () => {
  await t?.drop();
  await bare?.close();
});

const now = () => new Date('2026-11-23T12:00:00Z');
function recordingLog() {
  const lines: Array<{ level: number; gauge: string; msg: string; err?: { message: string } }> = [];
  const log = pino({ level: 'warn' }, { write: (s: string) => void lines.push(JSON.parse(s) as (typeof lines)[number]) });
  return { log, lines };
}

test('a queue depth that cannot be read leaves the gauge without samples and logs a warning naming it', async () => {
  const { log, lines } = recordingLog();
  const m = makeMetrics({ db: t.db, now, log, queueDepth: () => Promise.reject(new Error('redis is gone')) });
  const text = await m.registry.metrics();
  expect(text).toContain('# TYPE lyttepost_queue_depth gauge');
  expect(text).not.toMatch(/^lyttepost_queue_depth\{/m);
  expect(lines.map((l) => [l.level, l.gauge, l.err?.message])).toEqual([[40, 'lyttepost_queue_depth', 'redis is gone']]);
});

test('reads from a database without the schema are logged per gauge', async () => {
  const { log, lines } = recordingLog();
  await makeMetrics({ db: bare, now, log }).registry.metrics();
  expect(lines.map((l) => l.gauge).sort((a, b) => a.localeCompare(b))).toEqual([
    'lyttepost_alert_deliveries_24h',
    'lyttepost_harvest_runs_24h',
    'lyttepost_platform_api_calls_24h',
    'lyttepost_platform_quota_units_24h',
  ]);
});
