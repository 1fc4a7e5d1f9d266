import { followersAt, likesAt, sharesAt, viewsAt } from './engagement.js';
import { decodeCursor, encodeCursor, isoMillis, isPosition, json, pageOf, type HandlerCtx, type PlatformApi, type Position, type Principal, type Routed, type SimRequest, type SimResponse } from './exchange.js';
import { snowflakeAccount } from './ids.js';
import type { AccountData, AccountSpec, SimItem, World } from './world.js';

/**
 * X API v2 under /2/: users, user timelines and mentions, recent search (conversation_id:, from:, to:; last 7
 * days of the clock), tweet lookup; Bearer tokens; x-rate-limit-* headers per endpoint and 15-minute window;
 * RFC 7807 problem bodies.
 */

const WINDOW_MS = 15 * 60_000;
const SEVEN_DAYS = 7 * 86_400_000;
const PROBLEMS = 'https://api.twitter.com/2/problems';

const TWEET_FIELDS = ['article', 'attachments', 'author_id', 'card_uri', 'community_id', 'context_annotations', 'conversation_id', 'created_at', 'display_text_range', 'edit_controls', 'edit_history_tweet_ids', 'entities', 'geo', 'id', 'in_reply_to_user_id', 'lang', 'media_metadata', 'non_public_metrics', 'note_tweet', 'organic_metrics', 'possibly_sensitive', 'promoted_metrics', 'public_metrics', 'referenced_tweets', 'reply_settings', 'scopes', 'source', 'text', 'withheld'];
const USER_FIELDS = ['affiliation', 'connection_status', 'created_at', 'description', 'entities', 'id', 'location', 'most_recent_tweet_id', 'name', 'pinned_tweet_id', 'profile_banner_url', 'profile_image_url', 'protected', 'public_metrics', 'receives_your_dm', 'subscription_type', 'url', 'username', 'verified', 'verified_type', 'withheld'];
const EXPANSIONS = ['article.cover_media', 'article.media_entities', 'attachments.media_keys', 'attachments.media_source_tweet', 'attachments.poll_ids', 'author_id', 'edit_history_tweet_ids', 'entities.mentions.username', 'geo.place_id', 'in_reply_to_user_id', 'entities.note.mentions.username', 'referenced_tweets.id', 'referenced_tweets.id.attachments.media_keys', 'referenced_tweets.id.author_id'];

/** Requests per 15-minute window per app token (the per-app column of the X docs). */
const LIMITS: Record<string, number> = {
  'GET /2/users/:id': 300,
  'GET /2/users/by/username/:username': 300,
  'GET /2/users/:id/tweets': 10_000,
  'GET /2/users/:id/mentions': 450,
  'GET /2/tweets/search/recent': 450,
  'GET /2/tweets': 3500,
  'GET /2/tweets/:id': 450,
};

class XError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.detail ?? body.title ?? 'error'));
  }
}

const invalid = (param: string, values: string[], message: string): XError =>
  new XError(400, { errors: [{ parameters: { [param]: values }, message }], title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: `${PROBLEMS}/invalid-request` });

const problem = (status: number, title: string, detail = title): SimResponse => json(status, { title, detail, type: 'about:blank', status });

const notFound = (kind: 'tweet' | 'user', param: string, value: string): Record<string, unknown> => ({
  value,
  detail: `Could not find ${kind} with ${param}: [${value}].`,
  title: 'Not Found Error',
  resource_type: kind,
  parameter: param,
  resource_id: value,
  type: `${PROBLEMS}/resource-not-found`,
});

export const xTime = (ms: number): string => isoMillis(ms);

function list(q: URLSearchParams, names: string[], allowed: readonly string[]): string[] {
  let param = names[0] ?? '';
  let raw: string | null = null;
  for (const n of names) {
    const v = q.get(n);
    if (v !== null) {
      param = n;
      raw = v;
      break;
    }
  }
  if (raw === null) return [];
  const values = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = values.filter((v) => !allowed.includes(v));
  if (bad.length) throw invalid(param, bad, `The \`${param}\` query parameter value [${bad[0]}] is not one of [${allowed.join(',')}]`);
  return values;
}

