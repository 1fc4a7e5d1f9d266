import type { Platform } from '../domain/records.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

/**
 * The collectors' rate-limit policy, the one place that decides how long to wait before a platform call and
 * whether to wait at all. The HTTP client (./http.ts) asks it before every call and before every retry, and
 * tells it the headers of every answer; it never decides a wait itself. docs/scheduling.md describes it.
 *
 * - X: `x-rate-limit-remaining: 0` makes the next call to the same endpoint wait until `x-rate-limit-reset`; Bluesky's
 *   `RateLimit-Remaining: 0` likewise until `RateLimit-Reset` (epoch seconds, xrpc-server), for every XRPC call.
 * - Graph: `X-App-Usage` / `X-Business-Use-Case-Usage` slow calls down in proportion to the reported usage from
 *   `throttleFromPct` (a delay per call growing linearly to `spacingAtLimitMs` just under 100 %); only at or over
 *   100 % does the client stop, for `estimated_time_to_regain_access` (or `pauseAtLimitMs` when none is given).
 *   A regain time on an answer whose usage is under 100 % is ignored: Graph reports one there too (issue 20).
 * - Retries: exponential backoff with full jitter; a platform-given wait (Retry-After, x-rate-limit-reset, Graph
 *   regain time on a refusal) replaces the backoff when longer; a throttle code (Graph 4/17/32/613, HTTP 429)
 *   without a given wait stops for `pauseAtLimitMs`.
 * - A wait longer than `maxWaitMs` (a few seconds) is never slept, in a worker or a CLI command (issue 18): the
 *   call fails with PLATFORM_RATE_LIMIT and `retryAfterMs`, the pass ends with what it committed, and the queue
 *   pauses the platform and retries the job after that time (`sync` prints it).
 */
export type RateLimitOptions = {
  platform: Platform;
  /** First backoff step; doubles per attempt, full jitter. @default 500 */
  baseDelayMs?: number;
  /** Cap of one backoff step. @default 30000 */
  maxDelayMs?: number;
  /** Longest wait that is slept through; longer ones fail with PLATFORM_RATE_LIMIT and retryAfterMs. @default 5000 */
  maxWaitMs?: number;
  /** Graph usage percentage from which calls are spaced out. @default 80 */
  throttleFromPct?: number;
  /** Delay between Graph calls as usage approaches 100 % (linear from throttleFromPct). @default 4000 */
  spacingAtLimitMs?: number;
  /** How long to stop at or over a limit (or on a throttle code) when the platform names no time. @default 300000 */
  pauseAtLimitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Wall clock in ms (x-rate-limit-reset is an epoch). @default Date.now */
  nowMs?: () => number;
  log?: Logger;
};

