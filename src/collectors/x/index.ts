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
import { MAX_QUERY_LENGTH, SEARCH_WINDOW_MS, makeXClient } from './client.js';
import { idGreater, normaliseXPage, normaliseXUser, type XNormalised } from './normalise.js';

/**
 * X account collector. Streams (mentions before posts, so new citizen posts are tracked by the same run):
 * - `user`: /2/users/:id follower count (1 call).
 * - `mentions`: /2/users/:id/mentions with since_id (start_time on the first run).
 * - `posts`: the user timeline with since_id; then a lookup (/2/tweets?ids=, 100 per call) of tracked posts the
 *   timeline did not return, for engagement and deletions; then replies by recent search
 *   `conversation_id:A OR conversation_id:B …` (queries packed to 512 characters) for every tracked thread
 *   younger than the 7-day search window: incremental (since_id) when the roots' reply counts did not move,
 *   a full read (which marks vanished replies deleted) when they did.
 * Rate limits: x-rate-limit-* headers are honoured by the HTTP layer (waits before calling into a block).
 */
export type XCollectorOptions = {
  /** Posts tracked for engagement and replies. @default 8 days (engagement is read up to 7 days after a post) */
  watchMs?: number;
  /** First run without `--since`. @default 7 days (what recent search can still complete) */
  defaultBackfillMs?: number;
};

const DAY = 86_400_000;

type PostsCursor = { newestId?: string; searchNewest?: string; replies?: Record<string, number> };
type MentionsCursor = { newestId?: string };

