import type { Config } from '../../config/env.js';
import type { Platform } from '../domain/records.js';
import type { Logger } from '../logger.js';
import type { Pseudonymiser } from '../privacy/pseudonymise.js';
import type { Collector } from './collector.js';
import { makeBlueskyCollector, type BlueskyCollectorOptions } from './bluesky/index.js';
import { makeFacebookCollector, type FacebookCollectorOptions } from './facebook/index.js';
import { makeInstagramCollector, type InstagramCollectorOptions } from './instagram/index.js';
import { makePlatformHttp, type HttpTuning } from './platform-http.js';
import { makeXCollector, type XCollectorOptions } from './x/index.js';
import { makeYouTubeCollector, type YouTubeCollectorOptions } from './youtube/index.js';

/**
 * The collector registry: one entry per platform that has a collector. Everything that asks "can this platform be
 * collected?" — `accounts add` (refuses a platform without one), `sync`, `erase` — derives its answer from here,
 * so a platform is accepted exactly when its collector is registered. A new collector adds one entry.
 */
export type CollectorOptions = {
  facebook?: FacebookCollectorOptions;
  youtube?: YouTubeCollectorOptions;
  x?: XCollectorOptions;
  instagram?: InstagramCollectorOptions;
  bluesky?: BlueskyCollectorOptions;
};

export type CollectorDeps = {
  cfg: Pick<Config, 'FACEBOOK_GRAPH_URL' | 'FACEBOOK_GRAPH_VERSION' | 'YOUTUBE_API_URL' | 'X_API_URL'> &
    Partial<Pick<Config, 'BLUESKY_API_URL'>>;
  now: () => Date;
  log: Logger;
  /** Memoised for the pass (make-collector.ts). */
  pseudonymise: Pseudonymiser;
  /** YouTube: units still available today (shared by every channel). */
  quotaRemaining: number;
  http?: HttpTuning;
  options?: CollectorOptions;
};

type Factory = (token: string, deps: CollectorDeps) => Collector;

const httpDeps = (d: CollectorDeps) => ({ cfg: d.cfg, log: d.log, ...(d.http ? { http: d.http } : {}) });

export const COLLECTORS = {
  facebook: (token, d) =>
    makeFacebookCollector({
      http: makePlatformHttp('facebook', token, httpDeps(d)),
      version: d.cfg.FACEBOOK_GRAPH_VERSION,
      now: d.now,
      pseudonymise: d.pseudonymise,
      ...(d.options?.facebook ? { options: d.options.facebook } : {}),
    }),
  youtube: (token, d) =>
    makeYouTubeCollector({
      makeHttp: (beforeCall) => makePlatformHttp('youtube', token, { ...httpDeps(d), beforeCall }),
      now: d.now,
      pseudonymise: d.pseudonymise,
      quotaRemaining: d.quotaRemaining,
      ...(d.options?.youtube ? { options: d.options.youtube } : {}),
    }),
  x: (token, d) =>
    makeXCollector({
      http: makePlatformHttp('x', token, httpDeps(d)),
      now: d.now,
      pseudonymise: d.pseudonymise,
      ...(d.options?.x ? { options: d.options.x } : {}),
    }),
  // Professional accounts through the Graph origin with the linked Page's token (platform-apis.md §4).
  instagram: (token, d) =>
    makeInstagramCollector({
      http: makePlatformHttp('instagram', token, httpDeps(d)),
      version: d.cfg.FACEBOOK_GRAPH_VERSION,
      now: d.now,
      pseudonymise: d.pseudonymise,
      ...(d.options?.instagram ? { options: d.options.instagram } : {}),
    }),
  // The public AppView, read without login (no token: platform-http.ts sends none).
  bluesky: (token, d) =>
    makeBlueskyCollector({
      http: makePlatformHttp('bluesky', token, httpDeps(d)),
      now: d.now,
      pseudonymise: d.pseudonymise,
      ...(d.options?.bluesky ? { options: d.options.bluesky } : {}),
    }),
} as const satisfies Partial<Record<Platform, Factory>>;

/** Platforms with a registered collector, in registry order. */
export const COLLECTED_PLATFORMS = Object.keys(COLLECTORS) as Array<keyof typeof COLLECTORS>;

export type CollectedPlatform = keyof typeof COLLECTORS;

export function hasCollector(platform: string): platform is CollectedPlatform {
  return Object.hasOwn(COLLECTORS, platform);
}
