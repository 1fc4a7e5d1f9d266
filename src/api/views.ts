import { INDICATOR_IDS, type IndicatorFlags, type IndicatorId } from '../indicators/definitions.js';
import { suppressForSector, suppressSmallDistributions, toJsonObject, type OutputRow } from '../indicators/output.js';
import type { IndicatorRowOut } from '../store/indicator-values.js';
import type { Principal } from './auth.js';

/**
 * What each role receives of stored indicator rows. Suppression itself is the indicator engine's
 * (suppressForSector, INDICATORS.md "Wider scopes"); this file decides to whom it applies:
 * - admin: everything as stored, except distributions over fewer than 5 municipalities (null for every role);
 * - municipality: its own account and municipality rows as stored; county and sector rows suppressed;
 * - sector: every row suppressed.
 * Beyond the engine's rule, when a question ratio is suppressed the counts it could be recomputed from
 * (`questions_answered`, `timely_answered`) are suppressed with it, or the null would hide nothing.
 * Gap account ids are shown only to admin and to a municipality for its own rows.
 */
const NUMERATORS: ReadonlyArray<[ratio: IndicatorId, count: IndicatorId]> = [
  ['response_rate', 'questions_answered'],
  ['timely_rate', 'timely_answered'],
];

function hideNumerators(r: OutputRow): OutputRow {
  const values = { ...r.values };
  const flags: IndicatorFlags = { ...r.flags };
  for (const [ratio, count] of NUMERATORS) {
    if (r.flags[ratio]?.includes('suppressed') && values[count] !== null) {
      values[count] = null;
      flags[count] = [...(flags[count] ?? []), 'suppressed'];
    }
  }
  return { ...r, values, flags };
}

export function viewRows(p: Principal, rows: readonly IndicatorRowOut[]): OutputRow[] {
  // Admin sees every figure as stored, but no distribution over fewer than 5 municipalities (nobody does).
  if (p.role === 'admin') return rows.map((r) => (r.distribution ? { ...r, distribution: suppressSmallDistributions(r.distribution) } : r));
  const own = (r: IndicatorRowOut) => p.role === 'municipality' && (r.scope === 'account' || r.scope === 'municipality');
  return rows.map((r) => {
    if (own(r)) return r;
    const [s] = suppressForSector([r]);
    return hideNumerators({ ...(s as OutputRow), gapAccounts: [] });
  });
}

/** The contract's JSON object (INDICATORS.md output format), narrowed to `ids` when given. */
export function rowJson(r: OutputRow, ids?: readonly IndicatorId[]): Record<string, unknown> {
  const o = toJsonObject(r);
  if (!ids) return o;
  const pick = <T>(obj: Record<string, T>) => Object.fromEntries(ids.filter((id) => id in obj).map((id) => [id, obj[id] as T]));
  const flags = pick(o.flags as Record<string, string[]>);
  const suppressed = Object.values(flags).some((f) => f.includes('suppressed'));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === 'values') out.values = Object.fromEntries(ids.map((id) => [id, r.values[id] ?? null]));
    else if (k === 'n') out.n = pick(v as Record<string, number>);
    else if (k === 'flags') {
      out.flags = flags;
      if (suppressed) out.suppressed = true;
    } else if (k !== 'suppressed') out[k] = v;
  }
  return out;
}

export const ALL_IDS: readonly IndicatorId[] = INDICATOR_IDS;
