import { z } from 'zod';

import type { FollowerSnapshot, ItemRecord, MetricSnapshot } from '../../domain/records.js';
import type { NormaliseCtx } from '../collector.js';
import { parseBody, type ContractWarning } from '../contract.js';
import { NAME_PLACEHOLDER, makeScrubber } from '../scrub.js';
import { DID_IN_TEXT, parseAtUri, permalinkOf, storedUri } from './uri.js';

/**
 * Bluesky AppView answers → records (../shared/reference/platform-apis.md §5.3). Pure.
 * - Owner: the post's `author.did` (or its handle) is a responder of the account; the owner's author key is its DID.
 * - A resident's DID is pseudonymised wherever it occurs: author key, the post's own AT-URI, parent and root URIs.
 * - Text: residents' handles and display names on the page, every @-mention (facets included) except the
 *   responders' own, and DIDs written in text are removed; citizen text is redacted as on every platform.
 * - Counts: likes = likeCount, comments = replyCount, shares = repostCount + quoteCount (as for X), views null.
 */
const Iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an ISO timestamp' });
const StrongRef = z.object({ uri: z.string(), cid: z.string().optional() });

const Facet = z.object({
  index: z.object({ byteStart: z.number().int().nonnegative(), byteEnd: z.number().int().nonnegative() }),
  features: z.array(z.object({ $type: z.string().optional(), did: z.string().optional() }).passthrough()),
});

export const BskyAuthor = z.object({ did: z.string().startsWith('did:'), handle: z.string(), displayName: z.string().optional() });

export const BskyPost = z.object({
  uri: z.string().startsWith('at://'),
  cid: z.string().optional(),
  author: BskyAuthor,
  record: z.object({
    text: z.string(),
    createdAt: Iso,
    reply: z.object({ root: StrongRef, parent: StrongRef }).optional(),
    facets: z.array(z.unknown()).optional(),
  }),
  replyCount: z.number().int().nonnegative().optional(),
  repostCount: z.number().int().nonnegative().optional(),
  likeCount: z.number().int().nonnegative().optional(),
  quoteCount: z.number().int().nonnegative().optional(),
  indexedAt: Iso,
  threadgate: z
    .object({
      record: z
        .object({ hiddenReplies: z.array(z.string()).optional() })
        .passthrough()
        .optional(),
    })
    .passthrough()
    .optional(),
});
export type BskyPost = z.infer<typeof BskyPost>;

export const BskyFeedPage = z.object({ cursor: z.string().optional(), feed: z.array(z.unknown()) });
const FeedItem = z.object({ post: z.unknown(), reason: z.object({ $type: z.string() }).passthrough().optional() });
export const BskyThread = z.object({ thread: z.unknown() });
export const BskyProfile = z.object({
  did: z.string().startsWith('did:'),
  handle: z.string(),
  followersCount: z.number().int().nonnegative().optional(),
});

const THREAD_VIEW = 'app.bsky.feed.defs#threadViewPost';
const NOT_FOUND = 'app.bsky.feed.defs#notFoundPost';
const BLOCKED = 'app.bsky.feed.defs#blockedPost';

export type BskyNormalised = {
  items: ItemRecord[];
  metrics: MetricSnapshot[];
  /** replyCount per stored post id. */
  replyCounts: Map<string, number>;
  warnings: ContractWarning[];
  /** Stored ids of posts that were on the page but not read: malformed, blocked for us. Never marked deleted. */
  unreadIds: string[];
  /** Stored ids of posts the AppView reported deleted (notFoundPost). */
  notFoundIds: string[];
  /** Oldest time the page reached (a feed's `sortAt`), to stop paging at a watermark. */
  oldest: Date | null;
  /** A reply list shorter than its post's replyCount: the read may have missed replies. */
  truncated: boolean;
};

/** getProfile → the follower count. */
export function normaliseBskyProfile(body: unknown, ctx: NormaliseCtx): { did: string; handle: string; followers: FollowerSnapshot[] } {
  const p = parseBody(BskyProfile, body, 'bluesky', 'profile');
  const followers =
    p.followersCount === undefined ? [] : [{ accountId: ctx.accountId, capturedAt: ctx.fetchedAt, followers: p.followersCount }];
  return { did: p.did, handle: p.handle, followers };
}

/** Malformed items of a page, folded per (what, field): the page's valid items are still stored. */
function warner(): { warn: (what: string, issue: z.ZodIssue | undefined) => void; list: () => ContractWarning[] } {
  const byField = new Map<string, ContractWarning>();
  return {
    warn(what, issue) {
      const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(item)';
      const key = `${what}\u0000${field}`;
      const w = byField.get(key);
      if (w) w.count++;
      else
        byField.set(key, { code: 'PLATFORM_CONTRACT', platform: 'bluesky', what, field, message: issue?.message ?? 'invalid', count: 1 });
    },
    list: () => [...byField.values()],
  };
}

/** The post's own time: the earlier of its record's createdAt and when the AppView indexed it (the feed's sortAt). */
export const sortAt = (p: BskyPost): Date => new Date(Math.min(Date.parse(p.record.createdAt), Date.parse(p.indexedAt)));

