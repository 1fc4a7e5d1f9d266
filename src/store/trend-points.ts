import type { Scope } from '../indicators/definitions.js';
import type { StoredTrendPoint } from '../indicators/trend-point.js';
import type { Queryable } from './db.js';
import { toIndicatorRowOut, type IndicatorRowOut, type StoredIndicatorRow } from './indicator-values.js';

/**
 * Stored trend points (sql/0080): the JSON text of each county and sector row's trend point, for admin and in
 * the suppressed view, written with the rows by the indicator recompute (src/jobs/trend-points.ts).
 */

/** Inserts or replaces points; a point whose text is unchanged is left alone. Returns points written. */
export async function upsertTrendPoints(db: Queryable, points: readonly StoredTrendPoint[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < points.length; i += 500) {
    const batch = points.slice(i, i + 500).map((p) => ({
      scope: p.scope,
      scope_id: p.scopeId,
      week: p.week,
      definition_version: p.definitionVersion,
      admin: p.admin,
      suppressed: p.suppressed,
    }));
    const { rowCount } = await db.query(
      `insert into trend_points (scope, scope_id, week, definition_version, admin_point, suppressed_point)
       select r.scope, r.scope_id, r.week, r.definition_version, r.admin, r.suppressed
       from jsonb_to_recordset($1::jsonb) as r(scope text, scope_id text, week text, definition_version integer, admin text, suppressed text)
       on conflict (scope, scope_id, definition_version, week) do update
         set admin_point = excluded.admin_point, suppressed_point = excluded.suppressed_point
         where (trend_points.admin_point, trend_points.suppressed_point) is distinct from (excluded.admin_point, excluded.suppressed_point)`,
      [JSON.stringify(batch)],
    );
    written += rowCount;
  }
  return written;
}

/**
 * One scope's points over a week range (both ends included), in week order, joined with commas: the body of
 * a JSON array, ready to send. One index range scan; no JSON is parsed.
 */
export async function readTrendPointsText(
  db: Queryable,
  q: { scope: 'county' | 'sector'; scopeId: string; from: string; to: string; definitionVersion: number; viewer: 'admin' | 'suppressed' },
): Promise<string> {
  // Rows in index order, joined here: an ordered string_agg sorted the ~600-byte points again and took ten
  // times the index scan (0.54 against 0.05 ms a call, EXPLAIN ANALYZE on the API benchmark's data).
  const { rows } = await db.query<{ point: string }>(
    `select case when $6 then admin_point else suppressed_point end as point
     from trend_points
     where scope = $1 and scope_id = $2 and definition_version = $3 and week >= $4 and week <= $5
     order by week`,
    [q.scope, q.scopeId, q.definitionVersion, q.from, q.to, q.viewer === 'admin'],
    'trend-points-read',
  );
  return rows.map((r) => r.point).join(',');
}

/** County and sector rows that have no stored trend point yet (rows written before sql/0080, or by hand). */
export async function listRowsWithoutTrendPoint(db: Queryable, limit = 5000): Promise<IndicatorRowOut[]> {
  const { rows } = await db.query<StoredIndicatorRow>(
    `select v.scope, v.scope_id, v.week, v.definition_version, v."values", v.n, v.flags, v.coverage,
       v.gap_accounts, v.provisional, v.distribution, v.computed_at,
       null as platform, null as external_id, null as municipality,
       case when v.scope = 'county' then v.scope_id end as county
     from indicator_values v
     where v.scope = any ($1::text[])
       and not exists (select 1 from trend_points p where p.scope = v.scope and p.scope_id = v.scope_id
                         and p.definition_version = v.definition_version and p.week = v.week)
     order by v.scope, v.scope_id, v.week
     limit $2`,
    [['county', 'sector'] satisfies Scope[], limit],
  );
  return rows.map(toIndicatorRowOut);
}
