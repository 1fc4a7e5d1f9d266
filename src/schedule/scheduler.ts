import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import { schedule, type ScheduledTask } from 'node-cron';

import type { Clock } from '../clock.js';
import { addWeeks, isoWeekOf } from '../indicators/iso-week.js';
import type { Logger } from '../logger.js';
import type { JobRunner } from '../queue/runner.js';
import type { Queryable } from '../store/db.js';
import { purgeExpiredText } from '../store/residents.js';
import { claimSlot, pruneSlots } from '../store/schedule-slots.js';
import { reapAbandonedRuns } from './reap-runs.js';
import { schedulerTick, type TickSummary } from './tick.js';

export type SchedulerDeps = {
  db: Queryable;
  runner: JobRunner;
  log: Logger;
  clock: Clock;
  /** Days resident text is kept (LYTTEPOST_RETENTION_DAYS). */
  retentionDays: number;
  /** See TickDeps.fixedIntervalMin. */
  fixedIntervalMin?: number;
  /** Called after every tick (the demo logs what changed). */
  onTick?: (summary: TickSummary) => Promise<void>;
};

export type Scheduler = { id: string; tickNow(): Promise<TickSummary>; stop(): Promise<void>; lastTick(): Date | null };

/**
 * node-cron in Europe/Oslo, once a minute: plan and enqueue due polls. node-cron is in-process and not
 * durable, so it only enqueues; slots claimed in Postgres and deterministic job ids make a second replica
 * (or a restart inside the same minute) harmless.
 */
export function startScheduler(deps: SchedulerDeps): Scheduler {
  const id = `${hostname()}-${process.pid}-${randomUUID().slice(0, 6)}`;
  const log = deps.log.child({ module: 'scheduler', schedulerId: id });
  let last: Date | null = null;
  const tickNow = async () => {
    const now = deps.clock();
    last = now;
    const summary = await schedulerTick(
      {
        db: deps.db,
        runner: deps.runner,
        log,
        schedulerId: id,
        ...(deps.fixedIntervalMin ? { fixedIntervalMin: deps.fixedIntervalMin } : {}),
      },
      now,
    );
    await deps.onTick?.(summary);
    // Old claims only matter for the minute they were made in.
    if (now.getUTCMinutes() === 0) await pruneSlots(deps.db, new Date(now.getTime() - 2 * 24 * 3600_000));
    return summary;
  };
  /**
   * A cron entry in Europe/Oslo whose run is claimed once per `slotOf(now)` across all scheduler replicas;
   * only the claimer runs `action`. Errors are logged, never thrown into node-cron.
   */
  const claimed = (name: string, pattern: string, slotOf: (now: Date) => string, action: (slot: string, now: Date) => Promise<void>) =>
    schedule(
      pattern,
      async () => {
        const now = deps.clock();
        const slot = slotOf(now);
        try {
          if (await claimSlot(deps.db, name, slot, id, now)) await action(slot, now);
        } catch (err) {
          log.error({ err, schedule: name }, 'scheduled task failed');
        }
      },
      { timezone: 'Europe/Oslo', noOverlap: true, name },
    );
  const tasks: ScheduledTask[] = [
    schedule(
      '* * * * *',
      async () => {
        try {
          await tickNow();
        } catch (err) {
          log.error({ err }, 'scheduler tick failed');
        }
      },
      { timezone: 'Europe/Oslo', noOverlap: true, name: 'poll-accounts' },
    ),
    // Unanswered-question alerts every 15 minutes in office hours (Mon–Fri 08:00–15:45 Oslo; the job itself
    // skips public holidays and holds what is due until office hours). The job id is the slot, so two
    // evaluations never run at once and a digest is never sent twice.
    claimed(
      'alerts',
      '*/15 8-15 * * 1-5',
      (now) => new Date(Math.floor(now.getTime() / 900_000) * 900_000).toISOString(),
      async (slot) => {
        await deps.runner.enqueue({ kind: 'alerts', payload: { slot } });
      },
    ),
    // Weekly reports, Monday 07:00 Oslo, for the week that just ended; the report archive also refuses to send
    // one week twice to the same recipient.
    claimed(
      'reports',
      '0 7 * * 1',
      (now) => addWeeks(isoWeekOf(now), -1),
      async (week) => {
        await deps.runner.enqueue({ kind: 'report', payload: { week, send: true } });
      },
    ),
    // Runs left `running` by a pass that stopped (a killed worker, a Postgres crash), every 5 minutes.
    claimed(
      'reap-runs',
      '*/5 * * * *',
      (now) => new Date(Math.floor(now.getTime() / 300_000) * 300_000).toISOString(),
      async (_slot, now) => {
        await reapAbandonedRuns(deps.db, log, now);
      },
    ),
    // Resident text past the retention limit, once a day.
    claimed(
      'retention',
      '15 3 * * *',
      (now) => now.toISOString().slice(0, 10),
      async (_day, now) => {
        const purged = await purgeExpiredText(deps.db, now, deps.retentionDays);
        log.info({ purged, retentionDays: deps.retentionDays }, 'resident text past retention purged');
      },
    ),
  ];
  return {
    id,
    tickNow,
    lastTick: () => last,
    stop: async () => {
      for (const t of tasks) await t.stop();
    },
  };
}
