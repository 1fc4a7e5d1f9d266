import { afterEach, expect, test } from 'vitest';

import { storedUri } from '../../../src/collectors/bluesky/uri.js';
import { weekBounds, weekRange } from '../../../src/indicators/iso-week.js';
import { percentileCont } from '../../../src/indicators/percentile.js';
import { computeIndicators } from '../../../src/jobs/compute-indicators.js';
import { makeLogger } from '../../../src/logger.js';
import { makePseudonymiser } from '../../../src/privacy/pseudonymise.js';
import { groundTruth, type TruthWeek } from '../../../src/simulator/truth.js';
import { readIndicatorValues } from '../../../src/store/indicator-values.js';
import { SECRET, startHarness, syncAll, type Harness } from '../collectors/sim-harness.js';
import { TEST_CLASSIFIER } from './builder.js';

/**
 * Acceptance of issue 24 for Bluesky, end to end: the simulator's AppView for the Bluesky accounts among 20
 * municipalities × 8 weeks, read by the real collector through `collectAccount` (HTTP, normaliser,
 * pseudonymisation, store), classified from the truth's needsAnswer labels (the classifier's errors are measured
 * elsewhere), computed by the indicator engine — and every account-week must equal the simulator's ground truth
 * for the same collection passes: on a first backfill (one pass at the end) and on a live run (a pass every other day).
 */
const WEEKS = weekRange('2026-W02', '2026-W09');
const START = weekBounds(WEEKS[0] as string).start;
const END = weekBounds(WEEKS[WEEKS.length - 1] as string).end;
const DAY = 86_400_000;
const log = makeLogger({ LOG_LEVEL: 'silent' } as never);
const close = (got: unknown, want: number | null, where: string) => {
  if (want === null) expect(got, where).toBeNull();
  else expect(Math.abs((got as number) - want), where).toBeLessThanOrEqual(1e-9);
};
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SCENARIOS = [
  { name: 'a first backfill', passes: [END] },
  {
    name: 'a live run (a pass every other day)',
    passes: Array.from(
      { length: Math.floor((END.getTime() - START.getTime()) / (2 * DAY)) },
      (_, k) => new Date(START.getTime() + (k + 1) * 2 * DAY - 3_600_000),
    ),
  },
] as const;

