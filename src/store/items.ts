import { resolveBranches } from '../domain/branch.js';
import { AppError } from '../errors.js';
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
  let knownNew = false;
  if (written && !anyOf(byId.keys(), (id) => written.has(id))) {
    // `written`: every item stored for these items' account, kept by the pass that wrote them (a first backfill
    // of a platform whose item ids belong to one account). None of these items is among them, so none is
    // stored, and the parents and roots that are stored are in it: the store need not be asked. (A branch it
    // holds as null that the SQL fix-up resolved leaves a child to the same fix-up: the stored result is equal.)
    // It is read for parents and roots only, before this call adds its own items to it.
    old = new Map();
    links = written;
    knownNew = true;
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
    const values = [
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
    ];
    // A group the pass knows is new (`written`, a first backfill) goes in by a plain insert, which Postgres runs in
    // three quarters of the time of the same insert with ON CONFLICT (no speculative insertion: 27,500 rows, 278-298
    // against 376 ms; BENCHMARKS.md, collector). Should an id be stored after all (by another account: a post
    // tagging or replying to a second monitored account), the savepoint takes the insert back and the upsert
    // writes the group as for any other.
    if (!(knownNew && (await insertedAsNew(db, values)))) await db.query(`${INSERT_ITEMS}\n${ON_CONFLICT}`, values, 'items-upsert');
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

/** The insert of the upsert (unnest of one array per column: see upsertItems), without its conflict clause. */
const INSERT_ITEMS = `insert into items (account_id, platform, external_id, kind, parent_external_id, root_external_id,
                   branch_external_id, author_role, author_key, created_at, edited_at, hidden_at, removed_at,
                   text, permalink, first_seen_at, last_seen_at)
-- Already hidden when first stored: removed from its creation (INDICATORS.md, clarification 2).
select r.account_id, $14, r.external_id, r.kind, r.parent_external_id, r.root_external_id, r.branch_external_id,
       r.author_role, r.author_key, r.created_at, r.edited_at, r.hidden_at,
       case when r.hidden_at is not null then r.created_at end, r.text, r.permalink, $15, $15
from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
            $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::text[], $13::text[])
     as r(account_id, external_id, kind, parent_external_id, root_external_id, branch_external_id, author_role,
          author_key, created_at, edited_at, hidden_at, text, permalink)`;

/** What a stored item takes from a new read of it. */
const ON_CONFLICT = `on conflict (platform, external_id) do update
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
      last_seen_at = excluded.last_seen_at`;

/**
 * INSERT_ITEMS without a conflict clause, under a savepoint: false (and nothing written) when an id is already
 * stored. Only inside a transaction (a collection group's). The savepoint is sent with the insert, without
 * waiting for it (the pool pipelines).
 */
async function insertedAsNew(db: Queryable, values: unknown[]): Promise<boolean> {
  const savepoint = db.query('savepoint items_new');
  const insert = db.query(INSERT_ITEMS, values, 'items-insert');
  // oxlint-disable-next-line no-empty-function -- awaited below, after the savepoint
  insert.catch(() => {});
  await savepoint;
  try {
    await insert;
    return true;
  } catch (err) {
    if (!(err instanceof AppError && err.details.context?.sqlstate === UNIQUE_VIOLATION)) throw err;
    await db.query('rollback to savepoint items_new');
    return false;
  }
}

const UNIQUE_VIOLATION = '23505';