function maxResults(q: URLSearchParams, fallback: number, min: number, max: number): number {
  const raw = q.get('max_results');
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw invalid('max_results', [raw], `The \`max_results\` query parameter value [${raw}] is not between ${min} and ${max}`);
  return n;
}

function token(q: URLSearchParams, names: string[]): Position | null {
  for (const n of names) {
    const raw = q.get(n);
    if (!raw) continue;
    const pos = decodeCursor(raw, isPosition);
    if (!pos) throw invalid(n, [raw], `The \`${n}\` query parameter value [${raw}] is not a valid token`);
    return pos;
  }
  return null;
}

function idParam(q: URLSearchParams, name: string): bigint | null {
  const raw = q.get(name);
  if (raw === null) return null;
  if (!/^\d{1,19}$/.test(raw)) throw invalid(name, [raw], `The \`${name}\` query parameter value [${raw}] does not match ^[0-9]{1,19}$`);
  return BigInt(raw);
}

function timeParam(q: URLSearchParams, name: string): number | null {
  const raw = q.get(name);
  if (raw === null) return null;
  const t = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(t)) throw invalid(name, [raw], `Invalid '${name}':'${raw}'. '${name}' must be a valid ISO 8601 timestamp`);
  return t;
}

/** A word character of an X username: [A-Za-z0-9_]. */
function isUsernameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * `entities.mentions` of a text: what /@([A-Za-z0-9_]{1,15})/g finds, with UTF-16 offsets, scanned by hand (the
 * regex iterator costs more than the tweet it is for).
 */
export function mentionEntities(text: string): { start: number; end: number; username: string }[] {
  const out: { start: number; end: number; username: string }[] = [];
  let at = text.indexOf('@');
  while (at >= 0) {
    let end = at + 1;
    while (end < text.length && end - at <= 15 && isUsernameChar(text.charCodeAt(end))) end++;
    if (end > at + 1) out.push({ start: at, end, username: text.slice(at + 1, end) });
    at = text.indexOf('@', end > at + 1 ? end : at + 1);
  }
  return out;
}

type Fields = { tweet: string[]; user: string[]; expansions: string[] };

function fieldsOf(q: URLSearchParams): Fields {
  return {
    tweet: list(q, ['tweet.fields', 'post.fields'], TWEET_FIELDS),
    user: list(q, ['user.fields'], USER_FIELDS),
    expansions: list(q, ['expansions'], EXPANSIONS),
  };
}

class Renderer {
  constructor(
    private readonly ctx: HandlerCtx,
    private readonly f: Fields,
  ) {}

  tweet(data: AccountData, it: SimItem): Record<string, unknown> {
    const out: Record<string, unknown> = { id: it.id, text: it.text, edit_history_tweet_ids: [it.id] };
    const parent = it.parentId ? data.byId.get(it.parentId) : undefined;
    for (const name of this.f.tweet) {
      switch (name) {
        case 'author_id': out.author_id = it.authorId; break;
        case 'created_at': out.created_at = xTime(it.createdAt); break;
        case 'conversation_id': out.conversation_id = it.rootId; break;
        case 'in_reply_to_user_id': if (it.inReplyToUserId) out.in_reply_to_user_id = it.inReplyToUserId; break;
        case 'referenced_tweets': if (parent) out.referenced_tweets = [{ type: 'replied_to', id: parent.id }]; break;
        case 'lang': out.lang = it.lang === 'en' ? 'en' : 'no'; break;
        case 'reply_settings': out.reply_settings = 'everyone'; break;
        case 'possibly_sensitive': out.possibly_sensitive = false; break;
        case 'edit_controls': out.edit_controls = { edits_remaining: 5, is_edit_eligible: false, editable_until: xTime(it.createdAt + 3_600_000) }; break;
        case 'source': out.source = it.authorRole === 'owner' ? 'X Web App' : 'X for iPhone'; break;
        case 'entities': {
          const mentions = mentionEntities(it.text);
          if (mentions.length) out.entities = { mentions };
          break;
        }
        case 'public_metrics': {
          const shares = sharesAt(it, this.ctx.now);
          const likes = likesAt(it, this.ctx.now);
          let replies = 0;
          for (const c of data.children.get(it.id) ?? []) if (this.ctx.visible(c)) replies++;
          out.public_metrics = {
            retweet_count: shares,
            reply_count: replies,
            like_count: likes,
            quote_count: Math.floor(shares / 10),
            bookmark_count: Math.floor(likes / 20),
            impression_count: viewsAt(it, this.ctx.now),
          };
          break;
        }
      }
    }
    return out;
  }

