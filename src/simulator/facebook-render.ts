import { followersAt, hiddenAt, likesAt, sharesAt, textAt } from './engagement.js';
import { pageOf, type HandlerCtx, type Order, type Principal } from './exchange.js';
import type { FieldSelection } from './graph-fields.js';
import { parseLimit, selection } from './facebook-graph.js';
import { GraphError, graphLink, graphPaging, graphTime, listLinkParams, parseCursor, parseTime } from './graph-wire.js';
import type { AccountData, AccountSpec, SimItem } from './world.js';

/** Renders Graph nodes and edges (Page, PagePost, Comment; posts, comments, reactions) as a caller with a given token sees them. */

const REACTION_SHARES: Record<string, number> = { LIKE: 0.8, LOVE: 0.12, CARE: 0.02, HAHA: 0.02, WOW: 0.02, SAD: 0.015, ANGRY: 0.005 };

export type Out = Record<string, unknown>;

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

export class Renderer {
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
        case 'id':
          out.id = a.externalId;
          break;
        case 'name':
          out.name = a.name;
          break;
        case 'username':
          out.username = a.handle;
          break;
        case 'link':
          out.link = `https://www.facebook.com/${a.handle}`;
          break;
        case 'followers_count':
          out.followers_count = followers;
          break;
        case 'fan_count':
          out.fan_count = Math.round(followers * 0.93);
          break;
        case 'category':
          out.category = 'Government organization';
          break;
        case 'about':
          out.about = `Offisiell side for ${spec.municipality.name} kommune.`;
          break;
        case 'website':
          out.website = `https://www.${spec.municipality.slug}.kommune.no`;
          break;
        case 'verification_status':
          out.verification_status = 'blue_verified';
          break;
        default:
          out[key] = this.postList(spec, f.name, f.fields ?? selection(null, 'PagePost'), f.rawFields, f.modifiers);
          break;
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
        case 'id':
          out.id = it.id;
          break;
        case 'message':
          out.message = textAt(it, this.ctx.now);
          break;
        case 'created_time':
          out.created_time = graphTime(it.createdAt);
          break;
        case 'updated_time':
          out.updated_time = graphTime(this.updatedTime(data, it));
          break;
        case 'permalink_url':
          out.permalink_url = `https://www.facebook.com/${pageId}/posts/${postNum}`;
          break;
        case 'from':
          if (this.showAuthor(it)) out.from = this.author(it, f.fields);
          break;
        case 'status_type':
          out.status_type = it.authorRole === 'citizen' ? 'wall_post' : it.seq % 3 === 0 ? 'mobile_status_update' : 'added_photos';
          break;
        case 'story':
          if (it.authorRole === 'citizen')
            out.story = `${this.showAuthor(it) ? it.authorName : 'Someone'} posted to ${data.spec.account.name}`;
          break;
        case 'shares': {
          const n = sharesAt(it, this.ctx.now);
          if (n > 0) out.shares = { count: n };
          break;
        }
        case 'full_picture':
          if (it.authorRole === 'owner' && it.seq % 3 !== 0)
            out.full_picture = `https://scontent.xx.fbcdn.net/v/t39.30808-6/${postNum}_n.jpg`;
          break;
        case 'is_published':
          out.is_published = true;
          break;
        case 'is_hidden':
          out.is_hidden = false;
          break;
        case 'is_expired':
          out.is_expired = false;
          break;
        case 'privacy':
          out.privacy = { allow: '', deny: '', description: 'Public', friends: '', value: 'EVERYONE' };
          break;
        case 'comments':
          out[key] = this.commentEdge(data, it, f);
          break;
        case 'reactions':
        case 'likes':
          out[key] = this.reactionEdge(it, f);
          break;
      }
    }
    out.id ??= it.id;
    return out;
  }

  comment(data: AccountData, it: SimItem, fields: readonly FieldSelection[]): Out {
    const out: Out = {};
    for (const f of fields) {
      switch (f.name) {
        case 'id':
          out.id = it.id;
          break;
        case 'message':
          out.message = textAt(it, this.ctx.now);
          break;
        case 'created_time':
          out.created_time = graphTime(it.createdAt);
          break;
        case 'from':
          if (this.showAuthor(it)) out.from = this.author(it, f.fields);
          break;
        case 'parent': {
          const parent = it.parentId ? data.byId.get(it.parentId) : undefined;
          if (parent && parent.kind === 'comment') out.parent = this.comment(data, parent, f.fields ?? selection(null, 'Comment'));
          break;
        }
        case 'like_count':
          out.like_count = likesAt(it, this.ctx.now);
          break;
        case 'comment_count':
          out.comment_count = this.childCount(data, it);
          break;
        case 'permalink_url':
          out.permalink_url = commentPermalink(data, it);
          break;
        case 'is_hidden':
          out.is_hidden = hiddenAt(it, this.ctx.now);
          break;
        case 'is_private':
          out.is_private = false;
          break;
        case 'can_comment':
          out.can_comment = true;
          break;
        case 'can_hide':
          out.can_hide = this.pageToken && it.authorRole === 'citizen';
          break;
        case 'can_like':
          out.can_like = true;
          break;
        case 'can_remove':
          out.can_remove = this.pageToken;
          break;
        case 'user_likes':
          out.user_likes = false;
          break;
        case 'object': {
          const root = data.byId.get(it.rootId);
          if (root) out.object = this.post(data, root, f.fields ?? selection(null, 'PagePost'));
          break;
        }
        case 'comments':
          out[f.modifiers.as ?? f.name] = this.commentEdge(data, it, f);
          break;
        case 'reactions':
        case 'likes':
          out[f.modifiers.as ?? f.name] = this.reactionEdge(it, f);
          break;
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
    o: {
      filter: string;
      order: string;
      limit: number;
      after: string | null;
      since: number | null;
      summary: boolean;
      fields: readonly FieldSelection[];
      link: (after: string) => string;
    },
  ): Out {
    if (!['toplevel', 'stream'].includes(o.filter))
      throw new GraphError(400, 100, `(#100) filter must be one of the following values: toplevel, stream`);
    if (!['chronological', 'reverse_chronological', 'ranked'].includes(o.order))
      throw new GraphError(400, 100, `(#100) order must be one of the following values: chronological, reverse_chronological, ranked`);
    const all = this.comments(data, it, o.filter);
    const order: Order = o.order === 'reverse_chronological' ? 'desc' : 'asc';
    let list = o.since !== null ? all.filter((c) => c.createdAt >= (o.since ?? 0)) : all;
    if (order === 'desc') list = [...list].reverse();
    const out: Out = {};
    if (o.limit === 0) out.data = [];
    else {
      const page = pageOf(this.ctx, list, parseCursor(o.after), order, o.limit);
      out.data = page.items.map((c) => this.comment(data, c, o.fields));
      const paging = graphPaging(page, o.link);
      if (paging) out.paging = paging;
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
      out.summary =
        f.name === 'likes' ? { total_count: count, can_like: true, has_liked: false } : { total_count: count, viewer_reaction: 'NONE' };
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
    const since = parseTime('since', m.since);
    const until = parseTime('until', m.until);
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
    const page = pageOf(this.ctx, posts, parseCursor(m.after), 'desc', limit);
    const out: Out = { data: page.items.map((p) => this.post(data, p, fields)) };
    const paging = graphPaging(page, (after) =>
      this.link(`/${spec.account.externalId}/${edge}`, listLinkParams(limit, rawFields, m, after)),
    );
    if (paging) out.paging = paging;
    return out;
  }

  link(path: string, params: Record<string, string>): string {
    return graphLink(this.ctx, this.version, path, params);
  }
}