/** The text that a facet's UTF-8 byte range covers. */
function facetText(text: string, start: number, end: number): string {
  const bytes = Buffer.from(text, 'utf8');
  return end > start && end <= bytes.length ? bytes.subarray(start, end).toString('utf8') : '';
}

type Page = {
  posts: BskyPost[];
  hidden: Set<string>;
  pageWarnings: ContractWarning[];
  unread: string[];
  notFound: string[];
  truncated: boolean;
};

/** Turns the valid posts of one page into records. */
function toRecords(page: Page, ctx: NormaliseCtx): BskyNormalised {
  const keepHandles = new Set<string>([...(ctx.responderHandles ?? [])].map((h) => h.replace(/^@/, '').toLowerCase()));
  const isResponder = (didOrHandle: string) =>
    ctx.responders.has(didOrHandle) || keepHandles.has(didOrHandle.toLowerCase()) || ctx.responders.has(`@${didOrHandle}`);
  const ownerPost = (p: BskyPost) => isResponder(p.author.did) || isResponder(p.author.handle);
  for (const p of page.posts) if (ownerPost(p)) keepHandles.add(p.author.handle.toLowerCase());
  const pseudo = (did: string) => ctx.pseudonymise('bluesky', did);
  const stored = (uri: string) => storedUri(uri, isResponder, pseudo);

  const names = new Set<string>(ctx.residentNames ?? []);
  for (const p of page.posts) {
    if (!ownerPost(p)) {
      names.add(p.author.handle);
      if (p.author.displayName) names.add(p.author.displayName);
    }
    for (const raw of p.record.facets ?? []) {
      const f = Facet.safeParse(raw);
      if (!f.success) continue;
      for (const feat of f.data.features) {
        if (feat.$type !== 'app.bsky.richtext.facet#mention' || !feat.did || isResponder(feat.did)) continue;
        const mention = facetText(p.record.text, f.data.index.byteStart, f.data.index.byteEnd).replace(/^@/, '');
        if (mention && !keepHandles.has(mention.toLowerCase())) names.add(mention);
      }
    }
  }
  for (const k of keepHandles) names.delete(k);
  const scrub = makeScrubber(names, keepHandles);
  const noDids = (text: string) => text.replace(DID_IN_TEXT, (d) => (isResponder(d) ? d : NAME_PLACEHOLDER));

  const items: ItemRecord[] = [];
  const metrics: MetricSnapshot[] = [];
  const replyCounts = new Map<string, number>();
  let oldest: Date | null = null;
  for (const p of page.posts) {
    const owner = ownerPost(p);
    const id = stored(p.uri);
    const at = sortAt(p);
    if (!oldest || at < oldest) oldest = at;
    const reply = p.record.reply;
    const rootUri = reply?.root.uri ?? p.uri;
    const rootOwner = parseAtUri(rootUri);
    items.push({
      platform: 'bluesky',
      externalId: id,
      accountId: ctx.accountId,
      kind: reply ? 'comment' : 'post',
      parentExternalId: reply ? stored(reply.parent.uri) : null,
      rootExternalId: reply ? stored(reply.root.uri) : id,
      authorRole: owner ? 'owner' : 'citizen',
      authorKey: owner ? p.author.did : pseudo(p.author.did),
      createdAt: at,
      editedAt: null,
      hiddenAt: page.hidden.has(p.uri) ? ctx.fetchedAt : null,
      text: scrub(noDids(p.record.text), owner ? 'owner' : 'citizen'),
      // A resident's post is linked through its thread's root when that is a responder's post (never by their DID).
      permalink: owner ? permalinkOf(p.uri) : rootOwner && isResponder(rootOwner.authority) ? permalinkOf(rootUri) : null,
    });
    if (p.replyCount !== undefined) replyCounts.set(id, p.replyCount);
    const known = p.likeCount !== undefined || p.replyCount !== undefined || p.repostCount !== undefined || p.quoteCount !== undefined;
    if (known) {
      metrics.push({
        platform: 'bluesky',
        externalId: id,
        capturedAt: ctx.fetchedAt,
        likes: p.likeCount ?? null,
        comments: p.replyCount ?? null,
        shares: p.repostCount === undefined && p.quoteCount === undefined ? null : (p.repostCount ?? 0) + (p.quoteCount ?? 0),
        views: null,
      });
    }
  }
  return {
    items,
    metrics,
    replyCounts,
    warnings: page.pageWarnings,
    unreadIds: page.unread.map(stored),
    notFoundIds: page.notFound.map(stored),
    oldest,
    truncated: page.truncated,
  };
}

/** The raw `uri` of an object, if it has one (for a malformed item: it still counts as seen). */
const uriOf = (raw: unknown): string | undefined => {
  const u = raw !== null && typeof raw === 'object' ? (raw as { uri?: unknown }).uri : undefined;
  return typeof u === 'string' ? u : undefined;
};

