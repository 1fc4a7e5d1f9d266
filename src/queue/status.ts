import { QUEUE_NAMES, type QueueName } from './jobs.js';
import type { BullmqRunner } from './bullmq-runner.js';
import type { FailedJob } from './runner.js';

export type QueueState = 'waiting' | 'active' | 'delayed' | 'failed' | 'completed' | 'prioritized';
const STATES: readonly QueueState[] = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'];

export type QueueStatus = {
  queues: Array<{ name: QueueName; counts: Record<QueueState, number>; oldestWaitingAt: Date | null }>;
  failed: FailedJob[];
};

/** Counts per queue and state, the oldest waiting job, and failed jobs with their error codes (newest first). */
export async function queueStatus(runner: BullmqRunner, opts: { failedLimit?: number } = {}): Promise<QueueStatus> {
  const queues: QueueStatus['queues'] = [];
  const failed: FailedJob[] = [];
  for (const name of QUEUE_NAMES) {
    const q = runner.queue(name);
    const raw = await q.getJobCounts(...STATES);
    const counts = Object.fromEntries(STATES.map((s) => [s, raw[s] ?? 0])) as Record<QueueState, number>;
    const [oldest] = await q.getJobs(['wait'], 0, 0, true);
    queues.push({ name, counts, oldestWaitingAt: oldest ? new Date(oldest.timestamp) : null });
    for (const j of await q.getFailed(0, (opts.failedLimit ?? 20) - 1)) {
      const reason = j.failedReason ?? '';
      const m = /^([A-Z_]+): ?(.*)$/s.exec(reason);
      failed.push({
        id: j.id ?? '',
        queue: name,
        kind: j.name,
        errorCode: m?.[1] ?? 'INTERNAL',
        message: m?.[2] ?? reason,
        attempts: j.attemptsMade,
        failedAt: new Date(j.finishedOn ?? j.timestamp),
      });
    }
  }
  failed.sort((a, b) => b.failedAt.getTime() - a.failedAt.getTime());
  return { queues, failed };
}
