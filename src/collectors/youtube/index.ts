import { AppError } from '../../errors.js';
import type { ItemRecord } from '../../domain/records.js';
import type { Pseudonymiser } from '../../privacy/pseudonymise.js';
import {
  normaliseCtxOf,
  type CollectBatch,
  type CollectContext,
  type Collector,
  type CompleteRead,
  type NormaliseCtx,
} from '../collector.js';
import type { HttpClient } from '../http.js';
import { makeYouTubeClient, quotaCost } from './client.js';
import { normaliseReplyPage, normaliseThreadPage, normaliseVideos, parseChannel, parsePlaylistPage, type ThreadInfo } from './normalise.js';

/**
 * YouTube channel collector. Streams:
 * - `channel`: channels.list → uploads playlist id and subscriber count (1 unit).
 * - `videos`: uploads playlist newest first (50 per page) down to the window start, then videos.list in batches
 *   of 50 for text and statistics. Never search.list.
 * - `comments`: first run (or `--since`): commentThreads with allThreadsRelatedToChannelId, 100 per page, down to
 *   the window start. Later runs: only videos whose commentCount moved since the last committed read get their
 *   threads re-read (`videoId=`). Replies beyond the inline subset come from comments.list?parentId=, only when
 *   a thread's totalReplyCount changed since it was last read in full.
 * Every call costs 1 unit; a call that would exceed the remaining daily quota is not sent (QUOTA_EXHAUSTED).
 */
export type YouTubeCollectorOptions = {
  /** Videos younger than this are re-read every run (statistics, comment counts). @default 28 days */
  watchMs?: number;
  /** First run without `--since`. @default 28 days */
  defaultBackfillMs?: number;
  /** @default 1 hour */
  overlapMs?: number;
};

const DAY = 86_400_000;

type CommentsCursor = { counts?: Record<string, number>; replies?: Record<string, number> };

