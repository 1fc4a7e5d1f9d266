import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { requirePrincipal } from '../auth.js';
import type { RouteContext } from '../context.js';
import { ExportLangParam, MunicipalityCode, Week } from '../params.js';
import { parseInput } from '../respond.js';
import { postKindTable } from '../sector/post-kind-export.js';
import { loadPostKindView, scopeJson } from '../sector/post-kind-view.js';
import { bandTrendJson, loadSizeBandView } from '../sector/size-band-view.js';
import { DEFINITION_VERSION } from '../../indicators/definitions.js';
import { CSV_CONTENT_TYPE, CsvDialectParam } from '../../exports/csv.js';
import { tableCsv } from '../../exports/table.js';
import { tableXlsx, XLSX_CONTENT_TYPE } from '../../exports/xlsx.js';

export const PostKindQuery = z.strictObject({ from: Week.optional(), to: Week.optional(), municipality: MunicipalityCode.optional() });

/** Post types and dialogue (#23 part B): JSON and the CSV and XLSX exports. Every role; see loadPostKindView for who sees what. */
export function registerPostKinds(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/api/v1/post-kinds', async (req) => {
    const p = requirePrincipal(req);
    const v = await loadPostKindView(ctx, p, parseInput(PostKindQuery, req.query, 'query'));
    return {
      from: v.from,
      to: v.to,
      classifier_version: v.classifierVersion,
      known_at: v.knownAt,
      sector: scopeJson(v.sector),
      size_bands: v.bands.map(scopeJson),
      municipalities: v.municipalities.map(scopeJson),
    };
  });
  app.get('/api/v1/exports/post-kinds.csv', async (req, reply) => {
    const p = requirePrincipal(req);
    const { dialect, lang, ...q } = parseInput(
      PostKindQuery.extend({ dialect: CsvDialectParam.optional(), lang: ExportLangParam }),
      req.query,
      'query',
    );
    const t = postKindTable(await loadPostKindView(ctx, p, q), lang);
    return reply
      .header('content-disposition', `attachment; filename="${t.name}.csv"`)
      .type(CSV_CONTENT_TYPE)
      .send(tableCsv(t, dialect ?? 'rfc4180'));
  });
  app.get('/api/v1/exports/post-kinds.xlsx', async (req, reply) => {
    const p = requirePrincipal(req);
    const { lang, ...q } = parseInput(PostKindQuery.extend({ lang: ExportLangParam }), req.query, 'query');
    const t = postKindTable(await loadPostKindView(ctx, p, q), lang);
    return reply
      .header('content-disposition', `attachment; filename="${t.name}.xlsx"`)
      .type(XLSX_CONTENT_TYPE)
      .send(await tableXlsx(t));
  });
}

const BandQuery = z.strictObject({ from: Week.optional(), to: Week.optional() });

/** The sector trend by population size band, each week beside the same ISO week a year earlier. Every role. */
export function registerSizeBandTrends(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/api/v1/trends/size-bands', async (req) => {
    const p = requirePrincipal(req);
    const v = await loadSizeBandView(ctx, p, parseInput(BandQuery, req.query, 'query'));
    return { from: v.from, to: v.to, definition_version: DEFINITION_VERSION, bands: v.bands.map(bandTrendJson) };
  });
}
