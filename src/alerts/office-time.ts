import { addOfficeHours, DEFAULT_OFFICE_HOURS, officeHoursBetween, type OfficeHours } from '../indicators/office-hours.js';

/**
 * Office time for alerts, on top of the indicator engine's primitives (office hours and Norwegian public
 * holidays live in src/indicators; nothing is recomputed here).
 */
export { addOfficeHours, officeHoursBetween, DEFAULT_OFFICE_HOURS, type OfficeHours };

// One millisecond of office time: adding it shows whether `at` itself lies inside office hours.
const ONE_MS_IN_HOURS = 1 / 3_600_000;

/**
 * Whether alerts may be sent at `at`: inside office hours, the closing instant included (a question that
 * falls due at exactly 15:45 is sent by a 15:45 evaluation, not the next morning).
 */
export function isOfficeTime(at: Date, cfg: OfficeHours = DEFAULT_OFFICE_HOURS): boolean {
  const t = at.getTime();
  if (addOfficeHours(at, ONE_MS_IN_HOURS, cfg).getTime() === t + 1) return true;
  // The closing instant: one millisecond earlier is office time and runs out exactly at `at`.
  return addOfficeHours(new Date(t - 1), ONE_MS_IN_HOURS, cfg).getTime() === t;
}

/** The next instant at or after `at` when office hours are open (`at` itself when they are). */
export function nextOfficeStart(at: Date, cfg: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  if (isOfficeTime(at, cfg)) return new Date(at.getTime());
  return new Date(addOfficeHours(at, ONE_MS_IN_HOURS, cfg).getTime() - 1);
}
