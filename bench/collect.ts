import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';

import { loadConfig } from '../config/env.js';
import { fixedClock } from '../src/clock.js';
import { collectAccount, type CollectDeps } from '../src/jobs/collect-account.js';
import { inParallel } from '../src/jobs/in-parallel.js';
import { makeLogger } from '../src/logger.js';
import { makePseudonymiser } from '../src/privacy/pseudonymise.js';
import { makeTokenCipher } from '../src/privacy/token-cipher.js';
import { upsertAccounts } from '../src/store/accounts.js';
import { openPostgres, type Db } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { seedRegister } from '../src/store/register.js';
import { simulatedRegistrations } from '../src/simulator/registrations.js';
import { generateWorld, type World } from '../src/simulator/world.js';
import type { BenchResult } from './run.js';

/**
 * Collector backfill throughput (issue 4): `sync --since` of N simulated municipalities (all three platforms,
 * BENCH_COLLECT_WEEKS of history, default 26: a backfill is typically months) from the platform simulator into
 * Postgres, one worker running LYTTEPOST_WORKER_CONCURRENCY accounts at once — next to a raw `COPY … FROM STDIN`
 * of the very same item rows after each pass. The backfill runs once in a fresh process, then
 * BENCH_COLLECT_WARM_PASSES times (default 5) in the warmed one; the headline is the median of the warm passes.
 * The simulator runs in a child process so the RSS measured here is the worker's alone. Goals: ≥ 25 % of COPY's
 * speed, RSS < 300 MB.
 *
 * COPY is sent through pg's documented submittable interface (an object with `submit(connection)` that the
 * client drives with the protocol's messages; what pg-copy-streams does), so no dependency is added. The
 * single-statement `insert … select from jsonb_to_recordset` of the same rows is reported beside it.
 */
const SEED = 99;
const MUNICIPALITIES = Number(process.env.BENCH_COLLECT_MUNICIPALITIES ?? 40);
const WEEKS = Number(process.env.BENCH_COLLECT_WEEKS ?? 26);
const NOW = new Date('2026-11-27T12:00:00Z');
const START = new Date(NOW.getTime() - WEEKS * 7 * 86_400_000);
const SECRET = 'bench-collect-secret-bench-collect-secret';
const CONCURRENCY = Number(process.env.LYTTEPOST_WORKER_CONCURRENCY ?? 4);
/**
 * Passes after the first, in the warmed process. Five: on a shared 2-core machine one pass's share of COPY moves
 * by ±15 % from the next (the simulator's CPU for the same requests by as much), and the median of three moved
 * with it. Six passes stay within the simulator's X rate window (450 mention reads in 15 minutes); a seventh
 * would be refused.
 */
const WARM_PASSES = Number(process.env.BENCH_COLLECT_WARM_PASSES ?? 5);

const COLUMNS = [
  'account_id',
  'platform',
  'external_id',
  'kind',
  'parent_external_id',
  'root_external_id',
  'branch_external_id',
  'author_role',
  'author_key',
  'created_at',
  'edited_at',
  'deleted_at',
  'hidden_at',
  'text',
  'permalink',
  'first_seen_at',
  'last_seen_at',
] as const;

/**
 * `COPY … FROM STDIN` through pg's submittable interface (an object with `submit(connection)` that the client
 * drives with the protocol's messages; what pg-copy-streams does), so no dependency is added: the client calls
 * submit() when the connection is free, handleCopyInResponse() when the server is ready for data, and
 * handleReadyForQuery() at the end. On failure the client calls handleError() and no longer sees this query as
 * active (ReadyForQuery then goes to the client alone, which runs its next queued query): the promise rejects
 * there, with the server's error (a `code` such as 23505 included).
 */
