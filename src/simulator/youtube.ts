import { followersAt, likesAt, textAt, viewsAt } from './engagement.js';
import {
  decodeCursor,
  encodeCursor,
  isoSeconds,
  isPosition,
  json,
  pageOf,
  type HandlerCtx,
  type PlatformApi,
  type Position,
  type Principal,
  type Routed,
  type SimRequest,
  type SimResponse,
} from './exchange.js';
import { hashOf, hashOfInts } from './random.js';
import type { AccountData, AccountSpec, SimItem, World } from './world.js';

/**
 * YouTube Data API v3 under /youtube/v3/: channels, playlistItems, videos, commentThreads, comments and
 * search (100 units, so tests can prove collectors never call it), API keys, quota units per key per
 * Pacific day, and Google's error body.
 */

const STATUS_TEXT: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

class GoogleError extends Error {
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

function googleError(e: GoogleError, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}): SimResponse {
  const err: Record<string, unknown> = { message: e.message, domain: e.domain, reason: e.reason };
  if (e.location) {
    err.location = e.location;
    err.locationType = 'parameter';
  }
  return json(e.status, { error: { code: e.status, message: e.message, errors: [err], status: STATUS_TEXT[e.status] ?? 'UNKNOWN', ...extra } }, headers);
}

const quotaExceeded = (): GoogleError =>
  new GoogleError(403, 'quotaExceeded', 'youtube.quota', 'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.');

export const ytTime = (ms: number): string => `${isoSeconds(ms)}Z`;

function etag(...parts: (string | number)[]): string {
  let s = '';
  let h = hashOf(...parts);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (let i = 0; i < 27; i++) {
    s += alphabet[h & 63];
    h = hashOfInts(h, i);
  }
  return s;
}

function thumbnails(id: string, kind: 'video' | 'channel'): Record<string, { url: string; width: number; height: number }> {
  if (kind === 'channel') {
    const base = `https://yt3.ggpht.com/ytc/${id}`;
    return { default: { url: `${base}=s88-c-k-c0x00ffffff-no-rj`, width: 88, height: 88 }, medium: { url: `${base}=s240-c-k-c0x00ffffff-no-rj`, width: 240, height: 240 }, high: { url: `${base}=s800-c-k-c0x00ffffff-no-rj`, width: 800, height: 800 } };
  }
  return {
    default: { url: `https://i.ytimg.com/vi/${id}/default.jpg`, width: 120, height: 90 },
    medium: { url: `https://i.ytimg.com/vi/${id}/mqdefault.jpg`, width: 320, height: 180 },
    high: { url: `https://i.ytimg.com/vi/${id}/hqdefault.jpg`, width: 480, height: 360 },
  };
}

function parts(q: URLSearchParams, allowed: readonly string[]): string[] {
  const raw = q.get('part');
  if (!raw) throw new GoogleError(400, 'required', 'global', 'Required parameter: part', 'part');
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const p of list) if (!allowed.includes(p)) throw new GoogleError(400, 'unknownPart', 'youtube.part', `'${p}'`, 'part');
  return list;
}

function maxResults(q: URLSearchParams, fallback: number, min: number, max: number): number {
  const raw = q.get('maxResults');
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new GoogleError(400, 'invalidValue', 'youtube.parameter', `Invalid value '${raw}'. Values must be within the range: [${min}, ${max}]`, 'maxResults');
  }
  return n;
}

const TOKEN_PREFIX = 'EAAa';

function pageToken(q: URLSearchParams): Position | null {
  const raw = q.get('pageToken');
  if (!raw) return null;
  const pos = raw.startsWith(TOKEN_PREFIX) ? decodeCursor(raw.slice(TOKEN_PREFIX.length), isPosition) : null;
  if (!pos) throw new GoogleError(400, 'invalidPageToken', 'youtube.parameter', 'The request specifies an invalid page token.', 'pageToken');
  return pos;
}

const tokenFor = (p: Position): string => TOKEN_PREFIX + encodeCursor(p);

function htmlText(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;').replaceAll('\n', '<br>');
}

