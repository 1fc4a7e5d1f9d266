import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { isoWeekOf } from '../../../src/indicators/iso-week.js';
import { isoWeekSql } from '../../../src/store/iso-week-sql.js';
import { useTestDb } from '../../helpers/test-db.js';

/**
 * The ISO week rule has one TypeScript definition (isoWeekOf: the collector's dirty marks, the indicators, the
 * API) and one SQL form (isoWeekSql: the commit group's tail marks the weeks of items whose counts moved; items
 * reclassified): both must name every instant's week alike.
 */
for (const driver of ['postgres', 'pglite'] as const) {
  describe.skipIf(driver === 'postgres' && !process.env.DATABASE_URL)(`${driver}: ISO week in Europe/Oslo`, () => {
    let t: Awaited<ReturnType<typeof useTestDb>>;
    beforeAll(async () => {
      t = await useTestDb({ pglite: driver === 'pglite', seed: false });
    });
    afterAll(async () => {
      await t?.drop();
    });

    test('isoWeekOf and isoWeekSql agree at week, year and DST edges', async () => {
      const instants: Date[] = [];
      // Around the Oslo midnight between Sunday and Monday (22:00/23:00 UTC), in winter and summer time, across
      // the DST switches and ISO years with 52 and 53 weeks.
      for (const day of [
        '2020-12-27',
        '2021-01-03',
        '2024-03-31',
        '2024-10-27',
        '2025-12-28',
        '2026-03-29',
        '2026-06-28',
        '2026-10-25',
        '2026-12-27',
        '2027-01-03',
      ]) {
        for (const time of ['21:59:59.999', '22:00:00.000', '22:59:59.999', '23:00:00.000', '23:59:59.999'])
          instants.push(new Date(`${day}T${time}Z`));
      }
      // And every six hours through two years.
      for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 6 * 3_600_000) instants.push(new Date(ms));
      const { rows } = await t.db.query<{ week: string }>(
        `select ${isoWeekSql('x')} as week from unnest($1::timestamptz[]) with ordinality as u(x, n) order by n`,
        [instants.map((d) => d.toISOString())],
      );
      expect(rows.map((r) => r.week)).toEqual(instants.map((d) => isoWeekOf(d)));
    });
  });
}
