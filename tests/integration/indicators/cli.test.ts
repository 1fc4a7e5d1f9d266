import path from 'node:path';

import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { openPglite, type Db } from '../../../src/store/db.js';
import { migrate } from '../../../src/store/migrate.js';
import { seedRegister } from '../../../src/store/register.js';
import { cliEnv } from '../../helpers/cli-env.js';
import { runCli } from '../../helpers/run-cli.js';
import { useTestDb } from '../../helpers/test-db.js';
import { addAccount, coverHarvest, insertThread } from './builder.js';

/** `lyttepost indicators --recompute-all`: progress on stderr, the contract's JSON on stdout. */
let t: Awaited<ReturnType<typeof useTestDb>>;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  t = await useTestDb();
  env = cliEnv(t);
  // On PGlite the CLI opens its own embedded data directory: the items go there, written before it starts.
  let db: Db = t.db;
  if (!t.url) {
    await t.drop();
    db = await openPglite(path.join(env.LYTTEPOST_DATA_DIR as string, 'pglite'));
    await migrate(db);
    await seedRegister(db);
  }
  const acc = await addAccount(db, { municipality: '0301', externalId: 'oslo-page' });
  await coverHarvest(db, acc, '2026-03-02T00:00:00Z', '2026-03-16T00:00:00Z');
  await insertThread(db, acc, [
    { id: 'p1', role: 'owner', at: '2026-03-03T09:00:00Z' },
    { id: 'c1', parent: 'p1', role: 'citizen', at: '2026-03-03T10:00:00Z', q: true },
    { id: 'r1', parent: 'c1', role: 'owner', at: '2026-03-03T11:00:00Z' },
  ]);
  if (!t.url) await db.close();
});
afterAll(async () => {
  if (t.url) await t.drop();
});

test('a full recompute shows its progress on stderr and prints the week on stdout', async () => {
  const r = await runCli(['indicators', '--recompute-all', '--week', '2026-W10', '--level', 'municipality'], {
    env,
    clock: () => new Date('2026-03-20T12:00:00Z'),
  });
  expect(r.stderr).toMatch(/Beregner indikatorer \[#+\] (\d+)\/\1\n$/);
  expect(r.code).toBe(0);
  const rows = JSON.parse(r.stdout) as Array<{ scope: string; id: string; week: string; values: Record<string, unknown> }>;
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ scope: 'municipality', id: '0301', week: '2026-W10' });
  expect(rows[0]?.values).toMatchObject({ owner_posts: 1, owner_replies: 1, citizen_comments: 1, reply_share: 0.5 });
}, 120_000);

test('--format csv --dialect excel-nb: BOM, semicolons, decimal comma; csv-parse reads the JSON output’s numbers', async () => {
  const args = ['indicators', '--week', '2026-W10', '--level', 'municipality'];
  const clock = () => new Date('2026-03-20T12:00:00Z');
  const json = await runCli([...args, '--format', 'json'], { env, clock });
  expect(json.code).toBe(0);
  const [row] = JSON.parse(json.stdout) as Array<{
    id: string;
    coverage: number;
    provisional: boolean;
    values: Record<string, number | string | null>;
  }>;
  const nb = await runCli([...args, '--format', 'csv', '--dialect', 'excel-nb'], { env, clock });
  expect(nb.code, nb.stderr).toBe(0);
  expect(nb.stdout.charCodeAt(0)).toBe(0xfeff);
  const records = parse(nb.stdout, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
  expect(records).toHaveLength(1);
  const csv = records[0]!;
  expect(csv.id).toBe(row!.id);
  expect(csv.reply_share).toBe('0,5');
  expect(csv.provisional).toBe(row!.provisional ? 'ja' : 'nei');
  const nbNumber = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s.replace(',', '.')));
  expect(nbNumber(csv.coverage)).toBe(row!.coverage);
  for (const [id, v] of Object.entries(row!.values)) {
    if (typeof v === 'number') expect(nbNumber(csv[id]), id).toBe(v);
    else if (v === null) expect(csv[id], id).toBe('');
  }
  // The default stays RFC 4180 (comma, decimal point, no BOM).
  const plain = await runCli([...args, '--format', 'csv'], { env, clock });
  expect(plain.stdout.charCodeAt(0)).not.toBe(0xfeff);
  expect((parse(plain.stdout, { columns: true }) as Array<Record<string, string>>)[0]?.reply_share).toBe('0.5');
}, 120_000);

test('a bad --dialect, or one without CSV output, is a usage error naming the allowed values', async () => {
  const bad = await runCli(['indicators', '--week', '2026-W10', '--format', 'csv', '--dialect', 'excel'], { env });
  expect(bad.code).not.toBe(0);
  expect(bad.stderr).toContain("indicators: --dialect expects one of rfc4180, excel-nb, got 'excel'");
  const json = await runCli(['indicators', '--week', '2026-W10', '--dialect', 'excel-nb'], { env });
  expect(json.code).not.toBe(0);
  expect(json.stderr).toContain('indicators: --dialect is for CSV output (with --format csv)');
  const help = await runCli(['indicators', '--help'], { env });
  expect(help.stdout).toContain('--dialect <dialect>');
});
