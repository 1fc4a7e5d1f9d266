/**
 * Europe/Oslo calendar arithmetic for the generator and the ground truth, done by hand because it runs millions of
 * times when a year is generated for every municipality. Norway follows the EU rule since 1996: summer time
 * (UTC+2) from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, else UTC+1. The unit
 * tests check every function here against luxon's tz database.
 */

export const ZONE = 'Europe/Oslo';
const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const WEEK = 7 * DAY;

const dstCache = new Map<number, readonly [number, number]>();

function lastSundayUtc(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0);
  return last - new Date(last).getUTCDay() * DAY;
}

function dstWindow(year: number): readonly [number, number] {
  let w = dstCache.get(year);
  if (!w) {
    w = [lastSundayUtc(year, 2) + HOUR, lastSundayUtc(year, 9) + HOUR] as const;
    dstCache.set(year, w);
  }
  return w;
}

/** Oslo's UTC offset in ms at `ms` (+1 h in winter, +2 h in summer). */
export function osloOffsetMs(ms: number): number {
  const [from, to] = dstWindow(new Date(ms).getUTCFullYear());
  return ms >= from && ms < to ? 2 * HOUR : HOUR;
}

export type OsloParts = { weekday: number; hour: number; minute: number; dayStartMs: number };

/** Local weekday (1 = Monday … 7 = Sunday), hour, minute, and the instant local midnight began. */
export function osloParts(ms: number): OsloParts {
  const local = ms + osloOffsetMs(ms);
  const dayIndex = Math.floor(local / DAY);
  const weekday = ((dayIndex + 3) % 7) + 1; // 1970-01-01 was a Thursday
  const inDay = local - dayIndex * DAY;
  const midnightLocal = dayIndex * DAY;
  // The offset at midnight can differ from the offset now on a DST day; ask for it again.
  const dayStartMs = midnightLocal - osloOffsetMs(midnightLocal - osloOffsetMs(ms));
  return { weekday, hour: Math.floor(inDay / HOUR), minute: Math.floor((inDay % HOUR) / 60_000), dayStartMs };
}

/** The instant of local wall time `hh:mm` on the Oslo day that contains `ms`. */
export function osloAt(ms: number, hour: number, minute = 0): number {
  const { dayStartMs } = osloParts(ms);
  const guess = dayStartMs + hour * HOUR + minute * 60_000;
  // Correct for a DST change between midnight and the wanted hour.
  return guess + (osloOffsetMs(dayStartMs) - osloOffsetMs(guess));
}

/** Monday 00:00 Oslo of the ISO week containing `ms`. */
export function osloWeekStart(ms: number): number {
  const local = ms + osloOffsetMs(ms);
  const dayIndex = Math.floor(local / DAY);
  const monday = (dayIndex - ((dayIndex + 3) % 7)) * DAY;
  // Clocks never change on a Sunday night at midnight, so the offset two hours earlier is the right one.
  return monday - osloOffsetMs(monday - 2 * HOUR);
}

/** Monday 00:00 Oslo of the following ISO week. */
export function nextOsloWeekStart(weekStartMs: number): number {
  return osloWeekStart(weekStartMs + WEEK + 12 * HOUR);
}

/** ISO week label in Oslo, e.g. "2026-W47". */
export function isoWeekOslo(ms: number): string {
  const dayIndex = Math.floor((ms + osloOffsetMs(ms)) / DAY);
  const thursday = dayIndex - ((dayIndex + 3) % 7) + 3;
  const weekYear = new Date(thursday * DAY).getUTCFullYear();
  const jan1 = Date.UTC(weekYear, 0, 1) / DAY;
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

/** True inside Monday–Friday 08:00–15:45 Oslo (public holidays are not modelled by the generator). */
export function inOfficeHours(ms: number): boolean {
  const p = osloParts(ms);
  if (p.weekday > 5) return false;
  const minutes = p.hour * 60 + p.minute;
  return minutes >= 8 * 60 && minutes < 15 * 60 + 45;
}

/** The next start of office hours at or after `ms` (ms itself when already inside office hours). */
export function nextOfficeTime(ms: number): number {
  if (inOfficeHours(ms)) return ms;
  let t = ms;
  for (let i = 0; i < 8; i++) {
    const start = osloAt(t, 8, 0);
    if (start >= ms && osloParts(start).weekday <= 5) return start;
    t = osloParts(t).dayStartMs + DAY + 2 * HOUR;
  }
  return ms;
}
