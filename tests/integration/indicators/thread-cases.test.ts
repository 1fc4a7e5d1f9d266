import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { fixedClock } from '../../../src/clock.js';
import type { IndicatorValues } from '../../../src/indicators/definitions.js';
import { computeIndicators } from '../../../src/jobs/compute-indicators.js';
import { makeLogger } from '../../../src/logger.js';
import { readIndicatorValues, type IndicatorRowOut } from '../../../src/store/indicator-values.js';
import { useTestDb } from '../../helpers/test-db.js';
import { addAccount, coverHarvest, insertThread, setFollowers, TEST_CLASSIFIER, type ItemSpec } from './builder.js';

/**
 * Hand-built threads, one account each, computed through the real SQL (Postgres with DATABASE_URL, else
 * PGlite). Times are Oslo local; 2025-W10 is Mon 3 – Sun 9 March 2025 (CET, +01:00).
 */
let t: Awaited<ReturnType<typeof useTestDb>>;
const log = makeLogger({ LOG_LEVEL: 'silent' } as never);
const NOW = '2025-06-30T12:00:00Z';
let seq = 0;

beforeAll(async () => {
  t = await useTestDb();
});
afterAll(async () => {
  await t.drop();
});

async function account(items: ItemSpec[], opts: { municipality?: string; platform?: string; followers?: number } = {}) {
  const id = await addAccount(t.db, {
    municipality: opts.municipality ?? '0301',
    platform: opts.platform ?? 'facebook',
    externalId: `acc-${++seq}`,
  });
  await coverHarvest(t.db, id, '2025-01-01T00:00:00Z', '2025-12-31T00:00:00Z');
  if (opts.followers !== undefined) await setFollowers(t.db, id, '2025-01-02T00:00:00Z', opts.followers);
  const p = `a${id}-`;
  await insertThread(
    t.db,
    id,
    items.map((i) => ({ ...i, id: p + i.id, ...(i.parent ? { parent: p + i.parent } : {}) })),
    opts.platform ?? 'facebook',
  );
  return id;
}

async function compute(weeks: string[], now = NOW): Promise<void> {
  await computeIndicators({ weeks }, { db: t.db, log, clock: fixedClock(now), classifierVersion: TEST_CLASSIFIER });
}

async function row(id: number | string, week: string, scope: IndicatorRowOut['scope'] = 'account'): Promise<IndicatorRowOut> {
  const rows = await readIndicatorValues(t.db, { weeks: [week], scope, definitionVersion: 1 });
  const r = rows.find((x) => x.scopeId === String(id));
  if (!r) throw new Error(`no ${scope} row ${id} ${week}`);
  return r;
}

async function values(id: number, week = '2025-W10'): Promise<IndicatorValues> {
  await compute([week]);
  return (await row(id, week)).values;
}

const POST = { id: 'post', role: 'owner', at: '2025-03-04T09:00:00+01:00' } as const;

