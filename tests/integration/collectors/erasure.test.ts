import { afterAll, beforeAll, expect, test } from 'vitest';

import { makePseudonymiser } from '../../../src/privacy/pseudonymise.js';
import { erasedPlaceholder } from '../../../src/privacy/erased-placeholder.js';
import { groundTruth, type TruthItem } from '../../../src/simulator/truth.js';
import { runCli } from '../../helpers/run-cli.js';
import { harnessCliEnv, SECRET, startHarness, storedItems, syncAll, type Harness } from './sim-harness.js';

/**
 * Issue 18: an erasure sticks. After `erase`, re-reading every thread from the start (as a backfill does) and
 * reading the resident's new activity store nothing of theirs again; others' replies to their items point at
 * placeholders, never at their ids; the open alert on their question is closed; the audit log says who erased.
 */
const START = new Date('2026-11-02T00:00:00Z');
const T1 = new Date('2026-11-10T12:00:00Z');
const T2 = new Date('2026-11-17T12:00:00Z');
let h: Harness;
let env: NodeJS.ProcessEnv;
let resident: { platform: 'facebook' | 'x'; rawId: string; key: string; items: TruthItem[] };

const visibleAt = (i: TruthItem, at: Date) => new Date(i.createdAt) <= at && (i.deletedAt === null || new Date(i.deletedAt) > at);

// The CLI runs in child processes that must reach the same database: a shared Postgres (DATABASE_URL), not
// the in-memory PGlite of `npm test` without services.
const SHARED_PG = Boolean(process.env.DATABASE_URL);

beforeAll(async () => {
  if (!SHARED_PG) return;
  h = await startHarness({
    seed: 1818,
    municipalities: 2,
    start: START,
    end: new Date('2026-11-20T00:00:00Z'),
    now: T1,
    platforms: ['facebook', 'x'],
  });
  env = { ...harnessCliEnv(h), USER: 'dpo-test' };
  for (const v of (await syncAll(h, 'first', START)).values()) expect(v).toMatchObject({ outcome: 'succeeded' });
  // The resident: one whose items others replied to before T1 and who is active again after T1 (on a platform
  // where a thread can also be their own: a Facebook visitor post or an X mention).
  const truth = groundTruth(h.world, { now: T2 }).items;
  const byAuthor = new Map<string, TruthItem[]>();
  for (const i of truth)
    if (i.authorRole === 'citizen')
      byAuthor.set(`${i.platform}|${i.authorRawId}`, [...(byAuthor.get(`${i.platform}|${i.authorRawId}`) ?? []), i]);
  const score = (items: TruthItem[]) => {
    const ids = new Set(items.map((i) => i.externalId));
    const repliedTo = truth.filter(
      (o) => o.authorRawId !== items[0]?.authorRawId && new Date(o.createdAt) <= T1 && ids.has(o.parentExternalId ?? ''),
    ).length;
    const later = items.filter((i) => new Date(i.createdAt) > T1 && visibleAt(i, T2)).length;
    return later > 0 && repliedTo > 0 ? repliedTo + later : 0;
  };
  const best = [...byAuthor.values()].sort((a, b) => score(b) - score(a))[0] ?? [];
  expect(score(best)).toBeGreaterThan(0);
  const first = best[0] as TruthItem;
  const platform = first.platform as 'facebook' | 'x';
  resident = { platform, rawId: first.authorRawId, key: makePseudonymiser(SECRET)(platform, first.authorRawId), items: best };
}, 300_000);
afterAll(async () => {
  await h?.close();
});

const theirIds = () => new Set(resident.items.map((i) => i.externalId));

async function expectNothingOfTheirs(): Promise<void> {
  const ids = theirIds();
  const stored = await storedItems(h);
  expect(stored.filter((i) => i.author_key === resident.key)).toEqual([]);
  expect(stored.filter((i) => ids.has(i.external_id))).toEqual([]);
  // No reference to one of their ids survives on others' items.
  const refs = stored.filter(
    (i) => ids.has(i.parent_external_id ?? '') || ids.has(i.root_external_id) || ids.has(i.branch_external_id ?? ''),
  );
  expect(refs).toEqual([]);
}

/** Others' stored replies whose parent (in the ground truth) is one of the resident's items point at its placeholder. */
async function expectRepliesOnPlaceholders(): Promise<number> {
  const ids = theirIds();
  const truth = new Map(groundTruth(h.world, { now: h.clock() }).items.map((i) => [i.externalId, i]));
  let n = 0;
  for (const s of await storedItems(h)) {
    const t = truth.get(s.external_id);
    if (!t?.parentExternalId || !ids.has(t.parentExternalId)) continue;
    n++;
    expect(s.parent_external_id).toBe(erasedPlaceholder(resident.platform, t.parentExternalId));
    if (ids.has(t.rootExternalId)) expect(s.root_external_id).toBe(erasedPlaceholder(resident.platform, t.rootExternalId));
    if (ids.has(t.branchExternalId)) expect(s.branch_external_id).toBe(erasedPlaceholder(resident.platform, t.branchExternalId));
  }
  return n;
}

