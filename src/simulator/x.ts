import { json, type HandlerCtx, type PlatformApi, type Principal, type Routed, type SimRequest, type SimResponse } from './exchange.js';
import { PROBLEMS, XError, invalid, problem, fieldsOf } from './x-params.js';
import { Renderer } from './x-render.js';
import { ROUTES } from './x-routes.js';

/**
 * X API v2 under /2/: users, user timelines and mentions, recent search (conversation_id:, from:, to:; last 7
 * days of the clock), tweet lookup; Bearer tokens; x-rate-limit-* headers per endpoint and 15-minute window;
 * RFC 7807 problem bodies. Endpoints in x-routes.ts, rendering in x-render.ts, parameters in x-params.ts.
 */

const WINDOW_MS = 15 * 60_000;

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

function bearer(req: SimRequest): string | null {
  const m = req.headers.authorization ? /^Bearer\s+(.+)$/i.exec(req.headers.authorization) : null;
  return m?.[1]?.trim() ?? null;
}

function windowHeaders(ctx: HandlerCtx, endpoint: string, used: number): Record<string, string> {
  const limit = LIMITS[endpoint] ?? 300;
  const reset = (Math.floor(ctx.now / WINDOW_MS) + 1) * (WINDOW_MS / 1000);
  return {
    'x-rate-limit-limit': String(limit),
    'x-rate-limit-remaining': String(Math.max(0, limit - used)),
    'x-rate-limit-reset': String(reset),
  };
}

export const xApi: PlatformApi = {
  platform: 'x',

  route(req, world): Routed | SimResponse {
    for (const route of ROUTES) {
      const m = route.pattern.exec(req.path);
      if (!m) continue;
      const params = m.slice(1).map((s) => decodeURIComponent(s ?? ''));
      if (req.method !== 'GET')
        return problem(405, 'Method Not Allowed', `${req.method} is not supported for ${route.label} by this simulator`);
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
    return json(404, {
      errors: [{ message: 'The requested resource could not be found.' }],
      title: 'Not Found Error',
      detail: `No route matches ${req.path}`,
      type: `${PROBLEMS}/resource-not-found`,
      status: 404,
    });
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
      const headers = {
        ...windowHeaders(ctx, ctx.call.endpoint, Number.MAX_SAFE_INTEGER),
        ...(fault.retryAfterS ? { 'retry-after': String(fault.retryAfterS) } : {}),
      };
      const r = problem(429, 'Too Many Requests');
      return { ...r, headers: { ...r.headers, ...headers } };
    },
    serverError(_ctx, status) {
      const s = status ?? 503;
      return problem(
        s,
        s === 503 ? 'Service Unavailable' : s === 502 ? 'Bad Gateway' : s === 504 ? 'Gateway Timeout' : 'Internal Server Error',
      );
    },
    expiredToken() {
      return problem(401, 'Unauthorized');
    },
    missingPermission() {
      return json(403, {
        client_id: '29000000',
        detail:
          'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.',
        registration_url: 'https://developer.twitter.com/en/docs/projects/overview',
        title: 'Client Forbidden',
        required_enrollment: 'Appropriate Level of API Access',
        reason: 'client-not-enrolled',
        type: `${PROBLEMS}/client-forbidden`,
      });
    },
    retiredField(ctx, field) {
      const param =
        ['tweet.fields', 'post.fields', 'user.fields', 'expansions'].find((p) => (ctx.req.query.get(p) ?? '').split(',').includes(field)) ??
        'tweet.fields';
      const e = invalid(
        param,
        [field],
        `The \`${param}\` query parameter value [${field}] is not one of the fields this endpoint now supports`,
      );
      return json(e.status, e.body);
    },
  },
};
