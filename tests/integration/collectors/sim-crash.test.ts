import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { SECRET, diffWithTruth, startHarness, syncAll, type Harness } from './sim-harness.js';

/**
 * A crash mid-sync loses nothing: a child process backfills into the database and is SIGKILLed while it
 * works; the next run resumes from the committed watermarks and ends with exactly the ground truth, without
 * duplicates, re-reading fewer comment threads than a fresh backfill would. Needs a real Postgres (a child
 * process cannot share an in-memory PGlite).
 */
const START = new Date('2026-11-09T00:00:00Z');
const NOW = new Date('2026-11-14T12:00:00Z');
let h: Harness;
const enabled = Boolean(process.env.DATABASE_URL);

beforeAll(async () => {
  if (enabled) h = await startHarness({ seed: 23, municipalities: 8, start: START, end: new Date('2026-11-16T00:00:00Z'), now: NOW });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const count = async () => (await h.db.db.query<{ n: number }>('select count(*)::int as n from items')).rows[0]?.n ?? 0;

test.skipIf(!enabled)(
  'a SIGKILL mid-backfill loses nothing; the next run resumes without duplicates',
  async () => {
    // Slow every call down a little so the kill lands in the middle of the backfill.
    const slow = h.sim.faults.add({ kind: 'slow', delayMs: 25 });
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./crash-child.ts', import.meta.url))], {
      env: {
        ...process.env,
        CRASH_DB_URL: h.db.url ?? '',
        CRASH_SCHEMA: h.db.schema ?? '',
        CRASH_NOW: NOW.toISOString(),
        CRASH_SINCE: START.toISOString(),
        CRASH_SECRET: SECRET,
        CRASH_SIM_URL: h.sim.url,
        CRASH_YT_KEY: h.world.shared.youtubeKey,
        CRASH_X_BEARER: h.world.shared.xBearer,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((r) => child.on('exit', (code, sig) => r(sig ?? code)));
    const deadline = Date.now() + 60_000;
    // Kill once items are stored and while a run is in flight (not in the moment between two accounts' runs).
    const running = async () =>
      ((await h.db.db.query<{ n: number }>("select count(*)::int as n from harvest_runs where slot = 'crashed' and status = 'running'"))
        .rows[0]?.n ?? 0) > 0;
    while (((await count()) < 120 || !(await running())) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const atKill = await count();
    child.kill('SIGKILL');
    expect(await exited, stderr).toBe('SIGKILL');
    h.sim.faults.remove(slow);

    const killed = await h.db.db.query<{ status: string; n: number }>(
      "select status, count(*)::int as n from harvest_runs where slot = 'crashed' group by status order by status",
    );
    // The run in flight stays `running` (what a crash leaves); it was not finished by anybody.
    expect(killed.rows.find((r) => r.status === 'running')?.n).toBe(1);
    expect(await count()).toBeGreaterThanOrEqual(atKill);

    h.sim.resetStats();
    await syncAll(h, 'resume', START);
    const d = await diffWithTruth(h, [NOW]);
    expect(d.problems).toEqual([]);
    const dup = await h.db.db.query('select external_id from items group by platform, external_id having count(*) > 1');
    expect(dup.rows).toEqual([]);
    // Accounts whose backfill finished before the kill are not backfilled again: their resume runs store nothing
    // new and make no more calls than their backfill did (with five days of history both are mostly listing calls).
    const runs = await h.db.db.query<{ account_id: number; slot: string; status: string; calls: number; items_new: number }>(
      `select account_id, slot, status, calls, items_new from harvest_runs where slot in ('crashed', 'resume')`,
    );
    const crashed = runs.rows.filter((r) => r.slot === 'crashed');
    const done = new Set(crashed.filter((r) => r.status === 'succeeded').map((r) => r.account_id));
    const resumed = runs.rows.filter((r) => r.slot === 'resume' && done.has(r.account_id));
    const sum = (rs: typeof runs.rows, k: 'calls' | 'items_new') => rs.reduce((n, r) => n + r[k], 0);
    expect(done.size).toBeGreaterThan(0);
    expect(sum(resumed, 'items_new')).toBe(0);
    expect(sum(resumed, 'calls')).toBeLessThanOrEqual(
      sum(
        crashed.filter((r) => done.has(r.account_id)),
        'calls',
      ),
    );
    console.log('crash: items at kill', atKill, 'of', d.expected.length, '; accounts finished before the kill', done.size);
  },
  180_000,
);
