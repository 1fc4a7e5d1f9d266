import { readFileSync } from 'node:fs';

import { platformName } from '../../domain/platform-names.js';
import type { AnnualSummary, MeasuredRow } from '../../indicators/annual-summary.js';
import { projectUrl } from '../../project-root.js';
import { fmtNumber, fmtPct, html, type Raw } from '../dashboard/html.js';
import type { Lang } from '../dashboard/i18n.js';
import { sectorTexts } from './texts.js';

/**
 * The annual "Dialog i kommunesektoren" summary as HTML (one body for the dashboard page and the PDF; the files
 * are src/api/sector/annual-export.ts). Every row says which number is surveyed (2011, self-reported) and which
 * is measured (observed).
 */

function interval(x: { value: number | null; low: number | null; high: number | null; n: number }, lang: Lang): string {
  if (x.value === null) return '–';
  const ci = x.low === null || x.high === null ? '' : ` (${fmtPct(x.low, lang)}–${fmtPct(x.high, lang)})`;
  return `${fmtPct(x.value, lang)}${ci}, n = ${fmtNumber(x.n, lang)}`;
}

function measuredCell(r: MeasuredRow, lang: Lang): string {
  const st = sectorTexts(lang);
  if (r.measure.observable === 'no') return st.notObservable;
  if (r.suppressed) return st.suppressedGroup;
  if (r.measure.id === 'god_helg') return r.rank ? st.rankText(r.rank.rank, r.rank.of, fmtNumber(r.rank.perPost.value, lang, 2)) : '–';
  return r.measured ? interval(r.measured, lang) : '–';
}

const surveyedCell = (r: MeasuredRow, lang: Lang) =>
  r.measure.surveyed === null ? sectorTexts(lang).noFigure : fmtPct(r.measure.surveyed, lang);

export function annualBody(v: AnnualSummary, lang: Lang): Raw {
  const st = sectorTexts(lang);
  return html`<p class="intro">${st.annualIntro}</p>
<p>${st.annualPeriod(v.from, v.to, v.complete)} ${st.annualCoverage(v.registerMunicipalities, v.monitoredMunicipalities, v.activeMunicipalities)}</p>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="annual-measures"><table aria-labelledby="annual-measures">
<thead><tr><th scope="col" id="annual-measures">${st.colMeasure}</th><th scope="col" class="num">${st.colSurveyed}</th><th scope="col" class="num">${st.colMeasured(v.year)}</th><th scope="col">${st.colWhat}</th></tr></thead>
<tbody>${v.rows.map((r) => html`<tr><th scope="row">${st.measureNames[r.measure.id] ?? r.measure.id}</th><td class="num">${surveyedCell(r, lang)}</td><td class="num">${measuredCell(r, lang)}</td><td>${st.measureWhat[r.measure.id] ?? ''}</td></tr>`)}</tbody>
</table></div>
<h2 id="annual-platforms">${st.platformsHeading}</h2>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="annual-platforms"><table aria-labelledby="annual-platforms">
<thead><tr><th scope="col">${st.colPlatform}</th><th scope="col" class="num">${st.colFollowed}</th><th scope="col" class="num">${st.colActive}</th><th scope="col" class="num">${st.colShareActive}</th></tr></thead>
<tbody>${v.platforms.map((p) => html`<tr><th scope="row">${platformName(p.platform)}</th><td class="num">${fmtNumber(p.monitored, lang)}</td><td class="num">${fmtNumber(p.active, lang)}</td><td class="num">${interval(p.shareOfActive, lang)}</td></tr>`)}</tbody>
</table></div>
<p class="note">${st.annualSource}</p>`;
}

/** A self-contained A4 document of the summary for the PDF (the dashboard's stylesheet inlined, no requests). */
export function annualPdfHtml(v: AnnualSummary, lang: Lang): string {
  const css = readFileSync(projectUrl('src/api/dashboard/static/app.css'), 'utf8');
  const st = sectorTexts(lang);
  return `<!doctype html>
<html lang="${lang === 'en' ? 'en' : 'nb'}"><head><meta charset="utf-8"><title>${st.annualTitle(v.year)}</title>
<style>${css}
@page { size: A4; margin: 16mm 14mm; }
main { max-width: none; padding: 0; }
table { font-size: 10pt; }
</style></head>
<body><main><h1>${st.annualTitle(v.year)}</h1>
${annualBody(v, lang).__html}
</main></body></html>`;
}
