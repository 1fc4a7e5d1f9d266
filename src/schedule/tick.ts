import type { Platform } from '../domain/records.js';
import type { Logger } from '../logger.js';
import type { JobRunner } from '../queue/runner.js';
import type { Queryable } from '../store/db.js';
import { hasDirtyMarks } from '../store/indicator-values.js';
import { claimSlot, loadPollStats, slotClaimedBefore } from '../store/schedule-slots.js';
import { DEFAULT_BUDGETS, isDue, planPolling, slotFor, type PlatformBudget } from './plan.js';

export type TickDeps = {
  db: Queryable;
  runner: JobRunner;
  log: Logger;
  /** Identifies this scheduler replica in claimed slots. */
  schedulerId: string;
  budgets?: Partial<Record<Platform, PlatformBudget>>;
  /** Poll every account at this interval instead of the plan's (the demo, to show activity within minutes). */
  fixedIntervalMin?: number;
};

export type TickSummary = {
  enqueued: number;
  claimedElsewhere: number;
  /** Claimed slots whose collect job was missing from the queue (Redis lost it), enqueued again. */
  reenqueued: number;
  notDue: number;
  skippedInactive: number;
  /** Whether recompute marks were pending and a classify → compute chain was enqueued (or already was) for them. */
  drain: boolean;
};

/**
 * A claim older than this whose job the queue does not know was lost (Redis restarted without persistence), not
 * still on its way from the replica that claimed it. Its job is enqueued again under the same id.
 */
export const LOST_JOB_AFTER_MS = 2 * 60_000;
/** Pending recompute marks get a classify → compute chain of their own at most once per this many minutes. */
export const DRAIN_EVERY_MIN = 10;

/**
 * One scheduler tick: plan intervals from activity and budgets, and enqueue a collect job for every account
 * whose slot is due and that this replica claims first. Only enqueues; workers do the work.
 */
export async function schedulerTick(deps: TickDeps, now: Date): Promise<TickSummary> {
  const stats = await loadPollStats(deps.db, now);
  const active = stats.filter((s) => s.status === 'active');
  const plan = planPolling(
    active.map((s) => ({
      accountId: s.accountId,
      platform: s.platform as Platform,
      activityPerDay: s.activityPerDay,
      unitsPerPoll: s.unitsPerRun,
    })),
    deps.budgets ?? DEFAULT_BUDGETS,
  );
  const lastSuccess = new Map(active.map((s) => [s.accountId, s.lastSuccessAt]));
  const summary: TickSummary = {
    enqueued: 0,
    claimedElsewhere: 0,
    reenqueued: 0,
    notDue: 0,
    skippedInactive: stats.length - active.length,
    drain: false,
  };
  const lostBefore = new Date(now.getTime() - LOST_JOB_AFTER_MS);
  for (const planned of plan.accounts) {
    const p = deps.fixedIntervalMin ? { ...planned, intervalMin: deps.fixedIntervalMin } : planned;
    if (!isDue(now, p.intervalMin, lastSuccess.get(p.accountId) ?? null)) {
      summary.notDue++;
      continue;
    }
    const slot = slotFor(now, p.intervalMin);
    const schedule = `collect:${p.accountId}`;
    const spec = { kind: 'collect', payload: { accountId: p.accountId, platform: p.platform, slot } } as const;
    if (!(await claimSlot(deps.db, schedule, slot, deps.schedulerId, now))) {
      // Claimed and still due (not collected since the slot began): its job runs, waits or failed for good — or was
      // lost with Redis, and the account would wait for its next slot (up to a day). Checked by the job's id.
      if (!(await deps.runner.has(spec)) && (await slotClaimedBefore(deps.db, schedule, slot, lostBefore))) {
        await deps.runner.enqueue(spec);
        summary.reenqueued++;
      } else summary.claimedElsewhere++;
      continue;
    }
    await deps.runner.enqueue(spec);
    summary.enqueued++;
  }
  // Marks left by work whose chain never ran to its compute (a worker killed between two jobs, a lost job): the
  // slot's own classify → compute chain picks them up. Its id is the slot, so replicas and ticks collapse into one.
  if (await hasDirtyMarks(deps.db)) {
    await deps.runner.enqueue({ kind: 'classify', payload: { slot: slotFor(now, DRAIN_EVERY_MIN) } });
    summary.drain = true;
  }
  for (const [platform, b] of Object.entries(plan.platforms)) {
    if (b.activeSlowed)
      deps.log.warn(
        { platform, unitsPerDay: Math.round(b.unitsPerDay), budget: b.budget },
        'budget forces active accounts below hourly polling',
      );
  }
  if (summary.reenqueued > 0) deps.log.warn({ reenqueued: summary.reenqueued }, 'collect jobs missing from the queue enqueued again');
  if (summary.enqueued > 0) deps.log.info(summary, 'scheduler tick');
  return summary;
}
