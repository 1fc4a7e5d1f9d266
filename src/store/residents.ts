import { erasedPlaceholder } from '../privacy/erased-placeholder.js';
import type { Queryable } from './db.js';
import { markItemWeeksDirty } from './indicator-values.js';
import { rememberErasedItems, tombstoneResident, type ErasedItem } from './erasures.js';

export type ErasureResult = {
  /** The resident's items deleted. */
  items: number;
  /** Others' items whose parent, root or branch pointed at one of them, now pointing at its placeholder. */
  references: number;
  /** Active alerts on the resident's questions, closed as `erased`. */
  alerts: number;
  /** Stored per-account author sets the pseudonym was removed from. */
  authorSets: number;
};

/**
 * Erases one resident (GDPR) for good: tombstones the pseudonym (every later ingest drops their items, see
 * upsertItems), points others' references to their items (parent, root, branch) at placeholders
 * (erasedPlaceholder) so threads stay consistent, closes active alerts on their questions as `erased`, marks the
 * account-weeks whose figures change for recompute, deletes their items with the classifications and snapshots
 * that hang off them (foreign keys cascade), and removes the pseudonym from the indicator engine's per-account
 * author sets. Run in one transaction.
 */
export async function eraseResident(db: Queryable, platform: string, authorKey: string, now: Date): Promise<ErasureResult> {
  await tombstoneResident(db, platform, authorKey);
  const { rows } = await db.query<{
    id: number;
    external_id: string;
    kind: ErasedItem['kind'];
    parent_external_id: string | null;
    root_external_id: string;
    branch_external_id: string | null;
  }>(
    `select id, external_id, kind, parent_external_id, root_external_id, branch_external_id from items
     where platform = $1 and author_key = $2 and author_role = 'citizen'`,
    [platform, authorKey],
  );
  if (rows.length === 0) return { items: 0, references: 0, alerts: 0, authorSets: await dropFromAuthorSets(db, platform, authorKey) };
  const placeholderOf = new Map(rows.map((r) => [r.external_id, erasedPlaceholder(platform, r.external_id)]));
  const repoint = (id: string | null) => (id === null ? null : (placeholderOf.get(id) ?? id));
  await rememberErasedItems(
    db,
    platform,
    rows.map((r) => ({ placeholder: placeholderOf.get(r.external_id) as string, kind: r.kind, branch: repoint(r.branch_external_id) })),
  );
  const mapping = JSON.stringify([...placeholderOf].map(([id, placeholder]) => ({ id, placeholder })));
  // Others' items only ever refer to an erased item from its own thread, so the scan stays within those roots.
  const roots = [...new Set(rows.map((r) => r.root_external_id).concat(rows.map((r) => r.external_id)))];
  const { rows: repointed } = await db.query<{ id: number }>(
    `with m as (select * from jsonb_to_recordset($3::jsonb) as m(id text, placeholder text))
     update items i
     set parent_external_id = coalesce((select placeholder from m where m.id = i.parent_external_id), i.parent_external_id),
         root_external_id = coalesce((select placeholder from m where m.id = i.root_external_id), i.root_external_id),
         branch_external_id = coalesce((select placeholder from m where m.id = i.branch_external_id), i.branch_external_id)
     where i.platform = $1 and i.root_external_id = any($2::text[]) and i.author_key <> $4
       and (i.parent_external_id in (select id from m) or i.root_external_id in (select id from m) or i.branch_external_id in (select id from m))
     returning i.id`,
    [platform, roots, mapping, authorKey],
  );
  // The weeks whose figures change: the erased items', the re-pointed replies' and those of what the erased items
  // answered (their parents and roots). Marked for recompute, so the indicators stay a function of stored data.
  const { rows: answered } = await db.query<{ id: number }>(
    'select id from items where platform = $1 and external_id = any($2::text[]) and author_key <> $3',
    [
      platform,
      [...new Set(rows.flatMap((r) => [r.parent_external_id, r.root_external_id]).filter((x): x is string => x !== null))],
      authorKey,
    ],
  );
  await markItemWeeksDirty(
    db,
    [...rows, ...repointed, ...answered].map((r) => r.id),
    now,
  );
  const { rowCount: alerts } = await db.query(
    `update alerts set state = 'resolved', resolution = 'erased', resolved_at = $2, updated_at = $2
     where item_id = any($1::bigint[]) and state in ('open', 'notified', 'escalated')`,
    [rows.map((r) => r.id), now],
  );
  const { rowCount: items } = await db.query('delete from items where id = any($1::bigint[])', [rows.map((r) => r.id)]);
  return { items, references: repointed.length, alerts, authorSets: await dropFromAuthorSets(db, platform, authorKey) };
}

async function dropFromAuthorSets(db: Queryable, platform: string, authorKey: string): Promise<number> {
  const { rowCount } = await db.query(
    `update indicator_account_weeks w set citizen_authors = array_remove(w.citizen_authors, $2)
     from accounts a
     where a.id = w.account_id and a.platform = $1 and $2 = any (w.citizen_authors)`,
    [platform, authorKey],
  );
  return rowCount;
}

/** Nulls resident text older than the retention limit; counts and classifications (aggregates) stay. */
export async function purgeExpiredText(db: Queryable, now: Date, retentionDays: number): Promise<number> {
  const { rowCount } = await db.query(
    `update items set text = null, text_purged_at = $1
     where author_role = 'citizen' and text is not null and created_at < $1::timestamptz - make_interval(days => $2::int)`,
    [now, retentionDays],
  );
  return rowCount;
}
