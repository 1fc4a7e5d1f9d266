import type { IncomingHttpHeaders } from 'node:http';
import { visible } from './engagement.js';
import type { ActiveFault, FaultCall, FaultController, FaultKind } from './faults.js';
import { hashOf, hashOfInts } from './random.js';
import type { SimItem, SimPlatform, World } from './world.js';

/** One HTTP call as the platform modules see it, and what they answer. */

export type SimRequest = {
  method: string;
  /** Decoded path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Origin the client called (scheme://host:port): Graph `paging.next` links point back at it. */
  origin: string;
};

export type SimResponse = { status: number; headers: Record<string, string>; body: string };

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const YEAR_10000_MS = Date.UTC(10000, 0, 1);
const dayPrefixes = new Map<number, string>();

/**
 * `new Date(ms).toISOString()` up to the seconds ("2026-11-27T12:00:00"), for the timestamps of every item
 * served: the date part is kept per UTC day and the time of day is put together from digits, which costs far
 * less than a Date and its ISO string per call. Instants that are not whole ms of years 1970–9999 go through
 * Date.
 */
export function isoSeconds(ms: number): string {
  if (!(Number.isInteger(ms) && ms >= 0 && ms < YEAR_10000_MS)) return new Date(ms).toISOString().slice(0, 19);
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size >= 4096) dayPrefixes.clear();
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const secs = Math.floor((ms - day * DAY_MS) / 1000);
  return `${prefix}${TWO_DIGITS[Math.floor(secs / 3600)] ?? ''}:${TWO_DIGITS[Math.floor(secs / 60) % 60] ?? ''}:${TWO_DIGITS[secs % 60] ?? ''}`;
}

