import { AppError } from '../errors.js';
import { addWeeks, compareWeeks, isoWeekOf, parseIsoWeek, type IsoWeek } from './iso-week.js';

/**
 * "The week" every surface shows (CLI, API, dashboard, report, e-mail, demo, alerts): the last complete ISO
 * week (Europe/Oslo) by default. The running week only when asked for; it is then always marked `running`
 * (shown as "så langt denne uken" and provisional). A week after the running one is refused.
 */
export type ReportingWeek = { week: IsoWeek; running: boolean };

/** The last complete ISO week at `now`: the week before the one `now` falls in. */
export function lastCompleteWeek(now: Date): IsoWeek {
  return addWeeks(isoWeekOf(now), -1);
}

/** True when `week` is the week `now` falls in (not complete yet). */
export const isRunningWeek = (week: IsoWeek, now: Date): boolean => week === isoWeekOf(now);

/**
 * The week a surface shows: `asked` (an ISO week, or `current` for the running week) or, when nothing is
 * asked, the last complete week. Throws AppError('USAGE') for a malformed label and for a future week.
 */
export function resolveReportingWeek(asked: string | undefined, now: Date): ReportingWeek {
  const running = isoWeekOf(now);
  if (asked === undefined) return { week: lastCompleteWeek(now), running: false };
  const label = asked.trim();
  if (label === 'current') return { week: running, running: true };
  parseIsoWeek(label);
  if (compareWeeks(label, running) > 0) {
    throw new AppError(
      'USAGE',
      `week ${label} has not started yet (this week is ${running}; the last complete week is ${lastCompleteWeek(now)})`,
    );
  }
  return { week: label, running: label === running };
}
