import { AppError } from '../../errors.js';
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
import { makeBlueskyClient } from './client.js';
import { normaliseBskyFeed, normaliseBskyProfile, normaliseBskyThread } from './normalise.js';

/**
 * Bluesky account collector, on the public AppView without credentials (../shared/reference/platform-apis.md §5).
 * Streams:
 * - `profile`: app.bsky.actor.getProfile → follower count (1 call). A missing account is `not_found`, a taken-down
 *   or blocked one `suspended`.
 * - `posts`: app.bsky.feed.getAuthorFeed (filter posts_with_replies, 100 per page, newest first; there is no
 *   `since`) paged back to the older of the thread window (14 days) and the backfill start: new posts, counts of
 *   the posts this pass measures (new to it, or at most 8 days old), and a complete read that marks the account's
 *   vanished posts deleted. Then one app.bsky.feed.getPostThread (depth 1000) per listed post that has or had
 *   replies, and per own thread the feed shows the account replying in (a late answer, at any age): every reply at
 *   any depth, the account's own answers included; replies missing from a complete thread are deleted, replies the
 *   account hid through its threadgate are hidden. A resident replying in a thread older than the window, where
 *   the account does not answer, is not seen until it does.
 * Mentions: the AppView gives a public account's mentions only through notifications (which need that account's
 * login) or `searchPosts`, which the public host refuses unauthenticated callers (403, §0.6, §5.2); so residents'
 * own top-level posts that mention the account are not collected. Replies to the account's posts are.
 * Rate limits: `RateLimit-*` headers and 429 are honoured by the HTTP layer (./rate-limit.ts).
 */
export type BlueskyCollectorOptions = {
  /** Posts tracked for engagement and replies. @default 8 days (engagement is read up to 7 days after a post) */
  watchMs?: number;
  /** First run without `--since`. @default 14 days (the thread window) */
  defaultBackfillMs?: number;
  /**
   * Own posts whose threads are re-read when they have replies: residents answer posts days later, and an account
   * answering late is seen in its feed at any age. @default 14 days
   */
  threadWatchMs?: number;
  /** Feed pages read at most per pass (an empty page that still has a cursor counts). @default 200 */
  maxFeedPages?: number;
  /** Posts per author-feed page (1–100; tests use small pages to exercise paging). @default 100 */
  pageSize?: number;
};

const DAY = 86_400_000;

type PostsCursor = { replies?: Record<string, number> };

/** Platform codes of an account that is there but not shown: taken down, suspended, or blocking us. */
const SUSPENDED = new Set(['AccountTakedown', 'BlockedActor', 'BlockedByActor', 'RepoTakendown', 'RepoSuspended']);

/** A refusal about the monitored account itself names the account's state (collect-account sets it). */
function aboutAccount(err: unknown, externalId: string, what: string): unknown {
  if (!(err instanceof AppError) || err.code !== 'PLATFORM_NOT_FOUND') return err;
  const code = err.details.context?.platformCode;
  const accountStatus = typeof code === 'string' && SUSPENDED.has(code) ? 'suspended' : 'not_found';
  return new AppError(
    'PLATFORM_NOT_FOUND',
    `bluesky ${what}: the monitored account ${externalId} is ${accountStatus === 'suspended' ? 'suspended or blocked' : 'not found'} on Bluesky: ${err.message}`,
    {
      ...err.details,
      retryable: false,
      cause: err,
      context: { ...err.details.context, platform: 'bluesky', what, accountStatus },
    },
  );
}

