import type { Principal } from '../auth.js';
import { texts, type Lang, type Texts } from './i18n.js';
import { sectorTexts } from '../sector/texts.js';

/** Server-side HTML helpers: escaping, the page frame, number formats and chart figures. No template engine. */

/** Text and numbers, escaped where interpolated; null and undefined print nothing. No object: it would print `[object Object]`. */
type Plain = string | number | null | undefined;

export const esc = (v: Plain): string =>
  String(v ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** A tagged template whose interpolations are escaped unless wrapped in `raw()`. */
export type Raw = { readonly __html: string };
type Piece = Plain | Raw | ReadonlyArray<Plain | Raw>;
export const raw = (s: string): Raw => ({ __html: s });
export function html(strings: TemplateStringsArray, ...vals: Piece[]): Raw {
  let out = strings[0] ?? '';
  vals.forEach((v, i) => {
    const piece = isList(v) ? v.map((x) => (isRaw(x) ? x.__html : esc(x))).join('') : isRaw(v) ? v.__html : esc(v);
    out += piece + (strings[i + 1] ?? '');
  });
  return raw(out);
}
const isRaw = (v: unknown): v is Raw => typeof v === 'object' && v !== null && '__html' in v;
const isList = (v: Piece): v is ReadonlyArray<Plain | Raw> => Array.isArray(v);

/** A same-site link keeping the language. */
export function href(path: string, lang: Lang, params: Record<string, string | undefined> = {}): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) sp.set(k, v);
  if (lang === 'en') sp.set('lang', 'en');
  const qs = sp.toString();
  return qs ? `${path}?${qs}` : path;
}

export function fmtNumber(v: unknown, lang: Lang, digits = 0): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '–';
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nb-NO', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(
    v,
  );
}
export const fmtPct = (v: unknown, lang: Lang): string => (typeof v === 'number' ? `${fmtNumber(v * 100, lang)} %` : '–');

/** A value or its suppression note. */
export function cell(v: unknown, suppressed: boolean, t: Texts, fmt: (v: unknown) => string): string {
  return suppressed ? t.suppressed : fmt(v);
}

/** `target`: a flat reference line (the municipality's response target), drawn without points. */
export type ChartSeries = { label: string; values: Array<number | null>; kind?: 'line' | 'dashed' | 'target' };
export type ChartSpec = {
  id: string;
  title: string;
  weeks: string[];
  series: ChartSeries[];
  band?: { label: string; low: Array<number | null>; high: Array<number | null> };
  /** Upper end of the y axis (100 for the index, 1 for shares). */
  yMax: number;
  /** How the y axis and the table show values. */
  unit: 'index' | 'share' | 'hours';
  /** What each week's figures rest on (e.g. questions), shown under the axis and in the table. */
  n?: { label: string; values: Array<number | null> };
};

/** A round upper end for an hours axis (at least 8). */
export function niceHours(max: number): number {
  const steps = [8, 12, 16, 24, 40, 48, 72, 120, 168];
  return steps.find((x) => x >= max) ?? Math.ceil(max / 24) * 24;
}

/** JSON safe inside a <script type="application/json"> block (no `</script>` or `<!--` can close it). */
export const jsonForScript = (v: unknown): string =>
  JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

/**
 * A chart figure: the SVG is drawn by /static/chart.js from the JSON beside it; the same figures are in a
 * table under <details>, so the content does not depend on the script or on seeing colours.
 */
export function chartFigure(spec: ChartSpec, lang: Lang): Raw {
  const t = texts(lang);
  const f = (v: number | null) => (spec.unit === 'share' ? fmtPct(v, lang) : fmtNumber(v, lang, spec.unit === 'hours' ? 1 : 0));
  const head = [
    t.week,
    ...(spec.band
      ? [`${spec.band.label} (${lang === 'en' ? 'low' : 'lav'})`, `${spec.band.label} (${lang === 'en' ? 'high' : 'høy'})`]
      : []),
    ...spec.series.map((s) => s.label),
    ...(spec.n ? [spec.n.label] : []),
  ];
  const rows = spec.weeks.map((w, i) => [
    w,
    ...(spec.band ? [f(spec.band.low[i] ?? null), f(spec.band.high[i] ?? null)] : []),
    ...spec.series.map((s) => f(s.values[i] ?? null)),
    ...(spec.n ? [fmtNumber(spec.n.values[i] ?? null, lang)] : []),
  ]);
  return html`<figure class="chart" data-chart="${spec.id}">
  <figcaption id="${spec.id}-title">${spec.title}</figcaption>
  <div class="chart-canvas" role="img" aria-labelledby="${spec.id}-title"></div>
  <script type="application/json" class="chart-data">${raw(jsonForScript({ ...spec, lang }))}</script>
  <details><summary>${t.showTable}</summary>
    <div class="table-wrap"><table><thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
    <tbody>${rows.map((r) => html`<tr>${r.map((c, i) => (i === 0 ? html`<th scope="row">${c}</th>` : html`<td>${c}</td>`))}</tr>`)}</tbody></table></div>
  </details>
</figure>`;
}

/** Links to the sector pages (post types, size bands, the annual summary, service topics). */
function sectorNav(lang: Lang): Raw {
  const st = sectorTexts(lang);
  return html`<li><a href="${href('/sector/post-kinds', lang)}">${st.navPostKinds}</a></li>
        <li><a href="${href('/sector/size-bands', lang)}">${st.navBands}</a></li>
        <li><a href="${href('/sector/annual', lang)}">${st.navAnnual}</a></li>
        <li><a href="${href('/sector/topics', lang)}">${st.navTopics}</a></li>`;
}

/** The page frame: skip link, navigation by role, language switch, main landmark. */
export function page(o: {
  title: string;
  lang: Lang;
  principal: Principal | null;
  path: string;
  body: Raw;
  query?: Record<string, string | undefined>;
}): string {
  const t = texts(o.lang);
  const p = o.principal;
  const other: Lang = o.lang === 'en' ? 'nb' : 'en';
  const nav = p
    ? html`<nav aria-label="${o.lang === 'en' ? 'Main' : 'Hoved'}"><ul>
        <li><a href="${href('/sector', o.lang)}">${t.navSector}</a></li>
        ${sectorNav(o.lang)}
        ${
          p.role === 'municipality'
            ? html`<li><a href="${href(`/m/${p.municipality}`, o.lang)}">${t.navMunicipality}</a></li>
        <li><a href="${href(`/m/${p.municipality}/topics`, o.lang)}">${sectorTexts(o.lang).navOwnTopics}</a></li>`
            : ''
        }
        ${p.role === 'admin' ? html`<li><a href="${href('/health', o.lang)}">${t.navHealth}</a></li>` : ''}
        <li><form method="post" action="${href('/logout', o.lang)}" class="inline"><button type="submit" class="link">${t.logout}</button></form></li>
      </ul></nav>`
    : raw('');
  return `<!doctype html>
<html lang="${o.lang === 'en' ? 'en' : 'nb'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} – ${esc(t.appName)}</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/chart.js" defer></script>
</head>
<body>
<a class="skip" href="#main">${esc(t.skip)}</a>
<header class="top"><a class="brand" href="${esc(href('/', o.lang))}">${esc(t.appName)}</a>${nav.__html}
<a class="lang" href="${esc(href(o.path, other, o.query ?? {}))}" lang="${other}">${esc(t.language)}</a></header>
<main id="main" tabindex="-1">
<h1>${esc(o.title)}</h1>
${o.body.__html}
</main>
</body>
</html>`;
}
