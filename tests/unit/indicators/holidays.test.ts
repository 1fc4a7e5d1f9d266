import { expect, test } from 'vitest';

import { isNorwegianHoliday, norwegianHolidays } from '../../../src/indicators/holidays.js';

test('keeps exactly the ten holidays of the contract (no Sundays, no half-days)', () => {
  expect(norwegianHolidays(2026).map((h) => h.date)).toEqual([
    '2026-01-01',
    '2026-04-02', // Maundy Thursday
    '2026-04-03', // Good Friday
    '2026-04-06', // Easter Monday
    '2026-05-01',
    '2026-05-14', // Ascension Day
    '2026-05-17',
    '2026-05-25', // Whit Monday
    '2026-12-25',
    '2026-12-26',
  ]);
  expect(isNorwegianHoliday('2026-04-05')).toBe(false); // Easter Sunday is a Sunday anyway, not listed
  expect(isNorwegianHoliday('2026-12-24')).toBe(false);
  expect(isNorwegianHoliday('2026-12-31')).toBe(false);
});

test('Easter moves with the year (computed, not listed by hand)', () => {
  expect(isNorwegianHoliday('2025-04-17')).toBe(true); // Maundy Thursday 2025
  expect(isNorwegianHoliday('2025-04-21')).toBe(true); // Easter Monday 2025
  expect(isNorwegianHoliday('2025-06-09')).toBe(true); // Whit Monday 2025
  expect(isNorwegianHoliday('2025-04-02')).toBe(false);
});
