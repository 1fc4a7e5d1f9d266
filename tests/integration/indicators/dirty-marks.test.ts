import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { computeIndicators } from '../../../src/jobs/compute-indicators.js';
import { deleteDirtyMarks, listDirtyMarks } from '../../../src/store/indicator-values.js';
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
    await t.db.query(
      `insert into indicator_dirty (account_id, week, marked_at) values ($1, '2026-W40', now() - interval '1 second' + interval '123 microseconds')`,
      [Number(acc)],
    );
    const summary = await computeIndicators(
      {},
      { db: t.db, log: pino({ level: 'silent' }), clock: () => new Date('2026-11-29T06:00:00Z') },
    );
    expect(summary.marksConsumed).toBe(1);
    expect((await t.db.query('select * from indicator_dirty')).rows).toEqual([]);
  });
});

describe('a mark set again while a recompute runs', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  beforeAll(async () => {
    t = await useTestDb();
  });
  afterAll(async () => t.drop());

  test('survives the deletion of the marks that recompute read, even on the same clock reading', async () => {
    const acc = Number(await insertAccount(t.db, { municipality: '0301', platform: 'facebook', externalId: 'remarked-page' }));
    const at = new Date('2026-11-29T06:00:00Z');
    const mark = (week: string) =>
      t.db.query(
        `insert into indicator_dirty (account_id, week, marked_at) values ($1, $2, $3) on conflict (account_id, week) do update set marked_at = excluded.marked_at`,
        [acc, week, at],
      );
    await mark('2026-W40');
    await mark('2026-W41');
    const read = await listDirtyMarks(t.db);
    expect(read.map((m) => m.week)).toEqual(['2026-W40', '2026-W41']);
    // A collect on a fixed (or coarse) clock marks W41 again after the recompute read the marks.
    await mark('2026-W41');
    expect(await deleteDirtyMarks(t.db, read)).toBe(1);
    expect((await t.db.query<{ week: string }>('select week from indicator_dirty')).rows).toEqual([{ week: '2026-W41' }]);
  });
});
