import { textAt } from './engagement.js';
import { pageOf, type HandlerCtx } from './exchange.js';
import { GoogleError, parts, maxResults, pageToken } from './youtube-params.js';
import { ytTime, etag, thumbnails, Renderer, listEnvelope } from './youtube-render.js';
import type { AccountData, AccountSpec, SimItem, World } from './world.js';

/** The Data API v3 endpoints the simulator serves, each with its quota cost, the account it reads and its answer. */

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

type Endpoint = (ctx: HandlerCtx, r: Renderer, q: URLSearchParams) => Record<string, unknown>;

export const ENDPOINTS: Record<
  string,
  { label: string; cost: number; target: (world: World, q: URLSearchParams) => string | null; run: Endpoint }
> = {
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
        throw new GoogleError(
          400,
          'missingRequiredParameter',
          'youtube.parameter',
          'No filter selected. Expected one of: forHandle, forUsername, id, idParam, managedByMe, mine, mySubscribers, categoryId',
        );
      if (ids.length > 50) throw new GoogleError(400, 'invalidValue', 'youtube.parameter', 'The request specifies more than 50 ids.', 'id');
      const items = ids
        .map((id) => channelOf(ctx.world, id))
        .filter((s): s is AccountSpec => s !== null)
        .map((s) => r.channel(s, ps));
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
    run(ctx, _r, q) {
      const ps = parts(q, ['id', 'snippet', 'contentDetails', 'status']);
      const playlistId = q.get('playlistId');
      if (!playlistId)
        throw new GoogleError(400, 'missingRequiredParameter', 'youtube.parameter', 'No filter selected. Expected one of: id, playlistId');
      const spec = playlistId.startsWith('UU') ? channelOf(ctx.world, `UC${playlistId.slice(2)}`) : null;
      if (!spec)
        throw new GoogleError(
          404,
          'playlistNotFound',
          'youtube.playlistItem',
          "The playlist identified with the request's <code>playlistId</code> parameter cannot be found.",
          'playlistId',
        );
      const limit = maxResults(q, 5, 0, 50);
      const data = ctx.world.data(spec.account.externalId);
      const videos = data.items.filter((i) => i.kind === 'post' && ctx.visible(i)).reverse();
      const page = pageOf(ctx, videos, pageToken(q), 'desc', limit);
      const items = page.items.map((v) => {
        const position = videos.indexOf(v);
        const out: Record<string, unknown> = {
          kind: 'youtube#playlistItem',
          etag: etag('pi', v.id, ctx.now),
          id: Buffer.from(`${playlistId}.${v.id}`).toString('base64url'),
        };
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
      if (!raw)
        throw new GoogleError(
          400,
          'missingRequiredParameter',
          'youtube.parameter',
          'No filter selected. Expected one of: chart, id, myRating',
        );
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
      if (filters.length === 0)
        throw new GoogleError(
          400,
          'missingRequiredParameter',
          'youtube.parameter',
          'No filter selected. Expected one of: allThreadsRelatedToChannelId, channelId, id, videoId',
        );
      if (filters.length > 1)
        throw new GoogleError(
          400,
          'incompatibleParameters',
          'youtube.parameter',
          'Incompatible parameters specified in the request: ' + filters.join(', '),
        );
      const order = q.get('order') ?? 'time';
      if (order !== 'time' && order !== 'relevance')
        throw new GoogleError(
          400,
          'invalidValue',
          'youtube.parameter',
          `Invalid value '${order}'. Expected one of: time, relevance`,
          'order',
        );
      let data: AccountData;
      let tops: SimItem[];
      if (q.get('id')) {
        if (q.get('pageToken') || q.get('maxResults'))
          throw new GoogleError(
            400,
            'incompatibleParameters',
            'youtube.parameter',
            'The id filter cannot be combined with maxResults or pageToken.',
          );
        const ids = (q.get('id') ?? '').split(',').filter(Boolean);
        const acc = accountOfComment(ctx.world, ids[0] ?? '');
        if (!acc) return listEnvelope('youtube#commentThreadListResponse', [], 0, 20, null);
        data = ctx.world.data(acc);
        tops = ids.map((id) => data.byId.get(id)).filter((c): c is SimItem => !!c && c.depth === 1 && ctx.visible(c));
        return listEnvelope(
          'youtube#commentThreadListResponse',
          tops.map((t) => r.thread(data, t, html, ps)),
          tops.length,
          tops.length,
          null,
        );
      }
      const limit = maxResults(q, 20, 1, 100);
      const videoId = q.get('videoId');
      if (videoId) {
        const acc = accountOfVideo(ctx.world, videoId);
        const v = acc ? ctx.world.data(acc).byId.get(videoId) : undefined;
        if (!acc || !v || v.kind !== 'post' || !ctx.visible(v))
          throw new GoogleError(
            404,
            'videoNotFound',
            'youtube.commentThread',
            'The video identified by the <code><a href="/youtube/v3/docs/commentThreads/list#videoId">videoId</a></code> parameter could not be found.',
            'videoId',
          );
        if (v.commentsDisabled)
          throw new GoogleError(
            403,
            'commentsDisabled',
            'youtube.commentThread',
            'The video identified by the <code><a href="/youtube/v3/docs/commentThreads/list#videoId">videoId</a></code> parameter has disabled comments.',
            'videoId',
          );
        data = ctx.world.data(acc);
        tops = data.items.filter((c) => c.kind === 'comment' && c.depth === 1 && c.rootId === videoId && ctx.visible(c));
      } else {
        const ch = q.get('allThreadsRelatedToChannelId') ?? q.get('channelId') ?? '';
        const spec = channelOf(ctx.world, ch);
        if (!spec)
          throw new GoogleError(
            404,
            'channelNotFound',
            'youtube.commentThread',
            'The channel identified by the <code>allThreadsRelatedToChannelId</code> parameter could not be found.',
            'allThreadsRelatedToChannelId',
          );
        data = ctx.world.data(spec.account.externalId);
        tops = data.items.filter((c) => c.kind === 'comment' && c.depth === 1 && ctx.visible(c));
      }
      tops.reverse();
      const page = pageOf(ctx, tops, pageToken(q), 'desc', limit);
      return listEnvelope(
        'youtube#commentThreadListResponse',
        page.items.map((t) => r.thread(data, t, html, ps)),
        tops.length,
        limit,
        page.next,
      );
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
      if (!parentId && !ids)
        throw new GoogleError(400, 'missingRequiredParameter', 'youtube.parameter', 'No filter selected. Expected one of: id, parentId');
      if (parentId && ids)
        throw new GoogleError(
          400,
          'incompatibleParameters',
          'youtube.parameter',
          'Incompatible parameters specified in the request: id, parentId',
        );
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
        throw new GoogleError(
          404,
          'commentNotFound',
          'youtube.comment',
          'The comment identified by the <code>parentId</code> parameter could not be found.',
          'parentId',
        );
      const limit = maxResults(q, 20, 1, 100);
      const replies = r.replies(data, top);
      const page = pageOf(ctx, replies, pageToken(q), 'asc', limit);
      return listEnvelope(
        'youtube#commentListResponse',
        page.items.map((c) => r.comment(data, c, html, ps)),
        replies.length,
        limit,
        page.next,
      );
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
      const videos = spec
        ? ctx.world
            .data(spec.account.externalId)
            .items.filter((i) => i.kind === 'post' && ctx.visible(i))
            .reverse()
        : [];
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
