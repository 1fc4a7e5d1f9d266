import { Rng, hashOf } from './random.js';
import { NYNORSK_COUNTIES, readMunicipalities, shortName, slug, type Municipality } from './register.js';
import type { SimMunicipality } from './world.js';

/** Which municipalities a world has, and how each behaves (size, languages, how it answers). */

const BIG: Readonly<Record<string, number>> = {
  '0301': 60,
  '4601': 28,
  '5001': 22,
  '1103': 15,
  '3201': 12,
  '4204': 11,
  '3205': 9,
  '3301': 9,
  '3107': 8,
  '1108': 8,
  '5501': 7,
  '3403': 3,
};

/** Seeded order, one municipality from each county in turn, so a small world still spans the country. */
export function pickMunicipalities(seed: number, n: number): Municipality[] {
  const all = readMunicipalities();
  if (!Number.isInteger(n) || n < 1 || n > all.length) throw new Error(`municipalities must be 1..${all.length}`);
  const byCounty = new Map<string, Municipality[]>();
  for (const m of all) byCounty.set(m.countyCode, [...(byCounty.get(m.countyCode) ?? []), m]);
  const counties = [...byCounty.keys()].sort((a, b) => hashOf(seed, 'county', a) - hashOf(seed, 'county', b));
  for (const list of byCounty.values()) list.sort((a, b) => hashOf(seed, 'muni', a.code) - hashOf(seed, 'muni', b.code));
  const out: Municipality[] = [];
  for (let round = 0; out.length < n; round++) {
    for (const c of counties) {
      const m = byCounty.get(c)?.[round];
      if (m && out.length < n) out.push(m);
    }
  }
  return out;
}

export function describe(seed: number, m: Municipality): SimMunicipality {
  const rng = Rng.of(seed, 'municipality', m.code);
  const size = BIG[m.code] ?? Math.min(6, Math.max(0.25, rng.logNormal(0.9, 0.7)));
  return {
    code: m.code,
    name: shortName(m),
    countyCode: m.countyCode,
    countyName: m.countyName,
    slug: slug(shortName(m)),
    size,
    nynorskShare: NYNORSK_COUNTIES.has(m.countyCode) ? 0.45 + rng.next() * 0.4 : rng.next() < 0.15 ? 0.15 : 0.04,
    englishShare: size > 10 ? 0.07 : 0.025,
    responseRate: 0.3 + rng.next() * 0.45,
    fastShare: 0.2 + rng.next() * 0.4,
  };
}
