import { timingSafeEqual } from 'node:crypto';

import type { FastifyRequest } from 'fastify';

import { AppError } from '../errors.js';
import { authenticate, type AuthContext } from './auth.js';

/** Loopback addresses, as Node reports them for IPv4, IPv6 and IPv4-mapped IPv6. */
const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/**
 * Who may scrape /metrics (queue depths, account counts and error codes are operational data, and `serve`
 * binds 0.0.0.0): a request from this host that no proxy forwarded, the scrape token LYTTEPOST_METRICS_TOKEN
 * (`Authorization: Bearer <token>`, what Prometheus' `authorization` block sends), or an admin API key or
 * session. Anyone else gets 401 (no credentials) or 403 (a key of another role).
 */
export async function authorizeMetrics(req: FastifyRequest, auth: AuthContext, scrapeToken: string | undefined): Promise<void> {
  const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  // req.ip follows trustProxy; a proxy on this host forwards others' requests, so a forwarded request is not local.
  if (!forwarded && LOOPBACK.test(req.ip)) return;
  const header = req.headers.authorization;
  if (scrapeToken && header !== undefined && sameSecret(header, `Bearer ${scrapeToken}`)) return;
  const principal = await authenticate(req, auth);
  if (!principal) {
    throw new AppError('UNAUTHORIZED', 'metrics need the scrape token (LYTTEPOST_METRICS_TOKEN) or an admin API key');
  }
  if (principal.role !== 'admin') throw new AppError('FORBIDDEN', `metrics are not available to the ${principal.role} role`);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