describe('answers', () => {
  test('a question answered deeper in its branch is answered; time runs from the turn’s first item', async () => {
    const id = await account([
      POST,
      { id: 'q', parent: 'post', role: 'citizen', author: 'kari', at: '2025-03-04T10:00:00+01:00', q: true },
      { id: 'x', parent: 'q', role: 'citizen', author: 'ola', at: '2025-03-04T10:30:00+01:00' },
      { id: 'ans', parent: 'x', role: 'owner', at: '2025-03-04T12:00:00+01:00' },
    ]);
    const v = await values(id);
    expect(v.questions).toBe(1);
    expect(v.questions_answered).toBe(1);
    expect(v.response_rate).toBe(1);
    expect(v.response_time_median_h).toBeCloseTo(2, 9);
    expect(v.response_time_p90_h).toBeCloseTo(2, 9);
    expect(v.response_time_office_median_h).toBeCloseTo(2, 9);
    expect(v.owner_replies).toBe(1);
    expect(v.citizen_comments).toBe(2);
    expect(v.citizen_authors).toBe(2);
  });

  test('an owner reply in a different branch of the same post is not an answer', async () => {
    const id = await account([
      POST,
      { id: 'q', parent: 'post', role: 'citizen', at: '2025-03-04T10:00:00+01:00', q: true },
      { id: 'other', parent: 'post', role: 'owner', at: '2025-03-04T11:00:00+01:00' },
    ]);
    const v = await values(id);
    expect(v.questions).toBe(1);
    expect(v.questions_answered).toBe(0);
    expect(v.response_rate).toBe(0);
    expect(v.response_time_median_h).toBeNull();
    expect(v.owner_replies).toBe(1);
    expect(v.one_way_posts).toBe(0); // the post got an owner comment, just not to the question
    expect(v.two_way_posts).toBe(0);
    expect(v.posts_with_citizen_comments).toBe(1);
  });

  test('an answer after 7 days leaves the question unanswered (and answers no later check)', async () => {
    const id = await account([
      POST,
      { id: 'q', parent: 'post', role: 'citizen', at: '2025-03-04T10:00:00+01:00', q: true },
      { id: 'late', parent: 'q', role: 'owner', at: '2025-03-11T10:01:00+01:00' },
    ]);
    const v = await values(id);
    expect(v.questions_answered).toBe(0);
    expect(v.response_rate).toBe(0);
    expect(v.response_rate_all).toBe(0);
    expect(v.response_rate_ci_low).toBe(0);
  });

  test('Sunday 23:50 question answered Monday 08:10: Sunday’s week, 8 h 20 min wall, 10 office minutes, timely', async () => {
    const id = await account([
      { id: 'post', role: 'owner', at: '2025-03-07T09:00:00+01:00' },
      { id: 'q', parent: 'post', role: 'citizen', at: '2025-03-09T23:50:00+01:00', q: true },
      { id: 'ans', parent: 'q', role: 'owner', at: '2025-03-10T08:10:00+01:00' },
    ]);
    const v = await values(id);
    expect(v.questions).toBe(1);
    expect(v.questions_answered).toBe(1);
    expect(v.response_time_median_h).toBeCloseTo(8 + 20 / 60, 9);
    expect(v.response_time_office_median_h).toBeCloseTo(10 / 60, 9);
    expect(v.timely_answered).toBe(1);
    expect(v.timely_rate).toBe(1);
    const next = await values(id, '2025-W11');
    expect(next.questions).toBe(0);
    expect(next.owner_replies).toBe(1); // the answer itself counts in the week it was written
  });

  test('a week containing Easter: holidays cost no office time', async () => {
    // 2025-W16: Maundy Thursday 17 and Good Friday 18 April; Easter Monday 21 April (W17).
    const id = await account([
      { id: 'post', role: 'owner', at: '2025-04-14T09:00:00+02:00' },
      { id: 'q1', parent: 'post', role: 'citizen', author: 'a', at: '2025-04-16T15:00:00+02:00', q: true },
      { id: 'a1', parent: 'q1', role: 'owner', at: '2025-04-22T09:00:00+02:00' },
      { id: 'q2', parent: 'post', role: 'citizen', author: 'b', at: '2025-04-17T10:00:00+02:00', q: true },
      { id: 'a2', parent: 'q2', role: 'owner', at: '2025-04-22T10:00:00+02:00' },
      { id: 'q3', parent: 'post', role: 'citizen', author: 'c', at: '2025-04-15T08:00:00+02:00', q: true },
      { id: 'a3', parent: 'q3', role: 'owner', at: '2025-04-16T15:00:00+02:00' },
    ]);
    const v = await values(id, '2025-W16');
    expect(v.questions_answered).toBe(3);
    // office hours: q1 0.75 + 1 = 1.75; q2 2; q3 7.75 + 7 = 14.75 (not timely)
    expect(v.response_time_office_median_h).toBeCloseTo(2, 9);
    expect(v.timely_answered).toBe(2);
    // wall: q1 138 h, q2 120 h, q3 31 h → median 120
    expect(v.response_time_median_h).toBeCloseTo(120, 9);
    expect(v.response_time_p90_h).toBeCloseTo(120 + 0.8 * 18, 9);
  });

  test('a deleted owner reply still answered the question', async () => {
    const id = await account([
      POST,
      { id: 'q', parent: 'post', role: 'citizen', at: '2025-03-04T10:00:00+01:00', q: true },
      { id: 'ans', parent: 'q', role: 'owner', at: '2025-03-04T11:00:00+01:00', deleted: '2025-03-05T10:00:00+01:00' },
    ]);
    expect((await values(id)).questions_answered).toBe(1);
  });
});

