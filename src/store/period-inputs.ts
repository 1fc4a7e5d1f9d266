import { DEFINITION_VERSION } from '../indicators/definitions.js';
import type { Period } from '../indicators/period.js';
import type { PeriodInputs } from '../reports/period-report.js';
import type { Queryable } from './db.js';
import { readIndicatorValues } from './indicator-values.js';
import { toFigures } from './report-inputs.js';
import { loadQuestionTimes } from './report-question-times.js';

/** The weekly rows and question times of a month, quarter or year to date for one municipality (src/reports/period-report.ts). */
export async function loadPeriodInputs(
  db: Queryable,
  args: { period: Period; municipality: string; asOf: Date; classifierVersion: string; definitionVersion?: number },
): Promise<PeriodInputs | null> {
  const { rows: munis } = await db.query<{ code: string; name: string; office_hours: unknown; target: string | null }>(
    'select code, name, office_hours, response_target_office_hours::text as target from municipalities where code = $1',
    [args.municipality],
  );
  const m = munis[0];
  if (!m) return null;
  const stored = await readIndicatorValues(db, {
    weeks: args.period.weeks,
    scope: 'municipality',
    definitionVersion: args.definitionVersion ?? DEFINITION_VERSION,
  });
  const byWeek = new Map(stored.filter((r) => r.scopeId === m.code).map((r) => [r.week, toFigures(r)]));
  const knownAt = new Date(Math.min(args.asOf.getTime(), args.period.end.getTime() + 7 * 86_400_000));
  const questions = await loadQuestionTimes(db, {
    since: args.period.start,
    until: args.period.end,
    knownAt,
    classifierVersion: args.classifierVersion,
    municipalities: [m.code],
  });
  return {
    period: args.period,
    asOf: args.asOf.toISOString(),
    municipality: {
      code: m.code,
      name: m.name,
      officeHours: m.office_hours,
      responseTargetOfficeHours: m.target === null ? null : Number(m.target),
    },
    weeks: args.period.weeks.map((week) => ({ week, figures: byWeek.get(week) ?? null })),
    questions,
  };
}
