import { rowKey } from './assemble.js';
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
  /** Days from post to snapshot of the week's posts measured only after 7 days (INDICATORS.md, clarification 1). */
  lateSnapshotDays: readonly number[];
};

export type ScopeOf = { municipalityCode: string; countyCode: string };

export type MergedFigures = Record<string, number | null>;

type Acc = { sums: Record<string, number>; followers: number | null; authors: Set<string>; hours: number[]; lateDays: number[] };

/** Figures of every account, municipality, county and sector week that has at least one account row. */
export function mergeScopes(
  rows: readonly AccountWeek[],
  scopeOf: ReadonlyMap<number, ScopeOf>,
  sectorId: string,
): Map<string, MergedFigures> {
  const out = new Map<string, MergedFigures>();
  const byWeek = new Map<IsoWeek, AccountWeek[]>();
  for (const r of rows) {
    const list = byWeek.get(r.week);
    if (list) list.push(r);
    else byWeek.set(r.week, [r]);
  }
  for (const [week, list] of byWeek) {
    // Wider scopes of this week by row key; an account row is its own scope and needs no merging.
    const wider = new Map<string, Acc>();
    for (const r of list) {
      const where = scopeOf.get(r.accountId);
      if (!where) continue;
      out.set(
        rowKey('account', String(r.accountId), week),
        finish(
          { ...r.figures },
          typeof r.figures.followers === 'number' ? r.figures.followers : null,
          r.citizenAuthors.length,
          r.answerHours,
          r.lateSnapshotDays,
        ),
      );
      for (const key of [
        rowKey('municipality', where.municipalityCode, week),
        rowKey('county', where.countyCode, week),
        rowKey('sector', sectorId, week),
      ]) {
        let a = wider.get(key);
        if (!a) {
          a = { sums: {}, followers: null, authors: new Set(), hours: [], lateDays: [] };
          wider.set(key, a);
        }
        add(a, r);
      }
    }
    for (const [key, a] of wider) out.set(key, finish(a.sums, a.followers, a.authors.size, a.hours, a.lateDays));
  }
  return out;
}

function add(a: Acc, r: AccountWeek): void {
  for (const k in r.figures) {
    const v = r.figures[k];
    if (typeof v !== 'number') continue;
    if (k === 'followers') a.followers = (a.followers ?? 0) + v;
    else a.sums[k] = (a.sums[k] ?? 0) + v;
  }
  for (const author of r.citizenAuthors) a.authors.add(author);
  for (const h of r.answerHours) a.hours.push(h);
  for (const d of r.lateSnapshotDays) a.lateDays.push(d);
}

function finish(
  sums: Record<string, number | null>,
  followers: number | null,
  authors: number,
  hours: readonly number[],
  lateDays: readonly number[],
): MergedFigures {
  return {
    ...sums,
    followers,
    citizen_authors: authors,
    response_time_median_h: percentileCont(hours, 0.5),
    response_time_p90_h: percentileCont(hours, 0.9),
    late_snapshot_median_days: percentileCont(lateDays, 0.5),
  };
}