function channelOf(world: World, id: string): AccountSpec | null {
  const s = world.spec(id);
  return s && s.account.platform === 'youtube' ? s : null;
}

function accountOfVideo(world: World, videoId: string): string | null {
  return world.accountByPrefix('youtube', videoId.slice(0, 4)) ?? null;
}

function accountOfComment(world: World, commentId: string): string | null {
  return commentId.startsWith('Ugx') ? (world.accountByPrefix('youtube', commentId.slice(3, 7)) ?? null) : null;
}

/** Parts of a comment when it rides inside a thread. */
const COMMENT_PARTS: readonly string[] = ['snippet', 'id'];

class Renderer {
  constructor(private readonly ctx: HandlerCtx) {}

  channel(spec: AccountSpec, ps: string[]): Record<string, unknown> {
    const a = spec.account;
    const data = this.ctx.world.data(a.externalId);
    const videos = data.items.filter((i) => i.kind === 'post' && this.ctx.visible(i));
    const out: Record<string, unknown> = { kind: 'youtube#channel', etag: etag(a.externalId, this.ctx.now), id: a.externalId };
    const description = `Offisiell kanal for ${spec.municipality.name} kommune.`;
    if (ps.includes('snippet'))
      out.snippet = { title: a.name, description, customUrl: a.handle, publishedAt: ytTime(spec.createdAtMs), thumbnails: thumbnails(a.externalId, 'channel'), localized: { title: a.name, description }, country: 'NO' };
    if (ps.includes('contentDetails')) out.contentDetails = { relatedPlaylists: { likes: '', uploads: spec.uploadsPlaylistId } };
    if (ps.includes('statistics'))
      out.statistics = {
        viewCount: String(videos.reduce((n, v) => n + viewsAt(v, this.ctx.now), 0)),
        subscriberCount: String(followersAt(spec, this.ctx.world.startMs, this.ctx.now)),
        hiddenSubscriberCount: false,
        videoCount: String(videos.length),
      };
    if (ps.includes('status')) out.status = { privacyStatus: 'public', isLinked: true, longUploadsStatus: 'longUploadsUnspecified' };
    return out;
  }

  commentCount(data: AccountData, video: SimItem): number {
    return (data.threads.get(video.id) ?? []).filter((c) => c.id !== video.id && this.ctx.visible(c)).length;
  }

  video(data: AccountData, v: SimItem, ps: string[]): Record<string, unknown> {
    const a = data.spec.account;
    const out: Record<string, unknown> = { kind: 'youtube#video', etag: etag(v.id, this.ctx.now), id: v.id };
    const lang = v.lang === 'nn' ? 'nn' : 'no';
    if (ps.includes('snippet'))
      out.snippet = {
        publishedAt: ytTime(v.createdAt),
        channelId: a.externalId,
        title: v.title ?? '',
        description: textAt(v, this.ctx.now),
        thumbnails: thumbnails(v.id, 'video'),
        channelTitle: a.name,
        categoryId: '25',
        liveBroadcastContent: 'none',
        defaultLanguage: lang,
        localized: { title: v.title ?? '', description: textAt(v, this.ctx.now) },
        defaultAudioLanguage: lang,
      };
    if (ps.includes('contentDetails')) {
      const secs = 45 + (v.seq * 37) % 1800;
      out.contentDetails = { duration: `PT${Math.floor(secs / 60)}M${secs % 60}S`, dimension: '2d', definition: 'hd', caption: 'false', licensedContent: false, contentRating: {}, projection: 'rectangular' };
    }
    if (ps.includes('statistics')) {
      const stats: Record<string, string> = { viewCount: String(viewsAt(v, this.ctx.now)), likeCount: String(likesAt(v, this.ctx.now)), favoriteCount: '0' };
      if (!v.commentsDisabled) stats.commentCount = String(this.commentCount(data, v));
      out.statistics = stats;
    }
    if (ps.includes('status')) out.status = { uploadStatus: 'processed', privacyStatus: 'public', license: 'youtube', embeddable: true, publicStatsViewable: true, madeForKids: false };
    return out;
  }

