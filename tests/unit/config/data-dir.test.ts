import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, test } from 'vitest';

import { ensureWritableDir } from '../../../src/data-dir.js';
import { AppError } from '../../../src/errors.js';

/** Issue 18: an unusable directory is one CONFIG_INVALID line naming the setting; /proc no longer spins forever. */
const refusal = (dir: string) => {
  try {
    ensureWritableDir(dir, 'LYTTEPOST_DATA_DIR');
  } catch (err) {
    return err;
  }
  return null;
};

test('a path under /proc is refused at once (recursive mkdir spins there)', () => {
  const err = refusal('/proc/x/reports/0301');
  expect(err).toBeInstanceOf(AppError);
  expect(err).toMatchObject({
    code: 'CONFIG_INVALID',
    message: 'LYTTEPOST_DATA_DIR: cannot use /proc/x/reports/0301: cannot create /proc/x (ENOENT)',
  });
});

test('a file in the way is refused, naming it', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'lyttepost-dd-'));
  writeFileSync(path.join(base, 'file'), 'x');
  expect(refusal(path.join(base, 'file'))).toMatchObject({
    code: 'CONFIG_INVALID',
    message: expect.stringContaining('is not a directory'),
  });
  expect(refusal(path.join(base, 'file', 'sub'))).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('(ENOTDIR)') });
});

test('missing levels are created; an existing directory is fine', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'lyttepost-dd-'));
  const deep = path.join(base, 'a', 'b', 'c');
  expect(ensureWritableDir(deep, 'LYTTEPOST_DATA_DIR')).toBe(deep);
  expect(existsSync(deep) && statSync(deep).isDirectory()).toBe(true);
  expect(ensureWritableDir(deep, 'LYTTEPOST_DATA_DIR')).toBe(deep);
});
