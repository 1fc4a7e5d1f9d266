import { describe, expect, test } from 'vitest';

import { isOfficeTime, nextOfficeStart } from '../../../src/alerts/office-time.js';
import { DEFAULT_ALERT_RULE, deadlines, dedupeKey, judge, levelsDue, ruleFor, stateAfter } from '../../../src/alerts/rules.js';
import { DEFAULT_OFFICE_HOURS } from '../../../src/indicators/office-hours.js';

const oh = DEFAULT_OFFICE_HOURS;
const at = (s: string) => new Date(s);

describe('deadlines in office time', () => {
  test('Friday 15:00 + 4 office hours lands on Monday 11:15', () => {
    // 2026-11-13 is a Friday (CET, +01:00).
    const { dueAt, escalateAt } = deadlines(at('2026-11-13T15:00:00+01:00'), DEFAULT_ALERT_RULE, oh);
    expect(dueAt.toISOString()).toBe(at('2026-11-16T11:15:00+01:00').toISOString());
    // 16 h = 0.75 (Fri) + 7.75 (Mon) + 7.5 (Tue) → Tuesday 15:30.
    expect(escalateAt.toISOString()).toBe(at('2026-11-17T15:30:00+01:00').toISOString());
  });

  test('17 May is skipped (2027: a Monday)', () => {
    const { dueAt } = deadlines(at('2027-05-14T15:00:00+02:00'), DEFAULT_ALERT_RULE, oh);
    expect(dueAt.toISOString()).toBe(at('2027-05-18T11:15:00+02:00').toISOString());
  });

  test('Easter Monday is skipped, and so are Maundy Thursday and Good Friday (Easter 2026: 5 April)', () => {
    // Wednesday 1 April 14:00 → 1.75 h that day, then Thu 2, Fri 3, Mon 6 April are holidays → Tue 7 April 10:15.
    const { dueAt } = deadlines(at('2026-04-01T14:00:00+02:00'), DEFAULT_ALERT_RULE, oh);
    expect(dueAt.toISOString()).toBe(at('2026-04-07T10:15:00+02:00').toISOString());
  });

  test('a question asked on Saturday starts the clock at Monday 08:00', () => {
    const { dueAt } = deadlines(at('2026-11-14T10:00:00+01:00'), { overdueHours: 4, escalateHours: 16 }, oh);
    expect(dueAt.toISOString()).toBe(at('2026-11-16T12:00:00+01:00').toISOString());
  });

  test('per-municipality office hours move the deadline', () => {
    const { dueAt } = deadlines(at('2026-11-16T09:00:00+01:00'), DEFAULT_ALERT_RULE, { start: '09:00', end: '11:00' });
    // 2 h on Monday (09–11), 2 h on Tuesday → Tuesday 11:00.
    expect(dueAt.toISOString()).toBe(at('2026-11-17T11:00:00+01:00').toISOString());
  });
});

describe('office time for sending', () => {
  test('open from 08:00 to 15:45 inclusive on working days, closed at night, weekends and holidays', () => {
    expect(isOfficeTime(at('2026-11-16T08:00:00+01:00'), oh)).toBe(true);
    expect(isOfficeTime(at('2026-11-16T15:45:00+01:00'), oh)).toBe(true);
    expect(isOfficeTime(at('2026-11-16T15:46:00+01:00'), oh)).toBe(false);
    expect(isOfficeTime(at('2026-11-16T07:59:59+01:00'), oh)).toBe(false);
    expect(isOfficeTime(at('2026-11-14T11:00:00+01:00'), oh)).toBe(false);
    expect(isOfficeTime(at('2027-05-17T11:00:00+02:00'), oh)).toBe(false);
    expect(isOfficeTime(at('2026-04-06T11:00:00+02:00'), oh)).toBe(false);
  });

  test('the next opening after Friday evening is Monday 08:00; inside office hours it is now', () => {
    expect(nextOfficeStart(at('2026-11-13T18:00:00+01:00'), oh).toISOString()).toBe(at('2026-11-16T08:00:00+01:00').toISOString());
    expect(nextOfficeStart(at('2026-11-16T10:00:00+01:00'), oh).toISOString()).toBe(at('2026-11-16T10:00:00+01:00').toISOString());
    // 14 May 2026 is Ascension Day (Thursday): Wednesday evening → Friday 08:00.
    expect(nextOfficeStart(at('2026-05-13T17:00:00+02:00'), oh).toISOString()).toBe(at('2026-05-15T08:00:00+02:00').toISOString());
  });
});

