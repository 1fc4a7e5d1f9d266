import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';

/**
 * The one CSV writer of the project (API exports, open data, CLI output, the demo's file): csv-stringify does
 * the quoting; this module decides the dialect and guards formula injection, once for every caller.
 *
 * Dialects:
 * - `rfc4180` (default, for tools): UTF-8 without BOM, comma, CRLF, decimal point, `true`/`false`.
 * - `excel-nb` (for Excel in a Norwegian locale): UTF-8 with BOM, semicolon, CRLF, decimal comma,
 *   `ja`/`nei`. Excel opens it with "Møre og Romsdal" intact and every column split.
 *
 * Null and undefined are empty cells. A text cell that a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'` (OWASP "CSV injection"); numbers are never
 * touched, so `-0.5` stays a number.
 */
export const CSV_DIALECTS = ['rfc4180', 'excel-nb'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];
/** The query parameter every CSV export takes: `?dialect=excel-nb`; absent means rfc4180. */
export const CsvDialectParam = z.enum(CSV_DIALECTS);

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe for spreadsheets: a leading formula character is prefixed with `'`. */
export const guardFormula = (s: string): string => (FORMULA_START.test(s) ? `'${s}` : s);
/** The text a guarded cell stood for (for readers of our own files, e.g. `accounts import` of `accounts list --csv`). */
export const unguardFormula = (s: string): string => (s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s);

function cellText(v: CsvCell, dialect: CsvDialect): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    const s = String(v);
    return dialect === 'excel-nb' ? s.replace('.', ',') : s;
  }
  if (typeof v === 'boolean') return dialect === 'excel-nb' ? (v ? 'ja' : 'nei') : String(v);
  return guardFormula(v);
}

/**
 * CSV text: `header` is one or more header lines (excel-nb exports put readable labels first and the stable
 * column ids second), then `rows`. Every line ends with CRLF.
 */
export function writeCsv(
  header: ReadonlyArray<readonly string[]>,
  rows: ReadonlyArray<readonly CsvCell[]>,
  dialect: CsvDialect = 'rfc4180',
): string {
  const records = [...header.map((h) => h.map((c) => guardFormula(c))), ...rows.map((r) => r.map((c) => cellText(c, dialect)))];
  return stringify(records, {
    delimiter: dialect === 'excel-nb' ? ';' : ',',
    record_delimiter: 'windows',
    bom: dialect === 'excel-nb',
    quote_record_delimiter: true,
  });
}

/** The Content-Type of a CSV answer (the BOM is in the body for excel-nb; the charset is UTF-8 for both). */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
