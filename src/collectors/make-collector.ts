import type { Config } from '../../config/env.js';
import type { Account } from '../domain/records.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { memoisedPseudonymiser, type Pseudonymiser } from '../privacy/pseudonymise.js';
import type { Collector } from './collector.js';
import { makeBlueskyCollector, type BlueskyCollectorOptions } from './bluesky/index.js';
import { makeFacebookCollector, type FacebookCollectorOptions } from './facebook/index.js';
import { makePlatformHttp, type HttpTuning } from './platform-http.js';
import { makeXCollector, type XCollectorOptions } from './x/index.js';
import { makeYouTubeCollector, type YouTubeCollectorOptions } from './youtube/index.js';

export type { HttpTuning } from './platform-http.js';

export type CollectorOptions = {
  facebook?: FacebookCollectorOptions;
  youtube?: YouTubeCollectorOptions;
  x?: XCollectorOptions;
  bluesky?: BlueskyCollectorOptions;
};

/** Builds the collector for an account's platform with the resolved token. */
export function makeCollector(
  account: Account,
  token: string,
  deps: {
    cfg: Pick<Config, 'FACEBOOK_GRAPH_URL' | 'FACEBOOK_GRAPH_VERSION' | 'YOUTUBE_API_URL' | 'X_API_URL'> & Partial<Pick<Config, 'BLUESKY_API_URL'>>;
    now: () => Date;
    log: Logger;
    pseudonymise: Pseudonymiser;
    /** YouTube: units still available today (shared by every channel). */
    quotaRemaining?: number;
    http?: HttpTuning;
    options?: CollectorOptions;
  },
): Collector {
  const httpDeps = { cfg: deps.cfg, log: deps.log, ...(deps.http ? { http: deps.http } : {}) };
  // One collector per pass: the memo lives as long as the pass's own platform data.
  const pseudonymise = memoisedPseudonymiser(deps.pseudonymise);
  switch (account.platform) {
    case 'facebook':
      return makeFacebookCollector({
        http: makePlatformHttp('facebook', token, httpDeps),
        version: deps.cfg.FACEBOOK_GRAPH_VERSION,
        now: deps.now,
        pseudonymise,
        ...(deps.options?.facebook ? { options: deps.options.facebook } : {}),
      });
    case 'youtube':
      return makeYouTubeCollector({
        makeHttp: (beforeCall) => makePlatformHttp('youtube', token, { ...httpDeps, beforeCall }),
        now: deps.now,
        pseudonymise,
        quotaRemaining: deps.quotaRemaining ?? Number.POSITIVE_INFINITY,
        ...(deps.options?.youtube ? { options: deps.options.youtube } : {}),
      });
    case 'x':
      return makeXCollector({
        http: makePlatformHttp('x', token, httpDeps),
        now: deps.now,
        pseudonymise,
        ...(deps.options?.x ? { options: deps.options.x } : {}),
      });
    case 'bluesky':
      return makeBlueskyCollector({
        http: makePlatformHttp('bluesky', token, httpDeps),
        now: deps.now,
        pseudonymise,
        ...(deps.options?.bluesky ? { options: deps.options.bluesky } : {}),
      });
    default:
      throw new AppError('BAD_INPUT', `no collector for platform '${account.platform}' yet (collected: facebook, youtube, x, bluesky)`);
  }
}
