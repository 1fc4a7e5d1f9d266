import { afterAll, beforeAll, expect, test } from 'vitest';

import type { CollectBatch } from '../../../src/collectors/collector.js';
import type { ItemRecord } from '../../../src/domain/records.js';
import { commitGroup, firstBackfillOf, type PassWrites } from '../../../src/jobs/commit-group.js';
import type { Tx } from '../../../src/store/db.js';
import { insertAccount } from '../../helpers/builders.js';
import { useTestDb } from '../../helpers/test-db.js';

/**
 * A commit group writes its batches as one set of statements; the result must be what committing the batches
 * one after another would give: a complete read marks what it did not see, except what a later batch of the
 * same group writes again (one by one, that later upsert would have undone the mark).
 */
let t: Awaited<ReturnType<typeof useTestDb>>;
let accountId = '';
const NOW = new Date('2026-11-20T12:00:00Z');
const POST = 'p1';

beforeAll(async () => {
  t = await useTestDb();
  accountId = await insertAccount(t.db, { municipality: '0301', platform: 'facebook', externalId: 'page-1' });
});
afterAll(async () => {
  await t?.drop();
});

const item = (externalId: string, kind: 'post' | 'comment' = 'comment', parent: string | null = POST): ItemRecord => ({
  platform: 'facebook',
  externalId,
  accountId,
  kind,
  parentExternalId: kind === 'post' ? null : parent,
  rootExternalId: kind === 'post' ? externalId : POST,
  authorRole: 'citizen',
  authorKey: 'r_x',
  createdAt: new Date('2026-11-18T10:00:00Z'),
  editedAt: null,
  hiddenAt: null,
  text: `text of ${externalId}`,
  permalink: null,
});
const batch = (b: Partial<CollectBatch>): CollectBatch => ({ stream: 'posts', items: [], metrics: [], followers: [], complete: [], ...b });
const thread = (seen: string[]): CollectBatch['complete'][number] => ({ kind: 'thread', rootExternalId: POST, seenExternalIds: seen });
const commit = (group: CollectBatch[]) => t.db.transaction((tx) => commitGroup(tx, accountId, 'facebook', group, NOW));
const deleted = async () =>
  (await t.db.query<{ external_id: string }>('select external_id from items where deleted_at is not null order by external_id')).rows.map(
    (r) => r.external_id,
  );

test('a complete read marks stored comments it did not see, in the same group as the items it saw', async () => {
  await commit([batch({ items: [item(POST, 'post'), item('c1'), item('c2')] })]);
  const r = await commit([batch({ items: [item('c1')] }), batch({ complete: [thread(['c1'])] })]);
  expect(r).toMatchObject({ itemsNew: 0, itemsDeleted: 1 });
  expect(await deleted()).toEqual(['c2']);
});

test('a comment written again by a later batch of the group is not marked by an earlier read', async () => {
  await commit([batch({ items: [item('c4')] })]);
  const r = await commit([batch({ complete: [thread(['c1'])] }), batch({ items: [item('c4')] })]);
  // One by one: c4 marked by the read, then written again (deleted_at cleared). Together: never marked.
  expect(await deleted()).toEqual(['c2']);
  expect(r.itemsDeleted).toBe(0);
});

test('the last state of each stream in the group is written with it', async () => {
  const st = (watermark: string) => ({ watermark: new Date(watermark), cursor: { at: watermark } });
  await commit([
    batch({ stream: 'page', state: st('2026-11-20T10:00:00Z') }),
    batch({ stream: 'posts', items: [item('c3')], state: st('2026-11-20T10:01:00Z') }),
    batch({ stream: 'posts', state: st('2026-11-20T10:02:00Z') }),
  ]);
  const { rows } = await t.db.query<{ stream: string; watermark: Date }>('select stream, watermark from sync_state order by stream');
  expect(rows).toEqual([
    { stream: 'page', watermark: new Date('2026-11-20T10:00:00Z') },
    { stream: 'posts', watermark: new Date('2026-11-20T10:02:00Z') },
  ]);
  const marks = await t.db.query('select account_id, week from indicator_dirty');
  expect(marks.rows.length).toBeGreaterThan(0);
});

