import { followersAt, likesAt, textAt, viewsAt } from './engagement.js';
import { isoSeconds, type HandlerCtx, type Position } from './exchange.js';
import { hashOf, hashOfInts } from './random.js';
import { tokenFor } from './youtube-params.js';
import type { AccountData, AccountSpec, SimItem } from './world.js';

/** Renders channels, videos, comments and comment threads, and the list envelope, as the Data API v3 returns them. */

export const ytTime = (ms: number): string => `${isoSeconds(ms)}Z`;

export function etag(...parts: (string | number)[]): string {
  let s = '';
  let h = hashOf(...parts);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (let i = 0; i < 27; i++) {
    s += alphabet[h & 63];
    h = hashOfInts(h, i);
  }
  return s;
}

export function thumbnails(id: string, kind: 'video' | 'channel'): Record<string, { url: string; width: number; height: number }> {
  if (kind === 'channel') {
    const base = `https://yt3.ggpht.com/ytc/${id}`;
    return {
      default: { url: `${base}=s88-c-k-c0x00ffffff-no-rj`, width: 88, height: 88 },
      medium: { url: `${base}=s240-c-k-c0x00ffffff-no-rj`, width: 240, height: 240 },
      high: { url: `${base}=s800-c-k-c0x00ffffff-no-rj`, width: 800, height: 800 },
    };
  }
  return {
    default: { url: `https://i.ytimg.com/vi/${id}/default.jpg`, width: 120, height: 90 },
    medium: { url: `https://i.ytimg.com/vi/${id}/mqdefault.jpg`, width: 320, height: 180 },
    high: { url: `https://i.ytimg.com/vi/${id}/hqdefault.jpg`, width: 480, height: 360 },
  };
}

function htmlText(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
    .replaceAll('\n', '<br>');
}

/** Parts of a comment when it rides inside a thread. */
const COMMENT_PARTS: readonly string[] = ['snippet', 'id'];

export class Renderer {
  constructor(private readonly ctx: HandlerCtx) {}

  channel(spec: AccountSpec, ps: string[]): Record<string, unknown> {
    const a = spec.account;
    const data = this.ctx.world.data(a.externalId);
    const videos = data.items.filter((i) => i.kind === 'post' && this.ctx.visible(i));
    const out: Record<string, unknown> = { kind: 'youtube#channel', etag: etag(a.externalId, this.ctx.now), id: a.externalId };
    const description = `Offisiell kanal for ${spec.municipality.name} kommune.`;
    if (ps.includes('snippet'))
      out.snippet = {
        title: a.name,
        description,
        customUrl: a.handle,
        publishedAt: ytTime(spec.createdAtMs),
        thumbnails: thumbnails(a.externalId, 'channel'),
        localized: { title: a.name, description },
        country: 'NO',
      };
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
      const secs = 45 + ((v.seq * 37) % 1800);
      out.contentDetails = {
        duration: `PT${Math.floor(secs / 60)}M${secs % 60}S`,
        dimension: '2d',
        definition: 'hd',
        caption: 'false',
        licensedContent: false,
        contentRating: {},
        projection: 'rectangular',
      };
    }
    if (ps.includes('statistics')) {
      const stats: Record<string, string> = {
        viewCount: String(viewsAt(v, this.ctx.now)),
        likeCount: String(likesAt(v, this.ctx.now)),
        favoriteCount: '0',
      };
      if (!v.commentsDisabled) stats.commentCount = String(this.commentCount(data, v));
      out.statistics = stats;
    }
    if (ps.includes('status'))
      out.status = {
        uploadStatus: 'processed',
        privacyStatus: 'public',
        license: 'youtube',
        embeddable: true,
        publicStatsViewable: true,
        madeForKids: false,
      };
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
    if (ps.includes('replies') && replies.length > 0)
      out.replies = { comments: replies.slice(0, 5).map((r) => this.comment(data, r, html)) };
    return out;
  }
}

export function listEnvelope(
  kind: string,
  items: unknown[],
  total: number,
  perPage: number,
  next: Position | null,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = { kind, etag: etag(kind, total, items.length, next ? next.t : 0) };
  if (next) out.nextPageToken = tokenFor(next);
  Object.assign(out, extra);
  out.pageInfo = { totalResults: total, resultsPerPage: perPage };
  out.items = items;
  return out;
}
