import { json, type HandlerCtx, type PlatformApi, type Principal, type Routed, type SimRequest, type SimResponse } from './exchange.js';
import { GraphError, unsupported, usesGraphField } from './graph-wire.js';
import { Renderer, selection } from './instagram-render.js';
import type { World } from './world.js';

/**
 * Instagram Graph API for professional accounts (the Facebook Login flavour, platform-apis.md §4) under the Graph
 * prefix /v{NN.N}/: the IG User node, `/{ig-user-id}/media` (`since`/`until`, newest first), `/{ig-media-id}/comments`
 * (top-level only, newest first, `replies{…}` expanded on request), `/{ig-comment-id}/replies`, `fields=` with nested
 * expansion (`comments.limit(n){…,replies.limit(m){…}}` on media), cursor paging with absolute `next` links, the
 * `instagram` Business Use Case header and error 80002, and Graph error bodies.
 */

const BUDGET_PER_DAY = 4800; // BUC instagram: 4800 × impressions (taken as 1 here) per 24 h

function graphError(ctx: HandlerCtx, e: GraphError, headers: Record<string, string> = {}): SimResponse {
  const error: Record<string, unknown> = { message: e.message, type: e.type, code: e.code };
  if (e.subcode !== undefined) error.error_subcode = e.subcode;
  error.fbtrace_id = ctx.traceId();
  return json(e.status, { error }, headers);
}

/** The Instagram account an id belongs to (the IG user id itself, or a media/comment id carrying its prefix). */
export function instagramAccountOf(world: World, id: string): string | null {
  if (world.spec(id)?.account.platform === 'instagram') return id;
  if (!/^1[78]\d{15,16}$/.test(id)) return null;
  return world.accountByPrefix('instagram', `ig${id.slice(2, 8)}`) ?? null;
}

/** Whether a Graph-prefixed request is about an Instagram object (the server's dispatch between the two Graph APIs). */
export function isInstagramRequest(req: SimRequest, world: World): boolean {
  const id = req.path.split('/').filter(Boolean)[1];
  return id !== undefined && instagramAccountOf(world, decodeURIComponent(id)) !== null;
}

function tokenOf(req: SimRequest): string | null {
  const q = req.query.get('access_token');
  if (q) return q;
  const m = req.headers.authorization ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(req.headers.authorization) : null;
  return m?.[1]?.trim() ?? null;
}

function buc(igUserId: string, pct: number, regainMinutes: number): string {
  return JSON.stringify({
    [igUserId]: [
      {
        type: 'instagram',
        call_count: pct,
        total_cputime: Math.floor(pct / 3),
        total_time: Math.floor(pct / 3),
        estimated_time_to_regain_access: regainMinutes,
      },
    ],
  });
}

const throttled = (): GraphError =>
  new GraphError(
    400,
    80002,
    '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
  );

