import type { Queryable } from './db.js';

export type ReapedRun = { runId: string; accountId: string; startedAt: Date; lastSignOfLife: Date };

/**
 * Ends runs still marked `running` whose pass is gone (its worker was killed, or Postgres stopped under it and
 * the pass's last commit was lost): status `failed`, error code ABANDONED. A pass shows it lives by committing:
 * each group writes its streams' states (sync_state.updated_at), so its last sign of life is the later of its
 * start and its account's last state write. A run is reaped when that is older than `leaseCutoff`, or when it
 * started before `ageCutoff` whatever it wrote. A pass that was only slow and finishes later overwrites the
 * mark with its own outcome; its slot can be taken over by a retry as any failed slot can.
 */
export async function reapStaleRuns(db: Queryable, now: Date, cutoffs: { leaseCutoff: Date; ageCutoff: Date }): Promise<ReapedRun[]> {
  const { rows } = await db.query<{ id: number; account_id: number; started_at: Date; last_sign: Date }>(
    `with stale as (
       select h.id, greatest(h.started_at, (select max(s.updated_at) from sync_state s where s.account_id = h.account_id)) as last_sign
       from harvest_runs h
       where h.status = 'running' and h.started_at < $2
     )
     update harvest_runs h
     set status = 'failed', finished_at = $1, error_code = 'ABANDONED',
         error_message = 'abandoned: no sign of life since ' || to_char(s.last_sign at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') ||
                         ' (its worker or the database stopped mid-pass); the next pass resumes from the last committed watermark'
     from stale s
     where h.id = s.id and h.status = 'running' and (s.last_sign < $2 or h.started_at < $3)
     returning h.id, h.account_id, h.started_at, s.last_sign`,
    [now, cutoffs.leaseCutoff, cutoffs.ageCutoff],
  );
  return rows.map((r) => ({
    runId: String(r.id),
    accountId: String(r.account_id),
    startedAt: new Date(r.started_at),
    lastSignOfLife: new Date(r.last_sign),
  }));
}