export type RateLimit = {
  /** Waits until a call to `endpoint` may go out (or throws PLATFORM_RATE_LIMIT when that is too far away). */
  beforeCall(endpoint: string): Promise<void>;
  /** Learns the limits an answer announces (lower-cased header names). */
  noteAnswer(endpoint: string, headers: Record<string, string>): void;
  /** The wait a refusal names (Retry-After, x-rate-limit-reset, Graph regain time), if any. */
  retryAfterMs(status: number | undefined, headers: Record<string, string>): number | undefined;
  /** Waits before retry number `attempt + 1` of a call that failed with `error` (throws it when too long). */
  beforeRetry(
    endpoint: string,
    attempt: number,
    error: AppError,
    retryAfterMs: number | undefined,
    status: number | undefined,
  ): Promise<void>;
  /** Milliseconds slept so far. */
  readonly waited: () => number;
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
 * What Graph usage headers mean for the next calls (pure): spacing in proportion to usage from `throttleFrom`, a
 * stop only at or over 100 % — for the regain time Graph names, or `pauseAtLimit` when it names none.
 */
export function graphUsageDecision(
  usage: { pct: number; regainMs: number },
  p: { throttleFrom: number; spacingAtLimit: number; pauseAtLimit: number },
): { spacingMs: number; stopForMs: number } {
  if (usage.pct >= 100) return { spacingMs: 0, stopForMs: usage.regainMs > 0 ? usage.regainMs : p.pauseAtLimit };
  if (usage.pct < p.throttleFrom) return { spacingMs: 0, stopForMs: 0 };
  return { spacingMs: Math.round(((usage.pct - p.throttleFrom) / (100 - p.throttleFrom)) * p.spacingAtLimit), stopForMs: 0 };
}

/** A refusal whose wait is not slept through: the same error (same code), naming when to try again. */
function withRetryAfter(error: AppError, ms: number): AppError {
  if (error.details.retryAfterMs === ms) return error;
  return new AppError(error.code, `${error.message}; next attempt in ${Math.ceil(ms / 1000)} s`, {
    ...error.details,
    retryAfterMs: ms,
    cause: error,
  });
}

/** One policy per client: its windows are those of one token against one platform. */
export function makeRateLimit(opts: RateLimitOptions): RateLimit {
  const sleep = opts.sleep ?? realSleep;
  const random = opts.random ?? Math.random;
  const nowMs = opts.nowMs ?? Date.now;
  const baseDelay = opts.baseDelayMs ?? 500;
  const maxDelay = opts.maxDelayMs ?? 30_000;
  const maxWait = opts.maxWaitMs ?? 5_000;
  const throttleFrom = opts.throttleFromPct ?? 80;
  const spacingAtLimit = Math.min(opts.spacingAtLimitMs ?? 4_000, maxWait);
  const pauseAtLimit = opts.pauseAtLimitMs ?? 300_000;
  /** Earliest time (ms) the next call may go out, per X endpoint and for all Graph calls. */
  const notBefore = new Map<string, number>();
  let graphDelayMs = 0;
  let waitedMs = 0;

  function tooLong(ms: number, endpoint: string): AppError {
    return new AppError('PLATFORM_RATE_LIMIT', `${opts.platform} ${endpoint}: rate limit, next call allowed in ${Math.ceil(ms / 1000)} s`, {
      retryable: true,
      retryAfterMs: ms,
      context: { platform: opts.platform, endpoint },
    });
  }

  async function wait(ms: number, why: string, ifTooLong: () => AppError): Promise<void> {
    if (ms <= 0) return;
    if (ms > maxWait) throw ifTooLong();
    opts.log?.info({ platform: opts.platform, waitMs: Math.round(ms), why }, 'waiting before the next platform call');
    waitedMs += ms;
    await sleep(ms);
  }

  return {
    async beforeCall(endpoint) {
      const gate = Math.max(notBefore.get(endpoint) ?? 0, notBefore.get('*graph') ?? 0, notBefore.get('*xrpc') ?? 0) - nowMs();
      await wait(gate, 'rate-limit-window', () => tooLong(gate, endpoint));
      if (graphDelayMs > 0) await wait(graphDelayMs, 'graph-usage-high', () => tooLong(graphDelayMs, endpoint));
    },

    noteAnswer(endpoint, h) {
      const remaining = h['x-rate-limit-remaining'];
      const reset = h['x-rate-limit-reset'];
      if (remaining !== undefined && Number(remaining) <= 0 && reset !== undefined) {
        notBefore.set(endpoint, Number(reset) * 1000);
      } else if (remaining !== undefined) {
        notBefore.delete(endpoint);
      }
      const bskyRemaining = h['ratelimit-remaining'];
      const bskyReset = h['ratelimit-reset'];
      if (bskyRemaining !== undefined && Number(bskyRemaining) <= 0 && bskyReset !== undefined)
        notBefore.set('*xrpc', Number(bskyReset) * 1000);
      else if (bskyRemaining !== undefined) notBefore.delete('*xrpc');
      const usage = graphUsage(h);
      if (!usage) return;
      const decision = graphUsageDecision(usage, { throttleFrom, spacingAtLimit, pauseAtLimit });
      if (decision.stopForMs > 0) notBefore.set('*graph', nowMs() + decision.stopForMs);
      graphDelayMs = decision.spacingMs;
    },

    retryAfterMs(status, h) {
      const given = parseRetryAfter(h['retry-after'], nowMs());
      if (given !== undefined) return given;
      if (h['x-rate-limit-reset'] && (status === 429 || h['x-rate-limit-remaining'] === '0')) {
        return Math.max(0, Number(h['x-rate-limit-reset']) * 1000 - nowMs());
      }
      if (h['ratelimit-reset'] && (status === 429 || h['ratelimit-remaining'] === '0')) {
        return Math.max(0, Number(h['ratelimit-reset']) * 1000 - nowMs());
      }
      // A refusal (4xx: Graph sends its throttle codes as 400/403) or usage at 100 % says the limit is reached.
      const usage = graphUsage(h);
      return usage && usage.regainMs > 0 && (usage.pct >= 100 || (status !== undefined && status >= 400 && status < 500))
        ? usage.regainMs
        : undefined;
    },

    async beforeRetry(endpoint, attempt, error, retryAfterMs, status) {
      const backoff = Math.min(maxDelay, baseDelay * 2 ** attempt) * random();
      let delay = Math.max(backoff, retryAfterMs ?? 0);
      // A throttle code without a named time: stop for the pause (a delayed job), never a run of short sleeps.
      if (error.code === 'PLATFORM_RATE_LIMIT' && retryAfterMs === undefined) delay = Math.max(delay, pauseAtLimit);
      // A wait the platform asked for (or a throttle's pause) beyond a few seconds ends the pass; plain backoff
      // between retries of a transient failure is capped at that instead.
      if (delay > maxWait && (error.code === 'PLATFORM_RATE_LIMIT' || retryAfterMs !== undefined)) throw withRetryAfter(error, delay);
      delay = Math.min(delay, maxWait);
      opts.log?.warn(
        { platform: opts.platform, endpoint, status, code: error.code, attempt: attempt + 1, delayMs: Math.round(delay) },
        'platform call failed, retrying',
      );
      await wait(delay, 'retry', () => withRetryAfter(error, delay));
    },

    waited: () => waitedMs,
  };
}
