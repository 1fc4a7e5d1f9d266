import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';

import { buildApp } from '../src/api/app.js';
import { CLASSIFIER_VERSION } from '../src/classifier/version.js';
import { systemClock } from '../src/clock.js';
import { weekBounds, weekRange } from '../src/indicators/iso-week.js';
import { computeIndicators } from '../src/jobs/compute-indicators.js';
import { makeLogger } from '../src/logger.js';
import { computeAccountWeeks } from '../src/store/account-weeks.js';
import { createApiKey } from '../src/store/api-keys.js';
import { openPostgres, type Db } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { readPostKindSums, storePostKindWeeks } from '../src/store/post-kind-weeks.js';
import { seedRegister } from '../src/store/register.js';
import { benchSchema } from './lib/schema.js';
import type { BenchResult } from './run.js';

/**
 * The post-kind figures (#23 part B) at national scale: one year (52 weeks) of broadcast posts for all 357
 * municipalities — a Facebook account posting 3 times a week and an X account posting twice — with 0–11 citizen
 * comments per post (skewed: most posts draw few, mean ≈ 3.7; branches of three where the page answers about
 * half the time, 30 % of citizen items need an answer) and a stored post kind for every post, inserted straight
 * into Postgres (DATABASE_URL) in a throw-away schema (BENCH_POST_KINDS_SCHEMA=<name> keeps it for the next run).
 *
 * Computed per request (the first version) one national week took about 9 s and a year did not finish in
 * minutes, so the indicator recompute now stores the sums (sql/0100, src/store/post-kind-weeks.ts). Measured:
 * the full recompute of the year, what the post-kind step adds to one 8-week chunk of it, and then a sector
 * key's `GET /api/v1/post-kinds` over the year, the stored read alone, the CSV export and the annual summary
 * (which reads the same figures), each once cold and then REPEAT times. Goal: one request for the sector over a
 * year well under a second.
 */
const FIRST = '2025-W49';
const WEEKS = 52;
const LAST = '2026-W48';
const REPEAT = 5;
const KINDS = ['service_info', 'event', 'crisis', 'smalltalk', 'dialogue_invitation', 'other'];

async function generate(db: Db): Promise<{ posts: number; items: number }> {
  const start = weekBounds(FIRST).start.toISOString();
  await db.query(
    `insert into accounts (municipality_code, platform, external_id)
     select m.code, p.platform, m.code || '-' || p.platform
     from municipalities m cross join (values ('facebook'), ('x')) as p(platform)`,
  );
  await db.query(`select setseed(0.23)`);
  // Posts: 3 a week on Facebook, 2 on X, spread over the week; a kind each (service information most often).
  await db.query(
    `insert into items (account_id, platform, external_id, kind, parent_external_id, root_external_id,
       branch_external_id, author_role, author_key, created_at, first_seen_at, last_seen_at)
     select a.id, a.platform, 'p' || a.id || '-' || k, 'post', null, 'p' || a.id || '-' || k, null, 'owner',
       'page' || a.id, t.ts, t.ts, t.ts
     from accounts a
     cross join lateral (select case when a.platform = 'facebook' then 3 else 2 end as per_week) f
     cross join lateral generate_series(0, $2::int * f.per_week - 1) as k
     cross join lateral (
       select $1::timestamptz + k * (interval '168 hours' / f.per_week) + random() * interval '30 hours' as ts
     ) t`,
    [start, WEEKS],
  );
  await db.query(
    `insert into classifications (item_id, classifier_version, post_kind, classified_at)
     select id, $1, ($2::text[])[1 + least(5, floor(power(random(), 1.6) * 6))::int], now()
     from items where kind = 'post'`,
    [CLASSIFIER_VERSION, KINDS],
  );
  // Comments: a skewed count per post (most posts draw few), in branches of three as bench/indicators.ts.
  await db.query(
    `insert into items (account_id, platform, external_id, kind, parent_external_id, root_external_id,
       branch_external_id, author_role, author_key, created_at, first_seen_at, last_seen_at)
     select p.account_id, p.platform, p.external_id || '-c' || j, 'comment',
       case when j % 3 = 0 then p.external_id else p.external_id || '-c' || (j - 1) end,
       p.external_id, p.external_id || '-c' || (j - j % 3),
       r.role,
       case when r.role = 'owner' then 'page' || p.account_id else 'u' || (floor(random() * 4000))::int end,
       c.ts, c.ts, c.ts
     from (select i.*, floor(power(random(), 2) * 12)::int as n from items i where i.kind = 'post') p
     cross join lateral generate_series(0, p.n - 1) as j
     cross join lateral (select case when j % 3 = 1 and random() < 0.5 then 'owner' else 'citizen' end as role) r
     cross join lateral (
       select p.created_at + (j * 3 + random() * 3) * interval '1 hour' + case when random() < 0.05 then interval '8 days' else interval '0' end as ts
     ) c`,
  );
  await db.query(
    `insert into classifications (item_id, classifier_version, needs_answer, kind, classified_at)
     select id, $1, random() < 0.3, 'other', now() from items where author_role = 'citizen'`,
    [CLASSIFIER_VERSION],
  );
  await db.query(`analyze`);
  const { rows } = await db.query<{ posts: number; items: number }>(
    `select (count(*) filter (where kind = 'post'))::int as posts, count(*)::int as items from items`,
  );
  return { posts: rows[0]?.posts ?? 0, items: rows[0]?.items ?? 0 };
}

