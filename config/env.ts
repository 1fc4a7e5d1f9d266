import { z } from 'zod';

import { DEFAULT_OPEN_DATA_LICENSE, OPEN_DATA_LICENSE_IDS } from '../src/domain/open-data-licenses.js';
import { AppError } from '../src/errors.js';

/**
 * The only reader of process.env (tests pass their own object). Every variable Lyttepost reads is declared
 * here, validated at once, and returned frozen; all problems are reported together.
 */
const url = (protocols: readonly string[], example: string) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `expected a ${protocols.map((p) => p + '//').join(' or ')} URL such as ${example}` },
  );

const httpUrl = url(['http:', 'https:'], 'https://example.org');
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const intIn = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? fallback : v),
    z.coerce
      .number({ message: `expected an integer from ${min} to ${max}` })
      .int(`expected an integer from ${min} to ${max}`)
      .min(min, `expected an integer from ${min} to ${max}`)
      .max(max, `expected an integer from ${min} to ${max}`),
  );

/** Variables whose values never appear in error messages or logs. */
const SECRET_VARS: ReadonlySet<string> = new Set([
  'LYTTEPOST_SECRET',
  'YOUTUBE_API_KEY',
  'X_BEARER_TOKEN',
  'LYTTEPOST_METRICS_TOKEN',
  'SMTP_URL',
  'DATABASE_URL',
  'REDIS_URL',
  'ALERT_WEBHOOK_URL',
]);

const Env = z.object({
  DATABASE_URL: optional(url(['postgres:', 'postgresql:'], 'postgres://user@127.0.0.1:5432/lyttepost')),
  REDIS_URL: optional(url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379')),
  LYTTEPOST_DATA_DIR: z.preprocess((v) => (v === '' || v === undefined ? './data' : v), z.string()),
  LYTTEPOST_SECRET: optional(z.string().min(32, 'expected at least 32 characters (e.g. `openssl rand -hex 32`)')),
  FACEBOOK_GRAPH_URL: z.preprocess((v) => v || 'https://graph.facebook.com', httpUrl),
  FACEBOOK_GRAPH_VERSION: z.preprocess((v) => v || 'v24.0', z.string().regex(/^v\d+\.\d+$/, 'expected a Graph API version such as v24.0')),
  YOUTUBE_API_URL: z.preprocess((v) => v || 'https://www.googleapis.com', httpUrl),
  X_API_URL: z.preprocess((v) => v || 'https://api.x.com', httpUrl),
  /** Bluesky AppView origin; public reads need no credentials. */
  BLUESKY_API_URL: z.preprocess((v) => v || 'https://public.api.bsky.app', httpUrl),
  YOUTUBE_API_KEY: optional(z.string().min(1)),
  X_BEARER_TOKEN: optional(z.string().min(1)),
  SMTP_URL: optional(url(['smtp:', 'smtps:'], 'smtp://user:pass@mail.example.org:587')),
  SMTP_FROM: z.preprocess((v) => v || 'Lyttepost <lyttepost@localhost>', z.string()),
  ALERT_WEBHOOK_URL: optional(httpUrl),
  /** Where the dashboard is reached from outside (e.g. https://lyttepost.kommune.no): alert digests link to it. */
  LYTTEPOST_DASHBOARD_URL: optional(httpUrl),
  PORT: intIn(1, 65535, 8080),
  LOG_LEVEL: z.preprocess(
    (v) => v || 'info',
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'expected one of fatal, error, warn, info, debug, trace, silent',
    }),
  ),
  /** Daily YouTube quota shared by all channels (Google's default project quota). */
  LYTTEPOST_YOUTUBE_DAILY_QUOTA: intIn(100, 100_000_000, 10_000),
  /** Key prefix of the BullMQ queues in Redis: lets several deployments (or test runs) share one Redis. */
  LYTTEPOST_QUEUE_PREFIX: z.preprocess(
    (v) => v || 'lyttepost',
    z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected letters, digits, _ or -'),
  ),
  /** Jobs one worker process runs at once per queue. */
  LYTTEPOST_WORKER_CONCURRENCY: intIn(1, 256, 4),
  /** Days resident text is kept before it is nulled (aggregates stay). */
  LYTTEPOST_RETENTION_DAYS: intIn(7, 3650, 365),
  /** Bearer token Prometheus sends to scrape /metrics from another host (admin API keys and loopback also may). */
  LYTTEPOST_METRICS_TOKEN: optional(z.string().min(16, 'expected at least 16 characters (e.g. `openssl rand -hex 24`)')),
  /** Language of reports and CLI tables: nb (default) or en. */
  LYTTEPOST_LANG: z.preprocess((v) => v || 'nb', z.enum(['nb', 'en'], { message: 'expected nb or en' })),
  /** Licence of the open data (datapackage.json `licenses`): an SPDX id from src/domain/open-data-licenses.ts. */
  LYTTEPOST_OPEN_DATA_LICENSE: z.preprocess(
    (v) => v || DEFAULT_OPEN_DATA_LICENSE,
    z.enum(OPEN_DATA_LICENSE_IDS, { message: `expected one of ${OPEN_DATA_LICENSE_IDS.join(', ')}` }),
  ),
});

export type Config = Readonly<z.infer<typeof Env>>;

function describeGot(name: string, value: unknown): string {
  if (value === undefined) return 'nothing';
  if (SECRET_VARS.has(name)) return typeof value === 'string' ? `a value of ${value.length} characters (hidden)` : 'a hidden value';
  return JSON.stringify(value);
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const picked = Object.fromEntries(Object.keys(Env.shape).map((k) => [k, env[k]]));
  const parsed = Env.safeParse(picked);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '?');
      problems.push(`${name}: ${issue.message}, got ${describeGot(name, picked[name])}`);
    }
  } else if (parsed.data.DATABASE_URL && !parsed.data.LYTTEPOST_SECRET) {
    problems.push('LYTTEPOST_SECRET: required when DATABASE_URL is set (at least 32 characters), got nothing');
  }
  if (problems.length > 0 || !parsed.success) {
    throw new AppError('CONFIG_INVALID', `invalid environment: ${problems.join('; ')}`, {
      context: { problems },
    });
  }
  return Object.freeze(parsed.data);
}
