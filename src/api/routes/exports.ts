import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';

import { AppError } from '../../errors.js';
import { DEFINITION_VERSION } from '../../indicators/definitions.js';
import { CSV_CONTENT_TYPE, CsvDialectParam } from '../../exports/csv.js';
import { indicatorTable, widerScopeCounts, type Names } from '../../exports/indicator-table.js';
import { tableCsv, type ExportTable } from '../../exports/table.js';
import { tableXlsx, XLSX_CONTENT_TYPE } from '../../exports/xlsx.js';
import {
  listAccountSummaries,
  listCountySummaries,
  listMunicipalitySummaries,
  readIndicatorSeries,
  type AccountSummary,
} from '../../store/api-reads.js';
import { countMeasuredMunicipalities } from '../../store/measured-municipalities.js';
import { checkScopeAccess } from '../access.js';
import { assertMunicipality, requirePrincipal, type Principal } from '../auth.js';
import type { RouteContext } from '../context.js';
import { ExportLangParam, MunicipalityCode, ScopeName, Week, resolveWeekRange } from '../params.js';
import { parseInput } from '../respond.js';
import { viewRows } from '../views.js';
import { SCOPE_ID } from './indicators.js';

/** The most rows one export may hold; a wider request is asked to narrow its range. */
export const MAX_EXPORT_ROWS = 100_000;

export const ExportQuery = z
  .strictObject({
    scope: ScopeName,
    id: z.string().max(20).optional(),
    municipality: MunicipalityCode.optional(),
    from: Week.optional(),
    to: Week.optional(),
    lang: ExportLangParam,
    /** CSV only: `excel-nb` for Excel in a Norwegian locale; RFC 4180 otherwise. */
    dialect: CsvDialectParam.optional(),
  })
  .superRefine((q, c) => {
    if (q.id !== undefined && !SCOPE_ID[q.scope].test(q.id))
      c.addIssue({ code: 'custom', path: ['id'], message: `not a valid ${q.scope} id` });
    if (q.municipality !== undefined && q.scope !== 'account' && q.scope !== 'municipality') {
      c.addIssue({ code: 'custom', path: ['municipality'], message: 'only for scope account or municipality' });
    }
  });

type ExportQueryT = z.infer<typeof ExportQuery>;

/**
 * Any indicator table (one scope level, optionally one id or one municipality, over a week range) as CSV or
 * Excel, with the same rows the role would get from /indicators: a municipality key's export is confined to
 * its own accounts and municipality whatever the query says; the sector role gets no account rows and the
 * suppressed view of the rest.
 */
async function exportTable(ctx: RouteContext, p: Principal, q: ExportQueryT): Promise<ExportTable> {
  if (q.scope === 'account' && p.role === 'sector')
    throw new AppError('FORBIDDEN', 'the sector role sees aggregates only, not single accounts');
  if (q.id !== undefined) await checkScopeAccess(ctx.deps.db, p, q.scope, q.id);
  if (q.municipality !== undefined) assertMunicipality(p, q.municipality);
  const confine = p.role === 'municipality' && (q.scope === 'account' || q.scope === 'municipality');
  const municipality = confine ? (p.municipality as string) : q.municipality;
  const range = resolveWeekRange(q, ctx.deps.clock(), 12);
  if ('error' in range) throw new AppError('BAD_INPUT', range.error);
  const db = ctx.deps.db;
  const wider = q.scope === 'county' || q.scope === 'sector';
  const [rows, municipalities, counties, accounts, counts] = await Promise.all([
    readIndicatorSeries(db, {
      scope: q.scope,
      ...(q.id !== undefined ? { scopeId: q.id } : {}),
      ...(municipality !== undefined ? { municipality } : {}),
      from: range.from,
      to: range.to,
      definitionVersion: DEFINITION_VERSION,
    }),
    listMunicipalitySummaries(db),
    listCountySummaries(db),
    q.scope === 'account' ? listAccountSummaries(db, municipality ? { municipality } : {}) : Promise.resolve([] as AccountSummary[]),
    wider
      ? countMeasuredMunicipalities(db, { from: range.from, to: range.to, definitionVersion: DEFINITION_VERSION })
      : Promise.resolve([]),
  ]);
  if (rows.length > MAX_EXPORT_ROWS)
    throw new AppError('BAD_INPUT', `the export would hold more than ${MAX_EXPORT_ROWS} rows; narrow the week range or name an id`);
  const names: Names = {
    municipalities: new Map(municipalities.map((m) => [m.code, { name: m.name, countyCode: m.countyCode, countyName: m.countyName }])),
    counties: new Map(counties.map((c) => [c.code, { name: c.name, register: c.municipalities }])),
    accounts: new Map(accounts.map((a) => [a.id, { handle: a.handle }])),
  };
  const name = `lyttepost-${q.scope}${q.id ? `-${q.id}` : municipality ? `-${municipality}` : ''}-${range.from}-${range.to}`;
  return indicatorTable({
    scope: q.scope,
    rows: viewRows(p, rows),
    names,
    counts: widerScopeCounts(counts, names.counties),
    lang: q.lang ?? 'nb',
    name,
  });
}

const attach = (reply: FastifyReply, file: string) => reply.header('content-disposition', `attachment; filename="${file}"`);

export function registerExports(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/api/v1/exports/indicators.csv', async (req, reply) => {
    const p = requirePrincipal(req);
    const q = parseInput(ExportQuery, req.query, 'query');
    const t = await exportTable(ctx, p, q);
    return attach(reply, `${t.name}.csv`)
      .type(CSV_CONTENT_TYPE)
      .send(tableCsv(t, q.dialect ?? 'rfc4180'));
  });
  app.get('/api/v1/exports/indicators.xlsx', async (req, reply) => {
    const p = requirePrincipal(req);
    const q = parseInput(ExportQuery, req.query, 'query');
    if (q.dialect !== undefined) throw new AppError('BAD_INPUT', 'dialect is for the CSV export only');
    const t = await exportTable(ctx, p, q);
    return attach(reply, `${t.name}.xlsx`)
      .type(XLSX_CONTENT_TYPE)
      .send(await tableXlsx(t));
  });
}
