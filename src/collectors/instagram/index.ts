import type { Pseudonymiser } from '../../privacy/pseudonymise.js';
import { normaliseCtxOf, type CollectBatch, type CollectContext, type Collector, type NormaliseCtx } from '../collector.js';
import { startGraphListing, type GraphListingOptions } from '../graph-listing.js';
import type { HttpClient } from '../http.js';
import { makeInstagramClient } from './client.js';
import { normaliseCommentPage, normaliseMediaPage, normaliseProfile, normaliseReplyPage, type MediaThread } from './normalise.js';

/**
 * Instagram professional-account collector (Graph API with the linked Page's token). Streams:
 * - `profile`: the account's username and follower count (1 call).
 * - `media`: the account's media over the watch window (or the backfill range) with like and comment counts,
 *   newest first (`since`/`until`, also filtered client-side), each with its first page of comments and their
 *   replies folded in (`comments{…,replies{…}}` expansion). A medium's thread is taken up when its signature (the
 *   comment count and the folded page's ids and hidden flags) moved since the last committed read: from the folded
 *   page, `/{media-id}/comments` only for the pages after it and `/{comment-id}/replies` only for a comment whose
 *   inline replies run to a second page. Media have no `updated_time`, so the folded page is what shows a new,
 *   hidden or deleted comment. A thread read to the
 *   end marks stored comments it no longer has as deleted; the complete listing does the same for media.
 * No shares on Instagram: share counts are null (v1–v3 null, as for YouTube).
 * Rate limits: the `instagram` Business Use Case (X-Business-Use-Case-Usage, code 80002) through the same
 * proportional back-off as the Page (rate-limit.ts reads every BUC type).
 */
export type InstagramCollectorOptions = GraphListingOptions;

/** The stream cursor: the thread signatures (graph-listing.ts) and the account's username. */
type IgCursor = { threads?: Record<string, string>; username?: string };

export function makeInstagramCollector(deps: {
  http: HttpClient;
  version: string;
  now: () => Date;
  pseudonymise: Pseudonymiser;
  options?: InstagramCollectorOptions;
}): Collector {
  const client = makeInstagramClient({
    http: deps.http,
    version: deps.version,
    now: deps.now,
    ...(deps.options?.pageSize ? { pageSize: deps.options.pageSize } : {}),
  });
  /** The account's own usernames learnt in this pass (profile, media): its comments are the owner's. */
  const own = new Set<string>();

  const nctx = (ctx: CollectContext, fetchedAt: Date, residentNames?: ReadonlySet<string>): NormaliseCtx =>
    normaliseCtxOf(ctx, deps.pseudonymise, fetchedAt, residentNames);

  async function* profile(ctx: CollectContext): AsyncGenerator<CollectBatch> {
    const raw = await client.profile(ctx.account.externalId);
    const p = normaliseProfile(raw.body, nctx(ctx, raw.fetchedAt));
    if (p.username) own.add(p.username);
    yield {
      stream: 'profile',
      items: [],
      metrics: [],
      followers: p.followers,
      complete: [],
      state: { watermark: raw.fetchedAt, cursor: null },
    };
  }

  /**
   * Every comment of one medium (replies included), from its folded first page when the listing carried one;
   * yields batches, the last one with the complete read.
   */
  async function* thread(
    ctx: CollectContext,
    mediaId: string,
    first: MediaThread['firstPage'],
    fetchedAt: Date,
  ): AsyncGenerator<CollectBatch, void> {
    let names = new Set<string>();
    const seen: string[] = [];
    // An empty folded page of a thread whose count says it has comments is not trusted: read with its own call.
    const pages =
      first && first.data.length > 0
        ? (async function* () {
            yield { fetchedAt, body: first as unknown };
            if (first.paging?.next) yield* client.commentsAfter(first.paging.next);
          })()
        : client.comments(mediaId);
    for await (const cp of pages) {
      const c = normaliseCommentPage(cp.body, nctx(ctx, cp.fetchedAt, names), mediaId, own);
      names = c.names;
      seen.push(...c.items.map((i) => i.externalId), ...c.rejectedIds);
      yield { stream: 'media', items: c.items, metrics: [], followers: [], complete: [], warnings: c.warnings };
      for (const o of c.overflow) {
        // The inline page was the first page of this edge: read it whole rather than resume a cursor.
        seen.push(...o.seenReplyIds);
        for await (const rp of client.replies(o.commentId)) {
          const r = normaliseReplyPage(rp.body, nctx(ctx, rp.fetchedAt, names), mediaId, o.commentId, own);
          names = r.names;
          seen.push(...r.items.map((i) => i.externalId), ...r.rejectedIds);
          yield { stream: 'media', items: r.items, metrics: [], followers: [], complete: [], warnings: r.warnings };
        }
      }
    }
    yield {
      stream: 'media',
      items: [],
      metrics: [],
      followers: [],
      complete: [{ kind: 'thread', rootExternalId: mediaId, seenExternalIds: seen }],
    };
  }

  async function* media(ctx: CollectContext): AsyncGenerator<CollectBatch> {
    const prev = (ctx.state.cursor ?? {}) as IgCursor;
    if (prev.username) own.add(prev.username);
    const listing = startGraphListing(ctx, { stream: 'media', options: deps.options, rootOf: (t: MediaThread) => t.mediaId });
    const username = () => [...own][0];
    const ownCursor = () => (username() ? { username: username() } : {});
    const state = () => ({ watermark: ctx.state.watermark, cursor: { threads: listing.signatures(), ...ownCursor() } });
    for await (const raw of client.media(ctx.account.externalId, listing.from, listing.to)) {
      const n = normaliseMediaPage(raw.body, nctx(ctx, raw.fetchedAt), own);
      for (const u of n.usernames) own.add(u);
      const { batch, threads } = listing.take(n);
      yield { ...batch, state: state() };
      for (const t of threads) {
        if (!listing.moved(t)) continue;
        let last: CollectBatch | undefined;
        for await (const b of thread(ctx, t.mediaId, t.firstPage, raw.fetchedAt)) {
          if (last) yield last;
          last = b;
        }
        const withState = listing.read(t);
        if (last) yield withState ? { ...last, state: state() } : last;
      }
    }
    // The listing was read to its end: media stored for the window that it no longer has are gone.
    yield listing.end(ownCursor());
  }

  return {
    platform: 'instagram',
    streams: ['profile', 'media'],
    collect(stream, ctx) {
      if (stream === 'profile') return profile(ctx);
      if (stream === 'media') return media(ctx);
      throw new Error(`instagram collector has no stream '${stream}'`);
    },
    usage: () => ({ calls: deps.http.stats.calls, quotaUnits: 0 }),
  };
}