  accountUser(spec: AccountSpec): Record<string, unknown> {
    const a = spec.account;
    const out: Record<string, unknown> = { id: a.externalId, name: a.name, username: a.handle };
    for (const name of this.f.user) {
      switch (name) {
        case 'created_at': out.created_at = xTime(spec.createdAtMs); break;
        case 'description': out.description = `Offisiell konto for ${spec.municipality.name} kommune. Vi svarer på hverdager 08–15.45.`; break;
        case 'location': out.location = `${spec.municipality.name}, Norge`; break;
        case 'profile_image_url': out.profile_image_url = `https://pbs.twimg.com/profile_images/${a.externalId}/logo_normal.jpg`; break;
        case 'protected': out.protected = false; break;
        case 'url': out.url = `https://t.co/${a.handle.slice(0, 10)}`; break;
        case 'verified': out.verified = false; break;
        case 'verified_type': out.verified_type = 'government'; break;
        case 'public_metrics': {
          const data = this.ctx.world.data(a.externalId);
          out.public_metrics = {
            followers_count: followersAt(spec, this.ctx.world.startMs, this.ctx.now),
            following_count: 40 + (spec.followersAtStart % 200),
            tweet_count: data.items.filter((i) => i.authorId === a.externalId && i.createdAt <= this.ctx.now).length,
            listed_count: Math.floor(spec.followersAtStart / 150),
            like_count: 0,
            media_count: 0,
          };
          break;
        }
      }
    }
    return out;
  }

  /** A user object for an author seen in a tweet (residents are only known through their tweets). */
  authorUser(world: World, it: SimItem): Record<string, unknown> {
    const spec = world.spec(it.authorId);
    if (spec) return this.accountUser(spec);
    return { id: it.authorId, name: it.authorName, username: it.authorHandle };
  }

  /** `{data, includes, meta}` for a list of tweets. */
  envelope(world: World, tweets: { data: AccountData; it: SimItem }[], meta: Record<string, unknown> | null, errors: unknown[] = []): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (tweets.length) out.data = tweets.map((t) => this.tweet(t.data, t.it));
    const users = new Map<string, Record<string, unknown>>();
    const refTweets: Record<string, unknown>[] = [];
    for (const { data, it } of tweets) {
      if (this.f.expansions.includes('author_id') && !users.has(it.authorId)) users.set(it.authorId, this.authorUser(world, it));
      const parent = it.parentId ? data.byId.get(it.parentId) : undefined;
      if (this.f.expansions.includes('in_reply_to_user_id') && parent && !users.has(parent.authorId)) users.set(parent.authorId, this.authorUser(world, parent));
      if (this.f.expansions.includes('referenced_tweets.id') && parent && this.ctx.visible(parent)) refTweets.push(this.tweet(data, parent));
    }
    if (users.size || refTweets.length) {
      const includes: Record<string, unknown> = {};
      if (users.size) includes.users = [...users.values()];
      if (refTweets.length) includes.tweets = refTweets;
      out.includes = includes;
    }
    if (errors.length) out.errors = errors;
    if (meta) out.meta = meta;
    return out;
  }
}

function timelineMeta(items: SimItem[], next: Position | null, hadToken: boolean, first: Position | null): Record<string, unknown> {
  const meta: Record<string, unknown> = { result_count: items.length };
  const newest = items[0];
  const oldest = items[items.length - 1];
  if (newest && oldest) {
    meta.newest_id = newest.id;
    meta.oldest_id = oldest.id;
  }
  if (next) meta.next_token = encodeCursor(next);
  if (hadToken && first) meta.previous_token = encodeCursor(first);
  return meta;
}

function xAccount(world: World, id: string): AccountSpec | null {
  const s = world.spec(id);
  return s && s.account.platform === 'x' ? s : null;
}

