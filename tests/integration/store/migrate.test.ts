import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { openPglite, type Db } from '../../../src/store/db.js';
import { loadMigrations, migrate, SQL_DIR } from '../../../src/store/migrate.js';
import { useTestDb, urlWithSchema } from '../../helpers/test-db.js';

const run = promisify(execFile);
const CLI = new URL('../../../bin/lyttepost.js', import.meta.url).pathname;

describe('migrations on an empty database', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  beforeAll(async () => {
    t = await useTestDb({ seed: false });
  });
  afterAll(async () => t.drop());

  test('applies every file once, records checksums, and a second run applies nothing', async () => {
    const files = loadMigrations();
    const { rows } = await t.db.query<{ name: string; checksum: string }>('select name, checksum from schema_migrations order by name');
    expect(rows.map((r) => r.name)).toEqual(files.map((f) => f.name));
    expect(rows.map((r) => r.checksum)).toEqual(files.map((f) => f.checksum));
    const again = await migrate(t.db);
    expect(again).toEqual({ applied: [], alreadyApplied: files.length });
  });

  test('refuses with a clear error when an applied file was edited', async () => {
    const edited = loadMigrations().map((m, i) => (i === 1 ? { ...m, sql: m.sql + '\n-- edit', checksum: 'f'.repeat(64) } : m));
    await expect(migrate(t.db, edited)).rejects.toThrow(/migration 0002_harvest\.sql was edited after it was applied/);
  });
});

describe.runIf(process.env.DATABASE_URL)('concurrent migrators on Postgres', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  beforeAll(async () => {
    t = await useTestDb({ seed: false });
    await t.db.query('drop table if exists schema_migrations');
    // Start from an empty schema again so both processes race on real work.
    const { rows } = await t.db.query<{ tablename: string }>('select tablename from pg_tables where schemaname = $1', [t.schema]);
    for (const r of rows) await t.db.query(`drop table if exists ${r.tablename} cascade`);
  });
  afterAll(async () => t.drop());

  test('two `lyttepost migrate` processes at once both succeed and apply each file once', async () => {
    const env = {
      ...process.env,
      DATABASE_URL: urlWithSchema(t.url as string, t.schema as string),
      LYTTEPOST_SECRET: 'x'.repeat(32),
      LOG_LEVEL: 'silent',
    };
    const [a, b] = await Promise.all([run('node', [CLI, 'migrate'], { env }), run('node', [CLI, 'migrate'], { env })]);
    const applied = [a.stdout, b.stdout].join('').match(/^applied \S+$/gm) ?? [];
    expect(applied.sort()).toEqual(
      loadMigrations()
        .map((m) => `applied ${m.name}`)
        .sort(),
    );
    const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from schema_migrations');
    expect(rows[0]?.n).toBe(loadMigrations().length);
  });
});

describe('migrations on the embedded database (PGlite)', () => {
  let db: Db;
  afterAll(async () => db?.close());

  test('the same SQL applies on PGlite and persists in the data directory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lyttepost-pglite-'));
    db = await openPglite(dir);
    const first = await migrate(db);
    expect(first.applied).toHaveLength(loadMigrations().length);
    await db.close();
    db = await openPglite(dir);
    expect(await migrate(db)).toEqual({ applied: [], alreadyApplied: loadMigrations().length });
  });

  test('a migration that fails leaves nothing half-applied', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lyttepost-sql-'));
    for (const f of readdirSync(SQL_DIR)) copyFileSync(new URL(f, SQL_DIR), path.join(dir, f));
    writeFileSync(path.join(dir, '0099_broken.sql'), 'create table ok_part (x int);\ncreate table broken (;\n');
    const mem = await openPglite();
    try {
      await expect(migrate(mem, loadMigrations(pathToFileURL(dir + '/')))).rejects.toThrow();
      const { rows } = await mem.query<{ n: number }>("select count(*)::int as n from pg_tables where tablename = 'ok_part'");
      expect(rows[0]?.n).toBe(0);
      const names = (await mem.query<{ name: string }>('select name from schema_migrations')).rows.map((r) => r.name);
      expect(names).not.toContain('0099_broken.sql');
      expect(readFileSync(path.join(dir, '0001_registry.sql'), 'utf8')).toContain('create table counties');
    } finally {
      await mem.close();
    }
  });
});

describe('the embedded data directory', () => {
  test("is one process's: a second opener gets a clear error, and the lock is released on close", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lyttepost-lock-'));
    const first = await openPglite(dir);
    // A live process other than this one holds the lock: simulate with the parent's pid.
    writeFileSync(path.join(dir, 'lyttepost.lock'), String(process.ppid));
    await expect(openPglite(dir)).rejects.toThrow(/in use by process \d+; stop it first, or use DATABASE_URL/);
    writeFileSync(path.join(dir, 'lyttepost.lock'), String(process.pid));
    await first.close();
    // A lock left by a process that is gone is taken over.
    writeFileSync(path.join(dir, 'lyttepost.lock'), '999999999');
    const again = await openPglite(dir);
    await again.close();
  });
});
