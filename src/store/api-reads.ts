import { CLASSIFIER_VERSION } from '../classifier/version.js';
import type { AccountStatus, Platform } from '../domain/records.js';
import type { IndicatorId, Scope } from '../indicators/definitions.js';
import type { AccountRow } from './accounts.js';
import { loadQuestions } from './alerts.js';
import type { Queryable } from './db.js';
import { toIndicatorRowOut, type IndicatorRowOut, type StoredIndicatorRow } from './indicator-values.js';

/**
 * The read models the HTTP API and dashboard need, one named function each. Everything here is a read; the
 * callers (src/api) decide who may see what before calling.
 */

export type MunicipalitySummary = {
  code: string;
  name: string;
  countyCode: string;
  countyName: string;
  population: number | null;
  accounts: number;
};

/** Municipalities of the register (optionally one, or one county's), with their number of monitored accounts. */
export async function listMunicipalitySummaries(db: Queryable, f: { code?: string; county?: string } = {}): Promise<MunicipalitySummary[]> {
  const { rows } = await db.query<{
    code: string;
    name: string;
    county_code: string;
    county_name: string;
    population: number | null;
    accounts: number;
  }>(
    `select m.code, m.name, m.county_code, c.name as county_name, m.population,
       (select count(*) from accounts a where a.municipality_code = m.code) as accounts
     from municipalities m
     join counties c on c.code = m.county_code
     where ($1::text is null or m.code = $1) and ($2::text is null or m.county_code = $2)
     order by m.code`,
    [f.code ?? null, f.county ?? null],
  );
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    countyCode: r.county_code,
    countyName: r.county_name,
    population: r.population,
    accounts: Number(r.accounts),
  }));
}

export type CountySummary = { code: string; name: string; municipalities: number };

export async function listCountySummaries(db: Queryable): Promise<CountySummary[]> {
  const { rows } = await db.query<{ code: string; name: string; municipalities: number }>(
    `select c.code, c.name, (select count(*) from municipalities m where m.county_code = c.code) as municipalities
     from counties c order by c.code`,
  );
  return rows.map((r) => ({ code: r.code, name: r.name, municipalities: Number(r.municipalities) }));
}

export type AccountSummary = {
  id: string;
  municipality: string;
  platform: Platform;
  externalId: string;
  handle: string | null;
  status: AccountStatus;
};

/** Accounts, optionally of one municipality or one id (never token or credential columns). */
export async function listAccountSummaries(db: Queryable, f: { municipality?: string; id?: string } = {}): Promise<AccountSummary[]> {
  // The accounts row without its credential column (store/accounts.ts).
  const { rows } = await db.query<Omit<AccountRow, 'token_env'>>(
    `select id, municipality_code, platform, external_id, handle, status
     from accounts
     where ($1::text is null or municipality_code = $1) and ($2::bigint is null or id = $2)
     order by municipality_code, platform, id`,
    [f.municipality ?? null, f.id === undefined ? null : Number(f.id)],
  );
  return rows.map((r) => ({
    id: String(r.id),
    municipality: r.municipality_code,
    platform: r.platform,
    externalId: r.external_id,
    handle: r.handle,
    status: r.status,
  }));
}

/**
 * Stored indicator rows of one scope level over a week range (both ends included; `YYYY-Www` sorts in time
 * order), optionally one scope id and, for account and municipality rows, one municipality. The primary key
 * (scope, scope_id, week, version) serves a single series; the same shape as readIndicatorValues returns.
 * The accounts join is planned away for wider scopes (`$1 = 'account'` is a constant per call): without
 * that, each sector row probed every account (14 ms for two years, most of the trend endpoint's time).
 */
export async function readIndicatorSeries(
  db: Queryable,
  q: {
    scope: Scope;
    scopeId?: string;
    municipality?: string;
    from: string;
    to: string;
    definitionVersion: number;
    /** Only these indicator ids in `values` (the rest absent); all when omitted. */
    ids?: readonly IndicatorId[];
  },
): Promise<IndicatorRowOut[]> {
  const { rows } = await db.query<StoredIndicatorRow>(
    `select v.scope, v.scope_id, v.week, v.definition_version,
       case when $7::text[] is null then v."values"
            else (select coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb) from jsonb_each(v."values") e where e.key = any ($7::text[]))
       end as "values",
       v.n, v.flags, v.coverage,
       v.gap_accounts, v.provisional, v.distribution, v.computed_at,
       a.platform, a.external_id,
       coalesce(a.municipality_code, case when v.scope = 'municipality' then v.scope_id end) as municipality,
       coalesce(m.county_code, case when v.scope = 'county' then v.scope_id end) as county
     from indicator_values v
     left join accounts a on $1 = 'account' and a.id::text = v.scope_id
     left join municipalities m on m.code = coalesce(a.municipality_code,
                                                     case when v.scope = 'municipality' then v.scope_id end)
     where v.scope = $1 and v.definition_version = $2 and v.week >= $3 and v.week <= $4
       and ($5::text is null or v.scope_id = $5)
       and ($6::text is null or coalesce(a.municipality_code, case when v.scope = 'municipality' then v.scope_id end) = $6)
     order by v.week, case when v.scope = 'account' then lpad(v.scope_id, 20, '0') else v.scope_id end`,
    [q.scope, q.definitionVersion, q.from, q.to, q.scopeId ?? null, q.municipality ?? null, q.ids ?? null],
  );
  return rows.map(toIndicatorRowOut);
}

export type OpenQuestion = {
  itemId: string;
  accountId: string;
  platform: Platform;
  accountHandle: string | null;
  askedAt: Date;
  /** The turn's text as stored (redacted at ingest); null after the retention purge. */
  text: string | null;
  permalink: string | null;
};