function dataOfTweet(world: World, id: string): AccountData | null {
  const idx = snowflakeAccount(id);
  const acc = idx === null ? undefined : world.xAccountByIndex(idx);
  return acc ? world.data(acc) : null;
}

/** Timeline-style listing: newest first, since_id/until_id/start_time/end_time, pagination_token. */
function timeline(ctx: HandlerCtx, r: Renderer, source: SimItem[], cap: number, q: URLSearchParams, data: AccountData): Record<string, unknown> {
  const limit = maxResults(q, 10, 5, 100);
  const since = idParam(q, 'since_id');
  const until = idParam(q, 'until_id');
  const start = timeParam(q, 'start_time');
  const end = timeParam(q, 'end_time');
  if (since !== null && until !== null && since >= until) throw invalid('since_id', [String(since)], 'since_id must be less than until_id');
  const excl = (q.get('exclude') ?? '').split(',').filter(Boolean);
  let items = source.filter((it) => ctx.visible(it)).reverse().slice(0, cap);
  items = items.filter(
    (it) =>
      (since === null || BigInt(it.id) > since) &&
      (until === null || BigInt(it.id) < until) &&
      (start === null || it.createdAt >= start) &&
      (end === null || it.createdAt <= end) &&
      !(excl.includes('replies') && it.kind === 'comment'),
  );
  const pos = token(q, ['pagination_token']);
  const page = pageOf(ctx, items, pos, 'desc', limit);
  const first = page.items[0];
  return r.envelope(ctx.world, page.items.map((it) => ({ data, it })), timelineMeta(page.items, page.next, pos !== null, first ? { t: first.createdAt, s: first.seq } : null));
}

const mentionLists = new WeakMap<AccountData, SimItem[]>();

/** Residents' items that mention the account (generated items never change, so the list is kept per generation). */
function mentions(data: AccountData): SimItem[] {
  let list = mentionLists.get(data);
  if (!list) {
    const tag = `@${data.spec.account.handle.toLowerCase()}`;
    // No letter lowercases to '@', so a text without one cannot mention anybody.
    list = data.items.filter((it) => it.authorRole === 'citizen' && it.text.includes('@') && it.text.toLowerCase().includes(tag));
    mentionLists.set(data, list);
  }
  return list;
}

/** Parses the subset of the search grammar the simulator supports: conversation_id:, from:, to:, is:reply, OR, (). */
function parseQuery(raw: string): { conversations: string[]; from: string[]; to: string[]; isReply: boolean | null } {
  const out = { conversations: [] as string[], from: [] as string[], to: [] as string[], isReply: null as boolean | null };
  const tokens = raw.replace(/[()]/g, ' ').split(/\s+/).filter(Boolean);
  for (const t of tokens) {
    let m: RegExpExecArray | null;
    if (t === 'OR') continue;
    if ((m = /^conversation_id:(\d{1,19})$/.exec(t))) out.conversations.push(m[1] ?? '');
    else if ((m = /^from:@?(\w{1,15})$/.exec(t))) out.from.push((m[1] ?? '').toLowerCase());
    else if ((m = /^to:@?(\w{1,15})$/.exec(t))) out.to.push((m[1] ?? '').toLowerCase());
    else if (t === 'is:reply') out.isReply = true;
    else if (t === '-is:reply') out.isReply = false;
    else if (t === '-is:retweet' || t === '-is:quote') continue;
    else throw invalid('query', [raw], `There were errors processing your request: the simulator's recent search supports conversation_id:, from:, to:, is:reply, -is:retweet, OR and parentheses (at "${t}")`);
  }
  if (!out.conversations.length && !out.from.length && !out.to.length) throw invalid('query', [raw], 'There were errors processing your request: no supported operator in query');
  return out;
}

type Handler = (ctx: HandlerCtx, r: Renderer, q: URLSearchParams, params: string[]) => Record<string, unknown>;

