import { afterAll, beforeAll, expect, test } from 'vitest';

import type { CollectBatch } from '../../../src/collectors/collector.js';
import type { ItemRecord } from '../../../src/domain/records.js';
import { commitGroup } from '../../../src/jobs/collect-account.js';
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
  expect((await t.db.query('select account_id::text, week from indicator_dirty')).rows).toEqual([{ account_id: accountId, week: '2026-W47' }]);
  expect(await series()).toEqual([
    { likes: 7, views: null },
    { likes: null, views: 3_000_000_000 },
  ]);
});

test("a first backfill's own writes tell which threads hold stored comments: a later group's read still marks", async () => {
  const scopes = { roots: new Set<string>(), parents: new Set<string>() };
  const under = (id: string): ItemRecord => ({ ...item(id, 'comment', 'p5'), rootExternalId: 'p5' });
  const pass = (group: CollectBatch[]) => t.db.transaction((tx) => commitGroup(tx, accountId, 'facebook', group, NOW, scopes));
  await pass([batch({ items: [item('p5', 'post'), under('z1'), under('z2')] })]);
  expect([...scopes.roots]).toContain('p5');
  // The next group of the same pass reads the thread again without z2: z2 is marked, as with a store query.
  const r = await pass([batch({ complete: [{ kind: 'thread', rootExternalId: 'p5', seenExternalIds: ['z1'] }] })]);
  expect(r.itemsDeleted).toBe(1);
  expect(await deleted()).toContain('z2');
});