test('follower counts of a group are stored as change points, as one insert per count would', async () => {
  const f = (capturedAt: string, followers: number) => ({ accountId, capturedAt: new Date(capturedAt), followers });
  const series = async () =>
    (await t.db.query<{ followers: number }>('select followers from follower_snapshots order by captured_at')).rows.map((r) => r.followers);
  // Within one group: a repeat of the count before it is not a change point, a move back is.
  const first = await commit([
    batch({ stream: 'page', followers: [f('2026-11-20T10:00:00Z', 100), f('2026-11-20T10:05:00Z', 100), f('2026-11-20T10:10:00Z', 120)] }),
    batch({ stream: 'page', followers: [f('2026-11-20T10:15:00Z', 100)] }),
  ]);
  expect(first.snapshots).toBe(3);
  expect(await series()).toEqual([100, 120, 100]);
  // The first count of a later group is compared with the stored latest one.
  const again = await commit([batch({ stream: 'page', followers: [f('2026-11-20T11:00:00Z', 100)] })]);
  expect(again.snapshots).toBe(0);
  const moved = await commit([batch({ stream: 'page', followers: [f('2026-11-20T12:00:00Z', 101)] })]);
  expect(moved.snapshots).toBe(1);
  expect(await series()).toEqual([100, 120, 100, 101]);
});

test('a read of a thread new to the store still marks what an earlier batch of its group wrote and it did not see', async () => {
  const under = (id: string): ItemRecord => ({ ...item(id, 'comment', 'p2'), rootExternalId: 'p2' });
  const r = await commit([
    batch({ items: [item('p2', 'post'), under('x1'), under('x2')] }),
    batch({ complete: [{ kind: 'thread', rootExternalId: 'p2', seenExternalIds: ['x1'] }] }),
  ]);
  // One by one: x2 is inserted by the first batch, then marked by the read of the second.
  expect(r).toMatchObject({ itemsNew: 3, itemsDeleted: 1 });
  expect(await deleted()).toEqual(['c2', 'x2']);
  // A thread new to the store whose read saw everything the group wrote marks nothing.
  const clean = await commit([
    batch({ items: [item('p3', 'post'), { ...item('y1', 'comment', 'p3'), rootExternalId: 'p3' }] }),
    batch({ complete: [{ kind: 'thread', rootExternalId: 'p3', seenExternalIds: ['y1'] }] }),
  ]);
  expect(clean.itemsDeleted).toBe(0);
  expect(await deleted()).toEqual(['c2', 'x2']);
});

test('engagement counts: the latest read of an item in a group is its snapshot, stored only when the counts moved', async () => {
  const m = (capturedAt: string, likes: number | null, views: number | null = null) => ({
    platform: 'facebook' as const,
    externalId: POST,
    capturedAt: new Date(capturedAt),
    likes,
    comments: 3,
    shares: 0,
    views,
  });
  const series = async () =>
    (
      await t.db.query<{ likes: number | null; views: number | null }>(
        `select m.likes, m.views from metric_snapshots m join items i on i.id = m.item_id where i.external_id = $1 order by m.captured_at`,
        [POST],
      )
    ).rows;
  const first = await commit([batch({ metrics: [m('2026-11-20T10:00:00Z', 5)] }), batch({ metrics: [m('2026-11-20T10:05:00Z', 7)] })]);
  expect(first.snapshots).toBe(1);
  expect(await series()).toEqual([{ likes: 7, views: null }]);
  // Counts that did not move store nothing and mark nothing; counts that moved mark their item's week.
  await t.db.query('delete from indicator_dirty');
  expect((await commit([batch({ metrics: [m('2026-11-20T11:00:00Z', 7)] })])).snapshots).toBe(0);
  expect((await t.db.query('select week from indicator_dirty')).rows).toEqual([]);
  // A count beyond 2^31 (YouTube views) and a count the platform withheld (null) are stored as given.
  expect((await commit([batch({ metrics: [m('2026-11-20T12:00:00Z', null, 3_000_000_000)] })])).snapshots).toBe(1);
  expect((await t.db.query('select account_id::text, week from indicator_dirty')).rows).toEqual([
    { account_id: accountId, week: '2026-W47' },
  ]);
  expect(await series()).toEqual([
    { likes: 7, views: null },
    { likes: null, views: 3_000_000_000 },
  ]);
});

test("a first backfill's own writes tell which threads hold stored comments: a later group's read still marks", async () => {
  const scopes = firstBackfillOf('facebook');
  const under = (id: string): ItemRecord => ({ ...item(id, 'comment', 'p5'), rootExternalId: 'p5' });
  const pass = (group: CollectBatch[]) =>
    t.db.transaction((tx) => commitGroup(tx, accountId, 'facebook', group, NOW, { openRoots: new Set(), firstBackfill: scopes }));
  await pass([batch({ items: [item('p5', 'post'), under('z1'), under('z2')] })]);
  expect([...scopes.roots]).toContain('p5');
  // The next group of the same pass reads the thread again without z2: z2 is marked, as with a store query.
  const r = await pass([batch({ complete: [{ kind: 'thread', rootExternalId: 'p5', seenExternalIds: ['z1'] }] })]);
  expect(r.itemsDeleted).toBe(1);
  expect(await deleted()).toContain('z2');
});

