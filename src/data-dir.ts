import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

import { AppError } from './errors.js';

/**
 * Makes sure a directory Lyttepost writes into exists and is writable, or fails with one CONFIG_INVALID line
 * naming `setting` (e.g. LYTTEPOST_DATA_DIR). The missing components are created one at a time: Node's
 * `mkdirSync(…, { recursive: true })` spins forever on a path under /proc, and its errors name no setting.
 */
export function ensureWritableDir(dir: string, setting: string): string {
  const full = path.resolve(dir);
  const refuse = (why: string, err?: unknown): never => {
    throw new AppError('CONFIG_INVALID', `${setting}: cannot use ${dir}: ${why}`, { cause: err });
  };
  const missing: string[] = [];
  let at = full;
  for (;;) {
    let isDir: boolean;
    try {
      isDir = statSync(at).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') refuse(`cannot read ${at} (${code ?? 'error'})`, err);
      const parent = path.dirname(at);
      if (parent === at) refuse(`${at} does not exist`);
      missing.unshift(at);
      at = parent;
      continue;
    }
    if (!isDir) refuse(`${at} is not a directory`);
    break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') refuse(`cannot create ${d} (${code ?? 'error'})`, err);
    }
  }
  try {
    accessSync(full, constants.W_OK | constants.X_OK);
  } catch (err) {
    refuse(`${full} is not writable (${(err as NodeJS.ErrnoException).code ?? 'error'})`, err);
  }
  return full;
}
