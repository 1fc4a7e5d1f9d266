import type { Platform } from '../domain/records.js';
import type { Queryable } from './db.js';
import type { TouchedItem } from './items.js';

/**
 * Deletion marks from complete reads: a stored item that a read covering it did not return is gone on the
 * platform (deleted_at = now; never a hard delete). See upsertItems for the other half of an item's life.
 */

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
