import { followersAt, hiddenAt, likesAt, sharesAt, visible } from './engagement.js';
import {
  decodeCursor,
  encodeCursor,
  isoMillis,
  isPosition,
  json,
  pageOf,
  type HandlerCtx,
  type PlatformApi,
  type Principal,
  type Routed,
  type SimResponse,
} from './exchange.js';
import type { AccountData, AccountSpec, SimItem, World } from './world.js';

/**
 * The Bluesky AppView under /xrpc/ (../shared/reference/platform-apis.md §5), public and unauthenticated:
 * app.bsky.actor.getProfile, app.bsky.feed.getAuthorFeed (newest first, `limit` 1–100, opaque `cursor`, `filter`)
 * and app.bsky.feed.getPostThread (`depth`, `parentHeight`). XRPC error bodies `{"error","message"}`; xrpc-server's
 * RateLimit-* headers on every answer (the AppView's limits are undisclosed: 3000 calls per 5 minutes, the
 * documented PDS figure, stands in). A reply the account hid is listed in the root's threadgate `hiddenReplies`; a
 * deleted reply that still has replies shows as `#notFoundPost`; a deleted post read directly is 400 NotFound.
 */

const WINDOW_S = 300;
const LIMIT = 3000;
const COLLECTION = 'app.bsky.feed.post';

class XrpcError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

const xrpcError = (status: number, error: string, message: string, headers: Record<string, string> = {}): SimResponse =>
  json(status, { error, message }, headers);

const invalid = (message: string) => new XrpcError(400, 'InvalidRequest', message);

function blueskyAccount(world: World, actor: string): AccountSpec | null {
  const id = actor.startsWith('did:') ? actor : world.accountByHandle('bluesky', actor);
  const s = id ? world.spec(id) : undefined;
  return s && s.account.platform === 'bluesky' ? s : null;
}

/** The account whose threads hold the post `uri` (its own posts, or residents' replies in its threads). */
function dataOfUri(world: World, uri: string): { data: AccountData; item: SimItem } | null {
  const did = /^at:\/\/([^/]+)\//.exec(uri)?.[1] ?? '';
  const own = blueskyAccount(world, did);
  const candidates = own
    ? [own]
    : world.accounts
        .filter((a) => a.platform === 'bluesky')
        .map((a) => world.spec(a.externalId))
        .filter((s): s is AccountSpec => !!s);
  for (const s of candidates) {
    const data = world.data(s.account.externalId);
    const item = data.byId.get(uri);
    if (item) return { data, item };
  }
  return null;
}

function intParam(q: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = q.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw invalid(`Error: ${name} must be an integer`);
  if (n < min) throw invalid(`Error: ${name} must be >= ${min}`);
  if (n > max) throw invalid(`Error: ${name} must be <= ${max}`);
  return n;
}

function author(world: World, it: SimItem): Record<string, unknown> {
  const spec = world.spec(it.authorId);
  if (spec)
    return {
      did: spec.account.externalId,
      handle: spec.account.handle,
      displayName: spec.account.name,
      labels: [],
      createdAt: isoMillis(spec.createdAtMs),
    };
  return { did: it.authorId, handle: it.authorHandle, displayName: it.authorName, labels: [], createdAt: '2023-09-01T10:00:00.000Z' };
}

/** `@handle` mentions in the text as app.bsky.richtext.facet#mention (UTF-8 byte offsets), with the DIDs they name. */
function mentionFacets(world: World, data: AccountData, it: SimItem): unknown[] {
  const out: unknown[] = [];
  for (const m of it.text.matchAll(/@([a-z0-9][a-z0-9.-]*[a-z0-9])/g)) {
    const handle = m[1] ?? '';
    const did = world.accountByHandle('bluesky', handle) ?? data.items.find((x) => x.authorHandle === handle)?.authorId;
    if (!did) continue;
    const byteStart = Buffer.byteLength(it.text.slice(0, m.index));
    out.push({
      $type: 'app.bsky.richtext.facet',
      index: { byteStart, byteEnd: byteStart + Buffer.byteLength(m[0]) },
      features: [{ $type: 'app.bsky.richtext.facet#mention', did }],
    });
  }
  return out;
}

