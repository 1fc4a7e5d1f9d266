import type { FastifyInstance } from 'fastify';
import { CSV_CONTENT_TYPE, CsvDialectParam } from '../../exports/csv.js';
import { tableCsv } from '../../exports/table.js';
import { tableXlsx, XLSX_CONTENT_TYPE } from '../../exports/xlsx.js';
import { z } from 'zod';

import type { AnnualSummary } from '../../indicators/annual-summary.js';
import { startChromium } from '../../reports/chromium.js';
import { requirePrincipal } from '../auth.js';
import type { RouteContext } from '../context.js';
import { ExportLangParam } from '../params.js';
import { parseInput } from '../respond.js';
import { annualTable } from '../sector/annual-export.js';
import { annualBody, annualPdfHtml } from '../sector/annual-render.js';
import { exportLinks } from '../sector/export-links.js';
import { loadAnnualView } from '../sector/annual-view.js';
import { sectorTexts } from '../sector/texts.js';
import { href, html, page } from './html.js';
import { HTML, LangParam, parse, requirePage, send } from './page-kit.js';

/**
 * The annual "Dialog i kommunesektoren" summary: the page (`/sector/annual`), its PDF (rendered on request by
 * the reports' Chromium renderer, src/reports/chromium.ts), JSON, CSV and XLSX. Every role; the suppressed view
 * for all but admin.
 */
const Year = z.coerce.number().int().min(2000).max(2100);
const PageQuery = z.strictObject({ year: Year.optional(), lang: LangParam });
const ApiQuery = z.strictObject({ year: Year.optional() });
const FileQuery = ApiQuery.extend({ lang: ExportLangParam });

export function annualJson(v: AnnualSummary): Record<string, unknown> {
  return {
    year: v.year,
    from: v.from,
    to: v.to,
    complete: v.complete,
    register_municipalities: v.registerMunicipalities,
    monitored_municipalities: v.monitoredMunicipalities,
    active_municipalities: v.activeMunicipalities,
    measures: v.rows.map((r) => ({
      id: r.measure.id,
      surveyed_2011: r.measure.surveyed,
      surveyed_base: r.measure.base,
      observable: r.measure.observable,
      measured: r.measured,
      ...(r.rank !== undefined ? { smalltalk_rank: r.rank } : {}),
      ...(r.suppressed ? { suppressed: true } : {}),
    })),
    platforms: v.platforms.map((p) => ({
      platform: p.platform,
      monitored: p.monitored,
      active: p.active,
      share_of_active: p.shareOfActive,
    })),
  };
}

export function registerAnnualPage(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/sector/annual', HTML, async (req, reply) => {
    const p = requirePage(req);
    const q = parse(PageQuery, req.query);
    const st = sectorTexts(q.lang);
    const v = await loadAnnualView(ctx, p, q.year);
    const body = html`<form method="get" action="/sector/annual" class="row" aria-label="${st.annualYear}">
  ${q.lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
  <div><label for="year">${st.annualYear}</label><input id="year" name="year" value="${v.year}" inputmode="numeric" pattern="[0-9]{4}" size="5"></div>
  <button type="submit">${q.lang === 'en' ? 'Show' : 'Vis'}</button>
</form>
${annualBody(v, q.lang)}
<p class="downloads"><a href="${href('/sector/annual.pdf', q.lang, { year: String(v.year) })}" download>${st.pdf}</a></p>
${exportLinks(q.lang, '/api/v1/exports/annual-summary', { year: String(v.year) })}`;
    return send(
      reply,
      page({
        title: st.annualTitle(v.year),
        lang: q.lang,
        principal: p,
        path: '/sector/annual',
        query: { year: q.year === undefined ? undefined : String(q.year) },
        body,
      }),
    );
  });

  app.get('/sector/annual.pdf', HTML, async (req, reply) => {
    const p = requirePage(req);
    const q = parse(PageQuery, req.query);
    const v = await loadAnnualView(ctx, p, q.year);
    const renderer = await startChromium();
    try {
      const pdf = await renderer.htmlToPdf(annualPdfHtml(v, q.lang));
      return reply
        .header('content-disposition', `attachment; filename="lyttepost-dialog-i-kommunesektoren-${v.year}.${q.lang}.pdf"`)
        .type('application/pdf')
        .send(pdf);
    } finally {
      await renderer.close();
    }
  });

  app.get('/api/v1/annual-summary', async (req) => {
    const p = requirePrincipal(req);
    const q = parseInput(ApiQuery, req.query, 'query');
    return annualJson(await loadAnnualView(ctx, p, q.year));
  });

  app.get('/api/v1/exports/annual-summary.csv', async (req, reply) => {
    const p = requirePrincipal(req);
    const q = parseInput(FileQuery.extend({ dialect: CsvDialectParam.optional() }), req.query, 'query');
    const t = annualTable(await loadAnnualView(ctx, p, q.year), q.lang);
    return reply
      .header('content-disposition', `attachment; filename="${t.name}.csv"`)
      .type(CSV_CONTENT_TYPE)
      .send(tableCsv(t, q.dialect ?? 'rfc4180'));
  });

  app.get('/api/v1/exports/annual-summary.xlsx', async (req, reply) => {
    const p = requirePrincipal(req);
    const q = parseInput(FileQuery, req.query, 'query');
    const t = annualTable(await loadAnnualView(ctx, p, q.year), q.lang);
    return reply
      .header('content-disposition', `attachment; filename="${t.name}.xlsx"`)
      .type(XLSX_CONTENT_TYPE)
      .send(await tableXlsx(t));
  });
}
