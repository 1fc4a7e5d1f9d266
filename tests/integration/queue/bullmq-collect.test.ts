import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { makeJobHandlers } from '../../../src/jobs/handlers.js';
import { BullmqRunner } from '../../../src/queue/bullmq-runner.js';
import { pendingJobs } from '../../../src/queue/drain.js';
import { InProcessRunner } from '../../../src/queue/in-process-runner.js';
import { openRuntime, type Runtime } from '../../../src/runtime.js';
import { startSimulator, type Simulator } from '../../../src/simulator/server.js';
import { generateWorld, type World } from '../../../src/simulator/world.js';
import { systemClock } from '../../../src/clock.js';
import type { Queryable } from '../../../src/store/db.js';
import { upsertAccounts } from '../../../src/store/accounts.js';
import { dropPrefix, REDIS_URL, uniquePrefix } from '../../helpers/redis.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb, urlWithSchema } from '../../helpers/test-db.js';

const CLI = new URL('../../../bin/lyttepost.js', import.meta.url).pathname;
const SECRET = 'bullmq-collect-secret-0123456789abcdef01';
const SLOT = 'bulk-2026';

async function register(db: Queryable, rt: Pick<Runtime, 'cipher'>, world: World): Promise<number> {
  const accounts = await upsertAccounts(
    db,
    rt.cipher,
    world.accounts.map((a) => ({
      municipalityCode: a.municipalityCode,
      platform: a.platform,
      externalId: a.externalId,
      handle: a.handle,
      tokenEnv: null,
      token: a.token,
    })),
    new Date(),
  );
  return accounts.length;
}

/**
 * Every stored item, in a form that does not depend on database ids, pseudonym keys or when a deletion or a
 * hide was noticed (platforms do not say when; Lyttepost records when it saw it).
 */
async function fingerprint(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ f: string }>(
    `select concat_ws('|', platform, external_id, kind, parent_external_id, root_external_id, branch_external_id, author_role,
                      created_at::text, edited_at::text, (deleted_at is null)::text, (hidden_at is null)::text, md5(coalesce(text, ''))) as f
     from items order by platform, external_id`,
  );
  return rows.map((r) => r.f);
}

function spawnWorker(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [CLI, 'worker', '--concurrency', '3'], { env, stdio: ['ignore', 'ignore', 'ignore'] });
}

describe.skipIf(!REDIS_URL || !process.env.DATABASE_URL)('collecting ~200 accounts through BullMQ', () => {
  let world: World;
  let sim: Simulator;
  let t: Awaited<ReturnType<typeof useTestDb>>;
  const prefix = uniquePrefix();
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    const now = Date.now();
    // History ends an hour ago, so nothing new appears while the two runs below collect.
    world = generateWorld({ seed: 11, municipalities: 64, start: new Date(now - 10 * 86_400_000), end: new Date(now - 3_600_000) });
    sim = await startSimulator({ world, port: 0, clock: systemClock });
    t = await useTestDb();
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await sim.close();
    await t.drop();
    await dropPrefix(REDIS_URL as string, prefix);
  });

  test('two worker processes collect every account exactly once, and in-process gives the same stored data', async () => {
    const env = {
      ...process.env,
      DATABASE_URL: urlWithSchema(t.url as string, t.schema as string),
      REDIS_URL: REDIS_URL as string,
      LYTTEPOST_SECRET: SECRET,
      LYTTEPOST_QUEUE_PREFIX: prefix,
      LYTTEPOST_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lyttepost-workers-')),
      FACEBOOK_GRAPH_URL: sim.url,
      YOUTUBE_API_URL: sim.url,
      X_API_URL: sim.url,
      BLUESKY_API_URL: sim.url,
      LOG_LEVEL: 'silent',
    };
    const rt = await openRuntime({ env, clock: systemClock, log: silentLogger });
    try {
      const n = await register(rt.db, rt, world);
      expect(n).toBeGreaterThanOrEqual(200);
      workers.push(spawnWorker(env), spawnWorker(env));
      const producer = new BullmqRunner({ redisUrl: REDIS_URL as string, prefix });
      const { rows: accounts } = await rt.db.query<{ id: number; platform: 'facebook' | 'youtube' | 'x' }>(
        'select id, platform from accounts order by id',
      );
      for (const a of accounts) {
        const spec = { kind: 'collect', payload: { accountId: String(a.id), platform: a.platform, slot: SLOT } } as const;
        await producer.enqueue(spec);
        await producer.enqueue(spec); // a duplicate delivery collapses
      }
      let empty = 0;
      for (let i = 0; i < 600 && empty < 3; i++) {
        await sleep(500);
        empty = (await pendingJobs(producer)) === 0 ? empty + 1 : 0;
      }
      await producer.close();
      const { rows: runs } = await rt.db.query<{ account_id: number; runs: number; ok: number }>(
        `select account_id, count(*)::int as runs, count(*) filter (where status = 'succeeded')::int as ok
         from harvest_runs where slot = $1 group by account_id`,
        [SLOT],
      );
      expect(runs).toHaveLength(n);
      expect(runs.filter((r) => r.runs !== 1 || r.ok !== 1)).toEqual([]);
      const viaBullmq = await fingerprint(rt.db);
      expect(viaBullmq.length).toBeGreaterThan(1000);

      // The same scenario in-process, into a second database.
      const other = await useTestDb();
      try {
        const env2 = { ...env, DATABASE_URL: urlWithSchema(other.url as string, other.schema as string), REDIS_URL: '' };
        const rt2 = await openRuntime({ env: env2, clock: systemClock, log: silentLogger });
        try {
          await register(rt2.db, rt2, world);
          const runner = new InProcessRunner({ handlers: makeJobHandlers(rt2), log: silentLogger });
          const { rows: acc2 } = await rt2.db.query<{ id: number; platform: 'facebook' | 'youtube' | 'x' }>(
            'select id, platform from accounts order by id',
          );
          for (const a of acc2)
            await runner.enqueue({ kind: 'collect', payload: { accountId: String(a.id), platform: a.platform, slot: SLOT } });
          await runner.onIdle();
          expect(runner.failed).toEqual([]);
          const inProcess = await fingerprint(rt2.db);
          expect(inProcess.filter((f) => !viaBullmq.includes(f)).slice(0, 5)).toEqual([]);
          expect(inProcess).toEqual(viaBullmq);
        } finally {
          await rt2.close();
        }
      } finally {
        await other.drop();
      }
    } finally {
      await rt.close();
    }
  }, 600_000);
});
