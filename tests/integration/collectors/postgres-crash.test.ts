import { afterAll, beforeAll, expect, test } from 'vitest';

import { loadConfig } from '../../../config/env.js';
import { fixedClock } from '../../../src/clock.js';
import { AppError } from '../../../src/errors.js';
import { collectAccount, type CollectDeps } from '../../../src/jobs/collect-account.js';
import { makeLogger } from '../../../src/logger.js';
import { makePseudonymiser } from '../../../src/privacy/pseudonymise.js';
import { makeTokenCipher } from '../../../src/privacy/token-cipher.js';
import { reapAbandonedRuns, RUN_LEASE_MS } from '../../../src/schedule/reap-runs.js';
import { simulatedRegistrations } from '../../../src/simulator/registrations.js';
import { startSimulator, type Simulator } from '../../../src/simulator/server.js';
import { groundTruth } from '../../../src/simulator/truth.js';
import { generateWorld, type World } from '../../../src/simulator/world.js';
import { upsertAccounts } from '../../../src/store/accounts.js';
import { openPostgres, type Db } from '../../../src/store/db.js';
import { migrate } from '../../../src/store/migrate.js';
import { seedRegister } from '../../../src/store/register.js';
import { runCli } from '../../helpers/run-cli.js';
import { startPrivatePostgres, type PrivatePostgres } from '../../helpers/private-postgres.js';

/**
 * Issue 18: Postgres killed (-9) in the middle of a collection pass, then started again. The pass fails with a
 * typed DB_UNAVAILABLE (no crash of the process); the run it leaves `running` is reaped once its lease is over
 * (not before), by the scheduler's reaper and by `sync`; the account is then collected normally.
 */
const SECRET = 'pg-crash-secret-pg-crash-secret-pg-crash';
const START = new Date('2026-10-01T00:00:00Z');
const NOW = new Date('2026-11-12T12:00:00Z');
let pg: PrivatePostgres;
let sim: Simulator;
let db: Db;
let deps: CollectDeps;
let world: World;
const clock = fixedClock(NOW);
const log = makeLogger({ LOG_LEVEL: 'silent' });

beforeAll(async () => {
  pg = await startPrivatePostgres();
  world = generateWorld({ seed: 5, municipalities: 3, start: START, end: new Date('2026-11-16T00:00:00Z'), platforms: ['facebook'] });
  sim = await startSimulator({ world, port: 0, clock });
  db = openPostgres(pg.url, { max: 4 });
  await migrate(db);
  await seedRegister(db);
  await upsertAccounts(db, makeTokenCipher(SECRET), simulatedRegistrations(world), clock());
  deps = {
    db,
    log,
    clock,
    pseudonymise: makePseudonymiser(SECRET),
    cipher: makeTokenCipher(SECRET),
    cfg: loadConfig({ FACEBOOK_GRAPH_URL: sim.url, YOUTUBE_API_URL: sim.url, X_API_URL: sim.url }),
    http: { baseDelayMs: 10, timeoutMs: 5000 },
  };
}, 120_000);
afterAll(async () => {
  await db?.close().catch(() => {});
  await sim?.close();
  await pg?.stop();
});

const runs = async () =>
  (await db.query<{ id: number; status: string; error_code: string | null }>('select id, status, error_code from harvest_runs order by id'))
    .rows;

test('a pass under which Postgres dies fails with DB_UNAVAILABLE; its run is reaped after the lease, and the account collects again', async () => {
  // The busiest Page, read two items a call: many calls, so the pass is surely mid-way when the server dies.
  const counts = new Map<string, number>();
  for (const i of groundTruth(world, { now: NOW, includeItems: true }).items)
    counts.set(i.accountExternalId, (counts.get(i.accountExternalId) ?? 0) + 1);
  const busiest = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const [account] = (await db.query<{ id: number }>('select id from accounts where external_id = $1', [busiest])).rows;
  const accountId = String(account?.id);
  deps.collectorOptions = { facebook: { pageSize: 2 } };
  // Every call takes a while: the pass is mid-way when the server dies.
  sim.faults.add({ kind: 'slow', delayMs: 300 });
  const pass = collectAccount({ accountId, slot: 'crash', since: START }, deps).then(
    (v) => ({ ok: v }),
    (e: unknown) => ({ err: e }),
  );
  // Wait until the pass has committed something (its streams' state), then kill -9 the server.
  for (let i = 0; i < 200; i++) {
    const n = await db.query<{ n: number }>('select count(*)::int as n from sync_state').then(
      (r) => r.rows[0]?.n ?? 0,
      () => 0,
    );
    if (n > 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await pg.kill();
  const outcome = await pass;
  expect('err' in outcome).toBe(true);
  const err = (outcome as { err: unknown }).err;
  expect(err).toBeInstanceOf(AppError);
  expect(err).toMatchObject({ code: 'DB_UNAVAILABLE', retryable: true });

  await pg.start();
  sim.faults.remove();
  // The run row committed at the start of the pass is still `running`: nothing else will ever finish it.
  await expect.poll(async () => (await runs().catch(() => [])).map((r) => r.status), { timeout: 20_000 }).toEqual(['running']);
  // Within the lease it is left alone (it could be a live pass)…
  expect(await reapAbandonedRuns(db, log, new Date(NOW.getTime() + RUN_LEASE_MS - 60_000))).toEqual([]);
  // …after it, `sync` reaps it before its own pass, and collects the account.
  clock.set(new Date(NOW.getTime() + RUN_LEASE_MS + 60_000));
  const env = {
    LOG_LEVEL: 'silent',
    DATABASE_URL: pg.url,
    LYTTEPOST_SECRET: SECRET,
    FACEBOOK_GRAPH_URL: sim.url,
    YOUTUBE_API_URL: sim.url,
    X_API_URL: sim.url,
  };
  const sync = await runCli(['sync', '--account', accountId], { env, clock });
  expect(sync.stderr).toContain(
    'sync: 1 run(s) left running by a pass that stopped (a killed process or a database restart) marked failed (ABANDONED)',
  );
  expect(sync.code).toBe(0);
  const after = await runs();
  expect(after[0]).toMatchObject({ status: 'failed', error_code: 'ABANDONED' });
  expect(after.slice(1).map((r) => r.status)).toEqual(['succeeded']);
  expect((await db.query<{ n: number }>('select count(*)::int as n from items')).rows[0]?.n).toBeGreaterThan(0);
}, 120_000);
