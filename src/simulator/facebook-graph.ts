import { json, type HandlerCtx, type SimResponse } from './exchange.js';
import type { FieldSelection } from './graph-fields.js';
import { GraphError, graphSelection } from './graph-wire.js';

/**
 * Graph API request parsing (fields, limits) and Graph error bodies, as the Facebook simulator answers them; what
 * Instagram's answers share with it (times, cursors, paging, the error type) is in graph-wire.ts.
 */

type NodeType = 'Page' | 'PagePost' | 'Comment' | 'User';

const PAGE_FIELDS = new Set([
  'id',
  'name',
  'username',
  'link',
  'followers_count',
  'fan_count',
  'category',
  'about',
  'website',
  'verification_status',
  'posts',
  'published_posts',
  'feed',
]);
const POST_FIELDS = new Set([
  'id',
  'message',
  'created_time',
  'updated_time',
  'permalink_url',
  'from',
  'status_type',
  'story',
  'shares',
  'full_picture',
  'is_published',
  'is_hidden',
  'is_expired',
  'privacy',
  'comments',
  'reactions',
  'likes',
]);
const COMMENT_FIELDS = new Set([
  'id',
  'message',
  'created_time',
  'from',
  'parent',
  'like_count',
  'comment_count',
  'permalink_url',
  'is_hidden',
  'is_private',
  'can_comment',
  'can_hide',
  'can_like',
  'can_remove',
  'user_likes',
  'object',
  'comments',
  'reactions',
  'likes',
]);
const USER_FIELDS = new Set(['id', 'name']);
const FIELDS: Record<NodeType, Set<string>> = { Page: PAGE_FIELDS, PagePost: POST_FIELDS, Comment: COMMENT_FIELDS, User: USER_FIELDS };
const DEFAULTS: Record<NodeType, string> = {
  Page: 'name,id',
  PagePost: 'created_time,message,id',
  Comment: 'created_time,from,message,id',
  User: 'name,id',
};

export function graphError(ctx: HandlerCtx, e: GraphError, headers: Record<string, string> = {}): SimResponse {
  const error: Record<string, unknown> = { message: e.message, type: e.type, code: e.code };
  if (e.subcode !== undefined) error.error_subcode = e.subcode;
  if (e.code === 1 || e.code === 2) error.is_transient = true;
  error.fbtrace_id = ctx.traceId();
  return json(e.status, { error }, headers);
}

export function parseLimit(raw: string | null | undefined, fallback = 25, max = 100): number {
  if (raw === null || raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new GraphError(400, 100, `(#100) Param limit must be a non-negative integer`);
  const n = Number(raw);
  if (n > max) throw new GraphError(400, 100, `(#100) The limit parameter cannot exceed ${max}`);
  return n;
}

export function selection(raw: string | null, type: NodeType): FieldSelection[] {
  return graphSelection(raw, DEFAULTS[type], (fields) => check(fields, type));
}

function check(fields: readonly FieldSelection[], type: NodeType): void {
  for (const f of fields) {
    if (!FIELDS[type].has(f.name))
      throw new GraphError(400, 100, `(#100) Tried accessing nonexisting field (${f.name}) on node type (${type})`);
    if (!f.fields) continue;
    const sub: NodeType | null =
      f.name === 'from'
        ? 'User'
        : f.name === 'parent' || f.name === 'comments'
          ? 'Comment'
          : ['posts', 'published_posts', 'feed'].includes(f.name)
            ? 'PagePost'
            : f.name === 'object'
              ? 'PagePost'
              : null;
    if (sub) check(f.fields, sub);
  }
}

export function buc(pageId: string, pct: number, regainMinutes: number): string {
  return JSON.stringify({
    [pageId]: [
      {
        type: 'pages',
        call_count: pct,
        total_cputime: Math.floor(pct / 3),
        total_time: Math.floor(pct / 3),
        estimated_time_to_regain_access: regainMinutes,
      },
    ],
  });
}

export function rateLimitError(code: number): GraphError {
  switch (code) {
    case 4:
      return new GraphError(400, 4, '(#4) Application request limit reached');
    case 17:
      return new GraphError(400, 17, '(#17) User request limit reached');
    case 32:
      return new GraphError(400, 32, '(#32) Page request limit reached');
    default:
      return new GraphError(
        400,
        80001,
        '(#80001) There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
      );
  }
}
