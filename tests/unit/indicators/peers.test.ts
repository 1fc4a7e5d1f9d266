import { describe, expect, test } from 'vitest';

import { peerPositions, type PeerMember } from '../../../src/indicators/peers.js';
import { readPopulation } from '../../../src/store/population.js';

/**
 * Peer position with known populations (assets/population.csv, SSB 1 January 2024): Stavanger (149 048) is a
 * large municipality; the percentile counts the others below it (ties half) and names the group's n.
 */
const pop = new Map(readPopulation().map((r) => [r.code, r.population]));
const member = (code: string, county: string, value: number | null): PeerMember => ({
  code,
  countyCode: county,
  population: pop.get(code) ?? null,
  followers: null,
  value,
});

// Dialogue indices of 12 measured municipalities; sizes from the real file.
const members: PeerMember[] = [
  member('1103', '11', 50), // Stavanger 149 048 – large
  member('0301', '03', 40), // Oslo 717 710 – large
  member('4601', '46', 60), // Bergen – large
  member('5001', '50', 30), // Trondheim – large
  member('1108', '11', 45), // Sandnes – large
  member('1106', '11', 50), // Haugesund – large (a tie)
  member('1101', '11', 20), // Eigersund 15 221 – medium
  member('1111', '11', 70), // Sokndal – small
  member('1114', '11', 10), // Bjerkreim – small
  member('1133', '11', 90), // Hjelmeland – small
  member('1144', '11', 55), // Kvitsøy – small
  member('1145', '11', null), // Bokn – small, no value this week
];

describe('peer position with known populations', () => {
  test('the population file is SSB 1 January 2024 for all 357 municipalities', () => {
    const rows = readPopulation();
    expect(rows).toHaveLength(357);
    expect(new Set(rows.map((r) => r.year))).toEqual(new Set([2024]));
    expect(rows.reduce((s, r) => s + r.population, 0)).toBe(5_550_203);
    expect(pop.get('1103')).toBe(149_048);
  });

  test('percentile among the size band and the whole country, with the group’s n', () => {
    const subject = {
      code: '1103',
      countyCode: '11',
      countyName: 'Rogaland',
      population: pop.get('1103') ?? null,
      populationYear: 2024,
      chosen: [],
    };
    const pos = peerPositions(subject, members);
    const size = pos.find((p) => p.group === 'size');
    const country = pos.find((p) => p.group === 'country');
    // Large: 0301 40, 4601 60, 5001 30, 1108 45, 1106 50 → below 50: 40, 30, 45 (3) + tie 50 (½) of 5 others = 70.
    expect(size).toEqual({
      group: 'size',
      label: 'large',
      basis: 'population',
      populationYear: 2024,
      groupSize: 6,
      percentile: 70,
      median: 47.5,
      suppressed: false,
    });
    // Country: 10 others with a value; below 50: 40, 30, 45, 20, 10 (5) + tie (½) → 55.
    expect(country).toMatchObject({ group: 'country', groupSize: 11, percentile: 55, suppressed: false });
    // Rogaland: 1108 45, 1106 50, 1101 20, 1111 70, 1114 10, 1133 90, 1144 55 → below: 45, 20, 10 (3) + tie ½ of 7.
    expect(pos.find((p) => p.group === 'county')).toMatchObject({ groupSize: 8, percentile: (100 * 3.5) / 7 });
    expect(pos.some((p) => p.group === 'chosen')).toBe(false);
  });

  test('a picked peer set is its own group; fewer than 5 with a value is suppressed, as everywhere', () => {
    const small = {
      code: '1111',
      countyCode: '11',
      countyName: 'Rogaland',
      population: pop.get('1111') ?? null,
      populationYear: 2024,
      chosen: ['1114', '1133', '1144'],
    };
    const pos = peerPositions(small, members);
    // Small: 1111, 1114, 1133, 1144 with a value (1145 has none) → 4 < 5: suppressed, n still named.
    expect(pos.find((p) => p.group === 'size')).toMatchObject({
      label: 'small',
      groupSize: 4,
      suppressed: true,
      percentile: null,
      median: null,
    });
    expect(pos.find((p) => p.group === 'chosen')).toMatchObject({ groupSize: 4, suppressed: true });
    const wider = peerPositions({ ...small, chosen: ['1114', '1133', '1144', '0301', '1101'] }, members);
    // Chosen + own: 70 vs 10, 90, 55, 40, 20 → below: 10, 55, 40, 20 = 4 of 5 → 80.
    expect(wider.find((p) => p.group === 'chosen')).toMatchObject({ groupSize: 6, percentile: 80, suppressed: false });
  });
});