test("a first backfill's own writes stand in for the store: the same rows, counts and marks, without the reads", async () => {
  // The same groups (ids prefixed per account), once for an account with the pass's writes kept (no lookup, no
  // posts scan while nothing of a group was written before) and once for one without (the store is asked).
  const kept = await insertAccount(t.db, { municipality: '0301', platform: 'facebook', externalId: 'page-kept' });
  const asked = await insertAccount(t.db, { municipality: '0301', platform: 'facebook', externalId: 'page-asked' });
  const at = (h: number) => new Date(Date.UTC(2026, 10, 10, h));
  const rec = (acc: string, p: string, id: string, over: Partial<ItemRecord>): ItemRecord => ({
    ...item(`${p}${id}`),
    text: `text of ${id}`,
    accountId: acc,
    createdAt: at(1),
    ...over,
    ...(over.parentExternalId ? { parentExternalId: `${p}${over.parentExternalId}` } : {}),
    rootExternalId: `${p}${over.rootExternalId ?? id}`,
  });
  const groups = (acc: string, p: string): CollectBatch[][] => {
    const post = (id: string, role: 'owner' | 'citizen', h: number) =>
      rec(acc, p, id, { kind: 'post', parentExternalId: null, authorRole: role, createdAt: at(h) });
    const comment = (id: string, parent: string, root: string, text?: string) =>
      rec(acc, p, id, { kind: 'comment', parentExternalId: parent, rootExternalId: root, ...(text ? { text } : {}) });
    const postsRead = (seen: string[]) => ({
      kind: 'posts' as const,
      from: at(0),
      to: at(23),
      seenExternalIds: seen.map((s) => `${p}${s}`),
    });
    return [
      // Own post with a chain under it, a citizen post with a reply, and a comment whose parent comes later.
      [
        batch({
          items: [
            post('o1', 'owner', 2),
            comment('a', 'o1', 'o1'),
            comment('b', 'a', 'o1'),
            post('v1', 'citizen', 3),
            comment('r', 'v1', 'v1'),
            comment('late', 'gap', 'o1'),
          ],
        }),
      ],
      // Deeper replies whose parents are in the first group; the missing parent; the chain's top again, edited.
      [
        batch({
          items: [comment('c', 'b', 'o1'), comment('gap', 'a', 'o1'), comment('r2', 'r', 'v1'), comment('a', 'o1', 'o1', 'edited')],
        }),
      ],
      // The same again (unchanged), and a listing of the window that no longer shows the citizen post.
      [batch({ items: [comment('c', 'b', 'o1')], complete: [postsRead(['o1'])] })],
      // A listing that saw every post marks nothing.
      [batch({ items: [post('o2', 'owner', 4)], complete: [postsRead(['o1', 'o2'])] })],
    ];
  };
  const statements: string[] = [];
  const counting = (tx: Tx): Tx => {
    const note = (text: string, name?: string) => statements.push(name ?? text.trim().split(/\s+/).slice(0, 2).join(' '));
    return {
      ...tx,
      query: (text, values, name) => (note(text, name), tx.query(text, values, name)),
      queryAndCommit: (text, values, name) => (note(text, name), tx.queryAndCommit(text, values, name)),
    };
  };
  const run = async (acc: string, p: string, firstBackfill?: PassWrites) => {
    const pass = { openRoots: new Set<string>(), firstBackfill };
    const totals = [];
    for (const g of groups(acc, p)) totals.push(await t.db.transaction((tx) => commitGroup(counting(tx), acc, 'facebook', g, NOW, pass)));
    return totals;
  };
  const keptTotals = await run(kept, 'k:', firstBackfillOf('facebook'));
  const keptStatements = statements.splice(0);
  const askedTotals = await run(asked, 'q:');
  expect(keptTotals).toEqual(askedTotals);
  expect(keptTotals.map((x) => x.itemsDeleted)).toEqual([0, 0, 1, 0]);
  const rows = async (acc: string) =>
    (
      await t.db.query(
        `select substr(external_id, 3) id, kind, substr(parent_external_id, 3) parent, substr(branch_external_id, 3) branch,
                text, edited_at is not null edited, deleted_at is not null deleted
         from items where account_id = $1 order by external_id`,
        [acc],
      )
    ).rows;
  const keptRows = await rows(kept);
  expect(keptRows).toEqual(await rows(asked));
  expect(keptRows.find((r) => r.id === 'c')).toMatchObject({ branch: 'a' });
  expect(keptRows.find((r) => r.id === 'r2')).toMatchObject({ branch: 'v1' });
  expect(keptRows.find((r) => r.id === 'late')).toMatchObject({ branch: 'a' });
  expect(keptRows.filter((r) => r.deleted).map((r) => r.id)).toEqual(['v1']);
  // The store is read only for the groups that write an item the pass wrote before (the edit, the repeat).
  expect(keptStatements.filter((s) => s === 'items-lookup')).toHaveLength(2);
  expect(statements.filter((s) => s === 'items-lookup')).toHaveLength(4);
  // The listing that missed a post scans; the one that saw every post the pass wrote does not.
  expect(keptStatements.filter((s) => s === 'update items').length).toBe(statements.filter((s) => s === 'update items').length - 1);
  // Groups of items the pass knows are new go in by a plain insert; the others, and every group of a pass that
  // keeps no writes, by the upsert (the third group changes nothing and writes no item).
  expect(keptStatements.filter((s) => s === 'items-insert' || s === 'items-upsert')).toEqual([
    'items-insert',
    'items-upsert',
    'items-insert',
  ]);
  expect(statements.filter((s) => s === 'items-insert')).toEqual([]);
});

