import type { FollowerSnapshot, MetricSnapshot, Platform } from '../domain/records.js';
import type { Queryable } from './db.js';
import { isoWeekSql } from './iso-week-sql.js';

/** Where the next incremental pass of one account's stream starts (see sql/0002_harvest.sql). */
export type SyncState = { watermark: Date | null; cursor: Record<string, unknown> | null };

/**
 * The end of one commit group in one statement (data-modifying CTEs): its streams' states, its dirty-week marks,
 * its engagement counts and its follower counts. Every group writes most of these, and on this kind of machine a
 * statement's round trip costs more than the statement. Call it in the group's transaction, after the group's
 * items are stored. Returns how many follower and metric snapshots were inserted (the weeks of the items whose
 * counts moved are marked dirty in the statement, with the `dirty` ones, as are the weeks a new follower count
 * reaches).
 *
 * Engagement and follower counts are history: a snapshot is inserted only when the counts differ from the
 * item's (account's) latest one, so a re-read that sees the same numbers writes nothing, and a row is never
 * overwritten. Of several reads of one item in the group the latest counts; a follower count is compared with
 * the stored latest for the first of the group and with the one before it in `followers` for the others, as
 * one insert per count would.
 */
export async function writeGroupTail(
  db: Queryable,
  accountId: string,
  platform: Platform,
  tail: {
    states: ReadonlyMap<string, SyncState>;
    dirty: ReadonlyArray<{ accountId: string; week: string }>;
    metrics: readonly MetricSnapshot[];
    followers: readonly FollowerSnapshot[];
  },
  now: Date,
): Promise<{ followers: number; snapshots: number }> {
  const { states, dirty, metrics, followers } = tail;
  if (states.size === 0 && dirty.length === 0 && metrics.length === 0 && followers.length === 0) return { followers: 0, snapshots: 0 };
  // The latest observation of each item (a group may hold two reads of one post).
  const latest = new Map<string, MetricSnapshot>();
  for (const m of metrics) {
    const seen = latest.get(m.externalId);
    if (!seen || m.capturedAt.getTime() >= seen.capturedAt.getTime()) latest.set(m.externalId, m);
  }
  const list = [...latest.values()];
  const { rows } = await db.query<{ followers: number; snapshots: number }>(
    `with states as (
       insert into sync_state (account_id, stream, watermark, cursor, updated_at)
       select $1, s.stream, s.watermark, s.cursor, $4
       from jsonb_to_recordset($2::jsonb) as s(stream text, watermark timestamptz, cursor jsonb)
       on conflict (account_id, stream) do update
         set watermark = excluded.watermark, cursor = excluded.cursor, updated_at = excluded.updated_at
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
       returning account_id, captured_at
     ), j as (
       -- One probe of the (platform, external_id) key per snapshot, whatever the table's statistics say.
       select i.id as item_id, i.account_id, i.external_id, i.created_at, s.captured_at, s.likes, s.comments, s.shares, s.views
       from unnest($6::text[], $7::timestamptz[], $8::integer[], $9::integer[], $10::integer[], $11::bigint[])
            as s(external_id, captured_at, likes, comments, shares, views)
       cross join lateral (
         select id, account_id, external_id, created_at from items where platform = $12 and external_id = s.external_id limit 1
       ) i
     ), snapped as (
       insert into metric_snapshots (item_id, captured_at, likes, comments, shares, views)
       select j.item_id, j.captured_at, j.likes, j.comments, j.shares, j.views
       from j
       left join lateral (
         select m.likes, m.comments, m.shares, m.views from metric_snapshots m
         where m.item_id = j.item_id order by m.captured_at desc limit 1
       ) l on true
       -- No earlier snapshot compares as all-null: a first observation with any count is inserted.
       where (l.likes, l.comments, l.shares, l.views) is distinct from (j.likes, j.comments, j.shares, j.views)
       on conflict (item_id, captured_at) do nothing
       returning item_id
     ), marks as (
       -- The given weeks, and the weeks of the items whose counts moved (isoWeekSql).
       insert into indicator_dirty (account_id, week, marked_at)
       select m.account_id, m.week, $4::timestamptz
       from (select d.account_id, d.week from jsonb_to_recordset($3::jsonb) as d(account_id bigint, week text)
             union
             select j.account_id, ${isoWeekSql('j.created_at')}
             from snapped join j on j.item_id = snapped.item_id
             union
             -- A follower count is the account's figure for every week whose end it is the latest count at or
             -- before (up to now), and stands in, as an estimate, for weeks ending up to 56 days before it; weeks
             -- before the first stored item have no rows to change.
             select f.account_id, ${isoWeekSql("(w.monday at time zone 'Europe/Oslo')")}
             from followers f
             cross join lateral generate_series(
               date_trunc('week', greatest(f.captured_at - interval '56 days',
                                           coalesce((select min(i.created_at) from items i), 'infinity')) at time zone 'Europe/Oslo'),
               greatest(f.captured_at, $4::timestamptz) at time zone 'Europe/Oslo',
               interval '1 week') as w(monday)) m
       on conflict (account_id, week) do update set marked_at = excluded.marked_at
       returning 1
     )
     select (select count(*) from followers)::int as followers, (select count(*) from snapped)::int as snapshots`,
    [
      Number(accountId),
      JSON.stringify([...states].map(([stream, s]) => ({ stream, watermark: s.watermark?.toISOString() ?? null, cursor: s.cursor }))),
      JSON.stringify(dirty.map((m) => ({ account_id: Number(m.accountId), week: m.week }))),
      now,
      JSON.stringify(
        followers.map((f) => ({ account_id: Number(f.accountId), captured_at: f.capturedAt.toISOString(), followers: f.followers })),
      ),
      list.map((m) => m.externalId),
      list.map((m) => m.capturedAt.toISOString()),
      list.map((m) => m.likes),
      list.map((m) => m.comments),
      list.map((m) => m.shares),
      list.map((m) => m.views),
      platform,
    ],
    'group-tail',
  );
  return { followers: rows[0]?.followers ?? 0, snapshots: rows[0]?.snapshots ?? 0 };
}
