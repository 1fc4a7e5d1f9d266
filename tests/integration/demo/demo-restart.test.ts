import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { fixedClock } from '../../../src/clock.js';
import { AppError } from '../../../src/errors.js';
import { DEMO_DEFAULTS, loadOrCreateDemoState } from '../../../src/demo/demo-state.js';
import { summaryRows, type SummaryRow } from '../../../src/demo/summary-table.js';
import { DEFINITION_VERSION } from '../../../src/indicators/definitions.js';
import { makeJobHandlers } from '../../../src/jobs/handlers.js';
import { BullmqRunner, startWorkers } from '../../../src/queue/bullmq-runner.js';
import { waitForDrain } from '../../../src/queue/drain.js';
import { openRuntime, type Runtime } from '../../../src/runtime.js';
import { startSimulator } from '../../../src/simulator/server.js';
import { generateWorld } from '../../../src/simulator/world.js';
import { upsertAccounts } from '../../../src/store/accounts.js';
import { readIndicatorValues } from '../../../src/store/indicator-values.js';
import { municipalityNames } from '../../../src/store/register.js';
import { checkAgainstFullRecompute } from '../../helpers/pipeline-world.js';
import { dropPrefix, REDIS_URL, uniquePrefix } from '../../helpers/redis.js';
import { runCli } from '../../helpers/run-cli.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { urlWithSchema, useTestDb } from '../../helpers/test-db.js';

/**
 * `npm start -- --once` killed after the last collect of its backfill and started again must print the stored
 * data's table (issue 18; the README promises "the same numbers"). A kill cannot be timed between a collect's
 * last commit and its follow-ups, so the crashed state is built instead: every backfill collect of the demo's
 * own world, accounts and slot run to the end, their classify → compute follow-ups never run (the slots claimed
 * and succeeded, recompute marks left, no classification, no indicator row). Then `demo --once` starts again on
 * that database; its table must equal the one a full recompute of the same data gives.
 *
 * Two things make that so: a collect redelivered after its slot succeeded re-chains its follow-ups
 * (src/jobs/handlers.ts), and demo drains what the chains left before it prints (src/cli/commands/demo.ts). On the
 * in-process runner either is enough (the first test fails only without both). On BullMQ the finished collect
 * jobs are kept (a day) and a second enqueue of their ids collapses, so after follow-ups that failed for good only
 * the drain helps (the second test fails without it).
 */
const NOW = new Date('2026-11-22T23:05:00Z');
const WEEK = '2026-W47';
const SECRET = 'demo-restart-secret-0123456789abcdef0123456';

async function tableAfterFullRecompute(rt: Runtime): Promise<SummaryRow[]> {
  const rows = await readIndicatorValues(rt.db, { weeks: [WEEK], scope: 'municipality', definitionVersion: DEFINITION_VERSION });
  return summaryRows(rows, await municipalityNames(rt.db));
}

type Crash = {
  rt: Runtime;
  close(): Promise<void>;
  crashed: { marks: number; classified: number; indicatorRows: number; items: number };
  municipalities: number;
};

/**
 * The demo's world, accounts and backfill slot in `env`'s database, every collect run to its end, no follow-up
 * run. `runCollects` runs the collect jobs; the default calls the job function and drops the follow-ups it names.
 */
