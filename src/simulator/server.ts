import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../clock.js';
import { HandlerCtx, json, type PlatformApi, type ServerState, type SimRequest, type SimResponse } from './exchange.js';
import { blueskyApi } from './bluesky.js';
import { facebookApi } from './facebook.js';
import { instagramApi, isInstagramRequest } from './instagram.js';
import { FaultController, FaultSpecSchema, type FaultCall, type FaultKind, type FaultSpec } from './faults.js';
import { groundTruth } from './truth.js';
import { pacificDay, youtubeApi } from './youtube.js';
import { xApi } from './x.js';
import type { SimPlatform, World } from './world.js';

/**
 * The platform simulator's HTTP server: Facebook Graph and Instagram Graph (by the object's id) under /v{NN.N}/, YouTube Data v3 under /youtube/v3/,
 * X v2 under /2/, the Bluesky AppView under /xrpc/, all on one origin, plus the admin endpoints under /_sim/:
 *   GET /_sim/accounts · GET /_sim/truth?now=&account=&items= · GET|DELETE /_sim/stats ·
 *   GET|POST|DELETE /_sim/faults[?id=] · GET /_sim/health
 */

export type CallStats = {
  total: number;
  byPlatform: Record<SimPlatform, number>;
  /** "facebook GET /{id}/comments", "youtube commentThreads.list", "x GET /2/users/:id/tweets", … */
  byEndpoint: Record<string, number>;
  byStatus: Record<string, number>;
  faultsApplied: Partial<Record<FaultKind, number>>;
  /** YouTube units per key (labelled by account external id, or "shared") for the current Pacific day. */
  youtubeQuota: Record<string, { day: string; units: number; limit: number }>;
};

export type SimulatorOptions = {
  world: World;
  /** 0 = a free port. @default 0 */
  port?: number;
  /** @default 127.0.0.1 */
  host?: string;
  /** Items are served once created_at <= clock(). @default system clock */
  clock?: Clock;
  faults?: FaultSpec[];
  /** YouTube units per key per Pacific day. @default 10000 */
  youtubeQuota?: number;
};

export type Simulator = {
  url: string;
  port: number;
  close(): Promise<void>;
  faults: FaultController;
  stats(): CallStats;
  resetStats(): void;
};

