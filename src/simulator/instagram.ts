import { followersAt, hiddenAt, likesAt, textAt, viewsAt } from './engagement.js';
import { json, pageOf, type HandlerCtx, type PlatformApi, type Principal, type Routed, type SimRequest, type SimResponse } from './exchange.js';
import type { FieldSelection } from './graph-fields.js';
import { GraphError, graphLink, graphPaging, graphSelection, graphTime, listLinkParams, parseCursor, parseTime, unsupported, usesGraphField } from './graph-wire.js';
import type { AccountData, AccountSpec, SimItem, World } from './world.js';

/**
 * Instagram Graph API for professional accounts (the Facebook Login flavour, platform-apis.md §4) under the Graph
 * prefix /v{NN.N}/: the IG User node, `/{ig-user-id}/media` (`since`/`until`, newest first), `/{ig-media-id}/comments`
 * (top-level only, newest first, `replies{…}` expanded on request), `/{ig-comment-id}/replies`, `fields=` with nested
 * expansion (`comments.limit(n){…,replies.limit(m){…}}` on media), cursor paging with absolute `next` links, the
 * `instagram` Business Use Case header and error 80002, and Graph error bodies.
 */

const MEDIA_PAGE_MAX = 100;
const COMMENT_PAGE_MAX = 50;
const BUDGET_PER_DAY = 4800; // BUC instagram: 4800 × impressions (taken as 1 here) per 24 h

type NodeType = 'User' | 'Media' | 'Comment';
const FIELDS: Record<NodeType, Set<string>> = {
  User: new Set(['id', 'username', 'name', 'biography', 'followers_count', 'follows_count', 'media_count', 'profile_picture_url', 'website', 'media']),
  Media: new Set(['id', 'caption', 'media_type', 'media_product_type', 'media_url', 'permalink', 'shortcode', 'timestamp', 'username', 'owner', 'like_count', 'comments_count', 'view_count', 'is_comment_enabled', 'comments']),
  Comment: new Set(['id', 'text', 'timestamp', 'username', 'from', 'like_count', 'hidden', 'parent_id', 'media', 'user', 'replies']),
};
const DEFAULTS: Record<NodeType, string> = { User: 'id', Media: 'id', Comment: 'id,text,timestamp' };

function graphError(ctx: HandlerCtx, e: GraphError, headers: Record<string, string> = {}): SimResponse {
  const error: Record<string, unknown> = { message: e.message, type: e.type, code: e.code };
  if (e.subcode !== undefined) error.error_subcode = e.subcode;
  error.fbtrace_id = ctx.traceId();
  return json(e.status, { error }, headers);
}

/** The Instagram account an id belongs to (the IG user id itself, or a media/comment id carrying its prefix). */
export function instagramAccountOf(world: World, id: string): string | null {
  if (world.spec(id)?.account.platform === 'instagram') return id;
  if (!/^1[78]\d{15,16}$/.test(id)) return null;
  return world.accountByPrefix('instagram', `ig${id.slice(2, 8)}`) ?? null;
}

/** Whether a Graph-prefixed request is about an Instagram object (the server's dispatch between the two Graph APIs). */
export function isInstagramRequest(req: SimRequest, world: World): boolean {
  const id = req.path.split('/').filter(Boolean)[1];
  return id !== undefined && instagramAccountOf(world, decodeURIComponent(id)) !== null;
}

