import type { Clock } from '../clock.js';
import type { OpenDataLicenseId } from '../domain/open-data-licenses.js';
import type { Logger } from '../logger.js';
import type { Queryable } from '../store/db.js';
import type { AggregateCache } from './aggregate-cache.js';
import type { AuthContext } from './auth.js';
import type { ApiMetrics, QueueDepth } from './metrics.js';

/** What buildApp needs from its composition root (`lyttepost serve`, tests, the bench). */
export type ApiDeps = {
  db: Queryable;
  log: Logger;
  clock: Clock;
  /** LYTTEPOST_SECRET: the dashboard session cookie is signed with a key derived from it (HKDF). */
  secret: string;
  /** Jobs waiting per queue, for /metrics; omitted when this process has no runner. */
  queueDepth?: QueueDepth;
  /** LYTTEPOST_METRICS_TOKEN: a bearer token that may scrape /metrics (besides admin keys and loopback). */
  metricsToken?: string | undefined;
  /** Trust X-Forwarded-* from a reverse proxy (HTTPS detection for the Secure cookie flag). @default false */
  trustProxy?: boolean;
  /** Dashboard session length. @default 8 hours */
  sessionTtlMs?: number;
  /** How long trend and distribution answers are reused (0 = never). @default 5000 */
  aggregateCacheMs?: number;
  /** LYTTEPOST_OPEN_DATA_LICENSE: the licence datapackage.json declares for the open data. @default 'NLOD-2.0' */
  openDataLicense?: OpenDataLicenseId;
};

/** What every route module receives. */
export type RouteContext = {
  deps: ApiDeps;
  auth: AuthContext;
  metrics: ApiMetrics;
  aggregates: AggregateCache;
};
