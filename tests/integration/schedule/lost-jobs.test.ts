import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { BullmqRunner, startWorkers } from '../../../src/queue/bullmq-runner.js';
import { jobIdFor, queueFor, type JobHandlers, type JobSpec } from '../../../src/queue/jobs.js';
import { schedulerTick, type TickDeps } from '../../../src/schedule/tick.js';
import { insertAccount } from '../../helpers/builders.js';
import { privateRedis, uniquePrefix } from '../../helpers/redis.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';

/**
 * Redis killed without persistence loses every queued job, while the slots stay claimed in Postgres. The scheduler
 * finds claimed, still-due slots whose job the queue no longer knows (by its deterministic id) and enqueues them
 * again within minutes, instead of leaving the accounts until their next slot (up to a day for a quiet account).
 * A private redis-server without persistence stands in for the shared one.
 */
describe.runIf(process.env.DATABASE_URL)('collect jobs lost with Redis', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  let redis: Awaited<ReturnType<typeof privateRedis>>;
  let producer: BullmqRunner;
  const prefix = uniquePrefix();
  beforeAll(async () => {
    t = await useTestDb();
    for (let i = 0; i < 6; i++)
      await insertAccount(t.db, {
        municipality: '0301',
        platform: (['facebook', 'youtube', 'x'] as const)[i % 3]!,
        externalId: `lost-${i}`,
      });
    redis = await privateRedis({ persistence: false });
    producer = new BullmqRunner({ redisUrl: redis.url, prefix });
  });
  afterAll(async () => {
    await producer?.close();
    await redis?.stop();
    await t?.drop();
  });

  /** Whether the queue holds the job, looked up by its deterministic id. */
  const queued = async (spec: JobSpec) => (await producer.queue(queueFor(spec)).getJob(jobIdFor(spec))) !== undefined;

  test('a claimed slot whose job vanished is enqueued again under the same id within minutes, and runs', async () => {
    const deps: TickDeps = { db: t.db, runner: producer, log: silentLogger, schedulerId: 'A' };
    const t0 = new Date('2026-11-29T10:07:00Z');
    const at = (min: number) => new Date(t0.getTime() + min * 60_000);
    const first = await schedulerTick(deps, t0);
    expect(first.enqueued).toBe(6);
    // The slots claimed (quiet accounts: 12-hour slots).
    const { rows } = await t.db.query<{ id: number; platform: 'facebook' | 'youtube' | 'x'; slot: string }>(
      `select a.id, a.platform, s.slot from accounts a join schedule_slots s on s.schedule = 'collect:' || a.id order by a.id`,
    );
    expect(rows).toHaveLength(6);
    const specs: JobSpec[] = rows.map((a) => ({
      kind: 'collect',
      payload: { accountId: String(a.id), platform: a.platform, slot: a.slot },
    }));
    for (const s of specs) expect(await queued(s)).toBe(true);

    await redis.stop('SIGKILL');
    await redis.start();
    for (const s of specs) expect(await queued(s)).toBe(false);

    // A minute later the claims are still young: another replica's enqueue may be on its way.
    const soon = await schedulerTick(deps, at(1));
    expect({ reenqueued: soon.reenqueued, claimedElsewhere: soon.claimedElsewhere }).toEqual({ reenqueued: 0, claimedElsewhere: 6 });
    // Three minutes after the claim: lost, enqueued again with the slot's own id; the next tick finds them queued.
    const later = await schedulerTick(deps, at(3));
    expect({ enqueued: later.enqueued, reenqueued: later.reenqueued }).toEqual({ enqueued: 0, reenqueued: 6 });
    for (const s of specs) expect(await queued(s)).toBe(true);
    expect((await schedulerTick(deps, at(4))).reenqueued).toBe(0);

    // And a worker runs them.
    const ran: string[] = [];
    const ok = async () => ({});
    const handlers: JobHandlers = {
      collect: async (p) => (ran.push(`${p.accountId}@${p.slot}`), {}),
      classify: ok,
      compute: ok,
      alerts: ok,
      report: ok,
    };
    const workers = startWorkers({ redisUrl: redis.url, prefix, handlers, log: silentLogger, concurrency: 3, producer });
    try {
      for (let i = 0; i < 100 && ran.length < 6; i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await workers.close();
    }
    expect(ran.sort()).toEqual(specs.map((s) => (s.kind === 'collect' ? `${s.payload.accountId}@${s.payload.slot}` : '')).sort());
  });

  test('pending recompute marks get one classify → compute chain per 10-minute slot', async () => {
    const deps: TickDeps = { db: t.db, runner: producer, log: silentLogger, schedulerId: 'A' };
    const { rows } = await t.db.query<{ id: number }>('select id from accounts order by id limit 1');
    await t.db.query(`insert into indicator_dirty (account_id, week, marked_at) values ($1, '2026-W48', now())`, [rows[0]!.id]);
    const tick = await schedulerTick(deps, new Date('2026-11-29T10:12:00Z'));
    expect(tick.drain).toBe(true);
    const spec: JobSpec = { kind: 'classify', payload: { slot: '2026-11-29T10:10' } };
    expect(await queued(spec)).toBe(true);
    expect(await producer.queue('pipeline').getJobCounts('waiting')).toEqual({ waiting: 1 });
    await schedulerTick(deps, new Date('2026-11-29T10:15:00Z'));
    expect(await producer.queue('pipeline').getJobCounts('waiting')).toEqual({ waiting: 1 });
  });
});
