import { describe, expect, test } from 'vitest';

import { addWeeks, weekRange } from '../../../src/indicators/iso-week.js';

describe('weekRange', () => {
  test('agrees with stepping addWeeks across 53-week years and New Year, over 30 years', () => {
    const expected: string[] = [];
    for (let w = '2000-W01'; w <= '2030-W52'; w = addWeeks(w, 1)) expected.push(w);
    expect(weekRange('2000-W01', '2030-W52')).toEqual(expected);
    expect(expected).toContain('2004-W53');
    expect(expected).toContain('2026-W53');
  });

  test('is empty when to is before from and has one week when they are equal', () => {
    expect(weekRange('2026-W47', '2026-W46')).toEqual([]);
    expect(weekRange('2026-W47', '2026-W47')).toEqual(['2026-W47']);
  });
});
