import { afterAll, beforeAll, expect, test } from 'vitest';

import { fixedClock } from '../../../src/clock.js';
import { weekBounds, weekRange } from '../../../src/indicators/iso-week.js';
import { computeIndicators } from '../../../src/jobs/compute-indicators.js';
import { makeLogger } from '../../../src/logger.js';
import { groundTruth } from '../../../src/simulator/truth.js';
import { generateWorld } from '../../../src/simulator/world.js';
import { useTestDb } from '../../helpers/test-db.js';
import { insertItemRows, storeTruth, TEST_CLASSIFIER, type ItemRow } from './builder.js';

/**
 * An incremental recompute (dirty marks) must leave exactly what a full recompute of history leaves: the wider
 * scopes are merged from stored account rows, so a stale or missed account row would show here. The weeks span
 * the switch to summer time (2026-W13 is 167 hours long). The history is what a first backfill at the start of
 * 2026-W14 and a pass every 6 hours after it leave: posts of W10–W12 measured only late, removals counted from
 * creation before the backfill and from the pass that saw them after it.
 */
const WEEKS = weekRange('2026-W10', '2026-W15');
const START = weekBounds(WEEKS[0] as string).start;
const END = weekBounds(WEEKS[WEEKS.length - 1] as string).end;
const T1 = new Date(END.getTime() + 10 * 86_400_000);
const T2 = new Date(T1.getTime() + 3_600_000);
const log = makeLogger({ LOG_LEVEL: 'silent' } as never);
const BACKFILL = weekBounds('2026-W14').start;
const PASSES = Array.from(
  { length: Math.floor((END.getTime() - BACKFILL.getTime()) / 21_600_000) + 1 },
  (_, k) => new Date(BACKFILL.getTime() + k * 21_600_000),
);

let t: Awaited<ReturnType<typeof useTestDb>>;
beforeAll(async () => {
  t = await useTestDb();
});
afterAll(async () => {
  await t.drop();
});

/** Every stored indicator row and post-kind sum without its computed_at, in a stable order. */
async function snapshot(): Promise<{ rows: unknown[]; kinds: unknown[] }> {
  const { rows } = await t.db.query(
    `select scope, scope_id, week, definition_version, "values", n, flags, coverage, gap_accounts, provisional, distribution
     from indicator_values order by scope, scope_id, week`,
  );
  const { rows: kinds } = await t.db.query(
    `select account_id, week, classifier_version, kind, posts, posts_commented, citizen_comments, comments_sq, questions,
       questions_sq, questions_answered
     from post_kind_weeks order by account_id, week, classifier_version, kind`,
  );
  expect(kinds.length).toBeGreaterThan(0);
  return { rows, kinds };
}

