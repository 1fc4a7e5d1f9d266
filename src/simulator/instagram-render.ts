import { followersAt, hiddenAt, likesAt, textAt, viewsAt } from './engagement.js';
import { pageOf, type HandlerCtx } from './exchange.js';
import type { FieldSelection } from './graph-fields.js';
import { GraphError, graphLink, graphPaging, graphSelection, graphTime, listLinkParams, parseCursor, parseTime } from './graph-wire.js';
import type { AccountData, AccountSpec, SimItem } from './world.js';

/**
 * The Instagram simulator's node rendering: the IG User, IG Media and IG Comment node types with their field lists and
 * defaults, and the Renderer that turns a field selection into a node or a paged edge (media, comments, replies).
 */

const MEDIA_PAGE_MAX = 100;
const COMMENT_PAGE_MAX = 50;

export type NodeType = 'User' | 'Media' | 'Comment';
const FIELDS: Record<NodeType, Set<string>> = {
  User: new Set([
    'id',
    'username',
    'name',
    'biography',
    'followers_count',
    'follows_count',
    'media_count',
    'profile_picture_url',
    'website',
    'media',
  ]),
  Media: new Set([
    'id',
    'caption',
    'media_type',
    'media_product_type',
    'media_url',
    'permalink',
    'shortcode',
    'timestamp',
    'username',
    'owner',
    'like_count',
    'comments_count',
    'view_count',
    'is_comment_enabled',
    'comments',
  ]),
  Comment: new Set(['id', 'text', 'timestamp', 'username', 'from', 'like_count', 'hidden', 'parent_id', 'media', 'user', 'replies']),
};
const DEFAULTS: Record<NodeType, string> = { User: 'id', Media: 'id', Comment: 'id,text,timestamp' };

