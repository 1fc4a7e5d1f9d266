import { afterAll, beforeAll, expect, test } from 'vitest';

import { fixedClock } from '../../../src/clock.js';
import { computeIndicators } from '../../../src/jobs/compute-indicators.js';
import { makeLogger } from '../../../src/logger.js';
import { readIndicatorValues } from '../../../src/store/indicator-values.js';
import { useTestDb } from '../../helpers/test-db.js';
import { addAccount, coverHarvest, insertThread, TEST_CLASSIFIER } from './builder.js';

/**
 * Issue 24: adding an account later (an Instagram account registered in week 10) must not drop the municipality's
 * and the sector's coverage of past weeks, when nobody was asked to collect it. Coverage counts an account from
 * when it was registered or first collected, whichever is earlier. Before the fix, week 8 of the municipality fell
 * from 1 to 0 and became provisional.
 */
let t: Awaited<ReturnType<typeof useTestDb>>;
const log = makeLogger({ LOG_LEVEL: 'silent' } as never);

beforeAll(async () => {
  t = await useTestDb();
});
afterAll(async () => {
  await t.drop();
});

const WEEKS = ['2025-W08', '2025-W09', '2025-W10', '2025-W11'];

test('an account registered later does not open gaps in weeks before it was registered or first collected', async () => {
  const fb = await addAccount(t.db, { municipality: '0301', externalId: 'oslo-fb' });
  await coverHarvest(t.db, fb, '2025-01-01T00:00:00Z', '2025-06-01T00:00:00Z');
  await insertThread(t.db, fb, [{ id: 'p1', role: 'owner', at: '2025-02-18T09:00:00+01:00' }]);
  // Registered Wednesday of week 10 (2025-03-05), never collected.
  const ig = await addAccount(t.db, {
    municipality: '0301',
    platform: 'instagram',
    externalId: 'oslo-ig',
    createdAt: '2025-03-05T12:00:00Z',
  });
  // Registered in week 11, but its first collection backfilled from Monday of week 9 on.
  const ig2 = await addAccount(t.db, {
    municipality: '4601',
    platform: 'instagram',
    externalId: 'bergen-ig',
    createdAt: '2025-03-12T12:00:00Z',
  });
  await coverHarvest(t.db, ig2, '2025-02-23T23:00:00Z', '2025-06-01T00:00:00Z');

  await computeIndicators(
    { weeks: WEEKS },
    { db: t.db, log, clock: fixedClock('2025-06-01T00:00:00Z'), classifierVersion: TEST_CLASSIFIER },
  );
  const rows = await readIndicatorValues(t.db, { weeks: WEEKS, definitionVersion: 1 });
  const get = (scope: string, id: string, week: string) => {
    const r = rows.find((x) => x.scope === scope && x.scopeId === id && x.week === week);
    if (!r) throw new Error(`${scope} ${id} ${week}`);
    return r;
  };

  // Weeks 8 and 9: before Oslo's Instagram account existed — fully covered, not provisional.
  for (const week of ['2025-W08', '2025-W09']) {
    expect(get('municipality', '0301', week).coverage, week).toBe(1);
    expect(get('municipality', '0301', week).provisional, week).toBe(false);
    expect(get('municipality', '0301', week).gapAccounts, week).toEqual([]);
    expect(get('sector', 'NO', week).coverage, week).toBe(1);
  }
  // Week 10: from its registration on Wednesday 13:00 Oslo time the uncollected account is a gap (4.5 days of 7).
  const w10 = get('municipality', '0301', '2025-W10');
  expect(w10.coverage).toBeCloseTo((2 * 24 + 13) / 168, 9);
  expect(w10.gapAccounts).toEqual([ig]);
  expect(get('municipality', '0301', '2025-W11').coverage).toBe(0);
  // Bergen's account counts from its first collected instant (week 9), earlier than its registration: covered.
  for (const week of WEEKS) expect(get('municipality', '4601', week).coverage, week).toBe(1);
});
