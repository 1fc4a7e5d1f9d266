import type { Queryable } from './db.js';

/** Where the next incremental pass of one account's stream starts (see sql/0002_harvest.sql). */
export type SyncState = { watermark: Date | null; cursor: Record<string, unknown> | null };

/**
 * The stream states and the dirty-week marks of one commit group in one statement (two data-modifying CTEs):
 * every group writes both, and a statement is a round trip. Call it in the group's transaction.
 */
export async function writeSyncStatesAndMarks(
  db: Queryable,
  accountId: string,
  states: ReadonlyMap<string, SyncState>,
  dirty: ReadonlyArray<{ accountId: string; week: string }>,
  now: Date,
): Promise<void> {
  if (states.size === 0 && dirty.length === 0) return;
  await db.query(
    `with states as (
       insert into sync_state (account_id, stream, watermark, cursor, updated_at)
       select $1, s.stream, s.watermark, s.cursor, $4
       from jsonb_to_recordset($2::jsonb) as s(stream text, watermark timestamptz, cursor jsonb)
       on conflict (account_id, stream) do update
         set watermark = excluded.watermark, cursor = excluded.cursor, updated_at = excluded.updated_at
       returning 1
     ), marks as (
       insert into indicator_dirty (account_id, week, marked_at)
       select distinct m.account_id, m.week, $4::timestamptz from jsonb_to_recordset($3::jsonb) as m(account_id bigint, week text)
       on conflict (account_id, week) do update set marked_at = excluded.marked_at
       returning 1
     )
     select (select count(*) from states) + (select count(*) from marks) as n`,
    [
      Number(accountId),
      JSON.stringify([...states].map(([stream, s]) => ({ stream, watermark: s.watermark?.toISOString() ?? null, cursor: s.cursor }))),
      JSON.stringify(dirty.map((m) => ({ account_id: Number(m.accountId), week: m.week }))),
      now,
    ],
  );
}
