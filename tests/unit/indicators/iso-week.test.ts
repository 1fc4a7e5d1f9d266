import { DateTime } from 'luxon';
import { describe, expect, test } from 'vitest';

import { addWeeks, isoWeekOf, parseIsoWeek, weekBounds, weekRange } from '../../../src/indicators/iso-week.js';

describe('ISO weeks in Europe/Oslo', () => {
  test('Sunday 23:50 Oslo belongs to the week it is in Oslo, not UTC', () => {
    // 2025-03-09 is a Sunday; 23:50 Oslo (CET) is 22:50 UTC the same day.
    expect(isoWeekOf(new Date('2025-03-09T23:50:00+01:00'))).toBe('2025-W10');
    // Monday 00:10 Oslo is still Sunday 23:10 UTC but is week 11 in Oslo.
    expect(isoWeekOf(new Date('2025-03-10T00:10:00+01:00'))).toBe('2025-W11');
  });

  test('the week looked up per UTC hour equals the zone library’s answer for both ends of every hour', () => {
    // Two years, both daylight-saving changes each: first and last millisecond of every hour.
    const direct = (d: Date) => {
      const dt = DateTime.fromJSDate(d, { zone: 'Europe/Oslo' });
      return `${dt.weekYear}-W${String(dt.weekNumber).padStart(2, '0')}`;
    };
    let checked = 0;
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
      for (const at of [new Date(t), new Date(t + 3_599_999)]) {
        expect(isoWeekOf(at)).toBe(direct(at));
        checked++;
      }
    }
    expect(checked).toBe(2 * 24 * 730);
  });

  test('the ISO week-year differs from the calendar year around New Year', () => {
    expect(isoWeekOf(new Date('2024-12-30T12:00:00+01:00'))).toBe('2025-W01');
    expect(isoWeekOf(new Date('2027-01-01T12:00:00+01:00'))).toBe('2026-W53');
  });

  test('week bounds are Monday midnight Oslo and follow daylight saving time', () => {
    const { start, end } = weekBounds('2025-W13'); // contains the spring-forward Sunday 30 March
    expect(start.toISOString()).toBe('2025-03-23T23:00:00.000Z');
    expect(end.toISOString()).toBe('2025-03-30T22:00:00.000Z');
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(167);
  });

  test('rejects malformed and non-existent weeks with the expected form in the message', () => {
    expect(() => parseIsoWeek('2026-47')).toThrow(/2026-W47/);
    expect(() => parseIsoWeek('2025-W53')).toThrow(/expected an ISO week/);
    expect(() => parseIsoWeek('2026-W00')).toThrow(/expected an ISO week/);
    expect(parseIsoWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
  });

  test('adds weeks across years and lists ranges', () => {
    expect(addWeeks('2026-W52', 2)).toBe('2027-W01');
    expect(addWeeks('2025-W01', -1)).toBe('2024-W52');
    expect(weekRange('2025-W51', '2026-W02')).toEqual(['2025-W51', '2025-W52', '2026-W01', '2026-W02']);
    expect(weekRange('2026-W02', '2026-W01')).toEqual([]);
  });
});
