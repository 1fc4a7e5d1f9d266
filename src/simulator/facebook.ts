import { json, type HandlerCtx, type PlatformApi, type Principal, type Routed, type SimRequest, type SimResponse } from './exchange.js';
import { buc, graphError, parseLimit, rateLimitError, selection } from './facebook-graph.js';
import { GraphError, parseTime, unsupported, usesGraphField } from './graph-wire.js';
import { Renderer, type Out } from './facebook-render.js';
import type { AccountData, AccountSpec, SimItem, World } from './world.js';

/**
 * Facebook Graph API (Pages) under /v{NN.N}/: nodes (Page, PagePost, Comment), the edges /posts,
 * /published_posts, /feed and /comments, `fields=` with nested expansion and modifiers, cursor paging with
 * absolute `next` links, usage headers and Graph error bodies. Routing, tokens and metering here; request
 * parsing and error bodies in facebook-graph.ts; nodes and edges rendered in facebook-render.ts.
 */

const OLDEST_LIVE_VERSION = 20;
const PAGE_BUDGET_PER_DAY = 4800; // BUC: 4800 × engaged users (1 here) per 24 h
const APP_BUDGET_PER_HOUR = 2000;

type Target = { kind: 'page'; spec: AccountSpec } | { kind: 'item'; data: AccountData; item: SimItem };

/** The account an id belongs to, without generating anything. */
function accountOfId(world: World, id: string): string | null {
  if (/^\d+$/.test(id)) return world.spec(id)?.account.platform === 'facebook' ? id : null;
  const m = /^(\d+)_(\d+)$/.exec(id);
  if (!m) return world.accountByHandle('facebook', id) ?? null;
  const a = m[1] ?? '';
  if (world.spec(a)?.account.platform === 'facebook') return a;
  return world.accountByPrefix('facebook', a.slice(0, 6)) ?? null;
}

function resolve(world: World, ctx: HandlerCtx, id: string, account: string | null): Target {
  if (!account) throw unsupported(id);
  const spec = world.spec(account);
  if (!spec) throw unsupported(id);
  if (id === account || id === 'me' || !id.includes('_')) return { kind: 'page', spec };
  const data = world.data(account);
  const item = data.byId.get(id);
  if (!item || !ctx.visible(item)) throw unsupported(id);
  return { kind: 'item', data, item };
}

function tokenOf(req: SimRequest): string | null {
  const q = req.query.get('access_token');
  if (q) return q;
  const h = req.headers.authorization;
  const m = h ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(h) : null;
  return m?.[1]?.trim() ?? null;
}

function versionOf(req: SimRequest): string | null {
  const m = /^\/(v\d+\.\d+)(\/|$)/.exec(req.path);
  return m?.[1] ?? null;
}

function answeredVersion(v: string): string {
  const major = Number(v.slice(1).split('.')[0]);
  return major < OLDEST_LIVE_VERSION ? `v${OLDEST_LIVE_VERSION}.0` : v;
}

