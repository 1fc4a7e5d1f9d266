import { resolveBranches } from '../domain/branch.js';
import type { ItemRecord, Platform } from '../domain/records.js';
import { moreScrubbed, sameUpToNames } from '../privacy/name-placeholder.js';
import type { Queryable } from './db.js';
import { applyErasures, settleErasedBranches, type ErasedItem } from './erasures.js';
import { resolveStoredBranches } from './item-threads.js';

/**
 * Items (posts and comments at any depth) as the platform last showed them. Writes are idempotent: a re-read
 * of the same page changes nothing. Edits update text and edited_at; items gone from the platform get
 * deleted_at (never a hard delete); an item seen again after a deletion mark loses it.
 */

/** An item that was inserted or changed, with the times whose ISO weeks its change touches. */
export type TouchedItem = { accountId: string; externalId: string; createdAt: Date };

export type UpsertItemsResult = {
  inserted: number;
  updated: number;
  unchanged: number;
  touched: TouchedItem[];
  /** Creation times of the parents and roots of touched comments (a reply changes its question's week too). */
  related: Array<{ accountId: string; createdAt: Date }>;
};

type Existing = {
  external_id: string;
  kind: string;
  parent_external_id: string | null;
  root_external_id: string;
  author_role: string;
  author_key: string;
  created_at: Date;
  hidden_at: Date | null;
  deleted_at: Date | null;
  text: string | null;
  text_purged_at: Date | null;
  permalink: string | null;
  account_id: number;
  branch_external_id: string | null;
};

/**
 * What branch resolution and dirty weeks need of a stored parent or root. `StoredLinks` (a first backfill's own
 * writes, see upsertItems) holds these for every item a pass wrote.
 */
export type StoredLink = Pick<Existing, 'kind' | 'author_role' | 'branch_external_id' | 'account_id' | 'created_at'>;
export type StoredLinks = Map<string, StoredLink>;

/** What a caller writing many groups of items (a collection pass) keeps between them; see upsertItems. */
export type UpsertContext = {
  written?: StoredLinks | undefined;
  /** Roots under which the caller's earlier writes left comments without a branch; kept up to date. */
  openRoots?: Set<string> | undefined;
};

function changed(e: Existing, r: ItemRecord): boolean {
  return (
    e.kind !== r.kind ||
    e.parent_external_id !== r.parentExternalId ||
    e.root_external_id !== r.rootExternalId ||
    e.author_role !== r.authorRole ||
    e.author_key !== r.authorKey ||
    e.created_at.getTime() !== r.createdAt.getTime() ||
    (e.hidden_at === null) !== (r.hiddenAt === null) ||
    e.deleted_at !== null ||
    // Purged text stays purged: the retention job nulled it on purpose.
    (e.text_purged_at === null && e.text !== r.text) ||
    (r.permalink !== null && e.permalink !== r.permalink)
  );
}

/**
 * Inserts new items and updates changed ones in one statement, bumps last_seen_at of unchanged ones, then
 * resolves branch_external_id. All items must be of `platform`. `written`, when given, is every item stored for
 * the items' account and is kept up to date with what this call writes: a caller may pass it only when no one
 * else stores items of that account or with the same ids (a first backfill of Facebook or YouTube, whose ids
 * belong to one Page or channel); a group of items new to it is then written without reading the store.
 */
