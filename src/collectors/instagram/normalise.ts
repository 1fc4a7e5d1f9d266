import { createHash } from 'node:crypto';

import { z } from 'zod';

import type { FollowerSnapshot, ItemRecord, MetricSnapshot } from '../../domain/records.js';
import type { NormaliseCtx } from '../collector.js';
import { parseBody, parseItems, Timestamp, type ContractWarning } from '../contract.js';
import { GraphPaging } from '../graph-paging.js';
import { makeScrubber } from '../scrub.js';

/**
 * Instagram Graph pages → records. Pure: no IO, no clock. Media are the account's own posts; comments are one
 * level of replies deep (a reply to a reply attaches to the top-level comment, platform-apis.md §4.2).
 *
 * Who wrote a comment: `from.id` is documented as an Instagram-scoped id, so it need not equal the IG user id of
 * the account itself; the account's own comments are recognised by username (the account's, read from its
 * profile and its media, and the responders' handles) as well as by id. A resident is pseudonymised by their
 * Instagram-scoped id (`from.id`); when a response carries only a username, by that username (keyed, never
 * stored raw). Residents' usernames and every @-mention of a resident are scrubbed from every stored text.
 */

const Count = z.number().int().nonnegative();
const From = z.object({ id: z.string().optional(), username: z.string().optional(), self_ig_scoped_id: z.string().optional() });

export const IgProfile = z.object({
  id: z.string(),
  username: z.string().optional(),
  followers_count: Count.optional(),
  media_count: Count.optional(),
});

export const IgMedia = z.object({
  id: z.string(),
  caption: z.string().optional(),
  media_type: z.string().optional(),
  media_product_type: z.string().optional(),
  permalink: z.string().optional(),
  timestamp: Timestamp,
  username: z.string().optional(),
  // Left out when the owner hid like counts: unknown, not zero.
  like_count: Count.optional(),
  comments_count: Count.optional(),
  view_count: Count.optional(),
  // The first page of comments folded into the listing (field expansion); checked item by item when read.
  comments: z.object({ data: z.array(z.unknown()), paging: GraphPaging }).optional(),
});

const IgReply = z.object({
  id: z.string(),
  text: z.string().optional(),
  timestamp: Timestamp,
  username: z.string().optional(),
  from: From.optional(),
  like_count: Count.optional(),
  hidden: z.boolean().optional(),
  parent_id: z.string().optional(),
});

export const IgComment = IgReply.extend({
  // Replies expanded inline; checked one by one like the page's items.
  replies: z.object({ data: z.array(z.unknown()), paging: GraphPaging }).optional(),
});
type IgComment = z.infer<typeof IgReply>;

/** Page envelopes; their items are checked one by one (parseItems), so one malformed item never costs its page. */
export const IgPage = z.object({ data: z.array(z.unknown()), paging: GraphPaging });

export const UNKNOWN_AUTHOR = 'r_unknown';

const lc = (s: string) => s.replace(/^@/, '').toLowerCase();

/** The usernames that are the municipality's own on this platform: the responders' handles and the account's. */
export function ownerNames(ctx: NormaliseCtx, own: Iterable<string>): Set<string> {
  return new Set([...(ctx.responderHandles ?? []), ...own].map(lc));
}

function author(c: IgComment, ctx: NormaliseCtx, owners: ReadonlySet<string>): { authorRole: 'owner' | 'citizen'; authorKey: string } {
  const id = c.from?.id;
  const username = c.username ?? c.from?.username;
  if (id !== undefined && ctx.responders.has(id)) return { authorRole: 'owner', authorKey: id };
  if (username !== undefined && owners.has(lc(username))) {
    // The account's own username is the account; another responder's (a public body's) is kept as its handle.
    return { authorRole: 'owner', authorKey: ctx.responders.size <= 1 ? ctx.accountExternalId : `@${lc(username)}` };
  }
  if (id !== undefined) return { authorRole: 'citizen', authorKey: ctx.pseudonymise('instagram', id) };
  if (username !== undefined) return { authorRole: 'citizen', authorKey: ctx.pseudonymise('instagram', `username:${lc(username)}`) };
  return { authorRole: 'citizen', authorKey: UNKNOWN_AUTHOR };
}