/** A post as the AppView renders it (postView). */
function postView(ctx: HandlerCtx, data: AccountData, it: SimItem): Record<string, unknown> {
  const record: Record<string, unknown> = {
    $type: COLLECTION,
    createdAt: isoMillis(it.createdAt),
    langs: [it.lang === 'en' ? 'en' : it.lang === 'nn' ? 'nn' : 'nb'],
    text: it.text,
  };
  const facets = it.text.includes('@') ? mentionFacets(ctx.world, data, it) : [];
  if (facets.length) record.facets = facets;
  if (it.parentId) {
    const root = data.byId.get(it.rootId);
    record.reply = { root: { uri: it.rootId, cid: cidOf(root?.id ?? it.rootId) }, parent: { uri: it.parentId, cid: cidOf(it.parentId) } };
  }
  const shares = sharesAt(it, ctx.now);
  let replies = 0;
  for (const c of data.children.get(it.id) ?? []) if (ctx.visible(c)) replies++;
  const view: Record<string, unknown> = {
    uri: it.id,
    cid: cidOf(it.id),
    author: author(ctx.world, it),
    record,
    bookmarkCount: 0,
    replyCount: replies,
    repostCount: shares,
    likeCount: likesAt(it, ctx.now),
    quoteCount: Math.floor(shares / 10),
    indexedAt: isoMillis(it.createdAt + 700),
    labels: [],
  };
  if (!it.parentId) {
    const hidden = (data.threads.get(it.id) ?? []).filter((c) => c.id !== it.id && ctx.visible(c) && hiddenAt(c, ctx.now)).map((c) => c.id);
    if (hidden.length) {
      const rkey = it.id.split('/').pop() ?? '';
      view.threadgate = {
        uri: `at://${it.authorId}/app.bsky.feed.threadgate/${rkey}`,
        cid: cidOf(`${it.id}#gate`),
        record: { $type: 'app.bsky.feed.threadgate', post: it.id, createdAt: isoMillis(it.createdAt), hiddenReplies: hidden },
        lists: [],
      };
    }
  }
  return view;
}

/** A stable, CID-shaped string for an id (bafyrei + 52 base32 characters). */
function cidOf(id: string): string {
  let h = 2166136261;
  let s = 'bafyrei';
  for (let i = 0; s.length < 59; i++) {
    h = Math.imul(h ^ id.charCodeAt(i % id.length) ^ i, 16777619) >>> 0;
    s += 'abcdefghijklmnopqrstuvwxyz234567'[h % 32];
  }
  return s;
}

function threadNode(ctx: HandlerCtx, data: AccountData, it: SimItem, depth: number): Record<string, unknown> {
  const node: Record<string, unknown> = { $type: 'app.bsky.feed.defs#threadViewPost', post: postView(ctx, data, it) };
  if (depth <= 0) return node;
  const replies: unknown[] = [];
  for (const c of data.children.get(it.id) ?? []) {
    if (c.createdAt > ctx.now) continue;
    if (ctx.visible(c)) replies.push(threadNode(ctx, data, c, depth - 1));
    // A deleted reply is gone from the index; it still shows as notFoundPost where replies hang under it.
    else if ((data.children.get(c.id) ?? []).some((g) => visible(g, ctx.now)))
      replies.push({ $type: 'app.bsky.feed.defs#notFoundPost', uri: c.id, notFound: true });
  }
  node.replies = replies;
  return node;
}

type Handler = (ctx: HandlerCtx, q: URLSearchParams) => unknown;

const ROUTES: Record<string, { target: (world: World, q: URLSearchParams) => string | null; run: Handler }> = {
  'app.bsky.actor.getProfile': {
    target: (world, q) => blueskyAccount(world, q.get('actor') ?? '')?.account.externalId ?? null,
    run(ctx, q) {
      const actor = q.get('actor');
      if (!actor) throw invalid('Error: Params must have the property "actor"');
      const spec = blueskyAccount(ctx.world, actor);
      if (!spec) throw invalid('Profile not found');
      const a = spec.account;
      const data = ctx.world.data(a.externalId);
      return {
        did: a.externalId,
        handle: a.handle,
        displayName: a.name,
        description: `Offisiell konto for ${spec.municipality.name} kommune. Vi svarer på hverdager 08–15.45.`,
        associated: { lists: 0, feedgens: 0, starterPacks: 0, labeler: false, chat: { allowIncoming: 'none' } },
        labels: [],
        createdAt: isoMillis(spec.createdAtMs),
        indexedAt: isoMillis(spec.createdAtMs + 60_000),
        followersCount: followersAt(spec, ctx.world.startMs, ctx.now),
        followsCount: 40 + (spec.followersAtStart % 200),
        postsCount: data.items.filter((i) => i.authorId === a.externalId && ctx.visible(i)).length,
      };
    },
  },
  'app.bsky.feed.getAuthorFeed': {
    target: (world, q) => blueskyAccount(world, q.get('actor') ?? '')?.account.externalId ?? null,
    run(ctx, q) {
      const actor = q.get('actor');
      if (!actor) throw invalid('Error: Params must have the property "actor"');
      const limit = intParam(q, 'limit', 50, 1, 100);
      const filter = q.get('filter') ?? 'posts_with_replies';
      if (
        !['posts_with_replies', 'posts_no_replies', 'posts_with_media', 'posts_and_author_threads', 'posts_with_video'].includes(filter)
      ) {
        throw invalid(
          `Error: filter must be one of posts_with_replies, posts_no_replies, posts_with_media, posts_and_author_threads, posts_with_video`,
        );
      }
      const spec = blueskyAccount(ctx.world, actor);
      if (!spec) throw invalid('Profile not found');
      const did = spec.account.externalId;
      const data = ctx.world.data(did);
      const own = data.items.filter(
        (i) =>
          i.authorId === did &&
          ctx.visible(i) &&
          (filter === 'posts_with_replies' ||
            i.kind === 'post' ||
            (filter === 'posts_and_author_threads' && data.byId.get(i.rootId)?.authorId === did)),
      );
      own.reverse();
      const raw = q.get('cursor');
      const pos = raw ? decodeCursor(raw, isPosition) : null;
      if (raw && !pos) throw invalid('Malformed cursor');
      const page = pageOf(ctx, own, pos, 'desc', limit);
      const feed = page.items.map((it) => {
        const entry: Record<string, unknown> = { post: postView(ctx, data, it) };
        if (it.parentId) {
          const root = data.byId.get(it.rootId);
          const parent = data.byId.get(it.parentId);
          const ref = (x: SimItem | undefined, uri: string) =>
            x && ctx.visible(x)
              ? { $type: 'app.bsky.feed.defs#postView', ...postView(ctx, data, x) }
              : { $type: 'app.bsky.feed.defs#notFoundPost', uri, notFound: true };
          entry.reply = { root: ref(root, it.rootId), parent: ref(parent, it.parentId) };
        }
        return entry;
      });
      return { feed, ...(page.next ? { cursor: encodeCursor(page.next) } : {}) };
    },
  },
  'app.bsky.feed.getPostThread': {
    target: (world, q) => {
      const did = /^at:\/\/([^/]+)\//.exec(q.get('uri') ?? '')?.[1] ?? '';
      return blueskyAccount(world, did)?.account.externalId ?? null;
    },
    run(ctx, q) {
      const uri = q.get('uri');
      if (!uri) throw invalid('Error: Params must have the property "uri"');
      if (!/^at:\/\/[^/]+\/[^/]+\/[^/]+$/.test(uri)) throw invalid('Error: uri must be a valid at-uri');
      const depth = intParam(q, 'depth', 6, 0, 1000);
      intParam(q, 'parentHeight', 80, 0, 1000);
      const found = dataOfUri(ctx.world, uri);
      if (!found || found.item.createdAt > ctx.now || !ctx.visible(found.item))
        throw new XrpcError(400, 'NotFound', `Post not found: ${uri}`);
      return { thread: threadNode(ctx, found.data, found.item, depth) };
    },
  },
};

