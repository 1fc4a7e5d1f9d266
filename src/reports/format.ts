import { DateTime } from 'luxon';

/**
 * Number, percent, duration and date formatting for reports. Norwegian (bokmål) by default: decimal comma,
 * thousands grouped with a narrow no-break space (U+202F, as `Intl` does for nb-NO), `uke 47`, `16. nov. 2026`.
 * English: decimal point, thousands with a comma, `week 47`. Pure: no clock, no environment.
 */
export type Lang = 'nb' | 'en';
export const LANGS: readonly Lang[] = ['nb', 'en'];
export const REPORT_ZONE = 'Europe/Oslo';

const locale = (lang: Lang) => (lang === 'nb' ? 'nb-NO' : 'en-GB');
const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}|${digits}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: true });
    cache.set(key, f);
  }
  return f;
}

/** The dash shown where a value is undefined (null): never a 0 that was not measured. */
export const NONE = '–';

/** `1 234,5` (nb) / `1,234.5` (en); minus sign is U+2212 in nb as Intl gives it. */
export function formatNumber(v: number | null | undefined, lang: Lang, digits = 0): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NONE;
  // Normalise -0 so a rounded tiny negative never prints as "−0".
  const r = Number(v.toFixed(digits));
  return nf(lang, digits).format(r === 0 ? 0 : r);
}

/** A fraction 0–1 as percent: `83 %` (nb, no-break space) / `83%` (en). */
export function formatPercent(fraction: number | null | undefined, lang: Lang, digits = 0): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return NONE;
  const n = formatNumber(fraction * 100, lang, digits);
  return lang === 'nb' ? `${n}\u00a0%` : `${n}%`;
}

/** A signed change: `+4` / `−2` (U+2212) / `±0`, with an optional unit suffix. */
export function formatDelta(v: number | null | undefined, lang: Lang, digits = 0, unit = ''): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NONE;
  const r = Number(v.toFixed(digits));
  const abs = formatNumber(Math.abs(r), lang, digits);
  const sign = r > 0 ? '+' : r < 0 ? '\u2212' : '±';
  return `${sign}${abs}${unit}`;
}

/** Hours as `45 min`, `2,5 t`, `1,8 døgn` (nb) / `45 min`, `2.5 h`, `1.8 days` (en). */
export function formatHours(h: number | null | undefined, lang: Lang): string {
  if (h === null || h === undefined || !Number.isFinite(h)) return NONE;
  if (h < 1) return `${formatNumber(Math.max(1, Math.round(h * 60)), lang)}\u00a0min`;
  if (h < 48) return `${formatNumber(h, lang, h < 10 ? 1 : 0)}\u00a0${lang === 'nb' ? 't' : 'h'}`;
  return `${formatNumber(h / 24, lang, 1)}\u00a0${lang === 'nb' ? 'døgn' : 'days'}`;
}

/** `uke 47` / `week 47` from `2026-W47`. */
export function formatWeek(week: string, lang: Lang): string {
  const n = Number(week.slice(-2));
  return `${lang === 'nb' ? 'uke' : 'week'} ${n}`;
}

/** Short week label for chart axes: `47`. */
export const weekNumber = (week: string): number => Number(week.slice(-2));

const NB_MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `16. november 2026` / `16 November 2026`, in Oslo time. */
export function formatDate(d: Date, lang: Lang): string {
  const dt = DateTime.fromJSDate(d, { zone: REPORT_ZONE });
  return lang === 'nb' ? `${dt.day}. ${NB_MONTHS[dt.month - 1]} ${dt.year}` : `${dt.day} ${EN_MONTHS[dt.month - 1]} ${dt.year}`;
}

/** `16.11.2026 kl. 09.05` / `16 Nov 2026, 09:05`, in Oslo time. */
export function formatDateTime(d: Date, lang: Lang): string {
  const dt = DateTime.fromJSDate(d, { zone: REPORT_ZONE });
  return lang === 'nb'
    ? `${dt.toFormat('dd.MM.yyyy')} kl.\u00a0${dt.toFormat('HH.mm')}`
    : `${dt.day} ${EN_MONTHS[dt.month - 1]!.slice(0, 3)} ${dt.year}, ${dt.toFormat('HH:mm')}`;
}

/** `16.–22. november 2026` / `16–22 November 2026` for a week's Monday and Sunday (crossing months spelt out). */
export function formatWeekSpan(start: Date, endExclusive: Date, lang: Lang): string {
  const a = DateTime.fromJSDate(start, { zone: REPORT_ZONE });
  const b = DateTime.fromJSDate(endExclusive, { zone: REPORT_ZONE }).minus({ days: 1 });
  const months = lang === 'nb' ? NB_MONTHS : EN_MONTHS;
  if (lang === 'nb') {
    if (a.month === b.month) return `${a.day}.–${b.day}. ${months[b.month - 1]} ${b.year}`;
    if (a.year === b.year) return `${a.day}. ${months[a.month - 1]} – ${b.day}. ${months[b.month - 1]} ${b.year}`;
    return `${formatDate(a.toJSDate(), lang)} – ${formatDate(b.toJSDate(), lang)}`;
  }
  if (a.month === b.month) return `${a.day}–${b.day} ${months[b.month - 1]} ${b.year}`;
  if (a.year === b.year) return `${a.day} ${months[a.month - 1]} – ${b.day} ${months[b.month - 1]} ${b.year}`;
  return `${formatDate(a.toJSDate(), lang)} – ${formatDate(b.toJSDate(), lang)}`;
}

/** Escapes text for HTML and SVG (element content and double-quoted attributes). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Cuts text to `max` characters at a word boundary, with an ellipsis. */
export function truncate(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const sp = cut.lastIndexOf(' ');
  return `${(sp > max * 0.6 ? cut.slice(0, sp) : cut).trimEnd()}…`;
}
