import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

import { buildApp } from '../src/api/app.js';
import { systemClock } from '../src/clock.js';
import { DISTRIBUTION_IDS, INDICATOR_IDS } from '../src/indicators/definitions.js';
import { weekRange } from '../src/indicators/iso-week.js';
import { backfillTrendPoints } from '../src/jobs/trend-points.js';
import { makeLogger } from '../src/logger.js';
import { createApiKey } from '../src/store/api-keys.js';
import { openPglite, openPostgres, type Db } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { seedRegister } from '../src/store/register.js';
import type { BenchResult } from './run.js';

/**
 * p95 latency of the sector trend endpoint (`/api/v1/trends`, 104 weeks, sector key: suppression applied) at
 * 50 concurrent keep-alive clients, with two years of indicator rows for every municipality (357), county,
 * the sector and one account per municipality inserted straight into indicator_values. A small load
 * generator on node:http (autocannon is not installed) runs for DURATION_MS after a warm-up. Goal (issue
 * 11): p95 < 100 ms, and since issue 23 also without the cache (the stored trend points, sql/0080, written here as
 * the recompute writes them). Uses DATABASE_URL in a throw-away schema, else an in-memory PGlite.
 */
const FIRST = '2024-W48';
const LAST = '2026-W47';
const CLIENTS = 50;
const WARMUP_MS = 2_000;
const DURATION_MS = 10_000;

export async function seed(db: Db, weeks: readonly string[]): Promise<number> {
  await db.query(
    `insert into accounts (municipality_code, platform, external_id, handle)
     select code, 'facebook', 'bench-' || code, 'bench-' || code from municipalities`,
  );
  const template = Object.fromEntries(INDICATOR_IDS.map((id) => [id, 0]));
  const dist = Object.fromEntries(DISTRIBUTION_IDS.map((id) => [id, { p25: 0.3, median: 0.5, p75: 0.7, municipalities: 20 }]));
  // Rows per scope: values vary with a hash of (scope id, week) so no two rows are equal.
  const insert = (scopeSql: string, from: string, distribution: boolean) =>
    db.query(
      `insert into indicator_values (scope, scope_id, week, definition_version, "values", n, flags, coverage, gap_accounts, provisional, distribution, computed_at)
       select ${scopeSql}, w.week, 1,
         $2::jsonb || jsonb_build_object(
           'dialogue_index', (abs(hashtext(s.id || w.week)) % 100),
           'response_rate', (abs(hashtext(w.week || s.id)) % 1000) / 1000.0,
           'reply_share', (abs(hashtext(s.id || 'r' || w.week)) % 1000) / 1000.0,
           'citizen_share', (abs(hashtext(s.id || 'c' || w.week)) % 1000) / 1000.0,
           'questions', (abs(hashtext(s.id || 'q' || w.week)) % 40)),
         jsonb_build_object('response_rate', (abs(hashtext(s.id || 'q' || w.week)) % 40), 'dialogue_index', 40, 'municipalities', s.m),
         '{}'::jsonb, 1, '[]'::jsonb, false, case when $3 then $4::jsonb end, now()
       from ${from}
       cross join unnest($1::text[]) as w(week)`,
      [weeks, JSON.stringify(template), distribution, JSON.stringify(dist)],
    );
  await insert(`'municipality', s.id`, `(select code as id, 1 as m from municipalities) s`, false);
  await insert(`'account', s.id`, `(select id::text as id, 1 as m from accounts) s`, false);
  await insert(`'county', s.id`, `(select county_code as id, count(*)::int as m from municipalities group by county_code) s`, true);
  await insert(`'sector', s.id`, `(select 'NO' as id, count(*)::int as m from municipalities) s`, true);
  // What the indicator recompute stores beside its county and sector rows (sql/0080).
  await backfillTrendPoints(db);
  const { rows } = await db.query<{ n: number }>('select count(*) as n from indicator_values');
  await db.query('analyze indicator_values');
  await db.query('analyze trend_points');
  return Number(rows[0]?.n ?? 0);
}

type Sample = { ms: number; status: number };

/**
 * The load generator runs in a worker thread (its own event loop), so timing the clients does not compete
 * with the server for the main loop: `CLIENTS` loops, each one request at a time on a keep-alive socket.
 */
const LOADER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, headers, clients, durationMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const ms = [];
const status = [];
const until = Date.now() + durationMs;
const one = () => new Promise((resolve, reject) => {
  const t0 = process.hrtime.bigint();
  const req = http.get(url, { agent, headers }, (res) => {
    res.resume();
    res.on('end', () => { ms.push(Number(process.hrtime.bigint() - t0) / 1e6); status.push(res.statusCode); resolve(); });
  });
  req.on('error', reject);
});
Promise.all(Array.from({ length: clients }, async () => { while (Date.now() < until) await one(); }))
  .then(() => { agent.destroy(); parentPort.postMessage({ ms, status }); });
