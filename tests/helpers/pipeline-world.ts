import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { fixedClock } from '../../src/clock.js';
import { CLASSIFIER_VERSION } from '../../src/classifier/version.js';
import { computeIndicators } from '../../src/jobs/compute-indicators.js';
import { makeJobHandlers } from '../../src/jobs/handlers.js';
import { BullmqRunner, startWorkers, type WorkerSet } from '../../src/queue/bullmq-runner.js';
import { pendingJobs } from '../../src/queue/drain.js';
import { QUEUE_NAMES } from '../../src/queue/jobs.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { startSimulator, type Simulator } from '../../src/simulator/server.js';
import { simulatedRegistrations } from '../../src/simulator/registrations.js';
import { generateWorld, type World } from '../../src/simulator/world.js';
import { upsertAccounts } from '../../src/store/accounts.js';
import type { Queryable } from '../../src/store/db.js';
import { dropPrefix, uniquePrefix } from './redis.js';
import { silentLogger } from './silent-logger.js';
import { useTestDb, urlWithSchema } from './test-db.js';

const CHILD = new URL('./pipeline-worker-child.ts', import.meta.url).pathname;

/**
 * A simulated world served on a fixed clock, a fresh database with its accounts registered, and BullMQ worker
 * processes running the real job pipeline on them (tests/helpers/pipeline-worker-child.ts).
 */
export type PipelineWorld = {
  world: World;
  sim: Simulator;
  rt: Runtime;
  producer: BullmqRunner;
  env: NodeJS.ProcessEnv;
  accounts: Array<{ id: string; platform: 'facebook' | 'youtube' | 'x' }>;
  /** Starts a worker process; resolves once its workers listen. Its stderr (warnings) is kept in `logs`. */
  spawnWorker(extra?: NodeJS.ProcessEnv): Promise<ChildProcess>;
  /** Starts a worker process that loads and waits: `start()` lets its workers take jobs (resolves once they listen). */
  prepareWorker(extra?: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; start(): Promise<void> }>;
  /** BullMQ workers in this process on the same runtime (quick to start, for what a test does not kill). */
  localWorkers(o?: { attempts?: number }): WorkerSet;
  logs: string[];
  /** Jobs in the failed state, per queue (collect-facebook, collect-youtube, collect-x, pipeline). */
  /** Failed jobs per queue, in QUEUE_NAMES order. */
  failedCounts(): Promise<number[]>;
  /** Waits until every queue is empty (three readings in a row), at most `timeoutMs`. */
  drain(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

export async function startPipelineWorld(opts: {
  seed: number;
  municipalities: number;
  now: Date;
  days: number;
  redisUrl: string;
  /** A Postgres server other than DATABASE_URL's. */
  databaseUrl?: string;
}): Promise<PipelineWorld> {
  const world = generateWorld({
    seed: opts.seed,
    municipalities: opts.municipalities,
    start: new Date(opts.now.getTime() - opts.days * 86_400_000),
    end: opts.now,
  });
  const clock = fixedClock(opts.now);
  const sim = await startSimulator({ world, port: 0, clock });
  const t = await useTestDb(opts.databaseUrl ? { url: opts.databaseUrl } : {});
  const prefix = uniquePrefix();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: urlWithSchema(t.url as string, t.schema as string),
    REDIS_URL: opts.redisUrl,
    LYTTEPOST_QUEUE_PREFIX: prefix,
    LYTTEPOST_SECRET: 'pipeline-world-secret-0123456789abcdef0123',
    LYTTEPOST_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lyttepost-pipeline-')),
    FACEBOOK_GRAPH_URL: sim.url,
    YOUTUBE_API_URL: sim.url,
    X_API_URL: sim.url,
    BLUESKY_API_URL: sim.url,
    YOUTUBE_API_KEY: world.shared.youtubeKey,
    X_BEARER_TOKEN: world.shared.xBearer,
    PIPELINE_NOW: opts.now.toISOString(),
    LOG_LEVEL: 'warn',
  };
  const rt = await openRuntime({ env, clock, log: silentLogger });
  const registered = await upsertAccounts(rt.db, rt.cipher, simulatedRegistrations(world), clock());
  const producer = new BullmqRunner({ redisUrl: opts.redisUrl, prefix });
  const children: ChildProcess[] = [];
  const logs: string[] = [];
  const launch = (extra: NodeJS.ProcessEnv) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { ...env, ...extra }, stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    child.stderr!.on('data', (d: Buffer) => logs.push(d.toString()));
    const says = (word: string) =>
      new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => d.toString().includes(word) && resolve());
        child.once('exit', (code, signal) =>
          reject(new Error(`worker exited before it said ${word} (${signal ?? code}): ${logs.join('').slice(-800)}`)),
        );
      });
    return { child, says };
  };
  const spawnWorker = async (extra: NodeJS.ProcessEnv = {}) => {
    const { child, says } = launch(extra);
    await says('ready');
    return child;
  };
  const prepareWorker = async (extra: NodeJS.ProcessEnv = {}) => {
    const { child, says } = launch({ ...extra, WAIT_FOR_GO: '1' });
    const ready = says('ready');
    ready.catch(() => {});
    await says('loaded');
    return {
      child,
      start: async () => {
        child.stdin!.write('go\n');
        await ready;
      },
    };
  };
  const localWorkers = (o: { attempts?: number } = {}) =>
    startWorkers({
      redisUrl: opts.redisUrl,
      prefix,
      handlers: makeJobHandlers(rt),
      log: silentLogger,
      concurrency: 3,
      lockDurationMs: 2_000,
      producer,
      retry: { attempts: o.attempts ?? 5, baseDelayMs: 200, maxDelayMs: 2_000 },
    });
  const drain = async (timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    for (let empty = 0; empty < 3;) {
      if (Date.now() > deadline) throw new Error(`queues not drained within ${timeoutMs} ms (${await pendingJobs(producer)} pending)`);
      await sleep(300);
      empty = (await pendingJobs(producer)) === 0 ? empty + 1 : 0;
    }
  };
  return {
    world,
    sim,
    rt,
    producer,
    env,
    accounts: registered.map((a) => ({ id: a.id, platform: a.platform as 'facebook' | 'youtube' | 'x' })),
    failedCounts: () => Promise.all(QUEUE_NAMES.map((q) => producer.queue(q).getFailedCount())),
    spawnWorker,
    prepareWorker,
    localWorkers,
    logs,
    drain,
    close: async () => {
      await Promise.all(
        children
          .filter((c) => c.exitCode === null && c.signalCode === null)
          .map((c) => new Promise((r) => (c.once('exit', r), c.kill('SIGKILL')))),
      );
      await producer.close();
      await rt.close();
      await sim.close();
      await t.drop();
      await dropPrefix(opts.redisUrl, prefix);
    },
  };
}

