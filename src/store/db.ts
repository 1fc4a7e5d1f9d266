import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

import { ensureWritableDir } from '../data-dir.js';
import { AppError } from '../errors.js';
import { toDbError } from './db-errors.js';

export type Row = Record<string, unknown>;
export type QueryResult<R> = { rows: R[]; rowCount: number };

/** The narrow seam every store function takes: a pool, a transaction, or PGlite all satisfy it. */
export interface Queryable {
  /**
   * `name`: prepare the statement once per connection and reuse it (parse and plan once, not per call), for the
   * hot statements of a backfill. One name per SQL text; PGlite ignores it.
   */
  query<R extends Row = Row>(text: string, values?: readonly unknown[], name?: string): Promise<QueryResult<R>>;
}

/** A transaction handle: queries plus multi-statement scripts (migrations). */
export interface Tx extends Queryable {
  exec(script: string): Promise<void>;
  /**
   * Runs the transaction's last statement and commits, on Postgres in one round trip (the hot transactions of a
   * backfill). Nothing may be sent after it; the transaction still commits as usual if it is never called.
   */
  queryAndCommit<R extends Row = Row>(text: string, values?: readonly unknown[], name?: string): Promise<QueryResult<R>>;
}

export type TxOptions = {
  /**
   * false: the commit does not wait for its WAL flush (`synchronous_commit = off` for this transaction). For
   * writes that can be redone, such as harvested pages: a Postgres crash may lose the last few hundred ms of
   * such commits (all of a transaction or none), never the database's consistency. @default true
   */
  durable?: boolean;
};

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>, opts?: TxOptions): Promise<T>;
  /**
   * Runs fn while this process holds the exclusive lock `key`, or returns null at once (fn not run) when someone
   * holds it: on Postgres a session-level advisory lock on a connection of its own (kept open for the next lock
   * once released), which the server also releases when that connection ends (a killed process never leaves it
   * held); on PGlite, which one process owns, an in-process lock.
   */
  tryWithLock<T>(key: string, fn: () => Promise<T>): Promise<{ value: T } | null>;
  close(): Promise<void>;
}

/** One round trip to the database (health checks): throws when it cannot be reached. */
export async function ping(db: Queryable): Promise<void> {
  await db.query('select 1');
}

/** The advisory lock id of the key $1 in the session's schema. */
const LOCK_ID = `hashtextextended(current_setting('search_path') || ':' || $1, 0)`;

/** At most this many locks held at once by one process (Postgres); another waits for one to be released. */
const LOCK_CONNECTIONS = 32;

/** Locks held by this process (PGlite, whose database one process owns). */
function inProcessLocks(): Db['tryWithLock'] {
  const held = new Set<string>();
  return async (key, fn) => {
    if (held.has(key)) return null;
    held.add(key);
    try {
      return { value: await fn() };
    } finally {
      held.delete(key);
    }
  };
}

// int8 and numeric come back as JS numbers on both drivers (ids and counts stay far below 2^53), so store
// code never sees a driver-specific string or bigint.
const INT8 = 20;
const NUMERIC = 1700;
const toNumber = (v: string) => (v === null ? null : Number(v));

