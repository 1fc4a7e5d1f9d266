import { setTimeout as sleep } from 'node:timers/promises';

import type { Db } from './db.js';

/** First key of the lock; the second is the schema's hash, so deployments (and test schemas) sharing a database do not wait for each other. */
const INDICATOR_LOCK_CLASS = 4_242_002;

/**
 * Runs `fn` while this process holds the indicator lock of the database's current schema: recomputes never run side
 * by side, so two of them never rewrite the same rows at once (no key collisions) and a recompute always reads the
 * rows of the ones before it. On Postgres the lock is a transaction-level advisory lock held by a transaction kept open
 * beside `fn` (no snapshot is kept: read committed); it is released when `fn` ends, and by Postgres when the process or
 * its connection dies. A process waiting for it polls instead of holding a connection, so waiting computes cannot
 * take the pool the holder needs. The embedded database is one connection in one process, whose runner runs one job at a
 * time: nothing to lock there.
 */
export async function withIndicatorLock<T>(db: Db, fn: () => Promise<T>, opts: { pollMs?: number; onWait?: () => void } = {}): Promise<T> {
  if (db.kind === 'pglite') return fn();
  for (let waited = false; ; waited = true) {
    const outcome = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ locked: boolean }>('select pg_try_advisory_xact_lock($1, hashtext(current_schema())) as locked', [
        INDICATOR_LOCK_CLASS,
      ]);
      if (!rows[0]?.locked) return null;
      return { value: await fn() };
    });
    if (outcome) return outcome.value;
    if (!waited) opts.onWait?.();
    await sleep(opts.pollMs ?? 250);
  }
}
