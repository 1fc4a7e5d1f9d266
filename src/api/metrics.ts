import { Counter, Gauge, Histogram, Registry } from 'prom-client';

import type { Logger } from '../logger.js';
import type { Queryable } from '../store/db.js';
import { alertDeliveryCounts, harvestRunCounts, platformUsageSince } from '../store/api-reads.js';

/**
 * The Prometheus registry of one app (never the global default, so two apps in one test process do not
 * share counters). Harvest, quota and delivery figures are read from Postgres at scrape time (the workers
 * that produce them may run in other processes); HTTP figures are counted in-process; the queue depth comes
 * from an optional callback (the BullMQ or in-process runner).
 */
export type QueueDepth = () => Promise<Record<string, number>>;

export type ApiMetrics = {
  registry: Registry;
  httpRequests: Counter<'route' | 'method' | 'status'>;
  httpDuration: Histogram<'route'>;
  /** Job durations for processes that run jobs next to the API (the embedded default). */
  jobDuration: Histogram<'job'>;
  /** Alert deliveries made by this process, by channel and outcome. */
  alertDeliveries: Counter<'channel' | 'outcome'>;
};

const DAY_MS = 86_400_000;

export function makeMetrics(deps: { db: Queryable; now: () => Date; log: Logger; queueDepth?: QueueDepth | undefined }): ApiMetrics {
  const registry = new Registry();
  // A failed scrape-time read leaves its gauge empty (unknown, not zero) rather than failing the whole scrape,
  // and says so in the log.
  const readFailed = (gauge: string, err: unknown) =>
    deps.log.warn({ err, gauge }, 'metrics: a scrape-time read failed; the gauge is left empty');

  new Gauge({
    name: 'lyttepost_harvest_runs_24h',
    help: 'Harvest runs started in the last 24 hours, by platform and outcome',
    labelNames: ['platform', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const r of await harvestRunCounts(deps.db, new Date(deps.now().getTime() - DAY_MS))) {
          this.set({ platform: r.platform, status: r.status }, r.runs);
        }
      } catch (err) {
        readFailed('lyttepost_harvest_runs_24h', err);
      }
    },
  });

  const usage = async () => platformUsageSince(deps.db, new Date(deps.now().getTime() - DAY_MS));
  new Gauge({
    name: 'lyttepost_platform_api_calls_24h',
    help: 'Platform API calls made by harvest runs started in the last 24 hours',
    labelNames: ['platform'],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const u of await usage()) this.set({ platform: u.platform }, u.calls);
      } catch (err) {
        readFailed('lyttepost_platform_api_calls_24h', err);
      }
    },
  });
  new Gauge({
    name: 'lyttepost_platform_quota_units_24h',
    help: 'Platform quota units spent by harvest runs started in the last 24 hours (YouTube units; calls elsewhere)',
    labelNames: ['platform'],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const u of await usage()) this.set({ platform: u.platform }, u.quotaUnits);
      } catch (err) {
        readFailed('lyttepost_platform_quota_units_24h', err);
      }
    },
  });
  new Gauge({
    name: 'lyttepost_alert_deliveries_24h',
    help: 'Alert digests delivered in the last 24 hours, by level',
    labelNames: ['level'],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const d of await alertDeliveryCounts(deps.db, new Date(deps.now().getTime() - DAY_MS)))
          this.set({ level: d.level }, d.deliveries);
      } catch (err) {
        readFailed('lyttepost_alert_deliveries_24h', err);
      }
    },
  });
  new Gauge({
    name: 'lyttepost_queue_depth',
    help: 'Jobs waiting per queue (absent when no runner reports it)',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      if (!deps.queueDepth) return;
      try {
        for (const [queue, n] of Object.entries(await deps.queueDepth())) this.set({ queue }, n);
      } catch (err) {
        readFailed('lyttepost_queue_depth', err);
      }
    },
  });

  return {
    registry,
    httpRequests: new Counter({
      name: 'lyttepost_http_requests_total',
      help: 'HTTP requests answered, by route pattern, method and status',
      labelNames: ['route', 'method', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'lyttepost_http_request_duration_seconds',
      help: 'HTTP request duration by route pattern',
      labelNames: ['route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'lyttepost_job_duration_seconds',
      help: 'Duration of jobs run in this process, by job name',
      labelNames: ['job'],
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900],
      registers: [registry],
    }),
    alertDeliveries: new Counter({
      name: 'lyttepost_alert_deliveries_total',
      help: 'Alert deliveries attempted by this process, by channel and outcome',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
  };
}
