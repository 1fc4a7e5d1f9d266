import { followersAt, hiddenAt, likesAt, sharesAt, textAt } from './engagement.js';
import {
  decodeCursor,
  encodeCursor,
  isoSeconds,
  isPosition,
  json,
  pageOf,
  type HandlerCtx,
  type Order,
  type PlatformApi,
  type Position,
  type Principal,
  type Routed,
  type SimRequest,
  type SimResponse,
} from './exchange.js';
import { FieldSyntaxError, allFieldNames, parseFields, type FieldSelection } from './graph-fields.js';
import type { AccountData, AccountSpec, SimItem, World } from './world.js';

/**
 * Facebook Graph API (Pages) under /v{NN.N}/: nodes (Page, PagePost, Comment), the edges /posts,
 * /published_posts, /feed and /comments, `fields=` with nested expansion and modifiers, cursor paging with
 * absolute `next` links, usage headers and Graph error bodies.
 */

const OLDEST_LIVE_VERSION = 20;
const PAGE_BUDGET_PER_DAY = 4800; // BUC: 4800 × engaged users (1 here) per 24 h
const APP_BUDGET_PER_HOUR = 2000;

type NodeType = 'Page' | 'PagePost' | 'Comment' | 'User';

const PAGE_FIELDS = new Set(['id', 'name', 'username', 'link', 'followers_count', 'fan_count', 'category', 'about', 'website', 'verification_status', 'posts', 'published_posts', 'feed']);
const POST_FIELDS = new Set(['id', 'message', 'created_time', 'updated_time', 'permalink_url', 'from', 'status_type', 'story', 'shares', 'full_picture', 'is_published', 'is_hidden', 'is_expired', 'privacy', 'comments', 'reactions', 'likes']);
const COMMENT_FIELDS = new Set(['id', 'message', 'created_time', 'from', 'parent', 'like_count', 'comment_count', 'permalink_url', 'is_hidden', 'is_private', 'can_comment', 'can_hide', 'can_like', 'can_remove', 'user_likes', 'object', 'comments', 'reactions', 'likes']);
const USER_FIELDS = new Set(['id', 'name']);
const FIELDS: Record<NodeType, Set<string>> = { Page: PAGE_FIELDS, PagePost: POST_FIELDS, Comment: COMMENT_FIELDS, User: USER_FIELDS };
const DEFAULTS: Record<NodeType, string> = { Page: 'name,id', PagePost: 'created_time,message,id', Comment: 'created_time,from,message,id', User: 'name,id' };
const REACTION_SHARES: Record<string, number> = { LIKE: 0.8, LOVE: 0.12, CARE: 0.02, HAHA: 0.02, WOW: 0.02, SAD: 0.015, ANGRY: 0.005 };