/** Milliseconds of `fn` once cold, then the median and max of REPEAT more runs. */
async function timed(fn: () => Promise<unknown>): Promise<{ cold: number; median: number; max: number }> {
  const once = async () => {
    const t0 = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const cold = await once();
  const warm: number[] = [];
  for (let i = 0; i < REPEAT; i++) warm.push(await once());
  warm.sort((a, b) => a - b);
  return { cold: Math.round(cold), median: Math.round(warm[Math.floor(warm.length / 2)] ?? NaN), max: Math.round(warm.at(-1) ?? NaN) };
}

export default async function bench(): Promise<BenchResult> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('bench/post-kinds.ts needs DATABASE_URL (a real Postgres)');
  const { schema, keep } = benchSchema('BENCH_POST_KINDS_SCHEMA', 'bench_pk');
  const admin = openPostgres(url, { max: 1 });
  await admin.query(`create schema if not exists ${schema}`);
  const db = openPostgres(url, { searchPath: schema, max: 10 });
  const log = makeLogger({ LOG_LEVEL: 'silent' } as never);
  const app = buildApp({ db, log, clock: systemClock, secret: randomBytes(32).toString('hex'), aggregateCacheMs: 0 });
  try {
    await migrate(db);
    const t0 = Date.now();
    const counted = await db.query<{ posts: number; items: number }>(
      `select (count(*) filter (where kind = 'post'))::int as posts, count(*)::int as items from items`,
    );
    const reuse = keep && (counted.rows[0]?.items ?? 0) > 0;
    if (!reuse) await seedRegister(db);
    const { posts, items } = reuse ? (counted.rows[0] as { posts: number; items: number }) : await generate(db);
    const generateS = (Date.now() - t0) / 1000;
    await db.query(`truncate trend_points, indicator_values, indicator_account_weeks, post_kind_weeks, indicator_dirty`);
    const t1 = Date.now();
    const clock = () => new Date(weekBounds(LAST).end.getTime() + 7 * 86_400_000);
    await computeIndicators({ all: true }, { db, log, clock });
    const recomputeS = (Date.now() - t1) / 1000;
    // One 8-week chunk of every account, as the recompute reads it: the account-week step, then the post-kind step.
    const chunk = weekRange('2026-W10', '2026-W17');
    const step = await db.transaction(async (tx) => {
      const a = Date.now();
      const written = await computeAccountWeeks(tx, {
        weeks: chunk.map((w) => ({ week: w, ...weekBounds(w) })),
        accounts: null,
        classifierVersion: CLASSIFIER_VERSION,
        now: clock(),
      });
      const b = Date.now();
      await storePostKindWeeks(tx, { weeks: chunk, accounts: written, classifierVersion: CLASSIFIER_VERSION, now: clock() });
      return { accountWeeksMs: b - a, postKindsMs: Date.now() - b };
    });
    const { key } = await createApiKey(db, { role: 'sector', municipality: null, name: 'bench' }, new Date());
    const headers = { authorization: `Bearer ${key}` };
    const get = async (path: string) => {
      const r = await app.inject({ url: path, headers });
      if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      return r;
    };
    const check = (await get(`/api/v1/post-kinds?from=${FIRST}&to=${LAST}`)).json() as {
      sector: { posts: number; municipalities: number };
    };
    if (check.sector.posts !== posts) throw new Error(`post-kinds counted ${check.sector.posts} posts of ${posts}`);
    const api = await timed(() => get(`/api/v1/post-kinds?from=${FIRST}&to=${LAST}`));
    const quarter = await timed(() => get(`/api/v1/post-kinds?from=2026-W36&to=${LAST}`));
    const store = await timed(() => readPostKindSums(db, { from: FIRST, to: LAST, classifierVersion: CLASSIFIER_VERSION }));
    const csv = await timed(() => get(`/api/v1/exports/post-kinds.csv?from=${FIRST}&to=${LAST}`));
    const annual = await timed(() => get(`/api/v1/annual-summary?year=2026`));
    const [l1, l5] = loadavg();
    return {
      name: 'Post kinds at national scale: stored by the recompute, read per request',
      command: 'DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench -- post-kinds',
      metrics: {
        municipalities: check.sector.municipalities,
        weeks: WEEKS,
        posts,
        items,
        generate_s: generateS,
        full_recompute_s: recomputeS,
        chunk_8_weeks_account_weeks_ms: step.accountWeeksMs,
        chunk_8_weeks_post_kinds_ms: step.postKindsMs,
        year_api_cold_ms: api.cold,
        year_api_median_ms: api.median,
        year_api_max_ms: api.max,
        year_store_read_median_ms: store.median,
        year_csv_median_ms: csv.median,
        quarter_api_median_ms: quarter.median,
        annual_summary_median_ms: annual.median,
        goal_year_api_ms: 1000,
        load_average_1m_5m: `${l1?.toFixed(2)} / ${l5?.toFixed(2)}`,
      },
      notes:
        `GET /api/v1/post-kinds?from=${FIRST}&to=${LAST} (sector key, suppressed view) through the app (inject, no socket), ` +
        `once cold and ${REPEAT} times after; quarter = the last 13 weeks; store read = readPostKindSums alone; ` +
        `full_recompute_s = computeIndicators({all}) over the seeded year with the post-kind step; chunk_8_weeks_* = one 8-week chunk of all accounts: ` +
        `the account-week step (computeAccountWeeks) and the post-kind step after it (storePostKindWeeks), in one transaction. ` +
        `annual = /api/v1/annual-summary?year=2026 (it reads the same figures for the year). One request at a time. ` +
        `Postgres 15 on this machine (2 cores); the load average says how busy it was.`,
    };
  } finally {
    await app.close();
    await db.close();
    if (!keep) await admin.query(`drop schema ${schema} cascade`);
    await admin.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  bench().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