function parseLimit(raw: string | null | undefined, fallback: number, max: number): number {
  if (raw === null || raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new GraphError(400, 100, '(#100) Param limit must be a non-negative integer');
  return Math.min(Number(raw), max);
}

export function selection(raw: string | null, type: NodeType): FieldSelection[] {
  return graphSelection(raw, DEFAULTS[type], (fields) => check(fields, type));
}

function check(fields: readonly FieldSelection[], type: NodeType): void {
  for (const f of fields) {
    if (!FIELDS[type].has(f.name))
      throw new GraphError(
        400,
        100,
        `(#100) Tried accessing nonexisting field (${f.name}) on node type (${type === 'User' ? 'IGUser' : type === 'Media' ? 'IGMedia' : 'IGComment'})`,
      );
    if (!f.fields) continue;
    const sub: NodeType | null =
      f.name === 'comments' || f.name === 'replies' ? 'Comment' : f.name === 'media' && type === 'User' ? 'Media' : null;
    if (sub) check(f.fields, sub);
  }
}

type Out = Record<string, unknown>;

export class Renderer {
  constructor(
    private readonly ctx: HandlerCtx,
    private readonly version: string,
  ) {}

  user(spec: AccountSpec, fields: readonly FieldSelection[]): Out {
    const a = spec.account;
    const out: Out = {};
    for (const f of fields) {
      switch (f.name) {
        case 'id':
          out.id = a.externalId;
          break;
        case 'username':
          out.username = a.handle;
          break;
        case 'name':
          out.name = a.name;
          break;
        case 'biography':
          out.biography = `Offisiell Instagram-konto for ${spec.municipality.name} kommune.`;
          break;
        case 'followers_count':
          out.followers_count = followersAt(spec, this.ctx.world.startMs, this.ctx.now);
          break;
        case 'follows_count':
          out.follows_count = 120;
          break;
        case 'media_count':
          out.media_count = this.media(spec).length;
          break;
        case 'website':
          out.website = `https://www.${spec.municipality.slug}.kommune.no`;
          break;
        case 'profile_picture_url':
          out.profile_picture_url = `https://scontent.cdninstagram.com/${a.externalId}.jpg`;
          break;
        case 'media':
          out.media = this.mediaList(spec, f.fields ?? selection(null, 'Media'), f.rawFields, f.modifiers);
          break;
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
        case 'id':
          out.id = it.id;
          break;
        case 'caption':
          out.caption = textAt(it, this.ctx.now);
          break;
        case 'media_type':
          out.media_type = it.seq % 5 === 0 ? 'VIDEO' : it.seq % 7 === 0 ? 'CAROUSEL_ALBUM' : 'IMAGE';
          break;
        case 'media_product_type':
          out.media_product_type = it.seq % 5 === 0 ? 'REELS' : 'FEED';
          break;
        case 'media_url':
          out.media_url = `https://scontent.cdninstagram.com/v/${it.id}.jpg`;
          break;
        case 'permalink':
          out.permalink = `https://www.instagram.com/p/${shortcode}/`;
          break;
        case 'shortcode':
          out.shortcode = shortcode;
          break;
        case 'timestamp':
          out.timestamp = graphTime(it.createdAt);
          break;
        case 'username':
          out.username = a.handle;
          break;
        case 'owner':
          out.owner = { id: a.externalId };
          break;
        case 'like_count':
          out.like_count = likesAt(it, this.ctx.now);
          break;
        case 'comments_count':
          out.comments_count = this.thread(data, it).length;
          break;
        case 'view_count':
          if (it.seq % 5 === 0) out.view_count = viewsAt(it, this.ctx.now);
          break;
        case 'is_comment_enabled':
          out.is_comment_enabled = true;
          break;
        case 'comments':
          out.comments = this.commentList(data, it, f.fields ?? selection(null, 'Comment'), f.rawFields, f.modifiers, 'comments');
          break;
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
        case 'id':
          out.id = it.id;
          break;
        case 'text':
          out.text = textAt(it, this.ctx.now);
          break;
        case 'timestamp':
          out.timestamp = graphTime(it.createdAt);
          break;
        case 'username':
          out.username = it.authorHandle;
          break;
        case 'from':
          out.from = { id: it.authorId, username: it.authorHandle };
          break;
        case 'user':
          out.user = { id: it.authorId };
          break;
        case 'like_count':
          out.like_count = likesAt(it, this.ctx.now);
          break;
        case 'hidden':
          out.hidden = hiddenAt(it, this.ctx.now);
          break;
        case 'parent_id':
          if (it.depth > 1 && it.parentId) out.parent_id = it.parentId;
          break;
        case 'media':
          out.media = { id: it.rootId };
          break;
        case 'replies':
          if (it.depth === 1)
            out.replies = this.commentList(data, it, f.fields ?? selection(null, 'Comment'), f.rawFields, f.modifiers, 'replies');
          break;
      }
    }
    out.id ??= it.id;
    return out;
  }

  /** `/{media}/comments` (top-level, newest first) or `/{comment}/replies` (oldest first). */
  commentList(
    data: AccountData,
    parent: SimItem,
    fields: readonly FieldSelection[],
    rawFields: string | null,
    m: Record<string, string>,
    edge: 'comments' | 'replies',
  ): Out {
    const limit = parseLimit(m.limit, edge === 'comments' ? 25 : 25, COMMENT_PAGE_MAX);
    const children = (data.children.get(parent.id) ?? []).filter((c) => this.ctx.visible(c));
    const order = edge === 'comments' ? 'desc' : 'asc';
    if (order === 'desc') children.reverse();
    const page = pageOf(this.ctx, children, parseCursor(m.after), order, limit);
    const out: Out = { data: page.items.map((c) => this.comment(data, c, fields)) };
    const paging = graphPaging(page, (after) =>
      this.link(`/${parent.id}/${edge}`, { limit: String(limit), ...(rawFields ? { fields: rawFields } : {}), after }),
    );
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