export function openPostgres(connectionString: string, opts: { searchPath?: string; max?: number } = {}): Db {
  const sessionOptions = [`-c temp_buffers=256MB`, ...(opts.searchPath ? [`-c search_path=${opts.searchPath}`] : [])].join(' ');
  const pool = new pg.Pool({
    connectionString,
    max: opts.max ?? 10,
    // A query is written without waiting for the answer to the one before it (each still has its own Sync, so
    // an error stays its query's). Sequential code behaves as before; a transaction's `begin` goes out with its
    // first statement (see transaction). Not for COPY streams or cursors, which this module does not use.
    pipeline: true,
    // temp_buffers: the indicator engine builds temp tables of a few hundred MB per chunk of weeks; with the 8 MB
    // default they spill to files. Local buffers are allocated only by sessions that use temp tables, and the
    // value can only be set before a session's first temp table, hence at connect.
    options: sessionOptions,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 || oid === NUMERIC ? toNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its server must not crash the process; the next query reports the error.
  // oxlint-disable-next-line no-empty-function -- the error resurfaces at the next query on a new client
  pool.on('error', () => {});
  // Nor may a checked-out client whose server goes away (killed, restarted): its query or transaction fails with
  // DB_UNAVAILABLE (toDbError) instead of an uncaught 'error' event ending the process.
  // oxlint-disable-next-line no-empty-function -- the failed query or transaction reports it (toDbError)
  pool.on('connect', (client) => client.on('error', () => {}));
  // Locks (tryWithLock) are held on connections of their own, outside `pool`: held for the whole of a pass, a
  // lock's connection must not take a slot that the pass's own transactions wait for (passes at the pool's size
  // would each hold one and wait for another). They are pooled between passes: a connection opened per pass cost
  // 3 ms of worker CPU, a Postgres backend start and up to 100 ms of waiting on a busy machine, against 0.7 ms
  // for a lock and unlock on an open one (the collect benchmark opens 123 a pass; BENCHMARKS.md, collector).
  // The bound is well above any pass concurrency, so that a busy key is still refused at once.
  const lockPool = new pg.Pool({ connectionString, max: LOCK_CONNECTIONS, options: sessionOptions });
  // oxlint-disable-next-line no-empty-function -- an idle lock connection lost: the next lock opens another
  lockPool.on('error', () => {});
  // oxlint-disable-next-line no-empty-function -- a held lock's lost connection fails its unlock (the lock went with the session)
  lockPool.on('connect', (client) => client.on('error', () => {}));
  const checkout = async (from: pg.Pool): Promise<pg.PoolClient> => {
    try {
      return await from.connect();
    } catch (err) {
      throw toDbError(err);
    }
  };
  const run = async <R extends Row>(q: pg.Pool | pg.PoolClient, text: string, values?: readonly unknown[], name?: string) => {
    try {
      const r = await q.query(
        name ? { name, text, values: values as unknown[] | undefined } : { text, values: values as unknown[] | undefined },
      );
      return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
    } catch (err) {
      throw toDbError(err);
    }
  };
  return {
    kind: 'postgres',
    query: (text, values, name) => run(pool, text, values, name),
    async transaction(fn, opts) {
      const client = await checkout(pool);
      // `begin` is sent with the transaction's first statement, and `commit` with its last (queryAndCommit), without
      // waiting for the answer in between (the pool pipelines): one round trip where three were (a backfill commits
      // a group per few hundred items, and on a small machine a round trip costs more than a statement). A
      // transaction that sends nothing sends no begin.
      const begin = opts?.durable === false ? 'begin; set local synchronous_commit = off' : 'begin';
      let begun: Promise<unknown> | null = null;
      let committed: Promise<unknown> | null = null;
      /** Sends the statement, after begin if not sent yet and before commit if `last`. */
      const send = async <T>(statement: () => Promise<T>, last = false): Promise<T> => {
        if (committed) throw new Error('statement after queryAndCommit: the transaction is committed');
        const before = begun;
        begun ??= client.query(begin);
        const sent = statement();
        if (last) committed = client.query('commit');
        // Errors in the order the server met them: begin's, the statement's, commit's (a commit after a failed
        // statement only rolls back). Both are awaited below; these handlers only keep the one awaited later
        // from counting as unhandled while the earlier one is awaited.
        // oxlint-disable-next-line no-empty-function -- awaited below
        sent.catch(() => {});
        // oxlint-disable-next-line no-empty-function -- awaited below
        committed?.catch(() => {});
        if (!before) await begun;
        const result = await sent;
        if (committed) await committed;
        return result;
      };
      let broken: Error | undefined;
      try {
        const tx: Tx = {
          query: (text, values, name) => send(() => run(client, text, values, name)),
          exec: (script) =>
            send(async () => {
              await client.query(script);
            }),
          queryAndCommit: (text, values, name) => send(() => run(client, text, values, name), true),
        };
        const result = await fn(tx);
        if (begun && !committed) await client.query('commit');
        return result;
      } catch (err) {
        // A client whose rollback fails too is broken: release(err) destroys it instead of returning it to the
        // pool. The error thrown stays the one that caused the rollback.
        if (begun)
          await client
            .query('rollback')
            .catch((rollbackErr: unknown) => (broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr))));
        // begin and commit are sent here, outside `run`: their errors are typed too.
        throw toDbError(err);
      } finally {
        client.release(broken);
      }
    },
    async tryWithLock(key, fn) {
      const client = await checkout(lockPool);
      let broken: Error | undefined;
      try {
        // Advisory locks are database-wide: the key is taken per search_path (deployments or test files sharing
        // a database in schemas of their own).
        const r = await client.query<{ ok: boolean }>(`select pg_try_advisory_lock(${LOCK_ID}) as ok`, [key]);
        if (r.rows[0]?.ok !== true) return null;
        try {
          return { value: await fn() };
        } finally {
          // A connection whose unlock fails is destroyed below: ending the session releases the lock.
          await client.query(`select pg_advisory_unlock(${LOCK_ID})`, [key]).catch((err: unknown) => {
            broken = err instanceof Error ? err : new Error(String(err));
          });
        }
      } catch (err) {
        broken ??= err instanceof Error ? err : new Error(String(err));
        throw toDbError(err);
      } finally {
        client.release(broken);
      }
    },
    close: async () => {
      await Promise.all([pool.end(), lockPool.end()]);
    },
  };
}