function copyFromStdin(client: pg.ClientBase, sql: string, data: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    // oxlint-disable-next-line no-empty-function -- pg's submittable protocol: messages a COPY does not use
    const noop = () => {};
    const q = {
      submit(connection: { query(text: string): void }) {
        connection.query(sql);
      },
      handleCopyInResponse(connection: { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }) {
        for (let i = 0; i < data.length; i += 1 << 20) connection.sendCopyFromChunk(data.subarray(i, i + (1 << 20)));
        connection.endCopyFrom();
      },
      handleCommandComplete(msg: { text?: string }) {
        rows = Number(/\d+$/.exec(msg.text ?? '')?.[0] ?? 0);
      },
      handleError(err: unknown) {
        reject(err);
      },
      handleReadyForQuery() {
        resolve(rows);
      },
      handleRowDescription: noop,
      handleDataRow: noop,
      handleEmptyQuery: noop,
      handlePortalSuspended: noop,
      handleCopyData: noop,
    };
    (client as unknown as { query(q: unknown): void }).query(q);
  });
}

/** One field of COPY's CSV format: null is an unquoted empty field, everything else is quoted ("" inside). */
function csvField(v: string | number | Date | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = v instanceof Date ? v.toISOString() : String(v);
  return s.includes('"') ? `"${s.replaceAll('"', '""')}"` : `"${s}"`;
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux); null elsewhere. The machine is
 * shared, so wall time alone says little: CPU per item of each process is what the backfill costs.
 */
function cpuMsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks, USER_HZ = 100 on Linux
  } catch {
    return null;
  }
}

async function startSimChild(): Promise<{ url: string; pid: number; stop(): void }> {
  const server = fileURLToPath(new URL('../src/simulator/server.ts', import.meta.url));
  const world = fileURLToPath(new URL('../src/simulator/world.ts', import.meta.url));
  const code = `
    const { startSimulator } = await import(${JSON.stringify(server)});
    const { generateWorld } = await import(${JSON.stringify(world)});
    const w = generateWorld({ seed: ${SEED}, municipalities: ${MUNICIPALITIES}, start: new Date(${START.getTime()}), end: new Date(${NOW.getTime()}), platforms: ['facebook', 'youtube', 'x'] });
    // Generate every account's history before timing starts: a real platform serves stored data, it does not
    // invent it on the first request, and the collector's speed is what is measured here.
    for (const a of w.accounts) w.data(a.externalId);
    const sim = await startSimulator({ world: w, port: 0, clock: () => new Date(${NOW.getTime()}), youtubeQuota: 1e9 });
    process.stdout.write('URL ' + sim.url + '\\n');
    // Exit (not die) on SIGTERM, so that --cpu-prof writes its profile.
    process.on('SIGTERM', () => process.exit(0));
  `;
  // BENCH_SIM_PROFILE=<dir>: a CPU profile of the simulator child (world generation included) written there.
  const prof = process.env.BENCH_SIM_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SIM_PROFILE}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', '--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /URL (\S+)/.exec(buf);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (c) => reject(new Error(`simulator child exited with ${c}`)));
  });
  return { url, pid: child.pid ?? 0, stop: () => child.kill('SIGTERM') };
}

/**
 * Every timed load starts right after a checkpoint: the first write of a page after one logs the whole page, so a
 * checkpoint falling just before one load and not another (the WAL of a backfill triggers them) moved COPY's rate
 * by half between runs. Needs superuser; without it the loads are timed as they come.
 */
async function checkpoint(admin: Db): Promise<void> {
  // oxlint-disable-next-line no-empty-function -- without superuser the loads are timed as they come (above)
  await admin.query('checkpoint').catch(() => {});
}

type Pass = {
  db: Db;
  schema: string;
  accounts: number;
  items: number;
  snapshots: number;
  calls: number;
  seconds: number;
  workerCpuS: number;
  simCpuS: number | null;
  pgCpuS: number | null;
};

