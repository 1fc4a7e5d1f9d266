import { encodeCursor, pageOf, type HandlerCtx } from './exchange.js';
import { snowflakeAccount } from './ids.js';
import { invalid, notFound, maxResults, token, idParam, timeParam } from './x-params.js';
import { xTime, Renderer, timelineMeta } from './x-render.js';
import type { AccountData, AccountSpec, SimItem, World } from './world.js';

/** The X API v2 endpoints the simulator serves: which account each request reads and what it answers. */

const SEVEN_DAYS = 7 * 86_400_000;

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
function timeline(
  ctx: HandlerCtx,
  r: Renderer,
  source: SimItem[],
  cap: number,
  q: URLSearchParams,
  data: AccountData,
): Record<string, unknown> {
  const limit = maxResults(q, 10, 5, 100);
  const since = idParam(q, 'since_id');
  const until = idParam(q, 'until_id');
  const start = timeParam(q, 'start_time');
  const end = timeParam(q, 'end_time');
  if (since !== null && until !== null && since >= until) throw invalid('since_id', [String(since)], 'since_id must be less than until_id');
  const excl = (q.get('exclude') ?? '').split(',').filter(Boolean);
  let items = source
    .filter((it) => ctx.visible(it))
    .reverse()
    .slice(0, cap);
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
  return r.envelope(
    ctx.world,
    page.items.map((it) => ({ data, it })),
    timelineMeta(page.items, page.next, pos !== null, first ? { t: first.createdAt, s: first.seq } : null),
  );
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
    else
      throw invalid(
        'query',
        [raw],
        `There were errors processing your request: the simulator's recent search supports conversation_id:, from:, to:, is:reply, -is:retweet, OR and parentheses (at "${t}")`,
      );
  }
  if (!out.conversations.length && !out.from.length && !out.to.length)
    throw invalid('query', [raw], 'There were errors processing your request: no supported operator in query');
  return out;
}

type Handler = (ctx: HandlerCtx, r: Renderer, q: URLSearchParams, params: string[]) => Record<string, unknown>;

export const ROUTES: {
  pattern: RegExp;
  label: string;
  target: (world: World, m: string[], q: URLSearchParams) => string | null;
  run: Handler;
}[] = [
  {
    pattern: /^\/2\/users\/by\/username\/([^/]+)$/,
    label: 'GET /2/users/by/username/:username',
    target: (world, m) => world.accountByHandle('x', m[0] ?? '') ?? null,
    run(ctx, r, _q, m) {
      const u = m[0] ?? '';
      if (!/^\w{1,15}$/.test(u))
        throw invalid('username', [u], `The \`username\` query parameter value [${u}] does not match ^[A-Za-z0-9_]{1,15}$`);
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
      return timeline(
        ctx,
        r,
        data.items.filter((i) => i.authorId === spec.account.externalId),
        3200,
        q,
        data,
      );
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
      if (q.get('exclude'))
        throw invalid(
          'exclude',
          [q.get('exclude') ?? ''],
          'The query parameter [exclude] is not one of [id,since_id,until_id,max_results,pagination_token,start_time,end_time,expansions,tweet.fields,media.fields,poll.fields,place.fields,user.fields]',
        );
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
      if (raw.length > 512)
        throw invalid('query', [raw.slice(0, 40)], 'The `query` query parameter value is too long (512 characters maximum)');
      const parsed = parseQuery(raw);
      const limit = maxResults(q, 10, 10, 100);
      const floor = ctx.now - SEVEN_DAYS;
      const start = timeParam(q, 'start_time');
      const end = timeParam(q, 'end_time');
      if (start !== null && start < floor)
        throw invalid(
          'start_time',
          [q.get('start_time') ?? ''],
          `Invalid 'start_time':'${q.get('start_time')}'. 'start_time' must be on or after ${xTime(floor)}`,
        );
      if (q.get('next_token') && q.get('pagination_token'))
        throw invalid('next_token', [], 'At most one of next_token, pagination_token may be given');
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
      const page = pageOf(
        ctx,
        list.map((x) => x.it),
        pos,
        'desc',
        limit,
      );
      const meta: Record<string, unknown> = {
        newest_id: page.items[0]?.id,
        oldest_id: page.items[page.items.length - 1]?.id,
        result_count: page.items.length,
      };
      if (!page.items.length) {
        delete meta.newest_id;
        delete meta.oldest_id;
      }
      if (page.next) meta.next_token = encodeCursor(page.next);
      return r.envelope(
        ctx.world,
        page.items.map((it) => ({ data: byItem.get(it) as AccountData, it })),
        meta,
      );
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
