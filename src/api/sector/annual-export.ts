import { platformName } from '../../domain/platform-names.js';
import type { AnnualSummary } from '../../indicators/annual-summary.js';
import type { CsvDialect } from '../../exports/csv.js';
import type { ExportLang } from '../../exports/labels.js';
import { roundRow, tableCsv, type ColumnKind, type ExportColumn, type ExportTable } from '../../exports/table.js';
import { PART_LABELS, SECTOR_EXPORT_LABELS, SECTOR_EXPORT_TEXTS } from './export-labels.js';
import { sectorTexts } from './texts.js';

/**
 * The annual "Dialog i kommunesektoren" summary as an export (CSV through the project's one writer, XLSX through
 * src/exports/xlsx.ts): one row per measure of the 2011 survey, then one per platform (`platform_<id>`), with the
 * measure's name beside its code. The surveyed 2011 figure and the measured one never share a column; measured
 * shares have their n and 95 % (Wilson) interval, rounded as the page shows them.
 */
const COLUMNS: ReadonlyArray<[string, ColumnKind, string?]> = [
  ['year', 'integer'],
  ['from', 'text'],
  ['to', 'text'],
  ['measure', 'text'],
  ['measure_name', 'text'],
  ['surveyed_2011', 'share'],
  ['surveyed_base', 'text'],
  ['observable', 'text'],
  ['measured', 'share'],
  ['measured_n', 'integer', 'n'],
  ['measured_low', 'share', 'low'],
  ['measured_high', 'share', 'high'],
  ['smalltalk_rank', 'integer'],
  ['kinds_ranked', 'integer'],
  ['suppressed', 'boolean', 'row'],
];

export function annualColumns(lang: ExportLang): ExportColumn[] {
  const label = (id: string) => SECTOR_EXPORT_LABELS[id]?.[lang] ?? id;
  return COLUMNS.map(([id, kind, part]) => ({
    id,
    kind,
    label:
      part === 'row'
        ? label('suppressed_row')
        : part
          ? `${label('measured')}, ${PART_LABELS[part as 'n' | 'low' | 'high'][lang]}`
          : label(id),
  }));
}

export function annualTable(v: AnnualSummary, lang: ExportLang = 'nb'): ExportTable {
  const st = sectorTexts(lang);
  const tx = SECTOR_EXPORT_TEXTS[lang];
  const columns = annualColumns(lang);
  const year = v.year;
  const measures = v.rows.map((r) => [
    year,
    v.from,
    v.to,
    r.measure.id,
    st.measureNames[r.measure.id] ?? r.measure.id,
    r.measure.surveyed,
    r.measure.base,
    r.measure.observable,
    r.measured?.value ?? null,
    r.measured?.n ?? null,
    r.measured?.low ?? null,
    r.measured?.high ?? null,
    r.rank?.rank ?? null,
    r.rank?.of ?? null,
    r.suppressed,
  ]);
  const platforms = v.platforms.map((p) => [
    year,
    v.from,
    v.to,
    `platform_${p.platform}`,
    platformName(p.platform),
    null,
    null,
    'yes',
    p.shareOfActive.value,
    p.shareOfActive.n,
    p.shareOfActive.low,
    p.shareOfActive.high,
    null,
    null,
    false,
  ]);
  return {
    name: `lyttepost-annual-summary-${v.year}`,
    sheet: tx.annualSheet,
    columns,
    rows: [...measures, ...platforms].map((r) => roundRow(columns, r)),
    notes: [tx.annualSurveyed, tx.annualSuppressed, st.annualSource],
    lang,
  };
}

export const annualCsv = (v: AnnualSummary, dialect: CsvDialect = 'rfc4180', lang: ExportLang = 'nb'): string =>
  tableCsv(annualTable(v, lang), dialect);
