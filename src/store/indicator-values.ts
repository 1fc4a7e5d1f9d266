import type { Distribution, IndicatorFlags, IndicatorN, IndicatorValues, Scope } from '../indicators/definitions.js';
import type { IndicatorRow } from '../indicators/indicator-row.js';
import type { IsoWeek } from '../indicators/iso-week.js';
import type { Queryable } from './db.js';
import { isoWeekSql } from './iso-week-sql.js';

/** One stored scope-week: the one indicator row type (sql/0005, sql/0007). */
export type { IndicatorRow } from '../indicators/indicator-row.js';

/** A stored row with what the output format names beside it (account rows: platform, external id, municipality). */
export type IndicatorRowOut = IndicatorRow & {
  platform: string | null;
  externalId: string | null;
  municipality: string | null;
  county: string | null;
};

/**
 * Inserts or replaces scope-week rows in one statement per 500 rows; returns rows written. A row whose stored
 * content is already the same is left alone (computed_at then tells when its content last changed): an
 * incremental recompute rewrites every scope of its weeks, and most of them do not move. Idempotent.
 */
export async function upsertIndicatorValues(db: Queryable, rows: readonly IndicatorRow[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500).map((r) => ({
      scope: r.scope,
      scope_id: r.scopeId,
      week: r.week,
      definition_version: r.definitionVersion,
      values: r.values,
      n: r.n,
      flags: r.flags,
      coverage: r.coverage,
      gap_accounts: r.gapAccounts,
      provisional: r.provisional,
      distribution: r.distribution,
      computed_at: r.computedAt.toISOString(),
    }));
    const { rowCount } = await db.query(
      `insert into indicator_values
         (scope, scope_id, week, definition_version, "values", n, flags, coverage, gap_accounts, provisional,
          distribution, computed_at)
       select r.scope, r.scope_id, r.week, r.definition_version, r."values", r.n, r.flags, r.coverage,
         r.gap_accounts, r.provisional, r.distribution, r.computed_at
       from jsonb_to_recordset($1::jsonb) as r(scope text, scope_id text, week text, definition_version integer,
         "values" jsonb, n jsonb, flags jsonb, coverage double precision, gap_accounts jsonb, provisional boolean,
         distribution jsonb, computed_at timestamptz)
       on conflict (scope, scope_id, week, definition_version) do update
         set "values" = excluded."values", n = excluded.n, flags = excluded.flags, coverage = excluded.coverage,
             gap_accounts = excluded.gap_accounts, provisional = excluded.provisional,
             distribution = excluded.distribution, computed_at = excluded.computed_at
         where (indicator_values."values", indicator_values.n, indicator_values.flags, indicator_values.coverage,
                indicator_values.gap_accounts, indicator_values.provisional, indicator_values.distribution)
           is distinct from (excluded."values", excluded.n, excluded.flags, excluded.coverage, excluded.gap_accounts,
                             excluded.provisional, excluded.distribution)`,
      [JSON.stringify(batch)],
    );
    written += rowCount;
  }
  return written;
}

/** An indicator_values row as read with its account and municipality columns (snake_case, as SQL returns it). */
export type StoredIndicatorRow = {
  scope: Scope;
  scope_id: string;
  week: string;
  definition_version: number;
  values: IndicatorValues;
  n: IndicatorN;
  flags: IndicatorFlags;
  coverage: number;
  gap_accounts: number[];
  provisional: boolean;
  distribution: Distribution | null;
  computed_at: Date;
  platform: string | null;
  external_id: string | null;
  municipality: string | null;
  county: string | null;
};

const LEVEL_ORDER = `case v.scope when 'account' then 0 when 'municipality' then 1 when 'county' then 2 else 3 end`;

/** Stored rows of `weeks` (optionally one scope level), ordered by week, level and scope id. */
export async function readIndicatorValues(
  db: Queryable,
  q: { weeks: readonly IsoWeek[]; scope?: Scope; definitionVersion: number },
): Promise<IndicatorRowOut[]> {
  const { rows } = await db.query<StoredIndicatorRow>(
    `select v.scope, v.scope_id, v.week, v.definition_version, v."values", v.n, v.flags, v.coverage,
       v.gap_accounts, v.provisional, v.distribution, v.computed_at,
       a.platform, a.external_id,
       coalesce(a.municipality_code, case when v.scope = 'municipality' then v.scope_id end) as municipality,
       coalesce(m.county_code, case when v.scope = 'county' then v.scope_id end) as county
     from indicator_values v
     left join accounts a on v.scope = 'account' and a.id::text = v.scope_id
     left join municipalities m on m.code = coalesce(a.municipality_code,
                                                     case when v.scope = 'municipality' then v.scope_id end)
     where v.week = any ($1::text[]) and v.definition_version = $2 and ($3::text is null or v.scope = $3)
     order by v.week, ${LEVEL_ORDER},
       case when v.scope = 'account' then lpad(v.scope_id, 20, '0') else v.scope_id end`,
    [q.weeks, q.definitionVersion, q.scope ?? null],
  );
  return rows.map(toIndicatorRowOut);
}