export function makeBlueskyCollector(deps: {
  http: HttpClient;
  now: () => Date;
  pseudonymise: Pseudonymiser;
  options?: BlueskyCollectorOptions;
}): Collector {
  const client = makeBlueskyClient({
    http: deps.http,
    now: deps.now,
    ...(deps.options?.pageSize ? { feedLimit: deps.options.pageSize } : {}),
  });
  const watch = deps.options?.watchMs ?? 8 * DAY;
  const threadWatch = Math.max(deps.options?.threadWatchMs ?? 14 * DAY, watch);
  const backfill = deps.options?.defaultBackfillMs ?? threadWatch;
  const maxFeedPages = deps.options?.maxFeedPages ?? 200;
  const nctx = (ctx: CollectContext, fetchedAt: Date): NormaliseCtx => normaliseCtxOf(ctx, deps.pseudonymise, fetchedAt);
  const empty = (stream: string): CollectBatch => ({ stream, items: [], metrics: [], followers: [], complete: [] });

  async function* profile(ctx: CollectContext): AsyncGenerator<CollectBatch> {
    let raw;
    try {
      raw = await client.profile(ctx.account.externalId);
    } catch (err) {
      throw aboutAccount(err, ctx.account.externalId, 'profile');
    }
    const p = normaliseBskyProfile(raw.body, nctx(ctx, raw.fetchedAt));
    yield { ...empty('profile'), followers: p.followers, state: { watermark: raw.fetchedAt, cursor: null } };
  }

  async function* posts(ctx: CollectContext): AsyncGenerator<CollectBatch> {
    const now = ctx.now;
    const prev = (ctx.state.cursor ?? {}) as PostsCursor;
    const watchFrom = new Date(now.getTime() - watch);
    const threadFrom = new Date(now.getTime() - threadWatch);
    // This pass's own reach (snapshots): the backfill start, the last pass (an account not read for longer than the
    // window) or the engagement window. The feed is read back further, to the thread window.
    const start =
      ctx.since ??
      (ctx.state.watermark ? new Date(Math.min(ctx.state.watermark.getTime(), watchFrom.getTime())) : new Date(now.getTime() - backfill));
    const snapFrom = start < watchFrom ? start : watchFrom;
    const from = start < threadFrom ? start : threadFrom;

    const roots = new Map<string, number>();
    const answered = new Set<string>();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    let reachedEnd = false;
    for (;;) {
      let raw;
      try {
        raw = await client.authorFeed(ctx.account.externalId, cursor);
      } catch (err) {
        throw pages === 0 ? aboutAccount(err, ctx.account.externalId, 'author feed') : err;
      }
      pages++;
      const n = normaliseBskyFeed(raw.body, nctx(ctx, raw.fetchedAt));
      const inWindow = n.items.filter((i) => i.createdAt >= from);
      for (const i of inWindow) {
        seen.push(i.externalId);
        roots.set(i.externalId, n.replyCounts.get(i.externalId) ?? 0);
      }
      for (const r of n.ownReplyRoots) answered.add(r);
      seen.push(...n.unreadIds);
      // Counts are snapshots of the posts this pass measures: new to it, or inside the engagement window.
      const measured = new Set(inWindow.filter((i) => i.createdAt >= snapFrom).map((i) => i.externalId));
      yield { ...empty('posts'), items: inWindow, metrics: n.metrics.filter((m) => measured.has(m.externalId)), warnings: n.warnings };
      cursor = n.cursor;
      if (!cursor || (n.oldest && n.oldest < from)) {
        reachedEnd = true;
        break;
      }
      if (pages >= maxFeedPages) break;
    }
    // Every own post of the window was listed: the ones not listed are gone.
    if (reachedEnd) yield { ...empty('posts'), complete: [{ kind: 'posts', from, to: now, authorRole: 'owner', seenExternalIds: seen }] };

    // Threads: every listed post with replies now or at the last pass (they may all be deleted since), and every
    // own thread the account replied in since the window began, however old (a late answer, and what follows it).
    const known = prev.replies ?? {};
    const replies: Record<string, number> = {};
    for (const [id, count] of roots) if (count > 0 || (known[id] ?? 0) > 0) replies[id] = count;
    const toRead = new Set([...Object.keys(replies), ...answered]);
    const progress: Record<string, number> = { ...known };
    for (const rootId of toRead) {
      let raw;
      try {
        // An own post: its stored id is its AT-URI.
        raw = await client.thread(rootId);
      } catch (err) {
        // The post was deleted between the feed read and this call.
        if (err instanceof AppError && err.code === 'PLATFORM_NOT_FOUND') {
          yield { ...empty('posts'), complete: [{ kind: 'missing', externalIds: [rootId] }] };
          continue;
        }
        throw err;
      }
      const t = normaliseBskyThread(raw.body, nctx(ctx, raw.fetchedAt));
      if (t.items[0]?.externalId !== rootId) {
        // An answer about another post (or none readable): nothing in it can be placed in this thread.
        const warning = {
          code: 'PLATFORM_CONTRACT' as const,
          platform: 'bluesky' as const,
          what: 'post thread',
          field: 'thread.post.uri',
          message: 'not the requested post',
          count: 1,
        };
        yield { ...empty('posts'), warnings: [...t.warnings, warning] };
        continue;
      }
      const below = t.items.filter((i) => i.externalId !== rootId);
      const complete: CompleteRead[] = t.truncated
        ? []
        : [{ kind: 'thread', rootExternalId: rootId, seenExternalIds: [...t.items.map((i) => i.externalId), ...t.unreadIds] }];
      const belowIds = new Set(below.map((i) => i.externalId));
      if (rootId in replies) progress[rootId] = replies[rootId] ?? 0;
      yield {
        ...empty('posts'),
        items: below,
        metrics: t.metrics.filter((m) => belowIds.has(m.externalId)),
        complete,
        warnings: t.warnings,
        state: { watermark: ctx.state.watermark, cursor: { replies: { ...progress } } },
      };
    }
    yield { ...empty('posts'), state: { watermark: now, cursor: { replies } }, covered: { from: start, to: now } };
  }

  return {
    platform: 'bluesky',
    streams: ['profile', 'posts'],
    collect(stream, ctx) {
      if (stream === 'profile') return profile(ctx);
      if (stream === 'posts') return posts(ctx);
      throw new Error(`bluesky collector has no stream '${stream}'`);
    },
    usage: () => ({ calls: deps.http.stats.calls, quotaUnits: 0 }),
  };
}
