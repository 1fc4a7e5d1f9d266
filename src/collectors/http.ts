import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { promisify } from 'node:util';
import { brotliDecompress, inflateRaw, unzip } from 'node:zlib';

import type { Platform } from '../domain/records.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { failedCallError } from './api-error.js';

/**
 * The one HTTP seam of the collectors: GETs on node's own http/https over keep-alive pools shared by the whole
 * process, with a timeout, a rate-limit-aware retry and throttling that slows down BEFORE the platform refuses.
 *
 * - Requests: the base URL (trailing slashes dropped) joined with the path, or an absolute `next` link as is
 *   (on the configured origin, see onConfiguredOrigin); `params` appended to any query the link already has,
 *   encoded as axios did (the client used before), so the URLs the platforms see are unchanged. Accept,
 *   User-Agent and a bearer Authorization header when the auth says so; gzip/deflate/br answers are decoded.
 * - Every status is returned as is: a 3xx is not followed (a redirect would carry the token elsewhere).
 * - A call that gets no answer within `timeoutMs` is a network failure (ETIMEDOUT), retried like ECONNRESET.
 * - Retries 429, 5xx, Graph throttling/transient codes and network errors/timeouts with exponential backoff
 *   and full jitter; a platform-given wait (Retry-After, x-rate-limit-reset, BUC estimated_time_to_regain_access)
 *   replaces the backoff when longer.
 * - X: `x-rate-limit-remaining: 0` makes the next call to the same endpoint wait until `x-rate-limit-reset`.
 * - Graph: `X-App-Usage` / `X-Business-Use-Case-Usage` percentages above `throttleFromPct` add a growing delay
 *   per call; at 100 % the client pauses for the regain time instead of calling into a block.
 * - A wait longer than `maxWaitMs` is not slept: the call fails with PLATFORM_RATE_LIMIT and `retryAfterMs`,
 *   so the job can stop and the queue reschedule.
 * - Bodies are parsed here: malformed JSON is a PLATFORM_CONTRACT error (never retried).
 */
export type HttpResponse = {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  data: unknown;
};

export type QueryParams = Record<string, string | number | undefined>;

export type HttpClient = {
  /** GET `pathOrUrl` (relative to the base URL, or an absolute `next` link from the platform). */
  get(pathOrUrl: string, params?: QueryParams): Promise<HttpResponse>;
  /** Requests actually sent (retries included: platforms bill and count failed calls too). */
  readonly stats: { calls: number; retries: number; waitedMs: number };
};

export type HttpAuth =
  | { kind: 'query'; name: string; value: string }
  | { kind: 'bearer'; value: string }
  | { kind: 'none' };

export type HttpOptions = {
  platform: Platform;
  baseURL: string;
  auth: HttpAuth;
  /** Per-request timeout. @default 20000 */
  timeoutMs?: number;
  /** Attempts after the first for retryable failures. @default 5 */
  maxRetries?: number;
  /** First backoff step; doubles per attempt, full jitter. @default 500 */
  baseDelayMs?: number;
  /** Cap of one backoff step. @default 30000 */
  maxDelayMs?: number;
  /** Longest wait the client sleeps through; longer ones fail with PLATFORM_RATE_LIMIT. @default 900000 (15 min) */
  maxWaitMs?: number;
  /** Graph usage percentage from which calls are spaced out. @default 80 */
  throttleFromPct?: number;
  /** Extra delay per call at 100 % usage when the platform gives no regain time. @default 60000 */
  pauseAtLimitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Wall clock in ms (x-rate-limit-reset is an epoch). @default Date.now */
  nowMs?: () => number;
  log?: Logger;
  userAgent?: string;
  /** Called before every request is sent (quota accounting may refuse by throwing). */
  beforeCall?: (pathOrUrl: string) => void;
};

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function parseRetryAfter(v: string | undefined, nowMs: number): number | undefined {
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.ceil(Number(v) * 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - nowMs);
}