export function toIndicatorRowOut(r: StoredIndicatorRow): IndicatorRowOut {
  return {
    scope: r.scope,
    scopeId: r.scope_id,
    week: r.week,
    definitionVersion: r.definition_version,
    values: r.values,
    n: r.n,
    flags: r.flags,
    coverage: r.coverage,
    gapAccounts: r.gap_accounts,
    provisional: r.provisional,
    distribution: r.distribution,
    computedAt: new Date(r.computed_at),
    platform: r.platform,
    externalId: r.external_id,
    municipality: r.municipality,
    county: r.county,
  };
}

/** The weekly counts the dialogue index sums, for stored rows of `weeks` (all scopes). */
export async function readDialogueBases(
  db: Queryable,
  q: { weeks: readonly IsoWeek[]; definitionVersion: number },
): Promise<Array<{ scope: Scope; scopeId: string; week: IsoWeek; values: Partial<IndicatorValues>; n: Partial<IndicatorN> }>> {
  if (q.weeks.length === 0) return [];
  const { rows } = await db.query<{
    scope: Scope;
    scope_id: string;
    week: string;
    values: Partial<IndicatorValues>;
    n: Partial<IndicatorN>;
  }>(
    // Only what baseFromStored reads: the whole values and n documents cost more to send and parse than the rest.
    `select scope, scope_id, week,
       jsonb_build_object('questions', "values"->'questions', 'questions_answered', "values"->'questions_answered',
         'timely_answered', "values"->'timely_answered', 'owner_posts', "values"->'owner_posts',
         'owner_replies', "values"->'owner_replies', 'citizen_posts', "values"->'citizen_posts',
         'citizen_comments', "values"->'citizen_comments') as "values",
       jsonb_build_object('followups', n->'followups', 'followers', n->'followers') as n
     from indicator_values
     where week = any ($1::text[]) and definition_version = $2`,
    [q.weeks, q.definitionVersion],
  );
  return rows.map((r) => ({ scope: r.scope, scopeId: r.scope_id, week: r.week, values: r.values, n: r.n }));
}

/** Weeks among `weeks` that have no stored row yet, or only provisional ones computed before `staleBefore`. */
export async function weeksNeedingCompute(db: Queryable, q: { weeks: readonly IsoWeek[]; definitionVersion: number }): Promise<IsoWeek[]> {
  const { rows } = await db.query<{ week: string }>(
    `select w.week
     from unnest($1::text[]) as w(week)
     where not exists (
         select 1 from indicator_values v
         where v.week = w.week and v.definition_version = $2 and v.scope = 'sector')
       or exists (
         select 1 from indicator_values v
         where v.week = w.week and v.definition_version = $2 and v.provisional)
     order by w.week`,
    [q.weeks, q.definitionVersion],
  );
  return rows.map((r) => r.week);
}

/** `generation`: drawn from a sequence each time the mark is set (sql/0030), so a mark set again is told apart. */
export type DirtyMark = { accountId: number; week: IsoWeek; markedAt: Date; generation: number };

/** The account-weeks waiting for a recompute. */
export async function listDirtyMarks(db: Queryable): Promise<DirtyMark[]> {
  const { rows } = await db.query<{ account_id: number; week: string; marked_at: Date; generation: number }>(
    `select account_id, week, marked_at, generation from indicator_dirty order by week, account_id`,
  );
  return rows.map((r) => ({ accountId: r.account_id, week: r.week, markedAt: new Date(r.marked_at), generation: r.generation }));
}

/** Whether any account-week waits for a recompute. */
export async function hasDirtyMarks(db: Queryable): Promise<boolean> {
  const { rows } = await db.query(`select 1 from indicator_dirty limit 1`);
  return rows.length > 0;
}

/**
 * Deletes the marks a recompute consumed. A mark set again after we read it (a newer generation) stays, so a
 * write that lands during a recompute is never lost, whatever the writer's clock says.
 */
export async function deleteDirtyMarks(db: Queryable, marks: readonly DirtyMark[]): Promise<number> {
  if (marks.length === 0) return 0;
  const { rowCount } = await db.query(
    `delete from indicator_dirty d
     using jsonb_to_recordset($1::jsonb) as m(account_id bigint, week text, generation bigint)
     where d.account_id = m.account_id and d.week = m.week and d.generation = m.generation`,
    [JSON.stringify(marks.map((m) => ({ account_id: m.accountId, week: m.week, generation: m.generation })))],
  );
  return rowCount;
}

/** Marks the account-weeks (ISO week of created_at in Europe/Oslo) of the given items dirty. */
export async function markItemWeeksDirty(db: Queryable, itemIds: readonly number[], at: Date): Promise<number> {
  if (itemIds.length === 0) return 0;
  const { rowCount } = await db.query(
    `insert into indicator_dirty (account_id, week, marked_at)
     select distinct i.account_id, ${isoWeekSql('i.created_at')}, $2::timestamptz
     from items i
     where i.id = any ($1::bigint[])
     on conflict (account_id, week) do update set marked_at = excluded.marked_at`,
    [itemIds, at.toISOString()],
  );
  return rowCount;
}
