import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { cliEnv } from '../../helpers/cli-env.js';
import { runCli } from '../../helpers/run-cli.js';
import { useTestDb } from '../../helpers/test-db.js';

const dir = mkdtempSync(path.join(tmpdir(), 'lyttepost-bad-input-'));
function file(name: string, body: string | Buffer): string {
  const f = path.join(dir, name);
  writeFileSync(f, body);
  return f;
}

/** One line on stderr, no stack trace. */
function expectOneLine(stderr: string, contains: string): void {
  expect(stderr).toContain(contains);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

/** Bad input is refused with one line and nothing is written (issue 18). */
describe('bad input is refused with one line, nothing written', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    t = await useTestDb();
    if (!t.url) await t.drop();
    env = cliEnv(t);
  });
  afterAll(async () => {
    if (t.url) await t.drop();
  });

  const listed = async () => (await runCli(['accounts', 'list', '--csv'], { env })).stdout.trim().split('\n').slice(1);

  test('a repeated single-valued option is a usage error, not "the last one wins"', async () => {
    const r = await runCli(['accounts', 'add', '--municipality', '0301', '--municipality', '4601', '--platform', 'facebook', '--id', '1'], {
      env,
    });
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, '--municipality given more than once');
    const p = await runCli(['accounts', 'list', '--platform', 'x', '--platform', 'youtube'], { env });
    expect(p.code).toBe(2);
    expectOneLine(p.stderr, '--platform given more than once');
    expect(await listed()).toEqual([]);
  });

  test('a CSV dialect not offered is refused naming the allowed ones, for every command that writes CSV', async () => {
    for (const argv of [
      ['accounts', 'list', '--csv', '--dialect', 'excel'],
      ['audit', '--csv', '--dialect', 'semicolon'],
      ['indicators', '--week', '2026-W10', '--format', 'csv', '--dialect', 'RFC4180'],
    ]) {
      const r = await runCli(argv, { env });
      expect(r.code, argv.join(' ')).toBe(2);
      expectOneLine(
        r.stderr,
        `${argv[0] === 'accounts' ? 'accounts list' : argv[0]}: --dialect expects one of rfc4180, excel-nb, got '${argv.at(-1)}'`,
      );
    }
    const noCsv = await runCli(['audit', '--dialect', 'excel-nb'], { env });
    expect(noCsv.code).toBe(2);
    expectOneLine(noCsv.stderr, 'audit: --dialect is for CSV output (with --csv)');
    const nb = await runCli(['audit', '--csv', '--dialect', 'excel-nb'], { env });
    expect(nb.code, nb.stderr).toBe(0);
    expect(nb.stdout).toBe('\ufeffat;actor;action;scope;detail\r\n');
  });

  test('an impossible date is refused instead of rolling over into the next month', async () => {
    for (const since of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-04-31T10:00:00Z']) {
      const r = await runCli(['sync', '--all', '--since', since], { env });
      expect(r.code, since).toBe(2);
      expectOneLine(r.stderr, `--since no such date or time, got '${since}'`);
    }
    const garbage = await runCli(['sync', '--all', '--since', 'yesterday'], { env });
    expectOneLine(garbage.stderr, "--since expects a date such as 2026-10-01 or an ISO time, got 'yesterday'");
  });

  test('an import CSV with invalid UTF-8 is BAD_INPUT naming the line, and nothing is imported', async () => {
    const f = file(
      'latin1.csv',
      Buffer.concat([
        Buffer.from('municipality,platform,external_id,handle\n0301,facebook,1,oslo\n4601,facebook,2,'),
        Buffer.from([0x42, 0xe6, 0x72, 0x67, 0x65, 0x6e]),
        Buffer.from('\n'),
      ]),
    );
    const r = await runCli(['accounts', 'import', f], { env });
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, 'latin1.csv line 3: not valid UTF-8');
    expect(await listed()).toEqual([]);
  });

  test('a NUL byte in an import CSV is BAD_INPUT naming the line, not a database stack trace', async () => {
    const f = file('nul.csv', 'municipality,platform,external_id,handle\n0301,facebook,1,os\u0000lo\n');
    const r = await runCli(['accounts', 'import', f], { env });
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, 'nul.csv line 2: NUL byte');
    expect(await listed()).toEqual([]);
  });

  test('an over-long handle is refused with the platform maximum', async () => {
    const long = 'a'.repeat(1_000_000);
    const r = await runCli(['accounts', 'add', '--municipality', '0301', '--platform', 'x', '--id', '42', '--handle', long], { env });
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, 'handle is 1000000 characters long; x allows at most 50');
    const f = file('long.csv', `municipality,platform,external_id,handle\n0301,youtube,UC1,${'b'.repeat(101)}\n`);
    const imp = await runCli(['accounts', 'import', f], { env });
    expectOneLine(imp.stderr, 'line 2: handle is 101 characters long; youtube allows at most 100');
    expect(await listed()).toEqual([]);
    const ok = await runCli(['accounts', 'add', '--municipality', '0301', '--platform', 'x', '--id', '42', '--handle', 'x'.repeat(50)], {
      env,
    });
    expect(ok.code).toBe(0);
  });
});

describe('an unusable LYTTEPOST_DATA_DIR', () => {
  // The embedded database lives in the data dir: without DATABASE_URL the CLI must open it.
  const base = { LOG_LEVEL: 'silent', LYTTEPOST_SECRET: 'test-secret-0123456789abcdef0123456789' };

  test('under /proc is refused at once with one line (it used to spin at 100 % CPU)', async () => {
    const r = await runCli(['accounts', 'list'], { env: { ...base, LYTTEPOST_DATA_DIR: '/proc/x' } });
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, 'LYTTEPOST_DATA_DIR: cannot use /proc/x');
  });

  test('naming a file is refused with one line', async () => {
    const f = file('not-a-dir', 'x');
    const r = await runCli(['accounts', 'list'], { env: { ...base, LYTTEPOST_DATA_DIR: f } });
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, `LYTTEPOST_DATA_DIR: cannot use ${f}`);
    const secret = await runCli(['accounts', 'list'], {
      env: { LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://127.0.0.1:1/none', LYTTEPOST_DATA_DIR: path.join(f, 'sub') },
    });
    expect(secret.code).toBe(1);
    expect(secret.stderr).not.toMatch(/\n\s+at /);
  });
});