/** Residents' usernames on a page: removed from every text stored from it (with the thread's earlier names). */
function residentNames(comments: readonly IgComment[], ctx: NormaliseCtx, owners: ReadonlySet<string>): Set<string> {
  const names = new Set<string>(ctx.residentNames ?? []);
  for (const c of comments) {
    for (const u of [c.username, c.from?.username])
      if (u && !owners.has(lc(u)) && !(c.from?.id && ctx.responders.has(c.from.id))) names.add(u);
  }
  return names;
}

export function normaliseProfile(body: unknown, ctx: NormaliseCtx): { followers: FollowerSnapshot[]; username: string | null } {
  const p = parseBody(IgProfile, body, 'instagram', 'profile');
  return {
    followers:
      p.followers_count === undefined ? [] : [{ accountId: ctx.accountId, capturedAt: ctx.fetchedAt, followers: p.followers_count }],
    username: p.username ?? null,
  };
}

export type MediaThread = {
  mediaId: string;
  /** Moves when the thread does: the comment count and the folded first page's ids, hidden flags and paging. */
  signature: string;
  comments: number;
  createdAt: Date;
  /** The thread's first comment page when the listing folded it in. */
  firstPage?: { data: unknown[]; paging?: { next?: string | undefined } | undefined };
};

/** The folded first page as it bears on the thread's state: who is there, who is hidden, whether more follow. */
function foldedDigest(page: { data: unknown[]; paging?: { next?: string | undefined } | undefined } | undefined): string {
  if (!page) return '';
  const parts: string[] = [];
  const walk = (list: unknown[]) => {
    for (const raw of list) {
      const c = (raw ?? {}) as { id?: unknown; hidden?: unknown; replies?: { data?: unknown; paging?: { next?: unknown } } };
      parts.push(`${String(c.id)}${c.hidden === true ? 'h' : ''}`);
      if (Array.isArray(c.replies?.data)) {
        parts.push('(');
        walk(c.replies.data);
        parts.push(c.replies.paging?.next ? '+)' : ')');
      }
    }
  };
  walk(page.data);
  return createHash('sha1')
    .update(`${parts.join(',')}${page.paging?.next ? '+' : ''}`)
    .digest('base64url')
    .slice(0, 16);
}

/** One page of `/{ig-user-id}/media`: the account's posts and their counts (no shares on Instagram). */
export function normaliseMediaPage(
  body: unknown,
  ctx: NormaliseCtx,
  own: Iterable<string> = [],
): {
  items: ItemRecord[];
  metrics: MetricSnapshot[];
  threads: MediaThread[];
  usernames: string[];
  warnings: ContractWarning[];
  rejectedIds: string[];
} {
  const page = parseBody(IgPage, body, 'instagram', 'media listing');
  const parsed = parseItems(IgMedia, page.data, 'instagram', 'media listing');
  const usernames = [...new Set(parsed.items.flatMap((m) => (m.username ? [m.username] : [])))];
  // The account's own caption: only residents' @-mentions go (the account and the responders stay).
  const scrub = makeScrubber([], [...(ctx.responderHandles ?? []), ...own, ...usernames]);
  const items: ItemRecord[] = [];
  const metrics: MetricSnapshot[] = [];
  const threads: MediaThread[] = [];
  for (const m of parsed.items) {
    const createdAt = m.timestamp;
    items.push({
      platform: 'instagram',
      externalId: m.id,
      accountId: ctx.accountId,
      kind: 'post',
      parentExternalId: null,
      rootExternalId: m.id,
      // `/{ig-user-id}/media` lists the account's own media only.
      authorRole: 'owner',
      authorKey: ctx.accountExternalId,
      createdAt,
      editedAt: null,
      hiddenAt: null,
      text: m.caption === undefined ? null : scrub(m.caption, 'owner'),
      permalink: m.permalink ?? null,
    });
    const comments = m.comments_count ?? null;
    metrics.push({
      platform: 'instagram',
      externalId: m.id,
      capturedAt: ctx.fetchedAt,
      likes: m.like_count ?? null,
      comments,
      shares: null,
      views: m.view_count ?? null,
    });
    threads.push({
      mediaId: m.id,
      signature: `${comments ?? ''}|${foldedDigest(m.comments)}`,
      comments: comments ?? 1,
      createdAt,
      ...(m.comments ? { firstPage: { data: m.comments.data, paging: m.comments.paging } } : {}),
    });
  }
  return { items, metrics, threads, usernames, warnings: parsed.warnings, rejectedIds: parsed.rejectedIds };
}

