import { z } from 'zod';

import type { FollowerSnapshot, ItemRecord, MetricSnapshot } from '../../domain/records.js';
import type { NormaliseCtx } from '../collector.js';
import { parseBody, parseItems, Timestamp, TimestampText, type ContractWarning } from '../contract.js';
import { GraphPaging } from '../graph-paging.js';
import { makeScrubber } from '../scrub.js';

/**
 * Graph API pages → records. Pure: no IO, no clock (`ctx.fetchedAt` is the observation time). Resident ids
 * are pseudonymised and resident names removed here, before anything can reach the store or a log.
 */

const From = z.object({ id: z.string(), name: z.string().optional() });
const Tag = z.object({ id: z.string().optional(), name: z.string().optional(), type: z.string().optional() });
const Summary = z.object({ total_count: z.number().int().nonnegative() });

export const GraphComment = z.object({
  id: z.string(),
  message: z.string().optional(),
  created_time: Timestamp,
  from: From.optional(),
  parent: z.object({ id: z.string() }).optional(),
  message_tags: z.array(Tag).optional(),
  like_count: z.number().int().nonnegative().optional(),
  comment_count: z.number().int().nonnegative().optional(),
  is_hidden: z.boolean().optional(),
  permalink_url: z.string().optional(),
});
export type GraphComment = z.infer<typeof GraphComment>;

export const GraphPost = z.object({
  id: z.string(),
  message: z.string().optional(),
  story: z.string().optional(),
  created_time: Timestamp,
  updated_time: TimestampText.optional(),
  permalink_url: z.string().optional(),
  from: From.optional(),
  message_tags: z.array(Tag).optional(),
  is_hidden: z.boolean().optional(),
  is_published: z.boolean().optional(),
  shares: z.object({ count: z.number().int().nonnegative() }).optional(),
  reactions: z.object({ summary: Summary }).optional(),
  // `data` and `paging` when the first page of comments is folded into the listing (field expansion). Graph leaves
  // `summary` out when it cannot count (then the total is unknown, not zero); folded comments are checked one by one.
  comments: z.object({ summary: Summary.optional(), data: z.array(z.unknown()).optional(), paging: GraphPaging }).optional(),
});
export type GraphPost = z.infer<typeof GraphPost>;

/** Page envelopes; their items are checked one by one (parseItems), so one malformed item never costs its page. */
export const GraphPostPage = z.object({ data: z.array(z.unknown()), paging: GraphPaging });
export type GraphPostPage = z.infer<typeof GraphPostPage>;

export const GraphCommentPage = z.object({ data: z.array(z.unknown()), paging: GraphPaging });
export type GraphCommentPage = z.infer<typeof GraphCommentPage>;

export const GraphPageInfo = z.object({
  id: z.string(),
  followers_count: z.number().int().nonnegative().optional(),
  fan_count: z.number().int().nonnegative().optional(),
});

/** Author key for an item whose `from` is missing (identity withheld by the platform). */
export const UNKNOWN_AUTHOR = 'r_unknown';

function author(from: { id: string } | undefined, ctx: NormaliseCtx): { authorRole: 'owner' | 'citizen'; authorKey: string } {
  if (!from) return { authorRole: 'citizen', authorKey: UNKNOWN_AUTHOR };
  if (ctx.responders.has(from.id)) return { authorRole: 'owner', authorKey: from.id };
  return { authorRole: 'citizen', authorKey: ctx.pseudonymise('facebook', from.id) };
}

/** Names that must not be stored: @-tagged people (not responder Pages) and citizen authors on the page. */
function residentNames(
  things: ReadonlyArray<{
    from?: { id: string; name?: string | undefined } | undefined;
    message_tags?: ReadonlyArray<z.infer<typeof Tag>> | undefined;
  }>,
  ctx: NormaliseCtx,
): Set<string> {
  const names = new Set<string>();
  for (const t of things) {
    if (t.from?.name && !ctx.responders.has(t.from.id)) names.add(t.from.name);
    for (const tag of t.message_tags ?? []) {
      if (tag.name && !(tag.id && ctx.responders.has(tag.id))) names.add(tag.name);
    }
  }
  return names;
}

export type PostThread = {
  postId: string;
  signature: string;
  comments: number;
  createdAt: Date;
  /** The thread's first comment page when the listing folded it in (a body for normaliseCommentPage). */
  firstPage?: GraphCommentPage;
};

