import { z } from 'zod';

import type { FollowerSnapshot, ItemRecord, MetricSnapshot } from '../../domain/records.js';
import { codePointAt, codePointBefore } from '../code-points.js';
import type { NormaliseCtx } from '../collector.js';
import { parseBody } from '../contract.js';
import { makeScrubber } from '../scrub.js';

/**
 * X API v2 pages → records. Pure. A post replying to another (`referenced_tweets` replied_to) is a comment whose
 * parent is that post and whose root is its `conversation_id`; anything else is a top-level post.
 */
const Iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an ISO timestamp' });

export const XPost = z.object({
  id: z.string(),
  text: z.string(),
  author_id: z.string(),
  created_at: Iso,
  conversation_id: z.string().optional(),
  in_reply_to_user_id: z.string().optional(),
  referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
  public_metrics: z
    .object({
      like_count: z.number().int().nonnegative().optional(),
      reply_count: z.number().int().nonnegative().optional(),
      retweet_count: z.number().int().nonnegative().optional(),
      quote_count: z.number().int().nonnegative().optional(),
      impression_count: z.number().int().nonnegative().optional(),
    })
    .optional(),
  entities: z.object({ mentions: z.array(z.object({ username: z.string(), id: z.string().optional() })).optional() }).optional(),
});
export type XPost = z.infer<typeof XPost>;

const XError = z.object({
  value: z.string().optional(),
  resource_id: z.string().optional(),
  type: z.string().optional(),
  title: z.string().optional(),
  detail: z.string().optional(),
});

export const XPage = z.object({
  data: z.array(XPost).optional(),
  includes: z.object({ users: z.array(z.object({ id: z.string(), name: z.string().optional(), username: z.string().optional() })).optional() }).optional(),
  meta: z
    .object({ result_count: z.number().int().optional(), next_token: z.string().optional(), newest_id: z.string().optional() })
    .optional(),
  errors: z.array(XError).optional(),
});
export type XPage = z.infer<typeof XPage>;

export const XUser = z.object({
  data: z.object({ id: z.string(), public_metrics: z.object({ followers_count: z.number().int().nonnegative() }).optional() }),
});

/** /2/users/:id → the follower count. */
export function normaliseXUser(body: unknown, ctx: NormaliseCtx): FollowerSnapshot[] {
  const u = parseBody(XUser, body, 'x', 'user lookup');
  const n = u.data.public_metrics?.followers_count;
  return n === undefined ? [] : [{ accountId: ctx.accountId, capturedAt: ctx.fetchedAt, followers: n }];
}

export type XNormalised = {
  items: ItemRecord[];
  metrics: MetricSnapshot[];
  /** reply_count per returned post. */
  replyCounts: Map<string, number>;
  next: string | undefined;
  newestId: string | undefined;
  /** Ids the platform reported as not found (lookups). */
  missing: string[];
};

/** Compares X ids (snowflakes, beyond 2^53) numerically. */
export function idGreater(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}

const BEFORE_MENTION = /[\p{L}\p{N}_.]/u;
const AFTER_MENTION = /[\p{L}\p{N}_]/u;

/**
 * Whether `text` has a real @-mention of `handle`: `@handle` not preceded by a letter, digit, `_` or `.` (not the
 * domain of an e-mail address such as postmottak@oslo.kommune.no) and not followed by a letter, digit or `_`.
 * A scan with indexOf: a pattern compiled per mention and post was a large part of the X collector's CPU.
 */
export function mentions(text: string, handle: string): boolean {
  const needle = `@${handle}`;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    const before = codePointBefore(text, i);
    const after = codePointAt(text, i + needle.length);
    if (!(before && BEFORE_MENTION.test(before)) && !(after && AFTER_MENTION.test(after))) return true;
  }
  return false;
}

export function normaliseXPage(body: unknown, ctx: NormaliseCtx, what: string): XNormalised {
  const p = parseBody(XPage, body, 'x', what);
  const names = new Set<string>(ctx.residentNames ?? []);
  for (const u of p.includes?.users ?? []) {
    if (ctx.responders.has(u.id)) continue;
    if (u.name) names.add(u.name);
    if (u.username) names.add(u.username);
  }
  for (const t of p.data ?? []) {
    for (const m of t.entities?.mentions ?? []) {
      if (m.id && ctx.responders.has(m.id)) continue;
      if (mentions(t.text, m.username.replace(/[^\w]/g, ''))) names.add(m.username);
    }
  }
  // Never scrub a responder's own handle out of text.
  for (const u of p.includes?.users ?? []) if (ctx.responders.has(u.id) && u.username) names.delete(u.username);
  const scrub = makeScrubber(names, ctx.responderHandles ?? []);
  const items: ItemRecord[] = [];
  const metrics: MetricSnapshot[] = [];
  const replyCounts = new Map<string, number>();
  for (const t of p.data ?? []) {
    const owner = ctx.responders.has(t.author_id);
    const parent = t.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? null;
    items.push({
      platform: 'x',
      externalId: t.id,
      accountId: ctx.accountId,
      kind: parent ? 'comment' : 'post',
      parentExternalId: parent,
      rootExternalId: parent ? (t.conversation_id ?? parent) : t.id,
      authorRole: owner ? 'owner' : 'citizen',
      authorKey: owner ? t.author_id : ctx.pseudonymise('x', t.author_id),
      createdAt: new Date(t.created_at),
      editedAt: null,
      hiddenAt: null,
      text: scrub(t.text, owner ? 'owner' : 'citizen'),
      permalink: `https://x.com/i/web/status/${t.id}`,
    });
    const m = t.public_metrics;
    if (m) {
      if (m.reply_count !== undefined) replyCounts.set(t.id, m.reply_count);
      metrics.push({
        platform: 'x',
        externalId: t.id,
        capturedAt: ctx.fetchedAt,
        likes: m.like_count ?? null,
        comments: m.reply_count ?? null,
        shares: m.retweet_count === undefined && m.quote_count === undefined ? null : (m.retweet_count ?? 0) + (m.quote_count ?? 0),
        views: m.impression_count ?? null,
      });
    }
  }
  const missing = (p.errors ?? [])
    .filter((e) => e.type?.endsWith('/resource-not-found') || e.title === 'Not Found Error')
    .map((e) => e.resource_id ?? e.value)
    .filter((v): v is string => v !== undefined);
  return { items, metrics, replyCounts, next: p.meta?.next_token, newestId: p.meta?.newest_id, missing };
}
