import { afterAll, beforeAll, expect, test } from 'vitest';

import { weekBounds, weekRange } from '../../../src/indicators/iso-week.js';
import { percentileCont } from '../../../src/indicators/percentile.js';
import { computeIndicators } from '../../../src/jobs/compute-indicators.js';
import { accountTruth, type TruthWeek } from '../../../src/simulator/truth.js';
import type { AccountData, SimItem } from '../../../src/simulator/world.js';
import { readIndicatorValues } from '../../../src/store/indicator-values.js';
import { TEST_CLASSIFIER } from '../indicators/builder.js';
import { diffWithTruth, startHarness, syncAll, type Harness } from './sim-harness.js';

/**
 * Acceptance of issue 24, end to end through the collectors: Instagram professional accounts among 20
 * municipalities × 8 weeks (with their Facebook Pages), backfilled by `collectAccount` from the simulator over
 * HTTP, classified with the simulator's own labels (the classifier's errors are measured elsewhere), computed by
 * the indicator engine: every account-week of every Instagram account equals the ground truth — counts exactly,
 * ratios and medians within 1e-9, shares (v1–v3) unknown. The truth is that of the world as the pass could observe
 * it: a comment deleted before the backfill never reached any collector (the simulator's truth counts it).
 */
function observable(data: AccountData, passes: readonly number[]): AccountData {
  const seen = (it: SimItem) => passes.some((p) => it.createdAt <= p && (it.deletedAt === null || it.deletedAt > p));
  const items = data.items.filter(seen);
  const byId = new Map(items.map((i) => [i.id, i]));
  const children = new Map<string, SimItem[]>();
  const threads = new Map<string, SimItem[]>();
  for (const it of items) {
    if (it.parentId) children.set(it.parentId, [...(children.get(it.parentId) ?? []), it]);
    threads.set(it.rootId, [...(threads.get(it.rootId) ?? []), it]);
  }
  return { spec: data.spec, items, byId, children, threads };
}
const WEEKS = weekRange('2026-W02', '2026-W09');
const START = weekBounds(WEEKS[0] as string).start;
const END = weekBounds(WEEKS[WEEKS.length - 1] as string).end;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: 7, municipalities: 20, start: START, end: END, now: END, platforms: ['facebook', 'instagram'] });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const close = (got: unknown, want: number | null, where: string) => {
  if (want === null) expect(got, where).toBeNull();
  else expect(Math.abs((got as number) - want), where).toBeLessThanOrEqual(1e-9);
};

test('every indicator of every Instagram account-week equals the ground truth after a backfill through the collector', async () => {
  const s = await syncAll(h, 'backfill', START);
  expect([...s.entries()].filter(([, v]) => 'skipped' in v || v.outcome !== 'succeeded').map(([k]) => k)).toEqual([]);
  const d = await diffWithTruth(h, [END], ['instagram']);
  expect(d.problems).toEqual([]);
  // Classifications from the simulator's labels.
  const labels = d.truth.items.map((i) => ({ id: i.externalId, q: i.authorRole === 'citizen' ? i.needsAnswer : null }));
  await h.db.db.query(
    `insert into classifications (item_id, classifier_version, needs_answer, kind, abusive, classified_at)
     select i.id, $2, l.q, case when l.q then 'question' else 'other' end, false, i.created_at
     from jsonb_to_recordset($1::jsonb) as l(id text, q boolean) join items i on i.external_id = l.id`,
    [JSON.stringify(labels), TEST_CLASSIFIER],
  );
  await computeIndicators({ weeks: WEEKS }, { db: h.db.db, log: h.deps.log, clock: h.clock, classifierVersion: TEST_CLASSIFIER });
  const truthWeeks = (external: string) =>
    accountTruth(observable(h.world.data(external, { cache: false }), [END.getTime()]), END.getTime(), false).weeks;
  const stored = await readIndicatorValues(h.db.db, { weeks: WEEKS, scope: 'account', definitionVersion: 1 });
  const byKey = new Map(stored.map((r) => [`${r.scopeId}|${r.week}`, r]));
  const ig = h.world.accounts.filter((a) => a.platform === 'instagram');
  expect(ig.length).toBeGreaterThanOrEqual(8);
  const seen = { questions: 0, answered: 0, measured: 0, hidden: 0 };
  for (const a of ig) {
    const id = h.byExternal.get(a.externalId)?.id;
    const weeks = truthWeeks(a.externalId);
    for (const week of WEEKS) {
      const tw: Partial<TruthWeek> = weeks[week] ?? {};
      const r = byKey.get(`${id}|${week}`);
      const where = `instagram ${a.externalId} ${week}`;
      expect(r, where).toBeDefined();
      if (!r) continue;
      const v = r.values;
      expect(r.coverage, where).toBe(1);
      expect(v.owner_posts, where).toBe(tw.ownerPosts ?? 0);
      expect(v.owner_replies, where).toBe(tw.ownerReplies ?? 0);
      expect(v.citizen_posts, where).toBe(0);
      expect(v.citizen_comments, where).toBe(tw.citizenComments ?? 0);
      expect(v.questions, where).toBe(tw.questions ?? 0);
      expect(v.questions_answered, where).toBe(tw.questionsAnswered ?? 0);
      expect(v.unanswered_open, where).toBe(tw.unansweredOpen ?? 0);
      const q = tw.questions ?? 0;
      close(v.response_rate, q > 0 ? (tw.questionsAnswered ?? 0) / q : null, where);
      close(v.response_time_median_h, percentileCont(tw.responseTimesH ?? [], 0.5), `${where} median`);
      close(v.response_time_p90_h, percentileCont(tw.responseTimesH ?? [], 0.9), `${where} p90`);
      const known = { p: tw.postsLikesKnown ?? 0, c: tw.postsCommentsKnown ?? 0 };
      close(v.p1, known.p > 0 ? (100 * (tw.postsLiked ?? 0)) / known.p : null, `${where} p1`);
      close(v.p2, known.p > 0 ? (tw.likes ?? 0) / known.p : null, `${where} p2`);
      close(v.c1, known.c > 0 ? (100 * (tw.postsCommented ?? 0)) / known.c : null, `${where} c1`);
      close(v.c2, known.c > 0 ? (tw.comments ?? 0) / known.c : null, `${where} c2`);
      for (const k of ['v1', 'v2', 'v3'] as const) expect(v[k], `${where} ${k}`).toBeNull();
      seen.questions += q;
      seen.answered += tw.questionsAnswered ?? 0;
      seen.measured += known.p;
    }
  }
  seen.hidden = d.truth.items.filter((i) => i.platform === 'instagram' && i.hiddenAt !== null).length;
  // The world exercises what matters: questions, answers, measured posts and hidden comments on Instagram.
  expect(seen.questions).toBeGreaterThan(20);
  expect(seen.answered).toBeGreaterThan(5);
  expect(seen.measured).toBeGreaterThan(50);
  expect(seen.hidden).toBeGreaterThan(0);
}, 600_000);
