import { DateTime } from 'luxon';
import { describe, expect, test } from 'vitest';
import { Rng } from '../../../src/simulator/random.js';
import { inOfficeHours, isoWeekOslo, nextOfficeTime, nextOsloWeekStart, osloOffsetMs, osloWeekStart } from '../../../src/simulator/oslo.js';

const zone = 'Europe/Oslo';
const rng = new Rng(42);
const instants = Array.from({ length: 3000 }, () => Date.UTC(2019, 0, 1) + Math.floor(rng.next() * 12 * 365 * 86_400_000));
// DST edges: last Sundays of March and October 2026, around 01:00 UTC.
instants.push(
  Date.UTC(2026, 2, 29, 0, 59, 59),
  Date.UTC(2026, 2, 29, 1, 0, 0),
  Date.UTC(2026, 9, 25, 0, 59, 59),
  Date.UTC(2026, 9, 25, 1, 0, 0),
);

describe('Oslo calendar arithmetic agrees with the tz database', () => {
  test('UTC offset', () => {
    for (const ms of instants) expect(osloOffsetMs(ms)).toBe(DateTime.fromMillis(ms, { zone }).offset * 60_000);
  });

  test('ISO week label', () => {
    for (const ms of instants) {
      const dt = DateTime.fromMillis(ms, { zone });
      expect(isoWeekOslo(ms)).toBe(`${dt.weekYear}-W${String(dt.weekNumber).padStart(2, '0')}`);
    }
  });

  test('week start and next week start', () => {
    for (const ms of instants.slice(0, 500)) {
      const start = DateTime.fromMillis(ms, { zone }).startOf('week');
      expect(osloWeekStart(ms)).toBe(start.toMillis());
      expect(nextOsloWeekStart(start.toMillis())).toBe(start.plus({ weeks: 1 }).toMillis());
    }
  });

  test('a second before Monday 00:00 Oslo is still in the previous ISO week', () => {
    const monday = DateTime.fromISO('2026-11-23T00:00:00', { zone }).toMillis();
    expect(isoWeekOslo(monday - 1000)).toBe('2026-W47');
    expect(isoWeekOslo(monday)).toBe('2026-W48');
  });

  test('office hours are Monday–Friday 08:00–15:45 Oslo', () => {
    const at = (iso: string): number => DateTime.fromISO(iso, { zone }).toMillis();
    expect(inOfficeHours(at('2026-06-01T08:00:00'))).toBe(true); // Monday
    expect(inOfficeHours(at('2026-06-01T15:44:59'))).toBe(true);
    expect(inOfficeHours(at('2026-06-01T15:45:00'))).toBe(false);
    expect(inOfficeHours(at('2026-06-06T10:00:00'))).toBe(false); // Saturday
    expect(nextOfficeTime(at('2026-06-05T16:00:00'))).toBe(at('2026-06-08T08:00:00')); // Friday evening → Monday
    expect(nextOfficeTime(at('2026-03-28T12:00:00'))).toBe(at('2026-03-30T08:00:00')); // across the DST change
  });
});
