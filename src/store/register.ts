import { readFileSync } from 'node:fs';

import { projectUrl } from '../project-root.js';
import type { Queryable } from './db.js';

/**
 * The register of municipalities kept inside the project (SSB classification 131, valid from 2026-01-01).
 * Tracked files live in assets/, never under LYTTEPOST_DATA_DIR (runtime state, safe to delete).
 */
export const REGISTER_CSV = projectUrl('assets/municipalities.csv');

export type MunicipalityRow = { code: string; name: string; countyCode: string; countyName: string };

export function readRegister(csv: string = readFileSync(REGISTER_CSV, 'utf8')): MunicipalityRow[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.slice(1).map((line) => {
    const [code = '', name = '', countyCode = '', countyName = ''] = line.split(',');
    return { code, name, countyCode, countyName };
  });
}

/** Upserts counties and municipalities from the register. Idempotent; keeps imported population figures. */
export async function seedRegister(db: Queryable, rows: readonly MunicipalityRow[] = readRegister()): Promise<number> {
  const json = JSON.stringify(rows);
  await db.query(
    `insert into counties (code, name)
     select distinct r."countyCode", r."countyName"
     from jsonb_to_recordset($1::jsonb) as r("countyCode" text, "countyName" text)
     on conflict (code) do update set name = excluded.name`,
    [json],
  );
  const { rowCount } = await db.query(
    `insert into municipalities (code, name, county_code)
     select r.code, r.name, r."countyCode"
     from jsonb_to_recordset($1::jsonb) as r(code text, name text, "countyCode" text)
     on conflict (code) do update set name = excluded.name, county_code = excluded.county_code`,
    [json],
  );
  return rowCount;
}

/** Municipality names by code, as the register stored them. */
export async function municipalityNames(db: Queryable): Promise<Map<string, string>> {
  const { rows } = await db.query<{ code: string; name: string }>('select code, name from municipalities');
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** True when `code` is a municipality of the stored register. */
export async function municipalityExists(db: Queryable, code: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from municipalities where code = $1', [code]);
  return rows.length > 0;
}
