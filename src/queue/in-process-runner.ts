import { setTimeout as sleep } from 'node:timers/promises';

import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { jobIdFor, queueFor, type JobHandlers, type JobSpec, type JobSummary } from './jobs.js';
import { backoffMs, DEFAULT_RETRY, errorCodeOf, isRetryable, type RetryPolicy } from './retry-policy.js';
import type { FailedJob, JobRunner } from './runner.js';

type Pending = { id: string; spec: JobSpec; notBefore: number };

export type InProcessRunnerOptions = {
  handlers: JobHandlers;
  log: Logger;
  retry?: RetryPolicy;
  /** Called after each job with its outcome (progress output, tests). */
  onSettled?: (e: { id: string; spec: JobSpec; ok: boolean; summary?: JobSummary; error?: unknown }) => void;
  /** How many finished ids to remember for deduplication. @default 50000 */
  rememberFinished?: number;
};

/**
 * Runs jobs in this process, one at a time in enqueue order (so work on one account is sequential, and the
 * single-connection embedded database is never contended), with the same deterministic ids, retry policy and
 * forward chaining as the BullMQ runner. Used when REDIS_URL is unset.
 */
export class InProcessRunner implements JobRunner {
  readonly kind = 'in-process' as const;
  readonly failed: FailedJob[] = [];
  private readonly queue: Pending[] = [];
  private readonly known = new Set<string>();
  private readonly finished: string[] = [];
  private active: Promise<void> | null = null;
  private closed = false;
  private idleWaiters: Array<() => void> = [];
  private readonly retry: RetryPolicy;

  constructor(private readonly opts: InProcessRunnerOptions) {
    this.retry = opts.retry ?? DEFAULT_RETRY;
  }

  async enqueue(spec: JobSpec, o: { delayMs?: number } = {}): Promise<{ id: string; added: boolean }> {
    const id = jobIdFor(spec);
    if (this.closed) throw new AppError('USAGE', 'the job runner is closed');
    if (this.known.has(id)) return { id, added: false };
    this.known.add(id);
    this.queue.push({ id, spec, notBefore: Date.now() + (o.delayMs ?? 0) });
    this.kick();
    return { id, added: true };
  }

  /** Queued, running, or among the last finished ones remembered (not across a restart of the process). */
  async has(spec: JobSpec): Promise<boolean> {
    return this.known.has(jobIdFor(spec));
  }

  /** Resolves when nothing is queued or running. */
  onIdle(): Promise<void> {
    if (!this.active && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get size(): number {
    return this.queue.length + (this.active ? 1 : 0);
  }

  /** Stops taking new jobs, lets the running one finish, and drops what is still queued. */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    await this.active;
    this.settleIdle();
  }

  private kick(): void {
    if (this.active || this.closed) return;
    const next = this.queue.shift();
    if (!next) {
      this.settleIdle();
      return;
    }
    this.active = this.runOne(next).finally(() => {
      this.active = null;
      this.kick();
    });
  }

  private settleIdle(): void {
    if (this.active || this.queue.length > 0) return;
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const r of w) r();
  }

  private remember(id: string): void {
    this.finished.push(id);
    const max = this.opts.rememberFinished ?? 50_000;
    while (this.finished.length > max) this.known.delete(this.finished.shift() as string);
  }

  private async runOne(job: Pending): Promise<void> {
    const wait = job.notBefore - Date.now();
    if (wait > 0) await sleep(wait);
    const log = this.opts.log.child({ jobId: job.id, queue: queueFor(job.spec) });
    for (let attempt = 1; ; attempt++) {
      if (this.closed) return;
      try {
        const handler = this.opts.handlers[job.spec.kind] as (p: unknown, c: unknown) => Promise<JobSummary>;
        const summary = await handler(job.spec.payload, { log, attempt, jobId: job.id });
        this.remember(job.id);
        this.opts.onSettled?.({ id: job.id, spec: job.spec, ok: true, summary });
        for (const n of summary.next ?? []) await this.enqueue(n);
        return;
      } catch (err) {
        const code = errorCodeOf(err);
        const rateLimited = err instanceof AppError && err.code === 'PLATFORM_RATE_LIMIT';
        // A rate limit is waited out and does not use up an attempt, as with BullMQ's RateLimitError.
        if (rateLimited) attempt--;
        if (!isRetryable(err) || attempt >= this.retry.attempts) {
          const failed: FailedJob = {
            id: job.id,
            queue: queueFor(job.spec),
            kind: job.spec.kind,
            errorCode: code,
            message: (err as Error).message,
            attempts: attempt,
            failedAt: new Date(),
          };
          this.failed.push(failed);
          this.remember(job.id);
          log.error({ errorCode: code, attempts: attempt, err }, 'job failed');
          this.opts.onSettled?.({ id: job.id, spec: job.spec, ok: false, error: err });
          return;
        }
        const delay = rateLimited ? ((err as AppError).details.retryAfterMs ?? 60_000) : backoffMs(this.retry, attempt);
        log.warn({ errorCode: code, attempt, delayMs: delay }, 'job attempt failed; retrying');
        await sleep(delay);
      }
    }
  }
}
