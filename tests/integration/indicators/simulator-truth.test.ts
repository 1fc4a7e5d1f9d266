import { afterAll, beforeAll, expect, test } from 'vitest';

import { fixedClock } from '../../../src/clock.js';
import { weekBounds, weekRange } from '../../../src/indicators/iso-week.js';
import { percentileCont } from '../../../src/indicators/percentile.js';
import { computeIndicators } from '../../../src/jobs/compute-indicators.js';
import { makeLogger } from '../../../src/logger.js';
import { groundTruth } from '../../../src/simulator/truth.js';
import { generateWorld } from '../../../src/simulator/world.js';
import { readIndicatorValues } from '../../../src/store/indicator-values.js';
import { useTestDb } from '../../helpers/test-db.js';
import { storeTruth, TEST_CLASSIFIER } from './builder.js';

/**
 * End to end against the simulator's ground truth: 20 municipalities × 8 weeks. The truth's items go straight
 * into the store (classifications from its needsAnswer labels, so the classifier's errors are not measured
 * here), the engine computes, and every count must match exactly and every ratio and median within 1e-9.
 */
const WEEKS = weekRange('2026-W02', '2026-W09');
const START = weekBounds(WEEKS[0] as string).start;
const END = weekBounds(WEEKS[WEEKS.length - 1] as string).end;

let t: Awaited<ReturnType<typeof useTestDb>>;
beforeAll(async () => {
  t = await useTestDb();
});
afterAll(async () => {
  await t.drop();
});

test('every account-week matches the simulator’s truth', async () => {
  const world = generateWorld({ seed: 7, municipalities: 20, start: START, end: END });
  const truth = groundTruth(world, { now: END });
  const ids = await storeTruth(t.db, truth, START, END);
  expect(truth.items.length).toBeGreaterThan(1000);
  const log = makeLogger({ LOG_LEVEL: 'silent' } as never);
  await computeIndicators({ weeks: WEEKS }, { db: t.db, log, clock: fixedClock(END), classifierVersion: TEST_CLASSIFIER });
  const stored = await readIndicatorValues(t.db, { weeks: WEEKS, scope: 'account', definitionVersion: 1 });
  const byKey = new Map(stored.map((r) => [`${r.scopeId}|${r.week}`, r.values]));

  let compared = 0;
  let questions = 0;
  for (const a of truth.accounts) {
    const id = ids.get(a.externalId) as number;
    for (const week of WEEKS) {
      const tw = truth.weeks[a.externalId]?.[week];
      const v = byKey.get(`${id}|${week}`);
      expect(v, `${a.externalId} ${week}`).toBeDefined();
      if (!v) continue;
      const where = `${a.platform} ${a.externalId} ${week}`;
      expect(v.owner_posts, where).toBe(tw?.ownerPosts ?? 0);
      expect(v.owner_replies, where).toBe(tw?.ownerReplies ?? 0);
      expect(v.citizen_posts, where).toBe(tw?.citizenPosts ?? 0);
      expect(v.citizen_comments, where).toBe(tw?.citizenComments ?? 0);
      expect(v.questions, where).toBe(tw?.questions ?? 0);
      expect(v.questions_answered, where).toBe(tw?.questionsAnswered ?? 0);
      const q = tw?.questions ?? 0;
      const rate = q > 0 ? (tw?.questionsAnswered ?? 0) / q : null;
      if (rate === null) expect(v.response_rate, where).toBeNull();
      else expect(Math.abs((v.response_rate as number) - rate), where).toBeLessThanOrEqual(1e-9);
      const times = tw?.responseTimesH ?? [];
      for (const [id2, f] of [['response_time_median_h', 0.5], ['response_time_p90_h', 0.9]] as const) {
        const want = percentileCont(times, f);
        if (want === null) expect(v[id2], `${where} ${id2}`).toBeNull();
        else expect(Math.abs((v[id2] as number) - want), `${where} ${id2}`).toBeLessThanOrEqual(1e-9);
      }
      compared++;
      questions += q;
    }
  }
  expect(compared).toBe(truth.accounts.length * WEEKS.length);
  expect(questions).toBeGreaterThan(50);
}, 240_000);