const PLATFORMS: { prefix: RegExp; api: PlatformApi; claims?: (req: SimRequest, world: World) => boolean }[] = [
  // Instagram professional accounts share the Graph prefix: an Instagram object's id decides.
  { prefix: /^\/v\d+\.\d+(\/|$)/, api: instagramApi, claims: isInstagramRequest },
  { prefix: /^\/v\d+\.\d+(\/|$)/, api: facebookApi },
  { prefix: /^\/youtube\/v3(\/|$)/, api: youtubeApi },
  { prefix: /^\/2(\/|$)/, api: xApi },
  { prefix: /^\/xrpc\//, api: blueskyApi },
];

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const { world } = opts;
  const clock = opts.clock ?? systemClock;
  const host = opts.host ?? '127.0.0.1';
  const faults = new FaultController(opts.faults ?? []);
  const youtubeQuota = opts.youtubeQuota ?? 10_000;
  const state: ServerState = { removed: new Set(), counters: new Map(), callSeq: 0 };
  const hanging = new Set<ServerResponse>();
  let stats = emptyStats();

  const labelOfKey = (key: string): string =>
    key === world.shared.youtubeKey ? 'shared' : (world.accountForToken(key)?.externalId ?? 'unknown');

  const snapshot = (): CallStats => {
    const day = pacificDay(clock().getTime());
    const youtube: CallStats['youtubeQuota'] = {};
    for (const [k, units] of state.counters) {
      if (!k.startsWith('yt-quota:') || !k.endsWith(`:${day}`)) continue;
      const key = k.slice('yt-quota:'.length, -(day.length + 1));
      youtube[labelOfKey(key)] = { day, units, limit: youtubeQuota };
    }
    return structuredClone({ ...stats, youtubeQuota: youtube });
  };

  async function platformCall(api: PlatformApi, simReq: SimRequest, res: ServerResponse): Promise<SimResponse | null> {
    const now = clock().getTime();
    const routed = api.route(simReq, world);
    const endpoint = 'status' in routed ? 'unknown' : routed.endpoint;
    stats.total++;
    stats.byPlatform[api.platform]++;
    const label = `${api.platform} ${endpoint}`;
    stats.byEndpoint[label] = (stats.byEndpoint[label] ?? 0) + 1;
    if ('status' in routed) return routed;
    state.callSeq++;
    const call: FaultCall = { platform: api.platform, account: routed.account, endpoint: routed.endpoint };
    const applied = (kind: FaultKind): void => {
      stats.faultsApplied[kind] = (stats.faultsApplied[kind] ?? 0) + 1;
    };
    const ctx = new HandlerCtx(world, now, simReq, call, faults, state, { youtubeQuota }, applied);
    try {
      if (ctx.fault('timeout')) {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return null;
      }
      const slow = ctx.fault('slow');
      if (slow) await new Promise((r) => setTimeout(r, slow.delayMs ?? 2000));
      const principal = api.authenticate(simReq, world, ctx);
      if ('status' in principal) return principal;
      if (ctx.fault('expired_token')) return api.errors.expiredToken(ctx);
      if (ctx.fault('missing_permission')) return api.errors.missingPermission(ctx);
      const rl = ctx.fault('rate_limit');
      if (rl) return api.errors.rateLimit(ctx, principal, rl);
      const se = ctx.fault('server_error');
      if (se) return api.errors.serverError(ctx, se.status);
      for (const f of faults.dueAll(call, 'retired_field')) {
        if (f.field && api.usesField(simReq, f.field)) {
          ctx.useFault(f);
          return api.errors.retiredField(ctx, f.field);
        }
      }
      const meter = api.meter(ctx, principal, routed);
      if (meter.error) return meter.error;
      const out = routed.handle(ctx, principal);
      out.headers = { ...meter.headers, ...out.headers };
      if (ctx.fault('malformed_json')) {
        return { status: 200, headers: out.headers, body: out.body.slice(0, Math.max(1, Math.floor(out.body.length / 2))) };
      }
      return out;
    } finally {
      faults.observe(call);
    }
  }

  function admin(req: IncomingMessage, url: URL, body: string): SimResponse {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const bad = (status: number, message: string): SimResponse =>
      json(status, { error: { code: status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', message } });
    if (path === '/_sim/health') return json(200, { ok: true, now: clock().toISOString() });
    if (path === '/_sim/accounts' && method === 'GET') {
      return json(200, {
        accounts: world.accounts,
        shared: world.shared,
        seed: world.options.seed,
        start: world.options.start.toISOString(),
        end: world.options.end.toISOString(),
      });
    }
    if (path === '/_sim/truth' && method === 'GET') {
      const rawNow = url.searchParams.get('now');
      const now = rawNow ? new Date(rawNow) : clock();
      if (Number.isNaN(now.getTime())) return bad(400, `now must be an ISO timestamp, got ${rawNow}`);
      const accounts = url.searchParams.get('account')?.split(',').filter(Boolean);
      const unknown = accounts?.filter((a) => !world.account(a));
      if (unknown?.length) return bad(404, `unknown account(s): ${unknown.join(', ')}`);
      return json(200, groundTruth(world, { now, accounts, includeItems: url.searchParams.get('items') !== 'false' }));
    }
    if (path === '/_sim/stats') {
      if (method === 'DELETE') {
        stats = emptyStats();
        return json(200, { reset: true });
      }
      return json(200, snapshot());
    }
    if (path === '/_sim/faults') {
      if (method === 'GET') return json(200, { faults: faults.list() });
      if (method === 'DELETE') return json(200, { removed: faults.remove(url.searchParams.get('id') ?? undefined) });
      if (method === 'POST') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          return bad(400, 'body must be JSON: a FaultSpec or an array of them');
        }
        const specs = Array.isArray(parsed) ? parsed : [parsed];
        const ids: string[] = [];
        for (const s of specs) {
          const r = FaultSpecSchema.safeParse(s);
          if (!r.success) return bad(400, r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
          try {
            ids.push(faults.add(r.data));
          } catch (e) {
            return bad(400, (e as Error).message);
          }
        }
        return json(201, { ids });
      }
    }
    return bad(404, `no admin endpoint ${method} ${path} (see GET /_sim/accounts, /_sim/truth, /_sim/stats, /_sim/faults)`);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const hostHeader = req.headers.host ?? `${host}:${port}`;
        const url = new URL(req.url ?? '/', `http://${hostHeader}`);
        let out: SimResponse | null;
        try {
          if (url.pathname.startsWith('/_sim/')) out = admin(req, url, Buffer.concat(chunks).toString('utf8'));
          else {
            const simReq: SimRequest = {
              method: req.method ?? 'GET',
              path: url.pathname,
              query: url.searchParams,
              headers: req.headers,
              origin: `http://${hostHeader}`,
            };
            const platform = PLATFORMS.find((p) => p.prefix.test(url.pathname) && (!p.claims || p.claims(simReq, world)));
            if (!platform) {
              out = json(404, {
                error: {
                  code: 'NOT_FOUND',
                  message: `The simulator serves /v{NN.N}/ (Graph), /youtube/v3/ (YouTube), /2/ (X) and /xrpc/ (Bluesky); nothing at ${url.pathname}`,
                },
              });
            } else {
              out = await platformCall(platform.api, simReq, res);
            }
          }
        } catch (e) {
          out = json(500, { error: { code: 'SIMULATOR_BUG', message: (e as Error).stack ?? String(e) } });
        }
        if (!out) return; // timeout fault: hang until the client gives up
        stats.byStatus[String(out.status)] = (stats.byStatus[String(out.status)] ?? 0) + (url.pathname.startsWith('/_sim/') ? 0 : 1);
        // Encoded once: measuring the string and then writing it would encode the body twice.
        const body = Buffer.from(out.body, 'utf8');
        res.writeHead(out.status, { ...out.headers, 'content-length': String(body.length) });
        res.end(body);
      })();
    });
  });
  server.keepAliveTimeout = 5_000;

  let port = opts.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    port,
    faults,
    stats: snapshot,
    resetStats: () => {
      stats = emptyStats();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const r of hanging) r.destroy();
        hanging.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function emptyStats(): CallStats {
  return {
    total: 0,
    byPlatform: { facebook: 0, youtube: 0, x: 0, instagram: 0, bluesky: 0 },
    byEndpoint: {},
    byStatus: {},
    faultsApplied: {},
    youtubeQuota: {},
  };
}
