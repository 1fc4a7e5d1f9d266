import axios, { isAxiosError, type AxiosResponse } from 'axios';

import type { Platform } from '../domain/records.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { failedCallError } from './api-error.js';
import { makeRateLimit, type RateLimitOptions } from './rate-limit.js';

/**
 * The one HTTP seam of the collectors: GETs through axios over keep-alive pools shared by the whole process,
 * with a timeout, retries, and the rate-limit policy of ./rate-limit.ts deciding every wait.
 *
 * - Requests: the base URL joined with the path, or an absolute `next` link as is (on the configured origin,
 *   see onConfiguredOrigin); `params` appended by axios to any query the link already has. Accept, User-Agent
 *   and a bearer Authorization header when the auth says so; gzip/deflate/br answers are decoded by axios.
 * - Every status is returned as is: a 3xx is not followed (a redirect would carry the token elsewhere).
 * - A call that gets no answer within `timeoutMs` is a network failure (ETIMEDOUT), retried like ECONNRESET.
 * - Retries 429, 5xx, Graph throttling/transient codes and network errors/timeouts, as long as the rate-limit
 *   policy agrees to wait; failures become typed AppErrors (./api-error.ts) that never carry the token.
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

export type HttpAuth = { kind: 'query'; name: string; value: string } | { kind: 'bearer'; value: string } | { kind: 'none' };

export type HttpOptions = Omit<RateLimitOptions, 'platform'> & {
  platform: Platform;
  baseURL: string;
  auth: HttpAuth;
  /** Per-request timeout. @default 20000 */
  timeoutMs?: number;
  /** Attempts after the first for retryable failures. @default 5 */
  maxRetries?: number;
  log?: Logger;
  userAgent?: string;
  /** Called before every request is sent (quota accounting may refuse by throwing). */
  beforeCall?: (pathOrUrl: string) => void;
};

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
 * Keep-alive pools shared by every client of the process: axios is given no agents of its own, so it uses
 * node's global agents, which keep connections alive (node ≥ 19) and never keep a process from exiting. A worker
 * makes one client per account and run, and the accounts of a platform all call the same host, so the next
 * account reuses the connection (and TLS session) the previous one left instead of opening its own. No per-host
 * socket cap: concurrency is bounded by the worker's job concurrency.
 */
const transport = axios.create({
  // Bodies are parsed by makeHttp so that a malformed one becomes PLATFORM_CONTRACT, not an axios quirk.
  responseType: 'text',
  transformResponse: [(d: unknown) => d],
  validateStatus: () => true,
  maxRedirects: 0,
  // A timeout is a network failure named ETIMEDOUT (axios's default code is ECONNABORTED).
  transitional: { clarifyTimeoutError: true },
});

/**
 * A reused keep-alive socket the server closed while it sat in the pool (or just as the request went out)
 * fails that request with ECONNRESET or EPIPE before any byte of an answer. It is sent again on another socket,
 * the way node's docs advise for idempotent requests, and counts neither as a call nor as a retry in `stats`
 * (the backfill's call budget is checked exactly). Bounded: each such failure destroys a pooled socket.
 */
const STALE_RESENDS = 3;

function staleSocket(err: unknown): boolean {
  if (!isAxiosError(err) || err.response) return false;
  const request = err.request as { reusedSocket?: boolean } | undefined;
  return request?.reusedSocket === true && (err.code === 'ECONNRESET' || err.code === 'EPIPE');
}

/** One GET of whatever the server answers; rejects only when there is no answer (err.code names why). */
async function exchange(
  url: string,
  params: Record<string, string>,
  headers: Record<string, string>,
  timeout: number,
): Promise<AxiosResponse<string>> {
  for (let resends = 0; ; resends++) {
    try {
      return await transport.get<string>(url, { params, headers, timeout });
    } catch (err) {
      if (resends >= STALE_RESENDS || !staleSocket(err)) throw err;
    }
  }
}

export function makeHttp(opts: HttpOptions): HttpClient {
  const maxRetries = opts.maxRetries ?? 5;
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const limits = makeRateLimit(opts);
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': opts.userAgent ?? 'lyttepost/0.1' };
  if (opts.auth.kind === 'bearer') headers.Authorization = `Bearer ${opts.auth.value}`;
  const baseURL = opts.baseURL.replace(/\/+$/, '');
  const origin = new URL(opts.baseURL).origin;
  const counts = { calls: 0, retries: 0 };
  const stats = {
    get calls() {
      return counts.calls;
    },
    get retries() {
      return counts.retries;
    },
    get waitedMs() {
      return limits.waited();
    },
  };

  async function get(link: string, params?: QueryParams): Promise<HttpResponse> {
    let pathOrUrl = onConfiguredOrigin(link, origin);
    const key = endpointKey(pathOrUrl);
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined) query[k] = String(v);
    if (opts.auth.kind === 'query') {
      // A `next` link may carry a token of its own (the one it was issued to, or a recorded one): send ours, once.
      pathOrUrl = withoutParam(pathOrUrl, opts.auth.name);
      query[opts.auth.name] = opts.auth.value;
    }
    // Anything but an http(s) URL, a protocol-relative `//host/…` included, is a path under the base URL: the
    // token only ever goes to the configured origin. Errors name this URL, without `params` (ours carry the token).
    const url = /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : pathOrUrl ? `${baseURL}/${pathOrUrl.replace(/^\/+/, '')}` : baseURL;
    for (let attempt = 0; ; attempt++) {
      await limits.beforeCall(key);
      opts.beforeCall?.(pathOrUrl);
      counts.calls++;
      let status: number | undefined;
      let h: Record<string, string> = {};
      let text = '';
      let networkCode: string | undefined;
      try {
        const r = await exchange(url, query, headers, timeoutMs);
        status = r.status;
        h = headersOf(r.headers);
        text = typeof r.data === 'string' ? r.data : '';
      } catch (err) {
        networkCode = (err as { code?: string }).code ?? 'ENETWORK';
      }
      if (status !== undefined) limits.noteAnswer(key, h);
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
      const retryAfterMs = limits.retryAfterMs(status, h);
      const error = failedCallError({
        platform: opts.platform,
        method: 'GET',
        url,
        ...(status !== undefined ? { status } : {}),
        body,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        ...(networkCode ? { networkCode } : {}),
      });
      if (!error.retryable || attempt >= maxRetries) throw error;
      counts.retries++;
      await limits.beforeRetry(key, attempt, error, retryAfterMs, status);
    }
  }

  return { get, stats };
}
