import { afterAll, beforeAll, expect, test } from 'vitest';

import { fixedClock } from '../../../src/clock.js';
import { INDICATOR_IDS } from '../../../src/indicators/definitions.js';
import { suppressForSector, toJsonObject, type OutputRow } from '../../../src/indicators/output.js';
import { computeIndicators } from '../../../src/jobs/compute-indicators.js';
import { makeLogger } from '../../../src/logger.js';
import { readIndicatorValues } from '../../../src/store/indicator-values.js';
import { useTestDb } from '../../helpers/test-db.js';
import { addAccount, coverHarvest, insertThread, TEST_CLASSIFIER, type ItemSpec } from './builder.js';

let t: Awaited<ReturnType<typeof useTestDb>>;
const log = makeLogger({ LOG_LEVEL: 'silent' } as never);

beforeAll(async () => {
  t = await useTestDb();
});
afterAll(async () => {
  await t.drop();
});

/** A post with `asked` questions from different residents, the first `answered` of them answered after `hours`. */
function questions(prefix: string, asked: number, answered: number, hours: number): ItemSpec[] {
  const items: ItemSpec[] = [{ id: `${prefix}post`, role: 'owner', at: '2025-03-04T09:00:00+01:00' }];
  for (let i = 0; i < asked; i++) {
    items.push({
      id: `${prefix}q${i}`,
      parent: `${prefix}post`,
      role: 'citizen',
      author: `${prefix}r${i}`,
      at: '2025-03-04T10:00:00+01:00',
      q: true,
    });
    if (i < answered) {
      const at = new Date(Date.parse('2025-03-04T10:00:00+01:00') + (hours + i) * 3_600_000).toISOString();
      items.push({ id: `${prefix}a${i}`, parent: `${prefix}q${i}`, role: 'owner', at });
    }
  }
  return items;
}

test('wider scopes sum counts and recompute ratios (not the mean of municipal ratios); medians from items; suppression for the sector role', async () => {
  // Oslo (0301, county 03): 10 questions, 9 answered after 1..9 h. Bergen (4601, county 46): 2 questions, none answered.
  const oslo = await addAccount(t.db, { municipality: '0301', externalId: 'oslo' });
  const osloYt = await addAccount(t.db, { municipality: '0301', platform: 'youtube', externalId: 'oslo-yt' });
  const bergen = await addAccount(t.db, { municipality: '4601', externalId: 'bergen' });
  for (const a of [oslo, osloYt, bergen]) await coverHarvest(t.db, a, '2025-01-01T00:00:00Z', '2025-12-01T00:00:00Z');
  await insertThread(t.db, oslo, questions('o', 8, 7, 1));
  await insertThread(t.db, osloYt, questions('y', 2, 2, 20), 'youtube');
  await insertThread(t.db, bergen, questions('b', 2, 0, 1));
  await computeIndicators(
    { weeks: ['2025-W10'] },
    { db: t.db, log, clock: fixedClock('2025-06-01T00:00:00Z'), classifierVersion: TEST_CLASSIFIER },
  );
  const rows = await readIndicatorValues(t.db, { weeks: ['2025-W10'], definitionVersion: 1 });
  const get = (scope: string, id: string) => {
    const r = rows.find((x) => x.scope === scope && x.scopeId === id);
    if (!r) throw new Error(`${scope} ${id}`);
    return r;
  };
  const osloM = get('municipality', '0301');
  const bergenM = get('municipality', '4601');
  const sector = get('sector', 'NO');
  expect(osloM.values.questions).toBe(10);
  expect(osloM.values.questions_answered).toBe(9);
  expect(osloM.values.response_rate).toBeCloseTo(0.9, 12);
  expect(bergenM.values.response_rate).toBe(0);
  expect(sector.values.questions).toBe(12);
  expect(sector.values.response_rate).toBeCloseTo(9 / 12, 12);
  const meanOfMunicipal = ((osloM.values.response_rate as number) + (bergenM.values.response_rate as number)) / 2;
  expect(meanOfMunicipal).toBeCloseTo(0.45, 12);
  expect(sector.values.response_rate).not.toBeCloseTo(meanOfMunicipal, 3);
  // Median over the municipality's answered questions: 1..7 h (facebook) and 20, 21 h (youtube) → 5th of 9 = 5 h.
  expect(osloM.values.response_time_median_h).toBeCloseTo(5, 9);
  expect(get('county', '03').values.questions).toBe(10);
  expect(sector.distribution?.response_rate).toEqual({ p25: 0.225, median: 0.45, p75: 0.675, municipalities: 2 });
  expect(sector.n.municipalities).toBe(2);

  const out: OutputRow[] = rows.map((r) => ({ ...r }));
  const suppressed = suppressForSector(out);
  const s = suppressed.find((r) => r.scope === 'sector');
  expect(s?.values.response_rate).toBeNull(); // 2 municipalities < 5
  expect(s?.flags.response_rate).toContain('suppressed');
  expect(suppressed.find((r) => r.scope === 'municipality' && r.scopeId === '4601')?.values.response_rate).toBeNull(); // 2 questions
  expect(suppressed.find((r) => r.scope === 'municipality' && r.scopeId === '4601')?.values.owner_posts).toBe(1); // counts stay
  expect(suppressed.find((r) => r.scope === 'municipality' && r.scopeId === '0301')?.values.response_rate).toBeCloseTo(0.9, 12);
  // Stored figures are untouched; the unsuppressed view shows them with n.
  expect(sector.values.response_rate).toBeCloseTo(0.75, 12);

  const json = toJsonObject(suppressed.find((r) => r.scope === 'account' && r.scopeId === String(oslo)) as OutputRow);
  expect(Object.keys(json).slice(0, 10)).toEqual([
    'scope',
    'id',
    'platform',
    'external_id',
    'municipality',
    'week',
    'definition_version',
    'coverage',
    'provisional',
    'values',
  ]);
  expect(Object.keys(json.values as object)).toEqual([...INDICATOR_IDS]);
  expect(json).toMatchObject({
    scope: 'account',
    id: String(oslo),
    platform: 'facebook',
    external_id: 'oslo',
    municipality: '0301',
    week: '2025-W10',
    definition_version: 1,
  });
  const sj = toJsonObject(s as OutputRow);
  expect(sj).not.toHaveProperty('platform');
  expect(sj).toMatchObject({ scope: 'sector', id: 'NO', suppressed: true });
});
