import { describe, expect, test } from 'vitest';

import { addOfficeHours, officeDayHours, officeHoursBetween, officeHoursFrom } from '../../../src/indicators/office-hours.js';

const MIN = 1 / 60;

describe('office-hours time', () => {
  test('Sunday 23:50 question answered Monday 08:10 costs 10 office minutes', () => {
    const h = officeHoursBetween(new Date('2025-03-09T23:50:00+01:00'), new Date('2025-03-10T08:10:00+01:00'));
    expect(h).toBeCloseTo(10 * MIN, 12);
  });

  test('a reply before opening costs 0; a full working day is 7.75 h', () => {
    expect(officeHoursBetween(new Date('2025-03-10T06:00:00+01:00'), new Date('2025-03-10T07:59:00+01:00'))).toBe(0);
    expect(officeHoursBetween(new Date('2025-03-10T00:00:00+01:00'), new Date('2025-03-11T00:00:00+01:00'))).toBe(7.75);
    expect(officeDayHours()).toBe(7.75);
  });

  test('a week containing Easter has only two office days (Mon–Wed before Maundy Thursday: three)', () => {
    // 2025-W16: Mon 14 – Sun 20 April; Thu 17 and Fri 18 are holidays.
    const h = officeHoursBetween(new Date('2025-04-14T00:00:00+02:00'), new Date('2025-04-21T00:00:00+02:00'));
    expect(h).toBe(3 * 7.75);
    // Easter Monday 21 April is closed too: Wednesday 15:00 to Tuesday 22 April 09:00 = 45 min + 60 min.
    const across = officeHoursBetween(new Date('2025-04-16T15:00:00+02:00'), new Date('2025-04-22T09:00:00+02:00'));
    expect(across).toBeCloseTo(0.75 + 1, 12);
  });

  test('to ≤ from is 0, never negative', () => {
    const a = new Date('2025-03-10T10:00:00+01:00');
    expect(officeHoursBetween(a, new Date(a.getTime() - 1000))).toBe(0);
  });

  test('per-municipality override and bad overrides fall back to the default', () => {
    const cfg = officeHoursFrom({ start: '09:00', end: '15:00' });
    expect(officeDayHours(cfg)).toBe(6);
    expect(officeHoursFrom(null)).toEqual({ start: '08:00', end: '15:45' });
    expect(officeHoursFrom({ start: '16:00', end: '08:00' })).toEqual({ start: '08:00', end: '15:45' });
  });
});

describe('adding office hours (alert deadlines)', () => {
  test('Friday 15:00 plus one office day is Monday 15:00 (45 min Friday, 7 h Monday)', () => {
    const due = addOfficeHours(new Date('2025-03-07T15:00:00+01:00'), 7.75);
    expect(due.toISOString()).toBe(new Date('2025-03-10T15:00:00+01:00').toISOString());
  });

  test('skips Easter: Wednesday 15:45 plus 1 h is Tuesday after Easter 09:00', () => {
    const due = addOfficeHours(new Date('2025-04-16T15:45:00+02:00'), 1);
    expect(due.toISOString()).toBe(new Date('2025-04-22T09:00:00+02:00').toISOString());
  });

  test('off-hours start begins at the next opening; is the inverse of officeHoursBetween', () => {
    const from = new Date('2025-03-08T12:00:00+01:00'); // Saturday
    const due = addOfficeHours(from, 3.5);
    expect(due.toISOString()).toBe(new Date('2025-03-10T11:30:00+01:00').toISOString());
    expect(officeHoursBetween(from, due)).toBeCloseTo(3.5, 12);
  });
});