/**
 * The embedded database is one process's: two processes writing one PGlite directory corrupt it. A lock file
 * holding the owner's pid refuses a second opener with a clear error; a lock left by a dead process is taken over.
 */
function lockDataDir(dir: string): () => void {
  const file = path.join(dir, 'lyttepost.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(file, 'utf8').trim());
      let alive = owner > 0 && owner !== process.pid;
      if (alive) {
        try {
          process.kill(owner, 0);
        } catch {
          alive = false;
        }
      }
      if (alive) {
        throw new AppError(
          'DB_UNAVAILABLE',
          `the embedded database in ${dir} is in use by process ${owner}; stop it first, or use DATABASE_URL to share one Postgres between processes`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new AppError('DB_UNAVAILABLE', `cannot lock the embedded database in ${dir}`);
}

/** Embedded Postgres (PGlite, Postgres compiled to WASM). `dataDir` undefined = in memory (tests). */
export async function openPglite(dataDir?: string): Promise<Db> {
  let unlock: () => void = () => undefined; // in memory: nothing to unlock
  if (dataDir) {
    unlock = lockDataDir(ensureWritableDir(dataDir, 'LYTTEPOST_DATA_DIR'));
  }
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir ? path.resolve(dataDir) : undefined, {
      parsers: { [INT8]: toNumber, [NUMERIC]: toNumber },
    });
  } catch (err) {
    unlock();
    throw new AppError('DB_UNAVAILABLE', `cannot open the embedded database in ${dataDir}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Tx => {
    // PGlite commits when the transaction's function returns; queryAndCommit only closes the handle.
    let closed = false;
    const query = async <R extends Row>(text: string, values?: readonly unknown[]) => {
      if (closed) throw new Error('statement after queryAndCommit: the transaction is committed');
      let r: Awaited<ReturnType<typeof q.query<R>>>;
      try {
        r = await q.query<R>(text, values as unknown[] | undefined);
      } catch (err) {
        throw toDbError(err);
      }
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    };
    return {
      query,
      async exec(script) {
        if (closed) throw new Error('statement after queryAndCommit: the transaction is committed');
        await q.exec(script);
      },
      async queryAndCommit<R extends Row>(text: string, values?: readonly unknown[]) {
        const r = await query<R>(text, values);
        closed = true;
        return r;
      },
    };
  };
  const root = wrap(db);
  return {
    kind: 'pglite',
    query: (text, values) => root.query(text, values),
    transaction: (fn, opts) =>
      db.transaction(async (tx) => {
        if (opts?.durable === false) await tx.query('set local synchronous_commit = off');
        return fn(wrap(tx));
      }),
    tryWithLock: inProcessLocks(),
    close: async () => {
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}
