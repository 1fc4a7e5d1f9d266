import { afterAll, beforeAll, expect, test } from 'vitest';

import type { TruthItem } from '../../../src/simulator/truth.js';
import { diffWithTruth, startHarness, syncAll, type Harness } from './sim-harness.js';

/**
 * Acceptance (issue 4) against the platform simulator: a backfill of 20 municipalities stores exactly the ground
 * truth; an idle second sync makes only the listing calls and writes nothing; a day later the incremental sync
 * catches up (new items, edits, deletions, hides) again exactly; calls stay within 5 % of the minimum the
 * platforms' paging allows, computed here from the ground truth; YouTube never calls search.list.
 */
const START = new Date('2026-11-09T00:00:00Z');
const END = new Date('2026-11-16T00:00:00Z');
const T1 = new Date('2026-11-14T12:00:00Z');
const T2 = new Date('2026-11-15T18:00:00Z');
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: 4, municipalities: 20, start: START, end: END, now: T1 });
}, 240_000);
afterAll(async () => {
  await h?.close();
});

const ceil = (n: number, per: number) => Math.ceil(n / per);

/** The fewest calls a first sync of the world at `now` can make, following each platform's paging limits. */
function minimumCalls(items: readonly TruthItem[], accounts: Harness['world']['accounts'], now: Date): Record<string, number> {
  const t = now.getTime();
  const visible = items.filter((i) => Date.parse(i.createdAt) <= t && (i.deletedAt === null || Date.parse(i.deletedAt) > t));
  const byAccount = new Map<string, TruthItem[]>();
  for (const i of visible) byAccount.set(i.accountExternalId, [...(byAccount.get(i.accountExternalId) ?? []), i]);
  const out: Record<string, number> = { facebook: 0, youtube: 0, x: 0, instagram: 0, bluesky: 0 };
  for (const a of accounts) {
    const mine = byAccount.get(a.externalId) ?? [];
    const posts = mine.filter((i) => i.kind === 'post');
    const threadSize = (root: string) => mine.filter((i) => i.kind === 'comment' && i.rootExternalId === root).length;
    if (a.platform === 'facebook') {
      // page info + feed pages (100, each post's first 100 comments folded in) + the further pages of longer threads
      out.facebook! +=
        1 + Math.max(1, ceil(posts.length, 100)) + posts.reduce((n, p) => n + Math.max(0, ceil(threadSize(p.externalId), 100) - 1), 0);
    } else if (a.platform === 'youtube') {
      const v = posts.length;
      const tops = mine.filter((i) => i.kind === 'comment' && i.parentExternalId === i.rootExternalId);
      const replies = (id: string) => mine.filter((i) => i.parentExternalId === id).length;
      // channels + playlist pages (50) + videos.list (50) + channel thread pages (100) + comments.list beyond 5 inline
      out.youtube! +=
        1 +
        Math.max(1, ceil(v, 50)) +
        ceil(v, 50) +
        (v > 0 ? Math.max(1, ceil(tops.length, 100)) : 0) +
        tops.reduce((n, c) => n + (replies(c.externalId) > 5 ? ceil(replies(c.externalId), 100) : 0), 0);
    } else if (a.platform === 'bluesky') {
      // profile + author feed pages (100) + one getPostThread per post with replies
      out.bluesky! += 1 + Math.max(1, ceil(posts.length, 100)) + posts.filter((p) => threadSize(p.externalId) > 0).length;
    } else if (a.platform === 'instagram') {
      // profile + media pages (50, each medium's first 50 comments with their replies folded in) + the further pages
      const tops = (root: string) =>
        mine.filter((i) => i.kind === 'comment' && i.rootExternalId === root && i.parentExternalId === root).length;
      out.instagram! +=
        1 + Math.max(1, ceil(posts.length, 50)) + posts.reduce((n, p) => n + Math.max(0, ceil(tops(p.externalId), 50) - 1), 0);
    } else {
      const handle = `@${a.handle.toLowerCase()}`;
      const mentions = mine.filter((i) => i.authorRole === 'citizen' && i.text.toLowerCase().includes(handle)).length;
      const own = mine.filter((i) => i.authorRole === 'owner').length;
      // user + mentions pages + timeline pages + recent search for threads with replies, 13 conversations per 512-char query
      const roots = posts.filter((p) => threadSize(p.externalId) > 0);
      let search = 0;
      for (let i = 0; i < roots.length; i += 13) {
        const g = roots.slice(i, i + 13);
        search += Math.max(
          1,
          ceil(
            g.reduce((n, p) => n + 1 + threadSize(p.externalId), 0),
            100,
          ),
        );
      }
      out.x! += 1 + Math.max(1, ceil(mentions, 100)) + Math.max(1, ceil(own, 100)) + search;
    }
  }
  return out;
}

