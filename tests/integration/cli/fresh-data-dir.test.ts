import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, test } from 'vitest';

import { loadConfig } from '../../../config/env.js';
import { REGISTER_CSV } from '../../../src/store/register.js';
import { runCli } from '../../helpers/run-cli.js';

/**
 * LYTTEPOST_DATA_DIR holds runtime state only: deleting it (`rm -rf data`, the natural demo reset) must leave
 * the next start working, because nothing tracked lives there.
 */
describe('a deleted data directory', () => {
  test('the tracked register is not under the default data directory', () => {
    const dataDir = path.resolve(loadConfig({}).LYTTEPOST_DATA_DIR);
    const register = fileURLToPath(REGISTER_CSV);
    expect(existsSync(register)).toBe(true);
    expect(path.relative(dataDir, register).startsWith('..')).toBe(true);
  });

  test('with no data directory, migrate creates it and seeds the register from assets/', { timeout: 180_000 }, async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'lyttepost-fresh-'));
    const dataDir = path.join(parent, 'data');
    expect(existsSync(dataDir)).toBe(false);
    const r = await runCli(['migrate'], { env: { LYTTEPOST_DATA_DIR: dataDir, LYTTEPOST_LANG: 'en' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/register has 357 municipalities/);
    expect(existsSync(path.join(dataDir, 'pglite'))).toBe(true);
    rmSync(parent, { recursive: true, force: true });
  });
});
