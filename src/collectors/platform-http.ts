import type { Config } from '../../config/env.js';
import type { Platform } from '../domain/records.js';
import type { Logger } from '../logger.js';
import { makeHttp, type HttpClient, type HttpOptions } from './http.js';

/** Test and tuning seams for the HTTP layer (sleep, retry timing); never credentials. */
export type HttpTuning = Partial<
  Pick<
    HttpOptions,
    'sleep' | 'random' | 'nowMs' | 'maxRetries' | 'baseDelayMs' | 'maxDelayMs' | 'maxWaitMs' | 'timeoutMs' | 'pauseAtLimitMs'
  >
>;

export type PlatformUrls = Pick<Config, 'FACEBOOK_GRAPH_URL' | 'YOUTUBE_API_URL' | 'X_API_URL'> & Partial<Pick<Config, 'BLUESKY_API_URL'>>;

/**
 * The HTTP client for one platform and token: which base URL, and where the token goes — Graph (Facebook and Instagram) `access_token=`,
 * YouTube OAuth access tokens (ya29.…) in the header and API keys in `key=`, X a bearer header; the Bluesky
 * AppView is read without any credential.
 */
export function makePlatformHttp(
  platform: Platform,
  token: string,
  deps: { cfg: PlatformUrls; log: Logger; http?: HttpTuning; beforeCall?: HttpOptions['beforeCall'] },
): HttpClient {
  const common = { log: deps.log, ...(deps.beforeCall ? { beforeCall: deps.beforeCall } : {}), ...deps.http };
  switch (platform) {
    case 'facebook':
    // Instagram professional accounts are read on the Graph origin with the linked Page's token (DESIGN.md).
    case 'instagram':
      return makeHttp({
        platform,
        baseURL: deps.cfg.FACEBOOK_GRAPH_URL,
        auth: { kind: 'query', name: 'access_token', value: token },
        ...common,
      });
    case 'youtube':
      return makeHttp({
        platform,
        baseURL: deps.cfg.YOUTUBE_API_URL,
        auth: token.startsWith('ya29.') ? { kind: 'bearer', value: token } : { kind: 'query', name: 'key', value: token },
        ...common,
      });
    case 'bluesky':
      return makeHttp({ platform, baseURL: deps.cfg.BLUESKY_API_URL ?? 'https://public.api.bsky.app', auth: { kind: 'none' }, ...common });
    default:
      return makeHttp({ platform, baseURL: deps.cfg.X_API_URL, auth: { kind: 'bearer', value: token }, ...common });
  }
}