/** The post id form `{pageId}_{postId}` is kept as the external id (unique across Pages). */
export function normalisePostPage(
  body: unknown,
  ctx: NormaliseCtx,
): {
  page: GraphPostPage;
  items: ItemRecord[];
  metrics: MetricSnapshot[];
  /** Per post: the signal that its thread moved (updated_time and comment total). */
  threads: PostThread[];
  warnings: ContractWarning[];
  rejectedIds: string[];
} {
  const page = parseBody(GraphPostPage, body, 'facebook', 'post listing');
  const parsed = parseItems(GraphPost, page.data, 'facebook', 'post listing');
  const names = new Set([...(ctx.residentNames ?? []), ...residentNames(parsed.items, ctx)]);
  const scrub = makeScrubber(names, ctx.responderHandles ?? []);
  const posts = parsed.items.filter((p) => p.is_published !== false);
  const items: ItemRecord[] = [];
  const metrics: MetricSnapshot[] = [];
  const threads: PostThread[] = [];
  for (const p of posts) {
    const a = author(p.from, ctx);
    const raw = p.message ?? null;
    const createdAt = p.created_time;
    items.push({
      platform: 'facebook',
      externalId: p.id,
      accountId: ctx.accountId,
      kind: 'post',
      parentExternalId: null,
      rootExternalId: p.id,
      ...a,
      createdAt,
      editedAt: null,
      hiddenAt: p.is_hidden ? ctx.fetchedAt : null,
      text: raw === null ? null : scrub(raw, a.authorRole),
      permalink: p.permalink_url ?? null,
    });
    const comments = p.comments?.summary?.total_count ?? null;
    metrics.push({
      platform: 'facebook',
      externalId: p.id,
      capturedAt: ctx.fetchedAt,
      likes: p.reactions?.summary.total_count ?? null,
      comments,
      shares: p.shares?.count ?? 0,
      views: null,
    });
    threads.push({
      postId: p.id,
      signature: `${p.updated_time ?? ''}|${comments ?? ''}`,
      comments: comments ?? 1,
      createdAt,
      ...(p.comments?.data ? { firstPage: { data: p.comments.data, paging: p.comments.paging } } : {}),
    });
  }
  return { page, items, metrics, threads, warnings: parsed.warnings, rejectedIds: parsed.rejectedIds };
}

/** One page of `/{post-id}/comments?filter=stream`: comments at every depth, parent from `parent.id`. */
export function normaliseCommentPage(
  body: unknown,
  ctx: NormaliseCtx,
  rootExternalId: string,
): { page: GraphCommentPage; items: ItemRecord[]; names: Set<string>; warnings: ContractWarning[]; rejectedIds: string[] } {
  return normaliseParsedCommentPage(parseBody(GraphCommentPage, body, 'facebook', 'comment listing'), ctx, rootExternalId);
}

/** normaliseCommentPage of a page checked already (a thread's first page, checked with the listing it came in). */
export function normaliseParsedCommentPage(
  page: GraphCommentPage,
  ctx: NormaliseCtx,
  rootExternalId: string,
): { page: GraphCommentPage; items: ItemRecord[]; names: Set<string>; warnings: ContractWarning[]; rejectedIds: string[] } {
  const parsed = parseItems(GraphComment, page.data, 'facebook', 'comment listing');
  const names = new Set([...(ctx.residentNames ?? []), ...residentNames(parsed.items, ctx)]);
  const scrub = makeScrubber(names, ctx.responderHandles ?? []);
  const items = parsed.items.map((c): ItemRecord => {
    const a = author(c.from, ctx);
    return {
      platform: 'facebook',
      externalId: c.id,
      accountId: ctx.accountId,
      kind: 'comment',
      parentExternalId: c.parent?.id ?? rootExternalId,
      rootExternalId,
      ...a,
      createdAt: c.created_time,
      editedAt: null,
      hiddenAt: c.is_hidden ? ctx.fetchedAt : null,
      text: c.message === undefined ? null : scrub(c.message, a.authorRole),
      permalink: c.permalink_url ?? null,
    };
  });
  return { page, items, names, warnings: parsed.warnings, rejectedIds: parsed.rejectedIds };
}

export function normalisePageInfo(body: unknown, ctx: NormaliseCtx): FollowerSnapshot[] {
  const info = parseBody(GraphPageInfo, body, 'facebook', 'page info');
  const followers = info.followers_count ?? info.fan_count;
  return followers === undefined ? [] : [{ accountId: ctx.accountId, capturedAt: ctx.fetchedAt, followers }];
}
