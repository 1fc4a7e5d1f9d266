import { afterAll, beforeAll, expect, test } from 'vitest';

import { resolveBranches } from '../../../src/domain/branch.js';
import { resolveStoredBranches } from '../../../src/store/item-threads.js';
import { branchOf } from '../../../src/store/turn-sql.js';
import { insertAccount } from '../../helpers/builders.js';
import { useTestDb } from '../../helpers/test-db.js';

/**
 * The branch rule has one TypeScript definition (src/domain/branch.ts: the ingest's in-memory resolution and the
 * alerts' live check) and its SQL forms (src/store/turn-sql.ts: the fix-up of stored threads and branchOf, which
 * the indicators, alerts and report read): both must place every comment alike. Threads are stored with no
 * branch, in an order where children come before parents, then placed by SQL and by TypeScript separately.
 */
let t: Awaited<ReturnType<typeof useTestDb>>;
let accountId = '';
beforeAll(async () => {
  t = await useTestDb();
  accountId = await insertAccount(t.db, { municipality: '0301', platform: 'facebook', externalId: 'page-1' });
});
afterAll(async () => {
  await t.drop();
});

type Row = { id: string; kind: 'post' | 'comment'; parent: string | null; root: string; role: 'owner' | 'citizen' };
const THREADS: Row[] = [
  // An owner's post: two branches, one three deep, and an owner reply inside one.
  { id: 'c3', kind: 'comment', parent: 'c2', root: 'p1', role: 'citizen' },
  { id: 'c2', kind: 'comment', parent: 'c1', root: 'p1', role: 'owner' },
  { id: 'c1', kind: 'comment', parent: 'p1', root: 'p1', role: 'citizen' },
  { id: 'p1', kind: 'post', parent: null, root: 'p1', role: 'owner' },
  { id: 'c5', kind: 'comment', parent: 'c4', root: 'p1', role: 'owner' },
  { id: 'c4', kind: 'comment', parent: 'p1', root: 'p1', role: 'citizen' },
  // A citizen's post: the whole thread is one branch.
  { id: 'd2', kind: 'comment', parent: 'd1', root: 'p2', role: 'citizen' },
  { id: 'd1', kind: 'comment', parent: 'p2', root: 'p2', role: 'owner' },
  { id: 'p2', kind: 'post', parent: null, root: 'p2', role: 'citizen' },
  // A thread whose root is not stored (an X conversation started elsewhere).
  { id: 'e2', kind: 'comment', parent: 'e1', root: 'x9', role: 'owner' },
  { id: 'e1', kind: 'comment', parent: 'x9', root: 'x9', role: 'citizen' },
];

test('the TypeScript rule and the SQL forms place every comment alike', async () => {
  const created = new Date('2026-11-02T10:00:00Z');
  for (const [k, r] of THREADS.entries()) {
    await t.db.query(
      `insert into items (account_id, platform, external_id, kind, parent_external_id, root_external_id, author_role,
                          author_key, created_at, text, first_seen_at, last_seen_at)
       values ($1, 'facebook', $2, $3, $4, $5, $6, $7, $8, 'tekst', $8, $8)`,
      [Number(accountId), r.id, r.kind, r.parent, r.root, r.role, `author-${r.role}`, new Date(created.getTime() + k * 60_000)],
    );
  }
  const stillOpen = await resolveStoredBranches(t.db, 'facebook', ['p1', 'p2', 'x9']);
  const { rows } = await t.db.query<{ id: string; branch: string | null }>(
    `select i.external_id as id, ${branchOf('i', 'r.author_role')} as branch
     from items i left join items r on r.platform = i.platform and r.external_id = i.root_external_id
     where i.platform = 'facebook' and i.kind = 'comment' order by i.external_id`,
  );
  const sql = new Map(rows.map((r) => [r.id, r.branch]));

  const posts = new Map(THREADS.filter((r) => r.kind === 'post').map((r) => [r.id, r]));
  const ts = resolveBranches(
    THREADS.filter((r) => r.kind === 'comment').map((r) => ({ externalId: r.id, parentExternalId: r.parent, rootExternalId: r.root })),
    (root) => (posts.has(root) ? posts.get(root)?.role === 'citizen' : undefined),
    () => undefined,
  );
  const expected = { c1: 'c1', c2: 'c1', c3: 'c1', c4: 'c4', c5: 'c4', d1: 'p2', d2: 'p2' };
  expect(Object.fromEntries(ts)).toEqual(expected);
  // Where the rule can place a comment, SQL agrees.
  for (const [id, branch] of Object.entries(expected)) expect(sql.get(id), id).toBe(branch);
  // Under a root that is not stored, TypeScript places nothing yet; SQL reads a comment directly under the root
  // as its own branch (the root cannot be a citizen's post the collector stored), and the fix-up reports the
  // thread as still open.
  expect(ts.has('e1')).toBe(false);
  expect(sql.get('e1')).toBe('e1');
  expect(sql.get('e2')).toBeNull();
  expect(stillOpen).toEqual(['x9']);
});
