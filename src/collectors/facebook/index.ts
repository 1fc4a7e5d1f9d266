import type { Pseudonymiser } from '../../privacy/pseudonymise.js';
import { normaliseCtxOf, type CollectBatch, type CollectContext, type Collector, type NormaliseCtx } from '../collector.js';
import type { HttpClient } from '../http.js';
import { makeFacebookClient } from './client.js';
import { normaliseCommentPage, normaliseParsedCommentPage, normalisePageInfo, normalisePostPage } from './normalise.js';

/**
 * Facebook Page collector. Streams:
 * - `page`: follower count (1 call).
 * - `posts`: the feed (own and visitor posts) with engagement summaries in one listing, newest first, over the
 *   watch window (or the backfill range); then, for each post whose thread signature (updated_time + comment
 *   total) moved since the last committed read, a full re-read of its comments at every depth. A thread read to
 *   the end marks stored comments it no longer contains as deleted; the complete listing does the same for posts.
 *
 * Resume: the per-thread signatures live in the stream cursor and are committed with the comments they cover,
 * so after a crash the next run re-lists posts (cheap) and reads only threads not yet committed.
 */
export type FacebookCollectorOptions = {
  /** Posts younger than this are re-listed every run (engagement refresh, new comments). @default 28 days */
  watchMs?: number;
  /** First run without `--since`: how far back to read. @default 28 days */
  defaultBackfillMs?: number;
  /** Re-read this much before the watermark. @default 1 hour */
  overlapMs?: number;
  pageSize?: number;
};

const DAY = 86_400_000;

type FbCursor = { threads?: Record<string, string> };

export function makeFacebookCollector(deps: {
  http: HttpClient;
  version: string;
  now: () => Date;
  pseudonymise: Pseudonymiser;
  options?: FacebookCollectorOptions;
}): Collector {
  const client = makeFacebookClient({
    http: deps.http,
    version: deps.version,
    now: deps.now,
    ...(deps.options?.pageSize ? { pageSize: deps.options.pageSize } : {}),
  });
  const watch = deps.options?.watchMs ?? 28 * DAY;
  const backfill = deps.options?.defaultBackfillMs ?? 28 * DAY;
  const overlap = deps.options?.overlapMs ?? 3_600_000;

  const nctx = (ctx: CollectContext, fetchedAt: Date, residentNames?: ReadonlySet<string>): NormaliseCtx =>
    normaliseCtxOf(ctx, deps.pseudonymise, fetchedAt, residentNames);

  async function* page(ctx: CollectContext): AsyncGenerator<CollectBatch> {
    const raw = await client.pageInfo(ctx.account.externalId);
    const followers = normalisePageInfo(raw.body, nctx(ctx, raw.fetchedAt));
    yield { stream: 'page', items: [], metrics: [], followers, complete: [], state: { watermark: raw.fetchedAt, cursor: null } };
  }

  async function* posts(ctx: CollectContext): AsyncGenerator<CollectBatch> {
    const now = ctx.now;
    const prev = (ctx.state.cursor ?? {}) as FbCursor;
    const known = prev.threads ?? {};
    const threads: Record<string, string> = {};
    const wm = ctx.state.watermark;
    const lower =
      ctx.since ?? (wm ? new Date(Math.min(wm.getTime() - overlap, now.getTime() - watch)) : new Date(now.getTime() - backfill));
    const state = () => ({ watermark: wm, cursor: { threads: { ...known, ...threads } } });
    const seenPosts: string[] = [];
    // A backfill (first run or `--since`) reads every thread: their first comment pages come with the listing.
    // Later runs re-read only threads whose signature moved, so they list posts without comments.
    const withComments = ctx.since !== null || wm === null;
    for await (const raw of client.feed(ctx.account.externalId, lower, now, { withComments })) {
      const n = normalisePostPage(raw.body, nctx(ctx, raw.fetchedAt));
      // `since` is not documented for every feed edge: filter by created_time here as well.
      const inRange = new Set(n.items.filter((i) => i.createdAt >= lower && i.createdAt <= now).map((i) => i.externalId));
      seenPosts.push(...inRange, ...n.rejectedIds);
      yield {
        stream: 'posts',
        items: n.items.filter((i) => inRange.has(i.externalId)),
        metrics: n.metrics.filter((m) => inRange.has(m.externalId)),
        followers: [],
        complete: [],
        state: state(),
        warnings: n.warnings,
      };
      for (const t of n.threads) {
        if (!inRange.has(t.postId)) continue;
        if (known[t.postId] === t.signature || (t.comments === 0 && known[t.postId] === undefined)) {
          threads[t.postId] = t.signature;
          continue;
        }
        let names = new Set<string>();
        const seen: string[] = [];
        let pending: CollectBatch | null = null;
        // Without the expansion the listing still carries an empty `data` (limit 0), and an empty folded page of a
        // thread whose summary counts comments is not to be trusted: both are read with their own call.
        const first = withComments && t.firstPage && t.firstPage.data.length > 0 ? t.firstPage : undefined;
        const pages = first
          ? (async function* () {
              yield { fetchedAt: raw.fetchedAt, body: first as unknown, checked: first };
              if (first.paging?.next) yield* client.commentsAfter(first.paging.next);
            })()
          : client.comments(t.postId);
        for await (const cp of pages) {
          if (pending) yield pending;
          const c =
            'checked' in cp
              ? normaliseParsedCommentPage(cp.checked, nctx(ctx, cp.fetchedAt, names), t.postId)
              : normaliseCommentPage(cp.body, nctx(ctx, cp.fetchedAt, names), t.postId);
          names = c.names;
          seen.push(...c.items.map((i) => i.externalId), ...c.rejectedIds);
          pending = { stream: 'posts', items: c.items, metrics: [], followers: [], complete: [], warnings: c.warnings };
        }
        threads[t.postId] = t.signature;
        yield {
          stream: 'posts',
          items: pending?.items ?? [],
          metrics: [],
          followers: [],
          complete: [{ kind: 'thread', rootExternalId: t.postId, seenExternalIds: seen }],
          state: state(),
          ...(pending?.warnings ? { warnings: pending.warnings } : {}),
        };
      }
    }
    // The listing was read to its end: posts stored for the window that it no longer has are gone.
    yield {
      stream: 'posts',
      items: [],
      metrics: [],
      followers: [],
      complete: [{ kind: 'posts', from: lower, to: now, seenExternalIds: seenPosts }],
      // Signatures of posts outside the listing are dropped: they will not be listed again.
      state: { watermark: now, cursor: { threads } },
      covered: { from: lower, to: now },
    };
  }

  return {
    platform: 'facebook',
    streams: ['page', 'posts'],
    collect(stream, ctx) {
      if (stream === 'page') return page(ctx);
      if (stream === 'posts') return posts(ctx);
      throw new Error(`facebook collector has no stream '${stream}'`);
    },
    usage: () => ({ calls: deps.http.stats.calls, quotaUnits: 0 }),
  };
}
