import { z } from 'zod';
import type { SimPlatform } from './world.js';

/**
 * Faults injected on demand, per account or globally, by startSimulator options or at run time through
 * POST/DELETE /_sim/faults. A fault matches a call by platform, account and endpoint label (all optional) and
 * applies to `count` matching calls after letting `after` through (unlimited when `count` is absent).
 */

export const FAULT_KINDS = [
  'rate_limit', // the platform's throttle error and headers (Graph 4/17/32/80001, YouTube 403 quotaExceeded, X 429)
  'server_error', // a 5xx in the platform's shape
  'slow', // added latency (delayMs), then a normal answer
  'timeout', // no answer at all until the client gives up
  'expired_token', // Graph 190/463, YouTube 400 keyInvalid, X 401
  'missing_permission', // Graph 10 (403), YouTube 403 forbidden, X 403 client-forbidden
  'malformed_json', // 200 with a truncated JSON body
  'empty_page_with_next', // a list page with no items that still links to the next page
  'delete_between_pages', // the first item of the next page disappears after this page is served
  'retired_field', // `field` in fields= / tweet.fields now fails the whole request (Graph 100, X 400)
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const FaultSpecSchema = z.object({
  kind: z.enum(FAULT_KINDS),
  platform: z.enum(['facebook', 'youtube', 'x', 'instagram', 'bluesky']).optional(),
  /** External id of the account the call targets. */
  account: z.string().min(1).optional(),
  /** Substring of the endpoint label, as listed in GET /_sim/stats (e.g. "/{id}/comments", "commentThreads.list"). */
  endpoint: z.string().min(1).optional(),
  /** Number of matching calls affected; unlimited when absent. */
  count: z.number().int().positive().optional(),
  /** Matching calls let through before the fault starts. @default 0 */
  after: z.number().int().nonnegative().optional(),
  /** slow: added latency in ms. @default 2000 */
  delayMs: z.number().int().nonnegative().optional(),
  /** server_error: HTTP status. @default 500 (Facebook, YouTube), 503 (X) */
  status: z.number().int().min(500).max(599).optional(),
  /** rate_limit: also send Retry-After (seconds). None of the three platforms documents one, so off by default. */
  retryAfterS: z.number().int().positive().optional(),
  /** rate_limit on Facebook: the Graph error code. @default 80001 with a Page token, 4 with an app token */
  code: z.union([z.literal(4), z.literal(17), z.literal(32), z.literal(80001), z.literal(80002)]).optional(),
  /** retired_field: the field name that now fails. */
  field: z.string().min(1).optional(),
});
export type FaultSpec = z.infer<typeof FaultSpecSchema>;

export type ActiveFault = FaultSpec & { id: string; seen: number; applied: number };

export type FaultCall = { platform: SimPlatform; account: string | null; endpoint: string };

export class FaultController {
  private readonly faults: ActiveFault[] = [];
  private nextId = 1;

  constructor(initial: readonly FaultSpec[] = []) {
    for (const f of initial) this.add(f);
  }

  /** Adds a fault; returns its id. Throws on an invalid spec. */
  add(spec: FaultSpec): string {
    const parsed = FaultSpecSchema.parse(spec);
    if (parsed.kind === 'retired_field' && !parsed.field) throw new Error('retired_field needs `field`');
    const id = `f${this.nextId++}`;
    this.faults.push({ ...parsed, id, seen: 0, applied: 0 });
    return id;
  }

  /** Removes one fault by id, or every fault when no id is given. Returns how many were removed. */
  remove(id?: string): number {
    if (id === undefined) {
      const n = this.faults.length;
      this.faults.length = 0;
      return n;
    }
    const i = this.faults.findIndex((f) => f.id === id);
    if (i < 0) return 0;
    this.faults.splice(i, 1);
    return 1;
  }

  clear(): void {
    this.remove();
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /**
   * Faults of `kind` that match this call and are due. Matching counts a call as seen; `apply` marks one
   * as used up. Kept separate so a fault that cannot apply (e.g. no next page) is not consumed.
   */
  due(call: FaultCall, kind: FaultKind): ActiveFault | null {
    for (const f of this.faults) {
      if (f.kind !== kind || !matches(f, call)) continue;
      if (f.count !== undefined && f.applied >= f.count) continue;
      if (f.seen < (f.after ?? 0)) continue;
      return f;
    }
    return null;
  }

  /** Every due fault of `kind` (for faults that apply only under a condition, such as a field being asked for). */
  dueAll(call: FaultCall, kind: FaultKind): ActiveFault[] {
    return this.faults.filter(
      (f) => f.kind === kind && matches(f, call) && (f.count === undefined || f.applied < f.count) && f.seen >= (f.after ?? 0),
    );
  }

  /** Counts the call against every matching fault's `after` allowance (once per call). */
  observe(call: FaultCall): void {
    for (const f of this.faults) if (matches(f, call)) f.seen++;
  }

  apply(f: ActiveFault): void {
    f.applied++;
  }
}

function matches(f: FaultSpec, call: FaultCall): boolean {
  if (f.platform && f.platform !== call.platform) return false;
  if (f.account && f.account !== call.account) return false;
  if (f.endpoint && !call.endpoint.includes(f.endpoint)) return false;
  return true;
}