test.skipIf(!SHARED_PG)(
  'erase deletes the resident, re-points replies at placeholders, closes the alert on their question and is audited',
  async () => {
    const stored = (await storedItems(h)).filter((i) => i.author_key === resident.key);
    expect(stored.length).toBeGreaterThan(0);
    // An open alert on one of their items (a question waiting for an answer).
    const question = await h.db.db.query<{ id: number; account_id: number }>(
      'select id, account_id from items where author_key = $1 order by id limit 1',
      [resident.key],
    );
    const q = question.rows[0] as { id: number; account_id: number };
    const acc = await h.db.db.query<{ municipality_code: string }>('select municipality_code from accounts where id = $1', [q.account_id]);
    await h.db.db.query(
      `insert into alerts (dedupe_key, municipality_code, account_id, item_id, state, due_at, created_at, updated_at)
     values ($1, $2, $3, $4, 'notified', $5, $5, $5)`,
      [`unanswered:${q.id}`, acc.rows[0]?.municipality_code, q.account_id, q.id, T1],
    );

    const weekOf = `to_char(created_at at time zone 'Europe/Oslo', 'IYYY-"W"IW')`;
    const theirWeeks = (
      await h.db.db.query<{ k: string }>(
        `select distinct account_id || ' ' || ${weekOf} as k from items where author_key = $1 order by 1`,
        [resident.key],
      )
    ).rows.map((x) => x.k);
    await h.db.db.query('delete from indicator_dirty');

    const r = await runCli(['erase', '--platform', resident.platform, '--author-id', resident.rawId], { env, clock: () => T1 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `^Erased ${stored.length} item\\(s\\) from that ${resident.platform} resident.* [1-9]\\d* reply reference\\(s\\) now point at a placeholder, 1 open alert\\(s\\) closed\\.`,
      ),
    );

    await expectNothingOfTheirs();
    expect(await expectRepliesOnPlaceholders()).toBeGreaterThan(0);
    // The weeks whose figures change are marked for recompute: the indicators follow the stored data.
    const dirty = (await h.db.db.query<{ k: string }>(`select account_id || ' ' || week as k from indicator_dirty`)).rows.map((x) => x.k);
    expect(dirty).toEqual(expect.arrayContaining(theirWeeks));
    const alert = await h.db.db.query('select state, resolution, item_id from alerts where dedupe_key = $1', [`unanswered:${q.id}`]);
    expect(alert.rows).toEqual([{ state: 'resolved', resolution: 'erased', item_id: null }]);
    // The tombstone is the pseudonym and nothing else.
    expect((await h.db.db.query('select * from erased_residents')).rows).toEqual([
      { platform: resident.platform, author_key: resident.key },
    ]);

    const audit = await runCli(['audit', '--csv'], { env });
    expect(audit.code).toBe(0);
    const lines = audit.stdout.trim().split('\r\n'); // RFC 4180 line ends (src/exports/csv.ts)
    expect(lines[0]).toBe('at,actor,action,scope,detail');
    expect(lines[1]).toMatch(new RegExp(`^2026-11-10T12:00:00.000Z,cli:dpo-test,erase,${resident.platform} resident,`));
    expect(audit.stdout).not.toContain(resident.key);
    expect(audit.stdout).not.toContain(resident.rawId);
  },
  120_000,
);

test.skipIf(!SHARED_PG)(
  're-reading every thread from the start stores nothing of theirs again',
  async () => {
    const others = (await storedItems(h)).length;
    // Forget every watermark and thread signature: the next pass reads every thread again, their items included.
    await h.db.db.query('delete from sync_state');
    for (const v of (await syncAll(h, 'reread', START)).values()) expect(v).toMatchObject({ outcome: 'succeeded' });
    await expectNothingOfTheirs();
    await expectRepliesOnPlaceholders();
    expect((await storedItems(h)).length).toBe(others);
  },
  300_000,
);

test.skipIf(!SHARED_PG)(
  'a week later their new activity is not stored either, and new replies to their old items point at placeholders',
  async () => {
    h.clock.set(T2);
    const later = resident.items.filter((i) => new Date(i.createdAt) > T1 && visibleAt(i, T2));
    expect(later.length).toBeGreaterThan(0);
    const before = (await storedItems(h)).length;
    for (const v of (await syncAll(h, 'later')).values()) expect(v).toMatchObject({ outcome: 'succeeded' });
    expect((await storedItems(h)).length).toBeGreaterThan(before);
    await expectNothingOfTheirs();
    await expectRepliesOnPlaceholders();
    // Every other resident's and the municipality's visible items are there: the erasure cost nobody else anything.
    const ids = theirIds();
    const stored = new Set((await storedItems(h)).map((i) => i.external_id));
    const truth = groundTruth(h.world, { now: T2 }).items.filter(
      (i) => !ids.has(i.externalId) && visibleAt(i, T2) && new Date(i.createdAt) >= START && i.hiddenAt === null,
    );
    const missing = truth.filter((i) => !stored.has(i.externalId));
    expect(missing.length / truth.length).toBeLessThan(0.01);
  },
  300_000,
);
