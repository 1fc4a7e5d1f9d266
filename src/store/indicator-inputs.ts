import type { Scope } from '../indicators/definitions.js';
import type { IsoWeek } from '../indicators/iso-week.js';
import type { Queryable } from './db.js';
import { branchOf, turnSegment } from './turn-sql.js';

/**
 * Reads what the indicators of a run of weeks rest on, set-based: threads, branches, turns and answers are
 * built with window functions in temporary tables, and every count comes back already grouped per account,
 * municipality, county and sector (GROUPING SETS), so wider scopes are sums over the same rows and medians are
 * percentile_cont over the scope's own items. Must run inside one transaction (the temp tables drop at commit).
 */

export type WeekSpan = { week: IsoWeek; start: Date; end: Date };

/** Platforms that report shares (v1–v3); YouTube and Instagram do not. */
export const SHARE_PLATFORMS = ['facebook', 'x', 'bluesky', 'mastodon'] as const;

export type ScopeKeyRow = {
  week: IsoWeek;
  scope: Scope;
  scopeId: string;
};

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
  /** key `${scope}|${scopeId}|${week}` → the figures of that scope-week (missing = zero). */
  figures: Map<string, ScopeFigures>;
  answered: AnsweredQuestion[];
};

export const scopeKey = (scope: Scope, scopeId: string, week: IsoWeek): string => `${scope}|${scopeId}|${week}`;

const DAY_MS = 86_400_000;

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
  if (r.account_id !== null) return scopeKey('account', String(r.account_id), r.week);
  if (r.municipality_code !== null) return scopeKey('municipality', r.municipality_code, r.week);
  if (r.county_code !== null) return scopeKey('county', r.county_code, r.week);
  return scopeKey('sector', sectorId, r.week);
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
 * Loads the grouped figures of `weeks` (contiguous, ascending) as stored now. `now` bounds coverage (hours
 * not yet lived are not counted). `sectorId` names the sector scope.
 */