export async function upsertItems(
  db: Queryable,
  platform: Platform,
  incoming: readonly ItemRecord[],
  now: Date,
  { written, openRoots }: UpsertContext = {},
): Promise<UpsertItemsResult> {
  if (incoming.length === 0) return { inserted: 0, updated: 0, unchanged: 0, touched: [], related: [] };
  // Erasure (GDPR) lasts: a tombstoned resident's items are never stored again, and references to erased items
  // point at their placeholders (`unplaced`: a tombstoned resident's dropped replies whose branch is still unknown).
  const { kept: items, erased, unplaced } = await applyErasures(db, platform, incoming);
  if (items.length + unplaced.length === 0) return { inserted: 0, updated: 0, unchanged: 0, touched: [], related: [] };
  // The last record of an external id wins (a page may repeat an item across an overlap).
  const byId = new Map<string, ItemRecord>();
  for (const it of items) byId.set(it.externalId, it);
  const lookup = new Set(byId.keys());
  for (const r of [...byId.values(), ...unplaced]) {
    if (r.parentExternalId) lookup.add(r.parentExternalId);
    lookup.add(r.rootExternalId);
  }
  // The stored versions of the items, and the stored parents and roots (for branches and weeks).
  let old: Map<string, Existing>;
  let links: ReadonlyMap<string, StoredLink>;
  if (written && !anyOf(byId.keys(), (id) => written.has(id))) {
    // `written`: every item stored for these items' account, kept by the pass that wrote them (a first backfill
    // of a platform whose item ids belong to one account). None of these items is among them, so none is
    // stored, and the parents and roots that are stored are in it: the store need not be asked. (A branch it
    // holds as null that the SQL fix-up resolved leaves a child to the same fix-up: the stored result is equal.)
    // It is read for parents and roots only, before this call adds its own items to it.
    old = new Map();
    links = written;
  } else {
    // One probe of the (platform, external_id) key per id: on a table filled faster than autovacuum analyses it
    // (a first backfill), `external_id = any(…)` was planned as a scan of every item of the platform.
    const { rows: existing } = await db.query<Existing>(
      `select i.* from unnest($2::text[]) as k(external_id)
       cross join lateral (
         select external_id, kind, parent_external_id, root_external_id, author_role, author_key, created_at,
                hidden_at, deleted_at, text, text_purged_at, permalink, account_id, branch_external_id
         from items where platform = $1 and external_id = k.external_id limit 1
       ) i`,
      [platform, [...lookup]],
      'items-lookup',
    );
    old = new Map(existing.map((e) => [e.external_id, e]));
    links = old;
  }
  // A text that differs only in which names were scrubbed is not an edit: keep the version that hides more
  // names, store it without touching edited_at, and compare against it below.
  const rescrubbed: Array<{ external_id: string; text: string }> = [];
  for (const [id, r] of byId) {
    const e = old.get(id);
    if (!e || e.text_purged_at !== null || e.text === null || r.text === null || e.text === r.text) continue;
    if (!sameUpToNames(e.text, r.text)) continue;
    const text = moreScrubbed(e.text, r.text);
    if (text !== e.text) rescrubbed.push({ external_id: id, text });
    e.text = text;
    byId.set(id, { ...r, text });
  }
  if (rescrubbed.length > 0) {
    await db.query(
      `update items i set text = x.text
       from jsonb_to_recordset($2::jsonb) as x(external_id text, text text)
       where i.platform = $1 and i.external_id = x.external_id`,
      [platform, JSON.stringify(rescrubbed)],
    );
  }
  const branches = resolveBranchesInMemory(
    unplaced.length === 0 ? byId : new Map([...byId, ...unplaced.map((r) => [r.externalId, r] as const)]),
    links,
    erased,
  );
  await settleErasedBranches(db, platform, unplaced, branches);
  const write: ItemRecord[] = [];
  const unchanged: string[] = [];
  let inserted = 0;
  for (const r of byId.values()) {
    const e = old.get(r.externalId);
    if (!e) {
      inserted++;
      write.push(r);
    } else if (changed(e, r) || (branches.has(r.externalId) && e.branch_external_id !== branches.get(r.externalId))) write.push(r);
    else unchanged.push(r.externalId);
  }
  if (write.length > 0) {
    // Columns as arrays (unnest) rather than one jsonb document: Postgres parses a text array faster than jsonb
    // and then reading each field out of it (19-27 instead of 31-33 µs a row in an insert of 15,000 rows alone).
    const col = <T>(f: (r: ItemRecord) => T): T[] => write.map(f);
    await db.query(
      `insert into items (account_id, platform, external_id, kind, parent_external_id, root_external_id,
                          branch_external_id, author_role, author_key, created_at, edited_at, hidden_at, removed_at,
                          text, permalink, first_seen_at, last_seen_at)
       -- Already hidden when first stored: removed from its creation (INDICATORS.md, clarification 2).
       select r.account_id, $14, r.external_id, r.kind, r.parent_external_id, r.root_external_id, r.branch_external_id,
              r.author_role, r.author_key, r.created_at, r.edited_at, r.hidden_at,
              case when r.hidden_at is not null then r.created_at end, r.text, r.permalink, $15, $15
       from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::text[], $13::text[])
            as r(account_id, external_id, kind, parent_external_id, root_external_id, branch_external_id, author_role,
                 author_key, created_at, edited_at, hidden_at, text, permalink)
       on conflict (platform, external_id) do update
         set kind = excluded.kind,
             parent_external_id = excluded.parent_external_id,
             root_external_id = excluded.root_external_id,
             branch_external_id = coalesce(excluded.branch_external_id,
                                           case when excluded.parent_external_id is not distinct from items.parent_external_id
                                                then items.branch_external_id end),
             author_role = excluded.author_role,
             author_key = excluded.author_key,
             created_at = excluded.created_at,
             edited_at = case when items.text_purged_at is null and items.text is distinct from excluded.text
                              then coalesce(excluded.edited_at, $15) else coalesce(excluded.edited_at, items.edited_at) end,
             text = case when items.text_purged_at is null then excluded.text else items.text end,
             hidden_at = case when excluded.hidden_at is null then null else coalesce(items.hidden_at, excluded.hidden_at) end,
             -- Still hidden: removed since it was; newly hidden (or deleted and now seen hidden): from this pass.
             removed_at = case when excluded.hidden_at is null then null
                               when items.hidden_at is not null then coalesce(items.removed_at, items.hidden_at)
                               else excluded.hidden_at end,
             deleted_at = null,
             permalink = coalesce(excluded.permalink, items.permalink),
             last_seen_at = excluded.last_seen_at`,
      [
        col((r) => Number(r.accountId)),
        col((r) => r.externalId),
        col((r) => r.kind),
        col((r) => r.parentExternalId),
        col((r) => r.rootExternalId),
        col((r) => branches.get(r.externalId) ?? null),
        col((r) => r.authorRole),
        col((r) => r.authorKey),
        col((r) => r.createdAt.toISOString()),
        col((r) => r.editedAt?.toISOString() ?? null),
        col((r) => r.hiddenAt?.toISOString() ?? null),
        col((r) => r.text),
        col((r) => r.permalink),
        platform,
        now,
      ],
      'items-upsert',
    );
    // Comments whose parent chain is not in this batch nor stored yet, and threads where earlier writes left such
    // comments (their parent may be among these items: X returns a conversation newest first): the SQL fix-up.
    const fix = new Set<string>();
    for (const r of write) {
      if ((r.kind === 'comment' && !branches.has(r.externalId)) || openRoots?.has(r.rootExternalId)) fix.add(r.rootExternalId);
    }
    if (fix.size > 0) {
      const stillOpen = await resolveStoredBranches(db, platform, [...fix]);
      for (const root of fix) openRoots?.delete(root);
      for (const root of stillOpen) openRoots?.add(root);
    }
  }
  if (unchanged.length > 0) {
    await db.query(
      'update items set last_seen_at = $3 where platform = $1 and external_id = any($2::text[])',
      [platform, unchanged, now],
      'items-seen',
    );
  }
  const related: Array<{ accountId: string; createdAt: Date }> = [];
  for (const r of write) {
    if (r.kind !== 'comment') continue;
    for (const id of [r.parentExternalId, r.rootExternalId]) {
      const p = id ? (byId.get(id) ?? links.get(id)) : undefined;
      if (!p) continue;
      related.push(
        'accountId' in p
          ? { accountId: p.accountId, createdAt: p.createdAt }
          : { accountId: String(p.account_id), createdAt: p.created_at },
      );
    }
  }
  if (written) {
    for (const r of write) {
      written.set(r.externalId, {
        kind: r.kind,
        author_role: r.authorRole,
        branch_external_id: branches.get(r.externalId) ?? null,
        account_id: Number(r.accountId),
        created_at: r.createdAt,
      });
    }
  }
  return {
    inserted,
    updated: write.length - inserted,
    unchanged: unchanged.length,
    touched: write.map((r) => ({ accountId: r.accountId, externalId: r.externalId, createdAt: r.createdAt })),
    related,
  };
}

