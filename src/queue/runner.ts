import type { JobSpec } from './jobs.js';

/** What enqueuing code sees: BullMQ or in-process, the same two calls. */
export interface JobRunner {
  readonly kind: 'bullmq' | 'in-process';
  /** Adds a job unless one with the same deterministic id exists; `added` false means it collapsed. */
  enqueue(spec: JobSpec, opts?: { delayMs?: number }): Promise<{ id: string; added: boolean }>;
  /**
   * Whether the queue knows the job with this spec's id: waiting, delayed, running, failed, or finished recently
   * (BullMQ keeps finished jobs for a day). False when it was lost (Redis restarted without persistence).
   */
  has(spec: JobSpec): Promise<boolean>;
  close(): Promise<void>;
}

export type FailedJob = { id: string; queue: string; kind: string; errorCode: string; message: string; attempts: number; failedAt: Date };
