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

const DAY_MS = 86_400_000;

/** One local calendar day: its midnight and, on working days, its opening and closing instants. */
type Day = { midnight: number; open: number | null; close: number | null };

// Days per configuration, keyed by the local date's day number since the epoch. Response times of a whole
// sector reuse the same few hundred days, so after warm-up no call touches the date library: a call is plain
// millisecond arithmetic over cached days (luxon per call cost ~0.1 ms, which dominated a national recompute).
const tables = new Map<string, Map<number, Day>>();

function tableOf(cfg: OfficeHours): Map<number, Day> {
  const key = `${cfg.zone ?? INDICATOR_ZONE}|${cfg.start}|${cfg.end}|${(cfg.weekdays ?? []).join(',')}`;
  let t = tables.get(key);
  if (!t) {
    t = new Map();
    tables.set(key, t);
  }
  return t;
}

function dayOf(table: Map<number, Day>, index: number, cfg: OfficeHours): Day {
  const hit = table.get(index);
  if (hit) return hit;
  const date = new Date(index * DAY_MS).toISOString().slice(0, 10);
  const midnight = DateTime.fromISO(date, { zone: cfg.zone ?? INDICATOR_ZONE }).startOf('day');
  const weekdays = cfg.weekdays ?? [1, 2, 3, 4, 5];
  let day: Day;
  if (!weekdays.includes(midnight.weekday) || isNorwegianHoliday(date)) {
    day = { midnight: midnight.toMillis(), open: null, close: null };
  } else {
    const s = minutesOf(cfg.start);
    const e = minutesOf(cfg.end);
    day = {
      midnight: midnight.toMillis(),
      open: midnight.set({ hour: Math.floor(s / 60), minute: s % 60 }).toMillis(),
      close: midnight.set({ hour: Math.floor(e / 60), minute: e % 60 }).toMillis(),
    };
  }
  if (table.size > 100_000) table.clear();
  table.set(index, day);
  return day;
}

/** The local day number that contains instant `ms` (any zone within ±14 h of UTC). */
function dayIndexOf(table: Map<number, Day>, ms: number, cfg: OfficeHours): number {
  let index = Math.floor(ms / DAY_MS);
  while (ms < dayOf(table, index, cfg).midnight) index--;
  while (ms >= dayOf(table, index + 1, cfg).midnight) index++;
  return index;
}

/**
 * Office-hours time from `from` to `to`, in hours: only time inside office hours counts (an item received
 * off-hours starts the clock at the next opening; a reply before opening costs 0). 0 when to ≤ from.
 */
export function officeHoursBetween(from: Date, to: Date, cfg: OfficeHours = DEFAULT_OFFICE_HOURS): number {
  const a = from.getTime();
  const b = to.getTime();
  if (!(b > a)) return 0;
  const table = tableOf(cfg);
  const last = dayIndexOf(table, b, cfg);
  let ms = 0;
  for (let index = dayIndexOf(table, a, cfg); index <= last; index++) {
    const day = dayOf(table, index, cfg);
    if (day.open === null || day.close === null) continue;
    const lo = Math.max(a, day.open);
    const hi = Math.min(b, day.close);
    if (hi > lo) ms += hi - lo;
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
  const a = from.getTime();
  const table = tableOf(cfg);
  const first = dayIndexOf(table, a, cfg);
  // Ten years without a working day means the configuration has none; stop rather than loop forever.
  for (let index = first; index < first + 3660; index++) {
    const day = dayOf(table, index, cfg);
    if (day.open === null || day.close === null) continue;
    const lo = Math.max(a, day.open);
    if (day.close > lo) {
      const avail = day.close - lo;
      if (avail >= left) return new Date(lo + left);
      left -= avail;
    }
  }
  throw new RangeError('office hours: the configuration has no working days');
}
