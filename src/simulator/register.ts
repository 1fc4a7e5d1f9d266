import { readFileSync } from 'node:fs';

import { REGISTER_CSV } from '../store/register.js';

/** One row of assets/municipalities.csv. */
export type Municipality = { code: string; name: string; countyCode: string; countyName: string };

let cached: readonly Municipality[] | null = null;

/** The register of Norwegian municipalities (357 rows), read once per process. */
export function readMunicipalities(): readonly Municipality[] {
  if (cached) return cached;
  const lines = readFileSync(REGISTER_CSV, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const rows: Municipality[] = [];
  for (const line of lines.slice(1)) {
    const [code, name, countyCode, countyName] = line.split(',');
    if (!code || !name || !countyCode || !countyName) throw new Error(`bad register line: ${line}`);
    rows.push({ code, name, countyCode, countyName });
  }
  cached = Object.freeze(rows);
  return cached;
}

/** The everyday name: "Oslo - Oslove" → "Oslo", "Herøy (Møre og Romsdal)" → "Herøy" (the register carries Sámi/Kven parallel names after " - "). */
export function shortName(m: Municipality): string {
  return (m.name.split(' - ')[0] ?? m.name).replace(/\s*\(.*\)\s*$/, '').trim();
}

/** ASCII handle fragment: "Bø i Telemark" → "boitelemark". */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'o')
    .replaceAll('å', 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

/** Counties where nynorsk is the common written form in municipal life (Vestland, Møre og Romsdal). */
export const NYNORSK_COUNTIES: ReadonlySet<string> = new Set(['46', '15']);
