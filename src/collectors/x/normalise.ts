import { z } from 'zod';

import type { FollowerSnapshot, ItemRecord, MetricSnapshot } from '../../domain/records.js';
import { codePointAt, codePointBefore } from '../code-points.js';
import type { NormaliseCtx } from '../collector.js';
import { AppError } from '../../errors.js';
import { parseBody, parseItems, type ContractWarning } from '../contract.js';
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
  /** Ids of every version of the post, oldest (the original) first; one id when it was never edited. */
  edit_history_tweet_ids: z.array(z.string()).min(1).optional(),
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
  resource_type: z.string().optional(),
  parameter: z.string().optional(),
  type: z.string().optional(),
  title: z.string().optional(),
  detail: z.string().optional(),
});
type XError = z.infer<typeof XError>;

const XUserRef = z.object({ id: z.string(), name: z.string().optional(), username: z.string().optional() });
/** A referenced post in `includes.tweets`: only its versions matter here. */
const XVersions = z.object({ id: z.string(), edit_history_tweet_ids: z.array(z.string()).min(1).optional() });

/** The page envelope; its items are checked one by one (parseItems), so one malformed post never costs the page. */
export const XPage = z.object({
  data: z.array(z.unknown()).optional(),
  includes: z.object({ users: z.array(z.unknown()).optional(), tweets: z.array(z.unknown()).optional() }).optional(),
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
  const envelope = parseBody(z.object({ data: z.unknown().optional(), errors: z.array(XError).optional() }), body, 'x', 'user lookup');
  if (envelope.data === undefined) throw errorsOnly(envelope.errors ?? [], ctx, 'user lookup');
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
  /** Posts returned in an earlier version (original id → id of the latest version, to be read). */
  /** Earlier versions of edited posts on the page, with the original's creation time when the page has it. */
  staleVersions: Array<{ original: string; latest: string; createdAt?: Date }>;
  /** Items of the page that did not have the expected shape (not stored, reported on the run), and their ids. */
  warnings: ContractWarning[];
  rejectedIds: string[];
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

/**
 * X answers HTTP 200 with only `errors[]` when the monitored account itself is gone ("Could not find user with id",
 * "User has been suspended"): that is the account's state, never an empty successful pass. Other errors-only
 * answers to a call that must return data are contract errors naming X's own detail.
 */
export function errorsOnly(errors: readonly XError[], ctx: NormaliseCtx, what: string): AppError {
  const aboutAccount = errors.find(
    (e) => (e.resource_id ?? e.value) === ctx.accountExternalId && (e.resource_type === undefined || e.resource_type === 'user'),
  );
  const detail = (aboutAccount ?? errors[0])?.detail ?? (aboutAccount ?? errors[0])?.title ?? 'no data and no error detail';
  if (aboutAccount) {
    const accountStatus = /suspend/i.test(`${aboutAccount.detail ?? ''} ${aboutAccount.title ?? ''}`) ? 'suspended' : 'not_found';
    return new AppError(
      'PLATFORM_NOT_FOUND',
      `x ${what}: the monitored account ${ctx.accountExternalId} is ${accountStatus === 'suspended' ? 'suspended' : 'not found'} on X: ${detail}`,
      {
        retryable: false,
        context: { platform: 'x', what, accountStatus, platformMessage: detail },
      },
    );
  }
  return new AppError('PLATFORM_CONTRACT', `x ${what}: answered with errors only: ${detail}`, {
    retryable: false,
    context: { platform: 'x', what, platformMessage: detail },
  });
}

/** X encodes `&`, `<` and `>` in post text as HTML entities; the text is stored as the author wrote it. */
export function decodeXText(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_m, e: string) => (e === 'lt' ? '<' : e === 'gt' ? '>' : '&'));
}

/** X ids are snowflakes: the creation time (ms) is the id shifted right 22 bits plus X's epoch. */
export function snowflakeTime(id: string): Date {
  return new Date(Number(BigInt(id) >> 22n) + 1_288_834_974_657);
}

