import type { Queryable } from './db.js';
import type { SyncState } from './sync-state.js';

export type RunOutcome = 'succeeded' | 'partial' | 'failed';

/**
 * Claims the run row of (account, stream, slot) and reads the account's stream states (sync_state) in the same
 * statement (a collection pass needs both before its first call). Returns null when the slot already
 * succeeded: a duplicate delivery then loses here instead of collecting twice, while a retry after a crash
 * takes over.
 */
export async function claimRunWithStates(
  db: Queryable,
  run: { accountId: string; stream: string; slot: string; startedAt: Date },
): Promise<{ runId: string; states: Map<string, SyncState> } | null> {
  const { rows } = await db.query<{ id: number; stream: string | null; watermark: Date | null; cursor: Record<string, unknown> | null }>(
    // A slot that already succeeded is done: a duplicate delivery skips it. A slot whose run is still marked
    // running or ended failed/partial belongs to a worker that died or a job being retried (BullMQ hands a job
    // to one worker at a time, after the previous holder's lock expired), so the retry takes it over and
    // resumes from the last committed watermark.
    `with claimed as (
       insert into harvest_runs (account_id, stream, slot, started_at)
       values ($1, $2, $3, $4)
       on conflict (account_id, stream, slot) do update
         set status = 'running', started_at = excluded.started_at, finished_at = null, error_code = null, error_message = null
         where harvest_runs.status <> 'succeeded'
       returning id
     )
     select c.id, s.stream, s.watermark, s.cursor from claimed c left join sync_state s on s.account_id = $1`,
    [Number(run.accountId), run.stream, run.slot, run.startedAt],
    'run-claim',
  );
  const first = rows[0];
  if (!first) return null;
  const states = new Map<string, SyncState>();
  for (const r of rows) if (r.stream !== null) states.set(r.stream, { watermark: r.watermark, cursor: r.cursor });
  return { runId: String(first.id), states };
}

export type RunResult = {
  outcome: RunOutcome;
  finishedAt: Date;
  calls: number;
  quotaUnits: number;
  itemsNew: number;
  itemsUpdated: number;
  errorCode: string | null;
  /** Operator-facing, token-free, no resident data. */
  errorMessage: string | null;
  coveredFrom: Date | null;
  coveredTo: Date | null;
};

export async function finishRun(db: Queryable, runId: string, r: RunResult): Promise<void> {
  await db.query(
    `update harvest_runs
     set status = $2, finished_at = $3, calls = $4, quota_units = $5, items_new = $6, items_updated = $7,
         error_code = $8, error_message = $9, covered_from = $10, covered_to = $11
     where id = $1`,
    [
      Number(runId),
      r.outcome,
      r.finishedAt,
      r.calls,
      r.quotaUnits,
      r.itemsNew,
      r.itemsUpdated,
      r.errorCode,
      r.errorMessage,
      r.coveredFrom,
      r.coveredTo,
    ],
    'run-finish',
  );
}

/** Progress of a running run (calls and quota so far), so concurrent quota checks see it. */
export async function updateRunProgress(db: Queryable, runId: string, p: { calls: number; quotaUnits: number }): Promise<void> {
  await db.query('update harvest_runs set calls = $2, quota_units = $3 where id = $1', [Number(runId), p.calls, p.quotaUnits], 'run-progress');
}
