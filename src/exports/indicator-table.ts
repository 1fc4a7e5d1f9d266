import { DEFINITION_VERSION, DISTRIBUTION_IDS, INDICATOR_IDS, SECTOR_ID, type Scope } from '../indicators/definitions.js';
import type { OutputRow, SuppressedDistribution } from '../indicators/output.js';
import type { MeasuredCount } from '../store/measured-municipalities.js';
import { DISTRIBUTION_LABELS, EXPORT_TEXTS, INDICATOR_LABELS, KEY_LABELS, type ExportLang } from './labels.js';
import { indicatorKind, roundRow, type ColumnKind, type ExportCell, type ExportColumn, type ExportTable } from './table.js';

/**
 * The indicator export of one scope level: names beside codes, readable headers, values rounded as the
 * dashboard shows them, and for county and sector rows the register and measured municipality counts, the
 * distribution over municipalities (p25, median, p75) and a note on every row whose figures are suppressed,
 * so a row of empty cells always says why.
 */
export type Names = {
  municipalities: ReadonlyMap<string, { name: string; countyCode: string; countyName: string }>;
  counties: ReadonlyMap<string, { name: string; register: number }>;
  accounts: ReadonlyMap<string, { handle: string | null }>;
};

export type WiderCounts = { register: number; measured: number };

/** Register and measured municipality counts of a county or the sector in a week. */
export function widerScopeCounts(counts: readonly MeasuredCount[], counties: Names['counties']) {
  const measured = new Map<string, number>();
  for (const c of counts) {
    measured.set(`county|${c.county}|${c.week}`, (measured.get(`county|${c.county}|${c.week}`) ?? 0) + c.measured);
    measured.set(`sector|${SECTOR_ID}|${c.week}`, (measured.get(`sector|${SECTOR_ID}|${c.week}`) ?? 0) + c.measured);
  }
  const registerAll = [...counties.values()].reduce((s, c) => s + c.register, 0);
  return (scope: Scope, id: string, week: string): WiderCounts => ({
    register: scope === 'sector' ? registerAll : (counties.get(id)?.register ?? 0),
    measured: measured.get(`${scope}|${id}|${week}`) ?? 0,
  });
}

const KEYS: Record<Scope, readonly string[]> = {
  account: ['scope', 'id', 'platform', 'external_id', 'handle', 'municipality', 'municipality_name', 'county', 'county_name'],
  municipality: ['scope', 'id', 'name', 'county', 'county_name'],
  county: ['scope', 'id', 'name'],
  sector: ['scope', 'id', 'name'],
};
const COMMON = ['week', 'definition_version', 'coverage', 'provisional'];
const COUNTS = ['municipalities_register', 'municipalities_measured'];
const KEY_KINDS: Record<string, ColumnKind> = {
  coverage: 'share',
  provisional: 'boolean',
  definition_version: 'integer',
  municipalities_register: 'integer',
  municipalities_measured: 'integer',
};
const QUANTILES = ['p25', 'median', 'p75'] as const;

export function indicatorColumns(scope: Scope, lang: ExportLang): ExportColumn[] {
  const wider = scope === 'county' || scope === 'sector';
  const key = (id: string): ExportColumn => ({ id, label: KEY_LABELS[id]?.[lang] ?? id, kind: KEY_KINDS[id] ?? 'text' });
  return [
    ...KEYS[scope].map(key),
    ...COMMON.map(key),
    ...(wider ? COUNTS.map(key) : []),
    ...INDICATOR_IDS.map((id) => ({ id, label: INDICATOR_LABELS[id][lang], kind: indicatorKind(id) })),
    ...(wider
      ? DISTRIBUTION_IDS.flatMap((id) =>
          QUANTILES.map((q) => ({
            id: `${id}_${q}`,
            label: `${INDICATOR_LABELS[id][lang]}, ${DISTRIBUTION_LABELS[q][lang]}`,
            kind: indicatorKind(id),
          })),
        )
      : []),
    key('suppressed'),
    key('note'),
  ];
}

function keyCells(r: OutputRow, names: Names): ExportCell[] {
  const m = r.municipality ? names.municipalities.get(r.municipality) : undefined;
  switch (r.scope) {
    case 'account':
      return [
        r.scope,
        r.scopeId,
        r.platform,
        r.externalId,
        names.accounts.get(r.scopeId)?.handle ?? null,
        r.municipality,
        m?.name ?? null,
        m?.countyCode ?? null,
        m?.countyName ?? null,
      ];
    case 'municipality': {
      const own = names.municipalities.get(r.scopeId);
      return [r.scope, r.scopeId, own?.name ?? null, own?.countyCode ?? null, own?.countyName ?? null];
    }
    case 'county':
      return [r.scope, r.scopeId, names.counties.get(r.scopeId)?.name ?? null];
    case 'sector':
      return [r.scope, r.scopeId, 'Norge'];
  }
}

export function indicatorTable(a: {
  scope: Scope;
  rows: readonly OutputRow[];
  names: Names;
  counts: (scope: Scope, id: string, week: string) => WiderCounts;
  lang: ExportLang;
  name: string;
}): ExportTable {
  const columns = indicatorColumns(a.scope, a.lang);
  const wider = a.scope === 'county' || a.scope === 'sector';
  const rows = a.rows.map((r) => {
    const suppressedIds = INDICATOR_IDS.filter((id) => r.flags[id]?.includes('suppressed'));
    const c = wider ? a.counts(r.scope, r.scopeId, r.week) : null;
    const d = r.distribution as SuppressedDistribution | null;
    const note =
      suppressedIds.length === INDICATOR_IDS.length
        ? EXPORT_TEXTS.suppressedRow[a.lang](c?.measured ?? null)
        : suppressedIds.length > 0
          ? EXPORT_TEXTS.suppressedSome[a.lang]
          : null;
    return roundRow(columns, [
      ...keyCells(r, a.names),
      r.week,
      DEFINITION_VERSION,
      r.coverage,
      r.provisional,
      ...(c ? [c.register, c.measured] : []),
      ...INDICATOR_IDS.map((id) => r.values[id] ?? null),
      ...(wider ? DISTRIBUTION_IDS.flatMap((id) => QUANTILES.map((q) => d?.[id]?.[q] ?? null)) : []),
      suppressedIds.join(' '),
      note,
    ]);
  });
  const notes = [EXPORT_TEXTS.suppressionFootnote, ...(wider ? [EXPORT_TEXTS.measuredFootnote, EXPORT_TEXTS.distributionNote] : [])].map(
    (n) => n[a.lang],
  );
  return { name: a.name, sheet: EXPORT_TEXTS.sheet[a.lang], columns, rows, notes, lang: a.lang };
}