/** Highest usage percentage and regain time (ms) in the Graph usage headers, if any. */
export function graphUsage(headers: Record<string, string>): { pct: number; regainMs: number } | undefined {
  let pct = -1;
  let regainMs = 0;
  const take = (o: unknown) => {
    if (!o || typeof o !== 'object') return;
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
      if (typeof v !== 'number') continue;
      if (k === 'estimated_time_to_regain_access') regainMs = Math.max(regainMs, v * 60_000);
      else if (k === 'call_count' || k === 'total_time' || k === 'total_cputime' || k === 'call_volume' || k === 'cpu_time') {
        pct = Math.max(pct, v);
      }
    }
  };
  for (const name of ['x-app-usage', 'x-page-usage', 'x-ad-account-usage']) {
    const raw = headers[name];
    if (!raw) continue;
    try {
      take(JSON.parse(raw));
    } catch {
      /* an unparsable usage header is ignored: it is advisory */
    }
  }
  const buc = headers['x-business-use-case-usage'];
  if (buc) {
    try {
      const parsed = JSON.parse(buc) as Record<string, unknown>;
      for (const list of Object.values(parsed)) if (Array.isArray(list)) list.forEach(take);
    } catch {
      /* advisory */
    }
  }
  return pct < 0 && regainMs === 0 ? undefined : { pct: Math.max(0, pct), regainMs };
}

/**
 * A platform's absolute `next` link is followed on the configured origin only: the token rides along on every
 * call, so a link naming another host (a recorded page from the real API, a forged body) must never receive it.
 */