/**
 * One getAuthorFeed page. Reposts of others' posts (`reason` app.bsky.feed.defs#reasonRepost) and pinned
 * duplicates (#reasonPin) are not the account's items and are skipped; so are replies (`record.reply`): the
 * account's replies are read with their threads, and the roots of the account's own threads it replied in are
 * reported (`ownReplyRoots`) so that a thread the account answered in late is read again. A malformed feed item is a warning, the page is kept.
 */
export function normaliseBskyFeed(
  body: unknown,
  ctx: NormaliseCtx,
): BskyNormalised & { cursor: string | undefined; ownReplyRoots: string[] } {
  const env = parseBody(BskyFeedPage, body, 'bluesky', 'author feed');
  const w = warner();
  const handles = new Set([...(ctx.responderHandles ?? [])].map((h) => h.replace(/^@/, '').toLowerCase()));
  const ownReplyRoots: string[] = [];
  const posts: BskyPost[] = [];
  const unread: string[] = [];
  let oldestReason: Date | null = null;
  for (const raw of env.feed) {
    const item = FeedItem.safeParse(raw);
    if (!item.success) {
      w.warn('author feed', item.error.issues[0]);
      continue;
    }
    const reason = item.data.reason?.$type;
    if (reason === 'app.bsky.feed.defs#reasonRepost' || reason === 'app.bsky.feed.defs#reasonPin') {
      const at = (item.data.reason as { indexedAt?: unknown }).indexedAt;
      if (reason === 'app.bsky.feed.defs#reasonRepost' && typeof at === 'string' && !Number.isNaN(Date.parse(at))) {
        const d = new Date(at);
        if (!oldestReason || d < oldestReason) oldestReason = d;
      }
      continue;
    }
    const p = BskyPost.safeParse(item.data.post);
    if (!p.success) {
      const issue = p.error.issues[0];
      w.warn('author feed', issue ? { ...issue, path: ['post', ...issue.path] } : issue);
      const u = uriOf(item.data.post);
      if (u) unread.push(u);
      continue;
    }
    if (p.data.record.reply) {
      const at = sortAt(p.data);
      if (!oldestReason || at < oldestReason) oldestReason = at;
      // The account answered in a thread: when the thread is the account's own, it is read again (however old).
      const root = parseAtUri(p.data.record.reply.root.uri);
      const mine = (s: string) => ctx.responders.has(s) || handles.has(s.toLowerCase());
      if (
        root &&
        (mine(p.data.author.did) || mine(p.data.author.handle)) &&
        (mine(root.authority) || root.authority === p.data.author.did)
      ) {
        ownReplyRoots.push(p.data.record.reply.root.uri);
      }
      continue;
    }
    posts.push(p.data);
  }
  const n = toRecords({ posts, hidden: new Set(), pageWarnings: w.list(), unread, notFound: [], truncated: false }, ctx);
  const oldest = n.oldest && oldestReason ? (n.oldest < oldestReason ? n.oldest : oldestReason) : (n.oldest ?? oldestReason);
  return { ...n, oldest, cursor: env.cursor, ownReplyRoots };
}

/** Deepest reply level walked (the AppView's own maximum `depth` is 1000). */
const MAX_DEPTH = 1000;

/**
 * One getPostThread answer: the root post and every reply below it. `#notFoundPost` replies are deleted;
 * `#blockedPost` replies exist but cannot be read by us (never marked deleted); replies the thread's author hid
 * (the threadgate's `hiddenReplies`) are hidden; a malformed reply is a warning and its subtree is not read.
 */
export function normaliseBskyThread(body: unknown, ctx: NormaliseCtx): BskyNormalised {
  const env = parseBody(BskyThread, body, 'bluesky', 'post thread');
  const w = warner();
  const posts: BskyPost[] = [];
  const unread: string[] = [];
  const notFound: string[] = [];
  const hidden = new Set<string>();
  let truncated = false;
  const walk = (node: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || node === null || typeof node !== 'object') return;
    const type = (node as { $type?: unknown }).$type;
    const uri = uriOf(node);
    if (type === NOT_FOUND) {
      if (uri) notFound.push(uri);
      return;
    }
    if (type === BLOCKED) {
      if (uri) unread.push(uri);
      return;
    }
    if (type !== undefined && type !== THREAD_VIEW) {
      // A union member this collector does not know: what it is about cannot be told, so nothing is concluded.
      truncated = true;
      if (uri) unread.push(uri);
      return;
    }
    const p = BskyPost.safeParse((node as { post?: unknown }).post);
    if (!p.success) {
      const issue = p.error.issues[0];
      w.warn('post thread', issue ? { ...issue, path: ['post', ...issue.path] } : issue);
      const u = uriOf((node as { post?: unknown }).post);
      if (u) unread.push(u);
      truncated = true;
      return;
    }
    posts.push(p.data);
    for (const h of p.data.threadgate?.record?.hiddenReplies ?? []) hidden.add(h);
    const replies = (node as { replies?: unknown }).replies;
    const list = Array.isArray(replies) ? replies : [];
    if ((p.data.replyCount ?? 0) > list.length) truncated = true;
    for (const r of list) walk(r, depth + 1);
  };
  walk(env.thread, 0);
  return toRecords({ posts, hidden, pageWarnings: w.list(), unread, notFound, truncated }, ctx);
}
