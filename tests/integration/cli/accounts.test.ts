import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { COLLECTED_PLATFORMS } from '../../../src/collectors/registry.js';
import { readRegister } from '../../../src/store/register.js';
import { cliEnv } from '../../helpers/cli-env.js';
import { runCli } from '../../helpers/run-cli.js';
import { useTestDb } from '../../helpers/test-db.js';

const dir = mkdtempSync(path.join(tmpdir(), 'lyttepost-accounts-'));
function csvFile(name: string, body: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, body);
  return f;
}

describe('accounts commands', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    t = await useTestDb();
    // On PGlite the CLI opens its own embedded database in the env's data dir; close ours first.
    if (!t.url) await t.drop();
    env = cliEnv(t);
  });
  afterAll(async () => {
    if (t.url) await t.drop();
  });

  test('add validates municipality and platform, naming the bad value and the allowed ones', async () => {
    const bad = await runCli(['accounts', 'add', '--municipality', '9999', '--platform', 'facebook', '--id', '1'], { env });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("unknown municipality code '9999'");
    const badP = await runCli(['accounts', 'add', '--municipality', '0301', '--platform', 'myspace', '--id', '1'], { env });
    expect(badP.code).not.toBe(0);
    expect(badP.stderr).toContain(`unknown platform 'myspace' (allowed: ${COLLECTED_PLATFORMS.join(', ')})`);
    const ok = await runCli(
      ['accounts', 'add', '--municipality', '0301', '--platform', 'facebook', '--id', '1122334455', '--handle', 'oslokommune'],
      { env },
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Added account \d+: facebook 1122334455 for municipality 0301/);
  });

  test('add refuses, with one line and exit 2, a platform that has no collector; a collected one is accepted (issue 24)', async () => {
    const refused = await runCli(['accounts', 'add', '--municipality', '0301', '--platform', 'mastodon', '--id', '109000000000000042'], {
      env,
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain(
      `no collector for mastodon yet: it cannot be monitored (collected: ${COLLECTED_PLATFORMS.join(', ')})`,
    );
    const listed = await runCli(['accounts', 'list'], { env });
    expect(listed.stdout).not.toContain('mastodon');
    // The refusal derives from the collector registry: every registered platform is accepted.
    expect(COLLECTED_PLATFORMS).toContain('instagram');
    const ig = await runCli(
      ['accounts', 'add', '--municipality', '0301', '--platform', 'instagram', '--id', '17841400000000001', '--handle', 'oslokommune'],
      { env },
    );
    expect(ig.code).toBe(0);
    expect(ig.stdout).toMatch(/Added account \d+: instagram 17841400000000001 for municipality 0301/);
  });

  test('add stores a token given by --token-env encrypted, and fails when the variable is unset', async () => {
    const missing = await runCli(
      ['accounts', 'add', '--municipality', '0301', '--platform', 'x', '--id', '42', '--token-env', 'NOPE_TOKEN'],
      { env },
    );
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('token variable NOPE_TOKEN is not set');
    const r = await runCli(['accounts', 'add', '--municipality', '0301', '--platform', 'x', '--id', '42', '--token-env', 'OSLO_X'], {
      env: { ...env, OSLO_X: 'AAAA-secret-bearer' },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('token stored encrypted');
    expect(r.stdout + r.stderr).not.toContain('AAAA-secret-bearer');
    if (t.url) {
      const { rows } = await t.db.query<{ ciphertext: string }>('select ciphertext from credentials');
      expect(rows).toHaveLength(1);
      expect(rows[0]?.ciphertext).not.toContain('AAAA');
    }
  });

  test('import with one bad row of ten reports its line and imports nothing', async () => {
    const lines = ['municipality,platform,external_id,handle'];
    for (let i = 0; i < 10; i++) lines.push(i === 6 ? `4601,fb,900${i},bergen` : `4601,facebook,900${i},bergen${i}`);
    const f = csvFile('bad.csv', lines.join('\n') + '\n');
    const r = await runCli(['accounts', 'import', f], { env });
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('1 bad row(s) of 10');
    expect(r.stderr).toContain("line 8: unknown platform 'fb'");
    const list = await runCli(['accounts', 'list', '--municipality', '4601'], { env });
    expect(list.stdout).toContain('No accounts registered');
  });

  test('a valid import of 1,000 accounts lands in one transaction', async () => {
    const codes = readRegister().map((m) => m.code);
    const lines = ['municipality,platform,external_id,handle'];
    for (let i = 0; i < 1000; i++) lines.push(`${codes[i % codes.length]},${['facebook', 'youtube', 'x'][i % 3]},bulk${i},h${i}`);
    const f = csvFile('good.csv', lines.join('\r\n'));
    const r = await runCli(['accounts', 'import', f], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Imported 1000 account(s)');
    const list = await runCli(['accounts', 'list', '--csv'], { env });
    expect(
      list.stdout
        .trim()
        .split('\n')
        .filter((l) => l.includes(',bulk')),
    ).toHaveLength(1000);
    // The same list for Excel in a Norwegian locale, read back with csv-parse in that dialect.
    const nb = await runCli(['accounts', 'list', '--csv', '--dialect', 'excel-nb'], { env });
    expect(nb.code, nb.stderr).toBe(0);
    expect(nb.stdout.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(nb.stdout, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    expect(rows.filter((r) => r.external_id?.startsWith('bulk'))).toHaveLength(1000);
    expect(rows).toEqual(parse(list.stdout, { columns: true }));
    // Importing again updates instead of duplicating.
    const again = await runCli(['accounts', 'import', f], { env });
    expect(again.stdout).toContain('0 new, 1000 updated');
  });

  test('import names a missing file and a bad header', async () => {
    const nofile = await runCli(['accounts', 'import', path.join(dir, 'nope.csv')], { env });
    expect(nofile.code).not.toBe(0);
    expect(nofile.stderr).toContain('cannot read');
    const f = csvFile('hdr.csv', 'kommune,platform\n0301,facebook\n');
    const hdr = await runCli(['accounts', 'import', f], { env });
    expect(hdr.stderr).toContain("'municipality' is missing");
  });
});
