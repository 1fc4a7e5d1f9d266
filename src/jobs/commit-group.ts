import type { CollectBatch } from '../collectors/collector.js';
import type { Platform } from '../domain/records.js';
import { isoWeekOf } from '../indicators/iso-week.js';
import type { Queryable, Tx } from '../store/db.js';
import { erasedScopes } from '../store/erasures.js';
import { relatedCreationTimes, scopesWithStoredComments } from '../store/item-threads.js';
import { upsertItems, type StoredLinks } from '../store/items.js';
import { markMissingDeletedMany, type MissingRead } from '../store/missing-items.js';
import { writeGroupTail } from '../store/sync-state.js';

export type Totals = { itemsNew: number; itemsUpdated: number; itemsDeleted: number; snapshots: number };

/**
 * What a pass over an account with no items stored when it started (a first backfill) has written: then all
 * the account's stored items, so the store need not be asked what it holds. `roots`/`parents`: the scopes under
 * which it stored comments; `posts`: the posts it stored; a superset of either is harmless (a deletion scan that
 * finds nothing). `items`: every item it wrote, for upsertItems, kept only where item ids belong to one account
 * (Facebook, YouTube; an X post that mentions two municipalities is stored once, for one of them).
 */
export type PassWrites = {
  roots: Set<string>;
  parents: Set<string>;
  posts: Map<string, { createdAt: Date; authorRole: string }>;
  items: StoredLinks | null;
};

export function firstBackfillOf(platform: Platform): PassWrites {
  return { roots: new Set(), parents: new Set(), posts: new Map(), items: platform === 'x' ? null : new Map() };
}

/** How a group's transaction ends. */
export type GroupEnd = {
  /** The caller's last writes in the transaction (the run row), after the group's items, before its tail. */
  beforeTail?: (counts: Omit<Totals, 'snapshots'>) => Promise<void>;
  /** The tail statement commits the transaction, in the same round trip; nothing may be sent in it afterwards. */
  commit?: boolean;
};

/** What a pass keeps from one group to the next. */
export type PassMemory = {
  /** Threads where the pass stored comments whose parent it had not stored yet (see upsertItems). */
  openRoots: Set<string>;
  /** Kept by a first backfill only. */
  firstBackfill?: PassWrites | undefined;
};

/**
 * One group of batches of an account's streams as one set of statements (one item lookup and upsert, one
 * deletion pass per kind of complete read that can mark anything, and one tail statement with the watermarks,
 * dirty weeks, engagement and follower counts) instead of a set per batch: a backfill yields a batch per page and
 * thread, and per-statement round trips were most of its time. A first backfill (`pass.firstBackfill`) skips the
 * lookup and the deletion scans its own writes answer; `end.commit` sends the tail with the transaction's commit.
 *
 * Equivalent to committing the batches one after another: items are upserted together (the last version of
 * an item wins, as within one batch), then the complete reads are applied; a read does not mark items that a
 * later batch of the group writes again (one by one, the later upsert would have undone the mark). The last
 * state of each stream in the group is written with it.
 */
export async function commitGroup(
  tx: Tx,
  accountId: string,
  platform: Platform,
  group: readonly CollectBatch[],
  now: Date,
  pass: PassMemory = { openRoots: new Set() },
  end: GroupEnd = {},
): Promise<Totals> {
  const passWrites = pass.firstBackfill;
  const items: CollectBatch['items'] = [];
  const metrics: CollectBatch['metrics'] = [];
  const followers: CollectBatch['followers'] = [];
  const reads: MissingRead[] = [];
  // The last state of each stream in the group.
  const states = new Map<string, NonNullable<CollectBatch['state']>>();
  // Ids written by batches after the one being looked at (walking the group backwards), by scope.
  const laterIds = new Set<string>();
  const laterByRoot = new Map<string, string[]>();
  const laterByParent = new Map<string, string[]>();
  const laterPosts: string[] = [];
  for (let k = group.length - 1; k >= 0; k--) {
    const b = group[k]!;
    if (b.state && !states.has(b.stream)) states.set(b.stream, b.state);
    for (const c of b.complete) {
      if (c.kind === 'thread')
        reads.push(
          laterByRoot.has(c.rootExternalId) ? { ...c, seenExternalIds: [...c.seenExternalIds, ...laterByRoot.get(c.rootExternalId)!] } : c,
        );
      else if (c.kind === 'children')
        reads.push(
          laterByParent.has(c.parentExternalId)
            ? { ...c, seenExternalIds: [...c.seenExternalIds, ...laterByParent.get(c.parentExternalId)!] }
            : c,
        );
      else if (c.kind === 'posts') reads.push(laterPosts.length > 0 ? { ...c, seenExternalIds: [...c.seenExternalIds, ...laterPosts] } : c);
      else reads.push(laterIds.size > 0 ? { kind: 'missing', externalIds: c.externalIds.filter((id) => !laterIds.has(id)) } : c);
    }
    for (const it of b.items) {
      if (laterIds.has(it.externalId)) continue;
      laterIds.add(it.externalId);
      if (it.kind === 'post') laterPosts.push(it.externalId);
      else {
        const r = laterByRoot.get(it.rootExternalId);
        if (r) r.push(it.externalId);
        else laterByRoot.set(it.rootExternalId, [it.externalId]);
        if (it.parentExternalId) {
          const p = laterByParent.get(it.parentExternalId);
          if (p) p.push(it.externalId);
          else laterByParent.set(it.parentExternalId, [it.externalId]);
        }
      }
    }
  }
  for (const b of group) {
    for (const it of b.items) items.push(it);
    for (const m of b.metrics) metrics.push(m);
    for (const f of b.followers) followers.push(f);
  }
  reads.reverse();
  if (passWrites)
    for (const it of items)
      if (it.kind === 'post') passWrites.posts.set(it.externalId, { createdAt: it.createdAt, authorRole: it.authorRole });
  const scans = await readsThatCanMark(tx, platform, accountId, reads, laterByRoot, laterByParent, passWrites);
  if (passWrites) {
    for (const root of laterByRoot.keys()) passWrites.roots.add(root);
    for (const parent of laterByParent.keys()) passWrites.parents.add(parent);
  }
  const up = await upsertItems(tx, platform, items, now, { written: passWrites?.items ?? undefined, openRoots: pass.openRoots });
  const deleted = scans.length > 0 ? await markMissingDeletedMany(tx, platform, accountId, scans, now) : [];
  if (passWrites) for (const d of deleted) passWrites.posts.delete(d.externalId);
  const marks = new Map<string, { accountId: string; week: string }>();
  if (up.touched.length + deleted.length > 0) {
    // A reply also changes the week of what it answers and of its thread.
    const related =
      deleted.length > 0
        ? [
            ...up.related,
            ...(await relatedCreationTimes(
              tx,
              platform,
              deleted.map((t) => t.externalId),
            )),
          ]
        : up.related;
    for (const list of [up.touched, deleted, related]) {
      for (const t of list) {
        const week = isoWeekOf(t.createdAt);
        marks.set(`${t.accountId}|${week}`, { accountId: t.accountId, week });
      }
    }
  }
  const counts = { itemsNew: up.inserted, itemsUpdated: up.updated + deleted.length, itemsDeleted: deleted.length };
  await end.beforeTail?.(counts);
  // Moved counts mark their item's week too, in the tail.
  const tailTx: Queryable = end.commit ? { query: (text, values, name) => tx.queryAndCommit(text, values, name) } : tx;
  const tail = await writeGroupTail(tailTx, accountId, platform, { states, dirty: [...marks.values()], metrics, followers }, now);
  return { ...counts, snapshots: tail.snapshots + tail.followers };
}