  comment(data: AccountData, c: SimItem, html: boolean, ps: readonly string[] = COMMENT_PARTS): Record<string, unknown> {
    const video = data.byId.get(c.rootId);
    const text = textAt(c, this.ctx.now);
    const out: Record<string, unknown> = { kind: 'youtube#comment', etag: etag(c.id, this.ctx.now), id: c.id };
    if (!ps.includes('snippet')) return out;
    const snippet: Record<string, unknown> = {
      channelId: data.spec.account.externalId,
      videoId: video?.id ?? c.rootId,
      textDisplay: html ? htmlText(text) : text,
      textOriginal: text,
    };
    if (c.depth > 1 && c.parentId) snippet.parentId = c.parentId;
    const handle = c.authorHandle || c.authorName;
    snippet.authorDisplayName = handle;
    snippet.authorProfileImageUrl = `https://yt3.ggpht.com/ytc/${c.authorId}=s48-c-k-c0x00ffffff-no-rj`;
    snippet.authorChannelUrl = `http://www.youtube.com/${handle}`;
    snippet.authorChannelId = { value: c.authorId };
    snippet.canRate = true;
    snippet.viewerRating = 'none';
    snippet.likeCount = likesAt(c, this.ctx.now);
    snippet.publishedAt = ytTime(c.createdAt);
    snippet.updatedAt = ytTime(c.editedAt !== null && c.editedAt <= this.ctx.now ? c.editedAt : c.createdAt);
    out.snippet = snippet;
    return out;
  }

  replies(data: AccountData, top: SimItem): SimItem[] {
    return (data.children.get(top.id) ?? []).filter((r) => this.ctx.visible(r));
  }

  thread(data: AccountData, top: SimItem, html: boolean, ps: string[]): Record<string, unknown> {
    const replies = this.replies(data, top);
    const out: Record<string, unknown> = { kind: 'youtube#commentThread', etag: etag('t', top.id, this.ctx.now), id: top.id };
    if (ps.includes('snippet'))
      out.snippet = {
        channelId: data.spec.account.externalId,
        videoId: top.rootId,
        topLevelComment: this.comment(data, top, html),
        canReply: true,
        totalReplyCount: replies.length,
        isPublic: true,
      };
    // Like the real API, only a subset of replies rides along; comments.list?parentId= has them all.
    if (ps.includes('replies') && replies.length > 0) out.replies = { comments: replies.slice(0, 5).map((r) => this.comment(data, r, html)) };
    return out;
  }
}

function listEnvelope(kind: string, items: unknown[], total: number, perPage: number, next: Position | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { kind, etag: etag(kind, total, items.length, next ? next.t : 0) };
  if (next) out.nextPageToken = tokenFor(next);
  Object.assign(out, extra);
  out.pageInfo = { totalResults: total, resultsPerPage: perPage };
  out.items = items;
  return out;
}

type Endpoint = (ctx: HandlerCtx, r: Renderer, q: URLSearchParams) => Record<string, unknown>;

