import { DEFINITION_VERSION, INDICATOR_IDS } from '../../indicators/definitions.js';
import type { OutputRow } from '../../indicators/output.js';
import type { Cell } from './xlsx.js';

/**
 * One indicator table for both CSV and Excel, so the two exports never drift: key columns, every indicator
 * id in the contract's order, then `suppressed` (ids nulled by small-group suppression, space-separated).
 */
export const TABLE_HEADER: readonly string[] = [
  'scope',
  'id',
  'platform',
  'external_id',
  'municipality',
  'week',
  'definition_version',
  'coverage',
  'provisional',
  ...INDICATOR_IDS,
  'suppressed',
];

export function tableRows(rows: readonly OutputRow[]): Cell[][] {
  return rows.map((r) => [
    r.scope,
    r.scopeId,
    r.platform,
    r.externalId,
    r.municipality,
    r.week,
    DEFINITION_VERSION,
    r.coverage,
    r.provisional,
    ...INDICATOR_IDS.map((id) => r.values[id] ?? null),
    INDICATOR_IDS.filter((id) => r.flags[id]?.includes('suppressed')).join(' '),
  ]);
}

const csvCell = (v: Cell): string => {
  if (v === null || v === undefined) return '';
  let s = String(v);
  // A text cell that a spreadsheet would run as a formula is prefixed with ' (OWASP CSV injection).
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** RFC 4180 CSV with CRLF line ends and a header line. */
export function toCsvText(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