/** Every stored indicator row without computed_at, in a stable order. */
export async function indicatorRows(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ r: string }>(
    `select concat_ws('|', scope, scope_id, week, definition_version, "values"::text, n::text, flags::text, coverage, gap_accounts::text,
                      provisional, distribution::text) as r
     from indicator_values order by scope, scope_id, week`,
  );
  return rows.map((r) => r.r);
}

export type PureCheck = { pendingMarks: number; unclassified: number; duplicateItems: number; rows: number; differing: string[] };

/**
 * Whether the stored indicators are a pure function of the stored data: nothing left to classify or recompute, no
 * item stored twice, and
 * a full recompute of all history (on the same clock) leaves exactly the rows that are there.
 */
export async function checkAgainstFullRecompute(rt: Runtime): Promise<PureCheck> {
  const count = async (sql: string, values: unknown[] = []) => (await rt.db.query<{ n: number }>(sql, values)).rows[0]?.n ?? 0;
  const pendingMarks = await count('select count(*)::int as n from indicator_dirty');
  const unclassified = await count(
    `select count(*)::int as n from items i
     where (i.author_role = 'citizen' or i.external_id = i.root_external_id)
       and not exists (select 1 from classifications c where c.item_id = i.id and c.classifier_version = $1)`,
    [CLASSIFIER_VERSION],
  );
  const duplicateItems = await count(
    'select count(*)::int as n from (select 1 from items group by platform, external_id having count(*) > 1) d',
  );
  const before = await indicatorRows(rt.db);
  await computeIndicators({ all: true }, { db: rt.db, log: silentLogger, clock: rt.clock });
  const after = await indicatorRows(rt.db);
  const afterSet = new Set(after);
  const beforeSet = new Set(before);
  const differing = [...before.filter((r) => !afterSet.has(r)), ...after.filter((r) => !beforeSet.has(r))];
  return { pendingMarks, unclassified, duplicateItems, rows: after.length, differing };
}
