import type { MetricSnapshot, Platform } from '../domain/records.js';
import type { Queryable } from './db.js';

/**
 * Engagement and follower counts as history. A snapshot is inserted only when the counts differ from the
 * item's (account's) latest one, so a re-read that sees the same numbers writes nothing, and a row is never
 * overwritten: the series is the list of observed change points. Returns the items that got a snapshot.
 */
export async function insertMetricSnapshots(
  db: Queryable,
  platform: Platform,
  snaps: readonly MetricSnapshot[],
): Promise<Array<{ accountId: string; externalId: string; createdAt: Date }>> {
  if (snaps.length === 0) return [];
  // The latest observation of each item (a group may hold two reads of one post).
  const latest = new Map<string, MetricSnapshot>();
  for (const m of snaps) {
    const seen = latest.get(m.externalId);
    if (!seen || m.capturedAt.getTime() >= seen.capturedAt.getTime()) latest.set(m.externalId, m);
  }
  const list = [...latest.values()];
  const { rows } = await db.query<{ account_id: number; external_id: string; created_at: Date }>(
    // Columns as arrays: cheaper for Postgres to read than one jsonb document.
    `with j as (
       -- One probe of the (platform, external_id) key per snapshot, whatever the table's statistics say.
       select i.id as item_id, i.account_id, i.external_id, i.created_at, s.captured_at, s.likes, s.comments, s.shares, s.views
       from unnest($1::text[], $2::timestamptz[], $3::integer[], $4::integer[], $5::integer[], $6::bigint[])
            as s(external_id, captured_at, likes, comments, shares, views)
       cross join lateral (
         select id, account_id, external_id, created_at from items where platform = $7 and external_id = s.external_id limit 1
       ) i
     ), ins as (
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
     )
     select j.account_id, j.external_id, j.created_at from ins join j on j.item_id = ins.item_id`,
    [
      list.map((m) => m.externalId),
      list.map((m) => m.capturedAt.toISOString()),
      list.map((m) => m.likes),
      list.map((m) => m.comments),
      list.map((m) => m.shares),
      list.map((m) => m.views),
      platform,
    ],
    'metric-snapshots',
  );
  return rows.map((r) => ({ accountId: String(r.account_id), externalId: r.external_id, createdAt: r.created_at }));
}

/** Latest stored counts per item (external id), for change detection (e.g. a video whose comment count moved). */
export async function latestMetrics(
  db: Queryable,
  platform: Platform,
  externalIds: readonly string[],
): Promise<Map<string, { likes: number | null; comments: number | null; shares: number | null; views: number | null }>> {
  const out = new Map<string, { likes: number | null; comments: number | null; shares: number | null; views: number | null }>();
  if (externalIds.length === 0) return out;
  const { rows } = await db.query<{
    external_id: string;
    likes: number | null;
    comments: number | null;
    shares: number | null;
    views: number | null;
  }>(
    `select i.external_id, l.likes, l.comments, l.shares, l.views
     from items i
     join lateral (select m.likes, m.comments, m.shares, m.views from metric_snapshots m
                   where m.item_id = i.id order by m.captured_at desc limit 1) l on true
     where i.platform = $1 and i.external_id = any($2::text[])`,
    [platform, externalIds],
  );
  for (const r of rows) out.set(r.external_id, { likes: r.likes, comments: r.comments, shares: r.shares, views: r.views });
  return out;
}
