import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';

import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { jobIdFor, QUEUE_NAMES, queueFor, type JobHandlers, type JobSpec, type JobSummary, type QueueName } from './jobs.js';
import { redisConnection } from './redis-connection.js';
import { backoffMs, DEFAULT_RETRY, errorCodeOf, isRetryable, type RetryPolicy } from './retry-policy.js';
import type { JobRunner } from './runner.js';

export type BullmqOptions = {
  redisUrl: string;
  /** Key prefix in Redis; tests use a unique one per file. @default 'lyttepost' */
  prefix?: string;
  retry?: RetryPolicy;
  /** Where connection errors go (ioredis reconnects by itself; the log says why jobs stall meanwhile). */
  log?: Logger;
};

const BACKOFF_TYPE = 'lyttepost-jitter';

/** The producer side: one BullMQ Queue per queue name, created on first use. */
export class BullmqRunner implements JobRunner {
  readonly kind = 'bullmq' as const;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly retry: RetryPolicy;

  constructor(private readonly opts: BullmqOptions) {
    this.retry = opts.retry ?? DEFAULT_RETRY;
  }

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: redisConnection(this.opts.redisUrl), prefix: this.opts.prefix ?? 'lyttepost' });
      // Without a listener an 'error' event (Redis gone) would crash the process; ioredis reconnects by itself.
      q.on('error', (err) => this.opts.log?.warn({ err, queue: name }, 'queue connection error'));
      this.queues.set(name, q);
    }
    return q;
  }

  async enqueue(spec: JobSpec, o: { delayMs?: number } = {}): Promise<{ id: string; added: boolean }> {
    const id = jobIdFor(spec);
    const q = this.queue(queueFor(spec));
    // Reporting only: BullMQ itself ignores an add whose id exists, so a race here cannot double the work.
    if (await q.getJob(id)) return { id, added: false };
    await q.add(spec.kind, spec.payload, {
      jobId: id,
      attempts: this.retry.attempts,
      backoff: { type: BACKOFF_TYPE },
      delay: o.delayMs ?? 0,
      // Keep finished jobs for a day so duplicate enqueues of the same id still collapse; keep failures for
      // inspection (the dead-letter state) until an operator clears them.
      removeOnComplete: { age: 24 * 3600, count: 100_000 },
      removeOnFail: false,
    });
    return { id, added: true };
  }

  async has(spec: JobSpec): Promise<boolean> {
    return (await this.queue(queueFor(spec)).getJob(jobIdFor(spec))) !== undefined;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}

export type WorkerSetOptions = BullmqOptions & {
  handlers: JobHandlers;
  log: Logger;
  /** Queues to work on. @default all */
  queues?: readonly QueueName[];
  /** Jobs at once per queue in this process. */
  concurrency: number;
  /** Lock length; a job whose worker died is retried after about this long. @default 30000 */
  lockDurationMs?: number;
  /** Producer used for chained follow-up jobs. */
  producer: JobRunner;
};

export type WorkerSet = { workers: Worker[]; close(): Promise<void> };

/** Starts one BullMQ Worker per queue running the plain job handlers. */
export function startWorkers(o: WorkerSetOptions): WorkerSet {
  const retry = o.retry ?? DEFAULT_RETRY;
  const workers = (o.queues ?? QUEUE_NAMES).map((name) => {
    const log = o.log.child({ module: 'worker', queue: name });
    const worker: Worker = new Worker(
      name,
      async (job: Job) => {
        const spec = { kind: job.name, payload: job.data } as JobSpec;
        const handler = o.handlers[spec.kind] as (p: unknown, c: unknown) => Promise<JobSummary>;
        if (!handler) throw new UnrecoverableError(`INTERNAL: unknown job kind ${job.name}`);
        let summary: JobSummary;
        try {
          summary = await handler(spec.payload, { log: log.child({ jobId: job.id }), attempt: job.attemptsMade + 1, jobId: job.id ?? '' });
        } catch (err) {
          const code = errorCodeOf(err);
          const message = `${code}: ${(err as Error).message}`;
          if (err instanceof AppError && err.code === 'PLATFORM_RATE_LIMIT') {
            // BullMQ's limiter is per queue: one platform waits, the others go on.
            await worker.rateLimit(err.details.retryAfterMs ?? 60_000);
            throw Worker.RateLimitError();
          }
          log.warn({ jobId: job.id, errorCode: code, attempt: job.attemptsMade + 1, err }, 'job attempt failed');
          if (!isRetryable(err)) throw new UnrecoverableError(message);
          throw new Error(message, { cause: err });
        }
        const { next, ...rest } = summary;
        for (const n of next ?? []) await o.producer.enqueue(n);
        return rest;
      },
      {
        connection: redisConnection(o.redisUrl),
        prefix: o.prefix ?? 'lyttepost',
        concurrency: o.concurrency,
        lockDuration: o.lockDurationMs ?? 30_000,
        stalledInterval: Math.max(1_000, Math.round((o.lockDurationMs ?? 30_000) / 2)),
        maxStalledCount: 3,
        // BullMQ honours a manual rate limit (worker.rateLimit above: the platform's wait) only on a queue that has a
        // limiter; without one, another worker, or another slot of this one, took the job again at once. This
        // limiter never binds by itself.
        limiter: { max: 1_000_000, duration: 1_000 },
        settings: { backoffStrategy: (attemptsMade: number) => backoffMs(retry, attemptsMade) },
      },
    );
    worker.on('error', (err) => log.error({ err }, 'worker connection error'));
    worker.on('failed', (job, err) => {
      if (job && (job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError)) {
        log.error({ jobId: job.id, errorCode: err.message.split(':')[0] }, 'job failed for good');
      }
    });
    return worker;
  });
  return {
    workers,
    // Worker.close() waits for active jobs to finish: shutdown returns no half-done work to the queue.
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
