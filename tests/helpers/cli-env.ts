import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { urlWithSchema } from './test-db.js';

/**
 * Environment for CLI tests: the test schema on the real Postgres when DATABASE_URL is set, otherwise a fresh
 * embedded data directory. Always a fixed secret so pseudonyms are reproducible.
 */
export function cliEnv(db: { url: string | null; schema: string | null }): NodeJS.ProcessEnv {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lyttepost-test-'));
  const base = { LOG_LEVEL: 'silent', LYTTEPOST_DATA_DIR: dataDir, LYTTEPOST_SECRET: 'test-secret-0123456789abcdef0123456789' };
  return db.url && db.schema ? { ...base, DATABASE_URL: urlWithSchema(db.url, db.schema) } : base;
}
