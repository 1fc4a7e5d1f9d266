import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { jobIdFor, QUEUE_NAMES, queueFor } from '../../../src/queue/jobs.js';
import { REDIS_URL } from '../../helpers/redis.js';
import { checkAgainstFullRecompute, startPipelineWorld, type PipelineWorld } from '../../helpers/pipeline-world.js';

/**
 * A platform's rate limit through real BullMQ (issue 18): the collect job of an account whose platform refuses a
 * call with a wait longer than the pass may sleep (the simulator's rate_limit fault: X's 429 with Retry-After 20 s)
 * ends its pass with what it committed and throws PLATFORM_RATE_LIMIT (src/jobs/handlers.ts); the worker pauses
 * that platform's queue for the named time and the job is retried then, in the same slot, without using up an
 * attempt, while the other platforms' queues go on. Three workers per queue take jobs here (concurrency 3).
 */
const NOW = new Date('2026-11-22T23:05:00Z');
const WAIT_S = 20;

describe.runIf(REDIS_URL && process.env.DATABASE_URL)('a rate limit through BullMQ', () => {
  let w: PipelineWorld;
  beforeAll(async () => {
    w = await startPipelineWorld({ seed: 41, municipalities: 4, now: NOW, days: 10, redisUrl: REDIS_URL as string });
  }, 120_000);
  afterAll(async () => w?.close());

  test('pauses only that platform for the time the platform names; the job is retried then in its slot and completes', async () => {
    const victim = w.accounts.find((a) => a.platform === 'x');
    const others = w.accounts.filter((a) => a.platform !== 'x');
    if (!victim || others.length === 0) throw new Error('the world needs an X account and accounts on other platforms');
    const victimExternal = (
      await w.rt.db.query<{ external_id: string }>('select external_id from accounts where id = $1', [Number(victim.id)])
    ).rows[0]!.external_id;
    w.sim.faults.add({ kind: 'rate_limit', platform: 'x', account: victimExternal, endpoint: 'mentions', count: 1, retryAfterS: WAIT_S });

    const workers = w.localWorkers();
    try {
      const slot = 'rate-limit-1';
      await w.producer.enqueue({ kind: 'collect', payload: { accountId: victim.id, platform: 'x', slot } });
      for (const a of others) await w.producer.enqueue({ kind: 'collect', payload: { accountId: a.id, platform: a.platform, slot } });
      // The moment the platform refused: the fault is used up.
      let refusedAt = 0;
      for (const deadline = Date.now() + 120_000; refusedAt === 0 && Date.now() < deadline; await sleep(50)) {
        if (w.sim.faults.list().some((f) => f.kind === 'rate_limit' && f.applied > 0)) refusedAt = Date.now();
      }
      expect(refusedAt, 'the rate-limit fault was never hit').toBeGreaterThan(0);
      await w.drain(180_000);

      const job = await w.producer.queue('collect-x').getJob(`collect-x-${victim.id}-${slot}`);
      expect(job?.finishedOn, 'the rate-limited job completed').toBeDefined();
      // Retried after the platform's wait (BullMQ's limiter on the collect-x queue: no worker, nor another slot of
      // the same worker, takes it earlier), not slept through in the job; the refusal is not counted as an attempt
      // (BullMQ counts the finished one only).
      expect(job!.finishedOn! - refusedAt).toBeGreaterThanOrEqual(WAIT_S * 1000 - 1500);
      expect({ started: job!.attemptsStarted, made: job!.attemptsMade, stalled: job!.stalledCounter }).toEqual({
        started: 2,
        made: 1,
        stalled: 0,
      });
      expect(await job!.getState()).toBe('completed');
      // The other platforms were not paused: their collects finished while X waited.
      for (const a of others) {
        const spec = { kind: 'collect', payload: { accountId: a.id, platform: a.platform, slot } } as const;
        const j = await w.producer.queue(queueFor(spec)).getJob(jobIdFor(spec));
        expect(await j?.getState(), `${a.platform} ${a.id}`).toBe('completed');
        expect(j!.finishedOn! - refusedAt, `${a.platform} ${a.id} waited for X's limit`).toBeLessThan(WAIT_S * 1000);
      }

      // The slot's run of the rate-limited account ended succeeded (the retry took it over), nothing failed, and
      // the chained classify → compute left the rows of a full recompute.
      const { rows: runs } = await w.rt.db.query<{ status: string; error_code: string | null }>(
        'select status, error_code from harvest_runs where account_id = $1 and slot = $2 order by id',
        [Number(victim.id), slot],
      );
      expect(runs.at(-1)).toEqual({ status: 'succeeded', error_code: null });
      expect(await w.failedCounts()).toEqual(QUEUE_NAMES.map(() => 0));
      const check = await checkAgainstFullRecompute(w.rt);
      expect(check.differing.slice(0, 4)).toEqual([]);
      expect({ pendingMarks: check.pendingMarks, unclassified: check.unclassified }).toEqual({ pendingMarks: 0, unclassified: 0 });
    } finally {
      await workers.close();
    }
  }, 300_000);
});
