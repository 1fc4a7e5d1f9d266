import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { computeIndicators } from '../../../src/jobs/compute-indicators.js';
import { insertAccount } from '../../helpers/builders.js';
import { useTestDb } from '../../helpers/test-db.js';

describe('dirty marks', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  beforeAll(async () => {
    t = await useTestDb();
  });
  afterAll(async () => t.drop());

  test('a mark set with microsecond precision in SQL is consumed by the recompute that read it', async () => {
    const acc = await insertAccount(t.db, { municipality: '0301', platform: 'facebook', externalId: 'dirty-page' });
    await t.db.query(`insert into indicator_dirty (account_id, week, marked_at) values ($1, '2026-W40', now() - interval '1 second' + interval '123 microseconds')`, [Number(acc)]);
    const summary = await computeIndicators({}, { db: t.db, log: pino({ level: 'silent' }), clock: () => new Date('2026-11-29T06:00:00Z') });
    expect(summary.marksConsumed).toBe(1);
    expect((await t.db.query('select * from indicator_dirty')).rows).toEqual([]);
  });
});
