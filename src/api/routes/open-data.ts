import cors from '@fastify/cors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

import { AppError } from '../../errors.js';
import { CSV_CONTENT_TYPE, CsvDialectParam } from '../../exports/csv.js';
import { tableCsv, type ExportCell, type ExportTable } from '../../exports/table.js';
import { DEFINITION_VERSION, DISTRIBUTION_IDS } from '../../indicators/definitions.js';
import type { OutputRow } from '../../indicators/output.js';
import { listCountySummaries, readIndicatorSeries } from '../../store/api-reads.js';
import type { RouteContext } from '../context.js';
import { Week, resolveWeekRange } from '../params.js';
import { parseInput } from '../respond.js';
import { viewRows } from '../views.js';
import { dataPackage } from './open-data-package.js';
import { OPEN_DATA_COLUMNS, OPEN_DATA_FIELDS, OPEN_DATA_SCHEMA_VERSION, OPEN_DATA_VALUE_IDS } from './open-data-schema.js';
import { sendCached } from './send-cached.js';

export { OPEN_DATA_COLUMNS, OPEN_DATA_SCHEMA_VERSION } from './open-data-schema.js';

/**
 * The open-data export of sector and county aggregates: public (no key), always the sector role's suppressed
 * view, a fixed column list (schema version 1, docs/api.md and `datapackage.json`), readable from any web page
 * (CORS for GET and HEAD on these routes only) and cacheable (Cache-Control and a strong ETag; a matching
 * If-None-Match is answered 304).
 */
function openDataRow(r: OutputRow, name: string): ExportCell[] {
  const d = r.distribution;
  return [
    OPEN_DATA_SCHEMA_VERSION,
    DEFINITION_VERSION,
    r.week,
    r.scope,
    r.scopeId,
    name,
    r.n.municipalities ?? null,
    r.coverage,
    r.provisional,
    ...OPEN_DATA_VALUE_IDS.map((id) => r.values[id] ?? null),
    ...DISTRIBUTION_IDS.flatMap((id) => {
      const e = d?.[id];
      return [e?.p25 ?? null, e?.median ?? null, e?.p75 ?? null];
    }),
    Object.values(r.flags).some((f) => f?.includes('suppressed')) ||
      DISTRIBUTION_IDS.some((id) => (d?.[id] as { suppressed?: boolean } | undefined)?.suppressed === true),
  ];
}

const PUBLIC = { sub: { keyId: 'public', role: 'sector', municipality: null } as const };
export const OPEN_DATA_PREFIX = '/api/v1/open-data';
/** How long a browser or proxy may reuse an answer (indicators are recomputed at most every few minutes). */
const CACHE = 'public, max-age=300';

export function registerOpenData(app: FastifyInstance, ctx: RouteContext): void {
  const Query = z.strictObject({ from: Week.optional(), to: Week.optional() });
  const CsvQuery = Query.extend({ dialect: CsvDialectParam.optional() });

  async function table(q: z.infer<typeof Query>): Promise<ExportTable> {
    const range = resolveWeekRange(q, ctx.deps.clock(), 52);
    if ('error' in range) throw new AppError('BAD_INPUT', range.error);
    const base = { from: range.from, to: range.to, definitionVersion: DEFINITION_VERSION };
    const [sector, counties, names] = await Promise.all([
      readIndicatorSeries(ctx.deps.db, { scope: 'sector', ...base }),
      readIndicatorSeries(ctx.deps.db, { scope: 'county', ...base }),
      listCountySummaries(ctx.deps.db),
    ]);
    const nameOf = new Map(names.map((c) => [c.code, c.name]));
    const rows = viewRows(PUBLIC.sub, [...sector, ...counties]).sort((a, b) =>
      a.week === b.week
        ? a.scope === b.scope
          ? a.scopeId.localeCompare(b.scopeId)
          : a.scope === 'sector'
            ? -1
            : 1
        : a.week < b.week
          ? -1
          : 1,
    );
    return {
      name: 'lyttepost-sector-aggregates',
      sheet: 'sector-aggregates',
      columns: OPEN_DATA_FIELDS.map((f) => ({ id: f.name, label: f.title, kind: f.kind })),
      rows: rows.map((r) => openDataRow(r, r.scope === 'sector' ? 'Norge' : (nameOf.get(r.scopeId) ?? ''))),
      notes: [],
      lang: 'nb',
    };
  }

  // Its own encapsulated context: the CORS hook and its OPTIONS route cover these routes and nothing else.
  app.register(
    async (child) => {
      child.addHook('onRoute', (r) => {
        r.config = { ...(r.config as object), public: true };
      });
      await child.register(cors, {
        origin: '*',
        methods: ['GET', 'HEAD'],
        allowedHeaders: ['If-None-Match', 'If-Modified-Since'],
        exposedHeaders: ['ETag', 'Content-Disposition'],
        maxAge: 86_400,
        strictPreflight: true,
      });

      child.get('/sector-aggregates.csv', async (req: FastifyRequest, reply: FastifyReply) => {
        const q = parseInput(CsvQuery, req.query, 'query');
        const t = await table(q);
        reply.header(
          'content-disposition',
          `attachment; filename="lyttepost-sector-aggregates${q.dialect === 'excel-nb' ? '-excel' : ''}.csv"`,
        );
        return sendCached(req, reply, tableCsv(t, q.dialect ?? 'rfc4180'), CSV_CONTENT_TYPE, CACHE);
      });
      child.get('/sector-aggregates.json', async (req: FastifyRequest, reply: FastifyReply) => {
        const t = await table(parseInput(Query, req.query, 'query'));
        const body = JSON.stringify({
          schema_version: OPEN_DATA_SCHEMA_VERSION,
          columns: OPEN_DATA_COLUMNS,
          data: t.rows.map((r) => Object.fromEntries(OPEN_DATA_COLUMNS.map((c, i) => [c, r[i] ?? null]))),
        });
        return sendCached(req, reply, body, 'application/json; charset=utf-8', CACHE);
      });
      child.get('/datapackage.json', async (req: FastifyRequest, reply: FastifyReply) => {
        parseInput(z.strictObject({}), req.query, 'query');
        return sendCached(
          req,
          reply,
          JSON.stringify(dataPackage(ctx.deps.openDataLicense), null, 2),
          'application/json; charset=utf-8',
          CACHE,
        );
      });
    },
    { prefix: OPEN_DATA_PREFIX },
  );
}