test('an incremental recompute after changes in two accounts equals a full recompute, and re-reads only them', async () => {
  const world = generateWorld({ seed: 11, municipalities: 6, start: START, end: END });
  const truth = groundTruth(world, { now: END, passes: PASSES });
  const ids = await storeTruth(t.db, truth, START, END);
  const late = await t.db.query(
    `select 1 from metric_snapshots s join items i on i.id = s.item_id where s.captured_at > i.created_at + interval '7 days'`,
  );
  expect(late.rows.length).toBeGreaterThan(0);
  expect(truth.items.some((i) => i.removedAt !== null && i.removedAt === i.createdAt)).toBe(true);
  expect(truth.items.some((i) => i.removedAt !== null && i.removedAt !== i.createdAt)).toBe(true);
  const deps = { db: t.db, log, classifierVersion: TEST_CLASSIFIER };
  await computeIndicators({ all: true }, { ...deps, clock: fixedClock(T1) });
  const before = await snapshot();
  expect(before.rows.length).toBeGreaterThan(truth.accounts.length * WEEKS.length);

  // Account A (a Facebook page with an unanswered question in W12) gets an answer to it, a new question, a
  // deleted comment in W13 and an earlier snapshot of a W12 post measured only late; account B, another Facebook
  // page, gets a resident's comment in one of A's threads.
  // Only A's weeks are marked: B shares a thread with A, so the engine must re-read B too.
  const w12 = weekBounds('2026-W12');
  const w13 = weekBounds('2026-W13');
  const { rows: open } = await t.db.query<{
    account_id: number;
    external_id: string;
    root_external_id: string;
    branch: string;
    created_at: Date;
  }>(
    `select i.account_id, i.external_id, i.root_external_id, coalesce(i.branch_external_id, i.external_id) as branch, i.created_at
     from items i
     join classifications c on c.item_id = i.id and c.needs_answer
     where i.platform = 'facebook' and i.kind = 'comment' and i.created_at >= $1 and i.created_at < $2
       and not exists (
         select 1 from items o
         where o.platform = i.platform and coalesce(o.branch_external_id, o.external_id) = coalesce(i.branch_external_id, i.external_id)
           and o.author_role = 'owner' and o.created_at > i.created_at)
     order by i.created_at
     limit 1`,
    [w12.start.toISOString(), new Date(w12.end.getTime() - 86_400_000).toISOString()],
  );
  const q = open[0];
  expect(q, 'an unanswered Facebook question in 2026-W12').toBeDefined();
  if (!q) return;
  const a = q.account_id;
  const b = [...ids.values()].find((id) => id !== a && truth.accounts.find((x) => ids.get(x.externalId) === id)?.platform === 'facebook');
  expect(b).toBeDefined();
  const at = (d: Date, h: number) => new Date(d.getTime() + h * 3_600_000).toISOString();
  await insertItemRows(t.db, [
    {
      ...rowFor(a, q.root_external_id, q.branch, q.external_id),
      external_id: 'late-answer',
      author_role: 'owner',
      author_key: 'page',
      created_at: at(q.created_at, 2),
      needs_answer: null,
    },
    {
      ...rowFor(a, q.root_external_id, q.branch, q.root_external_id),
      external_id: 'new-question',
      branch_external_id: 'new-question',
      author_key: 'resident-new',
      created_at: at(q.created_at, 3),
      needs_answer: true,
    },
    {
      ...rowFor(b as number, q.root_external_id, q.branch, q.external_id),
      external_id: 'b-comment',
      author_key: 'resident-b',
      created_at: at(q.created_at, 4),
      needs_answer: false,
    },
  ]);
  const deleted = await t.db.query(
    `update items set deleted_at = created_at + interval '1 hour', removed_at = created_at + interval '1 hour'
     where id = (select id from items where account_id = $1 and author_role = 'citizen' and deleted_at is null
                   and created_at >= $2 and created_at < $3 order by created_at limit 1)`,
    [a, w13.start.toISOString(), w13.end.toISOString()],
  );
  expect(deleted.rowCount).toBe(1);
  const measured = await t.db.query(
    `insert into metric_snapshots (item_id, captured_at, likes, comments, shares)
     select i.id, i.created_at + interval '2 days', 3, 1, 0
     from items i
     where i.account_id = $1 and i.kind = 'post' and i.author_role = 'owner' and i.created_at >= $2 and i.created_at < $3
       and exists (select 1 from metric_snapshots s where s.item_id = i.id and s.captured_at > i.created_at + interval '7 days')
     order by i.created_at
     limit 1`,
    [a, w12.start.toISOString(), w12.end.toISOString()],
  );
  expect(measured.rowCount).toBe(1);
  await t.db.query(`insert into indicator_dirty (account_id, week, marked_at) values ($1, '2026-W12', $2), ($1, '2026-W13', $2)`, [
    a,
    T2.toISOString(),
  ]);

  const inc = await computeIndicators({}, { ...deps, clock: fixedClock(T2) });
  expect(inc.marksConsumed).toBe(2);
  const afterIncremental = await snapshot();
  expect(afterIncremental.rows).not.toEqual(before.rows);
  // The answer and the new question change the figures of the post they were written under.
  expect(afterIncremental.kinds).not.toEqual(before.kinds);
  const reread = await t.db.query<{ account_id: number }>(
    `select distinct account_id from indicator_account_weeks where computed_at = $1 order by account_id`,
    [T2.toISOString()],
  );
  expect(reread.rows.map((r) => r.account_id).sort((x, y) => x - y)).toEqual([a, b as number].sort((x, y) => x - y));

  // A row left by an earlier classifier version is never read again; the full recompute removes it.
  await t.db.query(
    `insert into indicator_account_weeks (account_id, week, classifier_version, figures, citizen_authors, asked_at,
       answered_at, answer_hours, computed_at)
     values ($1, '2026-W12', 'old-classifier', '{}', '{resident-x}', '{}', '{}', '{}', $2)`,
    [a, T1.toISOString()],
  );
  await computeIndicators({ all: true }, { ...deps, clock: fixedClock(T2) });
  expect(afterIncremental).toEqual(await snapshot());
  const versions = await t.db.query<{ classifier_version: string }>(`select distinct classifier_version from indicator_account_weeks`);
  expect(versions.rows).toEqual([{ classifier_version: TEST_CLASSIFIER }]);
}, 240_000);

function rowFor(accountId: number, root: string, branch: string, parent: string): ItemRow {
  return {
    account_id: accountId,
    platform: 'facebook',
    external_id: '',
    kind: 'comment',
    parent_external_id: parent,
    root_external_id: root,
    branch_external_id: branch,
    author_role: 'citizen',
    author_key: 'resident',
    created_at: '',
    hidden_at: null,
    deleted_at: null,
    needs_answer: false,
    abusive: false,
    metrics: null,
  };
}
