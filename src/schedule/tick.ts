import type { Platform } from '../domain/records.js';
import type { Logger } from '../logger.js';
import type { JobRunner } from '../queue/runner.js';
import type { Queryable } from '../store/db.js';
import { claimSlot, loadPollStats } from '../store/schedule-slots.js';
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

export type TickSummary = { enqueued: number; claimedElsewhere: number; notDue: number; skippedInactive: number };

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
  const summary: TickSummary = { enqueued: 0, claimedElsewhere: 0, notDue: 0, skippedInactive: stats.length - active.length };
  for (const planned of plan.accounts) {
    const p = deps.fixedIntervalMin ? { ...planned, intervalMin: deps.fixedIntervalMin } : planned;
    if (!isDue(now, p.intervalMin, lastSuccess.get(p.accountId) ?? null)) {
      summary.notDue++;
      continue;
    }
    const slot = slotFor(now, p.intervalMin);
    if (!(await claimSlot(deps.db, `collect:${p.accountId}`, slot, deps.schedulerId, now))) {
      summary.claimedElsewhere++;
      continue;
    }
    await deps.runner.enqueue({ kind: 'collect', payload: { accountId: p.accountId, platform: p.platform, slot } });
    summary.enqueued++;
  }
  for (const [platform, b] of Object.entries(plan.platforms)) {
    if (b.activeSlowed) deps.log.warn({ platform, unitsPerDay: Math.round(b.unitsPerDay), budget: b.budget }, 'budget forces active accounts below hourly polling');
  }
  if (summary.enqueued > 0) deps.log.info(summary, 'scheduler tick');
  return summary;
}
