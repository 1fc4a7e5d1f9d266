import { setTimeout as sleep } from 'node:timers/promises';

import type { BullmqRunner } from './bullmq-runner.js';
import { InProcessRunner } from './in-process-runner.js';
import { QUEUE_NAMES } from './jobs.js';
import type { JobRunner } from './runner.js';

/** Jobs not yet finished (waiting, active, delayed) over all queues. */
export async function pendingJobs(runner: JobRunner): Promise<number> {
  if (runner instanceof InProcessRunner) return runner.size;
  const b = runner as BullmqRunner;
  let n = 0;
  for (const name of QUEUE_NAMES) {
    const c = await b.queue(name).getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    n += Object.values(c).reduce((s, v) => s + v, 0);
  }
  return n;
}

/**
 * Resolves when every queue is empty. Follow-up jobs are enqueued as their parent finishes, so BullMQ is
 * considered drained only after two empty readings in a row. `onPoll` is for progress output.
 */
export async function waitForDrain(
  runner: JobRunner,
  opts: { pollMs?: number; signal?: AbortSignal; onPoll?: () => Promise<void> } = {},
): Promise<void> {
  if (runner instanceof InProcessRunner) {
    const idle = runner.onIdle();
    while (runner.size > 0 && !opts.signal?.aborted) {
      await Promise.race([idle, sleep(opts.pollMs ?? 500)]);
      await opts.onPoll?.();
    }
    await opts.onPoll?.();
    return;
  }
  let empty = 0;
  while (empty < 2 && !opts.signal?.aborted) {
    await sleep(opts.pollMs ?? 500);
    await opts.onPoll?.();
    empty = (await pendingJobs(runner)) === 0 ? empty + 1 : 0;
  }
}
