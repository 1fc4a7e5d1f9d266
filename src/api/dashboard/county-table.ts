import type { IndicatorId } from '../../indicators/definitions.js';
import type { OutputRow, SuppressedDistribution } from '../../indicators/output.js';
import type { CountySummary } from '../../store/api-reads.js';
import type { MeasuredCount } from '../../store/measured-municipalities.js';
import { countyTexts } from './county-texts.js';
import { fmtNumber, fmtPct, html, type Raw } from './html.js';
import type { Lang, Texts } from './i18n.js';
import { isSuppressed, num } from './page-kit.js';

/**
 * The sector page's county table for one week: measured municipalities beside the register count, the
 * county's figures (hidden below 5 municipalities for every role but admin), the median and spread over its
 * municipalities (only from at least 5 with a value, for every role), and footnotes that say what "hidden"
 * and "too few" mean.
 */
export function countyTable(a: {
  t: Texts;
  lang: Lang;
  week: string;
  counties: readonly CountySummary[];
  rows: ReadonlyMap<string, OutputRow>;
  counts: readonly MeasuredCount[];
}): Raw {
  const { t, lang } = a;
  const c = countyTexts(lang);
  const measured = new Map(a.counts.filter((m) => m.week === a.week).map((m) => [m.county, m.measured]));
  const value = (r: OutputRow | undefined, id: IndicatorId, f: (v: number | null) => string) =>
    !r ? '–' : isSuppressed(r, id) ? c.hidden : f(num(r, id));
  const pct = (v: number | null) => fmtPct(v, lang);
  const rows = a.counties.map((county) => {
    const r = a.rows.get(county.code);
    const d = (r?.distribution as SuppressedDistribution | null | undefined)?.dialogue_index;
    const spread =
      !r || !d ? '–' : d.suppressed ? c.tooFew : `${fmtNumber(d.median, lang)} (${fmtNumber(d.p25, lang)}–${fmtNumber(d.p75, lang)})`;
    return html`<tr><th scope="row">${county.name}</th><td class="num">${fmtNumber(county.municipalities, lang)}</td><td class="num">${fmtNumber(measured.get(county.code) ?? 0, lang)}</td><td class="num">${value(r, 'dialogue_index', (v) => fmtNumber(v, lang))}</td><td class="num">${spread}</td><td class="num">${value(r, 'response_rate', pct)}</td><td class="num">${value(r, 'reply_share', pct)}</td><td class="num">${value(r, 'citizen_share', pct)}</td></tr>`;
  });
  return html`<h2 id="counties">${t.countiesTitle} – ${t.week.toLowerCase()} ${a.week}</h2>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="counties"><table aria-labelledby="counties" aria-describedby="counties-notes" id="county-table">
<thead><tr><th scope="col">${t.county}</th><th scope="col" class="num">${c.register}</th><th scope="col" class="num">${c.measured}</th><th scope="col" class="num">${t.di}</th><th scope="col" class="num">${c.spread}</th><th scope="col" class="num">${t.responseRate}</th><th scope="col" class="num">${t.replyShare}</th><th scope="col" class="num">${t.citizenShare}</th></tr></thead>
<tbody>${rows}</tbody></table></div>
<div id="counties-notes"><p class="footnote">${c.footMeasured}</p>
<p class="footnote"><strong>${c.hidden}</strong>: ${c.footHidden.replace(/^[^:]*: /, '')}</p>
<p class="footnote"><strong>${c.tooFew}</strong>: ${c.footSpread.replace(/^[^:]*: /, '')}</p></div>`;
}
