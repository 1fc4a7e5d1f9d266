import { beforeAll, describe, expect, test } from 'vitest';

import type { Command } from '../../../src/cli/command.js';

import { COMMAND_ENTRIES, loadCommands } from '../../../src/cli/commands/index.js';
import { runCli } from '../../helpers/run-cli.js';

describe('cli frame', () => {
  let COMMANDS: Command[];
  // Loading every command module compiles most of src/: a one-time cost, not the test's.
  beforeAll(async () => {
    COMMANDS = await loadCommands();
  }, 120_000);

  test('every command entry loads the definition with the same words', () => {
    expect(COMMANDS.map((c) => c.path)).toEqual(COMMAND_ENTRIES.map((e) => e.path));
  });

  test('--help works for every command and names its options', async () => {
    for (const cmd of COMMANDS) {
      const r = await runCli([...cmd.path, '--help']);
      expect(r.code, cmd.path.join(' ')).toBe(0);
      expect(r.stdout).toContain(`Usage: lyttepost ${cmd.path.join(' ')}`);
      for (const name of Object.keys(cmd.options)) expect(r.stdout).toContain(`--${name}`);
    }
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const cmd of COMMANDS) expect(top.stdout).toContain(cmd.path.join(' '));
  });

  test('unknown commands and options fail with one line and a non-zero code', async () => {
    const a = await runCli(['frobnicate']);
    expect(a.code).toBe(2);
    expect(a.stderr.trim().split('\n')).toHaveLength(1);
    expect(a.stderr).toContain("unknown command 'frobnicate'");
    const b = await runCli(['accounts', 'add', '--bogus']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/^lyttepost: accounts add: unknown option '--bogus'\n$/);
    const c = await runCli(['accounts', 'frob']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('accounts add');
  });

  test('an invalid environment is reported whole, in one line, without a stack trace', async () => {
    const r = await runCli(['migrate'], { env: { DATABASE_URL: 'nonsense', PORT: '0', LOG_LEVEL: 'loud' } });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(r.stderr).toContain('DATABASE_URL');
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('LOG_LEVEL');
    expect(r.stderr).not.toContain('    at ');
  });

  test('a missing required option names it', async () => {
    const r = await runCli(['accounts', 'add', '--platform', 'facebook']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--municipality is required');
  });
});