export async function loadIndicatorInputs(
  tx: Queryable,
  args: { weeks: readonly WeekSpan[]; classifierVersion: string; now: Date; sectorId: string },
): Promise<IndicatorInputs> {
  const first = args.weeks[0];
  const last = args.weeks[args.weeks.length - 1];
  if (!first || !last) return { figures: new Map(), answered: [] };
  const from = first.start;
  const to = last.end;
  // Turns begun up to 7 days before the first week still count in its unanswered_open.
  const lookBack = new Date(from.getTime() - 7 * DAY_MS);
  const weeksJson = JSON.stringify(args.weeks.map((w) => ({ week: w.week, ws: w.start.toISOString(), we: w.end.toISOString() })));

  // JIT compilation costs more than these queries run (hundreds of ms each on a cold plan), and the grouping
  // sets sort in memory with a little more work_mem. Both last only until this transaction ends.
  await tx.query(`set local jit = off`);
  await tx.query(`set local work_mem = '64MB'`);
  // The items, their index and classifications are mostly in memory: random reads cost little more than
  // sequential ones, so a run of a few weeks is fetched thread by thread through items_root rather than by a
  // scan of every item (a full recompute's large chunks still hash-join).
  await tx.query(`set local random_page_cost = 1.1`);
  await tx.query(`drop table if exists pg_temp.ind_weeks, pg_temp.ind_roots, pg_temp.ind_items, pg_temp.ind_ti, pg_temp.ind_turns, pg_temp.ind_posts`);
  await tx.query(
    `create temp table ind_weeks on commit drop as
     select w.week, w.ws, w.we
     from jsonb_to_recordset($1::jsonb) as w(week text, ws timestamptz, we timestamptz)`,
    [weeksJson],
  );

  // Every item of every thread that has an item in [lookBack, to): whole threads, so turns, answers and
  // conversation depth never depend on where a run of weeks happens to start or end. The threads (with their
  // root post, looked up once per thread) go first into a small analysed table, so the planner fetches their
  // items through items_root instead of scanning all items.
  await tx.query(
    `create temp table ind_roots on commit drop as
     select distinct platform, root_external_id as root
     from items
     where created_at >= $1 and created_at < $2`,
    [lookBack.toISOString(), to.toISOString()],
  );
  await tx.query(`analyze ind_roots`);
  await tx.query(
    `create temp table ind_items on commit drop as
     with rt as materialized (
       select t.platform, t.root, r.created_at as root_created_at, r.author_role as root_role
       from ind_roots t
       left join items r on r.platform = t.platform and r.external_id = t.root
     )
     select i.id, i.account_id, i.platform, i.external_id, i.root_external_id as root,
       i.external_id = i.root_external_id as is_top,
       i.author_role, i.author_key, i.created_at, i.hidden_at, i.deleted_at,
       coalesce(t.root_created_at, i.created_at) as root_created_at,
       ${branchOf('i', 't.root_role')} as branch,
       coalesce(c.needs_answer, false) as needs_answer,
       coalesce(c.abusive, false) as abusive
     from rt t
     join items i on i.platform = t.platform and i.root_external_id = t.root
     left join classifications c on c.item_id = i.id and c.classifier_version = $1`,
    [args.classifierVersion],
  );
  await tx.query(`create index on ind_items (platform, root, created_at)`);

  // Branch items in time order. seg = owner items so far in the branch: citizen items of one author with the
  // same seg form one turn, and the owner item numbered seg + 1 is that turn's answer.
  await tx.query(
    `create temp table ind_ti on commit drop as
     select i.*,
       ${turnSegment('i')} as seg,
       lag(i.author_role) over (partition by i.platform, i.branch order by i.created_at, i.id) as prev_role
     from ind_items i
     where i.branch is not null`,
  );
  await tx.query(`create index on ind_ti (platform, branch, seg) where author_role = 'owner'`);
  await tx.query(`create index on ind_ti (platform, branch, created_at)`);

  await tx.query(
    `create temp table ind_turns on commit drop as
     with turns as (
       select platform, branch, author_key, seg,
         min(root) as root,
         min(account_id) as account_id,
         min(created_at) as started_at,
         bool_or(needs_answer) as is_question,
         bool_or(external_id = branch) as begins_branch,
         -- A turn is removed when every item of it is hidden or deleted; removal never answers it.
         case when bool_and(coalesce(hidden_at, deleted_at) is not null)
              then max(least(hidden_at, deleted_at)) end as removed_at
       from ind_ti
       where author_role = 'citizen'
       group by platform, branch, author_key, seg
     ),
     answered as (
       select t.*, o.created_at as answer_at,
         coalesce(o.created_at <= t.started_at + interval '7 days', false) as answered
       from turns t
       left join ind_ti o
         on o.platform = t.platform and o.branch = t.branch and o.author_role = 'owner' and o.seg = t.seg + 1
       where t.started_at >= $1
     )
     select t.*,
       t.answered and exists (
         select 1
         from ind_ti x
         where x.platform = t.platform and x.branch = t.branch
           and x.created_at > t.answer_at and x.created_at <= t.answer_at + interval '7 days'
           and (x.author_role = 'owner' or x.author_key = t.author_key)
       ) as has_followup
     from answered t`,
    [lookBack.toISOString()],
  );
  await tx.query(`create index on ind_turns (platform, root)`);

  await tx.query(
    `create temp table ind_posts on commit drop as
     select p.id, p.account_id, p.platform, p.created_at,
       (select count(*)
        from ind_items c
        where c.platform = p.platform and c.root = p.external_id and c.author_role = 'citizen' and not c.is_top
          and c.created_at <= p.created_at + interval '7 days') as citizen_comments_7d,
       exists (
         select 1
         from ind_turns t
         where t.platform = p.platform and t.root = p.external_id and t.answered
           and t.answer_at <= p.created_at + interval '7 days') as two_way,
       not exists (
         select 1
         from ind_items o
         where o.platform = p.platform and o.root = p.external_id and o.author_role = 'owner' and not o.is_top
           and o.created_at <= p.created_at + interval '7 days') as one_way,
       s.likes, s.comments, s.shares
     from ind_items p
     left join lateral (
       select ms.likes, ms.comments, ms.shares
       from metric_snapshots ms
       where ms.item_id = p.id and ms.captured_at <= p.created_at + interval '7 days'
       order by ms.captured_at desc
       limit 1
     ) s on true
     where p.is_top and p.author_role = 'owner' and p.created_at >= $1 and p.created_at < $2`,
    [from.toISOString(), to.toISOString()],
  );

  const figures = new Map<string, ScopeFigures>();
  const merge = (rows: GroupedRow[]) => {
    for (const r of rows) {
      const key = keyOf(r, args.sectorId);
      const f = figures.get(key) ?? {};
      for (const [k, v] of Object.entries(r)) {
        if (k === 'week' || k === 'account_id' || k === 'municipality_code' || k === 'county_code') continue;
        if (k === 'gap_accounts') f.gapAccounts = ((v as number[] | null) ?? []).map(Number);
        else f[k] = v === null || v === undefined ? null : Number(v);
      }
      figures.set(key, f);
    }
  };

  // The universe of scope-weeks: every account in every week, with followers at the week's end.
  merge(
    (
      await tx.query<GroupedRow>(
        `select w.week, ${GROUP_COLUMNS},
           count(*) as accounts,
           count(coalesce(f.followers, e.followers)) as accounts_with_followers,
           count(e.followers) as accounts_followers_estimated,
           sum(coalesce(f.followers, e.followers)) as followers
         from ind_weeks w
         cross join accounts a
         join municipalities m on m.code = a.municipality_code
         left join lateral (
           select s.followers
           from follower_snapshots s
           where s.account_id = a.id and s.captured_at <= w.we
           order by s.captured_at desc
           limit 1
         ) f on true
         -- No snapshot yet at the window's end (history backfilled before the first snapshot): the earliest one
         -- taken within 56 days after it stands in, flagged followers_estimated (docs/indicators.md).
         left join lateral (
           select s.followers
           from follower_snapshots s
           where f.followers is null and s.account_id = a.id
             and s.captured_at > w.we and s.captured_at <= w.we + interval '56 days'
           order by s.captured_at
           limit 1
         ) e on true
         ${GROUPING}`,
      )
    ).rows,
  );

  merge(
    (
      await tx.query<GroupedRow>(
        `select w.week, ${GROUP_COLUMNS},
           count(*) filter (where x.author_role = 'owner' and x.is_top) as owner_posts,
           count(*) filter (where x.author_role = 'owner' and not x.is_top) as owner_replies,
           count(*) filter (where x.author_role = 'citizen' and x.is_top) as citizen_posts,
           count(*) filter (where x.author_role = 'citizen' and not x.is_top) as citizen_comments,
           count(distinct x.author_key) filter (where x.author_role = 'citizen') as citizen_authors,
           count(*) filter (where x.author_role = 'citizen' and x.hidden_at is not null) as hidden_citizen_items,
           count(*) filter (where x.author_role = 'citizen' and x.deleted_at is not null) as deleted_citizen_items,
           count(*) filter (where x.author_role = 'citizen' and x.abusive) as abusive_citizen_items
         from ind_items x
         join ind_weeks w on x.created_at >= w.ws and x.created_at < w.we
         ${SCOPE_JOIN}
         ${GROUPING}`,
      )
    ).rows,
  );

  merge(
    (
      await tx.query<GroupedRow>(
        `select w.week, ${GROUP_COLUMNS},
           count(*) filter (where x.is_question) as questions,
           count(*) filter (where x.is_question and x.answered) as questions_answered,
           count(*) filter (where x.begins_branch) as branch_turns,
           count(*) filter (where x.begins_branch and x.answered) as branch_turns_answered,
           count(*) filter (where x.is_question and x.has_followup) as followups,
           percentile_cont(0.5) within group (order by extract(epoch from x.answer_at - x.started_at)::float8 / 3600)
             filter (where x.is_question and x.answered) as response_time_median_h,
           percentile_cont(0.9) within group (order by extract(epoch from x.answer_at - x.started_at)::float8 / 3600)
             filter (where x.is_question and x.answered) as response_time_p90_h
         from ind_turns x
         join ind_weeks w on x.started_at >= w.ws and x.started_at < w.we
         ${SCOPE_JOIN}
         ${GROUPING}`,
      )
    ).rows,
  );

  merge(
    (
      await tx.query<GroupedRow>(
        `select w.week, ${GROUP_COLUMNS},
           count(*) as unanswered_open
         from ind_turns x
         join ind_weeks w on x.started_at > w.we - interval '7 days' and x.started_at < w.we
         ${SCOPE_JOIN}
         where x.is_question
           and (x.answer_at is null or x.answer_at >= w.we)
           and (x.removed_at is null or x.removed_at >= w.we)
         ${GROUPING}`,
      )
    ).rows,
  );

  merge(
    (
      await tx.query<GroupedRow>(
        `select w.week, ${GROUP_COLUMNS},
           count(*) filter (where x.citizen_comments_7d > 0) as posts_with_citizen_comments,
           count(*) filter (where x.citizen_comments_7d > 0 and x.two_way) as two_way_posts,
           count(*) filter (where x.one_way) as one_way_posts,
           count(*) filter (where coalesce(x.likes, 0) > 0) as posts_liked,
           coalesce(sum(x.likes), 0) as likes,
           count(*) filter (where coalesce(x.comments, 0) > 0) as posts_commented,
           coalesce(sum(x.comments), 0) as comments,
           coalesce(sum(x.citizen_comments_7d), 0) as citizen_comments_on_posts,
           count(*) filter (where x.platform = any ($1::text[])) as share_posts,
           count(*) filter (where x.platform = any ($1::text[]) and coalesce(x.shares, 0) > 0) as posts_shared,
           coalesce(sum(x.shares) filter (where x.platform = any ($1::text[])), 0) as shares
         from ind_posts x
         join ind_weeks w on x.created_at >= w.ws and x.created_at < w.we
         ${SCOPE_JOIN}
         ${GROUPING}`,
        [SHARE_PLATFORMS],
      )
    ).rows,
  );

  merge(
    (
      await tx.query<GroupedRow>(
        `with branches as (
           select platform, branch,
             min(account_id) as account_id,
             min(root_created_at) as begun,
             count(*) filter (where prev_role is not null and prev_role <> author_role) as changes,
             bool_or(author_role = 'owner') as has_owner,
             bool_or(author_role = 'citizen') as has_citizen
           from ind_ti
           group by platform, branch
         )
         select w.week, ${GROUP_COLUMNS},
           count(*) as depth_branches,
           sum(x.changes) as depth_changes
         from branches x
         join ind_weeks w on x.begun >= w.ws and x.begun < w.we
         ${SCOPE_JOIN}
         where x.has_owner and x.has_citizen
         ${GROUPING}`,
      )
    ).rows,
  );

  merge(await coverageRows(tx, from, to, args.now));

  const answered = await tx.query<{ account_id: number; week: string; started_at: Date; answer_at: Date }>(
    `select x.account_id, w.week, x.started_at, x.answer_at
     from ind_turns x
     join ind_weeks w on x.started_at >= w.ws and x.started_at < w.we
     where x.is_question and x.answered
     order by x.account_id, x.started_at`,
  );
  return {
    figures,
    answered: answered.rows.map((r) => ({
      accountId: r.account_id,
      week: r.week,
      askedAt: new Date(r.started_at),
      answeredAt: new Date(r.answer_at),
    })),
  };
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
  await tx.query(`drop table if exists pg_temp.ind_weeks`);
  await tx.query(
    `create temp table ind_weeks on commit drop as
     select w.week, w.ws, w.we
     from jsonb_to_recordset($1::jsonb) as w(week text, ws timestamptz, we timestamptz)`,
    [JSON.stringify(args.weeks.map((w) => ({ week: w.week, ws: w.start.toISOString(), we: w.end.toISOString() })))],
  );
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
     gaps as (
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
