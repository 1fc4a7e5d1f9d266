import type { Config } from '../../config/env.js';
import type { Account } from '../domain/records.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { memoisedPseudonymiser, type Pseudonymiser } from '../privacy/pseudonymise.js';
import type { Collector } from './collector.js';
import { makeFacebookCollector, type FacebookCollectorOptions } from './facebook/index.js';
import { makeHttp, type HttpOptions } from './http.js';
import { makeXCollector, type XCollectorOptions } from './x/index.js';
import { makeYouTubeCollector, type YouTubeCollectorOptions } from './youtube/index.js';

/** Test and tuning seams for the HTTP layer (sleep, retry timing); never credentials. */
export type HttpTuning = Partial<Pick<HttpOptions, 'sleep' | 'random' | 'nowMs' | 'maxRetries' | 'baseDelayMs' | 'maxDelayMs' | 'maxWaitMs' | 'timeoutMs' | 'pauseAtLimitMs'>>;

export type CollectorOptions = {
  facebook?: FacebookCollectorOptions;
  youtube?: YouTubeCollectorOptions;
  x?: XCollectorOptions;
};

/** Builds the collector for an account's platform with the resolved token. */
export function makeCollector(
  account: Account,
  token: string,
  deps: {
    cfg: Pick<Config, 'FACEBOOK_GRAPH_URL' | 'FACEBOOK_GRAPH_VERSION' | 'YOUTUBE_API_URL' | 'X_API_URL'>;
    now: () => Date;
    log: Logger;
    pseudonymise: Pseudonymiser;
    /** YouTube: units still available today (shared by every channel). */
    quotaRemaining?: number;
    http?: HttpTuning;
    options?: CollectorOptions;
  },
): Collector {
  const tuning = deps.http ?? {};
  // One collector per pass: the memo lives as long as the pass's own platform data.
  const pseudonymise = memoisedPseudonymiser(deps.pseudonymise);
  switch (account.platform) {
    case 'facebook':
      return makeFacebookCollector({
        http: makeHttp({ platform: 'facebook', baseURL: deps.cfg.FACEBOOK_GRAPH_URL, auth: { kind: 'query', name: 'access_token', value: token }, log: deps.log, ...tuning }),
        version: deps.cfg.FACEBOOK_GRAPH_VERSION,
        now: deps.now,
        pseudonymise,
        ...(deps.options?.facebook ? { options: deps.options.facebook } : {}),
      });
    case 'youtube':
      return makeYouTubeCollector({
        makeHttp: (beforeCall) =>
          makeHttp({
            platform: 'youtube',
            baseURL: deps.cfg.YOUTUBE_API_URL,
            // OAuth access tokens (ya29.…) go in the header; API keys in `key=`.
            auth: token.startsWith('ya29.') ? { kind: 'bearer', value: token } : { kind: 'query', name: 'key', value: token },
            log: deps.log,
            beforeCall,
            ...tuning,
          }),
        now: deps.now,
        pseudonymise,
        quotaRemaining: deps.quotaRemaining ?? Number.POSITIVE_INFINITY,
        ...(deps.options?.youtube ? { options: deps.options.youtube } : {}),
      });
    case 'x':
      return makeXCollector({
        http: makeHttp({ platform: 'x', baseURL: deps.cfg.X_API_URL, auth: { kind: 'bearer', value: token }, log: deps.log, ...tuning }),
        now: deps.now,
        pseudonymise,
        ...(deps.options?.x ? { options: deps.options.x } : {}),
      });
    default:
      throw new AppError('BAD_INPUT', `no collector for platform '${account.platform}' yet (collected: facebook, youtube, x)`);
  }
}