class GraphError extends Error {
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

function graphError(ctx: HandlerCtx, e: GraphError, headers: Record<string, string> = {}): SimResponse {
  const error: Record<string, unknown> = { message: e.message, type: e.type, code: e.code };
  if (e.subcode !== undefined) error.error_subcode = e.subcode;
  if (e.code === 1 || e.code === 2) error.is_transient = true;
  error.fbtrace_id = ctx.traceId();
  return json(e.status, { error }, headers);
}

const unsupported = (id: string): GraphError =>
  new GraphError(
    400,
    100,
    `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    'GraphMethodException',
    33,
  );

export const fbTime = (ms: number): string => `${isoSeconds(ms)}+0000`;

type Target = { kind: 'page'; spec: AccountSpec } | { kind: 'item'; data: AccountData; item: SimItem };

/** The account an id belongs to, without generating anything. */
function accountOfId(world: World, id: string): string | null {
  if (/^\d+$/.test(id)) return world.spec(id)?.account.platform === 'facebook' ? id : null;
  const m = /^(\d+)_(\d+)$/.exec(id);
  if (!m) return world.accountByHandle('facebook', id) ?? null;
  const a = m[1] ?? '';
  if (world.spec(a)?.account.platform === 'facebook') return a;
  return world.accountByPrefix('facebook', a.slice(0, 6)) ?? null;
}

function resolve(world: World, ctx: HandlerCtx, id: string, account: string | null): Target {
  if (!account) throw unsupported(id);
  const spec = world.spec(account);
  if (!spec) throw unsupported(id);
  if (id === account || id === 'me' || !id.includes('_')) return { kind: 'page', spec };
  const data = world.data(account);
  const item = data.byId.get(id);
  if (!item || !ctx.visible(item)) throw unsupported(id);
  return { kind: 'item', data, item };
}

function parseLimit(raw: string | null | undefined, fallback = 25, max = 100): number {
  if (raw === null || raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new GraphError(400, 100, `(#100) Param limit must be a non-negative integer`);
  const n = Number(raw);
  if (n > max) throw new GraphError(400, 100, `(#100) The limit parameter cannot exceed ${max}`);
  return n;
}

function parseTime(name: string, raw: string | null): number | null {
  if (raw === null || raw === '') return null;
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  const t = Date.parse(raw);
  if (Number.isNaN(t)) throw new GraphError(400, 100, `(#100) The parameter ${name} must be a valid unix timestamp or strtotime string`);
  return t;
}

function parseCursor(raw: string | null): Position | null {
  if (!raw) return null;
  const pos = decodeCursor(raw, isPosition);
  if (!pos) throw new GraphError(400, 100, '(#100) The after cursor specified is not valid');
  return pos;
}

function selection(raw: string | null, type: NodeType): FieldSelection[] {
  try {
    const fields = parseFields(raw && raw.trim() !== '' ? raw : DEFAULTS[type]);
    check(fields, type);
    return fields;
  } catch (e) {
    if (e instanceof FieldSyntaxError) throw new GraphError(400, 2500, `Syntax error "${e.message}" at character ${e.position}: ${raw ?? ''}`);
    throw e;
  }
}

function check(fields: readonly FieldSelection[], type: NodeType): void {
  for (const f of fields) {
    if (!FIELDS[type].has(f.name)) throw new GraphError(400, 100, `(#100) Tried accessing nonexisting field (${f.name}) on node type (${type})`);
    if (!f.fields) continue;
    const sub: NodeType | null =
      f.name === 'from' ? 'User' : f.name === 'parent' || f.name === 'comments' ? 'Comment' : ['posts', 'published_posts', 'feed'].includes(f.name) ? 'PagePost' : f.name === 'object' ? 'PagePost' : null;
    if (sub) check(f.fields, sub);
  }
}

type Out = Record<string, unknown>;

/** `id.split('_')[n] ?? ''` for n = 0 or 1, without the array (ids are "{page}_{post}" and "{post}_{comment}"). */
function idPart(id: string, n: 0 | 1): string {
  const a = id.indexOf('_');
  if (n === 0) return a < 0 ? id : id.slice(0, a);
  if (a < 0) return '';
  const b = id.indexOf('_', a + 1);
  return b < 0 ? id.slice(a + 1) : id.slice(a + 1, b);
}

function commentPermalink(data: AccountData, it: SimItem): string {
  const rootId = data.byId.get(it.rootId)?.id ?? '';
  const post = `https://www.facebook.com/${idPart(rootId, 0)}/posts/${idPart(rootId, 1)}?comment_id=`;
  const top = it.depth > 1 ? data.byId.get(it.branchId) : undefined;
  return top ? `${post}${idPart(top.id, 1)}&reply_comment_id=${idPart(it.id, 1)}` : `${post}${idPart(it.id, 1)}`;
}

class Renderer {
  constructor(
    private readonly ctx: HandlerCtx,
    private readonly principal: Principal,
    private readonly version: string,
  ) {}

  /** Page tokens see residents' identity and hidden comments; app tokens do not (Graph since v2.11). */
  private get pageToken(): boolean {
    return this.principal.account !== null;
  }

  page(spec: AccountSpec, fields: readonly FieldSelection[]): Out {
    const a = spec.account;
    const out: Out = {};
    const followers = followersAt(spec, this.ctx.world.startMs, this.ctx.now);
    for (const f of fields) {
      const key = f.modifiers.as ?? f.name;
      switch (f.name) {
        case 'id': out.id = a.externalId; break;
        case 'name': out.name = a.name; break;
        case 'username': out.username = a.handle; break;
        case 'link': out.link = `https://www.facebook.com/${a.handle}`; break;
        case 'followers_count': out.followers_count = followers; break;
        case 'fan_count': out.fan_count = Math.round(followers * 0.93); break;
        case 'category': out.category = 'Government organization'; break;
        case 'about': out.about = `Offisiell side for ${spec.municipality.name} kommune.`; break;
        case 'website': out.website = `https://www.${spec.municipality.slug}.kommune.no`; break;
        case 'verification_status': out.verification_status = 'blue_verified'; break;
        default: out[key] = this.postList(spec, f.name, f.fields ?? selection(null, 'PagePost'), f.rawFields, f.modifiers); break;
      }
    }
    out.id ??= a.externalId;
    return out;
  }

  post(data: AccountData, it: SimItem, fields: readonly FieldSelection[]): Out {
    const out: Out = {};
    const pageId = idPart(it.id, 0);
    const postNum = idPart(it.id, 1);
    for (const f of fields) {
      const key = f.modifiers.as ?? f.name;
      switch (f.name) {
        case 'id': out.id = it.id; break;
        case 'message': out.message = textAt(it, this.ctx.now); break;
        case 'created_time': out.created_time = fbTime(it.createdAt); break;
        case 'updated_time': out.updated_time = fbTime(this.updatedTime(data, it)); break;
        case 'permalink_url': out.permalink_url = `https://www.facebook.com/${pageId}/posts/${postNum}`; break;
        case 'from': if (this.showAuthor(it)) out.from = this.author(it, f.fields); break;
        case 'status_type': out.status_type = it.authorRole === 'citizen' ? 'wall_post' : it.seq % 3 === 0 ? 'mobile_status_update' : 'added_photos'; break;
        case 'story': if (it.authorRole === 'citizen') out.story = `${this.showAuthor(it) ? it.authorName : 'Someone'} posted to ${data.spec.account.name}`; break;
        case 'shares': { const n = sharesAt(it, this.ctx.now); if (n > 0) out.shares = { count: n }; break; }
        case 'full_picture': if (it.authorRole === 'owner' && it.seq % 3 !== 0) out.full_picture = `https://scontent.xx.fbcdn.net/v/t39.30808-6/${postNum}_n.jpg`; break;
        case 'is_published': out.is_published = true; break;
        case 'is_hidden': out.is_hidden = false; break;
        case 'is_expired': out.is_expired = false; break;
        case 'privacy': out.privacy = { allow: '', deny: '', description: 'Public', friends: '', value: 'EVERYONE' }; break;
        case 'comments': out[key] = this.commentEdge(data, it, f); break;
        case 'reactions': case 'likes': out[key] = this.reactionEdge(it, f); break;
      }
    }
    out.id ??= it.id;
    return out;
  }

  comment(data: AccountData, it: SimItem, fields: readonly FieldSelection[]): Out {
    const out: Out = {};
    for (const f of fields) {
      switch (f.name) {
        case 'id': out.id = it.id; break;
        case 'message': out.message = textAt(it, this.ctx.now); break;
        case 'created_time': out.created_time = fbTime(it.createdAt); break;
        case 'from': if (this.showAuthor(it)) out.from = this.author(it, f.fields); break;
        case 'parent': {
          const parent = it.parentId ? data.byId.get(it.parentId) : undefined;
          if (parent && parent.kind === 'comment') out.parent = this.comment(data, parent, f.fields ?? selection(null, 'Comment'));
          break;
        }
        case 'like_count': out.like_count = likesAt(it, this.ctx.now); break;
        case 'comment_count': out.comment_count = this.childCount(data, it); break;
        case 'permalink_url': out.permalink_url = commentPermalink(data, it); break;
        case 'is_hidden': out.is_hidden = hiddenAt(it, this.ctx.now); break;
        case 'is_private': out.is_private = false; break;
        case 'can_comment': out.can_comment = true; break;
        case 'can_hide': out.can_hide = this.pageToken && it.authorRole === 'citizen'; break;
        case 'can_like': out.can_like = true; break;
        case 'can_remove': out.can_remove = this.pageToken; break;
        case 'user_likes': out.user_likes = false; break;
        case 'object': {
          const root = data.byId.get(it.rootId);
          if (root) out.object = this.post(data, root, f.fields ?? selection(null, 'PagePost'));
          break;
        }
        case 'comments': out[f.modifiers.as ?? f.name] = this.commentEdge(data, it, f); break;
        case 'reactions': case 'likes': out[f.modifiers.as ?? f.name] = this.reactionEdge(it, f); break;
      }
    }
    out.id ??= it.id;
    return out;
  }

  private showAuthor(it: SimItem): boolean {
    return it.authorRole === 'owner' || this.pageToken;
  }

  private author(it: SimItem, fields: readonly FieldSelection[] | null): Out {
    const out: Out = {};
    if (fields) for (const f of fields) out[f.name] = f.name === 'id' ? it.authorId : it.authorName;
    else {
      out.name = it.authorName;
      out.id = it.authorId;
    }
    out.id ??= it.authorId;
    return out;
  }

  private updatedTime(data: AccountData, it: SimItem): number {
    let t = it.createdAt;
    if (it.editedAt !== null && it.editedAt <= this.ctx.now) t = Math.max(t, it.editedAt);
    for (const c of data.threads.get(it.id) ?? []) if (c.createdAt <= this.ctx.now && this.ctx.visible(c)) t = Math.max(t, c.createdAt);
    return t;
  }

  /** A comment this caller sees: visible, and when hidden only with a Page token. */
  private shown(c: SimItem): boolean {
    return this.ctx.visible(c) && (this.pageToken || !hiddenAt(c, this.ctx.now));
  }

  /** Visible direct replies; hidden ones only for Page tokens. */
  children(data: AccountData, it: SimItem): SimItem[] {
    return (data.children.get(it.id) ?? []).filter((c) => this.shown(c));
  }

  /** children(…).length without building the list. */
  private childCount(data: AccountData, it: SimItem): number {
    let n = 0;
    for (const c of data.children.get(it.id) ?? []) if (this.shown(c)) n++;
    return n;
  }

  /** Comments on `it`: direct replies (toplevel) or every descendant (stream), in time order. */
  comments(data: AccountData, it: SimItem, filter: string): SimItem[] {
    if (filter !== 'stream') return this.children(data, it);
    const out: SimItem[] = [];
    this.collectShown(data, it.id, out);
    return out.sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  }

  /** Appends the shown replies under `id`, depth first (replies under a comment the caller does not see are left out). */
  private collectShown(data: AccountData, id: string, out: SimItem[]): void {
    for (const c of data.children.get(id) ?? []) {
      if (!this.shown(c)) continue;
      out.push(c);
      this.collectShown(data, c.id, out);
    }
  }

  /** `/{id}/comments` and the nested `comments` field share this. */
  commentList(
    data: AccountData,
    it: SimItem,
    o: { filter: string; order: string; limit: number; after: string | null; since: number | null; summary: boolean; fields: readonly FieldSelection[]; link: (after: string) => string },
  ): Out {
    if (!['toplevel', 'stream'].includes(o.filter)) throw new GraphError(400, 100, `(#100) filter must be one of the following values: toplevel, stream`);
    if (!['chronological', 'reverse_chronological', 'ranked'].includes(o.order)) throw new GraphError(400, 100, `(#100) order must be one of the following values: chronological, reverse_chronological, ranked`);
    const all = this.comments(data, it, o.filter);
    const order: Order = o.order === 'reverse_chronological' ? 'desc' : 'asc';
    let list = o.since !== null ? all.filter((c) => c.createdAt >= (o.since ?? 0)) : all;
    if (order === 'desc') list = [...list].reverse();
    const out: Out = {};
    if (o.limit === 0) out.data = [];
    else {
      const page = pageOf(this.ctx, list, parseCursor(o.after), order, o.limit);
      out.data = page.items.map((c) => this.comment(data, c, o.fields));
      const first = page.items[0];
      const last = page.items[page.items.length - 1];
      if (page.items.length > 0 || page.next) {
        const after = page.next ? encodeCursor(page.next) : last ? encodeCursor({ t: last.createdAt, s: last.seq }) : '';
        const paging: Out = { cursors: { before: first ? encodeCursor({ t: first.createdAt, s: first.seq }) : after, after } };
        if (page.next) paging.next = o.link(encodeCursor(page.next));
        out.paging = paging;
      }
    }
    if (o.summary) out.summary = { order: o.order === 'ranked' ? 'ranked' : o.order, total_count: all.length, can_comment: true };
    return out;
  }

  private commentEdge(data: AccountData, it: SimItem, f: FieldSelection): Out {
    const m = f.modifiers;
    const filter = m.filter ?? 'toplevel';
    const order = m.order ?? 'chronological';
    const limit = parseLimit(m.limit);
    const fields = f.fields ?? selection(null, 'Comment');
    return this.commentList(data, it, {
      filter,
      order,
      limit,
      after: m.after ?? null,
      since: null,
      summary: m.summary !== undefined && m.summary !== 'false',
      fields,
      link: (after) =>
        this.link(`/${it.id}/comments`, { limit: String(limit), filter, order, ...(f.rawFields ? { fields: f.rawFields } : {}), after }),
    });
  }

  private reactionEdge(it: SimItem, f: FieldSelection): Out {
    const total = likesAt(it, this.ctx.now);
    const type = f.modifiers.type;
    const count = type && type !== 'NONE' ? Math.floor(total * (REACTION_SHARES[type] ?? 0)) : total;
    const out: Out = { data: [] };
    if (f.modifiers.summary !== undefined && f.modifiers.summary !== 'false') {
      out.summary = f.name === 'likes' ? { total_count: count, can_like: true, has_liked: false } : { total_count: count, viewer_reaction: 'NONE' };
    }
    return out;
  }

  /** `/{page}/posts`, `/published_posts`, `/feed`, also as nested page fields. */
  postList(
    spec: AccountSpec,
    edge: string,
    fields: readonly FieldSelection[],
    rawFields: string | null,
    m: { limit?: string; after?: string; since?: string; until?: string },
  ): Out {
    const data = this.ctx.world.data(spec.account.externalId);
    const limit = parseLimit(m.limit);
    const since = parseTime('since', m.since ?? null);
    const until = parseTime('until', m.until ?? null);
    const withVisitors = edge === 'feed';
    const posts: SimItem[] = [];
    for (let i = data.items.length - 1; i >= 0; i--) {
      const it = data.items[i];
      if (!it || it.kind !== 'post' || !this.ctx.visible(it)) continue;
      if (!withVisitors && it.authorRole !== 'owner') continue;
      if (since !== null && it.createdAt < since) continue;
      if (until !== null && it.createdAt > until) continue;
      posts.push(it);
    }
    const page = pageOf(this.ctx, posts, parseCursor(m.after ?? null), 'desc', limit);
    const out: Out = { data: page.items.map((p) => this.post(data, p, fields)) };
    const first = page.items[0];
    const last = page.items[page.items.length - 1];
    if (page.items.length > 0 || page.next) {
      const after = page.next ? encodeCursor(page.next) : last ? encodeCursor({ t: last.createdAt, s: last.seq }) : '';
      const paging: Out = { cursors: { before: first ? encodeCursor({ t: first.createdAt, s: first.seq }) : after, after } };
      if (page.next) {
        const q: Record<string, string> = { limit: String(limit) };
        if (rawFields !== null) q.fields = rawFields;
        if (m.since) q.since = m.since;
        if (m.until) q.until = m.until;
        q.after = encodeCursor(page.next);
        paging.next = this.link(`/${spec.account.externalId}/${edge}`, q);
      }
      out.paging = paging;
    }
    return out;
  }

  /** Absolute link on the origin the client called, with the token when the client sent it as a parameter. */
  link(path: string, params: Record<string, string>): string {
    const q = new URLSearchParams();
    const tok = this.ctx.req.query.get('access_token');
    if (tok) q.set('access_token', tok);
    for (const [k, v] of Object.entries(params)) q.set(k, v);
    return `${this.ctx.req.origin}/${this.version}${path}?${q.toString()}`;
  }
}

function tokenOf(req: SimRequest): string | null {
  const q = req.query.get('access_token');
  if (q) return q;
  const h = req.headers.authorization;
  const m = h ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(h) : null;
  return m?.[1]?.trim() ?? null;
}

function versionOf(req: SimRequest): string | null {
  const m = /^\/(v\d+\.\d+)(\/|$)/.exec(req.path);
  return m?.[1] ?? null;
}

function answeredVersion(v: string): string {
  const major = Number(v.slice(1).split('.')[0]);
  return major < OLDEST_LIVE_VERSION ? `v${OLDEST_LIVE_VERSION}.0` : v;
}

export const facebookApi: PlatformApi = {
  platform: 'facebook',

  route(req, world): Routed | SimResponse {
    const version = versionOf(req) ?? 'v24.0';
    const parts = req.path.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
    const [id, edge, ...extra] = parts;
    const versionHeader = { 'facebook-api-version': answeredVersion(version) };
    const fail = (e: GraphError): SimResponse => ({ ...json(e.status, { error: { message: e.message, type: e.type, code: e.code, fbtrace_id: 'AsimUnknownPath' } }), headers: { 'content-type': 'application/json; charset=UTF-8', ...versionHeader } });
    if (req.method !== 'GET') return fail(new GraphError(400, 100, `Unsupported ${req.method.toLowerCase()} request. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`, 'GraphMethodException'));
    if (!id) return fail(new GraphError(400, 100, '(#100) Missing node id; this simulator does not serve the ?ids= form'));
    if (extra.length > 0) return fail(new GraphError(400, 2500, `Unknown path components: /${[edge, ...extra].join('/')}`));
    const account = id === 'me' ? null : accountOfId(world, id);
    const endpoint = edge ? `GET /{id}/${edge}` : 'GET /{id}';
    return {
      endpoint,
      account,
      handle(ctx, principal) {
        const r = new Renderer(ctx, principal, version);
        try {
          const owner = id === 'me' ? principal.account : account;
          if (!owner) throw id === 'me' ? new GraphError(400, 2500, 'An active access token must be used to query information about the current user.') : unsupported(id);
          if (principal.account && principal.account !== owner) {
            throw new GraphError(400, 10, "(#10) This endpoint requires the 'pages_read_engagement' permission or the 'Page Public Content Access' feature. Refer to https://developers.facebook.com/docs/apps/review/login-permissions#manage-pages and https://developers.facebook.com/docs/apps/review/feature#reference-PAGES_ACCESS_FEATURE for details.", 'OAuthException');
          }
          const target = resolve(ctx.world, ctx, id === 'me' ? owner : id, owner);
          const q = ctx.req.query;
          let body: Out;
          if (!edge) {
            if (target.kind === 'page') body = r.page(target.spec, selection(q.get('fields'), 'Page'));
            else if (target.item.kind === 'post') body = r.post(target.data, target.item, selection(q.get('fields'), 'PagePost'));
            else body = r.comment(target.data, target.item, selection(q.get('fields'), 'Comment'));
          } else if (edge === 'posts' || edge === 'published_posts' || edge === 'feed') {
            if (target.kind !== 'page') throw new GraphError(400, 100, `(#100) Tried accessing nonexisting field (${edge}) on node type (${target.item.kind === 'post' ? 'PagePost' : 'Comment'})`);
            const fields = selection(q.get('fields'), 'PagePost');
            body = r.postList(target.spec, edge, fields, q.get('fields'), {
              limit: q.get('limit') ?? undefined,
              after: q.get('after') ?? undefined,
              since: q.get('since') ?? undefined,
              until: q.get('until') ?? undefined,
            });
          } else if (edge === 'comments') {
            if (target.kind !== 'item') throw new GraphError(400, 100, '(#100) Tried accessing nonexisting field (comments) on node type (Page)');
            const filter = q.get('filter') ?? 'toplevel';
            const order = q.get('order') ?? 'chronological';
            const limit = parseLimit(q.get('limit'));
            const rawFields = q.get('fields');
            body = r.commentList(target.data, target.item, {
              filter,
              order,
              limit,
              after: q.get('after'),
              since: parseTime('since', q.get('since')),
              summary: q.get('summary') === 'true' || q.get('summary') === '1',
              fields: selection(rawFields, 'Comment'),
              link: (after) => {
                const p: Record<string, string> = {};
                for (const [k, v] of q) if (k !== 'access_token' && k !== 'after' && k !== 'before') p[k] = v;
                return r.link(`/${target.item.id}/comments`, { ...p, after });
              },
            });
          } else {
            const type = target.kind === 'page' ? 'Page' : target.item.kind === 'post' ? 'PagePost' : 'Comment';
            throw new GraphError(400, 100, `(#100) Tried accessing nonexisting field (${edge}) on node type (${type})`);
          }
          return json(200, body, versionHeader);
        } catch (e) {
          if (e instanceof GraphError) return graphError(ctx, e, versionHeader);
          throw e;
        }
      },
    };
  },

  authenticate(req, world, ctx): Principal | SimResponse {
    const tok = tokenOf(req);
    if (!tok) return graphError(ctx, new GraphError(400, 104, 'An access token is required to request this resource.'));
    if (tok === world.shared.facebookApp) return { token: tok, account: null, shared: true };
    const acc = world.accountForToken(tok);
    if (!acc || acc.platform !== 'facebook') {
      return graphError(ctx, new GraphError(400, 190, 'Invalid OAuth access token - Cannot parse access token'), {
        'www-authenticate': 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token - Cannot parse access token"',
      });
    }
    return { token: tok, account: acc.externalId, shared: false };
  },

  meter(ctx, principal) {
    if (principal.account) {
      const key = `fb-buc:${principal.account}:${Math.floor(ctx.now / 86_400_000)}`;
      const n = (ctx.state.counters.get(key) ?? 0) + 1;
      ctx.state.counters.set(key, n);
      const pct = Math.min(100, Math.floor((n * 100) / PAGE_BUDGET_PER_DAY));
      const headers = { 'x-business-use-case-usage': buc(principal.account, pct, pct >= 100 ? 60 : 0) };
      if (n > PAGE_BUDGET_PER_DAY) return { headers, error: graphError(ctx, rateLimitError(80001), headers) };
      return { headers, error: null };
    }
    const key = `fb-app:${Math.floor(ctx.now / 3_600_000)}`;
    const n = (ctx.state.counters.get(key) ?? 0) + 1;
    ctx.state.counters.set(key, n);
    const pct = Math.min(100, Math.floor((n * 100) / APP_BUDGET_PER_HOUR));
    const headers = { 'x-app-usage': JSON.stringify({ call_count: pct, total_cputime: Math.floor(pct / 2), total_time: Math.floor(pct / 2) }) };
    if (n > APP_BUDGET_PER_HOUR) return { headers, error: graphError(ctx, rateLimitError(4), headers) };
    return { headers, error: null };
  },

  usesField(req, field) {
    const raw = req.query.get('fields');
    if (!raw) return false;
    try {
      return allFieldNames(parseFields(raw)).includes(field);
    } catch {
      return false;
    }
  },

  errors: {
    rateLimit(ctx, principal, fault) {
      const code = fault.code ?? (principal.account ? 80001 : 4);
      const headers: Record<string, string> = principal.account
        ? { 'x-business-use-case-usage': buc(principal.account, 100, Math.max(1, Math.ceil((fault.retryAfterS ?? 300) / 60))) }
        : { 'x-app-usage': JSON.stringify({ call_count: 100, total_cputime: 40, total_time: 45 }) };
      if (fault.retryAfterS) headers['retry-after'] = String(fault.retryAfterS);
      return graphError(ctx, rateLimitError(code), headers);
    },
    serverError(ctx, status) {
      return graphError(ctx, new GraphError(status ?? 500, 1, 'An unknown error has occurred.'));
    },
    expiredToken(ctx) {
      return graphError(
        ctx,
        new GraphError(400, 190, `Error validating access token: Session has expired on ${new Date(ctx.now - 3_600_000).toUTCString()}. The current time is ${new Date(ctx.now).toUTCString()}.`, 'OAuthException', 463),
        { 'www-authenticate': 'OAuth "Facebook Platform" "invalid_token" "Error validating access token: Session has expired"' },
      );
    },
    missingPermission(ctx) {
      return graphError(ctx, new GraphError(403, 10, "(#10) This endpoint requires the 'pages_read_engagement' permission or the 'Page Public Content Access' feature. Refer to https://developers.facebook.com/docs/apps/review/login-permissions#manage-pages for details.", 'OAuthException'));
    },
    retiredField(ctx, field) {
      const type = ctx.call.endpoint.includes('comments') ? 'Comment' : ctx.call.endpoint.endsWith('/{id}') ? 'Page' : 'PagePost';
      return graphError(ctx, new GraphError(400, 100, `(#100) Tried accessing nonexisting field (${field}) on node type (${type})`));
    },
  },
};

function buc(pageId: string, pct: number, regainMinutes: number): string {
  return JSON.stringify({ [pageId]: [{ type: 'pages', call_count: pct, total_cputime: Math.floor(pct / 3), total_time: Math.floor(pct / 3), estimated_time_to_regain_access: regainMinutes }] });
}

function rateLimitError(code: number): GraphError {
  switch (code) {
    case 4:
      return new GraphError(400, 4, '(#4) Application request limit reached');
    case 17:
      return new GraphError(400, 17, '(#17) User request limit reached');
    case 32:
      return new GraphError(400, 32, '(#32) Page request limit reached');
    default:
      return new GraphError(400, 80001, '(#80001) There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.');
  }
}
