import type { FollowerSnapshot } from '../domain/records.js';
import type { Queryable } from './db.js';

/** Where the next incremental pass of one account's stream starts (see sql/0002_harvest.sql). */
export type SyncState = { watermark: Date | null; cursor: Record<string, unknown> | null };

/**
 * The end of one commit group in one statement (three data-modifying CTEs): its streams' states, its dirty-week
 * marks and its follower counts. Every group writes the first two and a pass usually one follower count, and a
 * statement is a round trip. Call it in the group's transaction. Returns how many follower snapshots were
 * inserted.
 *
 * A follower count is stored only when it differs from the account's previous one (the stored latest for the
 * first of the group, the one before it in `followers` for the others), as one insert per count would.
 */
export async function writeGroupTail(
  db: Queryable,
  accountId: string,
  tail: {
    states: ReadonlyMap<string, SyncState>;
    dirty: ReadonlyArray<{ accountId: string; week: string }>;
    followers: readonly FollowerSnapshot[];
  },
  now: Date,
): Promise<{ followers: number }> {
  const { states, dirty, followers } = tail;
  if (states.size === 0 && dirty.length === 0 && followers.length === 0) return { followers: 0 };
  const { rows } = await db.query<{ followers: number }>(
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
     ), given as (
       select f.account_id, f.captured_at, f.followers,
              lag(f.followers) over (partition by f.account_id order by f.n) as prev,
              row_number() over (partition by f.account_id order by f.n) as k
       from rows from (jsonb_to_recordset($5::jsonb) as (account_id bigint, captured_at timestamptz, followers integer))
            with ordinality as f(account_id, captured_at, followers, n)
     ), followers as (
       insert into follower_snapshots (account_id, captured_at, followers)
       select g.account_id, g.captured_at, g.followers
       from given g
       where g.followers is distinct from
             case when g.k = 1
                  then (select l.followers from follower_snapshots l where l.account_id = g.account_id
                        order by l.captured_at desc limit 1)
                  else g.prev end
       on conflict (account_id, captured_at) do nothing
       returning 1
     )
     select (select count(*) from states) + (select count(*) from marks) as n, (select count(*) from followers) as followers`,
    [
      Number(accountId),
      JSON.stringify([...states].map(([stream, s]) => ({ stream, watermark: s.watermark?.toISOString() ?? null, cursor: s.cursor }))),
      JSON.stringify(dirty.map((m) => ({ account_id: Number(m.accountId), week: m.week }))),
      now,
      JSON.stringify(followers.map((f) => ({ account_id: Number(f.accountId), captured_at: f.capturedAt.toISOString(), followers: f.followers }))),
    ],
    'group-tail',
  );
  return { followers: Number(rows[0]?.followers ?? 0) };
}
