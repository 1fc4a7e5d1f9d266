import { readFileSync } from 'node:fs';

import { AppError } from '../errors.js';
import type { Queryable } from './db.js';
import { projectUrl } from '../project-root.js';

/**
 * Resident population per municipality on 1 January of a year (SSB "folkemengde", StatBank table 07459),
 * kept inside the project with its provenance (assets/README.md). `lyttepost migrate` imports it; a newer SSB
 * export in the same columns (`code,population,year,source`) replaces it: a figure is only ever replaced by
 * one of the same or a newer year, and a figure set by hand (no year) is kept.
 */
export const POPULATION_CSV = projectUrl('assets/population.csv');

export type PopulationRow = { code: string; population: number; year: number };

/** Parses the population file; a bad line is refused with its line number (nothing is imported then). */
export function readPopulation(csv: string = readFileSync(POPULATION_CSV, 'utf8'), file = 'assets/population.csv'): PopulationRow[] {
  const lines = csv.split(/\r?\n/);
  const header = (lines[0] ?? '').trim().split(',');
  if (header[0] !== 'code' || header[1] !== 'population' || header[2] !== 'year') {
    throw new AppError('BAD_INPUT', `${file}: expected the header code,population,year[,source], got '${lines[0] ?? ''}'`);
  }
  const rows: PopulationRow[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const [code = '', population = '', year = ''] = line.split(',');
    const n = Number(population);
    const y = Number(year);
    if (!/^\d{4}$/.test(code) || !/^\d+$/.test(population) || !Number.isSafeInteger(n) || !/^\d{4}$/.test(year)) {
      throw new AppError(
        'BAD_INPUT',
        `${file} line ${i + 2}: expected a 4-digit code, a whole population and a 4-digit year, got '${line}'`,
      );
    }
    rows.push({ code, population: n, year: y });
  });
  return rows;
}

/** Writes the figures of the file into the register (codes not in the register are ignored); returns how many rows changed. */
export async function importPopulation(db: Queryable, rows: readonly PopulationRow[] = readPopulation()): Promise<number> {
  const { rowCount } = await db.query(
    `update municipalities m set population = r.population, population_year = r.year
     from jsonb_to_recordset($1::jsonb) as r(code text, population integer, year integer)
     where m.code = r.code
       and ((m.population_year is null and m.population is null) or m.population_year <= r.year)
       and (m.population is distinct from r.population or m.population_year is distinct from r.year)`,
    [JSON.stringify(rows)],
  );
  return rowCount;
}
