import { AppError, type ErrorCode } from '../errors.js';
import type { Platform } from '../domain/records.js';
import { scrubSecrets } from '../logger.js';

/**
 * Turns a failed platform call into an AppError with a stable code. Keeps method, url (tokens scrubbed),
 * HTTP status and the platform's own error code and message; drops headers and the request config (which
 * carry tokens). Classification follows ../shared/reference/platform-apis.md: Graph by `error.code`, YouTube
 * by `errors[0].reason`, X by problem `type`/status.
 */
export type FailedCall = {
  platform: Platform;
  method: string;
  url: string;
  /** HTTP status; undefined for network errors and timeouts. */
  status?: number;
  /** Parsed response body when it was JSON, else the raw text (truncated). */
  body?: unknown;
  /** Milliseconds the platform asked us to wait (Retry-After, x-rate-limit-reset, BUC regain time). */
  retryAfterMs?: number;
  /** Network error code such as ECONNRESET or ETIMEDOUT. */
  networkCode?: string;
  cause?: unknown;
};

type Classified = { code: ErrorCode; retryable: boolean; platformCode?: string; platformMessage?: string };

const rec = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

function byStatus(status: number | undefined): Classified {
  if (status === undefined) return { code: 'PLATFORM_UNAVAILABLE', retryable: true };
  if (status === 429) return { code: 'PLATFORM_RATE_LIMIT', retryable: true };
  if (status >= 500) return { code: 'PLATFORM_UNAVAILABLE', retryable: true };
  if (status === 401 || status === 403) return { code: 'PLATFORM_AUTH', retryable: false };
  if (status === 404 || status === 410) return { code: 'PLATFORM_NOT_FOUND', retryable: false };
  return { code: 'PLATFORM_CONTRACT', retryable: false };
}

const FB_RATE_LIMIT = new Set([4, 17, 32, 341, 368, 613, 80001, 80002]);

/**
 * Graph answers a missing permission or feature with code 100 (no subcode) as often as with 10 or 2xx: "This
 * endpoint requires the 'pages_read_engagement' permission or the 'Page Public Content Access' feature", "Pages
 * Public Content Access requires either app secret proof or an app token". Code 100 is otherwise "invalid
 * parameter" (a contract problem), so the message decides.
 */
const FB_PERMISSION_MESSAGE =
  /permission|public content access|public metadata access|reviewable feature|app review|appsecret_proof|app secret proof|app token/i;

function classifyFacebook(status: number | undefined, body: unknown): Classified {
  const e = rec(rec(body)?.error);
  if (!e) return byStatus(status);
  const code = typeof e.code === 'number' ? e.code : Number(e.code);
  const sub = typeof e.error_subcode === 'number' ? e.error_subcode : undefined;
  const platformCode = sub === undefined ? String(code) : `${code}/${sub}`;
  const platformMessage = str(e.message);
  const base = { platformCode, ...(platformMessage ? { platformMessage } : {}) };
  if (FB_RATE_LIMIT.has(code)) return { code: 'PLATFORM_RATE_LIMIT', retryable: true, ...base };
  if (code === 190 || code === 102 || code === 10 || (code >= 200 && code <= 299)) {
    return { code: 'PLATFORM_AUTH', retryable: false, ...base };
  }
  if (code === 100 && sub === 33) return { code: 'PLATFORM_NOT_FOUND', retryable: false, ...base };
  if (code === 100 && platformMessage && FB_PERMISSION_MESSAGE.test(platformMessage))
    return { code: 'PLATFORM_AUTH', retryable: false, ...base };
  if (code === 1 || code === 2) return { code: 'PLATFORM_UNAVAILABLE', retryable: true, ...base };
  const s = byStatus(status);
  return { ...s, ...base, code: s.code === 'PLATFORM_AUTH' ? 'PLATFORM_CONTRACT' : s.code };
}

function classifyYouTube(status: number | undefined, body: unknown): Classified {
  const e = rec(rec(body)?.error);
  if (!e) return byStatus(status);
  const first = rec(Array.isArray(e.errors) ? e.errors[0] : undefined);
  const details = Array.isArray(e.details) ? e.details.map(rec) : [];
  const reason = str(first?.reason) ?? str(details.find((d) => d?.reason)?.reason) ?? str(e.status);
  const platformMessage = str(first?.message) ?? str(e.message);
  const base = { ...(reason ? { platformCode: reason } : {}), ...(platformMessage ? { platformMessage } : {}) };
  switch (reason) {
    case 'quotaExceeded':
    case 'dailyLimitExceeded':
      return { code: 'QUOTA_EXHAUSTED', retryable: false, ...base };
    case 'rateLimitExceeded':
    case 'userRateLimitExceeded':
      return { code: 'PLATFORM_RATE_LIMIT', retryable: true, ...base };
    case 'keyInvalid':
    case 'API_KEY_INVALID':
    case 'authError':
    case 'forbidden':
    case 'accessNotConfigured':
      return { code: 'PLATFORM_AUTH', retryable: false, ...base };
    case 'videoNotFound':
    case 'commentNotFound':
    case 'channelNotFound':
    case 'playlistNotFound':
    case 'commentsDisabled':
      return { code: 'PLATFORM_NOT_FOUND', retryable: false, ...base };
    case 'backendError':
      return { code: 'PLATFORM_UNAVAILABLE', retryable: true, ...base };
    default:
      return { ...byStatus(status), ...base };
  }
}

