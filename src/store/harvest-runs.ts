import type { ContractWarning } from '../collectors/contract.js';
import type { Account, Platform } from '../domain/records.js';
import { toAccount, type AccountRow } from './accounts.js';
import type { Queryable } from './db.js';
import type { SyncState } from './sync-state.js';

export type RunOutcome = 'succeeded' | 'partial' | 'failed';

/** What a collection pass knows about its account when it starts. */
export type PassStart = {
  account: Account;
  /** The account's own encrypted token, if it has one. */
  ciphertext: string | null;
  /** External ids and handles of every account of the same municipality on the same platform (the responders). */
  responderIds: string[];
  responderHandles: string[];
  /** Quota units spent on the account's platform by runs started at or after `quota.since`; 0 on other platforms. */
  quotaUsed: number;
  /** Whether any item of the account is stored (false before its first backfill). */
  hasItems: boolean;
  /**
   * The claimed run and the account's stream states; null when the account is paused or needs re-authorisation
   * (nothing claimed) or when the slot already succeeded. `resumed`: an earlier attempt of the slot died or failed
   * (what it committed may still wait for its follow-ups).
   */
  claim: { runId: string; states: Map<string, SyncState>; resumed: boolean } | null;
};

/**
 * Starts a collection pass in one statement: reads the account, its credential, its responders, (on a
 * quota-metered platform) the quota spent and whether it has items stored, claims the run row of (account,
 * stream, slot) when the account is active, and reads its stream states (sync_state). A backfill runs a pass per
 * account; these were six round trips of each. Null when there is no such account.
 *
 * A slot that already succeeded is done: a duplicate delivery skips it. A slot whose run is still marked running
 * or ended failed/partial belongs to a worker that died or a job being retried (BullMQ hands a job to one worker
 * at a time, after the previous holder's lock expired), so the retry takes it over and resumes from the last
 * committed watermark.
 */
export async function startCollectPass(
  db: Queryable,
  run: { accountId: string; stream: string; slot: string; startedAt: Date; quota: { platform: Platform; since: Date } },
): Promise<PassStart | null> {
  if (!/^\d+$/.test(run.accountId)) return null;
  const { rows } = await db.query<
    AccountRow & {
      ciphertext: string | null;
      responder_ids: string[];
      responder_handles: string[];
      quota_used: number;
      has_items: boolean;
      run_id: number | null;
      resumed: boolean;
      states: Array<{ stream: string; watermark: string | null; cursor: Record<string, unknown> | null }>;
    }
  >(
    `with a as (
       select id, municipality_code, platform, external_id, handle, status, token_env from accounts where id = $1
     ), earlier as (
       -- The slot's run row as it was before this claim: an earlier attempt that died or failed.
       select 1 from harvest_runs where account_id = $1 and stream = $2 and slot = $3 and status <> 'succeeded'
     ), claimed as (
       insert into harvest_runs (account_id, stream, slot, started_at)
       select a.id, $2, $3, $4 from a where a.status not in ('paused', 'needs_reauth')
       on conflict (account_id, stream, slot) do update
         set status = 'running', started_at = excluded.started_at, finished_at = null, error_code = null, error_message = null
         where harvest_runs.status <> 'succeeded'
       returning id
     )
     select a.*,
            (select c.ciphertext from credentials c where c.account_id = a.id) as ciphertext,
            r.responder_ids, r.responder_handles,
            case when a.platform <> $6 then 0 else
              (select coalesce(sum(h.quota_units), 0) from harvest_runs h join accounts p on p.id = h.account_id
               where p.platform = a.platform and h.started_at >= $5) end as quota_used,
            exists (select 1 from items i where i.account_id = a.id) as has_items,
            (select id from claimed) as run_id,
            exists (select 1 from earlier) as resumed,
            (select coalesce(json_agg(json_build_object('stream', s.stream, 'watermark', s.watermark, 'cursor', s.cursor)), '[]')
             from sync_state s where s.account_id = a.id) as states
     from a
     cross join lateral (
       select array_agg(s.external_id order by s.id) as responder_ids,
              coalesce(array_agg(s.handle order by s.id) filter (where s.handle is not null), '{}') as responder_handles
       from accounts s where s.municipality_code = a.municipality_code and s.platform = a.platform
     ) r`,
    [Number(run.accountId), run.stream, run.slot, run.startedAt, run.quota.since, run.quota.platform],
    'pass-start',
  );
  const r = rows[0];
  if (!r) return null;
  const states = new Map<string, SyncState>();
  for (const s of r.states) states.set(s.stream, { watermark: s.watermark === null ? null : new Date(s.watermark), cursor: s.cursor });
  return {
    account: toAccount(r),
    ciphertext: r.ciphertext,
    responderIds: r.responder_ids,
    responderHandles: r.responder_handles,
    quotaUsed: Number(r.quota_used),
    hasItems: r.has_items,
    claim: r.run_id === null ? null : { runId: String(r.run_id), states, resumed: r.resumed },
  };
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
  /** Items the pass did not store because they did not have the expected shape (none: []). */
  warnings?: ReadonlyArray<ContractWarning & { stream: string }>;
};

export async function finishRun(db: Queryable, runId: string, r: RunResult): Promise<void> {
  await db.query(
    `update harvest_runs
     set status = $2, finished_at = $3, calls = $4, quota_units = $5, items_new = $6, items_updated = $7,
         error_code = $8, error_message = $9, covered_from = $10, covered_to = $11, warnings = $12::jsonb
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
      JSON.stringify(r.warnings ?? []),
    ],
    'run-finish',
  );
}

/** Progress of a running run (calls and quota so far), so concurrent quota checks see it. */
export async function updateRunProgress(db: Queryable, runId: string, p: { calls: number; quotaUnits: number }): Promise<void> {
  await db.query(
    'update harvest_runs set calls = $2, quota_units = $3 where id = $1',
    [Number(runId), p.calls, p.quotaUnits],
    'run-progress',
  );
}