describe('rule overrides', () => {
  const overrides = [
    { municipalityCode: '0301', accountId: null, overdueHours: 2, escalateHours: 8 },
    { municipalityCode: '0301', accountId: '7', overdueHours: 1, escalateHours: 3 },
  ];
  test('an account rule wins over its municipality, which wins over the default', () => {
    expect(ruleFor(overrides, '0301', '7')).toEqual({ overdueHours: 1, escalateHours: 3 });
    expect(ruleFor(overrides, '0301', '8')).toEqual({ overdueHours: 2, escalateHours: 8 });
    expect(ruleFor(overrides, '4601', '9')).toEqual({ overdueHours: 4, escalateHours: 16 });
  });
});

describe('alert state machine', () => {
  const now = at('2026-11-16T11:15:00+01:00');
  const asked = at('2026-11-13T15:00:00+01:00');
  test('judges a stored question: open, answered, removed, expired, gone', () => {
    expect(judge({ askedAt: asked, answeredAt: null, removed: null }, now)).toBe('open');
    expect(judge({ askedAt: asked, answeredAt: at('2026-11-16T09:00:00+01:00'), removed: null }, now)).toEqual({ resolve: 'answered' });
    // An answer stored with a later time is not known yet at `now`.
    expect(judge({ askedAt: asked, answeredAt: at('2026-11-16T12:00:00+01:00'), removed: null }, now)).toBe('open');
    expect(judge({ askedAt: asked, answeredAt: null, removed: 'hidden' }, now)).toEqual({ resolve: 'hidden' });
    expect(judge({ askedAt: asked, answeredAt: null, removed: 'deleted' }, now)).toEqual({ resolve: 'deleted' });
    expect(judge({ askedAt: at('2026-11-09T11:15:00+01:00'), answeredAt: null, removed: null }, now)).toBe('expired');
    expect(judge(undefined, now)).toEqual({ resolve: 'not_a_question' });
  });

  test('levels owed: first notice once due, escalation once past M, never again for the same state', () => {
    const a = { dueAt: at('2026-11-16T11:15:00+01:00'), escalateAt: at('2026-11-17T15:30:00+01:00') };
    expect(levelsDue({ ...a, state: 'open' }, at('2026-11-16T11:14:59+01:00'))).toEqual([]);
    expect(levelsDue({ ...a, state: 'open' }, now)).toEqual(['first']);
    expect(levelsDue({ ...a, state: 'notified' }, now)).toEqual([]);
    expect(levelsDue({ ...a, state: 'notified' }, at('2026-11-17T15:30:00+01:00'))).toEqual(['escalation']);
    expect(levelsDue({ ...a, state: 'open' }, at('2026-11-18T09:00:00+01:00'))).toEqual(['first', 'escalation']);
    expect(levelsDue({ ...a, state: 'escalated' }, at('2026-11-18T09:00:00+01:00'))).toEqual([]);
    expect(levelsDue({ ...a, state: 'resolved' }, at('2026-11-18T09:00:00+01:00'))).toEqual([]);
  });

  test('state after delivery', () => {
    expect(stateAfter('open', ['first'])).toBe('notified');
    expect(stateAfter('open', ['first', 'escalation'])).toBe('escalated');
    expect(stateAfter('notified', ['escalation'])).toBe('escalated');
    expect(stateAfter('open', [])).toBe('open');
    expect(dedupeKey(42)).toBe('unanswered:42');
  });
});

describe('answers after 7 days', () => {
  test('do not resolve an alert as answered: it expired', () => {
    const asked = new Date('2026-11-13T15:00:00+01:00');
    expect(
      judge({ askedAt: asked, answeredAt: new Date('2026-11-21T09:00:00+01:00'), removed: null }, new Date('2026-11-23T09:00:00+01:00')),
    ).toBe('expired');
  });
});