export const facebookApi: PlatformApi = {
  platform: 'facebook',

  route(req, world): Routed | SimResponse {
    const version = versionOf(req) ?? 'v24.0';
    const parts = req.path.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
    const [id, edge, ...extra] = parts;
    const versionHeader = { 'facebook-api-version': answeredVersion(version) };
    const fail = (e: GraphError): SimResponse => ({
      ...json(e.status, { error: { message: e.message, type: e.type, code: e.code, fbtrace_id: 'AsimUnknownPath' } }),
      headers: { 'content-type': 'application/json; charset=UTF-8', ...versionHeader },
    });
    if (req.method !== 'GET')
      return fail(
        new GraphError(
          400,
          100,
          `Unsupported ${req.method.toLowerCase()} request. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
          'GraphMethodException',
        ),
      );
    if (!id) return fail(new GraphError(400, 100, '(#100) Missing node id; this simulator does not serve the ?ids= form'));
    if (extra.length > 0) return fail(new GraphError(400, 2500, `Unknown path components: /${[edge, ...extra].join('/')}`));
    const account = id === 'me' ? null : accountOfId(world, id);
    const endpoint = edge ? `GET /{id}/${edge}` : 'GET /{id}';
    return {
      endpoint,
      account,
      handle(ctx, principal) {
        const r = new Renderer(ctx, principal, version);
        try {
          const owner = id === 'me' ? principal.account : account;
          if (!owner)
            throw id === 'me'
              ? new GraphError(400, 2500, 'An active access token must be used to query information about the current user.')
              : unsupported(id);
          if (principal.account && principal.account !== owner) {
            throw new GraphError(
              400,
              10,
              "(#10) This endpoint requires the 'pages_read_engagement' permission or the 'Page Public Content Access' feature. Refer to https://developers.facebook.com/docs/apps/review/login-permissions#manage-pages and https://developers.facebook.com/docs/apps/review/feature#reference-PAGES_ACCESS_FEATURE for details.",
              'OAuthException',
            );
          }
          const target = resolve(ctx.world, ctx, id === 'me' ? owner : id, owner);
          const q = ctx.req.query;
          let body: Out;
          if (!edge) {
            if (target.kind === 'page') body = r.page(target.spec, selection(q.get('fields'), 'Page'));
            else if (target.item.kind === 'post') body = r.post(target.data, target.item, selection(q.get('fields'), 'PagePost'));
            else body = r.comment(target.data, target.item, selection(q.get('fields'), 'Comment'));
          } else if (edge === 'posts' || edge === 'published_posts' || edge === 'feed') {
            if (target.kind !== 'page')
              throw new GraphError(
                400,
                100,
                `(#100) Tried accessing nonexisting field (${edge}) on node type (${target.item.kind === 'post' ? 'PagePost' : 'Comment'})`,
              );
            const fields = selection(q.get('fields'), 'PagePost');
            body = r.postList(target.spec, edge, fields, q.get('fields'), {
              limit: q.get('limit') ?? undefined,
              after: q.get('after') ?? undefined,
              since: q.get('since') ?? undefined,
              until: q.get('until') ?? undefined,
            });
          } else if (edge === 'comments') {
            if (target.kind !== 'item')
              throw new GraphError(400, 100, '(#100) Tried accessing nonexisting field (comments) on node type (Page)');
            const filter = q.get('filter') ?? 'toplevel';
            const order = q.get('order') ?? 'chronological';
            const limit = parseLimit(q.get('limit'));
            const rawFields = q.get('fields');
            body = r.commentList(target.data, target.item, {
              filter,
              order,
              limit,
              after: q.get('after'),
              since: parseTime('since', q.get('since')),
              summary: q.get('summary') === 'true' || q.get('summary') === '1',
              fields: selection(rawFields, 'Comment'),
              link: (after) => {
                const p: Record<string, string> = {};
                for (const [k, v] of q) if (k !== 'access_token' && k !== 'after' && k !== 'before') p[k] = v;
                return r.link(`/${target.item.id}/comments`, { ...p, after });
              },
            });
          } else {
            const type = target.kind === 'page' ? 'Page' : target.item.kind === 'post' ? 'PagePost' : 'Comment';
            throw new GraphError(400, 100, `(#100) Tried accessing nonexisting field (${edge}) on node type (${type})`);
          }
          return json(200, body, versionHeader);
        } catch (e) {
          if (e instanceof GraphError) return graphError(ctx, e, versionHeader);
          throw e;
        }
      },
    };
  },

  authenticate(req, world, ctx): Principal | SimResponse {
    const tok = tokenOf(req);
    if (!tok) return graphError(ctx, new GraphError(400, 104, 'An access token is required to request this resource.'));
    if (tok === world.shared.facebookApp) return { token: tok, account: null, shared: true };
    const acc = world.accountForToken(tok);
    if (!acc || acc.platform !== 'facebook') {
      return graphError(ctx, new GraphError(400, 190, 'Invalid OAuth access token - Cannot parse access token'), {
        'www-authenticate': 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token - Cannot parse access token"',
      });
    }
    return { token: tok, account: acc.externalId, shared: false };
  },

  meter(ctx, principal) {
    if (principal.account) {
      const key = `fb-buc:${principal.account}:${Math.floor(ctx.now / 86_400_000)}`;
      const n = (ctx.state.counters.get(key) ?? 0) + 1;
      ctx.state.counters.set(key, n);
      const pct = Math.min(100, Math.floor((n * 100) / PAGE_BUDGET_PER_DAY));
      const headers = { 'x-business-use-case-usage': buc(principal.account, pct, pct >= 100 ? 60 : 0) };
      if (n > PAGE_BUDGET_PER_DAY) return { headers, error: graphError(ctx, rateLimitError(80001), headers) };
      return { headers, error: null };
    }
    const key = `fb-app:${Math.floor(ctx.now / 3_600_000)}`;
    const n = (ctx.state.counters.get(key) ?? 0) + 1;
    ctx.state.counters.set(key, n);
    const pct = Math.min(100, Math.floor((n * 100) / APP_BUDGET_PER_HOUR));
    const headers = {
      'x-app-usage': JSON.stringify({ call_count: pct, total_cputime: Math.floor(pct / 2), total_time: Math.floor(pct / 2) }),
    };
    if (n > APP_BUDGET_PER_HOUR) return { headers, error: graphError(ctx, rateLimitError(4), headers) };
    return { headers, error: null };
  },

  usesField: usesGraphField,

  errors: {
    rateLimit(ctx, principal, fault) {
      const code = fault.code ?? (principal.account ? 80001 : 4);
      const headers: Record<string, string> = principal.account
        ? { 'x-business-use-case-usage': buc(principal.account, 100, Math.max(1, Math.ceil((fault.retryAfterS ?? 300) / 60))) }
        : { 'x-app-usage': JSON.stringify({ call_count: 100, total_cputime: 40, total_time: 45 }) };
      if (fault.retryAfterS) headers['retry-after'] = String(fault.retryAfterS);
      return graphError(ctx, rateLimitError(code), headers);
    },
    serverError(ctx, status) {
      return graphError(ctx, new GraphError(status ?? 500, 1, 'An unknown error has occurred.'));
    },
    expiredToken(ctx) {
      return graphError(
        ctx,
        new GraphError(
          400,
          190,
          `Error validating access token: Session has expired on ${new Date(ctx.now - 3_600_000).toUTCString()}. The current time is ${new Date(ctx.now).toUTCString()}.`,
          'OAuthException',
          463,
        ),
        { 'www-authenticate': 'OAuth "Facebook Platform" "invalid_token" "Error validating access token: Session has expired"' },
      );
    },
    missingPermission(ctx) {
      return graphError(
        ctx,
        new GraphError(
          403,
          10,
          "(#10) This endpoint requires the 'pages_read_engagement' permission or the 'Page Public Content Access' feature. Refer to https://developers.facebook.com/docs/apps/review/login-permissions#manage-pages for details.",
          'OAuthException',
        ),
      );
    },
    retiredField(ctx, field) {
      const type = ctx.call.endpoint.includes('comments') ? 'Comment' : ctx.call.endpoint.endsWith('/{id}') ? 'Page' : 'PagePost';
      return graphError(ctx, new GraphError(400, 100, `(#100) Tried accessing nonexisting field (${field}) on node type (${type})`));
    },
  },
};
