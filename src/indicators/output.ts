import {
  DEFINITION_VERSION,
  DISTRIBUTION_IDS,
  INDICATOR_IDS,
  QUESTION_RATIOS,
  SUPPRESSION_MIN,
  type Distribution,
  type IndicatorFlag,
  type IndicatorFlags,
  type IndicatorId,
  type IndicatorValue,
} from './definitions.js';
import type { IndicatorRow } from './indicator-row.js';

/**
 * The printed form of indicator rows (INDICATORS.md, "Output format"): JSON objects in the contract's key
 * order, CSV, and a readable table; plus the sector role's small-group suppression.
 */

/** An indicator row as printed: without version and computation time, with what names an account row. */
export type OutputRow = Omit<IndicatorRow, 'definitionVersion' | 'computedAt' | 'week'> & {
  week: string;
  platform: string | null;
  externalId: string | null;
  municipality: string | null;
};

export type SuppressedDistribution = Record<
  string,
  { p25: number | null; median: number | null; p75: number | null; municipalities: number; suppressed?: true }
>;

const addFlag = (flags: IndicatorFlags, id: IndicatorId, f: IndicatorFlag) => {
  const list = flags[id] ?? [];
  if (!list.includes(f)) list.push(f);
  flags[id] = list;
};

/**
 * A distribution over municipalities (p25, median, p75) only from at least 5 municipalities with a value, for
 * every role: a "median" of one municipality is that municipality's figure, and "53 (53–53)" says nothing
 * about a spread. Smaller ones are null with `suppressed: true` (the count stays).
 */
export function suppressSmallDistributions(distribution: Distribution | null): Distribution | null {
  if (!distribution) return distribution;
  const d = {} as SuppressedDistribution;
  for (const id of DISTRIBUTION_IDS) {
    const e = distribution[id];
    if (!e) continue;
    d[id] =
      e.municipalities < SUPPRESSION_MIN ? { p25: null, median: null, p75: null, municipalities: e.municipalities, suppressed: true } : e;
  }
  return d as unknown as Distribution;
}

/**
 * The sector (KS) role's view: a county or sector figure resting on fewer than 5 municipalities is null with
 * `suppressed`, as is an account's or municipality's question-based ratio resting on fewer than 5 questions
 * (the dialogue index and its parts count the questions of their 4-week window). Distributions over fewer
 * than 5 municipalities are suppressed the same way. Returns new rows; the input is not changed.
 */
export function suppressForSector(rows: readonly OutputRow[]): OutputRow[] {
  return rows.map((r) => {
    const values = { ...r.values };
    const flags: IndicatorFlags = Object.fromEntries(Object.entries(r.flags).map(([k, v]) => [k, [...(v ?? [])]]));
    let distribution = r.distribution;
    if (r.scope === 'county' || r.scope === 'sector') {
      if ((r.n.municipalities ?? 0) < SUPPRESSION_MIN) {
        for (const id of INDICATOR_IDS) {
          values[id] = null;
          addFlag(flags, id, 'suppressed');
        }
      }
      distribution = suppressSmallDistributions(distribution);
    } else {
      for (const id of QUESTION_RATIOS) {
        const n = id.startsWith('dialogue_') ? (r.n.dialogue_index ?? 0) : (r.n.response_rate ?? 0);
        if (n < SUPPRESSION_MIN) {
          values[id] = null;
          addFlag(flags, id, 'suppressed');
        }
      }
    }
    return { ...r, values, flags, distribution };
  });
}

/** One output object, keys in the contract's order; `n`, `flags`, gaps and distribution are extra keys. */
export function toJsonObject(r: OutputRow): Record<string, unknown> {
  const values: Record<string, IndicatorValue> = {};
  for (const id of INDICATOR_IDS) values[id] = r.values[id] ?? null;
  const n: Record<string, number> = {};
  for (const id of INDICATOR_IDS) if (r.n[id] !== undefined) n[id] = r.n[id] as number;
  const flags: Record<string, IndicatorFlag[]> = {};
  for (const id of INDICATOR_IDS) if (r.flags[id]?.length) flags[id] = r.flags[id] as IndicatorFlag[];
  const suppressed = Object.values(flags).some((f) => f.includes('suppressed'));
  return {
    scope: r.scope,
    id: r.scopeId,
    ...(r.scope === 'account' ? { platform: r.platform, external_id: r.externalId, municipality: r.municipality } : {}),
    week: r.week,
    definition_version: DEFINITION_VERSION,
    coverage: r.coverage,
    provisional: r.provisional,
    values,
    n,
    flags,
    ...(suppressed ? { suppressed: true } : {}),
    gap_accounts: r.gapAccounts.map(String),
    ...(r.distribution ? { distribution: r.distribution } : {}),
  };
}

/** The CSV table of `lyttepost indicators --format csv` (written by src/exports/csv.ts): one line per scope-week. */
export const CSV_HEAD: readonly string[] = [
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
];

export function csvRows(rows: readonly OutputRow[]): Array<Array<IndicatorValue | boolean | number>> {
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
    ...INDICATOR_IDS.map((id) => r.values[id]),
  ]);
}

const TABLE_COLUMNS: ReadonlyArray<[string, (r: OutputRow) => IndicatorValue | boolean]> = [
  ['scope', (r) => r.scope],
  ['id', (r) => (r.scope === 'account' ? `${r.scopeId} ${r.platform ?? ''}` : r.scopeId)],
  ['week', (r) => r.week],
  ['posts', (r) => r.values.owner_posts],
  ['replies', (r) => r.values.owner_replies],
  ['reply_share', (r) => r.values.reply_share],
  ['citizen', (r) => sum(r.values.citizen_posts, r.values.citizen_comments)],
  ['questions', (r) => r.values.questions],
  ['answered', (r) => r.values.questions_answered],
  ['resp_rate', (r) => r.values.response_rate],
  ['median_h', (r) => r.values.response_time_median_h],
  ['open', (r) => r.values.unanswered_open],
  ['DI', (r) => r.values.dialogue_index],
  ['band', (r) => r.values.dialogue_band],
  ['coverage', (r) => r.coverage],
  ['prov', (r) => r.provisional],
];

function sum(a: IndicatorValue, b: IndicatorValue): number | null {
  return typeof a === 'number' && typeof b === 'number' ? a + b : null;
}

function fmt(v: IndicatorValue | boolean): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  return v;
}

/** A readable fixed-width table of the headline figures (json and csv carry every id). */
export function toTable(rows: readonly OutputRow[]): string {
  const cells = [TABLE_COLUMNS.map(([h]) => h), ...rows.map((r) => TABLE_COLUMNS.map(([, get]) => fmt(get(r))))];
  const widths = TABLE_COLUMNS.map((_, i) => Math.max(...cells.map((c) => (c[i] ?? '').length)));
  return `${cells
    .map((c) =>
      c
        .map((x, i) => (i < 3 ? x.padEnd(widths[i] ?? 0) : x.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}
