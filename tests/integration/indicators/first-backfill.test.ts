import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { fixedClock } from '../../../src/clock.js';
import { computeIndicators } from '../../../src/jobs/compute-indicators.js';
import { makeLogger } from '../../../src/logger.js';
import { readIndicatorValues, type IndicatorRowOut } from '../../../src/store/indicator-values.js';
import { useTestDb } from '../../helpers/test-db.js';
import { addAccount, coverHarvest, insertItemRows, insertThread, setFollowers, TEST_CLASSIFIER, toRows, type ItemSpec } from './builder.js';

/**
 * INDICATORS.md, clarifications 1 and 2 of version 1, through the real SQL: engagement of posts first measured
 * long after them (a first backfill), and removals the platform reports without a time. 2025-W10 is
 * Mon 3 – Sun 9 March 2025 (CET); its end is Mon 10 March 00:00 Oslo.
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

async function account(items: ItemSpec[], opts: { municipality?: string; followers?: number } = {}): Promise<number> {
  const id = await addAccount(t.db, { municipality: opts.municipality ?? '0301', externalId: `acc-${++seq}` });
  await coverHarvest(t.db, id, '2025-01-01T00:00:00Z', '2025-12-31T00:00:00Z');
  if (opts.followers !== undefined) await setFollowers(t.db, id, '2025-01-02T00:00:00Z', opts.followers);
  const p = `a${id}-`;
  await insertThread(
    t.db,
    id,
    items.map((i) => ({ ...i, id: p + i.id, ...(i.parent ? { parent: p + i.parent } : {}) })),
  );
  return id;
}

async function rowOf(scope: IndicatorRowOut['scope'], id: number | string, week: string): Promise<IndicatorRowOut> {
  await computeIndicators({ weeks: [week] }, { db: t.db, log, clock: fixedClock(NOW), classifierVersion: TEST_CLASSIFIER });
  const r = (await readIndicatorValues(t.db, { weeks: [week], scope, definitionVersion: 1 })).find((x) => x.scopeId === String(id));
  if (!r) throw new Error(`no ${scope} row ${id} ${week}`);
  return r;
}

const ATTENTION = ['p1', 'p2', 'p3', 'c1', 'c2', 'c3', 'v1', 'v2', 'v3', 'engagement'] as const;

describe('engagement of a post first collected late', () => {
  test('a post whose only snapshot is 40 days old: that value is used, and the week is flagged engagement_late', async () => {
    const id = await account(
      [{ id: 'post', role: 'owner', at: '2025-03-04T09:00:00+01:00', snapshots: [['2025-04-13T09:00:00+01:00', 12, 3, 2]] }],
      { followers: 1000 },
    );
    const r = await rowOf('account', id, '2025-W10');
    expect(r.values.p1).toBe(100);
    expect(r.values.p2).toBe(12);
    expect(r.values.c2).toBe(3);
    expect(r.values.v2).toBe(2);
    expect(r.values.engagement).toBeCloseTo(12 + 3 + 2, 9);
    for (const id2 of ATTENTION) expect(r.flags[id2], id2).toEqual(['engagement_late']);
    expect(r.n.posts_engagement_late).toBe(1);
    expect(r.n.engagement_late_median_days).toBeCloseTo(40, 9);
  });

  test('a snapshot within 7 days wins over later ones; the latest of those within 7 days is used', async () => {
    const id = await account([
      {
        id: 'post',
        role: 'owner',
        at: '2025-03-04T09:00:00+01:00',
        snapshots: [
          ['2025-03-05T09:00:00+01:00', 4, 1, 0],
          ['2025-03-11T09:00:00+01:00', 6, 2, 1],
          ['2025-03-20T09:00:00+01:00', 9, 5, 3],
        ],
      },
    ]);
    const r = await rowOf('account', id, '2025-W10');
    expect(r.values.p2).toBe(6);
    expect(r.values.c2).toBe(2);
    expect(r.values.v2).toBe(1);
    expect(r.flags.p2).toBeUndefined();
    expect(r.n.posts_engagement_late).toBeUndefined();
  });

  test('a post with no snapshot: its parts are null, never 0', async () => {
    const id = await account([{ id: 'post', role: 'owner', at: '2025-03-04T09:00:00+01:00' }], { followers: 1000 });
    const r = await rowOf('account', id, '2025-W10');
    expect(r.values.owner_posts).toBe(1);
    for (const id2 of ATTENTION) expect(r.values[id2], id2).toBeNull();
    expect(r.n.p1).toBe(0);
  });
});

describe('removal seen late', () => {
  const POST = { id: 'post', role: 'owner', at: '2025-03-04T09:00:00+01:00' } as const;
  const Q = { parent: 'post', role: 'citizen', at: '2025-03-06T10:00:00+01:00', q: true } as const;

  test('a question already hidden when first collected (a backfill weeks later) is not open in any week', async () => {
    const id = await account([POST, { ...Q, id: 'q', firstSeen: '2025-04-01T12:00:00+02:00', hidden: '2025-04-01T12:00:00+02:00' }]);
    const w10 = await rowOf('account', id, '2025-W10');
    expect(w10.values.questions).toBe(1);
    expect(w10.values.questions_answered).toBe(0);
    expect(w10.values.hidden_citizen_items).toBe(1);
    expect(w10.values.unanswered_open).toBe(0);
    expect((await rowOf('account', id, '2025-W11')).values.unanswered_open).toBe(0);
  });

  test('a question an earlier pass saw visible is open until the pass that saw it hidden, not after', async () => {
    const seenHiddenAfterWeek = await account([
      POST,
      { ...Q, id: 'q', firstSeen: '2025-03-06T10:05:00+01:00', hidden: '2025-03-10T09:00:00+01:00' },
    ]);
    expect((await rowOf('account', seenHiddenAfterWeek, '2025-W10')).values.unanswered_open).toBe(1);
    const seenHiddenInWeek = await account([
      POST,
      { ...Q, id: 'q', firstSeen: '2025-03-06T10:05:00+01:00', hidden: '2025-03-08T09:00:00+01:00' },
    ]);
    expect((await rowOf('account', seenHiddenInWeek, '2025-W10')).values.unanswered_open).toBe(0);
  });

  test('a deleted question: removed from the pass that missed it, and from its creation when never seen', async () => {
    const deletedAfterWeek = await account([
      POST,
      { ...Q, id: 'q', firstSeen: '2025-03-06T10:05:00+01:00', deleted: '2025-03-10T09:00:00+01:00' },
    ]);
    const r = await rowOf('account', deletedAfterWeek, '2025-W10');
    expect(r.values.deleted_citizen_items).toBe(1);
    expect(r.values.questions).toBe(1);
    expect(r.values.unanswered_open).toBe(1);
    const deletedInWeek = await account([
      POST,
      { ...Q, id: 'q', firstSeen: '2025-03-06T10:05:00+01:00', deleted: '2025-03-07T09:00:00+01:00' },
    ]);
    expect((await rowOf('account', deletedInWeek, '2025-W10')).values.unanswered_open).toBe(0);
    const deletedBeforeFirstSeen = await account([
      POST,
      { ...Q, id: 'q', firstSeen: '2025-04-01T12:00:00+02:00', deleted: '2025-04-01T12:00:00+02:00' },
    ]);
    expect((await rowOf('account', deletedBeforeFirstSeen, '2025-W10')).values.unanswered_open).toBe(0);
  });
});

describe('items not classified yet', () => {
  test('count as no question, and the week’s question figures say they are lower bounds', async () => {
    const id = await account([
      { id: 'post', role: 'owner', at: '2025-03-04T09:00:00+01:00' },
      { id: 'q', parent: 'post', role: 'citizen', at: '2025-03-04T10:00:00+01:00', q: true },
      { id: 'new', parent: 'post', role: 'citizen', author: 'c2', at: '2025-03-04T11:00:00+01:00', unclassified: true },
    ]);
    const r = await rowOf('account', id, '2025-W10');
    expect(r.values.questions).toBe(1);
    expect(r.values.citizen_comments).toBe(2);
    expect(r.n.unclassified_citizen_items).toBe(1);
    for (const id2 of ['questions', 'response_rate', 'unanswered_open', 'abusive_citizen_items'] as const) {
      expect(r.flags[id2], id2).toEqual(['classification_pending']);
    }
    expect(r.flags.citizen_comments).toBeUndefined();
  });
});

describe('items outside a known thread', () => {
  test('a reply whose thread root and parent never arrived is left out of turns, and the week says so', async () => {
    const id = await account([
      { id: 'post', role: 'owner', at: '2025-03-04T09:00:00+01:00' },
      { id: 'q', parent: 'post', role: 'citizen', at: '2025-03-04T10:00:00+01:00', q: true },
    ]);
    const orphan = toRows(id, 'facebook', [
      { id: `a${id}-orphan`, role: 'citizen', author: 'c9', at: '2025-03-05T10:00:00+01:00', q: true },
    ])[0]!;
    await insertItemRows(t.db, [
      { ...orphan, kind: 'comment', parent_external_id: 'gone-parent', root_external_id: 'gone-root', branch_external_id: null },
    ]);
    const r = await rowOf('account', id, '2025-W10');
    expect(r.values.citizen_comments).toBe(2);
    expect(r.values.questions).toBe(1);
    expect(r.n.citizen_items_unplaced).toBe(1);
    expect(r.flags.questions).toEqual(['thread_incomplete']);
    expect(r.flags.response_rate).toEqual(['thread_incomplete']);
    expect(r.flags.citizen_comments).toBeUndefined();
  });
});

describe('municipality and sector scope', () => {
  test('late engagement and late removals carry to wider scopes: flags, n and the median age over every post', async () => {
    // 2025-W20 (Mon 12 – Sun 18 May 2025, CEST) holds only these two accounts' items, so the sector row is theirs.
    const a = await account(
      [
        { id: 'post', role: 'owner', at: '2025-05-13T09:00:00+02:00', snapshots: [['2025-06-22T09:00:00+02:00', 10, 2, 1]] },
        {
          id: 'q',
          parent: 'post',
          role: 'citizen',
          at: '2025-05-14T10:00:00+02:00',
          q: true,
          firstSeen: '2025-06-22T09:00:00+02:00',
          hidden: '2025-06-22T09:00:00+02:00',
        },
        {
          id: 'open',
          parent: 'post',
          role: 'citizen',
          author: 'c2',
          at: '2025-05-14T11:00:00+02:00',
          q: true,
          firstSeen: '2025-06-22T09:00:00+02:00',
        },
      ],
      { municipality: '4601', followers: 1000 },
    );
    const b = await account(
      [
        { id: 'post', role: 'owner', at: '2025-05-15T09:00:00+02:00', snapshots: [['2025-06-14T09:00:00+02:00', 20, 4, 3]] },
        { id: 'post2', role: 'owner', at: '2025-05-16T09:00:00+02:00' },
        {
          id: 'q',
          parent: 'post',
          role: 'citizen',
          at: '2025-05-15T10:00:00+02:00',
          q: true,
          firstSeen: '2025-06-14T09:00:00+02:00',
          deleted: '2025-06-20T09:00:00+02:00',
        },
      ],
      { municipality: '4601', followers: 3000 },
    );
    for (const [scope, id] of [
      ['municipality', '4601'],
      ['sector', 'NO'],
    ] as const) {
      const r = await rowOf(scope, id, '2025-W20');
      const where = `${scope} ${id}`;
      expect(r.values.owner_posts, where).toBe(3);
      expect(r.values.questions, where).toBe(3);
      // a's hidden question was hidden when first stored; b's was seen visible by the backfill, deleted later.
      expect(r.values.unanswered_open, where).toBe(2);
      expect(r.values.p2, where).toBe(15);
      // The sector's followers include the file's other accounts; the municipality's are a's and b's.
      if (scope === 'municipality') expect(r.values.p3, where).toBeCloseTo((15 / 4000) * 1000, 9);
      expect(r.n.p2, where).toBe(2);
      expect(r.n.posts_engagement_late, where).toBe(2);
      expect(r.n.engagement_late_median_days, where).toBeCloseTo((40 + 30) / 2, 9);
      expect(r.flags.p2, where).toEqual(['engagement_late', 'engagement_partial']);
    }
    expect((await rowOf('account', a, '2025-W20')).values.unanswered_open).toBe(1);
    expect((await rowOf('account', b, '2025-W20')).values.unanswered_open).toBe(1);
  });
});
