import { decodeCursor, encodeCursor, isPosition, json, type Position, type SimResponse } from './exchange.js';

/** YouTube Data API v3 request parameters (part, maxResults, pageToken) and Google's error body, as the simulator checks them. */

const STATUS_TEXT: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export class GoogleError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly domain: string,
    message: string,
    readonly location?: string,
  ) {
    super(message);
  }
}

export function googleError(e: GoogleError, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}): SimResponse {
  const err: Record<string, unknown> = { message: e.message, domain: e.domain, reason: e.reason };
  if (e.location) {
    err.location = e.location;
    err.locationType = 'parameter';
  }
  return json(
    e.status,
    { error: { code: e.status, message: e.message, errors: [err], status: STATUS_TEXT[e.status] ?? 'UNKNOWN', ...extra } },
    headers,
  );
}

export const quotaExceeded = (): GoogleError =>
  new GoogleError(
    403,
    'quotaExceeded',
    'youtube.quota',
    'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
  );

export function parts(q: URLSearchParams, allowed: readonly string[]): string[] {
  const raw = q.get('part');
  if (!raw) throw new GoogleError(400, 'required', 'global', 'Required parameter: part', 'part');
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const p of list) if (!allowed.includes(p)) throw new GoogleError(400, 'unknownPart', 'youtube.part', `'${p}'`, 'part');
  return list;
}

export function maxResults(q: URLSearchParams, fallback: number, min: number, max: number): number {
  const raw = q.get('maxResults');
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new GoogleError(
      400,
      'invalidValue',
      'youtube.parameter',
      `Invalid value '${raw}'. Values must be within the range: [${min}, ${max}]`,
      'maxResults',
    );
  }
  return n;
}

const TOKEN_PREFIX = 'EAAa';

export function pageToken(q: URLSearchParams): Position | null {
  const raw = q.get('pageToken');
  if (!raw) return null;
  const pos = raw.startsWith(TOKEN_PREFIX) ? decodeCursor(raw.slice(TOKEN_PREFIX.length), isPosition) : null;
  if (!pos)
    throw new GoogleError(400, 'invalidPageToken', 'youtube.parameter', 'The request specifies an invalid page token.', 'pageToken');
  return pos;
}

export const tokenFor = (p: Position): string => TOKEN_PREFIX + encodeCursor(p);
