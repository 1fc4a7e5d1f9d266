import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { Rng } from '../../../src/simulator/random.js';
import { QUEUE_NAMES } from '../../../src/queue/jobs.js';
import { REDIS_URL } from '../../helpers/redis.js';
import { checkAgainstFullRecompute, startPipelineWorld, type PipelineWorld } from '../../helpers/pipeline-world.js';

/**
 * Indicators are a pure function of the stored data: a world collected through BullMQ by two worker processes
 * (three jobs at once per queue each), its collects enqueued in shuffled order with shuffled delays, so classify and
 * compute jobs of different accounts run side by side and in any order, ends with exactly the rows a full recompute
 * of the same data gives — with no job attempt failing on the way (concurrent computes used to collide on
 * indicator_account_weeks_pkey and be retried as INTERNAL), and nothing left to classify or recompute.
 */
const NOW = new Date('2026-11-22T23:05:00Z');

describe.runIf(REDIS_URL && process.env.DATABASE_URL)('indicators independent of job order', () => {
  let w: PipelineWorld;
  beforeAll(async () => {
    w = await startPipelineWorld({ seed: 29, municipalities: 8, now: NOW, days: 35, redisUrl: REDIS_URL as string });
  }, 120_000);
  afterAll(async () => w?.close());

  test('shuffled collects through several concurrent workers leave the rows of a full recompute', async () => {
    await Promise.all([w.spawnWorker(), w.spawnWorker()]);
    const rng = new Rng(7);
    const order = [...w.accounts];
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const a of order) {
      await w.producer.enqueue(
        { kind: 'collect', payload: { accountId: a.id, platform: a.platform, slot: 'order-1' } },
        { delayMs: rng.int(0, 1500) },
      );
    }
    await w.drain();

    const failedAttempts = w.logs.join('').split('job attempt failed').length - 1;
    const check = await checkAgainstFullRecompute(w.rt);
    console.log(
      `job order: ${w.accounts.length} accounts, ${check.rows} indicator rows, ${check.differing.length} differing from a full recompute, ` +
        `${failedAttempts} failed job attempts, ${check.pendingMarks} marks left`,
    );
    expect(check.rows).toBeGreaterThan(w.accounts.length * 5);
    expect(check.differing.slice(0, 4)).toEqual([]);
    expect({
      pendingMarks: check.pendingMarks,
      unclassified: check.unclassified,
      duplicateItems: check.duplicateItems,
      failedAttempts,
    }).toEqual({
      pendingMarks: 0,
      unclassified: 0,
      duplicateItems: 0,
      failedAttempts: 0,
    });
    expect(await w.failedCounts()).toEqual(QUEUE_NAMES.map(() => 0));
  }, 300_000);
});