function parseLimit(raw: string | null | undefined, fallback: number, max: number): number {
  if (raw === null || raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new GraphError(400, 100, '(#100) Param limit must be a non-negative integer');
  return Math.min(Number(raw), max);
}

function selection(raw: string | null, type: NodeType): FieldSelection[] {
  return graphSelection(raw, DEFAULTS[type], (fields) => check(fields, type));
}

function check(fields: readonly FieldSelection[], type: NodeType): void {
  for (const f of fields) {
    if (!FIELDS[type].has(f.name)) throw new GraphError(400, 100, `(#100) Tried accessing nonexisting field (${f.name}) on node type (${type === 'User' ? 'IGUser' : type === 'Media' ? 'IGMedia' : 'IGComment'})`);
    if (!f.fields) continue;
    const sub: NodeType | null = f.name === 'comments' || f.name === 'replies' ? 'Comment' : f.name === 'media' && type === 'User' ? 'Media' : null;
    if (sub) check(f.fields, sub);
  }
}

type Out = Record<string, unknown>;

class Renderer {
  constructor(
    private readonly ctx: HandlerCtx,
    private readonly version: string,
  ) {}

  user(spec: AccountSpec, fields: readonly FieldSelection[]): Out {
    const a = spec.account;
    const out: Out = {};
    for (const f of fields) {
      switch (f.name) {
        case 'id': out.id = a.externalId; break;
        case 'username': out.username = a.handle; break;
        case 'name': out.name = a.name; break;
        case 'biography': out.biography = `Offisiell Instagram-konto for ${spec.municipality.name} kommune.`; break;
        case 'followers_count': out.followers_count = followersAt(spec, this.ctx.world.startMs, this.ctx.now); break;
        case 'follows_count': out.follows_count = 120; break;
        case 'media_count': out.media_count = this.media(spec).length; break;
        case 'website': out.website = `https://www.${spec.municipality.slug}.kommune.no`; break;
        case 'profile_picture_url': out.profile_picture_url = `https://scontent.cdninstagram.com/${a.externalId}.jpg`; break;
        case 'media': out.media = this.mediaList(spec, f.fields ?? selection(null, 'Media'), f.rawFields, f.modifiers); break;
      }
    }
    out.id ??= a.externalId;
    return out;
  }

  private media(spec: AccountSpec): SimItem[] {
    const data = this.ctx.world.data(spec.account.externalId);
    const out: SimItem[] = [];
    for (let i = data.items.length - 1; i >= 0; i--) {
      const it = data.items[i];
      if (it && it.kind === 'post' && this.ctx.visible(it)) out.push(it);
    }
    return out;
  }

  medium(data: AccountData, it: SimItem, fields: readonly FieldSelection[]): Out {
    const a = data.spec.account;
    const out: Out = {};
    const shortcode = Buffer.from(it.id.slice(-9)).toString('base64url').slice(0, 11);
    for (const f of fields) {
      switch (f.name) {
        case 'id': out.id = it.id; break;
        case 'caption': out.caption = textAt(it, this.ctx.now); break;
        case 'media_type': out.media_type = it.seq % 5 === 0 ? 'VIDEO' : it.seq % 7 === 0 ? 'CAROUSEL_ALBUM' : 'IMAGE'; break;
        case 'media_product_type': out.media_product_type = it.seq % 5 === 0 ? 'REELS' : 'FEED'; break;
        case 'media_url': out.media_url = `https://scontent.cdninstagram.com/v/${it.id}.jpg`; break;
        case 'permalink': out.permalink = `https://www.instagram.com/p/${shortcode}/`; break;
        case 'shortcode': out.shortcode = shortcode; break;
        case 'timestamp': out.timestamp = graphTime(it.createdAt); break;
        case 'username': out.username = a.handle; break;
        case 'owner': out.owner = { id: a.externalId }; break;
        case 'like_count': out.like_count = likesAt(it, this.ctx.now); break;
        case 'comments_count': out.comments_count = this.thread(data, it).length; break;
        case 'view_count': if (it.seq % 5 === 0) out.view_count = viewsAt(it, this.ctx.now); break;
        case 'is_comment_enabled': out.is_comment_enabled = true; break;
        case 'comments': out.comments = this.commentList(data, it, f.fields ?? selection(null, 'Comment'), f.rawFields, f.modifiers, 'comments'); break;
      }
    }
    out.id ??= it.id;
    return out;
  }

  /** Every visible comment and reply of a medium (what comments_count counts; hidden ones included). */
  private thread(data: AccountData, post: SimItem): SimItem[] {
    return (data.threads.get(post.id) ?? []).filter((c) => c.id !== post.id && this.ctx.visible(c));
  }

  comment(data: AccountData, it: SimItem, fields: readonly FieldSelection[]): Out {
    const out: Out = {};
    for (const f of fields) {
      switch (f.name) {
        case 'id': out.id = it.id; break;
        case 'text': out.text = textAt(it, this.ctx.now); break;
        case 'timestamp': out.timestamp = graphTime(it.createdAt); break;
        case 'username': out.username = it.authorHandle; break;
        case 'from': out.from = { id: it.authorId, username: it.authorHandle }; break;
        case 'user': out.user = { id: it.authorId }; break;
        case 'like_count': out.like_count = likesAt(it, this.ctx.now); break;
        case 'hidden': out.hidden = hiddenAt(it, this.ctx.now); break;
        case 'parent_id': if (it.depth > 1 && it.parentId) out.parent_id = it.parentId; break;
        case 'media': out.media = { id: it.rootId }; break;
        case 'replies': if (it.depth === 1) out.replies = this.commentList(data, it, f.fields ?? selection(null, 'Comment'), f.rawFields, f.modifiers, 'replies'); break;
      }
    }
    out.id ??= it.id;
    return out;
  }

  /** `/{media}/comments` (top-level, newest first) or `/{comment}/replies` (oldest first). */
  commentList(data: AccountData, parent: SimItem, fields: readonly FieldSelection[], rawFields: string | null, m: Record<string, string>, edge: 'comments' | 'replies'): Out {
    const limit = parseLimit(m.limit, edge === 'comments' ? 25 : 25, COMMENT_PAGE_MAX);
    const children = (data.children.get(parent.id) ?? []).filter((c) => this.ctx.visible(c));
    const order = edge === 'comments' ? 'desc' : 'asc';
    if (order === 'desc') children.reverse();
    const page = pageOf(this.ctx, children, parseCursor(m.after), order, limit);
    const out: Out = { data: page.items.map((c) => this.comment(data, c, fields)) };
    const paging = graphPaging(page, (after) => this.link(`/${parent.id}/${edge}`, { limit: String(limit), ...(rawFields ? { fields: rawFields } : {}), after }));
    if (paging) out.paging = paging;
    return out;
  }

  mediaList(spec: AccountSpec, fields: readonly FieldSelection[], rawFields: string | null, m: Record<string, string>): Out {
    const data = this.ctx.world.data(spec.account.externalId);
    const limit = parseLimit(m.limit, 25, MEDIA_PAGE_MAX);
    const since = parseTime('since', m.since);
    const until = parseTime('until', m.until);
    const media = this.media(spec).filter((it) => (since === null || it.createdAt >= since) && (until === null || it.createdAt <= until));
    const page = pageOf(this.ctx, media, parseCursor(m.after), 'desc', limit);
    const out: Out = { data: page.items.map((p) => this.medium(data, p, fields)) };
    const paging = graphPaging(page, (after) => this.link(`/${spec.account.externalId}/media`, listLinkParams(limit, rawFields, m, after)));
    if (paging) out.paging = paging;
    return out;
  }

  link(path: string, params: Record<string, string>): string {
    return graphLink(this.ctx, this.version, path, params);
  }
}

function tokenOf(req: SimRequest): string | null {
  const q = req.query.get('access_token');
  if (q) return q;
  const m = req.headers.authorization ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(req.headers.authorization) : null;
  return m?.[1]?.trim() ?? null;
}

function buc(igUserId: string, pct: number, regainMinutes: number): string {
  return JSON.stringify({ [igUserId]: [{ type: 'instagram', call_count: pct, total_cputime: Math.floor(pct / 3), total_time: Math.floor(pct / 3), estimated_time_to_regain_access: regainMinutes }] });
}

const throttled = (): GraphError =>
  new GraphError(400, 80002, '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.');

export const instagramApi: PlatformApi = {
  platform: 'instagram',

  route(req, world): Routed | SimResponse {
    const version = /^\/(v\d+\.\d+)(\/|$)/.exec(req.path)?.[1] ?? 'v24.0';
    const [id = '', edge, ...extra] = req.path.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
    const account = instagramAccountOf(world, id);
    const headers = { 'facebook-api-version': version };
    const fail = (e: GraphError): SimResponse => ({ ...json(e.status, { error: { message: e.message, type: e.type, code: e.code, fbtrace_id: 'AsimUnknownPath' } }), headers: { 'content-type': 'application/json; charset=UTF-8', ...headers } });
    if (req.method !== 'GET') return fail(new GraphError(400, 100, `Unsupported ${req.method.toLowerCase()} request.`, 'GraphMethodException'));
    if (extra.length > 0) return fail(new GraphError(400, 2500, `Unknown path components: /${[edge, ...extra].join('/')}`));
    return {
      endpoint: edge ? `GET /{id}/${edge}` : 'GET /{id}',
      account,
      handle(ctx, principal) {
        const r = new Renderer(ctx, version);
        try {
          if (!account) throw unsupported(id);
          if (principal.account !== account) {
            throw new GraphError(403, 10, '(#10) Application does not have permission for this action', 'OAuthException');
          }
          const q = ctx.req.query;
          const spec = ctx.world.spec(account);
          if (!spec) throw unsupported(id);
          const mods = Object.fromEntries([...q].filter(([k]) => k !== 'fields' && k !== 'access_token'));
          if (id === account) {
            if (!edge) return json(200, r.user(spec, selection(q.get('fields'), 'User')), headers);
            if (edge !== 'media') throw new GraphError(400, 100, `(#100) Tried accessing nonexisting field (${edge}) on node type (IGUser)`);
            return json(200, r.mediaList(spec, selection(q.get('fields'), 'Media'), q.get('fields'), mods), headers);
          }
          const data = ctx.world.data(account);
          const it = data.byId.get(id);
          if (!it || !ctx.visible(it)) throw unsupported(id);
          if (!edge) return json(200, it.kind === 'post' ? r.medium(data, it, selection(q.get('fields'), 'Media')) : r.comment(data, it, selection(q.get('fields'), 'Comment')), headers);
          if (edge === 'comments' && it.kind === 'post') return json(200, r.commentList(data, it, selection(q.get('fields'), 'Comment'), q.get('fields'), mods, 'comments'), headers);
          if (edge === 'replies' && it.depth === 1) return json(200, r.commentList(data, it, selection(q.get('fields'), 'Comment'), q.get('fields'), mods, 'replies'), headers);
          throw new GraphError(400, 100, `(#100) Tried accessing nonexisting field (${edge}) on node type (${it.kind === 'post' ? 'IGMedia' : 'IGComment'})`);
        } catch (e) {
          if (e instanceof GraphError) return graphError(ctx, e, headers);
          throw e;
        }
      },
    };
  },

  authenticate(req, world, ctx): Principal | SimResponse {
    const tok = tokenOf(req);
    if (!tok) return graphError(ctx, new GraphError(400, 104, 'An access token is required to request this resource.'));
    const acc = world.accountForToken(tok);
    if (!acc || acc.platform !== 'instagram') return graphError(ctx, new GraphError(400, 190, 'Invalid OAuth access token - Cannot parse access token'));
    return { token: tok, account: acc.externalId, shared: false };
  },

  meter(ctx, principal) {
    const account = principal.account ?? 'app';
    const key = `ig-buc:${account}:${Math.floor(ctx.now / 86_400_000)}`;
    const n = (ctx.state.counters.get(key) ?? 0) + 1;
    ctx.state.counters.set(key, n);
    const pct = Math.min(100, Math.floor((n * 100) / BUDGET_PER_DAY));
    const headers = { 'x-business-use-case-usage': buc(account, pct, pct >= 100 ? 60 : 0) };
    if (n > BUDGET_PER_DAY) return { headers, error: graphError(ctx, throttled(), headers) };
    return { headers, error: null };
  },

  usesField: usesGraphField,

  errors: {
    rateLimit(ctx, principal, fault) {
      const headers: Record<string, string> = { 'x-business-use-case-usage': buc(principal.account ?? 'app', 100, Math.max(1, Math.ceil((fault.retryAfterS ?? 300) / 60))) };
      if (fault.retryAfterS) headers['retry-after'] = String(fault.retryAfterS);
      return graphError(ctx, throttled(), headers);
    },
    serverError(ctx, status) {
      return graphError(ctx, new GraphError(status ?? 500, 1, 'An unknown error has occurred.'));
    },
    expiredToken(ctx) {
      return graphError(ctx, new GraphError(400, 190, `Error validating access token: Session has expired on ${new Date(ctx.now - 3_600_000).toUTCString()}. The current time is ${new Date(ctx.now).toUTCString()}.`, 'OAuthException', 463));
    },
    missingPermission(ctx) {
      return graphError(ctx, new GraphError(403, 10, "(#10) This endpoint requires the 'instagram_manage_comments' permission.", 'OAuthException'));
    },
    retiredField(ctx, field) {
      return graphError(ctx, new GraphError(400, 100, `(#100) Tried accessing nonexisting field (${field}) on node type (IGMedia)`));
    },
  },
};
