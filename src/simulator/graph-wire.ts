import { decodeCursor, encodeCursor, isoSeconds, isPosition, type HandlerCtx, type Position, type SimRequest } from './exchange.js';
import { allFieldNames, FieldSyntaxError, parseFields, type FieldSelection } from './graph-fields.js';
import type { SimItem } from './world.js';

/**
 * The Graph API's wire format where the two Graph simulators (Facebook Pages in facebook*.ts, Instagram
 * professional accounts in instagram.ts) answer alike: the error type, times, `since`/`until` and `after`
 * parameters, and list paging (`cursors`, and an absolute `next` link on the origin the client called).
 */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly type = 'OAuthException',
    readonly subcode?: number,
  ) {
    super(message);
  }
}

export const unsupported = (id: string): GraphError =>
  new GraphError(
    400,
    100,
    `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    'GraphMethodException',
    33,
  );

/** A Graph timestamp: ISO seconds with `+0000`. */
export const graphTime = (ms: number): string => `${isoSeconds(ms)}+0000`;

export function parseTime(name: string, raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  const t = Date.parse(raw);
  if (Number.isNaN(t)) throw new GraphError(400, 100, `(#100) The parameter ${name} must be a valid unix timestamp or strtotime string`);
  return t;
}

export function parseCursor(raw: string | null | undefined): Position | null {
  if (!raw) return null;
  const pos = decodeCursor(raw, isPosition);
  if (!pos) throw new GraphError(400, 100, '(#100) The after cursor specified is not valid');
  return pos;
}

/**
 * The `paging` of one page of a list edge: `cursors` around the page and, unless it is the last page, `next`, the
 * link `next(after)` makes for the cursor after it. An empty last page has no paging at all.
 */
export function graphPaging(
  page: { items: readonly SimItem[]; next: Position | null },
  next: (after: string) => string,
): Record<string, unknown> | undefined {
  if (page.items.length === 0 && !page.next) return undefined;
  const first = page.items[0];
  const last = page.items[page.items.length - 1];
  const after = page.next ? encodeCursor(page.next) : last ? encodeCursor({ t: last.createdAt, s: last.seq }) : '';
  const paging: Record<string, unknown> = {
    cursors: { before: first ? encodeCursor({ t: first.createdAt, s: first.seq }) : after, after },
  };
  if (page.next) paging.next = next(encodeCursor(page.next));
  return paging;
}

/** An absolute link on the origin the client called, with the token when the client sent it as a parameter. */
export function graphLink(ctx: HandlerCtx, version: string, path: string, params: Record<string, string>): string {
  const q = new URLSearchParams();
  const tok = ctx.req.query.get('access_token');
  if (tok) q.set('access_token', tok);
  for (const [k, v] of Object.entries(params)) q.set(k, v);
  return `${ctx.req.origin}/${version}${path}?${q.toString()}`;
}

/** What the `next` link of a time-windowed listing (a Page feed, an account's media) repeats: limit, fields, window, cursor. */
export function listLinkParams(
  limit: number,
  rawFields: string | null,
  m: { since?: string | undefined; until?: string | undefined },
  after: string,
): Record<string, string> {
  const q: Record<string, string> = { limit: String(limit) };
  if (rawFields !== null) q.fields = rawFields;
  if (m.since) q.since = m.since;
  if (m.until) q.until = m.until;
  q.after = after;
  return q;
}

/** `fields=` as the caller wrote it, or the node's defaults; a syntax error is Graph's #2500, and `check` rejects fields the node lacks. */
export function graphSelection(raw: string | null, defaults: string, check: (fields: readonly FieldSelection[]) => void): FieldSelection[] {
  try {
    const fields = parseFields(raw && raw.trim() !== '' ? raw : defaults);
    check(fields);
    return fields;
  } catch (e) {
    if (e instanceof FieldSyntaxError)
      throw new GraphError(400, 2500, `Syntax error "${e.message}" at character ${e.position}: ${raw ?? ''}`);
    throw e;
  }
}

/** Whether the request's `fields=` names `field` anywhere (fault injection keys on it); unparsable fields name none. */
export function usesGraphField(req: SimRequest, field: string): boolean {
  const raw = req.query.get('fields');
  if (!raw) return false;
  try {
    return allFieldNames(parseFields(raw)).includes(field);
  } catch {
    return false;
  }
}
