import { createHash } from 'node:crypto';

import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A public answer that browsers and proxies may reuse: Cache-Control, a strong ETag of the body, and 304 Not
 * Modified (no body) when the request's If-None-Match names it.
 */
export function sendCached(req: FastifyRequest, reply: FastifyReply, body: string, type: string, cacheControl: string): FastifyReply {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  reply.header('cache-control', cacheControl).header('etag', etag);
  const match = req.headers['if-none-match'];
  if (typeof match === 'string' && match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')) {
    return reply.code(304).send();
  }
  return reply.type(type).send(body);
}
