import type { Pseudonymiser } from '../../privacy/pseudonymise.js';
import { normaliseCtxOf, type CollectBatch, type CollectContext, type Collector, type NormaliseCtx } from '../collector.js';
import { startGraphListing, type GraphListingOptions } from '../graph-listing.js';
import type { HttpClient } from '../http.js';
import { makeFacebookClient } from './client.js';
import { normaliseCommentPage, normaliseParsedCommentPage, normalisePageInfo, normalisePostPage, type PostThread } from './normalise.js';

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
export type FacebookCollectorOptions = GraphListingOptions;

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

  const nctx = (ctx: CollectContext, fetchedAt: Date, residentNames?: ReadonlySet<string>): NormaliseCtx =>
    normaliseCtxOf(ctx, deps.pseudonymise, fetchedAt, residentNames);

  async function* page(ctx: CollectContext): AsyncGenerator<CollectBatch> {
    const raw = await client.pageInfo(ctx.account.externalId);
    const followers = normalisePageInfo(raw.body, nctx(ctx, raw.fetchedAt));
    yield { stream: 'page', items: [], metrics: [], followers, complete: [], state: { watermark: raw.fetchedAt, cursor: null } };
  }

  async function* posts(ctx: CollectContext): AsyncGenerator<CollectBatch> {
    const listing = startGraphListing(ctx, { stream: 'posts', options: deps.options, rootOf: (t: PostThread) => t.postId });
    const state = () => ({ watermark: ctx.state.watermark, cursor: { threads: listing.signatures() } });
    // A backfill (first run or `--since`) reads every thread: their first comment pages come with the listing.
    // Later runs re-read only threads whose signature moved, so they list posts without comments.
    const withComments = ctx.since !== null || ctx.state.watermark === null;
    for await (const raw of client.feed(ctx.account.externalId, listing.from, listing.to, { withComments })) {
      const n = normalisePostPage(raw.body, nctx(ctx, raw.fetchedAt));
      const { batch, threads } = listing.take(n);
      yield { ...batch, state: state() };
      for (const t of threads) {
        if (!listing.moved(t)) continue;
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
        const withState = listing.read(t);
        yield {
          stream: 'posts',
          items: pending?.items ?? [],
          metrics: [],
          followers: [],
          complete: [{ kind: 'thread', rootExternalId: t.postId, seenExternalIds: seen }],
          ...(withState ? { state: state() } : {}),
          ...(pending?.warnings ? { warnings: pending.warnings } : {}),
        };
      }
    }
    // The listing was read to its end: posts stored for the window that it no longer has are gone.
    yield listing.end();
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