function anyOf<T>(values: Iterable<T>, test: (v: T) => boolean): boolean {
  for (const v of values) if (test(v)) return true;
  return false;
}

/**
 * Branch of each comment of the batch (the rule: src/domain/branch.ts) from the batch itself and the stored
 * parents and roots. Comments whose chain cannot be followed here are left out (the SQL fix-up places them once
 * their parents are stored).
 */
function resolveBranchesInMemory(
  batch: ReadonlyMap<string, ItemRecord>,
  stored: ReadonlyMap<string, StoredLink>,
  erased: ReadonlyMap<string, ErasedItem>,
): Map<string, string> {
  // An erased item (a placeholder) was a resident's: its kind and branch are kept for this.
  const rootIsCitizenPost = (id: string): boolean | undefined => {
    const role = batch.get(id)?.authorRole ?? stored.get(id)?.author_role ?? (erased.has(id) ? 'citizen' : undefined);
    if (role === undefined) return undefined;
    return role === 'citizen' && (batch.get(id)?.kind ?? stored.get(id)?.kind ?? erased.get(id)?.kind) === 'post';
  };
  const comments = [...batch.values()].filter((r) => r.kind === 'comment');
  return resolveBranches(comments, rootIsCitizenPost, (id) => stored.get(id)?.branch_external_id ?? erased.get(id)?.branch);
}

/**
 * Marks the stored posts of a complete listing window, or the listed ids, that the read did not return as deleted
 * (deleted_at = now). Thread and children reads go through markMissingDeletedMany's set-based passes.
 */
