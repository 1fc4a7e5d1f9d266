import type { FastifyInstance } from 'fastify';

import { ping } from '../../store/db.js';
import type { RouteContext } from '../context.js';
import { authorizeMetrics } from '../metrics-access.js';
import { sendError } from '../respond.js';

/** Liveness (the process answers) and readiness (the database answers), public; Prometheus metrics, guarded. */
export function registerHealth(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/healthz', { config: { public: true } }, async (_req, reply) =>
    reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  );

  app.get('/readyz', { config: { public: true } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await ping(ctx.deps.db);
      return reply.send({ status: 'ready' });
    } catch (err) {
      req.log.warn({ err }, 'readiness check failed');
      return sendError(reply, 'DB_UNAVAILABLE', 'database not reachable');
    }
  });

  // Not behind the API's key check: a Prometheus scrape token or loopback also opens it (metrics-access.ts).
  app.get('/metrics', { config: { public: true } }, async (req, reply) => {
    await authorizeMetrics(req, ctx.auth, ctx.deps.metricsToken);
    const body = await ctx.metrics.registry.metrics();
    return reply.header('cache-control', 'no-store').type(ctx.metrics.registry.contentType).send(body);
  });
}
