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
    const setting = async (q: Pick<Db, 'query'>) =>
      (await q.query<{ s: string }>('select current_setting($1) as s', ['synchronous_commit'])).rows[0]?.s;

    test('durable: false applies inside the transaction only; the default keeps synchronous commits', async () => {
      const inside = await db.transaction(async (tx) => {
        await tx.query('insert into tx_probe values (1)');
        return setting(tx);
      }, { durable: false });
      expect(inside).toBe('off');
      expect(await db.transaction((tx) => setting(tx))).toBe('on');
      expect(await setting(db)).toBe('on');
      expect((await db.query('select n from tx_probe')).rows).toEqual([{ n: 1 }]);
    });

    test('a failing non-durable transaction rolls back', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.query('insert into tx_probe values (2)');
          throw new Error('boom');
        }, { durable: false }),
      ).rejects.toThrow('boom');
      expect((await db.query('select n from tx_probe order by n')).rows).toEqual([{ n: 1 }]);
    });
  });
}