const callsByPlatform = (h: Harness) => h.sim.stats().byPlatform;

test('a backfill of 20 municipalities stores exactly the ground truth, within 5 % of the minimum calls', async () => {
  h.sim.resetStats();
  const s = await syncAll(h, 'first', START);
  const failed = [...s.entries()].filter(([, v]) => 'skipped' in v || v.outcome !== 'succeeded');
  expect(failed.map(([k, v]) => `${k} ${JSON.stringify(v)}`)).toEqual([]);
  const d = await diffWithTruth(h, [T1]);
  expect(d.expected.length).toBeGreaterThan(500);
  expect(d.problems).toEqual([]);
  const min = minimumCalls(d.truth.items, h.world.accounts, T1);
  const made = callsByPlatform(h);
  console.log('first sync calls', JSON.stringify(made), 'minimum', JSON.stringify(min), 'items', d.expected.length);
  for (const p of ['facebook', 'youtube', 'x', 'instagram', 'bluesky'] as const)
    expect(made[p]).toBeLessThanOrEqual(Math.floor(1.05 * (min[p] ?? 0)));
  expect(made.instagram).toBeGreaterThan(0);
  expect(made.bluesky).toBeGreaterThan(0);
  expect(h.sim.stats().byEndpoint['youtube search.list'] ?? 0).toBe(0);
  const runs = await h.db.db.query<{ n: number; calls: number; items_new: number; finished: number }>(
    `select count(*)::int as n, sum(calls)::int as calls, sum(items_new)::int as items_new, count(finished_at)::int as finished
     from harvest_runs where slot = 'first' and status = 'succeeded'`,
  );
  // Each run row is finished with its pass's last group, counting every group's new items.
  const stored = await h.db.db.query<{ n: number }>('select count(*)::int as n from items');
  const summed = [...s.values()].reduce((n, v) => n + ('skipped' in v ? 0 : v.itemsNew), 0);
  expect(runs.rows[0]).toEqual({
    n: h.accounts.length,
    calls: Object.values(made).reduce((n, c) => n + c, 0),
    items_new: stored.rows[0]?.n,
    finished: h.accounts.length,
  });
  expect(summed).toBe(stored.rows[0]?.n);
}, 300_000);

test('an idle second sync makes only the listing calls and writes nothing', async () => {
  const fingerprint = async () =>
    JSON.stringify(
      await Promise.all([
        h.db.db.query('select * from items order by id').then((r) => r.rows.map(({ last_seen_at: _l, ...rest }) => rest)),
        h.db.db.query('select count(*)::int from metric_snapshots').then((r) => r.rows),
        h.db.db.query('select count(*)::int from follower_snapshots').then((r) => r.rows),
      ]),
    );
  const before = await fingerprint();
  await h.db.db.query('delete from indicator_dirty');
  h.sim.resetStats();
  const rowsBefore = (await h.db.db.query<Record<string, unknown>>('select * from items order by id')).rows;
  const s = await syncAll(h, 'idle');
  const rowsAfter = (await h.db.db.query<Record<string, unknown>>('select * from items order by id')).rows;
  for (const [i, r] of rowsAfter.entries()) {
    const b = rowsBefore[i];
    const { last_seen_at: _a, ...x } = r;
    const { last_seen_at: _b, ...y } = b ?? {};
    if (JSON.stringify(x) !== JSON.stringify(y)) console.log('changed', JSON.stringify(y), '=>', JSON.stringify(x));
  }
  for (const v of s.values()) expect(v).toMatchObject({ outcome: 'succeeded', itemsNew: 0, itemsUpdated: 0, snapshots: 0 });
  expect(await fingerprint()).toBe(before);
  expect((await h.db.db.query('select count(*)::int as n from indicator_dirty')).rows[0]).toEqual({ n: 0 });
  const stats = h.sim.stats();
  console.log('idle sync calls', JSON.stringify(stats.byEndpoint));
  // No comment thread is re-read when nothing moved.
  expect(stats.byEndpoint['facebook GET /{id}/comments'] ?? 0).toBe(0);
  expect(stats.byEndpoint['youtube commentThreads.list'] ?? 0).toBe(0);
  expect(stats.byEndpoint['youtube comments.list'] ?? 0).toBe(0);
  expect(stats.byEndpoint['instagram GET /{id}/comments'] ?? 0).toBe(0);
  expect(stats.byEndpoint['instagram GET /{id}/replies'] ?? 0).toBe(0);
}, 300_000);

