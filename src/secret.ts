import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Config } from '../config/env.js';
import { ensureWritableDir } from './data-dir.js';

/**
 * The key for pseudonymising residents and encrypting tokens. Production sets LYTTEPOST_SECRET (required with
 * DATABASE_URL); the embedded default generates one into the data directory on first start and reuses it.
 */
export function resolveSecret(cfg: Pick<Config, 'LYTTEPOST_SECRET' | 'LYTTEPOST_DATA_DIR'>): string {
  if (cfg.LYTTEPOST_SECRET) return cfg.LYTTEPOST_SECRET;
  const file = path.resolve(cfg.LYTTEPOST_DATA_DIR, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  ensureWritableDir(path.dirname(file), 'LYTTEPOST_DATA_DIR');
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}
