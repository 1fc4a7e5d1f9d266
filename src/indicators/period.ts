import { DateTime } from 'luxon';

import { INDICATOR_ZONE, weekBounds, weekRange, type IsoWeek } from './iso-week.js';
import { lastCompleteWeek } from './reporting-week.js';

/**
 * Months, quarters and year-to-date built from ISO weeks: a week belongs to the month (and quarter, year) its
 * Thursday falls in (the ISO rule that also decides a week's year), so every week is in exactly one period and
 * period figures are sums of whole weekly rows. Month and quarter: the last complete one at `now`; year to
 * date: the year of the last complete week, up to that week.
 */
export type PeriodKind = 'month' | 'quarter' | 'ytd';
export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'ytd'];

export type Period = {
  kind: PeriodKind;
  /** `2026-11`, `2026-Q4`, `2026-YTD`. */
  label: string;
  year: number;
  /** Month 1–12 or quarter 1–4 (null for year to date). */
  index: number | null;
  weeks: IsoWeek[];
  start: Date;
  end: Date;
};

const thursdayOf = (week: IsoWeek): DateTime => DateTime.fromJSDate(weekBounds(week).start, { zone: INDICATOR_ZONE }).plus({ days: 3 });

function weeksWhoseThursdayIn(from: DateTime, to: DateTime): IsoWeek[] {
  // Candidate weeks: the ISO weeks of the span's first and last days, and every week between.
  const first = weekOfDate(from.minus({ days: 6 }));
  const last = weekOfDate(to.plus({ days: 6 }));
  return weekRange(first, last).filter((w) => {
    const th = thursdayOf(w);
    return th >= from && th < to;
  });
}

const weekOfDate = (d: DateTime): IsoWeek => `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;

function make(kind: PeriodKind, year: number, index: number | null, from: DateTime, to: DateTime, label: string, upTo?: IsoWeek): Period {
  const all = weeksWhoseThursdayIn(from, to);
  const weeks = upTo ? all.filter((w) => w <= upTo) : all;
  const lastWeek = weeks[weeks.length - 1] as IsoWeek;
  return { kind, year, index, label, weeks, start: weekBounds(weeks[0] as IsoWeek).start, end: weekBounds(lastWeek).end };
}

/** The month or quarter all of whose weeks have ended at `now`, or the year to date. */
export function lastCompletePeriod(kind: PeriodKind, now: Date): Period {
  const lastWeek = lastCompleteWeek(now);
  const th = thursdayOf(lastWeek);
  if (kind === 'ytd') {
    const from = DateTime.fromObject({ year: th.year, month: 1, day: 1 }, { zone: INDICATOR_ZONE });
    return make('ytd', th.year, null, from, from.plus({ years: 1 }), `${th.year}-YTD`, lastWeek);
  }
  const months = kind === 'month' ? 1 : 3;
  // The period the last complete week belongs to is complete only if that week is its last week.
  let from = DateTime.fromObject(
    { year: th.year, month: kind === 'month' ? th.month : Math.floor((th.month - 1) / 3) * 3 + 1, day: 1 },
    { zone: INDICATOR_ZONE },
  );
  const candidate = weeksWhoseThursdayIn(from, from.plus({ months }));
  if (candidate[candidate.length - 1] !== lastWeek) from = from.minus({ months });
  const index = kind === 'month' ? from.month : Math.floor((from.month - 1) / 3) + 1;
  const label = kind === 'month' ? `${from.year}-${String(from.month).padStart(2, '0')}` : `${from.year}-Q${index}`;
  return make(kind, from.year, index, from, from.plus({ months }), label);
}
