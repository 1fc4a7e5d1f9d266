import { z } from 'zod';

import { INDICATOR_IDS, type IndicatorId } from '../indicators/definitions.js';
import { isoWeekOf, weekIndex, weekOfIndex } from '../indicators/iso-week.js';
import { lastCompleteWeek } from '../indicators/reporting-week.js';

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
  .refine((s) => weekIndex(s) !== null, 'expected an ISO week such as 2026-W47');
export const ScopeName = z.enum(['account', 'municipality', 'county', 'sector'], {
  message: 'expected one of account, municipality, county, sector',
});
/** `lang` of an export file (headers, notes): bokmål unless `en`. */
export const ExportLangParam = z.enum(['nb', 'en']).optional();
export const AggregateScope = z.enum(['county', 'sector'], { message: 'expected county or sector' });

/** `ids=response_rate,dialogue_index`: known indicator ids only, at most all of them. */
export const IndicatorIdList = z
  .string()
  .max(2000)
  .transform((s, ctx) => {
    const ids = s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
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
 * Resolves `from`/`to` (either may be missing) into a checked range: `to` defaults to the last complete week
 * (src/indicators/reporting-week.ts; the running week only when asked for), `from` to `defaultSpan - 1` weeks
 * before `to`. A `to` after the running week is refused.
 */
export function resolveWeekRange(
  q: { from?: string | undefined; to?: string | undefined },
  now: Date,
  defaultSpan: number,
): { from: string; to: string; weeks: string[] } | { error: string } {
  const to = q.to ?? lastCompleteWeek(now);
  const toIndex = weekIndex(to) as number;
  const running = isoWeekOf(now);
  if (toIndex > (weekIndex(running) as number))
    return { error: `query parameter 'to': week ${to} has not started yet (this week is ${running})` };
  const from = q.from ?? weekOfIndex(toIndex - (defaultSpan - 1));
  const fromIndex = weekIndex(from) as number;
  if (fromIndex > toIndex) return { error: "query parameter 'from': must not be after 'to'" };
  if (toIndex - fromIndex + 1 > MAX_WEEKS) return { error: `query parameter 'from': the range may span at most ${MAX_WEEKS} weeks` };
  const weeks = Array.from({ length: toIndex - fromIndex + 1 }, (_, i) => weekOfIndex(fromIndex + i));
  return { from, to, weeks };
}
