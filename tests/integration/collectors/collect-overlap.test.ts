import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { collectAccount, type CollectSummary } from '../../../src/jobs/collect-account.js';
import { openPglite, openPostgres } from '../../../src/store/db.js';
import { urlWithSchema } from '../../helpers/test-db.js';
import { diffWithTruth, startHarness, type Harness } from './sim-harness.js';

/**
 * Two passes over one account never overlap: a scheduled job and a manual `sync` (two slots), started at the
 * same moment against the platform simulator. One collects; the other returns `account-busy` without claiming
 * a run row, and what is stored is exactly the ground truth.
 */
const START = new Date('2026-11-09T00:00:00Z');
const END = new Date('2026-11-16T00:00:00Z');
const NOW = new Date('2026-11-14T12:00:00Z');
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: 19, municipalities: 2, start: START, end: END, now: NOW, platforms: ['facebook', 'youtube', 'x'] });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

test('two passes over one account started at once: one collects, the other is account-busy', async () => {
  for (const account of h.accounts) {
    // Whichever pass takes the lock first waits 2 s on its first request, so the other is sure to try the lock
    // while it is held (without it a short pass can finish before the other has connected, and both run).
    h.sim.faults.add({ kind: 'slow', account: account.externalId, delayMs: 2000, count: 1 });
    const [a, b] = await Promise.all([
      collectAccount({ accountId: account.id, slot: `2026-11-14T12:00` }, h.deps),
      collectAccount({ accountId: account.id, slot: `manual-${account.id}` }, h.deps),
    ]);
    const ran = [a, b].filter((s): s is Extract<CollectSummary, { outcome: unknown }> => 'outcome' in s);
    expect(ran, `${account.platform} ${account.externalId}`).toHaveLength(1);
    expect(ran[0]?.outcome).toBe('succeeded');
    expect([a, b].filter((s) => 'skipped' in s)).toEqual([{ skipped: 'account-busy', accountId: account.id }]);
    const runs = await h.db.db.query<{ n: number }>('select count(*)::int as n from harvest_runs where account_id = $1', [
      Number(account.id),
    ]);
    expect(runs.rows[0]?.n).toBe(1);
  }
  const { problems } = await diffWithTruth(h, [NOW]);
  expect(problems).toEqual([]);
  // Once the pass has finished, the account is free again.
  const again = await collectAccount({ accountId: h.accounts[0]!.id, slot: 'later' }, h.deps);
  expect(again).toMatchObject({ outcome: 'succeeded', itemsNew: 0 });
}, 120_000);

for (const driver of ['postgres', 'pglite'] as const) {
  describe.skipIf(driver === 'postgres' && !process.env.DATABASE_URL)(`${driver}: Db.tryWithLock`, () => {
    test('a held key is refused at once, other keys are not, and a released or failed holder frees it', async () => {
      // No schema needed: an empty in-memory PGlite, or a Postgres pool on a schema of its own name.
      const schema = `lock_test_${process.pid}_${Date.now()}`;
      // A pool of one: the lock must not take the slot the holder's own queries need.
      const db = driver === 'pglite' ? await openPglite() : openPostgres(urlWithSchema(process.env.DATABASE_URL ?? '', schema), { max: 1 });
      const t = { db };
      try {
        let release = () => {};
        const holding = t.db.tryWithLock('collect-account:1', async () => {
          await new Promise<void>((r) => (release = r));
          return (await db.query<{ v: string }>(`select 'first' as v`)).rows[0]?.v;
        });
        await new Promise((r) => setTimeout(r, 50));
        expect(await t.db.tryWithLock('collect-account:1', async () => 'second')).toBeNull();
        expect(await t.db.tryWithLock('collect-account:2', async () => 'other')).toEqual({ value: 'other' });
        release();
        expect(await holding).toEqual({ value: 'first' });
        await expect(t.db.tryWithLock('collect-account:1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
        expect(await t.db.tryWithLock('collect-account:1', async () => 'free')).toEqual({ value: 'free' });
        if (driver === 'postgres') {
          // Lock connections stay open for the next lock: a released key is unlocked on its session, not only
          // freed when the session ends, so another process (another pool, other sessions) can take it.
          const other = openPostgres(urlWithSchema(process.env.DATABASE_URL ?? '', schema), { max: 1 });
          try {
            expect(await other.tryWithLock('collect-account:1', async () => 'elsewhere')).toEqual({ value: 'elsewhere' });
          } finally {
            await other.close();
          }
        }
      } finally {
        await db.close();
      }
    }, 180_000); // opening an embedded database compiles PGlite's WebAssembly: slow on a busy machine
  });
}
