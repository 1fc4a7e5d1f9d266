import type { Queryable } from './db.js';

/**
 * Claims (schedule, slot) for one scheduler; returns true only for the first claimer. A second scheduler
 * replica computing the same slot loses here and enqueues nothing.
 */
export async function claimSlot(db: Queryable, schedule: string, slot: string, claimedBy: string, now: Date): Promise<boolean> {
  const { rows } = await db.query(
    `insert into schedule_slots (schedule, slot, claimed_by, claimed_at) values ($1, $2, $3, $4)
     on conflict (schedule, slot) do nothing
     returning 1 as claimed`,
    [schedule, slot, claimedBy, now],
  );
  return rows.length === 1;
}

/** Whether (schedule, slot) was claimed before `before` (by any replica). */
export async function slotClaimedBefore(db: Queryable, schedule: string, slot: string, before: Date): Promise<boolean> {
  const { rows } = await db.query(`select 1 from schedule_slots where schedule = $1 and slot = $2 and claimed_at < $3`, [
    schedule,
    slot,
    before,
  ]);
  return rows.length === 1;
}

/** Forgets claims older than `before` (they can never be claimed again anyway: slots only move forward). */
export async function pruneSlots(db: Queryable, before: Date): Promise<number> {
  const { rowCount } = await db.query('delete from schedule_slots where claimed_at < $1', [before]);
  return rowCount;
}

export type PollStats = {
  accountId: string;
  platform: string;
  status: string;
  /** Items (posts and comments) created in the last 7 days, per day. */
  activityPerDay: number;
  lastSuccessAt: Date | null;
  /** Mean quota units of the last successful runs, null when none recorded. */
  unitsPerRun: number | null;
};

/** What the planner needs to know about each account: activity, last successful harvest, measured cost. */
export async function loadPollStats(db: Queryable, now: Date): Promise<PollStats[]> {
  const { rows } = await db.query<{
    id: number;
    platform: string;
    status: string;
    recent: number;
    last_success: Date | null;
    units: number | null;
  }>(
    `select a.id, a.platform, a.status,
            (select count(*) from items i where i.account_id = a.id and i.created_at > $1::timestamptz - interval '7 days')::int as recent,
            (select max(h.finished_at) from harvest_runs h where h.account_id = a.id and h.status = 'succeeded') as last_success,
            (select avg(q.quota_units)::float8 from (
               select h.quota_units from harvest_runs h
               where h.account_id = a.id and h.status = 'succeeded' and h.quota_units > 0
               order by h.started_at desc limit 10) q) as units
     from accounts a
     order by a.id`,
    [now],
  );
  return rows.map((r) => ({
    accountId: String(r.id),
    platform: r.platform,
    status: r.status,
    activityPerDay: r.recent / 7,
    lastSuccessAt: r.last_success,
    unitsPerRun: r.units,
  }));
}
