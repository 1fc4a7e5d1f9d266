import { rowKey } from '../indicators/indicator-row.js';
import type { IsoWeek } from '../indicators/iso-week.js';
import type { AccountWeek } from '../indicators/merge-scopes.js';
import { createWeeksTable, type WeekSpan } from './account-weeks.js';
import type { Queryable } from './db.js';

/**
 * The inputs of the scope half of the indicator engine: the stored account-week rows (account-weeks.ts) of a
 * run of weeks, which the engine merges into every scope (indicators/merge-scopes.ts), and coverage from the
 * harvest runs (GROUPING SETS over the distinct gap hours of the scope's accounts).
 */

/** One answered question (within 7 days), for the office-hours figures computed in TypeScript. */
export type AnsweredQuestion = { accountId: number; week: IsoWeek; askedAt: Date; answeredAt: Date };

export type AccountMeta = {
  id: number;
  platform: string;
  externalId: string;
  municipalityCode: string;
  countyCode: string;
  officeHours: unknown;
};

/** Raw grouped figures of one scope-week; the job turns them into ScopeCounts. */
export type ScopeFigures = Record<string, number | null> & { gapAccounts?: number[] };

export type IndicatorInputs = {
  /** The stored account-week rows of the weeks. */
  accountWeeks: AccountWeek[];
  /** rowKey(scope, scopeId, week) → coverage figures (gap_hours, gapAccounts) of that scope-week. */
  coverage: Map<string, ScopeFigures>;
  answered: AnsweredQuestion[];
};

const GROUP_COLUMNS = `a.id as account_id, m.code as municipality_code, m.county_code`;
const GROUPING = `group by grouping sets (
    (w.week, a.id, m.code, m.county_code),
    (w.week, m.code, m.county_code),
    (w.week, m.county_code),
    (w.week))`;
const SCOPE_JOIN = `join accounts a on a.id = x.account_id
  join municipalities m on m.code = a.municipality_code`;

type GroupedRow = {
  week: string;
  account_id: number | null;
  municipality_code: string | null;
  county_code: string | null;
} & Record<string, unknown>;

function keyOf(r: GroupedRow, sectorId: string): string {
  if (r.account_id !== null) return rowKey('account', String(r.account_id), r.week);
  if (r.municipality_code !== null) return rowKey('municipality', r.municipality_code, r.week);
  if (r.county_code !== null) return rowKey('county', r.county_code, r.week);
  return rowKey('sector', sectorId, r.week);
}