/**
 * The reads of a group that can mark anything: a complete read of a thread (children page) marks comments of
 * its scope it did not see, and before the group's upsert only two kinds can be such — comments stored by
 * earlier groups, and comments this group writes that the read did not return. A scope with neither (every
 * thread of a backfill) is left out, which spares the deletion pass a scan of what was just inserted.
 * `groupByRoot`/`groupByParent`: the group's comment ids by root and parent. `passWrites`, when the pass keeps
 * them (this group's posts included), answers which scopes hold stored comments instead of a query, and which
 * listing windows hold a stored post the read did not return.
 */
async function readsThatCanMark(
  tx: Queryable,
  platform: Platform,
  accountId: string,
  reads: readonly MissingRead[],
  groupByRoot: ReadonlyMap<string, readonly string[]>,
  groupByParent: ReadonlyMap<string, readonly string[]>,
  passWrites: PassWrites | undefined,
): Promise<MissingRead[]> {
  const roots: string[] = [];
  const parents: string[] = [];
  for (const r of reads) {
    if (r.kind === 'thread') roots.push(r.rootExternalId);
    else if (r.kind === 'children') parents.push(r.parentExternalId);
  }
  const none = { roots: new Set<string>(), parents: new Set<string>() };
  // A read of an erased item's replies (or of an erased resident's post's thread) names the platform id; the replies
  // are stored under its placeholder (see applyErasures). A first backfill stored nothing under any placeholder.
  const erased =
    roots.length === 0 && parents.length === 0
      ? new Map<string, string>()
      : passWrites
        ? new Map<string, string>()
        : await erasedScopes(tx, platform, [...roots, ...parents]);
  const scope = (id: string) => erased.get(id) ?? id;
  const stored =
    roots.length === 0 && parents.length === 0
      ? none
      : (passWrites ?? (await scopesWithStoredComments(tx, platform, accountId, { roots: roots.map(scope), parents: parents.map(scope) })));
  const missesGroupItem = (ids: readonly string[] | undefined, seen: readonly string[]) => {
    if (!ids) return false;
    const s = new Set(seen);
    return ids.some((id) => !s.has(id));
  };
  const windowMissesPost = (r: Extract<MissingRead, { kind: 'posts' }>, posts: PassWrites['posts']) => {
    const seen = new Set(r.seenExternalIds);
    for (const [id, p] of posts) {
      if (p.createdAt >= r.from && p.createdAt <= r.to && (r.authorRole === undefined || p.authorRole === r.authorRole) && !seen.has(id))
        return true;
    }
    return false;
  };
  return reads
    .filter((r) =>
      r.kind === 'thread'
        ? stored.roots.has(scope(r.rootExternalId)) || missesGroupItem(groupByRoot.get(r.rootExternalId), r.seenExternalIds)
        : r.kind === 'children'
          ? stored.parents.has(scope(r.parentExternalId)) || missesGroupItem(groupByParent.get(r.parentExternalId), r.seenExternalIds)
          : r.kind === 'posts' && passWrites
            ? windowMissesPost(r, passWrites.posts)
            : true,
    )
    .map((r) =>
      r.kind === 'thread' && erased.has(r.rootExternalId)
        ? { ...r, rootExternalId: scope(r.rootExternalId) }
        : r.kind === 'children' && erased.has(r.parentExternalId)
          ? { ...r, parentExternalId: scope(r.parentExternalId) }
          : r,
    );
}
