import path from 'node:path';

import { loadConfig, type Config } from '../config/env.js';
import type { Clock } from './clock.js';
import { makeLogger, type Logger } from './logger.js';
import { makePseudonymiser, type Pseudonymiser } from './privacy/pseudonymise.js';
import { makeTokenCipher, type TokenCipher } from './privacy/token-cipher.js';
import { resolveSecret } from './secret.js';
import { openPglite, openPostgres, type Db } from './store/db.js';
import { migrate } from './store/migrate.js';
import { importPopulation } from './store/population.js';
import { backfillTrendPoints } from './jobs/trend-points.js';
import { seedRegister } from './store/register.js';

/** Everything a command or worker process needs, built once from the environment (the composition root). */
export type Runtime = {
  cfg: Config;
  log: Logger;
  db: Db;
  clock: Clock;
  pseudonymise: Pseudonymiser;
  cipher: TokenCipher;
  close(): Promise<void>;
};

export type RuntimeOptions = {
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** Apply pending migrations and seed the register on open (default true; `migrate` itself passes false). */
  autoMigrate?: boolean;
  log?: Logger;
};

/** Opens the store named by the config: Postgres when DATABASE_URL is set, else PGlite under the data dir. */
export async function openDb(cfg: Config): Promise<Db> {
  if (cfg.DATABASE_URL) return openPostgres(cfg.DATABASE_URL);
  return openPglite(path.join(cfg.LYTTEPOST_DATA_DIR, 'pglite'));
}

export async function openRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const cfg = loadConfig(opts.env);
  const log = opts.log ?? makeLogger(cfg);
  const db = await openDb(cfg);
  try {
    if (opts.autoMigrate !== false) {
      await migrate(db);
      await seedRegister(db);
      await importPopulation(db);
      await backfillTrendPoints(db);
    }
    const secret = resolveSecret(cfg);
    return {
      cfg,
      log,
      db,
      clock: opts.clock,
      pseudonymise: makePseudonymiser(secret),
      cipher: makeTokenCipher(secret),
      close: () => db.close(),
    };
  } catch (err) {
    await db.close().catch((e: unknown) => log.warn({ err: e }, 'closing the database after a failed start'));
    throw err;
  }
}
