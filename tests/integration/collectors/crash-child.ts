/**
 * Child process for the crash test: syncs every registered account into the given schema against the given
 * simulator, as `lyttepost sync --all --since` would, until the parent kills it with SIGKILL.
 */
import { loadConfig } from '../../../config/env.js';
import { fixedClock } from '../../../src/clock.js';
import { collectAccount } from '../../../src/jobs/collect-account.js';
import { makeLogger } from '../../../src/logger.js';
import { makePseudonymiser } from '../../../src/privacy/pseudonymise.js';
import { makeTokenCipher } from '../../../src/privacy/token-cipher.js';
import { listAccounts } from '../../../src/store/accounts.js';
import { openPostgres } from '../../../src/store/db.js';

const env = process.env;
const need = (k: string): string => {
  const v = env[k];
  if (!v) throw new Error(`crash-child: ${k} is not set`);
  return v;
};
const db = openPostgres(need('CRASH_DB_URL'), { searchPath: need('CRASH_SCHEMA'), max: 2 });
const clock = fixedClock(need('CRASH_NOW'));
const secret = need('CRASH_SECRET');
const sim = need('CRASH_SIM_URL');
const deps = {
  db,
  log: makeLogger({ LOG_LEVEL: 'silent' }),
  clock,
  pseudonymise: makePseudonymiser(secret),
  cipher: makeTokenCipher(secret),
  cfg: loadConfig({
    FACEBOOK_GRAPH_URL: sim,
    YOUTUBE_API_URL: sim,
    X_API_URL: sim,
    YOUTUBE_API_KEY: need('CRASH_YT_KEY'),
    X_BEARER_TOKEN: need('CRASH_X_BEARER'),
  }),
  http: { sleep: async () => {}, baseDelayMs: 10 },
};
for (const a of await listAccounts(db)) {
  await collectAccount({ accountId: a.id, slot: 'crashed', since: new Date(need('CRASH_SINCE')) }, deps);
  process.stdout.write(`done ${a.id}\n`);
}
await db.close();
