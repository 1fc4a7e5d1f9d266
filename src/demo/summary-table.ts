import type { IndicatorRowOut } from '../store/indicator-values.js';
import { t as reportStrings } from '../reports/i18n.js';
import { writeCsv } from '../exports/csv.js';

/** One line of the demo's per-municipality table for one week. */
export type SummaryRow = {
  municipality: string;
  name: string;
  week: string;
  dialogue_index: number | null;
  dialogue_band: string | null;
  response_rate: number | null;
  questions: number | null;
  response_time_median_h: number | null;
  citizen_share: number | null;
  unanswered_open: number | null;
  provisional: boolean;
};

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function summaryRows(rows: readonly IndicatorRowOut[], names: ReadonlyMap<string, string>): SummaryRow[] {
  return rows
    .filter((r) => r.scope === 'municipality')
    .map((r) => ({
      municipality: r.scopeId,
      name: names.get(r.scopeId) ?? r.scopeId,
      week: r.week,
      dialogue_index: num(r.values.dialogue_index),
      dialogue_band: typeof r.values.dialogue_band === 'string' ? r.values.dialogue_band : null,
      response_rate: num(r.values.response_rate),
      questions: num(r.values.questions),
      response_time_median_h: num(r.values.response_time_median_h),
      citizen_share: num(r.values.citizen_share),
      unanswered_open: num(r.values.unanswered_open),
      provisional: r.provisional,
    }))
    .sort((a, b) => a.municipality.localeCompare(b.municipality));
}

/** A readable table in Norwegian or English (numbers, units and band names too), for a terminal. */
export function formatSummaryTable(rows: readonly SummaryRow[], lang: 'nb' | 'en'): string {
  const locale = lang === 'nb' ? 'nb-NO' : 'en-GB';
  const num = (v: number, digits: number) => v.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const pct = (v: number | null) => (v === null ? '–' : `${num(v * 100, 0)} %`);
  const band = (b: string | null) => (b === null ? '' : (reportStrings(lang).bands[b] ?? b).toLowerCase());
  const head =
    lang === 'nb'
      ? ['Kommune', 'Dialogindeks', 'Svarandel', 'Spørsmål', 'Median svartid', 'Innbyggerandel', 'Ubesvart ved ukeslutt']
      : ['Municipality', 'Dialogue index', 'Response rate', 'Questions', 'Median response', 'Citizen share', 'Open at week end'];
  const body = rows.map((r) => [
    `${r.municipality} ${r.name}`,
    r.dialogue_index === null
      ? lang === 'nb'
        ? 'for lite data'
        : 'insufficient'
      : `${num(r.dialogue_index, 0)} ${band(r.dialogue_band)}`.trim(),
    pct(r.response_rate),
    r.questions === null ? '–' : String(r.questions),
    r.response_time_median_h === null ? '–' : `${num(r.response_time_median_h, 1)} ${lang === 'nb' ? 't' : 'h'}`,
    pct(r.citizen_share),
    r.unanswered_open === null ? '–' : String(r.unanswered_open),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n') + '\n';
}

export function summaryCsv(rows: readonly SummaryRow[]): string {
  const cols = [
    'municipality',
    'name',
    'week',
    'dialogue_index',
    'dialogue_band',
    'response_rate',
    'questions',
    'response_time_median_h',
    'citizen_share',
    'unanswered_open',
    'provisional',
  ] as const;
  return writeCsv(
    [cols],
    rows.map((r) => cols.map((c) => r[c])),
  );
}
