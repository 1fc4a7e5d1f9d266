import { reportCharts, type Chart } from './charts.js';
import type { Renderer } from './chromium.js';
import { formatNumber, formatWeek, type Lang } from './format.js';
import { t } from './i18n.js';
import { chartCid, renderHtml } from './render-html.js';
import { renderPdfHtml } from './render-pdf.js';
import { renderText } from './render-text.js';
import { municipalityTitle } from './report-lines.js';
import type { ReportView } from './report-view.js';

/** Everything one report produces in one language: the e-mail parts, the PDF and the chart images. */
export type RenderedReport = {
  lang: Lang;
  subject: string;
  /** E-mail HTML; charts referenced as `cid:` (see `images`). */
  html: string;
  text: string;
  pdf: Buffer;
  /** File name for the PDF attachment, e.g. `lyttepost-0301-2026-W47.pdf`. */
  pdfName: string;
  charts: Chart[];
  images: Array<{ id: Chart['id']; cid: string; filename: string; png: Buffer }>;
};

export const reportBaseName = (v: ReportView): string => `lyttepost-${v.municipality.code}-${v.week}`;

export function reportSubject(v: ReportView, lang: Lang): string {
  const s = t(lang);
  const idx = v.dialogue.index.value;
  return s.subject(municipalityTitle(v, s), formatWeek(v.week, lang), idx === null ? null : formatNumber(idx, lang));
}

/** Renders HTML, text, chart PNGs (one page load for all three) and the PDF on one renderer. */
export async function renderReport(v: ReportView, lang: Lang, renderer: Renderer): Promise<RenderedReport> {
  const charts = reportCharts(v, lang);
  // One page load: the PDF's document lays the charts out 640 px wide; their PNGs for the e-mail are captured
  // from it at 2× before it is printed.
  const { pdf, pngs } = await renderer.htmlToPdfAndPngs(renderPdfHtml(v, lang, charts), {
    selectors: charts.map((c) => `#chart-${c.id}`),
    width: 720,
  });
  return {
    lang,
    subject: reportSubject(v, lang),
    html: renderHtml(v, { lang, charts, source: { mode: 'cid' } }),
    text: renderText(v, lang, charts),
    pdf,
    pdfName: `${reportBaseName(v)}.pdf`,
    charts,
    images: charts.map((c, i) => ({ id: c.id, cid: chartCid(c.id), filename: `${c.id}.png`, png: pngs[i] as Buffer })),
  };
}