export const instagramApi: PlatformApi = {
  platform: 'instagram',

  route(req, world): Routed | SimResponse {
    const version = /^\/(v\d+\.\d+)(\/|$)/.exec(req.path)?.[1] ?? 'v24.0';
    const [id = '', edge, ...extra] = req.path.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
    const account = instagramAccountOf(world, id);
    const headers = { 'facebook-api-version': version };
    const fail = (e: GraphError): SimResponse => ({
      ...json(e.status, { error: { message: e.message, type: e.type, code: e.code, fbtrace_id: 'AsimUnknownPath' } }),
      headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
    });
    if (req.method !== 'GET')
      return fail(new GraphError(400, 100, `Unsupported ${req.method.toLowerCase()} request.`, 'GraphMethodException'));
    if (extra.length > 0) return fail(new GraphError(400, 2500, `Unknown path components: /${[edge, ...extra].join('/')}`));
    return {
      endpoint: edge ? `GET /{id}/${edge}` : 'GET /{id}',
      account,
      handle(ctx, principal) {
        const r = new Renderer(ctx, version);
        try {
          if (!account) throw unsupported(id);
          if (principal.account !== account) {
            throw new GraphError(403, 10, '(#10) Application does not have permission for this action', 'OAuthException');
          }
          const q = ctx.req.query;
          const spec = ctx.world.spec(account);
          if (!spec) throw unsupported(id);
          const mods = Object.fromEntries([...q].filter(([k]) => k !== 'fields' && k !== 'access_token'));
          if (id === account) {
            if (!edge) return json(200, r.user(spec, selection(q.get('fields'), 'User')), headers);
            if (edge !== 'media')
              throw new GraphError(400, 100, `(#100) Tried accessing nonexisting field (${edge}) on node type (IGUser)`);
            return json(200, r.mediaList(spec, selection(q.get('fields'), 'Media'), q.get('fields'), mods), headers);
          }
          const data = ctx.world.data(account);
          const it = data.byId.get(id);
          if (!it || !ctx.visible(it)) throw unsupported(id);
          if (!edge)
            return json(
              200,
              it.kind === 'post'
                ? r.medium(data, it, selection(q.get('fields'), 'Media'))
                : r.comment(data, it, selection(q.get('fields'), 'Comment')),
              headers,
            );
          if (edge === 'comments' && it.kind === 'post')
            return json(200, r.commentList(data, it, selection(q.get('fields'), 'Comment'), q.get('fields'), mods, 'comments'), headers);
          if (edge === 'replies' && it.depth === 1)
            return json(200, r.commentList(data, it, selection(q.get('fields'), 'Comment'), q.get('fields'), mods, 'replies'), headers);
          throw new GraphError(
            400,
            100,
            `(#100) Tried accessing nonexisting field (${edge}) on node type (${it.kind === 'post' ? 'IGMedia' : 'IGComment'})`,
          );
        } catch (e) {
          if (e instanceof GraphError) return graphError(ctx, e, headers);
          throw e;
        }
      },
    };
  },

  authenticate(req, world, ctx): Principal | SimResponse {
    const tok = tokenOf(req);
    if (!tok) return graphError(ctx, new GraphError(400, 104, 'An access token is required to request this resource.'));
    const acc = world.accountForToken(tok);
    if (!acc || acc.platform !== 'instagram')
      return graphError(ctx, new GraphError(400, 190, 'Invalid OAuth access token - Cannot parse access token'));
    return { token: tok, account: acc.externalId, shared: false };
  },

  meter(ctx, principal) {
    const account = principal.account ?? 'app';
    const key = `ig-buc:${account}:${Math.floor(ctx.now / 86_400_000)}`;
    const n = (ctx.state.counters.get(key) ?? 0) + 1;
    ctx.state.counters.set(key, n);
    const pct = Math.min(100, Math.floor((n * 100) / BUDGET_PER_DAY));
    const headers = { 'x-business-use-case-usage': buc(account, pct, pct >= 100 ? 60 : 0) };
    if (n > BUDGET_PER_DAY) return { headers, error: graphError(ctx, throttled(), headers) };
    return { headers, error: null };
  },

  usesField: usesGraphField,

  errors: {
    rateLimit(ctx, principal, fault) {
      const headers: Record<string, string> = {
        'x-business-use-case-usage': buc(principal.account ?? 'app', 100, Math.max(1, Math.ceil((fault.retryAfterS ?? 300) / 60))),
      };
      if (fault.retryAfterS) headers['retry-after'] = String(fault.retryAfterS);
      return graphError(ctx, throttled(), headers);
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
      );
    },
    missingPermission(ctx) {
      return graphError(
        ctx,
        new GraphError(403, 10, "(#10) This endpoint requires the 'instagram_manage_comments' permission.", 'OAuthException'),
      );
    },
    retiredField(ctx, field) {
      return graphError(ctx, new GraphError(400, 100, `(#100) Tried accessing nonexisting field (${field}) on node type (IGMedia)`));
    },
  },
};
