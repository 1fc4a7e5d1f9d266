import { z } from 'zod';

import { INDICATOR_IDS, type IndicatorId } from '../indicators/definitions.js';
import { addWeeks, isIsoWeek, isoWeekOf, weekRange } from '../indicators/iso-week.js';

/**
 * Shared zod fragments for query and path parameters. Every fragment is a closed pattern with a length cap,
 * so injection strings and oversized values fail here with 400 before anything reaches SQL (which is
 * parameterised anyway).
 */
export const MunicipalityCode = z.string().regex(/^[0-9]{4}$/, 'expected a four-digit municipality code such as 0301');
export const CountyCode = z.string().regex(/^[0-9]{2}$/, 'expected a two-digit county code such as 03');
export const AccountId = z.string().regex(/^[1-9][0-9]{0,15}$/, 'expected a numeric account id');
export const Week = z
  .string()
  .max(8)
  .refine((s) => isIsoWeek(s), 'expected an ISO week such as 2026-W47');
export const ScopeName = z.enum(['account', 'municipality', 'county', 'sector'], {
  message: 'expected one of account, municipality, county, sector',
});
export const AggregateScope = z.enum(['county', 'sector'], { message: 'expected county or sector' });

/** `ids=response_rate,dialogue_index`: known indicator ids only, at most all of them. */
export const IndicatorIdList = z
  .string()
  .max(2000)
  .transform((s, ctx) => {
    const ids = s.split(',').map((x) => x.trim()).filter(Boolean);
    const known = new Set<string>(INDICATOR_IDS);
    const bad = ids.find((x) => !known.has(x));
    if (bad !== undefined || ids.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'expected a comma-separated list of indicator ids from INDICATORS.md' });
      return z.NEVER;
    }
    return [...new Set(ids)] as IndicatorId[];
  });

/** The longest week range one request may ask for (three years). */
export const MAX_WEEKS = 160;

/**
 * Resolves `from`/`to` (either may be missing) into a checked range: `to` defaults to the newest week with
 * data (or this week), `from` to `defaultSpan - 1` weeks before `to`.
 */
export function resolveWeekRange(
  q: { from?: string | undefined; to?: string | undefined },
  fallbackTo: string | null,
  now: Date,
  defaultSpan: number,
): { from: string; to: string; weeks: string[] } | { error: string } {
  const to = q.to ?? fallbackTo ?? isoWeekOf(now);
  const from = q.from ?? addWeeks(to, -(defaultSpan - 1));
  if (from > to) return { error: "query parameter 'from': must not be after 'to'" };
  const weeks = weekRange(from, to);
  if (weeks.length > MAX_WEEKS) return { error: `query parameter 'from': the range may span at most ${MAX_WEEKS} weeks` };
  return { from, to, weeks };
}
