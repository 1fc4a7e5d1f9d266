import { json, type PlatformApi, type Principal, type Routed, type SimRequest, type SimResponse } from './exchange.js';
import { GoogleError, googleError, quotaExceeded } from './youtube-params.js';
import { Renderer } from './youtube-render.js';
import { ENDPOINTS } from './youtube-endpoints.js';

/**
 * YouTube Data API v3 under /youtube/v3/: channels, playlistItems, videos, commentThreads, comments and
 * search (100 units, so tests can prove collectors never call it), API keys, quota units per key per
 * Pacific day, and Google's error body. Endpoints in youtube-endpoints.ts, rendering in youtube-render.ts,
 * parameters and errors in youtube-params.ts.
 */

function keyOf(req: SimRequest): { token: string; bearer: boolean } | null {
  const key = req.query.get('key');
  if (key) return { token: key, bearer: false };
  const m = req.headers.authorization ? /^Bearer\s+(.+)$/i.exec(req.headers.authorization) : null;
  return m?.[1] ? { token: m[1].trim(), bearer: true } : null;
}

const PACIFIC_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const HOUR_MS = 3_600_000;
/** Since 1884 every Pacific offset (PST, PDT, PWT, PPT) is a whole number of hours, so each UTC hour lies in one Pacific day. */
const WHOLE_HOUR_OFFSETS_FROM = Date.UTC(1884, 0, 1);
let pacificMemo: { hour: number; day: string } | null = null;

/** Quota day: midnight to midnight Pacific time. Asked on every YouTube call, so the last hour's answer is kept. */
export function pacificDay(ms: number): string {
  if (!(ms >= WHOLE_HOUR_OFFSETS_FROM && ms < 8.64e15)) return PACIFIC_DATE.format(new Date(ms));
  const hour = Math.floor(ms / HOUR_MS);
  if (pacificMemo?.hour !== hour) pacificMemo = { hour, day: PACIFIC_DATE.format(new Date(hour * HOUR_MS)) };
  return pacificMemo.day;
}

export const youtubeApi: PlatformApi = {
  platform: 'youtube',

  route(req, world): Routed | SimResponse {
    const resource = req.path.replace(/^\/youtube\/v3\/?/, '').replace(/\/$/, '');
    const ep = Object.hasOwn(ENDPOINTS, resource) ? ENDPOINTS[resource] : undefined;
    if (!ep) {
      return googleError(new GoogleError(404, 'notFound', 'global', `Method not found: ${req.path}`));
    }
    if (req.method !== 'GET')
      return googleError(
        new GoogleError(405, 'methodNotAllowed', 'global', `${req.method} is not supported for ${ep.label} by this simulator`),
      );
    return {
      endpoint: ep.label,
      account: ep.target(world, req.query),
      cost: ep.cost,
      handle(ctx) {
        try {
          return json(200, ep.run(ctx, new Renderer(ctx), ctx.req.query));
        } catch (e) {
          if (e instanceof GoogleError) return googleError(e);
          throw e;
        }
      },
    };
  },

  authenticate(req, world): Principal | SimResponse {
    const k = keyOf(req);
    if (!k) return googleError(new GoogleError(403, 'forbidden', 'global', 'The request is missing a valid API key.'));
    if (k.token === world.shared.youtubeKey) return { token: k.token, account: null, shared: true };
    const acc = world.accountForToken(k.token);
    if (!acc || acc.platform !== 'youtube') {
      if (k.bearer)
        return googleError(new GoogleError(401, 'authError', 'global', 'Invalid Credentials', 'Authorization'), {
          'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
        });
      return keyInvalid();
    }
    return { token: k.token, account: acc.externalId, shared: false };
  },

  meter(ctx, principal, routed) {
    const key = `yt-quota:${principal.token}:${pacificDay(ctx.now)}`;
    const used = ctx.state.counters.get(key) ?? 0;
    const cost = routed.cost ?? 1;
    if (used + cost > ctx.options.youtubeQuota) return { headers: {}, error: googleError(quotaExceeded()) };
    ctx.state.counters.set(key, used + cost);
    return { headers: {}, error: null };
  },

  usesField(req, field) {
    return (req.query.get('part') ?? '').split(',').includes(field) || (req.query.get('fields') ?? '').includes(field);
  },

  errors: {
    rateLimit(_ctx, _principal, fault) {
      return googleError(quotaExceeded(), fault.retryAfterS ? { 'retry-after': String(fault.retryAfterS) } : {});
    },
    serverError(_ctx, status) {
      const s = status ?? 500;
      return googleError(
        new GoogleError(s, 'backendError', 'global', s === 503 ? 'The service is currently unavailable.' : 'Backend Error'),
      );
    },
    expiredToken(ctx) {
      if (ctx.req.query.get('key')) return keyInvalid();
      return googleError(new GoogleError(401, 'authError', 'global', 'Invalid Credentials', 'Authorization'), {
        'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
      });
    },
    missingPermission() {
      return googleError(
        new GoogleError(
          403,
          'forbidden',
          'youtube.commentThread',
          'The request is not properly authorized to retrieve the specified resource.',
        ),
      );
    },
    retiredField(_ctx, field) {
      return googleError(new GoogleError(400, 'unknownPart', 'youtube.part', `'${field}'`, 'part'));
    },
  },
};

function keyInvalid(): SimResponse {
  return googleError(
    new GoogleError(400, 'keyInvalid', 'usageLimits', 'API key not valid. Please pass a valid API key.'),
    {},
    {
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
          metadata: { service: 'youtube.googleapis.com' },
        },
      ],
    },
  );
}