const ROUTES: { pattern: RegExp; label: string; target: (world: World, m: string[], q: URLSearchParams) => string | null; run: Handler }[] = [
  {
    pattern: /^\/2\/users\/by\/username\/([^/]+)$/,
    label: 'GET /2/users/by/username/:username',
    target: (world, m) => world.accountByHandle('x', m[0] ?? '') ?? null,
    run(ctx, r, _q, m) {
      const u = m[0] ?? '';
      if (!/^\w{1,15}$/.test(u)) throw invalid('username', [u], `The \`username\` query parameter value [${u}] does not match ^[A-Za-z0-9_]{1,15}$`);
      const id = ctx.world.accountByHandle('x', u);
      const spec = id ? xAccount(ctx.world, id) : null;
      return spec ? { data: r.accountUser(spec) } : { errors: [notFound('user', 'username', u)] };
    },
  },
  {
    pattern: /^\/2\/users\/([^/]+)\/tweets$/,
    label: 'GET /2/users/:id/tweets',
    target: (world, m) => (xAccount(world, m[0] ?? '') ? (m[0] ?? null) : null),
    run(ctx, r, q, m) {
      const spec = userOrThrow(ctx.world, m[0] ?? '');
      if (!spec) return { meta: { result_count: 0 } };
      const data = ctx.world.data(spec.account.externalId);
      return timeline(ctx, r, data.items.filter((i) => i.authorId === spec.account.externalId), 3200, q, data);
    },
  },
  {
    pattern: /^\/2\/users\/([^/]+)\/mentions$/,
    label: 'GET /2/users/:id/mentions',
    target: (world, m) => (xAccount(world, m[0] ?? '') ? (m[0] ?? null) : null),
    run(ctx, r, q, m) {
      const spec = userOrThrow(ctx.world, m[0] ?? '');
      if (!spec) return { meta: { result_count: 0 } };
      const data = ctx.world.data(spec.account.externalId);
      if (q.get('exclude')) throw invalid('exclude', [q.get('exclude') ?? ''], 'The query parameter [exclude] is not one of [id,since_id,until_id,max_results,pagination_token,start_time,end_time,expansions,tweet.fields,media.fields,poll.fields,place.fields,user.fields]');
      return timeline(ctx, r, mentions(data), 800, q, data);
    },
  },
  {
    pattern: /^\/2\/users\/([^/]+)$/,
    label: 'GET /2/users/:id',
    target: (world, m) => (xAccount(world, m[0] ?? '') ? (m[0] ?? null) : null),
    run(ctx, r, _q, m) {
      const id = m[0] ?? '';
      const spec = userOrThrow(ctx.world, id);
      return spec ? { data: r.accountUser(spec) } : { errors: [notFound('user', 'id', id)] };
    },
  },
  {
    pattern: /^\/2\/tweets\/search\/recent$/,
    label: 'GET /2/tweets/search/recent',
    target: (world, _m, q) => {
      const c = /conversation_id:(\d+)/.exec(q.get('query') ?? '');
      const idx = c?.[1] ? snowflakeAccount(c[1]) : null;
      return idx === null ? null : (world.xAccountByIndex(idx) ?? null);
    },
    run(ctx, r, q) {
      const raw = q.get('query');
      if (!raw) throw invalid('query', [], 'The `query` query parameter can not be empty');
      if (raw.length > 512) throw invalid('query', [raw.slice(0, 40)], 'The `query` query parameter value is too long (512 characters maximum)');
      const parsed = parseQuery(raw);
      const limit = maxResults(q, 10, 10, 100);
      const floor = ctx.now - SEVEN_DAYS;
      const start = timeParam(q, 'start_time');
      const end = timeParam(q, 'end_time');
      if (start !== null && start < floor) throw invalid('start_time', [q.get('start_time') ?? ''], `Invalid 'start_time':'${q.get('start_time')}'. 'start_time' must be on or after ${xTime(floor)}`);
      if (q.get('next_token') && q.get('pagination_token')) throw invalid('next_token', [], 'At most one of next_token, pagination_token may be given');
      const since = idParam(q, 'since_id');
      const until = idParam(q, 'until_id');
      const found: { data: AccountData; it: SimItem }[] = [];
      const seen = new Set<string>();
      const add = (data: AccountData, it: SimItem): void => {
        if (seen.has(it.id) || !ctx.visible(it) || it.createdAt < floor) return;
        seen.add(it.id);
        found.push({ data, it });
      };
      for (const c of parsed.conversations) {
        const data = dataOfTweet(ctx.world, c);
        for (const it of data?.threads.get(c) ?? []) if (data) add(data, it);
      }
      for (const h of [...parsed.from, ...parsed.to]) {
        const id = ctx.world.accountByHandle('x', h);
        if (!id) continue;
        const data = ctx.world.data(id);
        for (const it of data.items) {
          const isFrom = parsed.from.includes(h) && it.authorId === id;
          const isTo = parsed.to.includes(h) && (it.inReplyToUserId === id || (!it.parentId && it.authorId !== id));
          if (isFrom || isTo) add(data, it);
        }
      }
      let list = found.filter(
        ({ it }) =>
          (parsed.isReply === null || (it.kind === 'comment') === parsed.isReply) &&
          (end === null || it.createdAt <= end) &&
          (start === null || it.createdAt >= start) &&
          (since === null || BigInt(it.id) > since) &&
          (until === null || BigInt(it.id) < until),
      );
      list = list.sort((a, b) => b.it.createdAt - a.it.createdAt || b.it.seq - a.it.seq);
      const byItem = new Map(list.map((x) => [x.it, x.data]));
      const pos = token(q, ['next_token', 'pagination_token']);
      const page = pageOf(ctx, list.map((x) => x.it), pos, 'desc', limit);
      const meta: Record<string, unknown> = { newest_id: page.items[0]?.id, oldest_id: page.items[page.items.length - 1]?.id, result_count: page.items.length };
      if (!page.items.length) {
        delete meta.newest_id;
        delete meta.oldest_id;
      }
      if (page.next) meta.next_token = encodeCursor(page.next);
      return r.envelope(ctx.world, page.items.map((it) => ({ data: byItem.get(it) as AccountData, it })), meta);
    },
  },
  {
    pattern: /^\/2\/tweets$/,
    label: 'GET /2/tweets',
    target: (world, _m, q) => {
      const first = (q.get('ids') ?? '').split(',')[0] ?? '';
      const idx = snowflakeAccount(first);
      return idx === null ? null : (world.xAccountByIndex(idx) ?? null);
    },
    run(ctx, r, q) {
      const raw = q.get('ids');
      if (!raw) throw invalid('ids', [], 'The `ids` query parameter can not be empty');
      const ids = raw.split(',');
      if (ids.length > 100) throw invalid('ids', [String(ids.length)], 'The `ids` query parameter value has more than 100 ids');
      const bad = ids.filter((i) => !/^\d{1,19}$/.test(i));
      if (bad.length) throw invalid('ids', bad, `The \`ids\` query parameter value [${bad[0]}] does not match ^[0-9]{1,19}$`);
      const found: { data: AccountData; it: SimItem }[] = [];
      const errors: unknown[] = [];
      for (const id of ids) {
        const data = dataOfTweet(ctx.world, id);
        const it = data?.byId.get(id);
        if (data && it && ctx.visible(it)) found.push({ data, it });
        else errors.push(notFound('tweet', 'ids', id));
      }
      return r.envelope(ctx.world, found, null, errors);
    },
  },
  {
    pattern: /^\/2\/tweets\/(\d{1,19})$/,
    label: 'GET /2/tweets/:id',
    target: (world, m) => {
      const idx = snowflakeAccount(m[0] ?? '');
      return idx === null ? null : (world.xAccountByIndex(idx) ?? null);
    },
    run(ctx, r, _q, m) {
      const id = m[0] ?? '';
      const data = dataOfTweet(ctx.world, id);
      const it = data?.byId.get(id);
      if (!data || !it || !ctx.visible(it)) return { errors: [notFound('tweet', 'id', id)] };
      const env = r.envelope(ctx.world, [{ data, it }], null);
      const arr = env.data as unknown[];
      return { ...env, data: arr[0] };
    },
  },
];

