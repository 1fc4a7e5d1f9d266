import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { AppError } from '../../errors.js';
import { DEFINITION_VERSION, SECTOR_ID, type Scope } from '../../indicators/definitions.js';
import { readIndicatorSeries } from '../../store/api-reads.js';
import { checkScopeAccess } from '../access.js';
import { requirePrincipal } from '../auth.js';
import type { RouteContext } from '../context.js';
import { IndicatorIdList, ScopeName, Week, resolveWeekRange } from '../params.js';
import { parseInput } from '../respond.js';
import { rowJson, viewRows } from '../views.js';

/** `id` of each scope level: account id, municipality code, county code, or the sector's `NO`. */
export const SCOPE_ID: Record<Scope, RegExp> = {
  account: /^[1-9][0-9]{0,15}$/,
  municipality: /^[0-9]{4}$/,
  county: /^[0-9]{2}$/,
  sector: /^NO$/,
};

export const SeriesQuery = z
  .strictObject({
    scope: ScopeName,
    id: z.string().max(20).optional(),
    from: Week.optional(),
    to: Week.optional(),
    ids: IndicatorIdList.optional(),
  })
  .superRefine((q, c) => {
    const id = q.id ?? (q.scope === 'sector' ? SECTOR_ID : undefined);
    if (id === undefined) c.addIssue({ code: 'custom', path: ['id'], message: `required for scope ${q.scope}` });
    else if (!SCOPE_ID[q.scope].test(id)) c.addIssue({ code: 'custom', path: ['id'], message: `not a valid ${q.scope} id` });
  });

/** Indicator series of one scope over a week range: every stored week, values as INDICATORS.md defines them. */
export function registerIndicators(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/api/v1/indicators', async (req) => {
    const p = requirePrincipal(req);
    const q = parseInput(SeriesQuery, req.query, 'query');
    const id = q.id ?? SECTOR_ID;
    await checkScopeAccess(ctx.deps.db, p, q.scope, id);
    const range = resolveWeekRange(q, ctx.deps.clock(), 12);
    if ('error' in range) throw new AppError('BAD_INPUT', range.error);
    const rows = await readIndicatorSeries(ctx.deps.db, {
      scope: q.scope,
      scopeId: id,
      from: range.from,
      to: range.to,
      definitionVersion: DEFINITION_VERSION,
    });
    return {
      scope: q.scope,
      id,
      from: range.from,
      to: range.to,
      definition_version: DEFINITION_VERSION,
      data: viewRows(p, rows).map((r) => rowJson(r, q.ids)),
    };
  });
}
