import type { FastifyInstance } from 'fastify';

import { requirePrincipal } from '../auth.js';
import type { RouteContext } from '../context.js';

/** Who the key belongs to: role and bound municipality (never the key or its hash). */
export function registerMe(app: FastifyInstance, _ctx: RouteContext): void {
  app.get('/api/v1/me', async (req) => {
    const p = requirePrincipal(req);
    return { key_id: p.keyId, role: p.role, municipality: p.municipality };
  });
}
