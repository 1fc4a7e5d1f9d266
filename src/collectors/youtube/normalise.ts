import { z } from 'zod';

import type { FollowerSnapshot, ItemRecord, MetricSnapshot } from '../../domain/records.js';
import type { NormaliseCtx } from '../collector.js';
import { parseBody, parseItems, type ContractWarning } from '../contract.js';
import { makeScrubber, scrubText } from '../scrub.js';

/**
 * YouTube Data API v3 pages → records. Pure. Counters arrive as strings (uint64); threads are two levels deep
 * (top-level comment + replies with `parentId`); a video is the thread root.
 */
const Iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an ISO timestamp' });
const Count = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(Number);

export const ChannelList = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        contentDetails: z.object({ relatedPlaylists: z.object({ uploads: z.string() }) }).optional(),
        statistics: z.object({ subscriberCount: Count.optional(), hiddenSubscriberCount: z.boolean().optional() }).optional(),
      }),
    )
    .default([]),
});

const PlaylistItem = z.object({
  snippet: z.object({ publishedAt: Iso.optional(), resourceId: z.object({ videoId: z.string() }) }),
  contentDetails: z.object({ videoId: z.string(), videoPublishedAt: Iso.optional() }).optional(),
});
/** Page envelopes; their items are checked one by one (parseItems), so one malformed item never costs its page. */
export const PlaylistItemList = z.object({ nextPageToken: z.string().optional(), items: z.array(z.unknown()) });

const Video = z.object({
  id: z.string(),
  snippet: z.object({ publishedAt: Iso, channelId: z.string(), title: z.string().optional(), description: z.string().optional() }),
  statistics: z.object({ viewCount: Count.optional(), likeCount: Count.optional(), commentCount: Count.optional() }).optional(),
});
export const VideoList = z.object({ items: z.array(z.unknown()) });

const CommentSnippet = z.object({
  videoId: z.string().optional(),
  textOriginal: z.string().optional(),
  textDisplay: z.string().optional(),
  authorDisplayName: z.string().optional(),
  authorChannelId: z.object({ value: z.string() }).optional(),
  parentId: z.string().optional(),
  likeCount: z.number().int().nonnegative().optional(),
  moderationStatus: z.string().optional(),
  publishedAt: Iso,
  updatedAt: Iso.optional(),
});
const Comment = z.object({ id: z.string(), snippet: CommentSnippet });

/**
 * A comment thread on a video. A channel-discussion thread (no `snippet.videoId`) has no post to hang on: it is
 * counted as a contract warning, and the page's video threads are stored.
 */
const CommentThread = z.object({
  id: z.string(),
  snippet: z.object({ videoId: z.string(), topLevelComment: Comment, totalReplyCount: z.number().int().nonnegative() }),
  replies: z.object({ comments: z.array(Comment) }).optional(),
});
export const CommentThreadList = z.object({ nextPageToken: z.string().optional(), items: z.array(z.unknown()) });
export type CommentThreadList = z.infer<typeof CommentThreadList>;

export const CommentList = z.object({ nextPageToken: z.string().optional(), items: z.array(z.unknown()) });

export function parseChannel(body: unknown, ctx: NormaliseCtx): { uploads: string | null; followers: FollowerSnapshot[] } {
  const c = parseBody(ChannelList, body, 'youtube', 'channels.list');
  const ch = c.items.find((i) => i.id === ctx.accountExternalId) ?? c.items[0];
  const subs = ch?.statistics?.hiddenSubscriberCount ? undefined : ch?.statistics?.subscriberCount;
  return {
    uploads: ch?.contentDetails?.relatedPlaylists.uploads ?? null,
    followers: subs === undefined ? [] : [{ accountId: ctx.accountId, capturedAt: ctx.fetchedAt, followers: subs }],
  };
}

export function parsePlaylistPage(body: unknown): {
  next: string | undefined;
  videos: Array<{ videoId: string; publishedAt: Date | null }>;
  warnings: ContractWarning[];
} {
  const p = parseBody(PlaylistItemList, body, 'youtube', 'playlistItems.list');
  const parsed = parseItems(PlaylistItem, p.items, 'youtube', 'playlistItems.list');
  return {
    next: p.nextPageToken,
    warnings: parsed.warnings,
    videos: parsed.items.map((i) => {
      const at = i.contentDetails?.videoPublishedAt ?? i.snippet.publishedAt;
      return { videoId: i.contentDetails?.videoId ?? i.snippet.resourceId.videoId, publishedAt: at ? new Date(at) : null };
    }),
  };
}

