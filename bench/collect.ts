import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

import { loadConfig } from '../config/env.js';
import { fixedClock } from '../src/clock.js';
import { collectAccount } from '../src/jobs/collect-account.js';
import { makeLogger } from '../src/logger.js';
import { makePseudonymiser } from '../src/privacy/pseudonymise.js';
import { makeTokenCipher } from '../src/privacy/token-cipher.js';
import { upsertAccounts } from '../src/store/accounts.js';
import { openPostgres } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { seedRegister } from '../src/store/register.js';
import { generateWorld } from '../src/simulator/world.js';

/**
 * Collector backfill throughput (issue 4): `sync --since` of N simulated municipalities (all three platforms,
 * four weeks of history) from the platform simulator into Postgres, one worker, accounts one after another —
 * next to a raw bulk load of the very same item rows in the same run. The simulator runs in a child process
 * so the RSS measured here is the worker's alone. Goals: ≥ 25 % of the raw load's speed, RSS < 300 MB.
 *
 * The raw reference is one multi-row `insert … select from jsonb_to_recordset` of all rows in a single
 * statement: `COPY … FROM STDIN` needs pg-copy-streams, which is not a dependency. A single-statement insert
 * of pre-built JSON is within a small factor of COPY on Postgres and is the honest stand-in available here.
 */
const SEED = 99;
const MUNICIPALITIES = Number(process.env.BENCH_COLLECT_MUNICIPALITIES ?? 40);
const NOW = new Date('2026-11-27T12:00:00Z');
const START = new Date(NOW.getTime() - 28 * 86_400_000);
const SECRET = 'bench-collect-secret-bench-collect-secret';
const CONCURRENCY = Number(process.env.LYTTEPOST_WORKER_CONCURRENCY ?? 4);

