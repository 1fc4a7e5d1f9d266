import { afterAll, beforeAll, expect, test } from 'vitest';

import { fixedClock } from '../../../src/clock.js';
import { computeIndicators } from '../../../src/jobs/compute-indicators.js';
import { writeGroupTail } from '../../../src/store/sync-state.js';
import { indicatorRows } from '../../helpers/pipeline-world.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';
import { addAccount, coverHarvest, insertThread, TEST_CLASSIFIER } from './builder.js';

/**
 * A follower count is an input of every week it is the latest count for, and of the weeks before it that it stands
 * in for (56 days): a count stored after those weeks were computed must mark them, so the next incremental
 * recompute leaves what a full recompute leaves. The count comes through the collector's write path (the tail of a
 * commit group), for an account whose weeks hold items of others only.
 */
let t: Awaited<ReturnType<typeof useTestDb>>;
beforeAll(async () => {
  t = await useTestDb();
});
afterAll(async () => t.drop());

test('a follower count stored after its weeks were computed marks them; the incremental recompute equals a full one', async () => {
  const now = new Date('2025-03-26T12:00:00Z');
  const deps = { db: t.db, log: silentLogger, clock: fixedClock(now), classifierVersion: TEST_CLASSIFIER };
  const busy = await addAccount(t.db, { municipality: '0301', externalId: 'fm-busy' });
  const quiet = await addAccount(t.db, { municipality: '0301', externalId: 'fm-quiet' });
  for (const id of [busy, quiet]) await coverHarvest(t.db, id, '2025-02-24T00:00:00Z', now.toISOString());
  for (const [k, day] of ['2025-03-04', '2025-03-11', '2025-03-18'].entries()) {
    await insertThread(t.db, busy, [
      { id: `fm-p${k}`, role: 'owner', at: `${day}T09:00:00+01:00` },
      { id: `fm-c${k}`, parent: `fm-p${k}`, role: 'citizen', author: 'a', at: `${day}T10:00:00+01:00`, q: true },
    ]);
  }
  await computeIndicators({ all: true }, deps);
  const { rows: unknown } = await t.db.query<{ week: string }>(
    `select week from indicator_values where scope = 'account' and scope_id = $1 and flags::text like '%followers_unknown%' order by week`,
    [String(quiet)],
  );
  expect(unknown.length).toBeGreaterThanOrEqual(3);

  await t.db.transaction((tx) =>
    writeGroupTail(
      tx,
      String(quiet),
      'facebook',
      { states: new Map(), dirty: [], metrics: [], followers: [{ accountId: String(quiet), capturedAt: now, followers: 1200 }] },
      now,
    ),
  );
  const inc = await computeIndicators({}, deps);
  expect(inc.marksConsumed).toBeGreaterThan(0);
  const incremental = await indicatorRows(t.db);
  await computeIndicators({ all: true }, deps);
  expect(incremental).toEqual(await indicatorRows(t.db));
  const { rows: still } = await t.db.query(
    `select week from indicator_values where scope = 'account' and scope_id = $1 and flags::text like '%followers_unknown%'`,
    [String(quiet)],
  );
  expect(still).toEqual([]);
});
