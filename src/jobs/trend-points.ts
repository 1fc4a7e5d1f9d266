import type { IndicatorRow } from '../indicators/indicator-row.js';
import { trendPointsOf } from '../indicators/trend-point.js';
import type { Queryable } from '../store/db.js';
import { upsertIndicatorValues } from '../store/indicator-values.js';
import { listRowsWithoutTrendPoint, upsertTrendPoints } from '../store/trend-points.js';

/**
 * Keeps the stored trend points (sql/0080) in step with the county and sector indicator rows: the recompute
 * writes the points of the rows it writes, in the same transaction; `backfillTrendPoints` fills in points of
 * rows that have none (after the migration, or rows inserted by hand as the benchmark does).
 */
export async function writeTrendPoints(db: Queryable, rows: readonly IndicatorRow[]): Promise<number> {
  const points = trendPointsOf(rows);
  return points.length === 0 ? 0 : upsertTrendPoints(db, points);
}

export async function backfillTrendPoints(db: Queryable): Promise<number> {
  let written = 0;
  for (;;) {
    const rows = await listRowsWithoutTrendPoint(db);
    if (rows.length === 0) return written;
    written += await writeTrendPoints(db, rows);
  }
}

/** The recompute's write: indicator rows, then the trend points of its county and sector rows (same transaction). */
export async function upsertRowsWithTrendPoints(db: Queryable, rows: readonly IndicatorRow[]): Promise<number> {
  const written = await upsertIndicatorValues(db, rows);
  await writeTrendPoints(db, rows);
  return written;
}