const ENDPOINTS: Record<string, { label: string; cost: number; target: (world: World, q: URLSearchParams) => string | null; run: Endpoint }> = {
  channels: {
    label: 'channels.list',
    cost: 1,
    target: (world, q) => {
      const id = q.get('id')?.split(',')[0];
      if (id) return id;
      const h = q.get('forHandle') ?? q.get('forUsername');
      return h ? (world.accountByHandle('youtube', h) ?? null) : null;
    },
    run(ctx, r, q) {
      const ps = parts(q, ['id', 'snippet', 'contentDetails', 'statistics', 'status']);
      maxResults(q, 5, 0, 50);
      let ids: string[];
      if (q.get('id')) ids = (q.get('id') ?? '').split(',').filter(Boolean);
      else if (q.get('forHandle') || q.get('forUsername')) {
        const id = ctx.world.accountByHandle('youtube', q.get('forHandle') ?? q.get('forUsername') ?? '');
        ids = id ? [id] : [];
      } else
        throw new GoogleError(400, 'missingRequiredParameter', 'youtube.parameter', 'No filter selected. Expected one of: forHandle, forUsername, id, idParam, managedByMe, mine, mySubscribers, categoryId');
      if (ids.length > 50) throw new GoogleError(400, 'invalidValue', 'youtube.parameter', 'The request specifies more than 50 ids.', 'id');
      const items = ids.map((id) => channelOf(ctx.world, id)).filter((s): s is AccountSpec => s !== null).map((s) => r.channel(s, ps));
      const out = listEnvelope('youtube#channelListResponse', items, items.length, 5, null);
      // The real API leaves out `items` when nothing matched.
      if (items.length === 0) delete out.items;
      return out;
    },
  },
  playlistItems: {
    label: 'playlistItems.list',
    cost: 1,
    target: (world, q) => {
      const pl = q.get('playlistId');
      return pl && pl.startsWith('UU') && channelOf(world, `UC${pl.slice(2)}`) ? `UC${pl.slice(2)}` : null;
    },
    run(ctx, r, q) {
      const ps = parts(q, ['id', 'snippet', 'contentDetails', 'status']);
      const playlistId = q.get('playlistId');
      if (!playlistId) throw new GoogleError(400, 'missingRequiredParameter', 'youtube.parameter', 'No filter selected. Expected one of: id, playlistId');
      const spec = playlistId.startsWith('UU') ? channelOf(ctx.world, `UC${playlistId.slice(2)}`) : null;
      if (!spec) throw new GoogleError(404, 'playlistNotFound', 'youtube.playlistItem', "The playlist identified with the request's <code>playlistId</code> parameter cannot be found.", 'playlistId');
      const limit = maxResults(q, 5, 0, 50);
      const data = ctx.world.data(spec.account.externalId);
      const videos = data.items.filter((i) => i.kind === 'post' && ctx.visible(i)).reverse();
      const page = pageOf(ctx, videos, pageToken(q), 'desc', limit);
      const items = page.items.map((v) => {
        const position = videos.indexOf(v);
        const out: Record<string, unknown> = { kind: 'youtube#playlistItem', etag: etag('pi', v.id, ctx.now), id: Buffer.from(`${playlistId}.${v.id}`).toString('base64url') };
        if (ps.includes('snippet'))
          out.snippet = {
            publishedAt: ytTime(v.createdAt),
            channelId: spec.account.externalId,
            title: v.title ?? '',
            description: textAt(v, ctx.now),
            thumbnails: thumbnails(v.id, 'video'),
            channelTitle: spec.account.name,
            playlistId,
            position,
            resourceId: { kind: 'youtube#video', videoId: v.id },
            videoOwnerChannelTitle: spec.account.name,
            videoOwnerChannelId: spec.account.externalId,
          };
        if (ps.includes('contentDetails')) out.contentDetails = { videoId: v.id, videoPublishedAt: ytTime(v.createdAt) };
        if (ps.includes('status')) out.status = { privacyStatus: 'public' };
        return out;
      });
      void r;
      return listEnvelope('youtube#playlistItemListResponse', items, videos.length, limit, page.next);
    },
  },
  videos: {
    label: 'videos.list',
    cost: 1,
    target: (world, q) => accountOfVideo(world, q.get('id')?.split(',')[0] ?? ''),
    run(ctx, r, q) {
      const ps = parts(q, ['id', 'snippet', 'contentDetails', 'statistics', 'status']);
      const raw = q.get('id');
      if (!raw) throw new GoogleError(400, 'missingRequiredParameter', 'youtube.parameter', 'No filter selected. Expected one of: chart, id, myRating');
      const ids = raw.split(',').filter(Boolean);
      if (ids.length > 50) throw new GoogleError(400, 'invalidValue', 'youtube.parameter', 'The request specifies more than 50 ids.', 'id');
      const items: unknown[] = [];
      for (const id of ids) {
        const acc = accountOfVideo(ctx.world, id);
        if (!acc) continue;
        const data = ctx.world.data(acc);
        const v = data.byId.get(id);
        if (v && v.kind === 'post' && ctx.visible(v)) items.push(r.video(data, v, ps));
      }
      return listEnvelope('youtube#videoListResponse', items, items.length, items.length, null);
    },
  },
  commentThreads: {
    label: 'commentThreads.list',
    cost: 1,
    target: (world, q) => {
      const ch = q.get('allThreadsRelatedToChannelId');
      if (ch) return channelOf(world, ch) ? ch : null;
      const v = q.get('videoId');
      if (v) return accountOfVideo(world, v);
      return accountOfComment(world, q.get('id')?.split(',')[0] ?? '');
    },
    run(ctx, r, q) {
      const ps = parts(q, ['id', 'snippet', 'replies']);
      const html = (q.get('textFormat') ?? 'html') !== 'plainText';
      const filters = ['allThreadsRelatedToChannelId', 'videoId', 'id', 'channelId'].filter((k) => q.get(k));
      if (filters.length === 0) throw new GoogleError(400, 'missingRequiredParameter', 'youtube.parameter', 'No filter selected. Expected one of: allThreadsRelatedToChannelId, channelId, id, videoId');
      if (filters.length > 1) throw new GoogleError(400, 'incompatibleParameters', 'youtube.parameter', 'Incompatible parameters specified in the request: ' + filters.join(', '));
      const order = q.get('order') ?? 'time';
      if (order !== 'time' && order !== 'relevance') throw new GoogleError(400, 'invalidValue', 'youtube.parameter', `Invalid value '${order}'. Expected one of: time, relevance`, 'order');
      let data: AccountData;
      let tops: SimItem[];
      if (q.get('id')) {
        if (q.get('pageToken') || q.get('maxResults')) throw new GoogleError(400, 'incompatibleParameters', 'youtube.parameter', 'The id filter cannot be combined with maxResults or pageToken.');
        const ids = (q.get('id') ?? '').split(',').filter(Boolean);
        const acc = accountOfComment(ctx.world, ids[0] ?? '');
        if (!acc) return listEnvelope('youtube#commentThreadListResponse', [], 0, 20, null);
        data = ctx.world.data(acc);
        tops = ids.map((id) => data.byId.get(id)).filter((c): c is SimItem => !!c && c.depth === 1 && ctx.visible(c));
        return listEnvelope('youtube#commentThreadListResponse', tops.map((t) => r.thread(data, t, html, ps)), tops.length, tops.length, null);
      }
      const limit = maxResults(q, 20, 1, 100);
      const videoId = q.get('videoId');
      if (videoId) {
        const acc = accountOfVideo(ctx.world, videoId);
        const v = acc ? ctx.world.data(acc).byId.get(videoId) : undefined;
        if (!acc || !v || v.kind !== 'post' || !ctx.visible(v))
          throw new GoogleError(404, 'videoNotFound', 'youtube.commentThread', 'The video identified by the <code><a href="/youtube/v3/docs/commentThreads/list#videoId">videoId</a></code> parameter could not be found.', 'videoId');
        if (v.commentsDisabled)
          throw new GoogleError(403, 'commentsDisabled', 'youtube.commentThread', 'The video identified by the <code><a href="/youtube/v3/docs/commentThreads/list#videoId">videoId</a></code> parameter has disabled comments.', 'videoId');
        data = ctx.world.data(acc);
        tops = data.items.filter((c) => c.kind === 'comment' && c.depth === 1 && c.rootId === videoId && ctx.visible(c));
      } else {
        const ch = q.get('allThreadsRelatedToChannelId') ?? q.get('channelId') ?? '';
        const spec = channelOf(ctx.world, ch);
        if (!spec) throw new GoogleError(404, 'channelNotFound', 'youtube.commentThread', 'The channel identified by the <code>allThreadsRelatedToChannelId</code> parameter could not be found.', 'allThreadsRelatedToChannelId');
        data = ctx.world.data(spec.account.externalId);
        tops = data.items.filter((c) => c.kind === 'comment' && c.depth === 1 && ctx.visible(c));
      }
      tops.reverse();
      const page = pageOf(ctx, tops, pageToken(q), 'desc', limit);
      return listEnvelope('youtube#commentThreadListResponse', page.items.map((t) => r.thread(data, t, html, ps)), tops.length, limit, page.next);
    },
  },
  comments: {
    label: 'comments.list',
    cost: 1,
    target: (world, q) => accountOfComment(world, q.get('parentId') ?? q.get('id')?.split(',')[0] ?? ''),
    run(ctx, r, q) {
      const ps = parts(q, ['id', 'snippet']);
      const html = (q.get('textFormat') ?? 'html') !== 'plainText';
      const parentId = q.get('parentId');
      const ids = q.get('id');
      if (!parentId && !ids) throw new GoogleError(400, 'missingRequiredParameter', 'youtube.parameter', 'No filter selected. Expected one of: id, parentId');
      if (parentId && ids) throw new GoogleError(400, 'incompatibleParameters', 'youtube.parameter', 'Incompatible parameters specified in the request: id, parentId');
      if (ids) {
        const list = ids.split(',').filter(Boolean);
        const items: unknown[] = [];
        for (const id of list) {
          const acc = accountOfComment(ctx.world, id);
          const data = acc ? ctx.world.data(acc) : null;
          const c = data?.byId.get(id);
          if (data && c && ctx.visible(c)) items.push(r.comment(data, c, html, ps));
        }
        return listEnvelope('youtube#commentListResponse', items, items.length, items.length, null);
      }
      const acc = accountOfComment(ctx.world, parentId ?? '');
      const data = acc ? ctx.world.data(acc) : null;
      const top = data?.byId.get(parentId ?? '');
      if (!data || !top || top.depth !== 1 || !ctx.visible(top))
        throw new GoogleError(404, 'commentNotFound', 'youtube.comment', 'The comment identified by the <code>parentId</code> parameter could not be found.', 'parentId');
      const limit = maxResults(q, 20, 1, 100);
      const replies = r.replies(data, top);
      const page = pageOf(ctx, replies, pageToken(q), 'asc', limit);
      return listEnvelope('youtube#commentListResponse', page.items.map((c) => r.comment(data, c, html, ps)), replies.length, limit, page.next);
    },
  },
  search: {
    label: 'search.list',
    cost: 100,
    target: (world, q) => (q.get('channelId') && channelOf(world, q.get('channelId') ?? '') ? q.get('channelId') : null),
    run(ctx, _r, q) {
      parts(q, ['id', 'snippet']);
      const limit = maxResults(q, 5, 0, 50);
      const spec = channelOf(ctx.world, q.get('channelId') ?? '');
      const videos = spec ? ctx.world.data(spec.account.externalId).items.filter((i) => i.kind === 'post' && ctx.visible(i)).reverse() : [];
      const page = pageOf(ctx, videos, pageToken(q), 'desc', limit);
      const items = page.items.map((v) => ({
        kind: 'youtube#searchResult',
        etag: etag('s', v.id),
        id: { kind: 'youtube#video', videoId: v.id },
        snippet: {
          publishedAt: ytTime(v.createdAt),
          channelId: spec?.account.externalId ?? '',
          title: v.title ?? '',
          description: textAt(v, ctx.now).slice(0, 160),
          thumbnails: thumbnails(v.id, 'video'),
          channelTitle: spec?.account.name ?? '',
          liveBroadcastContent: 'none',
          publishTime: ytTime(v.createdAt),
        },
      }));
      return listEnvelope('youtube#searchListResponse', items, videos.length, limit, page.next, { regionCode: 'NO' });
    },
  },
};