async function startSimChild(): Promise<{ url: string; stop(): void }> {
  const server = fileURLToPath(new URL('../src/simulator/server.ts', import.meta.url));
  const world = fileURLToPath(new URL('../src/simulator/world.ts', import.meta.url));
  const code = `
    const { startSimulator } = await import(${JSON.stringify(server)});
    const { generateWorld } = await import(${JSON.stringify(world)});
    const w = generateWorld({ seed: ${SEED}, municipalities: ${MUNICIPALITIES}, start: new Date(${START.getTime()}), end: new Date(${NOW.getTime()}) });
    // Generate every account's history before timing starts: a real platform serves stored data, it does not
    // invent it on the first request, and the collector's speed is what is measured here.
    for (const a of w.accounts) w.data(a.externalId);
    const sim = await startSimulator({ world: w, port: 0, clock: () => new Date(${NOW.getTime()}), youtubeQuota: 1e9 });
    process.stdout.write('URL ' + sim.url + '\\n');
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /URL (\S+)/.exec(buf);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (c) => reject(new Error(`simulator child exited with ${c}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

export default async function bench(): Promise<{ name: string; command: string; metrics: Record<string, number | string>; notes?: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('bench/collect.ts needs DATABASE_URL (a real Postgres)');
  const schema = `bench_col_${randomBytes(4).toString('hex')}`;
  const admin = openPostgres(url, { max: 1 });
  await admin.query(`create schema ${schema}`);
  const db = openPostgres(url, { searchPath: schema, max: 4 });
  const sim = await startSimChild();
  try {
    await migrate(db);
    await seedRegister(db);
    const world = generateWorld({ seed: SEED, municipalities: MUNICIPALITIES, start: START, end: NOW });
    const clock = fixedClock(NOW);
    const cipher = makeTokenCipher(SECRET);
    const accounts = await upsertAccounts(
      db,
      cipher,
      world.accounts.map((a) => ({
        municipalityCode: a.municipalityCode,
        platform: a.platform,
        externalId: a.externalId,
        handle: a.handle,
        tokenEnv: a.platform === 'facebook' ? 'PAGE_TOKEN' : null,
        token: a.platform === 'facebook' ? a.token : null,
      })),
      clock(),
    );
    const deps = {
      db,
      log: makeLogger({ LOG_LEVEL: 'silent' }),
      clock,
      pseudonymise: makePseudonymiser(SECRET),
      cipher,
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
    let rssPeak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, 50);
    const t0 = performance.now();
    let calls = 0;
    // One worker process runs LYTTEPOST_WORKER_CONCURRENCY jobs at once (default 4), as `lyttepost worker` does.
    const queue = [...accounts];
    const runOne = async () => {
      for (let a = queue.shift(); a; a = queue.shift()) {
        const s = await collectAccount({ accountId: a.id, slot: 'bench', since: START }, deps);
        if ('skipped' in s) throw new Error(`account ${a.id} skipped`);
        if (s.outcome !== 'succeeded') throw new Error(`account ${a.id}: ${s.outcome} ${JSON.stringify(s.errors)}`);
        calls += s.calls;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, runOne));
    const collectS = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    const items = (await db.query<{ n: number }>('select count(*)::int as n from items')).rows[0]?.n ?? 0;
    const snapshots = (await db.query<{ n: number }>('select count(*)::int as n from metric_snapshots')).rows[0]?.n ?? 0;

    // Raw reference: the same rows, already built, loaded in one statement into an empty copy of the table.
    const { rows } = await db.query<Record<string, unknown>>(
      `select account_id, platform, external_id, kind, parent_external_id, root_external_id, branch_external_id, author_role,
              author_key, created_at, edited_at, deleted_at, hidden_at, text, permalink, first_seen_at, last_seen_at from items`,
    );
    await db.query('create table items_raw (like items including defaults including identity including indexes)');
    const payload = JSON.stringify(rows);
    const t1 = performance.now();
    await db.query(
      `insert into items_raw (account_id, platform, external_id, kind, parent_external_id, root_external_id, branch_external_id,
                              author_role, author_key, created_at, edited_at, deleted_at, hidden_at, text, permalink,
                              first_seen_at, last_seen_at)
       select * from jsonb_to_recordset($1::jsonb) as r(account_id bigint, platform text, external_id text, kind text,
            parent_external_id text, root_external_id text, branch_external_id text, author_role text, author_key text,
            created_at timestamptz, edited_at timestamptz, deleted_at timestamptz, hidden_at timestamptz, text text,
            permalink text, first_seen_at timestamptz, last_seen_at timestamptz)`,
      [payload],
    );
    const rawS = (performance.now() - t1) / 1000;
    const itemsPerS = items / collectS;
    const rawPerS = rows.length / rawS;
    return {
      name: 'Collector backfill throughput',
      command: `DATABASE_URL=… npm run bench -- collect   (BENCH_COLLECT_MUNICIPALITIES=${MUNICIPALITIES})`,
      metrics: {
        municipalities: MUNICIPALITIES,
        concurrency: CONCURRENCY,
        accounts: accounts.length,
        items,
        metric_snapshots: snapshots,
        platform_calls: calls,
        backfill_s: Number(collectS.toFixed(2)),
        backfill_items_per_s: Math.round(itemsPerS),
        raw_bulk_insert_rows_per_s: Math.round(rawPerS),
        share_of_raw_pct: Number(((itemsPerS / rawPerS) * 100).toFixed(1)),
        worker_rss_peak_mb: Math.round(rssPeak / 1024 / 1024),
      },
      notes:
        'Backfill = HTTP calls to the simulator (separate process, loopback), zod parsing, pseudonymising and redaction, ' +
        'then per-page transactions (upsert, branch resolution, snapshots, dirty weeks, watermark). The raw reference is ' +
        'one single-statement jsonb_to_recordset insert of the same rows (COPY FROM STDIN needs pg-copy-streams, not a ' +
        'dependency). Goal: ≥ 25 % of the raw speed, worker RSS < 300 MB.',
    };
  } finally {
    sim.stop();
    await db.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  bench().then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`));
}