/**
 * Questions of one municipality begun in the last `days` days that are neither answered nor hidden nor
 * deleted at `now`: the same turns and answers the alerts and indicators use (src/store/alerts.ts).
 */
export async function listOpenQuestions(db: Queryable, q: { municipality: string; now: Date; days: number }): Promise<OpenQuestion[]> {
  const accounts = await listAccountSummaries(db, { municipality: q.municipality });
  if (accounts.length === 0) return [];
  const since = new Date(q.now.getTime() - q.days * 86_400_000);
  const questions = await loadQuestions(db, {
    since,
    now: q.now,
    classifierVersion: CLASSIFIER_VERSION,
    accountIds: accounts.map((a) => a.id),
  });
  return questions
    .filter((x) => x.answeredAt === null && x.removed === null && x.municipalityCode === q.municipality)
    .map((x) => ({
      itemId: x.itemId,
      accountId: x.accountId,
      platform: x.platform,
      accountHandle: x.accountHandle,
      askedAt: x.askedAt,
      text: x.text,
      permalink: x.permalink,
    }))
    .sort((a, b) => a.askedAt.getTime() - b.askedAt.getTime());
}

export type HarvestRunSpan = { accountId: string; stream: string; coveredFrom: Date; coveredTo: Date };

export type AccountHarvest = {
  id: string;
  municipality: string;
  platform: Platform;
  handle: string | null;
  status: AccountStatus;
  statusReason: string | null;
  lastSuccessAt: Date | null;
  lastRunAt: Date | null;
  lastRunStatus: string | null;
  lastErrorCode: string | null;
};

/** Per account: the last successful run, the last run of any outcome and its error code. */
export async function listAccountHarvest(db: Queryable): Promise<AccountHarvest[]> {
  const { rows } = await db.query<{
    id: number;
    municipality_code: string;
    platform: Platform;
    handle: string | null;
    status: AccountStatus;
    status_reason: string | null;
    last_success_at: Date | null;
    last_run_at: Date | null;
    last_run_status: string | null;
    last_error_code: string | null;
  }>(
    `select a.id, a.municipality_code, a.platform, a.handle, a.status, a.status_reason,
       (select max(r.finished_at) from harvest_runs r
        where r.account_id = a.id and r.status = 'succeeded') as last_success_at,
       l.started_at as last_run_at, l.status as last_run_status, l.error_code as last_error_code
     from accounts a
     left join lateral (
       select r.started_at, r.status, r.error_code from harvest_runs r
       where r.account_id = a.id order by r.started_at desc, r.id desc limit 1
     ) l on true
     order by a.municipality_code, a.platform, a.id`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    municipality: r.municipality_code,
    platform: r.platform,
    handle: r.handle,
    status: r.status,
    statusReason: r.status_reason,
    lastSuccessAt: r.last_success_at === null ? null : new Date(r.last_success_at),
    lastRunAt: r.last_run_at === null ? null : new Date(r.last_run_at),
    lastRunStatus: r.last_run_status,
    lastErrorCode: r.last_error_code,
  }));
}

/** Covered periods of successful (or partial) runs overlapping [since, until], per account and stream, in order. */
export async function listCoveredSpans(db: Queryable, q: { since: Date; until: Date }): Promise<HarvestRunSpan[]> {
  const { rows } = await db.query<{ account_id: number; stream: string; covered_from: Date; covered_to: Date }>(
    `select account_id, stream, covered_from, covered_to
     from harvest_runs
     where status in ('succeeded', 'partial') and covered_from is not null and covered_to is not null
       and covered_to >= $1 and covered_from <= $2
     order by account_id, stream, covered_from`,
    [q.since, q.until],
  );
  return rows.map((r) => ({
    accountId: String(r.account_id),
    stream: r.stream,
    coveredFrom: new Date(r.covered_from),
    coveredTo: new Date(r.covered_to),
  }));
}

export type PlatformUsage = { platform: Platform; runs: number; calls: number; quotaUnits: number };

/** API calls and quota units per platform of the runs started at or after `since`. */
export async function platformUsageSince(db: Queryable, since: Date): Promise<PlatformUsage[]> {
  const { rows } = await db.query<{ platform: Platform; runs: number; calls: number | null; quota: number | null }>(
    `select a.platform, count(*) as runs, sum(r.calls) as calls, sum(r.quota_units) as quota
     from harvest_runs r join accounts a on a.id = r.account_id
     where r.started_at >= $1
     group by a.platform order by a.platform`,
    [since],
  );
  return rows.map((r) => ({ platform: r.platform, runs: Number(r.runs), calls: Number(r.calls ?? 0), quotaUnits: Number(r.quota ?? 0) }));
}

export type RunCount = { platform: Platform; status: string; runs: number };

/** Harvest runs per platform and outcome started at or after `since` (for /metrics). */
export async function harvestRunCounts(db: Queryable, since: Date): Promise<RunCount[]> {
  const { rows } = await db.query<{ platform: Platform; status: string; runs: number }>(
    `select a.platform, r.status, count(*) as runs
     from harvest_runs r join accounts a on a.id = r.account_id
     where r.started_at >= $1
     group by a.platform, r.status order by a.platform, r.status`,
    [since],
  );
  return rows.map((r) => ({ platform: r.platform, status: r.status, runs: Number(r.runs) }));
}

/** Alert deliveries per level recorded at or after `since` (for /metrics). */
export async function alertDeliveryCounts(db: Queryable, since: Date): Promise<Array<{ level: string; deliveries: number }>> {
  const { rows } = await db.query<{ level: string; deliveries: number }>(
    `select level, count(*) as deliveries from alert_deliveries where delivered_at >= $1 group by level order by level`,
    [since],
  );
  return rows.map((r) => ({ level: r.level, deliveries: Number(r.deliveries) }));
}