describe('turns and questions', () => {
  test('one resident’s consecutive items are one turn even with another resident in between', async () => {
    const id = await account([
      POST,
      { id: 'h1', parent: 'post', role: 'citizen', author: 'kari', at: '2025-03-04T10:00:00+01:00' },
      { id: 'h2', parent: 'h1', role: 'citizen', author: 'ola', at: '2025-03-04T10:01:00+01:00' },
      { id: 'h3', parent: 'h1', role: 'citizen', author: 'kari', at: '2025-03-04T10:02:00+01:00', q: true },
      { id: 'h4', parent: 'h1', role: 'citizen', author: 'kari', at: '2025-03-04T10:03:00+01:00', q: true },
      { id: 'ans', parent: 'h4', role: 'owner', at: '2025-03-04T11:00:00+01:00' },
      { id: 'h5', parent: 'h1', role: 'citizen', author: 'kari', at: '2025-03-04T11:30:00+01:00', q: true },
    ]);
    const v = await values(id);
    expect(v.questions).toBe(2); // kari before the answer (one turn), kari again after it
    expect(v.questions_answered).toBe(1);
    expect(v.response_time_median_h).toBeCloseTo(1, 9); // from h1 (turn start), not h3
    expect(v.followup_rate).toBe(1); // kari wrote again within 7 days of the answer
    expect(v.response_rate_all).toBe(1); // kari's turn begins the branch and was answered
    expect(v.unanswered_open).toBe(1); // h5 is open at the week's end
  });

  test('a citizen post is one branch: the owner’s deep reply answers it; response_rate_all counts it', async () => {
    const id = await account([
      { id: 'vp', role: 'citizen', author: 'kari', at: '2025-03-05T10:00:00+01:00', q: true },
      { id: 'c1', parent: 'vp', role: 'citizen', author: 'ola', at: '2025-03-05T10:10:00+01:00' },
      { id: 'r', parent: 'c1', role: 'owner', at: '2025-03-05T13:00:00+01:00' },
    ]);
    const v = await values(id);
    expect(v.citizen_posts).toBe(1);
    expect(v.citizen_comments).toBe(1);
    expect(v.owner_posts).toBe(0);
    expect(v.questions).toBe(1);
    expect(v.questions_answered).toBe(1);
    expect(v.response_rate_all).toBe(1);
    expect(v.response_time_median_h).toBeCloseTo(3, 9);
    expect(v.conversation_depth).toBe(1); // kari, ola (citizen) → owner
    expect(v.p1).toBeNull(); // no broadcast posts
  });

  test('a hidden question stays a question, is never answered by hiding, and is not open', async () => {
    const id = await account([
      POST,
      {
        id: 'q',
        parent: 'post',
        role: 'citizen',
        author: 'a',
        at: '2025-03-06T10:00:00+01:00',
        q: true,
        hidden: '2025-03-06T11:00:00+01:00',
      },
      { id: 'q2', parent: 'post', role: 'citizen', author: 'b', at: '2025-03-06T10:00:00+01:00', q: true },
      {
        id: 'ab',
        parent: 'post',
        role: 'citizen',
        author: 'c',
        at: '2025-03-06T10:00:00+01:00',
        abusive: true,
        deleted: '2025-03-06T12:00:00+01:00',
      },
    ]);
    const v = await values(id);
    expect(v.questions).toBe(2);
    expect(v.questions_answered).toBe(0);
    expect(v.hidden_citizen_items).toBe(1);
    expect(v.deleted_citizen_items).toBe(1);
    expect(v.abusive_citizen_items).toBe(1);
    expect(v.unanswered_open).toBe(1); // q2 only
  });

  test('unanswered_open counts questions under 7 days old at the week’s end, from either week', async () => {
    const id = await account([
      { id: 'post', role: 'owner', at: '2025-03-03T09:00:00+01:00' },
      { id: 'old', parent: 'post', role: 'citizen', author: 'a', at: '2025-03-03T10:00:00+01:00', q: true },
      { id: 'fri', parent: 'post', role: 'citizen', author: 'b', at: '2025-03-07T10:00:00+01:00', q: true },
      { id: 'ans', parent: 'fri', role: 'owner', at: '2025-03-11T10:00:00+01:00' },
    ]);
    const w10 = await values(id, '2025-W10');
    expect(w10.unanswered_open).toBe(2); // both < 7 days old at Mon 10 March 00:00, neither answered yet
    const w11 = await values(id, '2025-W11');
    expect(w11.unanswered_open).toBe(0); // old is > 7 days old, fri was answered
    expect(w10.questions_answered).toBe(1); // fri's answer came on Tuesday, within 7 days
  });
});