export function makeXCollector(deps: {
  http: HttpClient;
  now: () => Date;
  pseudonymise: Pseudonymiser;
  options?: XCollectorOptions;
}): Collector {
  const client = makeXClient({ http: deps.http, now: deps.now });
  const watch = deps.options?.watchMs ?? 8 * DAY;
  const backfill = deps.options?.defaultBackfillMs ?? 7 * DAY;
  // Posts the mentions stream of this run already returned (with fresh metrics): no lookup needed.
  const mentioned = new Set<string>();
  const mentionCounts = new Map<string, number>();

  const nctx = (ctx: CollectContext, fetchedAt: Date): NormaliseCtx => normaliseCtxOf(ctx, deps.pseudonymise, fetchedAt);
  const empty = (stream: string): CollectBatch => ({ stream, items: [], metrics: [], followers: [], complete: [] });
  const startOf = (ctx: CollectContext, newestId: string | undefined) =>
    newestId && !ctx.since
      ? { sinceId: newestId, start: undefined }
      : { sinceId: undefined, start: ctx.since ?? new Date(ctx.now.getTime() - backfill) };

  /**
   * A listing page (timeline, mentions) may hold an earlier version of an edited post without its latest one (the
   * latest is newer than the window's other posts, or the edit dropped what the listing selects on): its text is out
   * of date. The latest versions not read by this pass yet (`read`: stored ids, the originals') are looked up, as on
   * the lookup path, so the post is one item with its latest text and `edited_at`, never skipped.
   */
  async function latestOfStale(ctx: CollectContext, n: XNormalised, read: ReadonlySet<string>): Promise<XNormalised | null> {
    const ids = [...new Set(n.staleVersions.filter((v) => !read.has(v.original)).map((v) => v.latest))];
    if (ids.length === 0) return null;
    const raw = await client.lookup(ids.slice(0, 100));
    return normaliseXPage(raw.body, nctx(ctx, raw.fetchedAt), 'post lookup');
  }
  const withLatest = (n: XNormalised, e: XNormalised | null): XNormalised =>
    e
      ? {
          ...n,
          items: [...n.items, ...createdAsOriginal(e, n)],
          metrics: [...n.metrics, ...e.metrics],
          replyCounts: new Map([...n.replyCounts, ...e.replyCounts]),
          warnings: [...n.warnings, ...e.warnings],
        }
      : n;

  async function* user(ctx: CollectContext): AsyncGenerator<CollectBatch> {
    const raw = await client.user(ctx.account.externalId);
    yield {
      ...empty('user'),
      followers: normaliseXUser(raw.body, nctx(ctx, raw.fetchedAt)),
      state: { watermark: raw.fetchedAt, cursor: null },
    };
  }

  async function* mentions(ctx: CollectContext): AsyncGenerator<CollectBatch> {
    const prev = (ctx.state.cursor ?? {}) as MentionsCursor;
    const { sinceId, start } = startOf(ctx, prev.newestId);
    let newest = prev.newestId;
    for await (const raw of client.mentions(ctx.account.externalId, sinceId, start)) {
      const page = normaliseXPage(raw.body, nctx(ctx, raw.fetchedAt), 'mentions', { ownListing: true });
      const n = withLatest(page, await latestOfStale(ctx, page, mentioned));
      if (n.newestId && (!newest || idGreater(n.newestId, newest))) newest = n.newestId;
      for (const it of n.items) mentioned.add(it.externalId);
      for (const [id, c] of n.replyCounts) mentionCounts.set(id, c);
      yield {
        ...empty('mentions'),
        items: n.items,
        metrics: n.metrics.filter((m) => n.items.some((i) => i.externalId === m.externalId && i.kind === 'post')),
        warnings: n.warnings,
      };
    }
    yield { ...empty('mentions'), state: { watermark: ctx.now, cursor: newest ? { newestId: newest } : {} } };
  }

  async function* posts(ctx: CollectContext): AsyncGenerator<CollectBatch> {
    const prev = (ctx.state.cursor ?? {}) as PostsCursor;
    const now = ctx.now;
    const { sinceId, start } = startOf(ctx, prev.newestId);
    let newest = prev.newestId;
    const replyCounts = new Map<string, number>(mentionCounts);
    const returned = new Set<string>(mentioned);
    for await (const raw of client.timeline(ctx.account.externalId, sinceId, start)) {
      const page = normaliseXPage(raw.body, nctx(ctx, raw.fetchedAt), 'user timeline', { ownListing: true });
      const n = withLatest(page, await latestOfStale(ctx, page, returned));
      if (n.newestId && (!newest || idGreater(n.newestId, newest))) newest = n.newestId;
      for (const i of n.items) returned.add(i.externalId);
      for (const [id, c] of n.replyCounts) replyCounts.set(id, c);
      yield { ...empty('posts'), items: n.items, metrics: n.metrics, warnings: n.warnings };
    }

    // Tracked posts (own and citizen top-level posts, stored, not deleted) the timeline did not return this time.
    const tracked = await ctx.storedPosts(new Date(Math.min(now.getTime() - watch, (ctx.since ?? now).getTime())));
    const toLookUp = tracked.map((t) => t.externalId).filter((id) => !returned.has(id));
    for (let i = 0; i < toLookUp.length; i += 100) {
      const ids = toLookUp.slice(i, i + 100);
      const raw = await client.lookup(ids);
      const n = normaliseXPage(raw.body, nctx(ctx, raw.fetchedAt), 'post lookup');
      // A lookup by the original id of an edited post returns that version: read the latest one for text and counts.
      const edited = n.staleVersions.length > 0 ? await client.lookup(n.staleVersions.map((v) => v.latest)) : null;
      const e = edited ? normaliseXPage(edited.body, nctx(ctx, edited.fetchedAt), 'post lookup') : null;
      const items = [...n.items, ...(e ? createdAsOriginal(e, n) : [])];
      for (const [id, c] of [...n.replyCounts, ...(e?.replyCounts ?? [])]) replyCounts.set(id, c);
      const got = new Set([
        ...items.map((it) => it.externalId),
        ...n.rejectedIds,
        ...(e?.rejectedIds ?? []),
        ...n.staleVersions.map((v) => v.original),
      ]);
      // Ids neither returned nor reported are also gone (X omits some deleted posts silently).
      const missing = ids.filter((id) => !got.has(id));
      yield {
        ...empty('posts'),
        items,
        metrics: [...n.metrics, ...(e?.metrics ?? [])],
        complete: [{ kind: 'missing', externalIds: missing }],
        warnings: [...n.warnings, ...(e?.warnings ?? [])],
      };
    }

    // Replies: every tracked thread still inside the recent-search window.
    const searchFrom = new Date(now.getTime() - SEARCH_WINDOW_MS + 60_000);
    const known = prev.replies ?? {};
    const replies: Record<string, number> = {};
    const roots = tracked.filter((t) => t.createdAt >= searchFrom && replyCounts.has(t.externalId));
    const moved = (id: string) => known[id] !== replyCounts.get(id);
    const groups = (ids: string[]) => {
      const out: string[][] = [];
      let cur: string[] = [];
      for (const id of ids) {
        const q = [...cur, id].map((x) => `conversation_id:${x}`).join(' OR ');
        if (cur.length > 0 && q.length > MAX_QUERY_LENGTH) {
          out.push(cur);
          cur = [];
        }
        cur.push(id);
      }
      if (cur.length > 0) out.push(cur);
      return out;
    };
    // Threads without any reply and without a stored count need no search at all.
    const active = roots.filter((r) => (replyCounts.get(r.externalId) ?? 0) > 0 || known[r.externalId] !== undefined);
    for (const r of roots) replies[r.externalId] = replyCounts.get(r.externalId) ?? 0;
    const full = active.filter((r) => moved(r.externalId) || !prev.searchNewest).map((r) => r.externalId);
    const incremental = active.filter((r) => !full.includes(r.externalId)).map((r) => r.externalId);
    let searchNewest = prev.searchNewest;
    const readGroup = async function* (ids: string[], since: string | undefined) {
      const query = ids.map((x) => `conversation_id:${x}`).join(' OR ');
      const seen = new Map<string, string[]>(ids.map((x) => [x, []]));
      for await (const raw of client.search(query, since, since ? undefined : searchFrom)) {
        const n = normaliseXPage(raw.body, nctx(ctx, raw.fetchedAt), 'recent search');
        if (n.newestId && (!searchNewest || idGreater(n.newestId, searchNewest))) searchNewest = n.newestId;
        for (const it of n.items) seen.get(it.rootExternalId)?.push(it.externalId);
        // A malformed reply's thread is unknown: it counts as seen in each thread of the query (never marked deleted).
        for (const list of seen.values()) list.push(...n.rejectedIds);
        yield { ...empty('posts'), items: n.items.filter((it) => it.externalId !== it.rootExternalId), metrics: [], warnings: n.warnings };
      }
      return seen;
    };
    for (const g of groups(full)) {
      const seen = yield* readGroup(g, undefined);
      const complete: CompleteRead[] = g.map((id) => ({ kind: 'thread', rootExternalId: id, seenExternalIds: seen.get(id) ?? [] }));
      yield {
        ...empty('posts'),
        complete,
        state: { watermark: ctx.state.watermark, cursor: { ...prev, replies: { ...known, ...pick(replies, g) } } },
      };
    }
    for (const g of groups(incremental)) yield* readGroup(g, prev.searchNewest);
    yield {
      ...empty('posts'),
      state: { watermark: now, cursor: { ...(newest ? { newestId: newest } : {}), ...(searchNewest ? { searchNewest } : {}), replies } },
      covered: { from: start ?? ctx.state.watermark ?? now, to: now },
    };
  }

  return {
    platform: 'x',
    streams: ['user', 'mentions', 'posts'],
    collect(stream, ctx) {
      if (stream === 'user') return user(ctx);
      if (stream === 'mentions') return mentions(ctx);
      if (stream === 'posts') return posts(ctx);
      throw new Error(`x collector has no stream '${stream}'`);
    },
    usage: () => ({ calls: deps.http.stats.calls, quotaUnits: 0 }),
  };
}

function pick(o: Record<string, number>, keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k] as number]));
}

/**
 * The items of a lookup of latest versions, created when their originals were (`page` holds the originals): the
 * latest version's page carries only its own time, and without the original's the time is read from its id.
 */
function createdAsOriginal(latest: XNormalised, page: XNormalised): XNormalised['items'] {
  const created = new Map(page.staleVersions.flatMap((v) => (v.createdAt ? [[v.original, v.createdAt] as const] : [])));
  return latest.items.map((it) => {
    const at = created.get(it.externalId);
    return at === undefined || at.getTime() === it.createdAt.getTime() ? it : { ...it, createdAt: at };
  });
}
