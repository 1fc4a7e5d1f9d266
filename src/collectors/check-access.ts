import type { Config } from '../../config/env.js';
import type { Account } from '../domain/records.js';
import type { Logger } from '../logger.js';
import type { Pseudonymiser } from '../privacy/pseudonymise.js';
import { makeCollector, type HttpTuning } from './make-collector.js';

export type CheckAccessDeps = {
  cfg: Pick<Config, 'FACEBOOK_GRAPH_URL' | 'FACEBOOK_GRAPH_VERSION' | 'YOUTUBE_API_URL' | 'X_API_URL'>;
  now: () => Date;
  log: Logger;
  pseudonymise: Pseudonymiser;
  http?: HttpTuning;
};

/**
 * One authenticated call with `token` on the account: the collector's first stream, which on every platform is
 * the account's own profile in one call (Page fields, channels.list, users/:id). Nothing is stored. Resolves when
 * the platform answers; throws the collector's AppError otherwise (PLATFORM_AUTH for a token it still refuses,
 * PLATFORM_NOT_FOUND for an account that is gone, …).
 */
export async function checkAccess(account: Account, token: string, deps: CheckAccessDeps): Promise<void> {
  // A person waits on this call (`accounts add`, `accounts reactivate`): one retry, short waits.
  const http: HttpTuning = { maxRetries: 1, maxWaitMs: 5_000, timeoutMs: 15_000, ...deps.http };
  const collector = makeCollector(account, token, {
    cfg: deps.cfg,
    now: deps.now,
    log: deps.log,
    pseudonymise: deps.pseudonymise,
    http,
    quotaRemaining: 100,
  });
  const stream = collector.streams[0] as string;
  const batches = collector.collect(stream, {
    account,
    responders: new Set([account.externalId]),
    responderHandles: new Set(),
    state: { watermark: null, cursor: null },
    since: null,
    now: deps.now(),
    log: deps.log,
    storedPosts: async () => [],
  });
  try {
    await batches.next();
  } finally {
    await batches.return(undefined);
  }
}