test('a day later the incremental sync catches up exactly: new items, deletions, hides', async () => {
  h.clock.set(T2);
  h.sim.resetStats();
  const s = await syncAll(h, 'second');
  for (const v of s.values()) expect(v).toMatchObject({ outcome: 'succeeded' });
  const d = await diffWithTruth(h, [T1, T2]);
  const newItems = [...s.values()].reduce((n, v) => n + ('skipped' in v ? 0 : v.itemsNew), 0);
  console.log('second sync calls', JSON.stringify(h.sim.stats().byEndpoint), 'new items', newItems);
  expect(newItems).toBeGreaterThan(0);
  expect(d.problems).toEqual([]);
  const dup = await h.db.db.query('select external_id from items group by platform, external_id having count(*) > 1');
  expect(dup.rows).toEqual([]);
}, 300_000);

test('no raw resident id, name, handle, fødselsnummer or phone number is stored in any text column', async () => {
  const truth = (await diffWithTruth(h, [T1, T2])).truth;
  const citizens = truth.items.filter((i) => i.authorRole === 'citizen');
  const FNR = /(?<!\d)\d{6}[ .-]?\d{5}(?!\d)/;
  const PHONE = /(?<![\d+])(?:(?:\+|00)47[ .-]?)?(?:\d{8}|\d{3}[ .-]\d{2}[ .-]\d{3}|\d{2}[ .-]\d{2}[ .-]\d{2}[ .-]\d{2})(?!\d)/;
  // The simulated data does contain what must not be stored.
  expect(citizens.some((c) => FNR.test(c.text))).toBe(true);
  expect(citizens.some((c) => PHONE.test(c.text))).toBe(true);
  const secrets = new Set<string>();
  for (const c of citizens) {
    secrets.add(c.authorRawId);
    if (c.authorName.replace(/^@/, '').length >= 4) secrets.add(c.authorName.replace(/^@/, ''));
  }
  // Every resident of the simulated municipalities, also those only @-tagged or named by others.
  for (const m of h.world.municipalities) {
    for (const r of h.world.citizens(m.code)) {
      for (const v of [
        r.name,
        r.facebookId,
        r.youtubeChannelId,
        r.youtubeHandle.replace(/^@/, ''),
        r.xId,
        r.xUsername,
        r.instagramId,
        r.instagramUsername,
        r.blueskyDid,
        r.blueskyHandle,
      ])
        secrets.add(v);
    }
  }
  const { rows: cols } = await h.db.db.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns
     where table_schema = current_schema() and data_type in ('text', 'character varying', 'jsonb', 'json')`,
  );
  expect(cols.some((c) => c.table_name === 'items' && c.column_name === 'text')).toBe(true);
  const leaks: string[] = [];
  for (const c of cols) {
    const { rows } = await h.db.db.query<{ v: string }>(
      `select "${c.column_name}"::text as v from "${c.table_name}" where "${c.column_name}" is not null`,
    );
    for (const { v } of rows) {
      if (
        FNR.test(v) &&
        c.column_name !== 'external_id' &&
        c.column_name !== 'parent_external_id' &&
        c.column_name !== 'root_external_id' &&
        c.column_name !== 'branch_external_id' &&
        c.column_name !== 'permalink' &&
        c.table_name !== 'sync_state' &&
        c.table_name !== 'accounts'
      ) {
        leaks.push(`${c.table_name}.${c.column_name}: fødselsnummer-like ${FNR.exec(v)?.[0]}`);
      }
      if (c.column_name === 'text' && PHONE.test(v)) leaks.push(`${c.table_name}.${c.column_name}: phone-like ${PHONE.exec(v)?.[0]}`);
      for (const s of secrets)
        if (v.includes(s)) leaks.push(`${c.table_name}.${c.column_name}: contains a resident id or name (${s.length} chars)`);
    }
  }
  expect(leaks).toEqual([]);
}, 240_000);