function classifyX(status: number | undefined, body: unknown): Classified {
  const b = rec(body);
  const firstErr = rec(Array.isArray(b?.errors) ? b.errors[0] : undefined);
  const type = str(b?.type) ?? str(firstErr?.type);
  const platformMessage = str(b?.detail) ?? str(b?.title) ?? str(firstErr?.message) ?? str(firstErr?.detail);
  const platformCode = type?.replace(/^https?:\/\/api\.(?:x|twitter)\.com\/2\/problems\//, '') ?? str(firstErr?.code) ?? str(b?.title);
  const base = { ...(platformCode ? { platformCode } : {}), ...(platformMessage ? { platformMessage } : {}) };
  if (platformCode === 'usage-capped' || b?.title === 'UsageCapExceeded') return { code: 'QUOTA_EXHAUSTED', retryable: false, ...base };
  if (platformCode === 'resource-not-found') return { code: 'PLATFORM_NOT_FOUND', retryable: false, ...base };
  return { ...byStatus(status), ...base };
}

/**
 * Bluesky XRPC errors are `{"error": "<Name>", "message": "<text>"}` (§5.4). A missing post or account is a 400
 * (`NotFound`, or `InvalidRequest` "Profile not found"); a taken-down or blocked account names itself. The public
 * AppView takes no credentials, so a 401/403 (the CDN refusing, often with an HTML page) is not a token to renew.
 */
const BSKY_NOT_FOUND = new Set([
  'NotFound',
  'AccountTakedown',
  'AccountDeactivated',
  'BlockedActor',
  'BlockedByActor',
  'RepoNotFound',
  'RepoTakendown',
  'RepoSuspended',
  'RepoDeactivated',
]);

function classifyBluesky(status: number | undefined, body: unknown): Classified {
  const b = rec(body);
  const platformCode = str(b?.error);
  const platformMessage = str(b?.message);
  const base = { ...(platformCode ? { platformCode } : {}), ...(platformMessage ? { platformMessage } : {}) };
  if (status === 429 || platformCode === 'RateLimitExceeded') return { code: 'PLATFORM_RATE_LIMIT', retryable: true, ...base };
  if (platformCode && BSKY_NOT_FOUND.has(platformCode)) return { code: 'PLATFORM_NOT_FOUND', retryable: false, ...base };
  if (platformCode === 'InvalidRequest' && platformMessage && /not found|could not find|unable to resolve/i.test(platformMessage)) {
    return { code: 'PLATFORM_NOT_FOUND', retryable: false, ...base };
  }
  if (status === 401 || status === 403) return { code: 'PLATFORM_UNAVAILABLE', retryable: false, ...base };
  return { ...byStatus(status), ...base };
}

function pathOf(url: string): string {
  try {
    const u = new URL(url, 'http://x.invalid');
    return scrubSecrets(u.pathname + u.search);
  } catch {
    return scrubSecrets(url);
  }
}

/** How much of the platform's own message is kept (Graph permission messages run to ~450 characters). */
const MESSAGE_KEPT = 600;

/** Builds the AppError for one failed call. */
export function failedCallError(f: FailedCall): AppError {
  const c =
    f.status === undefined
      ? { code: 'PLATFORM_UNAVAILABLE' as const, retryable: true, platformCode: f.networkCode }
      : f.platform === 'facebook' || f.platform === 'instagram'
        ? classifyFacebook(f.status, f.body)
        : f.platform === 'youtube'
          ? classifyYouTube(f.status, f.body)
          : f.platform === 'bluesky'
            ? classifyBluesky(f.status, f.body)
            : classifyX(f.status, f.body);
  const url = scrubSecrets(f.url);
  const what = f.status === undefined ? (f.networkCode ?? 'network error') : `HTTP ${f.status}`;
  const msg = scrubSecrets(
    `${f.platform} ${f.method.toUpperCase()} ${pathOf(f.url)} failed: ${what}` +
      (c.platformCode ? ` (${c.platformCode})` : '') +
      (c.platformMessage ? `: ${c.platformMessage.slice(0, MESSAGE_KEPT)}` : ''),
  );
  return new AppError(c.code, msg, {
    retryable: c.retryable,
    ...(f.retryAfterMs !== undefined ? { retryAfterMs: f.retryAfterMs } : {}),
    context: {
      platform: f.platform,
      method: f.method.toUpperCase(),
      url,
      ...(f.status !== undefined ? { status: f.status } : {}),
      ...(c.platformCode ? { platformCode: c.platformCode } : {}),
      ...(c.platformMessage ? { platformMessage: scrubSecrets(c.platformMessage.slice(0, MESSAGE_KEPT)) } : {}),
    },
  });
}
