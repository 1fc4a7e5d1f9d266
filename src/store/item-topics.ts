import type { Queryable } from './db.js';

/** An item the topic classifier has not seen at this version: a citizen item or a top-level post. */
export type ItemForTopics = { id: number; text: string | null };
export type ItemTopicsRow = { item_id: number; topics: string[]; reasons: string[] };

/**
 * The next `limit` citizen items and top-level posts after item id `after` (in id order) with no topics at
 * `version`, or every such item with `reclassify`. Owner comments are left out (their topic is their
 * question's), and so are items whose text the retention job has purged.
 */
export async function listItemsForTopics(
  db: Queryable,
  args: { after: number; version: string; reclassify: boolean; limit: number },
): Promise<ItemForTopics[]> {
  const { rows } = await db.query<ItemForTopics>(
    `select i.id, i.text
     from items i
     where i.id > $1
       and (i.author_role = 'citizen' or i.external_id = i.root_external_id)
       -- Purged text cannot be classified again: such items keep the topics they had (or stay unknown).
       and i.text_purged_at is null
       and ($3::boolean or not exists (select 1 from item_topics t where t.item_id = i.id and t.topics_version = $2))
     order by i.id
     limit $4`,
    [args.after, args.version, args.reclassify, args.limit],
  );
  return rows.map((r) => ({ id: Number(r.id), text: r.text }));
}

/** Stores topics at `version`, replacing earlier rows of the same version. */
export async function writeItemTopics(db: Queryable, rows: readonly ItemTopicsRow[], version: string, at: Date): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `insert into item_topics (item_id, topics_version, topics, reasons, classified_at)
     select r.item_id, $2, array(select jsonb_array_elements_text(r.topics)), r.reasons, $3
     from jsonb_to_recordset($1::jsonb) as r(item_id bigint, topics jsonb, reasons jsonb)
     on conflict (item_id, topics_version) do update
       set topics = excluded.topics, reasons = excluded.reasons, classified_at = excluded.classified_at`,
    [JSON.stringify(rows), version, at.toISOString()],
  );
}

/** Deletes topic rows of other versions (after a reclassification they are never read again). */
export async function deleteOtherTopicVersions(db: Queryable, version: string): Promise<number> {
  const { rowCount } = await db.query(`delete from item_topics where topics_version <> $1`, [version]);
  return rowCount;
}

/** Topics at `version` of the items with these ids; items without a row are absent from the map (unknown). */
export async function readItemTopics(db: Queryable, itemIds: readonly string[], version: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (itemIds.length === 0) return out;
  const { rows } = await db.query<{ item_id: string; topics: string[] }>(
    `select item_id::text as item_id, topics from item_topics where topics_version = $2 and item_id = any($1::bigint[])`,
    [itemIds.map(Number), version],
  );
  for (const r of rows) out.set(r.item_id, r.topics);
  return out;
}

/**
 * Topics at `version` of items named by platform and external id (the items of question turns), keyed
 * `platform:externalId`; items without a row are absent.
 */
export async function readTopicsByExternalId(
  db: Queryable,
  keys: ReadonlyArray<{ platform: string; externalId: string }>,
  version: string,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (keys.length === 0) return out;
  const { rows } = await db.query<{ platform: string; external_id: string; topics: string[] }>(
    `select i.platform, i.external_id, t.topics
     from unnest($1::text[], $2::text[]) as k(platform, external_id)
     join items i on i.platform = k.platform and i.external_id = k.external_id
     join item_topics t on t.item_id = i.id and t.topics_version = $3`,
    [keys.map((k) => k.platform), keys.map((k) => k.externalId), version],
  );
  for (const r of rows) out.set(`${r.platform}:${r.external_id}`, r.topics);
  return out;
}