async function markMissingDeletedRows(
  db: Queryable,
  platform: Platform,
  accountId: string,
  read: Extract<MissingRead, { kind: 'posts' | 'missing' }>,
  now: Date,
): Promise<Array<{ account_id: number; external_id: string; created_at: Date }>> {
  let sql: string;
  let params: unknown[];
  if (read.kind === 'posts') {
    sql = `update items set deleted_at = $5, removed_at = coalesce(removed_at, $5)
           where platform = $1 and account_id = $2 and kind = 'post' and deleted_at is null
             and created_at >= $3 and created_at <= $4 and ($6::text is null or author_role = $6)
             and not (external_id = any($7::text[]))
           returning account_id, external_id, created_at`;
    params = [platform, Number(accountId), read.from, read.to, now, read.authorRole ?? null, read.seenExternalIds];
  } else {
    if (read.externalIds.length === 0) return [];
    sql = `update items set deleted_at = $3, removed_at = coalesce(removed_at, $3)
           where platform = $1 and account_id = $2 and deleted_at is null and external_id = any($4::text[])
           returning account_id, external_id, created_at`;
    params = [platform, Number(accountId), now, read.externalIds];
  }
  return (await db.query<{ account_id: number; external_id: string; created_at: Date }>(sql, params)).rows;
}

export type MissingRead =
  | { kind: 'thread'; rootExternalId: string; seenExternalIds: readonly string[] }
  | { kind: 'posts'; from: Date; to: Date; authorRole?: 'owner' | 'citizen'; seenExternalIds: readonly string[] }
  | { kind: 'children'; parentExternalId: string; seenExternalIds: readonly string[] }
  | { kind: 'missing'; externalIds: readonly string[] };

/**
 * Marks stored items that complete reads did not return as deleted (deleted_at = now), many reads at once:
 * every `thread` read in one statement, every `children` read in one, every `missing` list in one (a commit
 * group holds dozens of thread reads; one statement each was most of a backfill's round trips). Same result as
 * applying the reads one by one: an item marked by one read is not marked again by another. Returns the items
 * newly marked, for dirty weeks and counts.
 */
export async function markMissingDeletedMany(
  db: Queryable,
  platform: Platform,
  accountId: string,
  reads: readonly MissingRead[],
  now: Date,
): Promise<TouchedItem[]> {
  const out: TouchedItem[] = [];
  const take = (rows: Array<{ account_id: number; external_id: string; created_at: Date }>) => {
    for (const r of rows) out.push({ accountId: String(r.account_id), externalId: r.external_id, createdAt: r.created_at });
  };
  // A stored comment of a listed scope is gone when `scope chr(1) id` is not among the seen keys of the reads.
  // The scopes are probed one by one through their index and `<> all(array)` is hashed by Postgres (15+): on a
  // table filled faster than autovacuum analyses it (a first backfill), a join against unnest() was planned as a
  // nested loop growing with the square of a group's comments, and `= any(scopes)` as a scan of the platform.
  const byScope = (kind: 'thread' | 'children') => {
    const scopes: string[] = [];
    const seen: string[] = [];
    for (const r of reads) {
      if (r.kind !== kind) continue;
      const scope = r.kind === 'thread' ? r.rootExternalId : r.kind === 'children' ? r.parentExternalId : '';
      scopes.push(scope);
      for (const id of r.seenExternalIds) seen.push(`${scope}\u0001${id}`);
    }
    return { scopes, seen };
  };
  // Comments of a read thread (by root) or a read children page (by parent) that the read did not return.
  const markGone = async (column: 'root_external_id' | 'parent_external_id', under: { scopes: string[]; seen: string[] }) => {
    if (under.scopes.length === 0) return;
    const { rows } = await db.query<{ account_id: number; external_id: string; created_at: Date }>(
      `update items i set deleted_at = $3, removed_at = coalesce(i.removed_at, $3)
       from (select c.id from unnest($4::text[]) as r(scope)
             cross join lateral (select id, external_id from items
                                 where platform = $1 and ${column} = r.scope and account_id = $2 and kind = 'comment'
                                   and deleted_at is null offset 0) c
             where r.scope || chr(1) || c.external_id <> all($5::text[])) gone
       where i.id = gone.id
       returning i.account_id, i.external_id, i.created_at`,
      [platform, Number(accountId), now, under.scopes, under.seen],
    );
    take(rows);
  };
  await markGone('root_external_id', byScope('thread'));
  await markGone('parent_external_id', byScope('children'));
  const missing = reads.flatMap((r) => (r.kind === 'missing' ? r.externalIds : []));
  if (missing.length > 0) take(await markMissingDeletedRows(db, platform, accountId, { kind: 'missing', externalIds: missing }, now));
  for (const r of reads) if (r.kind === 'posts') take(await markMissingDeletedRows(db, platform, accountId, r, now));
  return out;
}