for (const scenario of SCENARIOS) {
  test(`Bluesky: every account-week through the collector equals the simulator's truth on ${scenario.name}`, async () => {
    const x = (h = await startHarness({
      seed: 7,
      municipalities: 20,
      start: START,
      end: END,
      now: scenario.passes[0] as Date,
      platforms: ['bluesky'],
    }));
    expect(x.accounts.length).toBeGreaterThanOrEqual(3);
    for (const [k, at] of scenario.passes.entries()) {
      x.clock.set(at);
      const s = await syncAll(x, `pass-${k}`, k === 0 ? START : undefined);
      for (const v of s.values()) expect(v).toMatchObject({ outcome: 'succeeded' });
    }
    const truth = groundTruth(x.world, { now: END, passes: [...scenario.passes], onlySeen: true });
    expect(truth.items.length).toBeGreaterThan(300);

    // Classifications from the truth's labels, joined on the stored ids (residents' URIs pseudonymised).
    const pseudo = makePseudonymiser(SECRET);
    const own = new Set(x.accounts.map((a) => a.externalId));
    const labels = truth.items
      .filter((i) => i.authorRole === 'citizen')
      .map((i) => ({
        id: storedUri(
          i.externalId,
          (d) => own.has(d),
          (d) => pseudo('bluesky', d),
        ),
        needs: i.needsAnswer,
      }));
    const { rowCount } = await x.db.db.query(
      `insert into classifications (item_id, classifier_version, needs_answer, kind, abusive, classified_at)
       select it.id, $2, l.needs, case when l.needs then 'question' else 'other' end, false, it.created_at
       from jsonb_to_recordset($1::jsonb) as l(id text, needs boolean) join items it on it.platform = 'bluesky' and it.external_id = l.id`,
      [JSON.stringify(labels), TEST_CLASSIFIER],
    );
    const storedCitizen = await x.db.db.query<{ n: number }>(`select count(*)::int as n from items where author_role = 'citizen'`);
    expect(rowCount).toBe(storedCitizen.rows[0]?.n);

    await computeIndicators({ weeks: WEEKS }, { db: x.db.db, log, clock: () => END, classifierVersion: TEST_CLASSIFIER });
    const stored = await readIndicatorValues(x.db.db, { weeks: WEEKS, scope: 'account', definitionVersion: 1 });
    const byKey = new Map(stored.map((r) => [`${r.scopeId}|${r.week}`, r]));
    let compared = 0;
    const seen = { questions: 0, answered: 0, measured: 0, shared: 0 };
    for (const a of truth.accounts) {
      const id = x.byExternal.get(a.externalId)?.id;
      for (const week of WEEKS) {
        const tw: Partial<TruthWeek> = truth.weeks[a.externalId]?.[week] ?? {};
        const r = byKey.get(`${id}|${week}`);
        const where = `${a.handle} ${week}`;
        expect(r, where).toBeDefined();
        if (!r) continue;
        const v = r.values;
        expect(v.owner_posts, where).toBe(tw.ownerPosts ?? 0);
        expect(v.owner_replies, where).toBe(tw.ownerReplies ?? 0);
        // Residents' top-level posts only mention the account and cannot be read without login: unknown, not 0.
        expect(v.citizen_posts, where).toBeNull();
        expect(r.flags.citizen_posts, where).toEqual(['citizen_posts_unavailable']);
        expect(v.citizen_share, where).toBeNull();
        expect(v.citizen_comments, where).toBe(tw.citizenComments ?? 0);
        expect(v.questions, where).toBe(tw.questions ?? 0);
        expect(v.questions_answered, where).toBe(tw.questionsAnswered ?? 0);
        expect(v.unanswered_open, `${where} unanswered_open`).toBe(tw.unansweredOpen ?? 0);
        const q = tw.questions ?? 0;
        close(v.response_rate, q > 0 ? (tw.questionsAnswered ?? 0) / q : null, where);
        close(v.response_time_median_h, percentileCont(tw.responseTimesH ?? [], 0.5), `${where} median`);
        close(v.response_time_p90_h, percentileCont(tw.responseTimesH ?? [], 0.9), `${where} p90`);
        const known = { p: tw.postsLikesKnown ?? 0, c: tw.postsCommentsKnown ?? 0, v: tw.sharePostsKnown ?? 0 };
        close(v.p1, known.p > 0 ? (100 * (tw.postsLiked ?? 0)) / known.p : null, `${where} p1`);
        close(v.p2, known.p > 0 ? (tw.likes ?? 0) / known.p : null, `${where} p2`);
        close(v.c1, known.c > 0 ? (100 * (tw.postsCommented ?? 0)) / known.c : null, `${where} c1`);
        close(v.c2, known.c > 0 ? (tw.comments ?? 0) / known.c : null, `${where} c2`);
        // Shares are reposts + quotes, as for X: v1–v3 are not null on Bluesky.
        close(v.v1, known.v > 0 ? (100 * (tw.postsShared ?? 0)) / known.v : null, `${where} v1`);
        close(v.v2, known.v > 0 ? (tw.shares ?? 0) / known.v : null, `${where} v2`);
        const late = tw.postsEngagementLate ?? 0;
        expect(r.n.posts_engagement_late, `${where} n.posts_engagement_late`).toBe(late > 0 ? late : undefined);
        compared++;
        seen.questions += q;
        seen.answered += tw.questionsAnswered ?? 0;
        seen.measured += known.p;
        seen.shared += known.v;
      }
    }
    expect(compared).toBe(x.accounts.length * WEEKS.length);
    expect(seen.questions).toBeGreaterThan(20);
    expect(seen.answered).toBeGreaterThan(5);
    expect(seen.measured).toBeGreaterThan(20);
    expect(seen.shared).toBe(seen.measured);
  }, 600_000);
}
