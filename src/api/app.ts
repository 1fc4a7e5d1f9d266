import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';

import { AppError } from '../errors.js';
import { makeAggregateCache } from './aggregate-cache.js';
import { authenticate, registerSessionCookie } from './auth.js';
import type { ApiDeps, RouteContext } from './context.js';
import { handleHtmlError, registerDashboard } from './dashboard/routes.js';
import { makeMetrics } from './metrics.js';
import { registerOpenApi } from './openapi.js';
import { sendError, toErrorBody } from './respond.js';
import { registerAccounts } from './routes/accounts.js';
import { registerAudit } from './routes/audit.js';
import { registerExports } from './routes/exports.js';
import { registerHarvestHealth } from './routes/harvest-health.js';
import { registerHealth } from './routes/health.js';
import { registerIndicators } from './routes/indicators.js';
import { registerMe } from './routes/me.js';
import { registerMunicipalities } from './routes/municipalities.js';
import { registerOpenData } from './routes/open-data.js';
import { registerPostKinds, registerSizeBandTrends } from './routes/post-kinds.js';
import { registerQuestions } from './routes/questions.js';
import { registerTopics } from './routes/topics.js';
import { registerTrends } from './routes/trends.js';

export type { ApiDeps } from './context.js';

/** Longest request target we read (path + query). Longer ones are refused before routing. */
export const MAX_URL_LENGTH = 2048;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No principal is resolved: health, metrics, static assets, OpenAPI, open data, login. */
    public?: boolean;
  }
}

const ROUTES = new WeakMap<FastifyInstance, string[]>();

/** `METHOD url` of every route an app registered (tests check them against the OpenAPI document). */
export const registeredRoutes = (app: FastifyInstance): readonly string[] => ROUTES.get(app) ?? [];

/**
 * Builds the HTTP API and dashboard without listening: `lyttepost serve` listens, tests call `app.inject()`.
 * Every error leaves as `{"error":{"code","message"}}` (src/api/respond.ts).
 */
export function buildApp(deps: ApiDeps): FastifyInstance {
  const app: FastifyInstance = Fastify({
    // pino's Logger and fastify's FastifyBaseLogger describe the same object with different generics.
    loggerInstance: deps.log.child({ module: 'api' }) as unknown as FastifyBaseLogger,
    // Requests are counted in /metrics; a log line per request would drown the useful ones.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: deps.trustProxy ?? false,
    bodyLimit: 16 * 1024,
    routerOptions: { maxParamLength: 100 },
    // Our ids are short; a long header line is refused by Node's own limit (16 KiB).
    return503OnClosing: true,
  });
  const metrics = makeMetrics({ db: deps.db, now: deps.clock, log: deps.log, queueDepth: deps.queueDepth });
  const ctx: RouteContext = {
    deps,
    auth: { db: deps.db, now: deps.clock, log: deps.log },
    metrics,
    aggregates: makeAggregateCache(deps.aggregateCacheMs ?? 5_000, deps.clock),
  };

  const routes: string[] = [];
  ROUTES.set(app, routes);
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push(`${m} ${r.url}`);
  });

  app.decorateRequest('principal', null);
  registerSessionCookie(app, deps.secret);

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.addHook('onRequest', async (req) => {
    (req as { startedAt?: bigint }).startedAt = process.hrtime.bigint();
    if (req.url.length > MAX_URL_LENGTH) throw new AppError('BAD_INPUT', `request target longer than ${MAX_URL_LENGTH} characters`);
    if (req.routeOptions.config.public) return;
    req.principal = await authenticate(req, ctx.auth);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('cache-control') && !req.routeOptions.config.public) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ route, method: req.method, status: String(reply.statusCode) });
    const started = (req as { startedAt?: bigint }).startedAt;
    if (started !== undefined) metrics.httpDuration.observe({ route }, Number(process.hrtime.bigint() - started) / 1e9);
  });

  app.setErrorHandler((err, req, reply) => {
    const { status, body } = toErrorBody(err);
    if (status >= 500) req.log.error({ err, route: req.routeOptions.url }, 'request failed');
    if (req.routeOptions.config?.html) return handleHtmlError(err, req, reply);
    return reply.code(status).type('application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((_req, reply) => sendError(reply, 'NOT_FOUND', 'no such resource'));

  registerHealth(app, ctx);
  registerOpenApi(app, ctx);
  registerMe(app, ctx);
  registerMunicipalities(app, ctx);
  registerAccounts(app, ctx);
  registerIndicators(app, ctx);
  registerTrends(app, ctx);
  registerQuestions(app, ctx);
  registerTopics(app, ctx);
  registerHarvestHealth(app, ctx);
  registerAudit(app, ctx);
  registerExports(app, ctx);
  registerOpenData(app, ctx);
  registerDashboard(app, ctx);
  registerPostKinds(app, ctx);
  registerSizeBandTrends(app, ctx);
  return app;
}
