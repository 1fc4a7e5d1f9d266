import type { IndicatorId } from '../indicators/definitions.js';
import { writeCsv, type CsvDialect } from './csv.js';

/**
 * An export table independent of its file format: columns with a stable id, a readable label and a kind (which
 * decides rounding, the XLSX number format and the decimal separator), rows of plain values, and notes that
 * explain empty cells. CSV (src/exports/csv.ts) and XLSX (src/exports/xlsx.ts) are both written from it, so
 * the two files never drift.
 */
export type ColumnKind = 'text' | 'integer' | 'share' | 'percent' | 'index' | 'hours' | 'decimal' | 'boolean';
export type ExportColumn = { id: string; label: string; kind: ColumnKind };
export type ExportCell = string | number | boolean | null;
export type ExportTable = {
  /** File name without extension. */
  name: string;
  sheet: string;
  columns: ExportColumn[];
  rows: ExportCell[][];
  /** Footnotes: what an empty cell or row means. */
  notes: string[];
  lang: 'nb' | 'en';
};

/** Digits the dashboard shows: whole percent (a share to 2 decimals), index 0, hours 1, other ratios 2. */
const DIGITS: Partial<Record<ColumnKind, number>> = { share: 2, percent: 0, index: 0, hours: 1, decimal: 2 };

/** A value rounded as the dashboard shows it (an export's 0.1111111111111111 is 0.11, shown as 11 %). */
export function roundForDisplay(kind: ColumnKind, v: ExportCell): ExportCell {
  const d = DIGITS[kind];
  if (typeof v !== 'number' || d === undefined) return v;
  if (!Number.isFinite(v)) return null;
  const f = 10 ** d;
  // Number.EPSILON keeps 0.145 → 0.15 (the display's half-up rounding), not 0.14 from binary representation.
  return Math.round((v + Math.sign(v) * Number.EPSILON) * f) / f;
}

/** The XLSX number format of a kind (Excel shows these in the reader's locale: 11 %, 2,5). */
export const NUMBER_FORMAT: Partial<Record<ColumnKind, string>> = {
  integer: '0',
  share: '0%',
  percent: '0',
  index: '0',
  hours: '0.0',
  decimal: '0.00',
};

const COUNTS: readonly IndicatorId[] = [
  'owner_posts',
  'owner_replies',
  'citizen_posts',
  'citizen_comments',
  'citizen_authors',
  'questions',
  'questions_answered',
  'timely_answered',
  'unanswered_open',
  'posts_with_citizen_comments',
  'two_way_posts',
  'one_way_posts',
  'hidden_citizen_items',
  'deleted_citizen_items',
  'abusive_citizen_items',
];
const SHARES: readonly IndicatorId[] = [
  'reply_share',
  'citizen_share',
  'response_rate',
  'response_rate_ci_low',
  'response_rate_ci_high',
  'response_rate_all',
  'timely_rate',
  'two_way_share',
  'followup_rate',
  'dialogue_r',
  'dialogue_t',
  'dialogue_h',
  'dialogue_v',
  'dialogue_f',
];

/** The kind of an indicator's values (docs/indicators.md: ratios 0–1, p1/c1/v1 percent, the index 0–100). */
export function indicatorKind(id: IndicatorId): ColumnKind {
  if (COUNTS.includes(id)) return 'integer';
  if (SHARES.includes(id)) return 'share';
  if (id === 'p1' || id === 'c1' || id === 'v1') return 'percent';
  if (id === 'dialogue_index') return 'index';
  if (id === 'dialogue_band') return 'text';
  if (id.endsWith('_h')) return 'hours';
  return 'decimal';
}

/** A row's cells rounded to the display's digits, column by column. */
export const roundRow = (columns: readonly ExportColumn[], row: readonly ExportCell[]): ExportCell[] =>
  row.map((v, i) => roundForDisplay(columns[i]?.kind ?? 'text', v));

/**
 * The table as CSV. `rfc4180` (for tools) has one header line of column ids; `excel-nb` (for people) has the
 * readable labels first and the ids in a second header line.
 */
export function tableCsv(t: ExportTable, dialect: CsvDialect): string {
  const ids = t.columns.map((c) => c.id);
  const header = dialect === 'excel-nb' ? [t.columns.map((c) => c.label), ids] : [ids];
  return writeCsv(header, t.rows, dialect);
}