export function makeYouTubeCollector(deps: {
  /** Builds the HTTP client with the quota gate installed (called once). */
  makeHttp: (beforeCall: (pathOrUrl: string) => void) => HttpClient;
  now: () => Date;
  pseudonymise: Pseudonymiser;
  /** Units still available in today's shared quota. */
  quotaRemaining: number;
  options?: YouTubeCollectorOptions;
}): Collector {
  let units = 0;
  const http = deps.makeHttp((pathOrUrl) => {
    if (/\/youtube\/v3\/search(\?|$)/.test(pathOrUrl)) {
      throw new AppError('PLATFORM_CONTRACT', 'search.list is never used by Lyttepost (separate 100-call bucket)');
    }
    const cost = quotaCost(pathOrUrl);
    if (units + cost > deps.quotaRemaining) {
      throw new AppError(
        'QUOTA_EXHAUSTED',
        `youtube: daily quota reached (${units} units used by this run, none left today); continuing after midnight Pacific time`,
        {
          retryable: false,
        },
      );
    }
    units += cost;
  });
  const client = makeYouTubeClient({ http, now: deps.now });
  const watch = deps.options?.watchMs ?? 28 * DAY;
  const backfill = deps.options?.defaultBackfillMs ?? 28 * DAY;
  const overlap = deps.options?.overlapMs ?? 3_600_000;

  // Shared between the streams of one run (in memory only).
  let uploads: string | null = null;
  const currentCounts = new Map<string, number>();
  const listedVideos = new Set<string>();
  let windowStart: Date | null = null;

  const nctx = (ctx: CollectContext, fetchedAt: Date, residentNames?: ReadonlySet<string>): NormaliseCtx =>
    normaliseCtxOf(ctx, deps.pseudonymise, fetchedAt, residentNames);
  const lowerOf = (ctx: CollectContext) => {
    const wm = ctx.state.watermark;
    const now = ctx.now.getTime();
    return ctx.since ?? new Date(wm ? Math.min(wm.getTime() - overlap, now - watch) : now - backfill);
  };
  const batch = (stream: string, items: ItemRecord[], complete: CompleteRead[] = []): CollectBatch => ({
    stream,
    items,
    metrics: [],
    followers: [],
    complete,
  });

  async function* channel(ctx: CollectContext): AsyncGenerator<CollectBatch> {
    const raw = await client.channel(ctx.account.externalId);
    const c = parseChannel(raw.body, nctx(ctx, raw.fetchedAt));
    if (!c.uploads)
      throw new AppError('PLATFORM_NOT_FOUND', `youtube: channel ${ctx.account.externalId} not found or has no uploads playlist`);
    uploads = c.uploads;
    yield { ...batch('channel', []), followers: c.followers, state: { watermark: raw.fetchedAt, cursor: { uploads } } };
  }

  async function* videos(ctx: CollectContext): AsyncGenerator<CollectBatch> {
    const lower = lowerOf(ctx);
    windowStart = lower;
    const playlist = uploads ?? (ctx.account.externalId.startsWith('UC') ? `UU${ctx.account.externalId.slice(2)}` : null);
    if (!playlist) throw new AppError('PLATFORM_CONTRACT', 'youtube: no uploads playlist known for the channel');
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const raw = await client.playlistPage(playlist, token);
      const p = parsePlaylistPage(raw.body);
      if (p.warnings.length > 0) yield { ...batch('videos', []), warnings: p.warnings };
      for (const v of p.videos) if (!v.publishedAt || v.publishedAt >= lower) ids.push(v.videoId);
      // Uploads are listed newest first: once a page reaches past the window start, older pages are not needed.
      const reachedOld = p.videos.some((v) => v.publishedAt !== null && v.publishedAt < lower);
      token = reachedOld ? undefined : p.next;
    } while (token);
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 50) {
      const raw = await client.videos(unique.slice(i, i + 50));
      const n = normaliseVideos(raw.body, nctx(ctx, raw.fetchedAt));
      const keep = n.items.filter((it) => it.createdAt >= lower);
      for (const id of n.rejectedIds) listedVideos.add(id);
      for (const it of keep) {
        listedVideos.add(it.externalId);
        const c = n.commentCounts.get(it.externalId);
        if (c !== undefined) currentCounts.set(it.externalId, c);
      }
      const kept = new Set(keep.map((k) => k.externalId));
      yield { ...batch('videos', keep), metrics: n.metrics.filter((m) => kept.has(m.externalId)), warnings: n.warnings };
    }
    yield {
      ...batch('videos', [], [{ kind: 'posts', from: lower, to: ctx.now, seenExternalIds: [...listedVideos] }]),
      state: { watermark: ctx.now, cursor: null },
      covered: { from: lower, to: ctx.now },
    };
  }

  /** Replies of threads whose inline subset is short and whose reply count moved (comments.list); yields batches. */
  async function* replies(
    ctx: CollectContext,
    threads: readonly ThreadInfo[],
    known: Record<string, number>,
    read: Record<string, number>,
    names: Set<string>,
  ): AsyncGenerator<CollectBatch> {
    for (const t of threads) {
      if (known[t.threadId] === t.totalReplyCount) {
        read[t.threadId] = t.totalReplyCount;
        continue;
      }
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const raw = await client.repliesPage(t.threadId, token);
        const r = normaliseReplyPage(raw.body, nctx(ctx, raw.fetchedAt, names), t.videoId, t.threadId);
        seen.push(...r.items.map((i) => i.externalId), ...r.rejectedIds);
        token = r.next;
        yield { ...batch('comments', r.items), warnings: r.warnings };
      } while (token);
      read[t.threadId] = t.totalReplyCount;
      yield batch('comments', [], [{ kind: 'children', parentExternalId: t.threadId, seenExternalIds: seen }]);
    }
  }

  async function* comments(ctx: CollectContext): AsyncGenerator<CollectBatch> {
    const prev = (ctx.state.cursor ?? {}) as CommentsCursor;
    const counts: Record<string, number> = { ...prev.counts };
    const knownReplies = prev.replies ?? {};
    const read: Record<string, number> = { ...knownReplies };
    const lower = windowStart ?? lowerOf(ctx);
    const state = () => ({ watermark: ctx.state.watermark, cursor: { counts: { ...counts }, replies: { ...read } } });
    const firstRun = prev.counts === undefined || ctx.since !== null;
    const inWindow = new Set(listedVideos);
    if (inWindow.size === 0) for (const p of await ctx.storedPosts(lower)) inWindow.add(p.externalId);

    const readThreads = async function* (page: (token?: string) => ReturnType<typeof client.channelThreadsPage>, stopBefore: Date | null) {
      const topLevel = new Map<string, string[]>();
      let token: string | undefined;
      do {
        const raw = await page(token);
        const n = normaliseThreadPage(raw.body, nctx(ctx, raw.fetchedAt));
        const threads = n.threads.filter((t) => inWindow.has(t.videoId));
        const keepVideos = new Set(threads.map((t) => t.videoId));
        const items = n.items.filter((i) => keepVideos.has(i.rootExternalId));
        const inline = new Map<string, string[]>();
        for (const i of items) {
          if (i.parentExternalId === i.rootExternalId) {
            const list = topLevel.get(i.rootExternalId) ?? [];
            list.push(i.externalId);
            topLevel.set(i.rootExternalId, list);
          } else if (i.parentExternalId) {
            const list = inline.get(i.parentExternalId) ?? [];
            list.push(i.externalId);
            inline.set(i.parentExternalId, list);
          }
        }
        const full = threads.filter((t) => t.inlineReplies >= t.totalReplyCount);
        for (const t of full) delete read[t.threadId];
        // A malformed thread's video is unknown: its id counts as seen under every video of the window (never marked deleted).
        for (const v of inWindow) if (n.rejectedIds.length > 0) topLevel.set(v, [...(topLevel.get(v) ?? []), ...n.rejectedIds]);
        yield {
          ...batch(
            'comments',
            items,
            full.map((t) => ({ kind: 'children', parentExternalId: t.threadId, seenExternalIds: inline.get(t.threadId) ?? [] })),
          ),
          warnings: n.warnings,
        };
        yield* replies(
          ctx,
          threads.filter((t) => t.inlineReplies < t.totalReplyCount),
          knownReplies,
          read,
          n.names,
        );
        const reachedOld = stopBefore !== null && n.threads.some((t) => t.publishedAt < stopBefore);
        token = reachedOld ? undefined : n.next;
      } while (token);
      return topLevel;
    };

    if (inWindow.size === 0) {
      // No videos in the window: there is nothing to read comments of.
      yield {
        ...batch('comments', []),
        state: { watermark: ctx.now, cursor: { counts: {}, replies: {} } },
        covered: { from: lower, to: ctx.now },
      };
      return;
    }
    if (firstRun) {
      const topLevel = yield* readThreads((t) => client.channelThreadsPage(ctx.account.externalId, t), lower);
      const complete: CompleteRead[] = [...inWindow].map((v) => ({
        kind: 'children',
        parentExternalId: v,
        seenExternalIds: topLevel.get(v) ?? [],
      }));
      for (const v of inWindow) {
        const c = currentCounts.get(v);
        if (c !== undefined) counts[v] = c;
      }
      yield { ...batch('comments', [], complete), state: state(), covered: { from: lower, to: ctx.now } };
      return;
    }
    for (const [videoId, count] of currentCounts) {
      if (counts[videoId] === count || (count === 0 && counts[videoId] === undefined)) {
        counts[videoId] = count;
        continue;
      }
      const topLevel = yield* readThreads((t) => client.videoThreadsPage(videoId, t), null);
      counts[videoId] = count;
      yield {
        ...batch('comments', [], [{ kind: 'children', parentExternalId: videoId, seenExternalIds: topLevel.get(videoId) ?? [] }]),
        state: state(),
      };
    }
    // Counts of videos that left the window are dropped; reply counts only for threads still of interest.
    for (const v of Object.keys(counts)) if (!currentCounts.has(v)) delete counts[v];
    yield { ...batch('comments', []), state: { watermark: ctx.now, cursor: state().cursor }, covered: { from: lower, to: ctx.now } };
  }

  return {
    platform: 'youtube',
    streams: ['channel', 'videos', 'comments'],
    collect(stream, ctx) {
      if (stream === 'channel') return channel(ctx);
      if (stream === 'videos') return videos(ctx);
      if (stream === 'comments') return comments(ctx);
      throw new Error(`youtube collector has no stream '${stream}'`);
    },
    usage: () => ({ calls: http.stats.calls, quotaUnits: units }),
  };
}
