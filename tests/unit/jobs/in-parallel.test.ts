import { expect, test } from 'vitest';

import { inParallel } from '../../../src/jobs/in-parallel.js';

/** Tasks that record their start and how many run at once, and finish when released. */
function gate() {
  let running = 0;
  let peak = 0;
  const started: number[] = [];
  const release = new Map<number, () => void>();
  const task =
    (i: number, fail = false) =>
    async () => {
      started.push(i);
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((r) => release.set(i, r));
      running--;
      if (fail) throw new Error(`task ${i} failed`);
    };
  const tick = () => new Promise((r) => setImmediate(r));
  return { task, started, release, tick, peak: () => peak };
}

test('runs at most `limit` tasks at once, starting each as a lane frees up, in order', async () => {
  const g = gate();
  const all = inParallel(
    [0, 1, 2, 3, 4].map((i) => g.task(i)),
    2,
  );
  await g.tick();
  expect(g.started).toEqual([0, 1]);
  g.release.get(1)?.();
  await g.tick();
  expect(g.started).toEqual([0, 1, 2]);
  for (const i of [0, 2, 3, 4]) {
    await g.tick();
    g.release.get(i)?.();
  }
  await all;
  expect(g.started).toEqual([0, 1, 2, 3, 4]);
  expect(g.peak()).toBe(2);
});

test('a failure starts nothing new and rejects once the running tasks have settled', async () => {
  const g = gate();
  let done = false;
  const settled = inParallel([g.task(0, true), g.task(1), g.task(2)], 2).then(
    () => 'resolved',
    (e: Error) => e.message,
  );
  void settled.then(() => (done = true));
  await g.tick();
  g.release.get(0)?.();
  await g.tick();
  expect(g.started).toEqual([0, 1]);
  expect(done).toBe(false);
  g.release.get(1)?.();
  expect(await settled).toBe('task 0 failed');
  expect(g.started).toEqual([0, 1]);
});

test('a limit below one still runs the tasks, one at a time; no tasks resolve at once', async () => {
  const order: number[] = [];
  await inParallel(
    [0, 1, 2].map((i) => async () => void order.push(i)),
    0,
  );
  expect(order).toEqual([0, 1, 2]);
  await expect(inParallel([], 4)).resolves.toBeUndefined();
});

test('a task rejecting with no Error (null, a string) still fails the run, and starts nothing new', async () => {
  const started: number[] = [];
  const task = (i: number, reason?: unknown) => async () => {
    started.push(i);
    // oxlint-disable-next-line typescript/only-throw-error -- the non-Error rejection is what this test is about
    if (i === 0) throw reason;
  };
  await expect(inParallel([task(0, null), task(1)], 1)).rejects.toThrow('task failed: null');
  expect(started).toEqual([0]);
  await expect(inParallel([task(0, 'boom')], 1)).rejects.toThrow('task failed: boom');
});