function keyOf(req: SimRequest): { token: string; bearer: boolean } | null {
  const key = req.query.get('key');
  if (key) return { token: key, bearer: false };
  const m = req.headers.authorization ? /^Bearer\s+(.+)$/i.exec(req.headers.authorization) : null;
  return m?.[1] ? { token: m[1].trim(), bearer: true } : null;
}

const PACIFIC_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' });
const HOUR_MS = 3_600_000;
/** Since 1884 every Pacific offset (PST, PDT, PWT, PPT) is a whole number of hours, so each UTC hour lies in one Pacific day. */
const WHOLE_HOUR_OFFSETS_FROM = Date.UTC(1884, 0, 1);
let pacificMemo: { hour: number; day: string } | null = null;

/** Quota day: midnight to midnight Pacific time. Asked on every YouTube call, so the last hour's answer is kept. */
export function pacificDay(ms: number): string {
  if (!(ms >= WHOLE_HOUR_OFFSETS_FROM && ms < 8.64e15)) return PACIFIC_DATE.format(new Date(ms));
  const hour = Math.floor(ms / HOUR_MS);
  if (pacificMemo?.hour !== hour) pacificMemo = { hour, day: PACIFIC_DATE.format(new Date(hour * HOUR_MS)) };
  return pacificMemo.day;
}