test("a first backfill's new item that another account stored after all: the insert gives way to the upsert", async () => {
  // The pass's own writes say the group is new, but one id is stored (a post that tags a second monitored Page).
  const other = await insertAccount(t.db, { municipality: '0301', platform: 'facebook', externalId: 'page-other' });
  const mine = await insertAccount(t.db, { municipality: '0301', platform: 'facebook', externalId: 'page-mine' });
  const post = (acc: string, id: string, text: string): ItemRecord => ({
    ...item(id, 'post'),
    accountId: acc,
    authorRole: 'owner',
    text,
  });
  await t.db.transaction((tx) => commitGroup(tx, other, 'facebook', [batch({ items: [post(other, 'tagged-1', 'as first stored')] })], NOW));
  const r = await t.db.transaction((tx) =>
    commitGroup(tx, mine, 'facebook', [batch({ items: [post(mine, 'tagged-1', 'as read again'), post(mine, 'mine-1', 'new')] })], NOW, {
      openRoots: new Set(),
      firstBackfill: firstBackfillOf('facebook'),
    }),
  );
  expect(r.itemsNew + r.itemsUpdated).toBe(2);
  const { rows } = await t.db.query<{ external_id: string; account_id: number; text: string }>(
    `select external_id, account_id, text from items where external_id in ('tagged-1', 'mine-1') order by external_id`,
  );
  // Written as the upsert writes any stored item (its account stays), and the new one beside it.
  expect(rows).toEqual([
    { external_id: 'mine-1', account_id: Number(mine), text: 'new' },
    { external_id: 'tagged-1', account_id: Number(other), text: 'as read again' },
  ]);
});

test('replies stored before the comment they answer get their branch when it arrives in a later group', async () => {
  // X returns a conversation newest first: a reply and its own reply can be committed a group before their parent.
  const pass = { openRoots: new Set<string>() };
  const under = (id: string, parent: string): ItemRecord => ({ ...item(id, 'comment', parent), rootExternalId: 'p9', authorRole: 'owner' });
  const g = (items: ItemRecord[]) => t.db.transaction((tx) => commitGroup(tx, accountId, 'facebook', [batch({ items })], NOW, pass));
  await g([{ ...item('p9', 'post'), authorRole: 'owner' }, under('n3', 'n2'), under('n4', 'n3')]);
  expect([...pass.openRoots]).toEqual(['p9']);
  // n2's parent n1 is stored and n1 is its own branch: n2 resolves in memory, and its waiting replies follow.
  await g([under('n1', 'p9'), under('n2', 'n1')]);
  const { rows } = await t.db.query<{ external_id: string; branch_external_id: string | null }>(
    `select external_id, branch_external_id from items where root_external_id = 'p9' and kind = 'comment' order by external_id`,
  );
  expect(rows.map((r) => [r.external_id, r.branch_external_id])).toEqual([
    ['n1', 'n1'],
    ['n2', 'n1'],
    ['n3', 'n1'],
    ['n4', 'n1'],
  ]);
  expect(pass.openRoots.size).toBe(0);
});
