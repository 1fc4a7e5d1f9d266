import type { Queryable } from './db.js';

/** Per week and county: municipalities with a stored row (an account in scope) and those with harvest coverage. */
export type MeasuredCount = { week: string; county: string; monitored: number; measured: number };

/**
 * How many municipalities each county's and the sector's figures of a week rest on: `monitored` counts
 * municipality rows (the municipality had an account in scope), `measured` those whose accounts had a
 * successful harvest for some hour of the week (coverage > 0). The county and sector tables show `measured`
 * beside the register count; the sector is the sum over counties.
 */
export async function countMeasuredMunicipalities(
  db: Queryable,
  q: { from: string; to: string; definitionVersion: number },
): Promise<MeasuredCount[]> {
  const { rows } = await db.query<{ week: string; county: string; monitored: string | number; measured: string | number }>(
    `select v.week, m.county_code as county, count(*) as monitored, count(*) filter (where v.coverage > 0) as measured
     from indicator_values v
     join municipalities m on m.code = v.scope_id
     where v.scope = 'municipality' and v.definition_version = $1 and v.week >= $2 and v.week <= $3
     group by v.week, m.county_code
     order by v.week, m.county_code`,
    [q.definitionVersion, q.from, q.to],
  );
  return rows.map((r) => ({ week: r.week, county: r.county, monitored: Number(r.monitored), measured: Number(r.measured) }));
}
