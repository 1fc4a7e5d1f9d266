import type { Scope } from './definitions.js';
import type { IsoWeek } from './iso-week.js';
import { percentileCont } from './percentile.js';

/**
 * Merges stored account-week figures into the figures of every scope above them: counts and follower sums are
 * summed, citizen authors are the size of the union of the accounts' author sets (never a sum: one resident
 * writing to two accounts of a municipality is one author there), and the response-time median and p90 are
 * percentiles over the answered questions of every account in scope (never a mean of medians). Pure.
 */

export type AccountWeek = {
  accountId: number;
  week: IsoWeek;
  /** Summable counts; `followers` is null when unknown. */
  figures: Record<string, number | null>;
  citizenAuthors: readonly string[];
  answerHours: readonly number[];
};

export type ScopeOf = { municipalityCode: string; countyCode: string };

export type MergedFigures = Record<string, number | null>;

export const scopeKey = (scope: Scope, scopeId: string, week: IsoWeek): string => `${scope}|${scopeId}|${week}`;

type Acc = { sums: Record<string, number>; followers: number | null; authors: Set<string>; hours: number[] };

/** Figures of every account, municipality, county and sector week that has at least one account row. */
export function mergeScopes(
  rows: readonly AccountWeek[],
  scopeOf: ReadonlyMap<number, ScopeOf>,
  sectorId: string,
): Map<string, MergedFigures> {
  const accs = new Map<string, Acc>();
  for (const r of rows) {
    const where = scopeOf.get(r.accountId);
    if (!where) continue;
    for (const key of [
      scopeKey('account', String(r.accountId), r.week),
      scopeKey('municipality', where.municipalityCode, r.week),
      scopeKey('county', where.countyCode, r.week),
      scopeKey('sector', sectorId, r.week),
    ]) {
      let a = accs.get(key);
      if (!a) {
        a = { sums: {}, followers: null, authors: new Set(), hours: [] };
        accs.set(key, a);
      }
      for (const [k, v] of Object.entries(r.figures)) {
        if (k === 'followers') {
          if (typeof v === 'number') a.followers = (a.followers ?? 0) + v;
        } else if (typeof v === 'number') {
          a.sums[k] = (a.sums[k] ?? 0) + v;
        }
      }
      for (const author of r.citizenAuthors) a.authors.add(author);
      for (const h of r.answerHours) a.hours.push(h);
    }
  }
  const out = new Map<string, MergedFigures>();
  for (const [key, a] of accs) {
    out.set(key, {
      ...a.sums,
      followers: a.followers,
      citizen_authors: a.authors.size,
      response_time_median_h: percentileCont(a.hours, 0.5),
      response_time_p90_h: percentileCont(a.hours, 0.9),
    });
  }
  return out;
}