/**
 * What a worker process keeps for its lifetime: its logger, pseudonymiser, cipher, clock and configuration, shared
 * by the passes as by a worker's jobs. Built anew for every pass, they made V8 throw away the optimised code of
 * the collector's normalisers and pass at each pass (`--trace-deopt`: "weak objects", code that had embedded the
 * previous pass's objects) and compile it again, which a long-running worker does not pay. The pool is the
 * exception: each pass writes into an empty schema of its own through new connections (backends reused across a
 * dropped and re-created schema spent up to twice the Postgres CPU in some passes, which production never sees).
 */
type WorkerParts = Omit<CollectDeps, 'db' | 'onProgress'>;

function workerParts(url: string, sim: { url: string }, world: World): WorkerParts {
  return {
    log: makeLogger({ LOG_LEVEL: 'silent' }),
    clock: fixedClock(NOW),
    pseudonymise: makePseudonymiser(SECRET),
    cipher: makeTokenCipher(SECRET),
    cfg: loadConfig({
      DATABASE_URL: url,
      LYTTEPOST_SECRET: SECRET,
      FACEBOOK_GRAPH_URL: sim.url,
      YOUTUBE_API_URL: sim.url,
      X_API_URL: sim.url,
      YOUTUBE_API_KEY: world.shared.youtubeKey,
      X_BEARER_TOKEN: world.shared.xBearer,
      LYTTEPOST_YOUTUBE_DAILY_QUOTA: '100000000',
    }),
  };
}

/**
 * One timed `sync --since` of every account of the world into a fresh schema (migrated, register seeded,
 * accounts registered before timing), LYTTEPOST_WORKER_CONCURRENCY accounts at once as `lyttepost worker` runs
 * jobs. Returns with the schema's pool still open.
 */
async function timedBackfill(
  url: string,
  admin: Db,
  sim: { pid: number },
  world: World,
  parts: WorkerParts,
  profile: string | null,
): Promise<Pass> {
  const schema = `bench_col_${randomBytes(4).toString('hex')}`;
  await admin.query(`create schema ${schema}`);
  // Named, so that the backfill's Postgres backends can be found in pg_stat_activity for their CPU time.
  const named = new URL(url);
  named.searchParams.set('application_name', schema);
  const db = openPostgres(named.toString(), { searchPath: schema, max: 4 });
  await migrate(db);
  await seedRegister(db);
  const accounts = await upsertAccounts(db, parts.cipher, simulatedRegistrations(world), parts.clock());
  const deps: CollectDeps = { ...parts, db };
  // Open the pool's four connections first, so that every backend the backfill uses is measured.
  await Promise.all([1, 2, 3, 4].map(() => db.query('select pg_sleep(0.05)')));
  await checkpoint(admin);
  const backends = async () =>
    (await admin.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [schema])).rows.map((r) => r.pid);
  const pgBefore = new Map((await backends()).map((pid) => [pid, cpuMsOf(pid)]));
  const simBefore = cpuMsOf(sim.pid);
  const workerBefore = process.cpuUsage();
  // BENCH_PROFILE=<file>: a CPU profile of the worker during the backfill alone (open it in Chrome DevTools).
  const profiler = profile ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const t0 = performance.now();
  let calls = 0;
  const runOne = async (a: (typeof accounts)[number]) => {
    const s = await collectAccount({ accountId: a.id, slot: 'bench', since: START }, deps);
    if ('skipped' in s) throw new Error(`account ${a.id} skipped: ${s.skipped}`);
    if (s.outcome !== 'succeeded') throw new Error(`account ${a.id}: ${s.outcome} ${JSON.stringify(s.errors)}`);
    calls += s.calls;
  };
  await inParallel(
    accounts.map((a) => () => runOne(a)),
    CONCURRENCY,
  );
  const seconds = (performance.now() - t0) / 1000;
  if (profiler && profile) {
    const { profile: p } = await profiler.post('Profiler.stop');
    writeFileSync(profile, JSON.stringify(p));
    profiler.disconnect();
  }
  const worker = process.cpuUsage(workerBefore);
  const simAfter = cpuMsOf(sim.pid);
  let pgCpuS: number | null = 0;
  for (const pid of await backends()) {
    // A backend started during the pass (the lock connections, opened as passes need them) counts from zero. One
    // that also ended during it is not seen: the lock connection a pass used to open and close went uncounted.
    const before = pgBefore.has(pid) ? pgBefore.get(pid) : 0;
    const after = cpuMsOf(pid);
    if (before === undefined || before === null || after === null) pgCpuS = null;
    else if (pgCpuS !== null) pgCpuS += (after - before) / 1000;
  }
  const count = async (table: string) => (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]?.n ?? 0;
  return {
    db,
    schema,
    accounts: accounts.length,
    items: await count('items'),
    snapshots: await count('metric_snapshots'),
    calls,
    seconds,
    workerCpuS: (worker.user + worker.system) / 1e6,
    simCpuS: simBefore === null || simAfter === null ? null : (simAfter - simBefore) / 1000,
    pgCpuS,
  };
}

