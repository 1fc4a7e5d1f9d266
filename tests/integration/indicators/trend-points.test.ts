import { afterAll, beforeAll, expect, test } from 'vitest';

import { buildApp } from '../../../src/api/app.js';
import { viewRows } from '../../../src/api/views.js';
import { fixedClock } from '../../../src/clock.js';
import { trendPoint } from '../../../src/indicators/trend-point.js';
import { computeIndicators } from '../../../src/jobs/compute-indicators.js';
import { makeLogger } from '../../../src/logger.js';
import { readIndicatorSeries } from '../../../src/store/api-reads.js';
import { createApiKey } from '../../../src/store/api-keys.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';
import { addAccount, coverHarvest, insertThread, TEST_CLASSIFIER, type ItemSpec } from './builder.js';

/**
 * The trend endpoint sends stored trend points (sql/0080). The recompute must write them with its county and
 * sector rows, and they must be exactly what the endpoint computed from the rows before: the role's view of
 * each stored row (src/api/views.ts), made a trend point — for admin, the sector role and a municipality key,
 * for the sector and a county, after a first compute and after an incremental one that changes the figures.
 */
let t: Awaited<ReturnType<typeof useTestDb>>;
const log = makeLogger({ LOG_LEVEL: 'silent' } as never);
const NOW = new Date('2025-06-01T00:00:00Z');
const WEEKS = ['2025-W10', '2025-W11', '2025-W12'];

beforeAll(async () => {
  t = await useTestDb();
});
afterAll(async () => {
  await t.drop();
});

function thread(prefix: string, at: string, asked: number, answered: number): ItemSpec[] {
  const items: ItemSpec[] = [{ id: `${prefix}post`, role: 'owner', at }];
  for (let i = 0; i < asked; i++) {
    const qAt = new Date(Date.parse(at) + 3_600_000).toISOString();
    items.push({ id: `${prefix}q${i}`, parent: `${prefix}post`, role: 'citizen', author: `${prefix}r${i}`, at: qAt, q: true });
    if (i < answered)
      items.push({
        id: `${prefix}a${i}`,
        parent: `${prefix}q${i}`,
        role: 'owner',
        at: new Date(Date.parse(qAt) + (i + 1) * 3_600_000).toISOString(),
      });
  }
  return items;
}

test('stored trend points are the endpoint’s former answer for every role, and follow a recompute', async () => {
  const codes = ['0301', '3201', '3203', '3205', '3207', '4601'];
  const ids: number[] = [];
  for (const code of codes) {
    const id = await addAccount(t.db, { municipality: code, externalId: `fb-${code}` });
    ids.push(id);
    await coverHarvest(t.db, id, '2025-01-01T00:00:00Z', '2025-12-01T00:00:00Z');
    await insertThread(t.db, id, thread(`${code}w10`, '2025-03-04T09:00:00+01:00', 6, 4));
    await insertThread(t.db, id, thread(`${code}w11`, '2025-03-11T09:00:00+01:00', 3, 1));
  }
  const compute = () => computeIndicators({ weeks: WEEKS }, { db: t.db, log, clock: fixedClock(NOW), classifierVersion: TEST_CLASSIFIER });
  await compute();
  const app = buildApp({
    db: t.db,
    log: silentLogger,
    clock: fixedClock(NOW),
    secret: 'trend-points-secret-0123456789abcdef',
    aggregateCacheMs: 0,
  });
  const keys = {
    admin: (await createApiKey(t.db, { role: 'admin', municipality: null, name: 'a' }, NOW)).key,
    sector: (await createApiKey(t.db, { role: 'sector', municipality: null, name: 's' }, NOW)).key,
    oslo: (await createApiKey(t.db, { role: 'municipality', municipality: '0301', name: 'o' }, NOW)).key,
  };
  const principals = {
    admin: { keyId: '1', role: 'admin', municipality: null },
    sector: { keyId: '2', role: 'sector', municipality: null },
    oslo: { keyId: '3', role: 'municipality', municipality: '0301' },
  } as const;

  const check = async () => {
    let suppressedSeen = false;
    for (const [scope, id] of [
      ['sector', 'NO'],
      ['county', '32'],
      ['county', '03'],
    ] as const) {
      const rows = await readIndicatorSeries(t.db, {
        scope,
        scopeId: id,
        from: WEEKS[0] as string,
        to: WEEKS[2] as string,
        definitionVersion: 1,
      });
      expect(rows.length).toBe(3);
      for (const who of ['admin', 'sector', 'oslo'] as const) {
        const q = scope === 'sector' ? '' : `&id=${id}`;
        const r = await app.inject({
          url: `/api/v1/trends?scope=${scope}${q}&from=${WEEKS[0]}&to=${WEEKS[2]}`,
          headers: { authorization: `Bearer ${keys[who]}` },
        });
        expect(r.statusCode, `${scope} ${id} ${who}`).toBe(200);
        const body = r.json() as { scope: string; id: string; from: string; to: string; definition_version: number; data: unknown[] };
        expect(body).toEqual({
          scope,
          id,
          from: WEEKS[0],
          to: WEEKS[2],
          definition_version: 1,
          data: JSON.parse(JSON.stringify(viewRows(principals[who], rows).map(trendPoint))),
        });
        if (who !== 'admin' && JSON.stringify(body.data).includes('"suppressed":true')) suppressedSeen = true;
      }
    }
    // County 03 (Oslo alone) is suppressed outside admin: the stored suppressed view is really used.
    expect(suppressedSeen).toBe(true);
  };
  await check();
  const before = (
    await app.inject({ url: `/api/v1/trends?from=${WEEKS[0]}&to=${WEEKS[2]}`, headers: { authorization: `Bearer ${keys.admin}` } })
  ).body;

  // A late answer changes week 11; the recompute rewrites the rows and their points.
  await insertThread(t.db, ids[0] as number, [
    { id: 'late-post', role: 'owner', at: '2025-03-12T09:00:00+01:00' },
    { id: 'late-q', parent: 'late-post', role: 'citizen', author: 'zz', at: '2025-03-12T10:00:00+01:00', q: true },
  ]);
  await compute();
  await check();
  const after = (
    await app.inject({ url: `/api/v1/trends?from=${WEEKS[0]}&to=${WEEKS[2]}`, headers: { authorization: `Bearer ${keys.admin}` } })
  ).body;
  expect(after).not.toBe(before);
  await app.close();
}, 120_000);
