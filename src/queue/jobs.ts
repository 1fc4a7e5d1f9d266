import type { Platform } from '../domain/records.js';
import type { Logger } from '../logger.js';

/**
 * The job catalog. A job is a plain function `(payload, ctx) → summary`; it never knows whether BullMQ or the
 * in-process runner runs it. Payloads carry ids, never tokens (BullMQ stores job data in clear text).
 * Jobs chain forward only: collect → classify → compute; a summary names its follow-ups in `next`.
 */
export type JobPayloads = {
  /** Collect one account. `slot` is the claim key (ISO minute of the scheduled poll, or a manual run id). */
  collect: { accountId: string; platform: Platform; slot: string; since?: string };
  /** Classify items without a classification at the current classifier version. */
  classify: { slot: string; accountId?: string; reclassify?: boolean };
  /**
   * Recompute indicator weeks marked dirty (and the scopes above them). `accountId` names the collect that
   * triggered it: follow-up ids must be per source job, or a later collect in the same slot would collapse
   * into an already finished follow-up and its items would wait a whole slot.
   */
  compute: { slot: string; accountId?: string; all?: boolean };
  /** Evaluate unanswered-question alerts at the slot's time (every 15 minutes in office hours). */
  alerts: { slot: string };
  /** Render, archive and send every municipality's weekly report for `week` (Monday 07:00 Oslo). */
  report: { week: string; send: boolean };
};

export type JobKind = keyof JobPayloads;
export const JOB_KINDS = ['collect', 'classify', 'compute', 'alerts', 'report'] as const satisfies readonly JobKind[];

export type JobSpec<K extends JobKind = JobKind> = K extends JobKind ? { kind: K; payload: JobPayloads[K] } : never;

export type JobSummary = Record<string, unknown> & {
  /** Follow-up jobs, enqueued by the runner after this job succeeds. */
  next?: JobSpec[];
};

export type JobContext = {
  log: Logger;
  /** 1 for the first attempt. */
  attempt: number;
  jobId: string;
};

export type JobHandler<K extends JobKind> = (payload: JobPayloads[K], ctx: JobContext) => Promise<JobSummary>;
export type JobHandlers = { [K in JobKind]: JobHandler<K> };

/**
 * One queue per platform, so a platform's rate limit (BullMQ's limiter is global per queue) never stalls
 * another; the forward pipeline and notifications have their own.
 */
export const QUEUE_NAMES = [
  'collect-facebook',
  'collect-youtube',
  'collect-x',
  'collect-instagram',
  'collect-bluesky',
  'collect-other',
  'pipeline',
  'notify',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
/** The collect queue of each platform; a platform not named (a future collector) shares collect-other. */
const COLLECT_QUEUE: Partial<Record<Platform, QueueName>> = {
  facebook: 'collect-facebook',
  youtube: 'collect-youtube',
  x: 'collect-x',
  instagram: 'collect-instagram',
  bluesky: 'collect-bluesky',
};

export function queueFor(spec: JobSpec): QueueName {
  switch (spec.kind) {
    case 'collect':
      return COLLECT_QUEUE[spec.payload.platform] ?? 'collect-other';
    case 'classify':
    case 'compute':
      return 'pipeline';
    case 'alerts':
    case 'report':
      return 'notify';
  }
}

/** Deterministic job ids: a duplicate enqueue of the same work collapses. BullMQ ids may not contain ':' nor be all digits. */
export function jobIdFor(spec: JobSpec): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '');
  switch (spec.kind) {
    case 'collect':
      return `collect-${spec.payload.platform}-${spec.payload.accountId}-${clean(spec.payload.slot)}`;
    case 'classify':
      return `classify-${spec.payload.accountId ?? 'all'}-${clean(spec.payload.slot)}${spec.payload.reclassify ? '-re' : ''}`;
    case 'compute':
      return `compute-${spec.payload.accountId ?? 'all'}-${clean(spec.payload.slot)}${spec.payload.all ? '-full' : ''}`;
    case 'alerts':
      return `alerts-${clean(spec.payload.slot)}`;
    case 'report':
      return `report-${spec.payload.week}${spec.payload.send ? '-send' : ''}`;
  }
}
