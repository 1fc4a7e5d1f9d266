import { DateTime } from 'luxon';

import { AppError } from '../errors.js';

/** Weeks are ISO weeks in Norwegian local time (INDICATORS.md, "Week"). */
export const INDICATOR_ZONE = 'Europe/Oslo';

/** An ISO week label such as `2026-W47`. */
export type IsoWeek = string;

const WEEK_RE = /^(\d{4})-W(\d{2})$/;

// Week arithmetic is called per stored row in a recompute (tens of thousands of times); each call through the
// date library costs tens of microseconds, so results are memoised (labels and offsets are few and immutable).
const boundsCache = new Map<IsoWeek, { start: number; end: number }>();
const addCache = new Map<string, IsoWeek>();
const weekOfHour = new Map<number, IsoWeek>();

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size > 100_000) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * The ISO week (Europe/Oslo) an instant falls in. Looked up once per UTC hour: Oslo's offset from UTC is whole
 * hours, so every instant of an hour is in one week. Memoised because it runs per stored item in a backfill
 * (the zone arithmetic was a tenth of the collect benchmark's CPU) and on every API request.
 */
export function isoWeekOf(at: Date): IsoWeek {
  const hour = Math.floor(at.getTime() / 3_600_000);
  let week = weekOfHour.get(hour);
  if (week === undefined) {
    const dt = DateTime.fromJSDate(new Date(hour * 3_600_000), { zone: INDICATOR_ZONE });
    week = remember(weekOfHour, hour, formatWeek(dt.weekYear, dt.weekNumber));
  }
  return week;
}

function formatWeek(year: number, week: number): IsoWeek {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Parses `2026-W47`; throws AppError('USAGE') naming the expected form for anything else. */
export function parseIsoWeek(s: string): { year: number; week: number } {
  const m = WEEK_RE.exec(s.trim());
  const fail = () => new AppError('USAGE', `invalid week "${s}": expected an ISO week such as 2026-W47 (year, "-W", two-digit week)`);
  if (!m) throw fail();
  const year = Number(m[1]);
  const week = Number(m[2]);
  const probe = DateTime.fromObject({ weekYear: year, weekNumber: week, weekday: 1 }, { zone: INDICATOR_ZONE });
  if (week < 1 || !probe.isValid || probe.weekYear !== year || probe.weekNumber !== week) throw fail();
  return { year, week };
}

/** Monday 00:00 Oslo (inclusive) to the next Monday 00:00 Oslo (exclusive), as instants. 167–169 hours long. */
export function weekBounds(week: IsoWeek): { start: Date; end: Date } {
  let b = boundsCache.get(week);
  if (!b) {
    const { year, week: n } = parseIsoWeek(week);
    const start = DateTime.fromObject({ weekYear: year, weekNumber: n, weekday: 1 }, { zone: INDICATOR_ZONE }).startOf('day');
    b = remember(boundsCache, week, { start: start.toMillis(), end: start.plus({ weeks: 1 }).toMillis() });
  }
  return { start: new Date(b.start), end: new Date(b.end) };
}

/** The week `n` weeks after `week` (negative n goes back). */
export function addWeeks(week: IsoWeek, n: number): IsoWeek {
  const key = `${week}|${n}`;
  const hit = addCache.get(key);
  if (hit) return hit;
  const { start } = weekBounds(week);
  const dt = DateTime.fromJSDate(start, { zone: INDICATOR_ZONE }).plus({ weeks: n });
  return remember(addCache, key, formatWeek(dt.weekYear, dt.weekNumber));
}

const DAY_MS = 86_400_000;

/** Monday of ISO week (year, n) as a UTC calendar date in ms: labels depend on dates only, not on the zone. */
function mondayUtc(year: number, n: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const dow = new Date(jan4).getUTCDay() || 7;
  return jan4 - (dow - 1) * DAY_MS + (n - 1) * 7 * DAY_MS;
}

function labelOfMonday(mondayMs: number): IsoWeek {
  const thursday = new Date(mondayMs + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  return formatWeek(year, Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1);
}

/**
 * Every week from `from` to `to`, both included, in order; empty when to < from. Plain date arithmetic: two
 * years of weeks took ~90 ms through the date library, which the API's trend endpoints felt.
 */
export function weekRange(from: IsoWeek, to: IsoWeek): IsoWeek[] {
  const a = parseIsoWeek(from);
  const b = parseIsoWeek(to);
  const out: IsoWeek[] = [];
  const last = mondayUtc(b.year, b.week);
  for (let m = mondayUtc(a.year, a.week); m <= last; m += 7 * DAY_MS) out.push(labelOfMonday(m));
  return out;
}

const WEEK_MS = 7 * DAY_MS;
const EPOCH_MONDAY = mondayUtc(1970, 1);

/**
 * Weeks since 1970-W01 for a valid `YYYY-Www`, or null when the label is malformed or the week does not exist
 * (week 53 of a 52-week year). Plain date arithmetic: the API checks and counts week ranges on every request.
 */
export function weekIndex(label: string): number | null {
  const m = WEEK_RE.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > (mondayUtc(year + 1, 1) - mondayUtc(year, 1)) / WEEK_MS) return null;
  return Math.round((mondayUtc(year, n) - EPOCH_MONDAY) / WEEK_MS);
}

/** The label of a week index (the inverse of weekIndex). */
export const weekOfIndex = (index: number): IsoWeek => labelOfMonday(EPOCH_MONDAY + index * WEEK_MS);

/** Orders week labels (lexical order equals time order for `YYYY-Www`). */
export const compareWeeks = (a: IsoWeek, b: IsoWeek): number => (a < b ? -1 : a > b ? 1 : 0);
