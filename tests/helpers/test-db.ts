import { randomBytes } from 'node:crypto';

import { openPglite, openPostgres, type Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { seedRegister } from '../../src/store/register.js';

/**
 * A fresh, migrated database for one test file: a new schema on the real Postgres when DATABASE_URL is set
 * (dropped afterwards), otherwise an in-memory PGlite. Create it in beforeAll: PGlite takes seconds to start.
 */
export async function useTestDb(
  opts: { pglite?: boolean; seed?: boolean; /** A server other than DATABASE_URL's. */ url?: string } = {},
): Promise<{
  db: Db;
  schema: string | null;
  url: string | null;
  drop: () => Promise<void>;
}> {
  const url = opts.url ?? process.env.DATABASE_URL;
  if (opts.pglite || !url) {
    const db = await openPglite();
    await migrate(db);
    if (opts.seed !== false) await seedRegister(db);
    return { db, schema: null, url: null, drop: () => db.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(url, { max: 1 });
  await admin.query(`create schema ${schema}`);
  await admin.close();
  const db = openPostgres(url, { searchPath: schema, max: 5 });
  await migrate(db);
  if (opts.seed !== false) await seedRegister(db);
  return {
    db,
    schema,
    url,
    drop: async () => {
      await db.close();
      const a = openPostgres(url, { max: 1 });
      await a.query(`drop schema ${schema} cascade`);
      await a.close();
    },
  };
}

/** A connection string that puts a client into `schema` (for child processes). */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}
