import type { Platform } from '../domain/records.js';
import type { Queryable } from './db.js';

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