`;

async function load(url: string, headers: Record<string, string>, durationMs: number): Promise<Sample[]> {
  const { Worker } = await import('node:worker_threads');
  const w = new Worker(LOADER, { eval: true, workerData: { url, headers, clients: CLIENTS, durationMs } });
  const out = await new Promise<{ ms: number[]; status: number[] }>((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  await w.terminate();
  return out.ms.map((m, i) => ({ ms: m, status: out.status[i] ?? 0 }));
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export default async function bench(): Promise<BenchResult> {
  const url = process.env.DATABASE_URL;
  const schema = `bench_api_${randomBytes(4).toString('hex')}`;
  let db: Db;
  if (url) {
    const admin = openPostgres(url, { max: 1 });
    await admin.query(`create schema ${schema}`);
    await admin.close();
    db = openPostgres(url, { searchPath: schema, max: 10 });
  } else {
    db = await openPglite();
  }
  const log = makeLogger({ LOG_LEVEL: 'silent' } as never);
  const secret = randomBytes(32).toString('hex');
  const app = buildApp({ db, log, clock: systemClock, secret });
  const uncached = buildApp({ db, log, clock: systemClock, secret, aggregateCacheMs: 0 });
  try {
    await migrate(db);
    await seedRegister(db);
    const weeks = weekRange(FIRST, LAST);
    const rows = await seed(db, weeks);
    const { key } = await createApiKey(db, { role: 'sector', municipality: null, name: 'bench' }, new Date());
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const target = `http://127.0.0.1:${port}/api/v1/trends?scope=sector&from=${FIRST}&to=${LAST}`;
    const headers = { authorization: `Bearer ${key}` };
    const probe = await fetch(target, { headers });
    const body = (await probe.json()) as { data: unknown[] };
    if (probe.status !== 200 || body.data.length !== weeks.length) throw new Error(`unexpected trend answer ${probe.status}`);
    await load(target, headers, WARMUP_MS);
    const samples = await load(target, headers, DURATION_MS);
    const ok = samples
      .filter((s) => s.status === 200)
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    // The same load without the 5-second aggregate cache: every request reads Postgres.
    await uncached.listen({ port: 0, host: '127.0.0.1' });
    const raw = `http://127.0.0.1:${(uncached.server.address() as AddressInfo).port}/api/v1/trends?scope=sector&from=${FIRST}&to=${LAST}`;
    await load(raw, headers, WARMUP_MS);
    const rawSamples = await load(raw, headers, DURATION_MS);
    const rawOk = rawSamples
      .filter((s) => s.status === 200)
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    return {
      name: 'HTTP API: sector trend under load',
      command: 'npm run bench -- api',
      metrics: {
        database: url ? 'Postgres (DATABASE_URL)' : 'PGlite (embedded)',
        indicator_rows: rows,
        weeks_per_response: weeks.length,
        concurrent_clients: CLIENTS,
        requests: samples.length,
        non_200: samples.length - ok.length,
        requests_per_s: Math.round(samples.length / (DURATION_MS / 1000)),
        p50_ms: pct(ok, 50),
        p95_ms: pct(ok, 95),
        p99_ms: pct(ok, 99),
        max_ms: ok.at(-1) ?? NaN,
        goal_p95_ms: 100,
        uncached_requests_per_s: Math.round(rawSamples.length / (DURATION_MS / 1000)),
        uncached_p50_ms: pct(rawOk, 50),
        uncached_p95_ms: pct(rawOk, 95),
        goal_uncached_p95_ms: 100,
        uncached_non_200: rawSamples.length - rawOk.length,
      },
      notes: `GET /api/v1/trends?scope=sector&from=${FIRST}&to=${LAST} with a sector key (bearer lookup, suppression, JSON) for ${DURATION_MS / 1000} s after a ${WARMUP_MS / 1000} s warm-up; ${CLIENTS} clients on keep-alive sockets from a worker thread (node:http; autocannon is not installed); one app process with a pool of 10 connections. uncached_*: the same run with the 5-second aggregate cache off (every request reads Postgres: the stored trend points of sql/0080 in index order, joined in Node; goal p95 < 100 ms, issue 23). The load average at the start says how busy the machine was; compare runs on an idle machine.`,
    };
  } finally {
    await app.close();
    await uncached.close();
    await db.close();
    if (url) {
      const admin = openPostgres(url, { max: 1 });
      await admin.query(`drop schema ${schema} cascade`);
      await admin.close();
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await bench(), null, 2));
}