type References = { copyPerS: number; rawPerS: number; copyCpuMsPer1k: number | null };

/**
 * The raw references for one pass: its stored rows, already built, loaded into an empty copy of the items table
 * (indexes, checks and foreign key included) by COPY FROM STDIN and by one jsonb_to_recordset insert, each timed three times right after
 * a checkpoint and its fastest run kept (the machine is shared; that favours the references, never the backfill).
 */
async function references(url: string, admin: Db, pass: Pass): Promise<References> {
  const { db, schema } = pass;
  const { rows } = await db.query<Record<string, unknown>>(`select ${COLUMNS.join(', ')} from items`);
  // The same table as items: its indexes, checks and its foreign key to accounts, which every stored item pays.
  for (const t of ['items_copy', 'items_raw']) {
    await db.query(
      `create table if not exists ${t} (like items including all,
         foreign key (account_id) references accounts (id) on delete cascade)`,
    );
  }
  const csv = Buffer.from(rows.map((r) => COLUMNS.map((c) => csvField(r[c] as string | number | Date | null)).join(',')).join('\n') + '\n');
  const payload = JSON.stringify(rows);
  const copyClient = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await copyClient.connect();
  const copyPid = (await copyClient.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid ?? null;
  let copyS = Number.POSITIVE_INFINITY;
  let rawS = Number.POSITIVE_INFINITY;
  let copyCpuS: number | null = null;
  try {
    for (let run = 0; run < 3; run++) {
      await db.query('truncate items_copy, items_raw');
      await checkpoint(admin);
      const cpuBefore = copyPid === null ? null : cpuMsOf(copyPid);
      const t1 = performance.now();
      const copied = await copyFromStdin(copyClient, `copy items_copy (${COLUMNS.join(', ')}) from stdin (format csv)`, csv);
      const seconds = (performance.now() - t1) / 1000;
      const cpuAfter = copyPid === null ? null : cpuMsOf(copyPid);
      if (copied !== rows.length) throw new Error(`COPY loaded ${copied} of ${rows.length} rows`);
      if (seconds < copyS) {
        copyS = seconds;
        copyCpuS = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / 1000;
      }
      await checkpoint(admin);
      const t2 = performance.now();
      await db.query(
        `insert into items_raw (${COLUMNS.join(', ')})
         select * from jsonb_to_recordset($1::jsonb) as r(account_id bigint, platform text, external_id text, kind text,
              parent_external_id text, root_external_id text, branch_external_id text, author_role text, author_key text,
              created_at timestamptz, edited_at timestamptz, deleted_at timestamptz, hidden_at timestamptz, text text,
              permalink text, first_seen_at timestamptz, last_seen_at timestamptz)`,
        [payload],
      );
      rawS = Math.min(rawS, (performance.now() - t2) / 1000);
    }
  } finally {
    await copyClient.end();
  }
  return {
    copyPerS: rows.length / copyS,
    rawPerS: rows.length / rawS,
    copyCpuMsPer1k: copyCpuS === null ? null : (copyCpuS / rows.length) * 1e6,
  };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((x, y) => x - y);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

export default async function bench(): Promise<BenchResult> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('bench/collect.ts needs DATABASE_URL (a real Postgres)');
  const admin = openPostgres(url, { max: 1 });
  const sim = await startSimChild();
  const passes: Pass[] = [];
  // The worker's memory is sampled during the first pass: a fresh process doing the backfill, as a worker would
  // (later passes would also count what the references left on the heap).
  let rssPeak = process.memoryUsage().rss;
  let sampler: ReturnType<typeof setInterval> | undefined = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 50);
  const stopSampling = () => {
    clearInterval(sampler);
    sampler = undefined;
  };
  try {
    // The three platforms the earlier runs measured (Instagram and Bluesky joined the default world in issue 24): numbers stay comparable.
    const world = generateWorld({
      seed: SEED,
      municipalities: MUNICIPALITIES,
      start: START,
      end: NOW,
      platforms: ['facebook', 'youtube', 'x'],
    });
    // The same backfill 1 + WARM_PASSES times, each into an empty schema and each followed by its own references
    // (the machine's speed drifts between runs by a quarter; a reference taken right after its pass drifts with
    // it). The first pass runs in a fresh process (what a one-off `sync --since` of this size costs, compiler
    // warm-up included); the others in the warmed process: the steady state of a worker, or of a backfill long
    // enough for the warm-up not to count. The goal is judged on the median share of the warm passes.
    const shares: number[] = [];
    const refs: References[] = [];
    const parts = workerParts(url, sim, world);
    for (let k = 0; k <= WARM_PASSES; k++) {
      const pass = await timedBackfill(url, admin, sim, world, parts, k === WARM_PASSES ? (process.env.BENCH_PROFILE ?? null) : null);
      passes.push(pass);
      if (sampler) {
        stopSampling();
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      }
      if (pass.items !== passes[0]?.items) throw new Error(`passes stored ${passes[0]?.items} and ${pass.items} items`);
      const ref = await references(url, admin, pass);
      refs.push(ref);
      shares.push(pass.items / pass.seconds / ref.copyPerS);
      // Each pass on its own line: the machine's speed drifts from one pass to the next, and the medians hide it.
      const cpu = (x: number | null) => (x === null ? 'n/a' : Math.round(x * 1000));
      process.stderr.write(
        `bench: collect pass ${k} of ${WARM_PASSES}: ${pass.seconds.toFixed(2)} s, ${(shares[k]! * 100).toFixed(1)} % of COPY; ` +
          `CPU-ms worker ${cpu(pass.workerCpuS)}, simulator ${cpu(pass.simCpuS)}, Postgres ${cpu(pass.pgCpuS)}\n`,
      );
    }
    const [cold, ...warm] = passes as [Pass, ...Pass[]];
    const warmRefs = refs.slice(1);
    const warmShares = shares.slice(1);
    const perK = (cpu: (p: Pass) => number | null, ps: readonly Pass[]) => {
      const v = ps.map((p) => cpu(p));
      return v.some((x) => x === null) ? 'n/a' : Math.round(median(v.map((x, i) => ((x as number) / (ps[i] as Pass).items) * 1e6)));
    };
    const pct = (x: number) => Number((x * 100).toFixed(1));
    const copyCpu = warmRefs.map((r) => r.copyCpuMsPer1k);
    return {
      // A run of another size gets a section of its own, beside the default one.
      name: MUNICIPALITIES === 40 ? 'Collector backfill throughput' : `Collector backfill throughput, ${MUNICIPALITIES} municipalities`,
      command: `DATABASE_URL=… npm run bench -- collect   (BENCH_COLLECT_MUNICIPALITIES=${MUNICIPALITIES} BENCH_COLLECT_WEEKS=${WEEKS} BENCH_COLLECT_WARM_PASSES=${WARM_PASSES})`,
      metrics: {
        municipalities: MUNICIPALITIES,
        weeks_of_history: WEEKS,
        concurrency: CONCURRENCY,
        accounts: cold.accounts,
        items: cold.items,
        metric_snapshots: cold.snapshots,
        platform_calls: cold.calls,
        warm_passes: WARM_PASSES,
        backfill_s: Number(median(warm.map((p) => p.seconds)).toFixed(2)),
        backfill_items_per_s: Math.round(median(warm.map((p) => p.items / p.seconds))),
        copy_rows_per_s: Math.round(median(warmRefs.map((r) => r.copyPerS))),
        share_of_copy_pct: pct(median(warmShares)),
        share_of_copy_pct_range: `${pct(Math.min(...warmShares))}–${pct(Math.max(...warmShares))}`,
        single_insert_rows_per_s: Math.round(median(warmRefs.map((r) => r.rawPerS))),
        share_of_single_insert_pct: pct(median(warm.map((p, i) => p.items / p.seconds / (warmRefs[i] as References).rawPerS))),
        first_pass_backfill_s: Number(cold.seconds.toFixed(2)),
        first_pass_items_per_s: Math.round(cold.items / cold.seconds),
        first_pass_share_of_copy_pct: pct(shares[0] as number),
        // During the first pass.
        worker_rss_peak_mb: Math.round(rssPeak / 1024 / 1024),
        // CPU per 1,000 items (medians of the warm passes): steadier than the wall-clock rates above.
        worker_cpu_ms_per_1k_items: perK((p) => p.workerCpuS, warm),
        simulator_cpu_ms_per_1k_items: perK((p) => p.simCpuS, warm),
        postgres_cpu_ms_per_1k_items: perK((p) => p.pgCpuS, warm),
        first_pass_worker_cpu_ms_per_1k_items: perK((p) => p.workerCpuS, [cold]),
        first_pass_simulator_cpu_ms_per_1k_items: perK((p) => p.simCpuS, [cold]),
        copy_postgres_cpu_ms_per_1k_rows: copyCpu.some((x) => x === null) ? 'n/a' : Math.round(median(copyCpu as number[])),
      },
      notes:
        "Backfill = HTTP calls to the simulator (separate process, loopback; the minimum calls the platforms' paging " +
        'allows, Facebook threads folded into the feed listing), zod parsing, pseudonymising and redaction, then grouped ' +
        'transactions (upsert, branch resolution, deletion marks, snapshots, dirty weeks, watermarks), each pass under ' +
        "its account's lock; a pass fetches and writes in turn, four accounts at once. The same backfill runs 1 + warm_passes times into empty schemas: `first_pass_*` in a " +
        'fresh process (JIT warm-up of worker and simulator included), then in the warmed process (headline rates: ' +
        'medians of the warm passes). After every pass its rows are loaded into an empty copy of the items table with ' +
        "its indexes, checks and foreign key — COPY FROM STDIN (CSV, through pg's submittable interface) and one jsonb_to_recordset insert, " +
        "each the fastest of three runs, each load right after a checkpoint — and the pass's share is taken against " +
        "its own references. Simulator, worker and Postgres share the machine's two cores; wall-clock rates, COPY's " +
        'included, drift by a quarter between runs, more than the CPU per 1,000 items of each process (from /proc). ' +
        "The first pass carries the compiler's warm-up, which a longer backfill spreads over more items: see the run " +
        'with 120 municipalities (BENCH_COLLECT_MUNICIPALITIES=120, three times the items; a third of the country, as ' +
        "X's 450 mention reads per 15 minutes keep one rate window from covering all 357). " +
        'Goal: ≥ 25 % of COPY, worker RSS < 300 MB.',
    };
  } finally {
    stopSampling();
    sim.stop();
    for (const p of passes) {
      await p.db.close();
      await admin.query(`drop schema ${p.schema} cascade`);
    }
    await admin.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`${JSON.stringify(await bench(), null, 2)}\n`);
}
