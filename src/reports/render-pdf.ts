import { reportCharts, type Chart } from './charts.js';
import type { Renderer } from './chromium.js';
import type { Lang } from './format.js';
import { renderHtml } from './render-html.js';
import type { ReportView } from './report-view.js';

/** The PDF's HTML: the e-mail's document with the charts as vector SVG and A4 page rules. */
export function renderPdfHtml(v: ReportView, lang: Lang, charts: readonly Chart[] = reportCharts(v, lang)): string {
  return renderHtml(v, { lang, charts, source: { mode: 'inline' }, pdf: true });
}

/**
 * A4 PDF of the report: real text (selectable, searchable), tagged structure with headings and table
 * headers, an outline from the headings, and the charts' alt text on their images.
 */
export async function renderPdf(v: ReportView, lang: Lang, renderer: Renderer, charts?: readonly Chart[]): Promise<Buffer> {
  return renderer.htmlToPdf(renderPdfHtml(v, lang, charts));
}
