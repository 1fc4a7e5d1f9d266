import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';

import { listAudit, recordAudit } from '../../store/audit-log.js';
import { requireRole, type Principal } from '../auth.js';
import type { RouteContext } from '../context.js';
import { parseInput } from '../respond.js';

export const AuditQuery = z.strictObject({
  since: z.iso.datetime({ offset: true }).optional(),
  action: z.enum(['erase', 'read-resident-data']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/**
 * Records that `p` read resident-level data of `municipality` (open questions with their text, the alert
 * list), before the answer is sent: a read that cannot be recorded is not served.
 */
export async function auditResidentRead(
  ctx: RouteContext,
  req: FastifyRequest,
  p: Principal,
  municipality: string,
  what: string,
  rows: number,
): Promise<void> {
  await recordAudit(ctx.deps.db, {
    at: ctx.deps.clock(),
    actor: `api-key:${p.keyId}`,
    action: 'read-resident-data',
    scope: `municipality ${municipality}: ${what}`,
    detail: { route: req.routeOptions.url ?? req.url, rows },
  });
}

/** The audit log (admin only): erasures and who read resident-level data, newest first. */
export function registerAudit(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/api/v1/audit', async (req) => {
    requireRole(req, 'admin');
    const q = parseInput(AuditQuery, req.query, 'query');
    const entries = await listAudit(ctx.deps.db, { since: q.since ? new Date(q.since) : undefined, action: q.action, limit: q.limit });
    return {
      data: entries.map((e) => ({ id: e.id, at: e.at.toISOString(), actor: e.actor, action: e.action, scope: e.scope, detail: e.detail })),
    };
  });
}
