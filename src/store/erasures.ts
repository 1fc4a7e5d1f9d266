import type { ItemRecord, Platform } from '../domain/records.js';
import { erasedPlaceholder } from '../privacy/erased-placeholder.js';
import type { Queryable } from './db.js';

/** What stands in for an erased item in others' replies: its kind and the branch it belonged to. */
export type ErasedItem = { kind: 'post' | 'comment'; branch: string | null };

export type Erasures = {
  /** Tombstoned pseudonyms among the ones asked about. */
  authors: ReadonlySet<string>;
  /** Known placeholders among the ones asked about. */
  items: ReadonlyMap<string, ErasedItem>;
};

const NONE: Erasures = { authors: new Set(), items: new Map() };

/**
 * Which of `authorKeys` are tombstoned and which of `placeholders` stand for erased items, on `platform`: what
 * an ingest must drop and re-point (upsertItems). One statement.
 */
export async function readErasures(
  db: Queryable,
  platform: string,
  authorKeys: readonly string[],
  placeholders: readonly string[],
): Promise<Erasures> {
  if (authorKeys.length === 0 && placeholders.length === 0) return NONE;
  const { rows } = await db.query<{
    author_key: string | null;
    placeholder: string | null;
    kind: ErasedItem['kind'] | null;
    branch: string | null;
  }>(
    `select author_key, null as placeholder, null as kind, null as branch
     from erased_residents where platform = $1 and author_key = any($2::text[])
     union all
     select null, placeholder, kind, branch_external_id
     from erased_items where platform = $1 and placeholder = any($3::text[])`,
    [platform, authorKeys, placeholders],
    'erasures-lookup',
  );
  if (rows.length === 0) return NONE;
  const authors = new Set<string>();
  const items = new Map<string, ErasedItem>();
  for (const r of rows) {
    if (r.author_key !== null) authors.add(r.author_key);
    else if (r.placeholder !== null && r.kind !== null) items.set(r.placeholder, { kind: r.kind, branch: r.branch });
  }
  return { authors, items };
}

/** Records placeholders of erased items (idempotent). */
export async function rememberErasedItems(
  db: Queryable,
  platform: string,
  items: ReadonlyArray<{ placeholder: string } & ErasedItem>,
): Promise<void> {
  if (items.length === 0) return;
  await db.query(
    `insert into erased_items (platform, placeholder, kind, branch_external_id)
     select $1, e.placeholder, e.kind, e.branch from jsonb_to_recordset($2::jsonb) as e(placeholder text, kind text, branch text)
     on conflict do nothing`,
    [platform, JSON.stringify(items)],
  );
}

/** Tombstones a pseudonym: no item of it is stored again (idempotent). */
export async function tombstoneResident(db: Queryable, platform: string, authorKey: string): Promise<void> {
  await db.query('insert into erased_residents (platform, author_key) values ($1, $2) on conflict do nothing', [platform, authorKey]);
}

/**
 * What an ingest may store of `items` (all of `platform`) after erasures: items by a tombstoned resident are
 * dropped (and remembered as erased items, so replies to them are re-pointed too), and every parent or root id
 * that names an erased item is replaced by its placeholder. `erased` holds the placeholders the kept items refer
 * to, for branch resolution. One lookup statement; one more when the batch held a tombstoned resident's items.
 */
