import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { Db } from '../../../src/store/db.js';
import { useTestDb } from '../../helpers/test-db.js';

/**
 * `transaction(fn, { durable: false })` turns off the commit's WAL-flush wait for that transaction only (the
 * collector's commit groups use it), on both drivers, and rolls back like any other transaction.
 */
for (const driver of ['postgres', 'pglite'] as const) {
  describe.skipIf(driver === 'postgres' && !process.env.DATABASE_URL)(`${driver}: transaction options`, () => {
    let t: Awaited<ReturnType<typeof useTestDb>>;
    let db: Db;
    beforeAll(async () => {
      t = await useTestDb({ pglite: driver === 'pglite', seed: false });
      db = t.db;
      await db.query('create table tx_probe (n int)');
    });
    afterAll(async () => {
      await t?.drop();
    });
    /**
     * Every pooled connection runs a lone statement in a transaction of its own (Postgres: begin and commit are
     * this module's; PGlite's transactions are its own, on its one connection).
     */
    const expectNoTransactionLeftOpen = async () => {
      if (driver === 'pglite') return;
      const probe = 'select xact_start = query_start as fresh from pg_stat_activity where pid = pg_backend_pid()';
      const runs = await Promise.all(Array.from({ length: 4 }, () => db.query<{ fresh: boolean }>(probe)));
      expect(runs.map((r) => r.rows[0]?.fresh)).toEqual([true, true, true, true]);
      // A transaction left open would hold this row back from the other connections until it ended.
      await db.query('insert into tx_probe values (7)');
      const seen = await Promise.all(Array.from({ length: 4 }, () => db.query('select 1 from tx_probe where n = 7')));
      expect(seen.map((r) => r.rows.length)).toEqual([1, 1, 1, 1]);
      await db.query('delete from tx_probe where n = 7');
    };
    const setting = async (q: Pick<Db, 'query'>) =>
      (await q.query<{ s: string }>('select current_setting($1) as s', ['synchronous_commit'])).rows[0]?.s;

    test('durable: false applies inside the transaction only; the default keeps synchronous commits', async () => {
      const inside = await db.transaction(
        async (tx) => {
          await tx.query('insert into tx_probe values (1)');
          return setting(tx);
        },
        { durable: false },
      );
      expect(inside).toBe('off');
      expect(await db.transaction((tx) => setting(tx))).toBe('on');
      expect(await setting(db)).toBe('on');
      expect((await db.query('select n from tx_probe')).rows).toEqual([{ n: 1 }]);
    });

    test('a failing non-durable transaction rolls back', async () => {
      await expect(
        db.transaction(
          async (tx) => {
            await tx.query('insert into tx_probe values (2)');
            throw new Error('boom');
          },
          { durable: false },
        ),
      ).rejects.toThrow('boom');
      expect((await db.query('select n from tx_probe order by n')).rows).toEqual([{ n: 1 }]);
    });

    test('queryAndCommit: the last statement and the commit; nothing may follow it', async () => {
      const got = await db.transaction(
        async (tx) => {
          await tx.query('insert into tx_probe values (3)');
          const r = await tx.queryAndCommit<{ n: number }>('insert into tx_probe values (4) returning n', [], 'tx-probe-4');
          await expect(tx.query('insert into tx_probe values (5)')).rejects.toThrow('statement after queryAndCommit');
          return r.rows;
        },
        { durable: false },
      );
      expect(got).toEqual([{ n: 4 }]);
      expect((await db.query('select n from tx_probe order by n')).rows).toEqual([{ n: 1 }, { n: 3 }, { n: 4 }]);
    });

    test('a failing first or last statement rolls back the whole transaction and reports its own error', async () => {
      // The first statement goes out with begin (Postgres), the last with commit.
      await expect(db.transaction(async (tx) => tx.query('insert into tx_probe values (1 / 0)'))).rejects.toThrow('division by zero');
      await expect(
        db.transaction(async (tx) => {
          await tx.query('insert into tx_probe values (6)');
          return tx.queryAndCommit('insert into tx_probe values (1 / 0)');
        }),
      ).rejects.toThrow('division by zero');
      expect((await db.query('select n from tx_probe order by n')).rows).toEqual([{ n: 1 }, { n: 3 }, { n: 4 }]);
      // The connection is usable afterwards (no transaction left open on it).
      expect(await db.transaction(async (tx) => (await tx.query<{ one: number }>('select 1 as one')).rows[0]?.one)).toBe(1);
      await expectNoTransactionLeftOpen();
    });

    test('a transaction that sends nothing commits nothing and leaves no transaction open', async () => {
      expect(await db.transaction(async () => 42)).toBe(42);
      await expectNoTransactionLeftOpen();
    });
  });
}