/** `new Date(ms).toISOString()`, by way of isoSeconds. */
export function isoMillis(ms: number): string {
  if (!(Number.isInteger(ms) && ms >= 0 && ms < YEAR_10000_MS)) return new Date(ms).toISOString();
  const milli = ms % 1000;
  return `${isoSeconds(ms)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'application/json; charset=UTF-8', ...headers }, body: JSON.stringify(body) };
}

/** Who is calling: an account's own token, a deployment-wide shared token, or nobody valid. */
export type Principal = { token: string; account: string | null; shared: boolean };

/** State that lives as long as one server: items removed by faults, usage counters, the call sequence. */
export type ServerState = {
  /** Items removed by delete_between_pages, by id. */
  removed: Set<string>;
  /** Counters for the platforms' own limits, by key. */
  counters: Map<string, number>;
  callSeq: number;
};

export class HandlerCtx {
  constructor(
    readonly world: World,
    readonly now: number,
    readonly req: SimRequest,
    readonly call: FaultCall,
    private readonly faults: FaultController,
    readonly state: ServerState,
    readonly options: { youtubeQuota: number },
    private readonly onFault: (kind: FaultKind) => void,
  ) {}

  /** The item exists at the clock and was not deleted (by the world or by a fault). */
  visible(item: SimItem): boolean {
    return visible(item, this.now) && !this.state.removed.has(item.id);
  }

  /** Takes one due fault of `kind` for this call, or null. */
  fault(kind: FaultKind): ActiveFault | null {
    const f = this.faults.due(this.call, kind);
    if (!f) return null;
    this.faults.apply(f);
    this.onFault(kind);
    return f;
  }

  /** Peeks without using it up (for faults that may not apply, e.g. no next page). */
  peekFault(kind: FaultKind): ActiveFault | null {
    return this.faults.due(this.call, kind);
  }

  useFault(f: ActiveFault): void {
    this.faults.apply(f);
    this.onFault(f.kind);
  }

  /** A deterministic trace/etag-like id for this call. */
  traceId(len = 11): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let h = hashOf(this.world.options.seed, this.state.callSeq, this.req.path);
    let s = '';
    for (let i = 0; i < len; i++) {
      s += alphabet[h % alphabet.length];
      h = Math.floor(h / alphabet.length) ^ hashOfInts(h, i);
      h >>>= 0;
    }
    return s;
  }
}

export type Routed = {
  /** Endpoint label for stats and fault matching, e.g. "GET /{id}/comments", "commentThreads.list". */
  endpoint: string;
  /** External id of the account the call is about (null when unknown). */
  account: string | null;
  /** YouTube quota units the call costs. @default 1 */
  cost?: number;
  handle(ctx: HandlerCtx, principal: Principal): SimResponse;
};

/** What each platform module provides to the server. */
export type PlatformApi = {
  platform: SimPlatform;
  /** Matches the path to an endpoint (or answers the platform's error for an unknown path). */
  route(req: SimRequest, world: World): Routed | SimResponse;
  /** Checks the token (answers the platform's auth error when missing or invalid). */
  authenticate(req: SimRequest, world: World, ctx: HandlerCtx): Principal | SimResponse;
  /** The platform's own limits: usage headers, and an error once spent. */
  meter(ctx: HandlerCtx, principal: Principal, routed: Routed): { headers: Record<string, string>; error: SimResponse | null };
  /** Whether the request asks for `field` (fields=, tweet.fields=, part=). */
  usesField(req: SimRequest, field: string): boolean;
  errors: {
    rateLimit(ctx: HandlerCtx, principal: Principal, fault: ActiveFault): SimResponse;
    serverError(ctx: HandlerCtx, status: number | undefined): SimResponse;
    expiredToken(ctx: HandlerCtx): SimResponse;
    missingPermission(ctx: HandlerCtx): SimResponse;
    retiredField(ctx: HandlerCtx, field: string): SimResponse;
  };
};

/** Opaque page cursors: base64url JSON of a keyset position. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, check: (v: unknown) => v is T): T | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return check(v) ? v : null;
  } catch {
    return null;
  }
}

/** Keyset position: items sort by (createdAt, seq); a cursor is the last item served. */
export type Position = { t: number; s: number };
export const isPosition = (v: unknown): v is Position =>
  typeof v === 'object' && v !== null && typeof (v as Position).t === 'number' && typeof (v as Position).s === 'number';

export type Order = 'asc' | 'desc';

export function compareItems(a: SimItem, b: SimItem, order: Order): number {
  const d = a.createdAt - b.createdAt || a.seq - b.seq;
  return order === 'asc' ? d : -d;
}

/** Items strictly after `pos` in `order`. */
export function afterPosition(items: readonly SimItem[], pos: Position | null, order: Order): SimItem[] {
  if (!pos) return [...items];
  return items.filter((it) => {
    const d = it.createdAt - pos.t || it.seq - pos.s;
    return order === 'asc' ? d > 0 : d < 0;
  });
}

export const positionOf = (it: SimItem): Position => ({ t: it.createdAt, s: it.seq });

/**
 * One page of `sorted` (already filtered and ordered) after `pos`, honouring the list faults:
 * empty_page_with_next answers no items but links to the same position; delete_between_pages removes the
 * first item of the next page once this page is served.
 */
export function pageOf(
  ctx: HandlerCtx,
  sorted: readonly SimItem[],
  pos: Position | null,
  order: Order,
  limit: number,
): { items: SimItem[]; next: Position | null; emptyFault: boolean } {
  const rest = afterPosition(sorted, pos, order);
  if (rest.length > 0 && ctx.fault('empty_page_with_next')) {
    return { items: [], next: pos ?? { t: order === 'asc' ? -1 : Number.MAX_SAFE_INTEGER, s: 0 }, emptyFault: true };
  }
  const items = rest.slice(0, limit);
  const last = items[items.length - 1];
  const hasMore = rest.length > limit;
  if (hasMore) {
    const f = ctx.peekFault('delete_between_pages');
    const victim = rest[limit];
    if (f && victim) {
      ctx.useFault(f);
      ctx.state.removed.add(victim.id);
    }
  }
  return { items, next: hasMore && last ? positionOf(last) : null, emptyFault: false };
}
