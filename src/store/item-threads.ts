import type { Platform } from '../domain/records.js';
import type { Queryable } from './db.js';
import { branchFromParentSql } from './turn-sql.js';

/**
 * What the collector asks of stored threads (which scopes hold comments, the posts of a window, the parents and
 * roots of items) and the branch fix-up of whole threads; the writes of items themselves are in items.ts.
 */

/**
 * Fills branch_external_id of comments in the given threads (the rule: src/domain/branch.ts): a comment directly
 * under the root is its own branch, a deeper one inherits its parent's; in the thread of a citizen post the
 * branch is the whole thread (the root). One update per level of depth; comments whose parent is not stored (yet) stay
 * null until it is: returns the roots that still hold such comments.
 */
export async function resolveStoredBranches(db: Queryable, platform: Platform, rootExternalIds: readonly string[]): Promise<string[]> {
  const roots = [...new Set(rootExternalIds)];
  if (roots.length === 0) return [];
  await db.query(
    `update items c set branch_external_id = c.root_external_id
     from items r
     where c.platform = $1 and c.root_external_id = any($2::text[]) and c.kind = 'comment'
       and r.platform = c.platform and r.external_id = c.root_external_id and r.kind = 'post' and r.author_role = 'citizen'
       and c.branch_external_id is distinct from c.root_external_id`,
    [platform, roots],
  );
  for (let depth = 0; depth < 1000; depth++) {
    const { rowCount } = await db.query(
      `update items c
       set branch_external_id = ${branchFromParentSql('c', 'p')}
       from items p
       where c.platform = $1 and c.root_external_id = any($2::text[]) and c.kind = 'comment'
         and c.branch_external_id is null
         and p.platform = c.platform and p.external_id = c.parent_external_id
         and (p.kind = 'post' or p.external_id = c.root_external_id or p.branch_external_id is not null)`,
      [platform, roots],
    );
    if (rowCount === 0) break;
  }
  const { rows } = await db.query<{ root_external_id: string }>(
    `select distinct root_external_id from items
     where platform = $1 and root_external_id = any($2::text[]) and kind = 'comment' and branch_external_id is null`,
    [platform, roots],
  );
  return rows.map((r) => r.root_external_id);
}

/**
 * Which of the given thread roots and parent comments have comments of the account stored (not deleted): a
 * complete read of a scope without any can only see what it brings, so its deletion pass can be skipped. A
 * backfill reads every thread for the first time; scanning each again after inserting it was a fifth of the
 * group's database time. Call it before the group's upsert.
 */
export async function scopesWithStoredComments(
  db: Queryable,
  platform: Platform,
  accountId: string,
  scopes: { roots: readonly string[]; parents: readonly string[] },
): Promise<{ roots: Set<string>; parents: Set<string> }> {
  const out = { roots: new Set<string>(), parents: new Set<string>() };
  if (scopes.roots.length === 0 && scopes.parents.length === 0) return out;
  const { rows } = await db.query<{ kind: 'root' | 'parent'; scope: string }>(
    `select 'root' as kind, r.scope from unnest($3::text[]) as r(scope)
     where exists (select 1 from items where platform = $1 and root_external_id = r.scope and account_id = $2
                     and kind = 'comment' and deleted_at is null)
     union all
     select 'parent', p.scope from unnest($4::text[]) as p(scope)
     where exists (select 1 from items where platform = $1 and parent_external_id = p.scope and account_id = $2
                     and kind = 'comment' and deleted_at is null)`,
    [platform, Number(accountId), scopes.roots, scopes.parents],
    'items-stored-scopes',
  );
  for (const r of rows) (r.kind === 'root' ? out.roots : out.parents).add(r.scope);
  return out;
}

/**
 * Creation times of the parents and roots of the given items, so that a new reply also marks the week of the
 * question it answers and of the thread it belongs to.
 */
export async function relatedCreationTimes(
  db: Queryable,
  platform: Platform,
  externalIds: readonly string[],
): Promise<Array<{ accountId: string; createdAt: Date }>> {
  if (externalIds.length === 0) return [];
  const { rows } = await db.query<{ account_id: number; created_at: Date }>(
    `select distinct r.account_id, r.created_at
     from items c
     join items r on r.platform = c.platform
                 and (r.external_id = c.parent_external_id or r.external_id = c.root_external_id)
     where c.platform = $1 and c.external_id = any($2::text[])`,
    [platform, externalIds],
  );
  return rows.map((r) => ({ accountId: String(r.account_id), createdAt: r.created_at }));
}

/** External ids of the account's stored, not deleted items of `kind` created at or after `since`. */
export async function listRecentItemIds(
  db: Queryable,
  accountId: string,
  kind: 'post' | 'comment',
  since: Date,
): Promise<Array<{ externalId: string; createdAt: Date; authorRole: string }>> {
  const { rows } = await db.query<{ external_id: string; created_at: Date; author_role: string }>(
    `select external_id, created_at, author_role from items
     where account_id = $1 and kind = $2 and created_at >= $3 and deleted_at is null
     order by created_at desc`,
    [Number(accountId), kind, since],
  );
  return rows.map((r) => ({ externalId: r.external_id, createdAt: r.created_at, authorRole: r.author_role }));
}
