import type { Pseudonymiser } from '../../privacy/pseudonymise.js';
import { normaliseCtxOf, type CollectBatch, type CollectContext, type Collector, type NormaliseCtx } from '../collector.js';
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
export type InstagramCollectorOptions = {
  /** Media younger than this are re-listed every run (counts, new comments). @default 28 days */
  watchMs?: number;
  /** First run without `--since`: how far back to read. @default 28 days */
  defaultBackfillMs?: number;
  /** Re-read this much before the watermark. @default 1 hour */
  overlapMs?: number;
  pageSize?: number;
};

const DAY = 86_400_000;

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
  const watch = deps.options?.watchMs ?? 28 * DAY;
  const backfill = deps.options?.defaultBackfillMs ?? 28 * DAY;
  const overlap = deps.options?.overlapMs ?? 3_600_000;
  /** The account's own usernames learnt in this pass (profile, media): its comments are the owner's. */
  const own = new Set<string>();

  const nctx = (ctx: CollectContext, fetchedAt: Date, residentNames?: ReadonlySet<string>): NormaliseCtx =>
    normaliseCtxOf(ctx, deps.pseudonymise, fetchedAt, residentNames);

  async function* profile(ctx: CollectContext): AsyncGenerator<CollectBatch> {
    const raw = await client.profile(ctx.account.externalId);
    const p = normaliseProfile(raw.body, nctx(ctx, raw.fetchedAt));
    if (p.username) own.add(p.username);
    yield { stream: 'profile', items: [], metrics: [], followers: p.followers, complete: [], state: { watermark: raw.fetchedAt, cursor: null } };
  }

  /**
   * Every comment of one medium (replies included), from its folded first page when the listing carried one;
   * yields batches, the last one with the complete read.
   */
  async function* thread(ctx: CollectContext, mediaId: string, first: MediaThread['firstPage'], fetchedAt: Date): AsyncGenerator<CollectBatch, void> {
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
    yield { stream: 'media', items: [], metrics: [], followers: [], complete: [{ kind: 'thread', rootExternalId: mediaId, seenExternalIds: seen }] };
  }

  async function* media(ctx: CollectContext): AsyncGenerator<CollectBatch> {
    const now = ctx.now;
    const prev = (ctx.state.cursor ?? {}) as IgCursor;
    if (prev.username) own.add(prev.username);
    const known = prev.threads ?? {};
    const threads: Record<string, string> = {};
    const wm = ctx.state.watermark;
    const lower =
      ctx.since ?? (wm ? new Date(Math.min(wm.getTime() - overlap, now.getTime() - watch)) : new Date(now.getTime() - backfill));
    const username = () => [...own][0];
    const state = () => ({ watermark: wm, cursor: { threads: { ...known, ...threads }, ...(username() ? { username: username() } : {}) } });
    const seenMedia: string[] = [];
    for await (const raw of client.media(ctx.account.externalId, lower, now)) {
      const n = normaliseMediaPage(raw.body, nctx(ctx, raw.fetchedAt), own);
      for (const u of n.usernames) own.add(u);
      const inRange = new Set(n.items.filter((i) => i.createdAt >= lower && i.createdAt <= now).map((i) => i.externalId));
      seenMedia.push(...inRange, ...n.rejectedIds);
      yield {
        stream: 'media',
        items: n.items.filter((i) => inRange.has(i.externalId)),
        metrics: n.metrics.filter((m) => inRange.has(m.externalId)),
        followers: [],
        complete: [],
        state: state(),
        warnings: n.warnings,
      };
      for (const t of n.threads) {
        if (!inRange.has(t.mediaId)) continue;
        if (known[t.mediaId] === t.signature || (t.comments === 0 && known[t.mediaId] === undefined)) {
          threads[t.mediaId] = t.signature;
          continue;
        }
        let last: CollectBatch | undefined;
        for await (const b of thread(ctx, t.mediaId, t.firstPage, raw.fetchedAt)) {
          if (last) yield last;
          last = b;
        }
        threads[t.mediaId] = t.signature;
        if (last) yield { ...last, state: state() };
      }
    }
    // The listing was read to its end: media stored for the window that it no longer has are gone.
    yield {
      stream: 'media',
      items: [],
      metrics: [],
      followers: [],
      complete: [{ kind: 'posts', from: lower, to: now, seenExternalIds: seenMedia }],
      state: { watermark: now, cursor: { threads, ...(username() ? { username: username() } : {}) } },
      covered: { from: lower, to: now },
    };
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
