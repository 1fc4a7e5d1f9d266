import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { AppError } from '../../errors.js';
import { listAccountSummaries, listCountySummaries, listMunicipalitySummaries } from '../../store/api-reads.js';
import { assertMunicipality, requirePrincipal } from '../auth.js';
import type { RouteContext } from '../context.js';
import { CountyCode, MunicipalityCode } from '../params.js';
import { parseInput } from '../respond.js';

/**
 * The register: municipalities (with their accounts) and counties. A municipality key sees only its own
 * municipality in lists and gets 403 for any other code.
 */
export function registerMunicipalities(app: FastifyInstance, ctx: RouteContext): void {
  const ListQuery = z.strictObject({ county: CountyCode.optional() });
  app.get('/api/v1/municipalities', async (req) => {
    const p = requirePrincipal(req);
    const q = parseInput(ListQuery, req.query, 'query');
    const rows = await listMunicipalitySummaries(ctx.deps.db, {
      ...(q.county ? { county: q.county } : {}),
      ...(p.role === 'municipality' ? { code: p.municipality as string } : {}),
    });
    return {
      data: rows.map((m) => ({
        code: m.code,
        name: m.name,
        county: m.countyCode,
        county_name: m.countyName,
        population: m.population,
        accounts: m.accounts,
      })),
    };
  });

  const Params = z.strictObject({ code: MunicipalityCode });
  app.get('/api/v1/municipalities/:code', async (req) => {
    const p = requirePrincipal(req);
    const { code } = parseInput(Params, req.params, 'path');
    assertMunicipality(p, code);
    const [m] = await listMunicipalitySummaries(ctx.deps.db, { code });
    if (!m) throw new AppError('NOT_FOUND', 'no such municipality');
    const accounts = await listAccountSummaries(ctx.deps.db, { municipality: code });
    const showStatus = p.role !== 'sector';
    return {
      code: m.code,
      name: m.name,
      county: m.countyCode,
      county_name: m.countyName,
      population: m.population,
      accounts: accounts.map((a) => ({
        id: a.id,
        platform: a.platform,
        external_id: a.externalId,
        handle: a.handle,
        ...(showStatus ? { status: a.status } : {}),
      })),
    };
  });

  app.get('/api/v1/counties', async (req) => {
    requirePrincipal(req);
    parseInput(z.strictObject({}), req.query, 'query');
    const rows = await listCountySummaries(ctx.deps.db);
    return { data: rows.map((c) => ({ code: c.code, name: c.name, municipalities: c.municipalities })) };
  });
}