function windowHeaders(ctx: HandlerCtx, used: number): Record<string, string> {
  const reset = (Math.floor(ctx.now / (WINDOW_S * 1000)) + 1) * WINDOW_S;
  return {
    'ratelimit-limit': String(LIMIT),
    'ratelimit-remaining': String(Math.max(0, LIMIT - used)),
    'ratelimit-reset': String(reset),
    'ratelimit-policy': `${LIMIT};w=${WINDOW_S}`,
  };
}

export const blueskyApi: PlatformApi = {
  platform: 'bluesky',

  route(req, world): Routed | SimResponse {
    const nsid = req.path.replace(/^\/xrpc\//, '');
    const route = ROUTES[nsid];
    if (!route) return xrpcError(501, 'MethodNotImplemented', 'Method Not Implemented');
    if (req.method !== 'GET') return xrpcError(400, 'InvalidRequest', `Incorrect HTTP method (${req.method}) expected GET`);
    return {
      endpoint: nsid,
      account: route.target(world, req.query),
      handle(ctx) {
        try {
          return json(200, route.run(ctx, ctx.req.query));
        } catch (e) {
          if (e instanceof XrpcError) return xrpcError(e.status, e.error, e.message);
          throw e;
        }
      },
    };
  },

  // Public reads: nobody signs in; every caller is the same anonymous principal.
  authenticate(): Principal {
    return { token: '', account: null, shared: true };
  },

  meter(ctx) {
    const key = `bsky-rl:${Math.floor(ctx.now / (WINDOW_S * 1000))}`;
    const used = (ctx.state.counters.get(key) ?? 0) + 1;
    ctx.state.counters.set(key, used);
    const headers = windowHeaders(ctx, used);
    if (used > LIMIT) return { headers, error: xrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded', headers) };
    return { headers, error: null };
  },

  usesField: () => false,

  errors: {
    rateLimit(ctx, _principal, fault) {
      const headers = {
        ...windowHeaders(ctx, Number.MAX_SAFE_INTEGER),
        ...(fault.retryAfterS ? { 'retry-after': String(fault.retryAfterS) } : {}),
      };
      return xrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded', headers);
    },
    serverError(_ctx, status) {
      const s = status ?? 500;
      const [error, message] =
        s === 502
          ? ['UpstreamFailure', 'Upstream Failure']
          : s === 503
            ? ['NotEnoughResources', 'Not Enough Resources']
            : s === 504
              ? ['UpstreamTimeout', 'Upstream Timeout']
              : ['InternalServerError', 'Internal Server Error'];
      return xrpcError(s, error, message);
    },
    expiredToken() {
      return xrpcError(401, 'AuthenticationRequired', 'Authentication Required');
    },
    missingPermission() {
      return xrpcError(403, 'Forbidden', 'Forbidden');
    },
    retiredField(_ctx, field) {
      return xrpcError(400, 'InvalidRequest', `Error: ${field} is not a supported parameter`);
    },
  },
};