export function normaliseXPage(body: unknown, ctx: NormaliseCtx, what: string, opts: { ownListing?: boolean } = {}): XNormalised {
  const p = parseBody(XPage, body, 'x', what);
  // A timeline or mentions listing of the monitored account with errors and no data: the account is gone.
  if (opts.ownListing && p.data === undefined && (p.errors?.length ?? 0) > 0) throw errorsOnly(p.errors ?? [], ctx, what);
  const posts = parseItems(XPost, p.data ?? [], 'x', what);
  const users = parseItems(XUserRef, p.includes?.users ?? [], 'x', `${what} includes.users`);
  const referenced = parseItems(XVersions, p.includes?.tweets ?? [], 'x', `${what} includes.tweets`);
  const warnings = [...posts.warnings, ...users.warnings, ...referenced.warnings];

  // Every version id known on the page → the original's id (the first of its edit history): an edited post is one item.
  const original = new Map<string, string>();
  for (const t of [...posts.items, ...referenced.items]) {
    const history = t.edit_history_tweet_ids ?? [t.id];
    for (const v of history) original.set(v, history[0] ?? t.id);
  }
  const originalOf = (id: string) => original.get(id) ?? id;

  const names = new Set<string>(ctx.residentNames ?? []);
  const keep = new Set<string>(ctx.responderHandles ?? []);
  for (const u of users.items) {
    if (ctx.responders.has(u.id)) {
      if (u.username) keep.add(u.username);
      continue;
    }
    if (u.name) names.add(u.name);
    if (u.username) names.add(u.username);
  }
  for (const t of posts.items) {
    for (const m of t.entities?.mentions ?? []) {
      if (m.id && ctx.responders.has(m.id)) keep.add(m.username);
      else if (mentions(t.text, m.username.replace(/[^\w]/g, ''))) names.add(m.username);
    }
  }
  for (const k of keep) names.delete(k);
  const scrub = makeScrubber(names, keep);

  // The latest version of each post on the page: the one whose edit history is longest.
  const latest = new Map<string, XPost>();
  for (const t of posts.items) {
    const key = originalOf(t.id);
    const seen = latest.get(key);
    if (!seen || (t.edit_history_tweet_ids?.length ?? 1) > (seen.edit_history_tweet_ids?.length ?? 1)) latest.set(key, t);
  }
  const createdOf = new Map(posts.items.map((t) => [t.id, t.created_at]));
  const items: ItemRecord[] = [];
  const metrics: MetricSnapshot[] = [];
  const replyCounts = new Map<string, number>();
  const staleVersions: XNormalised['staleVersions'] = [];
  for (const [id, t] of latest) {
    const history = t.edit_history_tweet_ids ?? [t.id];
    const newest = history[history.length - 1] ?? t.id;
    if (newest !== t.id) {
      // An earlier version (a lookup by the original id returns it): its text is out of date; read the latest.
      const created = createdOf.get(id);
      staleVersions.push(
        created === undefined ? { original: id, latest: newest } : { original: id, latest: newest, createdAt: new Date(created) },
      );
      continue;
    }
    const owner = ctx.responders.has(t.author_id);
    const replyTo = t.referenced_tweets?.find((r) => r.type === 'replied_to')?.id;
    const parent = replyTo === undefined ? null : originalOf(replyTo);
    const edited = id !== t.id;
    const created = createdOf.get(id);
    items.push({
      platform: 'x',
      externalId: id,
      accountId: ctx.accountId,
      kind: parent ? 'comment' : 'post',
      parentExternalId: parent,
      rootExternalId: parent ? originalOf(t.conversation_id ?? parent) : id,
      authorRole: owner ? 'owner' : 'citizen',
      authorKey: owner ? t.author_id : ctx.pseudonymise('x', t.author_id),
      createdAt: edited ? new Date(created ?? snowflakeTime(id)) : new Date(t.created_at),
      editedAt: edited ? new Date(t.created_at) : null,
      hiddenAt: null,
      text: scrub(decodeXText(t.text), owner ? 'owner' : 'citizen'),
      permalink: `https://x.com/i/web/status/${t.id}`,
    });
    const m = t.public_metrics;
    if (m) {
      if (m.reply_count !== undefined) replyCounts.set(id, m.reply_count);
      metrics.push({
        platform: 'x',
        externalId: id,
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
  return {
    items,
    metrics,
    replyCounts,
    next: p.meta?.next_token,
    newestId: p.meta?.newest_id,
    missing,
    staleVersions,
    warnings,
    rejectedIds: posts.rejectedIds,
  };
}