export function onConfiguredOrigin(pathOrUrl: string, origin: string): string {
  if (!/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
  const u = new URL(pathOrUrl);
  return u.origin === origin ? pathOrUrl : `${origin}${u.pathname}${u.search}`;
}

/** `pathOrUrl` without its query parameter `name` (a token a followed link carries). */
function withoutParam(pathOrUrl: string, name: string): string {
  const q = pathOrUrl.indexOf('?');
  if (q < 0) return pathOrUrl;
  const params = new URLSearchParams(pathOrUrl.slice(q + 1));
  if (!params.has(name)) return pathOrUrl;
  params.delete(name);
  const rest = params.toString();
  return rest ? `${pathOrUrl.slice(0, q)}?${rest}` : pathOrUrl.slice(0, q);
}

/** Endpoint key for per-endpoint X limits: numeric path segments collapse to `:id`. */
function endpointKey(pathOrUrl: string): string {
  const p = pathOrUrl.replace(/^https?:\/\/[^/]+/, '').split('?')[0] ?? '';
  return p.replace(/\/\d+(?=\/|$)/g, '/:id');
}

function headersOf(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (h && typeof h === 'object') {
    for (const [k, v] of Object.entries(h as Record<string, unknown>)) {
      if (typeof v === 'string') out[k.toLowerCase()] = v;
      else if (typeof v === 'number') out[k.toLowerCase()] = String(v);
      else if (Array.isArray(v)) out[k.toLowerCase()] = v.join(', ');
    }
  }
  return out;
}

/**
 * Keep-alive pools shared by every client of the process: a worker makes one client per account and run, and
 * the accounts of a platform all call the same host, so the next account reuses the connection (and TLS
 * session) the previous one left instead of opening its own.
 * - No per-host socket cap (node's default): a cap would queue calls inside the agent, and the time queued
 *   would count against their timeout; concurrency is bounded by the worker's job concurrency instead.
 * - An idle pooled socket is closed after 30 s, or 1 s before the server's announced `Keep-Alive: timeout=N`
 *   when that is sooner, so a call rarely goes out on a socket the server is closing (see STALE_RESENDS).
 * - Idle pooled sockets are unref'd by the agent: they never keep a process from exiting.
 */
const POOL = { keepAlive: true, timeout: 30_000 } as const;
const httpAgent = new HttpAgent(POOL);
const httpsAgent = new HttpsAgent(POOL);

/**
 * A reused keep-alive socket the server closed while it sat in the pool (or just as the request went out)
 * fails that request with ECONNRESET or EPIPE before any byte of an answer: the server closed the connection
 * instead of reading the request. It is sent again on another socket, the way node's docs advise for
 * idempotent requests, and counts neither as a call nor as a retry in `stats` (the backfill's call budget is
 * checked exactly). Bounded: each such failure destroys a pooled socket, and a fresh socket is not "reused".
 */
const STALE_RESENDS = 3;

type Exchange = { status: number; headers: IncomingHttpHeaders; body: Buffer };

const networkError = (message: string, code: string): Error => Object.assign(new Error(message), { code });

/**
 * One GET: resolves with status, headers and raw body of whatever the server answers (a 3xx too: redirects are
 * not followed); rejects with an Error whose `code` names the network failure. `timeoutMs` bounds the whole
 * exchange, from sending (or waiting for a socket) to the last body byte.
 */
function exchange(url: URL, path: string, headers: OutgoingHttpHeaders, timeoutMs: number): Promise<Exchange> {
  const https = url.protocol === 'https:';
  const options = {
    method: 'GET',
    protocol: https ? 'https:' : 'http:',
    hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    port: url.port,
    path,
    headers,
    agent: https ? httpsAgent : httpAgent,
  };
  return new Promise<Exchange>((resolve, reject) => {
    let settled = false;
    let req: ClientRequest | undefined;
    const settle = (err: Error | undefined, value?: Exchange) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(value as Exchange);
    };
    const timer = setTimeout(() => {
      const err = networkError(`timeout of ${timeoutMs}ms exceeded`, 'ETIMEDOUT');
      settle(err);
      // Destroyed, not returned to the pool: a late answer must not be read as the next call's.
      req?.destroy(err);
    }, timeoutMs);
    const send = (resends: number) => {
      const r = (req = (https ? httpsRequest : httpRequest)(options));
      let answered = false;
      r.on('response', (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          settle(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks) }),
        );
        res.on('error', (err: NodeJS.ErrnoException) => settle(networkError(err.message, err.code ?? 'ECONNRESET')));
        res.on('close', () => {
          if (!res.complete) settle(networkError('connection closed before the end of the answer', 'ECONNRESET'));
        });
      });
      r.on('error', (err: NodeJS.ErrnoException) => {
        if (settled) return;
        if (!answered && r.reusedSocket && resends < STALE_RESENDS && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) {
          send(resends + 1);
          return;
        }
        settle(err);
      });
      r.end();
    };
    send(0);
  });
}

const unzipAsync = promisify(unzip);
const inflateRawAsync = promisify(inflateRaw);
const brotliAsync = promisify(brotliDecompress);

/**
 * The body as text: decoded per Content-Encoding (the header is then dropped, as axios did; also on a 204, which
 * has no body), UTF-8, BOM stripped. A body that does not decode fails like a network error (Z_DATA_ERROR), as
 * it did with axios; `compress` (LZW) was only ever tried as zlib, and still is.
 */
async function bodyText(r: Exchange): Promise<string> {
  let body = r.body;
  const encoding = r.headers['content-encoding']?.toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'compress' || encoding === 'x-compress') {
    if (body.length > 0) body = await unzipAsync(body);
  } else if (encoding === 'deflate') {
    // Meant to be zlib-wrapped, but some servers send it raw (no 0x78 header byte).
    if (body.length > 0) body = body[0] === 0x78 ? await unzipAsync(body) : await inflateRawAsync(body);
  } else if (encoding === 'br') {
    if (body.length > 0) body = await brotliAsync(body);
  } else if (r.status !== 204) {
    return utf8(body);
  }
  delete r.headers['content-encoding'];
  return utf8(body);
}

