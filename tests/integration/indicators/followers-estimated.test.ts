import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { fixedClock } from '../../../src/clock.js';
import { computeIndicators } from '../../../src/jobs/compute-indicators.js';
import { makeLogger } from '../../../src/logger.js';
import { readIndicatorValues, type IndicatorRowOut } from '../../../src/store/indicator-values.js';
import { useTestDb } from '../../helpers/test-db.js';
import { addAccount, coverHarvest, insertThread, setFollowers, TEST_CLASSIFIER } from './builder.js';

/**
 * Followers of backfilled history (docs/indicators.md, reading 10): a week with no follower snapshot at or
 * before its end takes the earliest snapshot within 56 days after it, flagged followers_estimated; later than
 * that, followers stay unknown. 2025-W10 ends Mon 10 March 2025 00:00 Oslo (2025-03-09T23:00Z).
 */
let t: Awaited<ReturnType<typeof useTestDb>>;
const log = makeLogger({ LOG_LEVEL: 'silent' } as never);
const FOLLOWER_IDS = ['citizen_per_1000_followers', 'p3', 'c3', 'v3', 'engagement', 'dialogue_index'] as const;

beforeAll(async () => {
  t = await useTestDb();
});
afterAll(async () => {
  await t.drop();
});

async function accountWith(municipality: string, ext: string, snapshots: Array<[string, number]>): Promise<number> {
  const id = await addAccount(t.db, { municipality, externalId: ext });
  await coverHarvest(t.db, id, '2025-01-01T00:00:00Z', '2025-12-31T00:00:00Z');
  for (const [at, n] of snapshots) await setFollowers(t.db, id, at, n);
  await insertThread(t.db, id, [
    { id: `${ext}-p1`, role: 'owner', at: '2025-03-04T09:00:00+01:00', metrics: [10, 2, 1] },
    { id: `${ext}-c1`, parent: `${ext}-p1`, role: 'citizen', author: 'a', at: '2025-03-04T10:00:00+01:00' },
  ]);
  return id;
}

async function accountRow(id: number): Promise<IndicatorRowOut> {
  const rows = await readIndicatorValues(t.db, { weeks: ['2025-W10'], scope: 'account', definitionVersion: 1 });
  const r = rows.find((x) => x.scopeId === String(id));
  if (!r) throw new Error(`no row for ${id}`);
  return r;
}

describe('followers for backfilled history', () => {
  test('a snapshot within 56 days after the window stands in, flagged; one after 56 days leaves followers unknown', async () => {
    // 41 days after the window's end: used and flagged.
    const within = await accountWith('0301', 'est-within', [['2025-04-20T12:00:00Z', 2000]]);
    // Exactly 56 days after the end is still within; a later snapshot is not the earliest and is not used.
    const edge = await accountWith('0301', 'est-edge', [
      ['2025-05-04T23:00:00Z', 4000],
      ['2025-05-05T00:00:00Z', 9],
    ]);
    // 57 days after: unknown.
    const beyond = await accountWith('0301', 'est-beyond', [['2025-05-05T23:00:00Z', 3000]]);
    // A snapshot before the end wins over any after it and is not an estimate.
    const known = await accountWith('0301', 'est-known', [
      ['2025-03-01T00:00:00Z', 500],
      ['2025-03-20T00:00:00Z', 800],
    ]);
    await computeIndicators(
      { weeks: ['2025-W10'] },
      { db: t.db, log, clock: fixedClock('2025-06-30T12:00:00Z'), classifierVersion: TEST_CLASSIFIER },
    );

    const w = await accountRow(within);
    expect(w.values.citizen_per_1000_followers).toBeCloseTo((1 / 2000) * 1000, 12);
    expect(w.values.p3).toBeCloseTo((10 / 2000) * 1000, 12);
    expect(w.n.followers).toBe(2000);
    for (const id of FOLLOWER_IDS) expect(w.flags[id] ?? []).toContain('followers_estimated');
    expect(w.flags.citizen_per_1000_followers).toEqual(['followers_estimated']);

    const e = await accountRow(edge);
    expect(e.n.followers).toBe(4000);
    expect(e.flags.p3).toEqual(['followers_estimated']);

    const b = await accountRow(beyond);
    expect(b.values.citizen_per_1000_followers).toBeNull();
    expect(b.values.p3).toBeNull();
    expect(b.flags.citizen_per_1000_followers).toEqual(['followers_unknown']);
    expect(b.flags.dialogue_index ?? []).not.toContain('followers_estimated');

    const k = await accountRow(known);
    expect(k.n.followers).toBe(500);
    for (const id of FOLLOWER_IDS) expect(k.flags[id] ?? []).not.toContain('followers_estimated');

    // The municipality sums 2000 + 4000 + 500 (beyond unknown) and is flagged estimated and partial.
    const m = (await readIndicatorValues(t.db, { weeks: ['2025-W10'], scope: 'municipality', definitionVersion: 1 })).find(
      (x) => x.scopeId === '0301',
    );
    expect(m?.n.followers).toBe(6500);
    expect(m?.flags.p3).toEqual(['followers_partial', 'followers_estimated']);
  });
});