/** Every registered account with its municipality, county and office-hours override. */
export async function listAccountMeta(db: Queryable): Promise<AccountMeta[]> {
  const { rows } = await db.query<{
    id: number;
    platform: string;
    external_id: string;
    municipality_code: string;
    county_code: string;
    office_hours: unknown;
  }>(
    `select a.id, a.platform, a.external_id, a.municipality_code, m.county_code, m.office_hours
     from accounts a
     join municipalities m on m.code = a.municipality_code
     order by a.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    platform: r.platform,
    externalId: r.external_id,
    municipalityCode: r.municipality_code,
    countyCode: r.county_code,
    officeHours: r.office_hours,
  }));
}

/** The first and last item creation times (the span a full recompute covers); nulls when there are no items. */
export async function itemTimeSpan(db: Queryable): Promise<{ first: Date | null; last: Date | null }> {
  const { rows } = await db.query<{ first: Date | null; last: Date | null }>(
    `select min(created_at) as first, max(created_at) as last from items`,
  );
  return { first: rows[0]?.first ?? null, last: rows[0]?.last ?? null };
}

/**
 * Loads what the figures of `weeks` (contiguous, ascending) are made of: the stored account-week rows
 * (computeAccountWeeks must have written one per account and week for `classifierVersion`) and coverage of
 * every scope read from the harvest runs. `now` bounds coverage (hours not yet lived are not counted).
 * `sectorId` names the sector scope.
 */
export async function loadIndicatorInputs(
  tx: Queryable,
  args: { weeks: readonly WeekSpan[]; classifierVersion: string; now: Date; sectorId: string },
): Promise<IndicatorInputs> {
  const first = args.weeks[0];
  const last = args.weeks[args.weeks.length - 1];
  if (!first || !last) return { accountWeeks: [], coverage: new Map(), answered: [] };
  const { rows } = await tx.query<{
    account_id: number;
    week: string;
    figures: Record<string, number | null>;
    citizen_authors: string[];
    asked_at: Date[];
    answered_at: Date[];
    answer_hours: number[];
    late_snapshot_days: number[];
  }>(
    `select account_id, week, figures, citizen_authors, asked_at, answered_at, answer_hours, late_snapshot_days
     from indicator_account_weeks
     where week = any ($1::text[]) and classifier_version = $2
     order by week, account_id`,
    [args.weeks.map((w) => w.week), args.classifierVersion],
  );
  const accountWeeks: AccountWeek[] = [];
  const answered: AnsweredQuestion[] = [];
  for (const r of rows) {
    accountWeeks.push({
      accountId: r.account_id,
      week: r.week,
      figures: r.figures,
      citizenAuthors: r.citizen_authors,
      answerHours: r.answer_hours,
      lateSnapshotDays: r.late_snapshot_days,
    });
    r.asked_at.forEach((asked, i) => {
      answered.push({ accountId: r.account_id, week: r.week, askedAt: new Date(asked), answeredAt: new Date(r.answered_at[i] as Date) });
    });
  }
  return { accountWeeks, coverage: await loadCoverageFigures(tx, args), answered };
}

/** Account-weeks of `weeks` with no stored row for `classifierVersion`: what must be computed before merging. */
export async function missingAccountWeeks(
  db: Queryable,
  args: { weeks: readonly IsoWeek[]; classifierVersion: string },
): Promise<Array<{ accountId: number; week: IsoWeek }>> {
  const { rows } = await db.query<{ account_id: number; week: string }>(
    `select a.id as account_id, w.week
     from accounts a
     cross join unnest($1::text[]) as w(week)
     except
     select account_id, week
     from indicator_account_weeks
     where week = any ($1::text[]) and classifier_version = $2`,
    [args.weeks, args.classifierVersion],
  );
  return rows.map((r) => ({ accountId: r.account_id, week: r.week }));
}

/**
 * Coverage figures alone (gap_hours, gapAccounts per scope-week) for `weeks`: what a dialogue-only refresh of
 * a stored week needs besides its stored counts. Must run inside one transaction.
 */
export async function loadCoverageFigures(
  tx: Queryable,
  args: { weeks: readonly WeekSpan[]; now: Date; sectorId: string },
): Promise<Map<string, ScopeFigures>> {
  const figures = new Map<string, ScopeFigures>();
  const first = args.weeks[0];
  const last = args.weeks[args.weeks.length - 1];
  if (!first || !last) return figures;
  await tx.query(`set local jit = off`);
  await createWeeksTable(tx, args.weeks);
  for (const r of await coverageRows(tx, first.start, last.end, args.now)) {
    const f: ScopeFigures = { gap_hours: r.gap_hours === null || r.gap_hours === undefined ? null : Number(r.gap_hours) };
    f.gapAccounts = ((r.gap_accounts as number[] | null) ?? []).map(Number);
    figures.set(keyOf(r, args.sectorId), f);
  }
  return figures;
}

/**
 * Hours of each week (up to `now`) in which an account had no successful harvest covering them: succeeded
 * runs' covered_from..covered_to intervals are merged per account (any stream), the gaps between them cut
 * into whole hours, and a scope's gap hours are the distinct hours in which any of its accounts had a gap.
 * An account's hours count from its registration or first collected instant, whichever is earlier.
 */
async function coverageRows(tx: Queryable, from: Date, to: Date, now: Date): Promise<GroupedRow[]> {
  const limit = new Date(Math.min(to.getTime(), now.getTime()));
  if (limit.getTime() <= from.getTime()) return [];
  const { rows } = await tx.query<GroupedRow>(
    `with runs as (
       select account_id, covered_from as f, covered_to as t
       from harvest_runs
       where status = 'succeeded' and covered_from is not null and covered_to > covered_from
         and covered_to > $1 and covered_from < $2
     ),
     ordered as (
       select account_id, f, t,
         max(t) over (partition by account_id order by f, t rows between unbounded preceding and 1 preceding) as prev_max
       from runs
     ),
     islands as (
       select account_id, f, t,
         sum(case when prev_max is null or f > prev_max then 1 else 0 end) over (
           partition by account_id order by f, t rows between unbounded preceding and current row) as grp
       from ordered
     ),
     merged as (
       select account_id, min(f) as f, max(t) as t
       from islands
       group by account_id, grp
     ),
     bounded as (
       select account_id, f, t, lag(t) over (partition by account_id order by f) as prev_t
       from merged
     ),
     raw_gaps as (
       select account_id, coalesce(prev_t, $1::timestamptz) as gf, f as gt
       from bounded
       where f > coalesce(prev_t, $1::timestamptz)
       union all
       select account_id, max(t), $2::timestamptz
       from merged
       group by account_id
       having max(t) < $2::timestamptz
       union all
       select a.id, $1::timestamptz, $2::timestamptz
       from accounts a
       where not exists (select 1 from merged m where m.account_id = a.id)
     ),
     -- An account counts from when it was registered or first collected, whichever is earlier: adding one later
     -- never turns past weeks, when nobody was asked to collect it, into gaps (issue 24).
     starts as (
       select a.id as account_id,
         least(a.created_at, (select min(r.covered_from) from harvest_runs r
                              where r.account_id = a.id and r.status = 'succeeded' and r.covered_from is not null)) as s
       from accounts a
     ),
     gaps as (
       select g.account_id, greatest(g.gf, st.s) as gf, g.gt
       from raw_gaps g
       join starts st on st.account_id = g.account_id
       where g.gt > st.s
     ),
     gap_hours as (
       select distinct g.account_id, w.week, h.hs
       from gaps g
       join ind_weeks w on g.gt > w.ws and g.gf < least(w.we, $2::timestamptz)
       cross join lateral generate_series(
         w.ws + floor(extract(epoch from greatest(g.gf, w.ws) - w.ws)::float8 / 3600) * interval '1 hour',
         least(g.gt, w.we, $2::timestamptz) - interval '1 millisecond',
         interval '1 hour') as h(hs)
       where h.hs + interval '1 hour' <= least(w.we, $2::timestamptz)
     )
     select w.week, ${GROUP_COLUMNS},
       count(distinct x.hs) as gap_hours,
       jsonb_agg(distinct x.account_id) as gap_accounts
     from gap_hours x
     join ind_weeks w on w.week = x.week
     ${SCOPE_JOIN}
     ${GROUPING}`,
    [from.toISOString(), limit.toISOString()],
  );
  return rows;
}
