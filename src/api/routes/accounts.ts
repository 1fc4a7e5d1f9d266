import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { AppError } from '../../errors.js';
import { listAccountSummaries, type AccountSummary } from '../../store/api-reads.js';
import { assertMunicipality, requirePrincipal, type Principal } from '../auth.js';
import type { RouteContext } from '../context.js';
import { AccountId, MunicipalityCode } from '../params.js';
import { parseInput } from '../respond.js';

/**
 * Monitored accounts. Handles are the municipalities' own public pages, so the sector role may list them
 * (without harvest status); a municipality key lists only its own and gets 403 for any other id.
 */
function accountJson(p: Principal, a: AccountSummary) {
  return {
    id: a.id,
    municipality: a.municipality,
    platform: a.platform,
    external_id: a.externalId,
    handle: a.handle,
    ...(p.role === 'sector' ? {} : { status: a.status }),
  };
}

export function registerAccounts(app: FastifyInstance, ctx: RouteContext): void {
  const ListQuery = z.strictObject({ municipality: MunicipalityCode.optional() });
  app.get('/api/v1/accounts', async (req) => {
    const p = requirePrincipal(req);
    const q = parseInput(ListQuery, req.query, 'query');
    if (q.municipality) assertMunicipality(p, q.municipality);
    const municipality = p.role === 'municipality' ? (p.municipality as string) : q.municipality;
    const rows = await listAccountSummaries(ctx.deps.db, municipality ? { municipality } : {});
    return { data: rows.map((a) => accountJson(p, a)) };
  });

  const Params = z.strictObject({ id: AccountId });
  app.get('/api/v1/accounts/:id', async (req) => {
    const p = requirePrincipal(req);
    const { id } = parseInput(Params, req.params, 'path');
    const [a] = await listAccountSummaries(ctx.deps.db, { id });
    if (p.role === 'municipality' && (!a || a.municipality !== p.municipality)) {
      throw new AppError('FORBIDDEN', 'this key may only read its own municipality');
    }
    if (!a) throw new AppError('NOT_FOUND', 'no such account');
    return accountJson(p, a);
  });
}
