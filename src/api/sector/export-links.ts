import { countyTexts } from '../dashboard/county-texts.js';
import { html, type Raw } from '../dashboard/html.js';
import { texts, type Lang } from '../dashboard/i18n.js';

/**
 * The download links of a sector page's export (`base` without extension): CSV for Norwegian Excel, XLSX and
 * plain CSV, labelled as the indicator downloads are (src/api/dashboard/page-kit.ts `downloads`), in the page's
 * language (the files' headers follow it).
 */
export function exportLinks(lang: Lang, base: string, params: Record<string, string>): Raw {
  const c = countyTexts(lang);
  const qs = new URLSearchParams({ ...params, ...(lang === 'en' ? { lang } : {}) }).toString();
  return html`<p class="downloads">${texts(lang).download}: <a href="${`${base}.csv?${qs}&dialect=excel-nb`}" download>${c.csvExcel}</a>
<a href="${`${base}.xlsx?${qs}`}" download>${c.xlsx}</a>
<a href="${`${base}.csv?${qs}`}" download>${c.csvPlain}</a></p>`;
}