function record(
  c: IgComment,
  mediaId: string,
  parent: string,
  ctx: NormaliseCtx,
  owners: ReadonlySet<string>,
  scrub: (t: string, r: 'owner' | 'citizen') => string,
): ItemRecord {
  const a = author(c, ctx, owners);
  return {
    platform: 'instagram',
    externalId: c.id,
    accountId: ctx.accountId,
    kind: 'comment',
    parentExternalId: parent,
    rootExternalId: mediaId,
    ...a,
    createdAt: c.timestamp,
    editedAt: null,
    hiddenAt: c.hidden ? ctx.fetchedAt : null,
    text: c.text === undefined ? null : scrub(c.text, a.authorRole),
    permalink: null,
  };
}

export type ReplyOverflow = { commentId: string; seenReplyIds: string[] };

/**
 * One page of `/{media-id}/comments` with replies expanded: top-level comments (parent: the medium) and their
 * inline replies (parent: the comment). `overflow`: comments whose inline replies have a further page, to be read
 * with `/{comment-id}/replies`.
 */
export function normaliseCommentPage(
  body: unknown,
  ctx: NormaliseCtx,
  mediaId: string,
  own: Iterable<string> = [],
): { items: ItemRecord[]; names: Set<string>; overflow: ReplyOverflow[]; warnings: ContractWarning[]; rejectedIds: string[] } {
  const page = parseBody(IgPage, body, 'instagram', 'comment listing');
  const parsed = parseItems(IgComment, page.data, 'instagram', 'comment listing');
  const owners = ownerNames(ctx, own);
  const replies = parsed.items.map((c) => ({ c, r: parseItems(IgReply, c.replies?.data ?? [], 'instagram', 'comment replies') }));
  const all: IgComment[] = [...parsed.items, ...replies.flatMap((x) => x.r.items)];
  const names = residentNames(all, ctx, owners);
  const scrub = makeScrubber(names, owners);
  const items: ItemRecord[] = [];
  const overflow: ReplyOverflow[] = [];
  const warnings = [...parsed.warnings];
  const rejectedIds = [...parsed.rejectedIds];
  for (const { c, r } of replies) {
    items.push(record(c, mediaId, mediaId, ctx, owners, scrub));
    for (const reply of r.items) items.push(record(reply, mediaId, c.id, ctx, owners, scrub));
    warnings.push(...r.warnings);
    rejectedIds.push(...r.rejectedIds);
    if (c.replies?.paging?.next) overflow.push({ commentId: c.id, seenReplyIds: [...r.items.map((x) => x.id), ...r.rejectedIds] });
  }
  return { items, names, overflow, warnings, rejectedIds };
}

/** One page of `/{comment-id}/replies`. */
export function normaliseReplyPage(
  body: unknown,
  ctx: NormaliseCtx,
  mediaId: string,
  commentId: string,
  own: Iterable<string> = [],
): { items: ItemRecord[]; names: Set<string>; warnings: ContractWarning[]; rejectedIds: string[] } {
  const page = parseBody(IgPage, body, 'instagram', 'reply listing');
  const parsed = parseItems(IgReply, page.data, 'instagram', 'reply listing');
  const owners = ownerNames(ctx, own);
  const names = residentNames(parsed.items, ctx, owners);
  const scrub = makeScrubber(names, owners);
  return {
    items: parsed.items.map((c) => record(c, mediaId, commentId, ctx, owners, scrub)),
    names,
    warnings: parsed.warnings,
    rejectedIds: parsed.rejectedIds,
  };
}