export const youtubeApi: PlatformApi = {
  platform: 'youtube',

  route(req, world): Routed | SimResponse {
    const resource = req.path.replace(/^\/youtube\/v3\/?/, '').replace(/\/$/, '');
    const ep = Object.hasOwn(ENDPOINTS, resource) ? ENDPOINTS[resource] : undefined;
    if (!ep) {
      return googleError(new GoogleError(404, 'notFound', 'global', `Method not found: ${req.path}`));
    }
    if (req.method !== 'GET') return googleError(new GoogleError(405, 'methodNotAllowed', 'global', `${req.method} is not supported for ${ep.label} by this simulator`));
    return {
      endpoint: ep.label,
      account: ep.target(world, req.query),
      cost: ep.cost,
      handle(ctx) {
        try {
          return json(200, ep.run(ctx, new Renderer(ctx), ctx.req.query));
        } catch (e) {
          if (e instanceof GoogleError) return googleError(e);
          throw e;
        }
      },
    };
  },

  authenticate(req, world): Principal | SimResponse {
    const k = keyOf(req);
    if (!k) return googleError(new GoogleError(403, 'forbidden', 'global', 'The request is missing a valid API key.'));
    if (k.token === world.shared.youtubeKey) return { token: k.token, account: null, shared: true };
    const acc = world.accountForToken(k.token);
    if (!acc || acc.platform !== 'youtube') {
      if (k.bearer) return googleError(new GoogleError(401, 'authError', 'global', 'Invalid Credentials', 'Authorization'), { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' });
      return keyInvalid();
    }
    return { token: k.token, account: acc.externalId, shared: false };
  },

  meter(ctx, principal, routed) {
    const key = `yt-quota:${principal.token}:${pacificDay(ctx.now)}`;
    const used = ctx.state.counters.get(key) ?? 0;
    const cost = routed.cost ?? 1;
    if (used + cost > ctx.options.youtubeQuota) return { headers: {}, error: googleError(quotaExceeded()) };
    ctx.state.counters.set(key, used + cost);
    return { headers: {}, error: null };
  },

  usesField(req, field) {
    return (req.query.get('part') ?? '').split(',').includes(field) || (req.query.get('fields') ?? '').includes(field);
  },

  errors: {
    rateLimit(_ctx, _principal, fault) {
      return googleError(quotaExceeded(), fault.retryAfterS ? { 'retry-after': String(fault.retryAfterS) } : {});
    },
    serverError(_ctx, status) {
      const s = status ?? 500;
      return googleError(new GoogleError(s, 'backendError', 'global', s === 503 ? 'The service is currently unavailable.' : 'Backend Error'));
    },
    expiredToken(ctx) {
      if (ctx.req.query.get('key')) return keyInvalid();
      return googleError(new GoogleError(401, 'authError', 'global', 'Invalid Credentials', 'Authorization'), { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' });
    },
    missingPermission() {
      return googleError(new GoogleError(403, 'forbidden', 'youtube.commentThread', 'The request is not properly authorized to retrieve the specified resource.'));
    },
    retiredField(_ctx, field) {
      return googleError(new GoogleError(400, 'unknownPart', 'youtube.part', `'${field}'`, 'part'));
    },
  },
};

function keyInvalid(): SimResponse {
  return googleError(new GoogleError(400, 'keyInvalid', 'usageLimits', 'API key not valid. Please pass a valid API key.'), {}, {
    details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'youtube.googleapis.com' } }],
  });
}