export async function applyErasures(
  db: Queryable,
  platform: Platform,
  items: readonly ItemRecord[],
): Promise<{ kept: readonly ItemRecord[]; erased: ReadonlyMap<string, ErasedItem>; unplaced: readonly ItemRecord[] }> {
  const inBatch = new Set(items.map((r) => r.externalId));
  const authorKeys = new Set<string>();
  // Only a reference outside the batch can name an already erased item (an erased item is never stored again).
  const outside = new Map<string, string>();
  for (const r of items) {
    if (r.authorRole === 'citizen') authorKeys.add(r.authorKey);
    for (const ref of [r.parentExternalId, r.rootExternalId]) {
      if (ref !== null && !inBatch.has(ref) && !outside.has(ref)) outside.set(ref, erasedPlaceholder(platform, ref));
    }
  }
  const known = await readErasures(db, platform, [...authorKeys], [...outside.values()]);
  if (known.authors.size === 0 && known.items.size === 0) return { kept: items, erased: known.items, unplaced: [] };
  const placeholderOf = new Map<string, string>();
  for (const [ref, placeholder] of outside) if (known.items.has(placeholder)) placeholderOf.set(ref, placeholder);
  const erased = new Map(known.items);
  const fresh: Array<{ placeholder: string } & ErasedItem> = [];
  for (const r of items) {
    if (r.authorRole !== 'citizen' || !known.authors.has(r.authorKey)) continue;
    const placeholder = erasedPlaceholder(platform, r.externalId);
    placeholderOf.set(r.externalId, placeholder);
    // Its own branch when it is one (a citizen post, or a comment directly under the root); a deeper one's branch
    // is another item's and is left to the resolver.
    const own = r.kind === 'post' || r.parentExternalId === r.rootExternalId;
    const e: ErasedItem = { kind: r.kind, branch: own ? placeholder : null };
    erased.set(placeholder, e);
    fresh.push({ placeholder, ...e });
  }
  await rememberErasedItems(db, platform, fresh);
  const kept: ItemRecord[] = [];
  const unplaced: ItemRecord[] = [];
  for (const r of items) {
    const parent = r.parentExternalId === null ? null : (placeholderOf.get(r.parentExternalId) ?? r.parentExternalId);
    const root = placeholderOf.get(r.rootExternalId) ?? r.rootExternalId;
    const repointed =
      parent === r.parentExternalId && root === r.rootExternalId ? r : { ...r, parentExternalId: parent, rootExternalId: root };
    if (r.authorRole !== 'citizen' || !known.authors.has(r.authorKey)) kept.push(repointed);
    else if (erased.get(placeholderOf.get(r.externalId)!)?.branch === null)
      unplaced.push({ ...repointed, externalId: placeholderOf.get(r.externalId)! });
  }
  return { kept, erased, unplaced };
}

/**
 * The placeholders of those of `externalIds` that name erased items. A complete read of a thread or of a reply
 * list names the platform's id of its root or parent, while the replies stored under an erased item name its
 * placeholder: the read must be applied to the placeholder, or a reply deleted on the platform stays live.
 */
export async function erasedScopes(db: Queryable, platform: Platform, externalIds: readonly string[]): Promise<Map<string, string>> {
  const placeholders = new Map([...new Set(externalIds)].map((id) => [erasedPlaceholder(platform, id), id]));
  const known = await readErasures(db, platform, [], [...placeholders.keys()]);
  const out = new Map<string, string>();
  for (const placeholder of known.items.keys()) out.set(placeholders.get(placeholder)!, placeholder);
  return out;
}

/**
 * Records the branches found for erased items that had none: a tombstoned resident's new reply deeper than the
 * first level is dropped at ingest, and its branch is its parent's, which only the batch and the store know.
 * Replies to it inherit that branch (upsertItems resolves both in one pass). `branches` maps placeholders.
 */
export async function settleErasedBranches(
  db: Queryable,
  platform: Platform,
  unplaced: readonly ItemRecord[],
  branches: ReadonlyMap<string, string>,
): Promise<void> {
  const found = unplaced.flatMap((r) => {
    const branch = branches.get(r.externalId);
    return branch ? [{ placeholder: r.externalId, branch }] : [];
  });
  if (found.length === 0) return;
  await db.query(
    `update erased_items e set branch_external_id = x.branch
     from jsonb_to_recordset($2::jsonb) as x(placeholder text, branch text)
     where e.platform = $1 and e.placeholder = x.placeholder and e.branch_external_id is null`,
    [platform, JSON.stringify(found)],
  );
}