describe('threads and attention', () => {
  test('two-way, one-way, depth and the Bonsón set over the week’s broadcast posts', async () => {
    const id = await account(
      [
        { id: 'p1', role: 'owner', at: '2025-03-03T09:00:00+01:00', metrics: [10, 3, 2] },
        { id: 'c1', parent: 'p1', role: 'citizen', author: 'a', at: '2025-03-03T10:00:00+01:00' },
        { id: 'r1', parent: 'c1', role: 'owner', at: '2025-03-03T11:00:00+01:00' },
        { id: 'c2', parent: 'r1', role: 'citizen', author: 'a', at: '2025-03-03T12:00:00+01:00' },
        { id: 'p2', role: 'owner', at: '2025-03-04T09:00:00+01:00', metrics: [0, 1, 0] },
        { id: 'c3', parent: 'p2', role: 'citizen', author: 'b', at: '2025-03-04T10:00:00+01:00' },
        { id: 'p3', role: 'owner', at: '2025-03-05T09:00:00+01:00' },
        { id: 'c4', parent: 'p3', role: 'citizen', author: 'c', at: '2025-03-13T10:00:00+01:00' },
      ],
      { followers: 2000 },
    );
    const v = await values(id);
    expect(v.owner_posts).toBe(3);
    expect(v.owner_replies).toBe(1);
    expect(v.posts_with_citizen_comments).toBe(2); // p3's comment came after 7 days
    expect(v.two_way_posts).toBe(1);
    expect(v.two_way_share).toBe(0.5);
    expect(v.one_way_posts).toBe(2);
    expect(v.conversation_depth).toBeCloseTo((2 + 0 + 0) / 1, 9); // only c1's branch has both roles
    // p3 has no snapshot: its counts are unknown and left out (never 0), so the Bonsón set rests on p1 and p2.
    expect(v.p1).toBeCloseTo(50, 9);
    expect(v.p2).toBeCloseTo(10 / 2, 9);
    expect(v.p3).toBeCloseTo((10 / 2 / 2000) * 1000, 9);
    expect(v.c1).toBeCloseTo(100, 9);
    expect(v.c2).toBeCloseTo(4 / 2, 9);
    expect(v.c2_citizen).toBeCloseTo(3 / 3, 9); // c2 (reply) counts; c4 is past 7 days
    expect(v.v1).toBeCloseTo(50, 9);
    expect(v.v2).toBeCloseTo(2 / 2, 9);
    expect(v.engagement).toBeCloseTo(((10 + 4 + 2) / 2 / 2000) * 1000, 9);
    const r = await row(id, '2025-W10');
    expect(r.flags.p1).toEqual(['engagement_partial']);
    expect(r.n.p1).toBe(2);
    expect(v.citizen_per_1000_followers).toBeCloseTo((3 / 2000) * 1000, 9); // c1, c2, c3 in W10
  });

  test('an account with no activity and no followers: counts 0, ratios null', async () => {
    const id = await account([]);
    const v = await values(id);
    expect(v.owner_posts).toBe(0);
    expect(v.reply_share).toBeNull();
    expect(v.response_rate).toBeNull();
    expect(v.citizen_per_1000_followers).toBeNull();
    expect(v.dialogue_index).toBeNull();
    const r = await row(id, '2025-W10');
    expect(r.flags.dialogue_index).toEqual(['insufficient_data']);
    expect(r.flags.citizen_per_1000_followers).toEqual(['followers_unknown']);
  });
});

describe('coverage and provisional', () => {
  test('a harvest gap lowers coverage, names the account, and marks the value provisional', async () => {
    const id = await addAccount(t.db, { municipality: '1103', externalId: `gap-${++seq}` });
    await coverHarvest(t.db, id, '2025-01-01T00:00:00Z', '2025-03-04T00:00:00+01:00', 'a');
    // 4 March 00:00 → 7 March 00:00 Oslo missing (72 of 168 hours), then covered again
    await coverHarvest(t.db, id, '2025-03-07T00:00:00+01:00', '2025-12-01T00:00:00Z', 'b');
    await compute(['2025-W10']);
    const r = await row(id, '2025-W10');
    expect(r.coverage).toBeCloseTo(96 / 168, 9);
    expect(r.gapAccounts).toEqual([id]);
    expect(r.provisional).toBe(true);
    const m = await row('1103', '2025-W10', 'municipality');
    expect(m.gapAccounts).toContain(id);
    expect(m.coverage).toBeLessThanOrEqual(96 / 168 + 1e-9);
  });

  test('a week less than 7 days past its end is provisional; later it is final', async () => {
    const id = await account([POST]);
    await compute(['2025-W10'], '2025-03-12T12:00:00+01:00');
    const early = await row(id, '2025-W10');
    expect(early.provisional).toBe(true);
    expect(early.coverage).toBe(1);
    await compute(['2025-W10'], '2025-03-20T12:00:00+01:00');
    expect((await row(id, '2025-W10')).provisional).toBe(false);
  });
});