async function crashAfterLastCollect(
  env: Record<string, string>,
  runCollects?: (
    rt: Runtime,
    jobs: Array<{ accountId: string; platform: 'facebook' | 'youtube' | 'x'; slot: string; since: string }>,
  ) => Promise<void>,
): Promise<Crash> {
  const { state } = loadOrCreateDemoState(env.LYTTEPOST_DATA_DIR as string, NOW, { municipalities: 4 });
  expect(state.seed).toBe(DEMO_DEFAULTS.seed);
  const world = generateWorld({
    seed: state.seed,
    municipalities: state.municipalities,
    start: new Date(state.start),
    end: new Date(state.end),
  });
  const clock = fixedClock(NOW);
  const sim = await startSimulator({ world, port: 0, host: '127.0.0.1', clock });
  const rt = await openRuntime({
    env: { ...env, FACEBOOK_GRAPH_URL: sim.url, YOUTUBE_API_URL: sim.url, X_API_URL: sim.url, BLUESKY_API_URL: sim.url },
    clock,
    log: silentLogger,
  });
  const close = async () => {
    await rt.close();
    await sim.close();
  };
  try {
    const registered = await upsertAccounts(
      rt.db,
      rt.cipher,
      world.accounts.map((a) => ({
        municipalityCode: a.municipalityCode,
        platform: a.platform,
        externalId: a.externalId,
        handle: a.handle,
        tokenEnv: null,
        token: a.token,
      })),
      clock(),
    );
    const slot = `backfill-${state.start.slice(0, 10)}`;
    const jobs = registered.map((a) => ({
      accountId: a.id,
      platform: a.platform as 'facebook' | 'youtube' | 'x',
      slot,
      since: state.start,
    }));
    if (runCollects) await runCollects(rt, jobs);
    else {
      const collect = makeJobHandlers(rt).collect;
      for (const j of jobs) {
        const s = await collect(j, { log: silentLogger, attempt: 1, jobId: `collect-${j.accountId}` });
        expect(s, `${j.platform} ${j.accountId}`).toMatchObject({ outcome: 'succeeded' });
        // The follow-ups it names (s.next) are what the crash lost.
      }
    }
    const { rows: runs } = await rt.db.query<{ n: number }>(
      "select count(*)::int as n from harvest_runs where slot = $1 and status = 'succeeded'",
      [slot],
    );
    expect(runs[0]?.n).toBe(registered.length);
    const count = async (sql: string) => (await rt.db.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
    const crashed = {
      marks: await count('select count(*)::int as n from indicator_dirty'),
      classified: await count('select count(*)::int as n from classifications'),
      indicatorRows: await count('select count(*)::int as n from indicator_values'),
      items: await count('select count(*)::int as n from items'),
    };
    expect(crashed).toMatchObject({ classified: 0, indicatorRows: 0 });
    expect(crashed.marks).toBeGreaterThan(10);
    expect(crashed.items).toBeGreaterThan(100);
    return { rt, close, crashed, municipalities: state.municipalities };
  } catch (e) {
    await close();
    throw e;
  }
}

/** `demo --once` started again on the crashed state: what it prints must be the table of a full recompute. */
async function restartAndCheck(env: Record<string, string>, c: Crash, label: string): Promise<void> {
  const r = await runCli(['demo', '--once', '--now', NOW.toISOString()], { env });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain(`(${WEEK})`);
  const printed = JSON.parse(readFileSync(path.join(env.LYTTEPOST_DATA_DIR as string, 'demo', `${WEEK}.json`), 'utf8')) as {
    week: string;
    municipalities: SummaryRow[];
  };
  // What it left is a function of the stored data: no marks, everything classified, and the rows (and so the
  // printed table) of a full recompute.
  const check = await checkAgainstFullRecompute(c.rt);
  console.log(
    `[demo restart, ${label}] crashed state: ${c.crashed.items} items, ${c.crashed.marks} recompute marks, no indicator rows; after the restart: ` +
      `${check.pendingMarks} marks, ${check.unclassified} unclassified, ${check.rows} rows, ${check.differing.length} differing from a full recompute`,
  );
  expect({ pendingMarks: check.pendingMarks, unclassified: check.unclassified, differing: check.differing.slice(0, 4) }).toEqual({
    pendingMarks: 0,
    unclassified: 0,
    differing: [],
  });
  const full = await tableAfterFullRecompute(c.rt);
  expect(full).toHaveLength(c.municipalities);
  expect(full.some((m) => (m.questions ?? 0) > 0)).toBe(true);
  expect(printed.municipalities).toEqual(full);
}

describe.runIf(process.env.DATABASE_URL)('demo --once started again after a crash after the last collect', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  beforeAll(async () => {
    t = await useTestDb();
  });
  afterAll(async () => t?.drop());
  const envFor = (dataDir: string, redisUrl: string, prefix = '', db = t): Record<string, string> => ({
    LYTTEPOST_DATA_DIR: dataDir,
    DATABASE_URL: urlWithSchema(db.url as string, db.schema as string),
    REDIS_URL: redisUrl,
    LYTTEPOST_QUEUE_PREFIX: prefix,
    LYTTEPOST_SECRET: SECRET,
    LOG_LEVEL: 'silent',
  });

  test('in-process jobs: prints the table of a full recompute of the stored data, with no marks left', async () => {
    const env = envFor(mkdtempSync(path.join(tmpdir(), 'lyttepost-demo-restart-')), '');
    const c = await crashAfterLastCollect(env);
    try {
      await restartAndCheck(env, c, 'in-process');
    } finally {
      await c.close();
    }
  }, 300_000);

  test.runIf(REDIS_URL)(
    'BullMQ: the collects finished and are kept, their follow-ups failed for good; the restart still prints the stored data',
    async () => {
      const own = await useTestDb();
      const prefix = uniquePrefix();
      const env = envFor(mkdtempSync(path.join(tmpdir(), 'lyttepost-demo-restart-bullmq-')), REDIS_URL as string, prefix, own);
      const c = await crashAfterLastCollect(env, async (rt, jobs) => {
        // Real BullMQ workers run the collects; the classify jobs they chain fail for good (one attempt, as after a
        // Postgres outage outlasting every retry), so their compute never runs.
        const producer = new BullmqRunner({
          redisUrl: REDIS_URL as string,
          prefix,
          retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 10 },
        });
        const handlers = {
          ...makeJobHandlers(rt),
          classify: () =>
            Promise.reject(new AppError('DB_UNAVAILABLE', 'Postgres unreachable (the outage of this test)', { retryable: true })),
        };
        const workers = startWorkers({
          redisUrl: REDIS_URL as string,
          prefix,
          handlers,
          log: silentLogger,
          concurrency: 2,
          producer,
          retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 10 },
        });
        try {
          for (const j of jobs) await producer.enqueue({ kind: 'collect', payload: j });
          await waitForDrain(producer, { pollMs: 200 });
          expect(await producer.queue('pipeline').getFailedCount()).toBe(jobs.length);
          expect(await producer.queue('pipeline').getCompletedCount()).toBe(0);
        } finally {
          await workers.close();
          await producer.close();
        }
      });
      try {
        await restartAndCheck(env, c, 'BullMQ');
      } finally {
        await c.close();
        await own.drop();
        await dropPrefix(REDIS_URL as string, prefix);
      }
    },
    300_000,
  );
});
