import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.js';
import { DEFINITION_VERSION, SECTOR_ID, type IndicatorId } from '../../indicators/definitions.js';
import { listCountySummaries, listMunicipalitySummaries, readIndicatorSeries } from '../../store/api-reads.js';
import type { RouteContext } from '../context.js';
import { resolveWeekRange } from '../params.js';
import { countMeasuredMunicipalities } from '../../store/measured-municipalities.js';
import { viewRows } from '../views.js';
import { countyTable } from './county-table.js';
import { chartFigure, html, page } from './html.js';
import { texts } from './i18n.js';
import { HTML, RangeQuery, parse, send, requirePage, downloads, rangeForm, num } from './page-kit.js';

/** The sector overview: the dialogue-index trend, its five parts, the county table, switch to a municipality. */
export function registerSectorPage(app: FastifyInstance, ctx: RouteContext): void {
  const db = ctx.deps.db;

  app.get('/sector', HTML, async (req, reply) => {
    const p = requirePage(req);
    const q = parse(RangeQuery, req.query);
    const { lang } = q;
    const t = texts(lang);
    const range = resolveWeekRange(q, ctx.deps.clock(), 52);
    if ('error' in range) throw new AppError('BAD_INPUT', range.error);
    const base = { from: range.from, to: range.to, definitionVersion: DEFINITION_VERSION };
    const [sectorRaw, countyRaw, counties, municipalities, counts] = await Promise.all([
      readIndicatorSeries(db, { scope: 'sector', scopeId: SECTOR_ID, ...base }),
      readIndicatorSeries(db, { scope: 'county', from: range.to, to: range.to, definitionVersion: DEFINITION_VERSION }),
      listCountySummaries(db),
      listMunicipalitySummaries(db, p.role === 'municipality' ? { code: p.municipality as string } : {}),
      countMeasuredMunicipalities(db, { from: range.to, to: range.to, definitionVersion: DEFINITION_VERSION }),
    ]);
    const sector = viewRows(p, sectorRaw);
    const countyRows = new Map(viewRows(p, countyRaw).map((r) => [r.scopeId, r]));
    const byWeek = new Map(sector.map((r) => [r.week, r]));
    const weeks = range.weeks;
    const at = (id: IndicatorId) => weeks.map((w) => num(byWeek.get(w), id));
    const dist = (k: 'p25' | 'median' | 'p75') => weeks.map((w) => byWeek.get(w)?.distribution?.dialogue_index?.[k] ?? null);
    const body = html`<p class="intro">${t.sectorIntro}</p>
${rangeForm(t, lang, '/sector', range.from, range.to)}
${sector.length === 0 ? html`<p>${t.noData}</p>` : ''}
${chartFigure(
  {
    id: 'chart-di',
    title: t.diChart,
    weeks,
    yMax: 100,
    unit: 'index',
    series: [
      { label: t.diSeries, values: at('dialogue_index') },
      { label: t.median, values: dist('median'), kind: 'dashed' },
    ],
    band: { label: t.band, low: dist('p25'), high: dist('p75') },
  },
  lang,
)}
${chartFigure(
  {
    id: 'chart-parts',
    title: t.partsChart,
    weeks,
    yMax: 1,
    unit: 'share',
    series: [
      { label: t.R, values: at('dialogue_r') },
      { label: t.T, values: at('dialogue_t') },
      { label: t.H, values: at('dialogue_h') },
      { label: t.V, values: at('dialogue_v') },
      { label: t.F, values: at('dialogue_f') },
    ],
  },
  lang,
)}
${downloads(t, lang, { scope: 'sector', from: range.from, to: range.to })}
${countyTable({ t, lang, week: range.to, counties, rows: countyRows, counts })}
${downloads(t, lang, { scope: 'county', from: range.to, to: range.to })}
<h2 id="switch">${t.switchTitle}</h2>
<form method="get" action="/m" class="row" aria-labelledby="switch">
  ${lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
  <div><label for="code">${t.municipality}</label>
  <select id="code" name="code">${municipalities.map((m) => html`<option value="${m.code}">${m.code} ${m.name}</option>`)}</select></div>
  <button type="submit">${t.go}</button>
</form>`;
    return send(reply, page({ title: t.sectorTitle, lang, principal: p, path: '/sector', query: { from: q.from, to: q.to }, body }));
  });
}
