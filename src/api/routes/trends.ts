import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { AppError } from '../../errors.js';
import { DEFINITION_VERSION, SECTOR_ID } from '../../indicators/definitions.js';
import { trendPoint } from '../../indicators/trend-point.js';
import { lastCompleteWeek } from '../../indicators/reporting-week.js';
import { listCountySummaries, readIndicatorSeries } from '../../store/api-reads.js';
import { readTrendPointsText } from '../../store/trend-points.js';
import { checkScopeAccess } from '../access.js';
import { requirePrincipal } from '../auth.js';
import type { RouteContext } from '../context.js';
import { AggregateScope, CountyCode, Week, resolveWeekRange } from '../params.js';
import { parseInput } from '../respond.js';
import { viewRows } from '../views.js';

export { TREND_IDS, trendPoint } from '../../indicators/trend-point.js';

/**
 * Sector and county trends (weekly) and distributions over municipalities (p25/median/p75 of response_rate,
 * reply_share, citizen_share, dialogue_index). Every role may read them; all but admin get the suppressed view.
 */
export function registerTrends(app: FastifyInstance, ctx: RouteContext): void {
  const TrendQuery = z
    .strictObject({
      scope: AggregateScope.default('sector'),
      id: z.string().max(20).optional(),
      from: Week.optional(),
      to: Week.optional(),
    })
    .superRefine((q, c) => {
      if (q.scope === 'county' && !(q.id && CountyCode.safeParse(q.id).success)) {
        c.addIssue({ code: 'custom', path: ['id'], message: 'expected a two-digit county code such as 03' });
      }
      if (q.scope === 'sector' && q.id !== undefined && q.id !== SECTOR_ID) {
        c.addIssue({ code: 'custom', path: ['id'], message: `the sector's id is ${SECTOR_ID}` });
      }
    });

  app.get('/api/v1/trends', async (req, reply) => {
    const p = requirePrincipal(req);
    const q = parseInput(TrendQuery, req.query, 'query');
    const id = q.scope === 'sector' ? SECTOR_ID : (q.id as string);
    if (q.scope === 'county') await checkScopeAccess(ctx.deps.db, p, 'county', id);
    const viewer = p.role === 'admin' ? 'admin' : 'suppressed';
    // The cache holds the serialised body: a cached answer costs the access check and a write, nothing else.
    const body = await ctx.aggregates.get(`trends|${viewer}|${q.scope}|${id}|${q.from ?? ''}|${q.to ?? ''}`, async () => {
      const range = resolveWeekRange(q, ctx.deps.clock(), 52);
      if ('error' in range) throw new AppError('BAD_INPUT', range.error);
      // Points are stored as the JSON text this endpoint sends (sql/0080, src/indicators/trend-point.ts).
      const points = await readTrendPointsText(ctx.deps.db, {
        scope: q.scope,
        scopeId: id,
        from: range.from,
        to: range.to,
        definitionVersion: DEFINITION_VERSION,
        viewer,
      });
      const head = JSON.stringify({ scope: q.scope, id, from: range.from, to: range.to, definition_version: DEFINITION_VERSION });
      return `${head.slice(0, -1)},"data":[${points}]}`;
    });
    return reply.type('application/json; charset=utf-8').send(body);
  });

  const DistQuery = z.strictObject({
    scope: AggregateScope.default('county'),
    id: z.string().max(20).optional(),
    week: Week.optional(),
  });
  app.get('/api/v1/distributions', async (req) => {
    const p = requirePrincipal(req);
    const q = parseInput(DistQuery, req.query, 'query');
    if (q.id !== undefined) {
      if (q.scope === 'county' && !CountyCode.safeParse(q.id).success)
        throw new AppError('BAD_INPUT', "query parameter 'id': expected a two-digit county code such as 03");
      await checkScopeAccess(ctx.deps.db, p, q.scope, q.id);
    }
    const week = q.week ?? lastCompleteWeek(ctx.deps.clock());
    if (!week) return { scope: q.scope, week: null, data: [] };
    const [rows, counties] = await Promise.all([
      readIndicatorSeries(ctx.deps.db, {
        scope: q.scope,
        ...(q.id !== undefined ? { scopeId: q.id } : {}),
        from: week,
        to: week,
        definitionVersion: DEFINITION_VERSION,
      }),
      listCountySummaries(ctx.deps.db),
    ]);
    const names = new Map(counties.map((c) => [c.code, c.name]));
    return {
      scope: q.scope,
      week,
      definition_version: DEFINITION_VERSION,
      data: viewRows(p, rows).map((r) => ({
        id: r.scopeId,
        name: r.scope === 'county' ? (names.get(r.scopeId) ?? null) : 'Norge',
        ...trendPoint(r),
      })),
    };
  });
}