/** videos.list → post items (title and description) and engagement snapshots (YouTube has no shares). */
export function normaliseVideos(
  body: unknown,
  ctx: NormaliseCtx,
): {
  items: ItemRecord[];
  metrics: MetricSnapshot[];
  commentCounts: Map<string, number>;
  warnings: ContractWarning[];
  rejectedIds: string[];
} {
  const v = parseBody(VideoList, body, 'youtube', 'videos.list');
  const parsed = parseItems(Video, v.items, 'youtube', 'videos.list');
  const items: ItemRecord[] = [];
  const metrics: MetricSnapshot[] = [];
  const commentCounts = new Map<string, number>();
  for (const it of parsed.items) {
    const owner = ctx.responders.has(it.snippet.channelId);
    const text = [it.snippet.title, it.snippet.description].filter((s) => s !== undefined && s !== '').join('\n\n');
    items.push({
      platform: 'youtube',
      externalId: it.id,
      accountId: ctx.accountId,
      kind: 'post',
      parentExternalId: null,
      rootExternalId: it.id,
      authorRole: owner ? 'owner' : 'citizen',
      authorKey: owner ? it.snippet.channelId : ctx.pseudonymise('youtube', it.snippet.channelId),
      createdAt: new Date(it.snippet.publishedAt),
      editedAt: null,
      hiddenAt: null,
      text: text === '' ? null : owner ? text : scrubText(text, [], 'citizen', ctx.responderHandles ?? []),
      permalink: `https://www.youtube.com/watch?v=${it.id}`,
    });
    const comments = it.statistics?.commentCount ?? null;
    if (comments !== null) commentCounts.set(it.id, comments);
    metrics.push({
      platform: 'youtube',
      externalId: it.id,
      capturedAt: ctx.fetchedAt,
      likes: it.statistics?.likeCount ?? null,
      comments,
      shares: null,
      views: it.statistics?.viewCount ?? null,
    });
  }
  return { items, metrics, commentCounts, warnings: parsed.warnings, rejectedIds: parsed.rejectedIds };
}

type YtComment = z.infer<typeof Comment>;

function commentRecord(
  c: YtComment,
  videoId: string,
  parent: string,
  scrub: (t: string, r: 'owner' | 'citizen') => string,
  ctx: NormaliseCtx,
): ItemRecord {
  const channel = c.snippet.authorChannelId?.value;
  const owner = channel !== undefined && ctx.responders.has(channel);
  const text = c.snippet.textOriginal ?? c.snippet.textDisplay;
  const published = new Date(c.snippet.publishedAt);
  const updated = c.snippet.updatedAt ? new Date(c.snippet.updatedAt) : null;
  return {
    platform: 'youtube',
    externalId: c.id,
    accountId: ctx.accountId,
    kind: 'comment',
    parentExternalId: parent,
    rootExternalId: videoId,
    authorRole: owner ? 'owner' : 'citizen',
    authorKey: owner ? channel : channel ? ctx.pseudonymise('youtube', channel) : 'r_unknown',
    createdAt: published,
    editedAt: updated && updated.getTime() > published.getTime() ? updated : null,
    hiddenAt: c.snippet.moderationStatus && c.snippet.moderationStatus !== 'published' ? ctx.fetchedAt : null,
    text: text === undefined ? null : scrub(text, owner ? 'owner' : 'citizen'),
    permalink: `https://www.youtube.com/watch?v=${videoId}&lc=${c.id}`,
  };
}

function namesOf(comments: readonly YtComment[], ctx: NormaliseCtx): Set<string> {
  const names = new Set<string>(ctx.residentNames ?? []);
  for (const c of comments) {
    const ch = c.snippet.authorChannelId?.value;
    if (c.snippet.authorDisplayName && !(ch && ctx.responders.has(ch))) names.add(c.snippet.authorDisplayName);
  }
  return names;
}

export type ThreadInfo = { threadId: string; videoId: string; totalReplyCount: number; inlineReplies: number; publishedAt: Date };

/** commentThreads.list page → top-level comments and inline replies, plus per-thread reply counts. */
export function normaliseThreadPage(
  body: unknown,
  ctx: NormaliseCtx,
): {
  next: string | undefined;
  items: ItemRecord[];
  threads: ThreadInfo[];
  names: Set<string>;
  warnings: ContractWarning[];
  rejectedIds: string[];
} {
  const p = parseBody(CommentThreadList, body, 'youtube', 'commentThreads.list');
  const parsed = parseItems(CommentThread, p.items, 'youtube', 'commentThreads.list');
  const all = parsed.items.flatMap((t) => [t.snippet.topLevelComment, ...(t.replies?.comments ?? [])]);
  const names = namesOf(all, ctx);
  const scrub = makeScrubber(names, ctx.responderHandles ?? []);
  const items: ItemRecord[] = [];
  const threads: ThreadInfo[] = [];
  for (const t of parsed.items) {
    const top = t.snippet.topLevelComment;
    const videoId = t.snippet.videoId;
    items.push(commentRecord(top, videoId, videoId, scrub, ctx));
    for (const r of t.replies?.comments ?? []) items.push(commentRecord(r, videoId, r.snippet.parentId ?? top.id, scrub, ctx));
    threads.push({
      threadId: top.id,
      videoId,
      totalReplyCount: t.snippet.totalReplyCount,
      inlineReplies: t.replies?.comments.length ?? 0,
      publishedAt: new Date(top.snippet.publishedAt),
    });
  }
  return { next: p.nextPageToken, items, threads, names, warnings: parsed.warnings, rejectedIds: parsed.rejectedIds };
}

/** comments.list?parentId= page → replies of one thread. */
export function normaliseReplyPage(
  body: unknown,
  ctx: NormaliseCtx,
  videoId: string,
  threadId: string,
): { next: string | undefined; items: ItemRecord[]; warnings: ContractWarning[]; rejectedIds: string[] } {
  const p = parseBody(CommentList, body, 'youtube', 'comments.list');
  const parsed = parseItems(Comment, p.items, 'youtube', 'comments.list');
  const scrub = makeScrubber(namesOf(parsed.items, ctx), ctx.responderHandles ?? []);
  return {
    next: p.nextPageToken,
    items: parsed.items.map((c) => commentRecord(c, c.snippet.videoId ?? videoId, c.snippet.parentId ?? threadId, scrub, ctx)),
    warnings: parsed.warnings,
    rejectedIds: parsed.rejectedIds,
  };
}
