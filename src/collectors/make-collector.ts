import type { Account } from '../domain/records.js';
import { AppError } from '../errors.js';
import { memoisedPseudonymiser } from '../privacy/pseudonymise.js';
import type { Collector } from './collector.js';
import { COLLECTED_PLATFORMS, COLLECTORS, hasCollector, type CollectorDeps } from './registry.js';

export type { HttpTuning } from './platform-http.js';
export type { CollectorOptions } from './registry.js';

/** Builds the collector for an account's platform with the resolved token (from the registry, ./registry.ts). */
export function makeCollector(
  account: Account,
  token: string,
  deps: Omit<CollectorDeps, 'quotaRemaining'> & { quotaRemaining?: number },
): Collector {
  if (!hasCollector(account.platform)) {
    throw new AppError('BAD_INPUT', `no collector for platform '${account.platform}' yet (collected: ${COLLECTED_PLATFORMS.join(', ')})`);
  }
  // One collector per pass: the memo lives as long as the pass's own platform data.
  const factory = COLLECTORS[account.platform];
  return factory(token, {
    ...deps,
    pseudonymise: memoisedPseudonymiser(deps.pseudonymise),
    quotaRemaining: deps.quotaRemaining ?? Number.POSITIVE_INFINITY,
  });
}