function userOrThrow(world: World, id: string): AccountSpec | null {
  if (!/^\d{1,19}$/.test(id)) throw invalid('id', [id], `The \`id\` query parameter value [${id}] does not match ^[0-9]{1,19}$`);
  return xAccount(world, id);
}

function bearer(req: SimRequest): string | null {
  const m = req.headers.authorization ? /^Bearer\s+(.+)$/i.exec(req.headers.authorization) : null;
  return m?.[1]?.trim() ?? null;
}

function windowHeaders(ctx: HandlerCtx, endpoint: string, used: number): Record<string, string> {
  const limit = LIMITS[endpoint] ?? 300;
  const reset = (Math.floor(ctx.now / WINDOW_MS) + 1) * (WINDOW_MS / 1000);
  return { 'x-rate-limit-limit': String(limit), 'x-rate-limit-remaining': String(Math.max(0, limit - used)), 'x-rate-limit-reset': String(reset) };
}

export const xApi: PlatformApi = {
  platform: 'x',

  route(req, world): Routed | SimResponse {
    for (const route of ROUTES) {
      const m = route.pattern.exec(req.path);
      if (!m) continue;
      const params = m.slice(1).map((s) => decodeURIComponent(s ?? ''));
      if (req.method !== 'GET') return problem(405, 'Method Not Allowed', `${req.method} is not supported for ${route.label} by this simulator`);
      return {
        endpoint: route.label,
        account: route.target(world, params, req.query),
        handle(ctx) {
          try {
            const r = new Renderer(ctx, fieldsOf(ctx.req.query));
            return json(200, route.run(ctx, r, ctx.req.query, params));
          } catch (e) {
            if (e instanceof XError) return json(e.status, e.body);
            throw e;
          }
        },
      };
    }
    return json(404, { errors: [{ message: 'The requested resource could not be found.' }], title: 'Not Found Error', detail: `No route matches ${req.path}`, type: `${PROBLEMS}/resource-not-found`, status: 404 });
  },

  authenticate(req, world): Principal | SimResponse {
    const tok = bearer(req);
    if (!tok) return problem(401, 'Unauthorized');
    if (tok === world.shared.xBearer) return { token: tok, account: null, shared: true };
    const acc = world.accountForToken(tok);
    if (!acc || acc.platform !== 'x') return problem(401, 'Unauthorized');
    return { token: tok, account: acc.externalId, shared: false };
  },

  meter(ctx, principal, routed) {
    const key = `x-rl:${principal.token}:${routed.endpoint}:${Math.floor(ctx.now / WINDOW_MS)}`;
    const used = (ctx.state.counters.get(key) ?? 0) + 1;
    ctx.state.counters.set(key, used);
    const headers = windowHeaders(ctx, routed.endpoint, used);
    if (used > (LIMITS[routed.endpoint] ?? 300)) return { headers, error: { ...problem(429, 'Too Many Requests'), headers } };
    return { headers, error: null };
  },

  usesField(req, field) {
    return ['tweet.fields', 'post.fields', 'user.fields', 'expansions'].some((p) => (req.query.get(p) ?? '').split(',').includes(field));
  },

  errors: {
    rateLimit(ctx, _principal, fault) {
      const headers = { ...windowHeaders(ctx, ctx.call.endpoint, Number.MAX_SAFE_INTEGER), ...(fault.retryAfterS ? { 'retry-after': String(fault.retryAfterS) } : {}) };
      const r = problem(429, 'Too Many Requests');
      return { ...r, headers: { ...r.headers, ...headers } };
    },
    serverError(_ctx, status) {
      const s = status ?? 503;
      return problem(s, s === 503 ? 'Service Unavailable' : s === 502 ? 'Bad Gateway' : s === 504 ? 'Gateway Timeout' : 'Internal Server Error');
    },
    expiredToken() {
      return problem(401, 'Unauthorized');
    },
    missingPermission() {
      return json(403, {
        client_id: '29000000',
        detail: 'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.',
        registration_url: 'https://developer.twitter.com/en/docs/projects/overview',
        title: 'Client Forbidden',
        required_enrollment: 'Appropriate Level of API Access',
        reason: 'client-not-enrolled',
        type: `${PROBLEMS}/client-forbidden`,
      });
    },
    retiredField(ctx, field) {
      const param = ['tweet.fields', 'post.fields', 'user.fields', 'expansions'].find((p) => (ctx.req.query.get(p) ?? '').split(',').includes(field)) ?? 'tweet.fields';
      const e = invalid(param, [field], `The \`${param}\` query parameter value [${field}] is not one of the fields this endpoint now supports`);
      return json(e.status, e.body);
    },
  },
};
