import { DateTime } from 'luxon';

import { isNorwegianHoliday } from './holidays.js';
import { INDICATOR_ZONE } from './iso-week.js';

/**
 * Office hours of one municipality: the same opening on every working day (Monday–Friday by default),
 * closed on Norwegian public holidays. Stored per municipality in `municipalities.office_hours`
 * (`{"start":"08:00","end":"15:45"}`); null there means the default.
 */
export type OfficeHours = {
  /** Local opening time, HH:MM. @default "08:00" */
  start: string;
  /** Local closing time, HH:MM. @default "15:45" */
  end: string;
  /** ISO weekdays that are working days (1 = Monday). @default [1,2,3,4,5] */
  weekdays?: readonly number[];
  /** IANA zone of the clock. @default "Europe/Oslo" */
  zone?: string;
};

export const DEFAULT_OFFICE_HOURS: OfficeHours = Object.freeze({ start: '08:00', end: '15:45' });

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const HOUR_MS = 3_600_000;

function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new RangeError(`office hours: expected HH:MM, got "${hhmm}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Reads a stored override (`{"start","end"}`, possibly partial or null) over the default. */
export function officeHoursFrom(stored: unknown): OfficeHours {
  if (!stored || typeof stored !== 'object') return DEFAULT_OFFICE_HOURS;
  const s = stored as { start?: unknown; end?: unknown; weekdays?: unknown };
  const cfg: OfficeHours = {
    start: typeof s.start === 'string' ? s.start : DEFAULT_OFFICE_HOURS.start,
    end: typeof s.end === 'string' ? s.end : DEFAULT_OFFICE_HOURS.end,
    ...(Array.isArray(s.weekdays) ? { weekdays: s.weekdays.filter((d): d is number => typeof d === 'number') } : {}),
  };
  if (minutesOf(cfg.end) <= minutesOf(cfg.start)) return DEFAULT_OFFICE_HOURS;
  return cfg;
}

/** Length of one office day in hours (7.75 for 08:00–15:45). */
export function officeDayHours(cfg: OfficeHours = DEFAULT_OFFICE_HOURS): number {
  return (minutesOf(cfg.end) - minutesOf(cfg.start)) / 60;
}

type Day = { date: string; open: number; close: number } | { date: string; open: null; close: null };

// Office intervals per (config, local date): response times of a whole sector reuse the same few hundred days.
const dayCache = new Map<string, Day>();

function officeDay(local: DateTime, cfg: OfficeHours): Day {
  const date = local.toISODate() ?? '';
  const key = `${cfg.zone ?? INDICATOR_ZONE}|${cfg.start}|${cfg.end}|${(cfg.weekdays ?? []).join(',')}|${date}`;
  const hit = dayCache.get(key);
  if (hit) return hit;
  const weekdays = cfg.weekdays ?? [1, 2, 3, 4, 5];
  let day: Day;
  if (!weekdays.includes(local.weekday) || isNorwegianHoliday(date)) {
    day = { date, open: null, close: null };
  } else {
    const s = minutesOf(cfg.start);
    const e = minutesOf(cfg.end);
    const midnight = local.startOf('day');
    day = {
      date,
      open: midnight.set({ hour: Math.floor(s / 60), minute: s % 60 }).toMillis(),
      close: midnight.set({ hour: Math.floor(e / 60), minute: e % 60 }).toMillis(),
    };
  }
  if (dayCache.size > 50_000) dayCache.clear();
  dayCache.set(key, day);
  return day;
}

/**
 * Office-hours time from `from` to `to`, in hours: only time inside office hours counts (an item received
 * off-hours starts the clock at the next opening; a reply before opening costs 0). 0 when to ≤ from.
 */
export function officeHoursBetween(from: Date, to: Date, cfg: OfficeHours = DEFAULT_OFFICE_HOURS): number {
  const a = from.getTime();
  const b = to.getTime();
  if (!(b > a)) return 0;
  const zone = cfg.zone ?? INDICATOR_ZONE;
  let local = DateTime.fromMillis(a, { zone }).startOf('day');
  const lastDate = DateTime.fromMillis(b, { zone }).toISODate() ?? '';
  let ms = 0;
  for (;;) {
    const day = officeDay(local, cfg);
    if (day.open !== null) {
      const lo = Math.max(a, day.open);
      const hi = Math.min(b, day.close);
      if (hi > lo) ms += hi - lo;
    }
    if (day.date >= lastDate) break;
    local = local.plus({ days: 1 });
  }
  return ms / HOUR_MS;
}

/**
 * The instant when `hours` of office time have passed after `from` (alerts: "due within one office day").
 * Starting off-hours, the clock starts at the next opening. `hours` ≤ 0 returns `from`.
 */
export function addOfficeHours(from: Date, hours: number, cfg: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  let left = hours * HOUR_MS;
  if (!(left > 0)) return new Date(from.getTime());
  const zone = cfg.zone ?? INDICATOR_ZONE;
  const a = from.getTime();
  let local = DateTime.fromMillis(a, { zone }).startOf('day');
  // Ten years without a working day means the configuration has none; stop rather than loop forever.
  for (let i = 0; i < 3660; i++) {
    const day = officeDay(local, cfg);
    if (day.open !== null) {
      const lo = Math.max(a, day.open);
      if (day.close > lo) {
        const avail = day.close - lo;
        if (avail >= left) return new Date(lo + left);
        left -= avail;
      }
    }
    local = local.plus({ days: 1 });
  }
  throw new RangeError('office hours: the configuration has no working days');
}
