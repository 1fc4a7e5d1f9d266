import { reportCharts, type Chart } from './charts.js';
import type { Renderer } from './chromium.js';
import { formatNumber, formatWeek, type Lang } from './format.js';
import { t } from './i18n.js';
import { chartCid, municipalityTitle, renderHtml } from './render-html.js';
import { renderPdfHtml } from './render-pdf.js';
import { renderText } from './render-text.js';
import type { ReportView } from './weekly-report.js';

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
  const [pngs, pdf] = await Promise.all([renderer.svgsToPng(charts, 2), renderer.htmlToPdf(renderPdfHtml(v, lang, charts))]);
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
