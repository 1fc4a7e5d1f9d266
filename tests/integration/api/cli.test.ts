import { afterAll, beforeAll, expect, test } from 'vitest';

import { cliEnv } from '../../helpers/cli-env.js';
import { runCli } from '../../helpers/run-cli.js';
import { useTestDb } from '../../helpers/test-db.js';

let t: Awaited<ReturnType<typeof useTestDb>>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  t = await useTestDb();
  env = cliEnv(t);
});
afterAll(async () => {
  await t?.drop();
});

// The CLI opens the database named by its environment; on the embedded path that is its own data directory,
// so the stored-hash check needs the shared Postgres schema (CI always has it).
test.runIf(process.env.DATABASE_URL)('keys create prints the key once; only its hash is stored; list and revoke', async () => {
  const c = await runCli(['keys', 'create', '--role', 'municipality', '--municipality', '0301', '--name', 'Oslo info'], { env });
  expect(c.code).toBe(0);
  const key = c.stdout.trim();
  expect(key).toMatch(/^lp_[A-Za-z0-9_-]{43}$/);
  const { rows } = await t.db.query<{ key_hash: string; role: string; municipality_code: string }>(
    'select key_hash, role, municipality_code from api_keys',
  );
  expect(rows).toHaveLength(1);
  expect(rows[0]?.key_hash).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.stringify(rows)).not.toContain(key.slice(3));
  const list = await runCli(['keys', 'list'], { env });
  expect(list.stdout).toMatch(/1\s+municipality\s+0301\s+lp_\S{6}…/);
  expect(list.stdout).not.toContain(key);
  expect((await runCli(['keys', 'revoke', '1'], { env })).code).toBe(0);
  expect((await runCli(['keys', 'revoke', '1'], { env })).code).not.toBe(0);
});

test('keys create refuses bad roles and municipality combinations with one line', async () => {
  for (const args of [
    ['--role', 'root'],
    ['--role', 'municipality'],
    ['--role', 'sector', '--municipality', '0301'],
    ['--role', 'municipality', '--municipality', "0301' or 1=1"],
    ['--role', 'municipality', '--municipality', '9999'],
  ]) {
    const r = await runCli(['keys', 'create', ...args], { env });
    expect(r.code, args.join(' ')).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  }
});

test('serve listens, answers /healthz and stops on the shutdown signal', async () => {
  const { main } = await import('../../../src/cli/main.js');
  const { PassThrough, Readable } = await import('node:stream');
  const err = new PassThrough();
  let said = '';
  err.on('data', (b: Buffer) => (said += b.toString()));
  const ac = new AbortController();
  const running = main(['serve', '--port', '0', '--host', '127.0.0.1'], {
    env: { ...env, LOG_LEVEL: 'silent' },
    stdin: Readable.from([]),
    stdout: new PassThrough(),
    stderr: err,
    shutdownSignal: ac.signal,
  });
  for (let i = 0; i < 100 && !/http:\/\/\S+/.test(said); i++) await new Promise((r) => setTimeout(r, 50));
  const url = /(http:\/\/\S+) /.exec(said)?.[1];
  expect(url).toBeDefined();
  const res = await fetch(`${url}/healthz`);
  expect(await res.json()).toEqual({ status: 'ok' });
  ac.abort();
  expect(await running).toBe(0);
});