function utf8(body: Buffer): string {
  const text = body.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const KEPT_IN_QUERY: Record<string, string> = { '%3A': ':', '%24': '$', '%2C': ',', '%20': '+' };

/** A query key or value encoded as axios encoded `params`: `:`, `$` and `,` kept, space as `+`. */
function encodeQuery(v: string): string {
  return encodeURIComponent(v).replace(/%3A|%24|%2C|%20/g, (m) => KEPT_IN_QUERY[m] ?? m);
}

export function makeHttp(opts: HttpOptions): HttpClient {
  const sleep = opts.sleep ?? realSleep;
  const random = opts.random ?? Math.random;
  const nowMs = opts.nowMs ?? Date.now;
  const maxRetries = opts.maxRetries ?? 5;
  const baseDelay = opts.baseDelayMs ?? 500;
  const maxDelay = opts.maxDelayMs ?? 30_000;
  const maxWait = opts.maxWaitMs ?? 900_000;
  const throttleFrom = opts.throttleFromPct ?? 80;
  const pauseAtLimit = opts.pauseAtLimitMs ?? 60_000;
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const headers: OutgoingHttpHeaders = { Accept: 'application/json', 'User-Agent': opts.userAgent ?? 'lyttepost/0.1' };
  if (opts.auth.kind === 'bearer') headers.Authorization = `Bearer ${opts.auth.value}`;
  // What axios asked for: the platforms answer exactly as before (compressed when they choose to).
  headers['Accept-Encoding'] = 'gzip, compress, deflate, br';
  const baseURL = opts.baseURL.replace(/\/+$/, '');
  const stats = { calls: 0, retries: 0, waitedMs: 0 };
  /** Earliest time (ms) the next call may go out, per X endpoint and for all Graph calls. */
  const notBefore = new Map<string, number>();
  let graphDelayMs = 0;

  async function wait(ms: number, why: string, retryAfterMsIfTooLong: () => AppError): Promise<void> {
    if (ms <= 0) return;
    if (ms > maxWait) throw retryAfterMsIfTooLong();
    opts.log?.info({ platform: opts.platform, waitMs: Math.round(ms), why }, 'waiting before the next platform call');
    stats.waitedMs += ms;
    await sleep(ms);
  }

  function noteHeaders(key: string, h: Record<string, string>) {
    const remaining = h['x-rate-limit-remaining'];
    const reset = h['x-rate-limit-reset'];
    if (remaining !== undefined && Number(remaining) <= 0 && reset !== undefined) {
      notBefore.set(key, Number(reset) * 1000);
    } else if (remaining !== undefined) {
      notBefore.delete(key);
    }
    const usage = graphUsage(h);
    if (usage) {
      if (usage.pct >= 100 || usage.regainMs > 0) {
        notBefore.set('*graph', nowMs() + Math.max(usage.regainMs, usage.pct >= 100 ? pauseAtLimit : 0));
        graphDelayMs = 0;
      } else if (usage.pct >= throttleFrom) {
        // Spread the remaining headroom: the closer to 100 %, the longer between calls (up to 10 s).
        graphDelayMs = Math.round(((usage.pct - throttleFrom) / (100 - throttleFrom)) ** 2 * 10_000);
      } else {
        graphDelayMs = 0;
      }
    }
  }

  function rateLimitError(ms: number, key: string): AppError {
    return new AppError('PLATFORM_RATE_LIMIT', `${opts.platform} ${key}: rate limit, next call allowed in ${Math.ceil(ms / 1000)} s`, {
      retryable: true,
      retryAfterMs: ms,
      context: { platform: opts.platform, endpoint: key },
    });
  }

  const origin = new URL(opts.baseURL).origin;

  async function get(link: string, params?: QueryParams): Promise<HttpResponse> {
    let pathOrUrl = onConfiguredOrigin(link, origin);
    const key = endpointKey(pathOrUrl);
    const pairs: string[] = [];
    for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined) pairs.push(`${encodeQuery(k)}=${encodeQuery(String(v))}`);
    if (opts.auth.kind === 'query') {
      // A `next` link may carry a token of its own (the one it was issued to, or a recorded one): send ours, once.
      pathOrUrl = withoutParam(pathOrUrl, opts.auth.name);
      pairs.push(`${encodeQuery(opts.auth.name)}=${encodeQuery(opts.auth.value)}`);
    }
    const query = pairs.join('&');
    // Anything but an http(s) URL, a protocol-relative `//host/…` included, is a path under the base URL: the
    // token only ever goes to the configured origin. Errors name this URL, without `params` (ours carry the token).
    const fullURL = /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : pathOrUrl ? `${baseURL}/${pathOrUrl.replace(/^\/+/, '')}` : baseURL;
    const target = new URL(fullURL);
    const requestPath = target.pathname + target.search + (query ? `${target.search ? '&' : '?'}${query}` : '');
    for (let attempt = 0; ; attempt++) {
      const gate = Math.max(notBefore.get(key) ?? 0, notBefore.get('*graph') ?? 0) - nowMs();
      await wait(gate, 'rate-limit-window', () => rateLimitError(gate, key));
      if (graphDelayMs > 0) await wait(graphDelayMs, 'graph-usage-high', () => rateLimitError(graphDelayMs, key));
      opts.beforeCall?.(pathOrUrl);
      stats.calls++;
      let status: number | undefined;
      let h: Record<string, string> = {};
      let text = '';
      let networkCode: string | undefined;
      try {
        const r = await exchange(target, requestPath, headers, timeoutMs);
        text = await bodyText(r);
        status = r.status;
        h = headersOf(r.headers);
      } catch (err) {
        const e = err as { code?: string; message?: string };
        networkCode = e.code ?? 'ENETWORK';
      }
      if (status !== undefined) noteHeaders(key, h);
      if (status !== undefined && status >= 200 && status < 300) {
        try {
          return { status, headers: h, data: text === '' ? null : (JSON.parse(text) as unknown) };
        } catch {
          throw new AppError('PLATFORM_CONTRACT', `${opts.platform} GET ${key}: response body is not valid JSON (${text.length} bytes)`, {
            retryable: false,
            context: { platform: opts.platform, endpoint: key, status },
          });
        }
      }
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text.slice(0, 500);
      }
      let retryAfterMs = parseRetryAfter(h['retry-after'], nowMs());
      if (retryAfterMs === undefined && h['x-rate-limit-reset'] && (status === 429 || h['x-rate-limit-remaining'] === '0')) {
        retryAfterMs = Math.max(0, Number(h['x-rate-limit-reset']) * 1000 - nowMs());
      }
      const usage = graphUsage(h);
      if (retryAfterMs === undefined && usage && usage.regainMs > 0) retryAfterMs = usage.regainMs;
      const error = failedCallError({
        platform: opts.platform,
        method: 'GET',
        url: fullURL,
        ...(status !== undefined ? { status } : {}),
        body,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        ...(networkCode ? { networkCode } : {}),
      });
      if (!error.retryable || attempt >= maxRetries) throw error;
      stats.retries++;
      const backoff = Math.min(maxDelay, baseDelay * 2 ** attempt) * random();
      let delay = Math.max(backoff, retryAfterMs ?? 0);
      if (error.code === 'PLATFORM_RATE_LIMIT' && retryAfterMs === undefined) delay = Math.max(delay, Math.min(pauseAtLimit, maxDelay));
      opts.log?.warn(
        { platform: opts.platform, endpoint: key, status, code: error.code, attempt: attempt + 1, delayMs: Math.round(delay) },
        'platform call failed, retrying',
      );
      await wait(delay, 'retry', () => error);
    }
  }

  return { get, stats };
}
