import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

import { AppError } from '../errors.js';
import { projectUrl } from '../project-root.js';
import type { Db, Tx } from './db.js';

/** Where the project's migrations live: `sql/NNNN_name.sql`, applied in filename order, never edited once merged. */
export const SQL_DIR = projectUrl('sql/');

// A fixed key for pg_advisory_xact_lock: two processes migrating at once serialise here instead of racing.
const MIGRATION_LOCK_KEY = 4_242_001;

export type Migration = { name: string; checksum: string; sql: string };
export type MigrateResult = { applied: string[]; alreadyApplied: number };

export function loadMigrations(dir: URL = SQL_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const sql = readFileSync(new URL(name, dir), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies every missing migration, each in its own transaction under an advisory lock, and records it with
 * its checksum. Refuses (MIGRATION_CHECKSUM) when an applied file has changed since.
 */
export async function migrate(db: Db, migrations: readonly Migration[] = loadMigrations()): Promise<MigrateResult> {
  const applied: string[] = [];
  let alreadyApplied = 0;
  for (const m of migrations) {
    const didApply = await db.transaction(async (tx) => {
      // Take the lock before touching schema_migrations, so a concurrent migrator waits here and then sees our rows.
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await tx.exec(
        `create table if not exists schema_migrations (
           name text primary key, checksum text not null, applied_at timestamptz not null default now())`,
      );
      const { rows } = await tx.query<{ checksum: string }>('select checksum from schema_migrations where name = $1', [m.name]);
      const existing = rows[0];
      if (existing) {
        if (existing.checksum !== m.checksum) {
          throw new AppError(
            'MIGRATION_CHECKSUM',
            `migration ${m.name} was edited after it was applied (checksum ${existing.checksum.slice(0, 12)} in the database, ${m.checksum.slice(0, 12)} on disk); restore the file and put the change in a new migration`,
          );
        }
        return false;
      }
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (name, checksum) values ($1, $2)', [m.name, m.checksum]);
      return true;
    });
    if (didApply) applied.push(m.name);
    else alreadyApplied++;
  }
  return { applied, alreadyApplied };
}

/**
 * Runs `fn` in one transaction under the migration lock, so that the seeding steps of processes starting at
 * once take turns: two `lyttepost migrate` processes deadlocked (40P01) on the register and population upserts.
 */
export function withMigrationLock<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    return fn(tx);
  });
}
