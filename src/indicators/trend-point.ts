import type { IndicatorId } from './definitions.js';
import type { IndicatorRow } from './indicator-row.js';
import { suppressForSector, suppressSmallDistributions, type OutputRow } from './output.js';

/** What the trend of a wider scope shows: the dialogue index, its five parts, and the ratios behind them. */
export const TREND_IDS: readonly IndicatorId[] = [
  'dialogue_index',
  'dialogue_band',
  'dialogue_r',
  'dialogue_t',
  'dialogue_h',
  'dialogue_v',
  'dialogue_f',
  'response_rate',
  'timely_rate',
  'reply_share',
  'citizen_share',
  'questions',
  'owner_posts',
];

const suppressedIn = (r: OutputRow) => Object.values(r.flags).some((f) => f?.includes('suppressed'));

/** The compact weekly point of a trend (values of TREND_IDS, the distribution over municipalities, n). */
export function trendPoint(r: OutputRow) {
  return {
    week: r.week,
    coverage: r.coverage,
    provisional: r.provisional,
    municipalities: r.n.municipalities ?? null,
    values: Object.fromEntries(TREND_IDS.map((id) => [id, r.values[id] ?? null])),
    distribution: r.distribution,
    ...(suppressedIn(r) ? { suppressed: true } : {}),
  };
}

export type StoredTrendPoint = {
  scope: 'county' | 'sector';
  scopeId: string;
  week: string;
  definitionVersion: number;
  admin: string;
  suppressed: string;
};

/**
 * The trend points of county and sector rows as the API sends them (JSON text), for admin and in the
 * suppressed view every other role gets for wider scopes (src/api/views.ts: suppressForSector; the counts it
 * also hides and the gap accounts are not part of a trend point). Other scopes have no trend point.
 */
export function trendPointsOf(rows: readonly IndicatorRow[]): StoredTrendPoint[] {
  const out: StoredTrendPoint[] = [];
  for (const r of rows) {
    if (r.scope !== 'county' && r.scope !== 'sector') continue;
    // Admin sees every figure as stored, but no distribution over fewer than 5 municipalities (as src/api/views.ts).
    const o: OutputRow = {
      ...r,
      platform: null,
      externalId: null,
      municipality: null,
      distribution: suppressSmallDistributions(r.distribution),
    };
    const [s] = suppressForSector([o]);
    out.push({
      scope: r.scope,
      scopeId: r.scopeId,
      week: r.week,
      definitionVersion: r.definitionVersion,
      admin: JSON.stringify(trendPoint(o)),
      suppressed: JSON.stringify(trendPoint(s as OutputRow)),
    });
  }
  return out;
}
