import type { Queryable } from '../../src/store/db.js';

/** Registers an account directly (tests only) and returns its id. */
export async function insertAccount(
  db: Queryable,
  a: { municipality: string; platform: string; externalId: string; handle?: string; status?: string },
): Promise<string> {
  const { rows } = await db.query<{ id: number }>(
    `insert into accounts (municipality_code, platform, external_id, handle, status) values ($1, $2, $3, $4, $5) returning id`,
    [a.municipality, a.platform, a.externalId, a.handle ?? null, a.status ?? 'active'],
  );
  return String(rows[0]!.id);
}

/** Inserts one item directly (tests only); parents and roots are external ids. */
export async function insertItem(
  db: Queryable,
  i: {
    accountId: string;
    platform: string;
    externalId: string;
    kind?: 'post' | 'comment';
    parent?: string | null;
    root?: string;
    branch?: string | null;
    role?: 'owner' | 'citizen';
    author?: string;
    createdAt: Date | string;
    text?: string | null;
  },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into items (account_id, platform, external_id, kind, parent_external_id, root_external_id, branch_external_id,
                        author_role, author_key, created_at, text, first_seen_at, last_seen_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10, $10) returning id`,
    [
      Number(i.accountId),
      i.platform,
      i.externalId,
      i.kind ?? (i.parent ? 'comment' : 'post'),
      i.parent ?? null,
      i.root ?? i.externalId,
      i.branch ?? null,
      i.role ?? 'citizen',
      i.author ?? 'r_test',
      new Date(i.createdAt),
      i.text ?? null,
    ],
  );
  return rows[0]!.id;
}
