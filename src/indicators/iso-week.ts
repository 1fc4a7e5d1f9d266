import { DateTime } from 'luxon';

import { AppError } from '../errors.js';

/** Weeks are ISO weeks in Norwegian local time (INDICATORS.md, "Week"). */
export const INDICATOR_ZONE = 'Europe/Oslo';

/** An ISO week label such as `2026-W47`. */
export type IsoWeek = string;

const WEEK_RE = /^(\d{4})-W(\d{2})$/;

/** The ISO week (Europe/Oslo) an instant falls in. */
export function isoWeekOf(at: Date): IsoWeek {
  const dt = DateTime.fromJSDate(at, { zone: INDICATOR_ZONE });
  return formatWeek(dt.weekYear, dt.weekNumber);
}

function formatWeek(year: number, week: number): IsoWeek {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Parses `2026-W47`; throws AppError('USAGE') naming the expected form for anything else. */
export function parseIsoWeek(s: string): { year: number; week: number } {
  const m = WEEK_RE.exec(s.trim());
  const fail = () =>
    new AppError('USAGE', `invalid week "${s}": expected an ISO week such as 2026-W47 (year, "-W", two-digit week)`);
  if (!m) throw fail();
  const year = Number(m[1]);
  const week = Number(m[2]);
  const probe = DateTime.fromObject({ weekYear: year, weekNumber: week, weekday: 1 }, { zone: INDICATOR_ZONE });
  if (week < 1 || !probe.isValid || probe.weekYear !== year || probe.weekNumber !== week) throw fail();
  return { year, week };
}

/** True when `s` is a well-formed, existing ISO week. */
export function isIsoWeek(s: string): boolean {
  try {
    parseIsoWeek(s);
    return true;
  } catch {
    return false;
  }
}

/** Monday 00:00 Oslo (inclusive) to the next Monday 00:00 Oslo (exclusive), as instants. 167–169 hours long. */
export function weekBounds(week: IsoWeek): { start: Date; end: Date } {
  const { year, week: n } = parseIsoWeek(week);
  const start = DateTime.fromObject({ weekYear: year, weekNumber: n, weekday: 1 }, { zone: INDICATOR_ZONE }).startOf('day');
  return { start: start.toJSDate(), end: start.plus({ weeks: 1 }).toJSDate() };
}

/** The week `n` weeks after `week` (negative n goes back). */
export function addWeeks(week: IsoWeek, n: number): IsoWeek {
  const { start } = weekBounds(week);
  const dt = DateTime.fromJSDate(start, { zone: INDICATOR_ZONE }).plus({ weeks: n });
  return formatWeek(dt.weekYear, dt.weekNumber);
}

/** Every week from `from` to `to`, both included, in order; empty when to < from. */
export function weekRange(from: IsoWeek, to: IsoWeek): IsoWeek[] {
  const out: IsoWeek[] = [];
  const last = weekBounds(to).start.getTime();
  for (let w = from; weekBounds(w).start.getTime() <= last; w = addWeeks(w, 1)) out.push(w);
  return out;
}

/** Orders week labels (lexical order equals time order for `YYYY-Www`). */
export const compareWeeks = (a: IsoWeek, b: IsoWeek): number => (a < b ? -1 : a > b ? 1 : 0);
