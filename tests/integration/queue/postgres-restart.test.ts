import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { QUEUE_NAMES } from '../../../src/queue/jobs.js';
import { checkAgainstFullRecompute, startPipelineWorld, type PipelineWorld } from '../../helpers/pipeline-world.js';
import { startPrivatePostgres, type PrivatePostgres } from '../../helpers/private-postgres.js';
import { REDIS_URL } from '../../helpers/redis.js';

/**
 * Postgres crashes (kill -9 of the postmaster, then crash recovery) while BullMQ workers backfill: the passes and jobs in
 * flight fail on their connections and are retried, and the pipeline ends as an uninterrupted run ends — every pass
 * succeeded once, no item twice, nothing left to classify or recompute, the rows of a full recompute. A private
 * cluster stands in for the shared server.
 */
const NOW = new Date('2026-11-22T23:05:00Z');

describe.runIf(REDIS_URL && process.env.DATABASE_URL)('Postgres restarted mid-pass', () => {
  let pg: PrivatePostgres;
  let w: PipelineWorld;
  beforeAll(async () => {
    pg = await startPrivatePostgres();
    w = await startPipelineWorld({ seed: 37, municipalities: 4, now: NOW, days: 21, redisUrl: REDIS_URL as string, databaseUrl: pg.url });
  }, 120_000);
  afterAll(async () => {
    await w?.close();
    await pg?.stop();
  });

  const count = async (sql: string) => (await w.rt.db.query<{ n: number }>(sql)).rows[0]?.n ?? 0;

  test('passes in flight are retried after the crash and the pipeline ends as without it', async () => {
    const slow = w.sim.faults.add({ kind: 'slow', delayMs: 25 });
    // Retries outlast the restart (crash recovery takes a few seconds on a busy machine).
    const workers = w.localWorkers({ attempts: 12 });
    try {
      for (const a of w.accounts)
        await w.producer.enqueue({ kind: 'collect', payload: { accountId: a.id, platform: a.platform, slot: 'pg-1' } });
      const deadline = Date.now() + 60_000;
      let running = 0;
      while (Date.now() < deadline) {
        running = await count(`select count(*)::int as n from harvest_runs where slot = 'pg-1' and status = 'running'`);
        if (running > 0 && (await count('select count(*)::int as n from items')) > 100) break;
        await sleep(20);
      }
      expect(running).toBeGreaterThan(0);
      await pg.kill();
      await pg.start();
      w.sim.faults.remove(slow);
      await w.drain(180_000);
    } finally {
      await workers.close();
    }
    const { rows: runs } = await w.rt.db.query<{ status: string; n: number }>(
      `select status, count(*)::int as n from harvest_runs where slot = 'pg-1' group by status`,
    );
    expect(runs).toEqual([{ status: 'succeeded', n: w.accounts.length }]);
    expect(await w.failedCounts()).toEqual(QUEUE_NAMES.map(() => 0));
    const check = await checkAgainstFullRecompute(w.rt);
    console.log(
      `postgres restart: ${check.rows} indicator rows, ${check.differing.length} differing, ${check.pendingMarks} marks and ${check.unclassified} items left`,
    );
    expect({ pendingMarks: check.pendingMarks, unclassified: check.unclassified, duplicateItems: check.duplicateItems }).toEqual({
      pendingMarks: 0,
      unclassified: 0,
      duplicateItems: 0,
    });
    expect(check.differing.slice(0, 4)).toEqual([]);
  }, 300_000);
});
