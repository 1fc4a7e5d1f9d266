import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { checkAgainstFullRecompute, startPipelineWorld, type PipelineWorld } from '../../helpers/pipeline-world.js';
import { REDIS_URL } from '../../helpers/redis.js';

/**
 * kill -9 of a BullMQ worker process at three points of the pipeline, each followed by a fresh worker: mid-page
 * (collects in flight, items of unfinished passes committed), after a classify's commit and before its compute is
 * enqueued, and after a collect's last commit and before its follow-ups are enqueued. BullMQ hands the
 * killed jobs on once their lock expires; the pipeline must then end exactly where an uninterrupted run ends: every
 * pass succeeded once, nothing left to classify or recompute, and the rows of a full recompute.
 */
const NOW = new Date('2026-11-22T23:05:00Z');

const exitOf = (c: ChildProcess) =>
  new Promise<NodeJS.Signals | number | null>((r) =>
    c.exitCode !== null || c.signalCode !== null ? r(c.signalCode ?? c.exitCode) : c.once('exit', (code, sig) => r(sig ?? code)),
  );

describe.runIf(REDIS_URL && process.env.DATABASE_URL)('a worker killed with SIGKILL', () => {
  let w: PipelineWorld;
  beforeAll(async () => {
    w = await startPipelineWorld({ seed: 31, municipalities: 5, now: NOW, days: 21, redisUrl: REDIS_URL as string });
  }, 120_000);
  afterAll(async () => w?.close());

  const count = async (sql: string, values: unknown[] = []) => (await w.rt.db.query<{ n: number }>(sql, values)).rows[0]?.n ?? 0;
  const enqueueCollect = (a: { id: string; platform: 'facebook' | 'youtube' | 'x' }, slot: string) =>
    w.producer.enqueue({ kind: 'collect', payload: { accountId: a.id, platform: a.platform, slot } });
  /** Fresh workers take over what the dead one held, the queues drain, and they stop. */
  const rescue = async () => {
    const rescuer = w.localWorkers();
    await w.drain();
    await rescuer.close();
  };

  test('mid-page, after a classify, and after the last commit before the follow-up enqueue: the same end as without the kills', async () => {
    // Two Facebook pages are held back for the single-job kill points.
    const { rows: pages } = await w.rt.db.query<{ id: number }>(`select id from accounts where platform = 'facebook' order by id`);
    const [x, y] = pages.map((r) => String(r.id));
    expect(y).toBeDefined();
    const held = new Set([x, y]);
    const byId = new Map(w.accounts.map((a) => [a.id, a]));
    // The three victims load side by side (seconds each on a busy machine) and take jobs only when told.
    const [midPage, afterCollect, afterClassify] = await Promise.all([
      w.prepareWorker(),
      w.prepareWorker({ KILL_AT: `collect-done:${x}` }),
      w.prepareWorker({ KILL_AT: 'classify-done' }),
    ]);

    // 1. Mid-page: every other account's backfill, slowed down, killed while passes are in flight.
    const slow = w.sim.faults.add({ kind: 'slow', delayMs: 25 });
    await midPage.start();
    for (const a of w.accounts) if (!held.has(a.id)) await enqueueCollect(a, 'crash-1');
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const running = await count(`select count(*)::int as n from harvest_runs where slot = 'crash-1' and status = 'running'`);
      if (running > 0 && (await count('select count(*)::int as n from items')) > 100) break;
      await sleep(20);
    }
    midPage.child.kill('SIGKILL');
    expect(await exitOf(midPage.child)).toBe('SIGKILL');
    w.sim.faults.remove(slow);
    const inFlight = await count(`select count(*)::int as n from harvest_runs where slot = 'crash-1' and status = 'running'`);
    expect(inFlight).toBeGreaterThan(0);
    await rescue();

    // 2. After a classify's commit, before its compute is enqueued.
    await afterClassify.start();
    await enqueueCollect(byId.get(y as string)!, 'crash-2');
    expect(await exitOf(afterClassify.child)).toBe('SIGKILL');
    await rescue();

    // 3. After the last commit of a collect, before its follow-ups are enqueued. Last, so that no later job's
    // classify → compute chain covers for the lost one.
    await afterCollect.start();
    await enqueueCollect(byId.get(x as string)!, 'crash-3');
    expect(await exitOf(afterCollect.child)).toBe('SIGKILL');
    expect(await count(`select count(*)::int as n from harvest_runs where slot = 'crash-3' and status = 'succeeded'`)).toBe(1);
    await rescue();

    const { rows: runs } = await w.rt.db.query<{ slot: string; status: string; n: number }>(
      `select slot, status, count(*)::int as n from harvest_runs group by slot, status order by slot, status`,
    );
    expect(runs).toEqual([
      { slot: 'crash-1', status: 'succeeded', n: w.accounts.length - 2 },
      { slot: 'crash-2', status: 'succeeded', n: 1 },
      { slot: 'crash-3', status: 'succeeded', n: 1 },
    ]);
    const check = await checkAgainstFullRecompute(w.rt);
    console.log(
      `worker crash: ${inFlight} passes in flight at the kill; ${check.rows} indicator rows, ${check.differing.length} differing, ${check.pendingMarks} marks and ${check.unclassified} items left`,
    );
    expect({ pendingMarks: check.pendingMarks, unclassified: check.unclassified, duplicateItems: check.duplicateItems }).toEqual({
      pendingMarks: 0,
      unclassified: 0,
      duplicateItems: 0,
    });
    expect(check.differing.slice(0, 4)).toEqual([]);
  }, 300_000);
});
