import type { IndicatorId } from './definitions.js';
import { parseIsoWeek, type IsoWeek } from './iso-week.js';
import { PEER_MIN } from './peers.js';
import { bandOf, rateOf, SIZE_BANDS, type Interval, type MunicipalityInfo, type SizeBandKey } from './post-kind-figures.js';

/**
 * The sector trend split by population size band (#23 part B), and the same ISO weeks a year earlier. Each
 * band-week sums the counts of the band's municipalities that have a row that week and recomputes the ratios
 * from the sums (INDICATORS.md "Wider scopes": never a mean of ratios). Size bands: src/indicators/peers.ts.
 * Suppressed view: a band-week resting on fewer than 5 municipalities shows no ratios.
 */
export const BAND_COUNT_IDS: readonly IndicatorId[] = [
  'owner_posts',
  'owner_replies',
  'citizen_posts',
  'citizen_comments',
  'questions',
  'questions_answered',
];

/** The same ISO week one year earlier (`2026-W47` → `2025-W47`); null when that year has no such week (W53). */
export function sameWeekLastYear(week: IsoWeek): IsoWeek | null {
  const { year, week: n } = parseIsoWeek(week);
  const label = `${year - 1}-W${String(n).padStart(2, '0')}`;
  try {
    parseIsoWeek(label);
    return label;
  } catch {
    return null;
  }
}

export type BandCounts = {
  municipalities: number;
  ownerPosts: number;
  ownerReplies: number;
  citizenItems: number;
  questions: number;
  answered: number;
};
export type BandFigures = BandCounts & {
  responseRate: Interval;
  replyShare: number | null;
  citizenShare: number | null;
  suppressed: boolean;
};

export type MunicipalityWeek = { code: string; week: string; values: Partial<Record<IndicatorId, unknown>> };

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function bandFigures(c: BandCounts, suppressed: boolean): BandFigures {
  const hide = suppressed && c.municipalities < PEER_MIN;
  const own = c.ownerPosts + c.ownerReplies;
  const all = own + c.citizenItems;
  return {
    ...c,
    responseRate: hide ? { value: null, n: c.questions, low: null, high: null } : rateOf(c.answered, c.questions),
    replyShare: hide || own === 0 ? null : c.ownerReplies / own,
    citizenShare: hide || all === 0 ? null : c.citizenItems / all,
    suppressed: hide,
  };
}

/** Sums of the band's municipality rows per week (weeks without rows give zero municipalities). */
export function bandCounts(rows: readonly MunicipalityWeek[], munis: readonly MunicipalityInfo[]): Map<string, BandCounts> {
  const pop = new Map(munis.map((m) => [m.code, m.population]));
  const out = new Map<string, BandCounts>();
  for (const r of rows) {
    const key = `${bandOf(pop.get(r.code) ?? null)}|${r.week}`;
    const c = out.get(key) ?? { municipalities: 0, ownerPosts: 0, ownerReplies: 0, citizenItems: 0, questions: 0, answered: 0 };
    c.municipalities++;
    c.ownerPosts += num(r.values.owner_posts);
    c.ownerReplies += num(r.values.owner_replies);
    c.citizenItems += num(r.values.citizen_posts) + num(r.values.citizen_comments);
    c.questions += num(r.values.questions);
    c.answered += num(r.values.questions_answered);
    out.set(key, c);
  }
  return out;
}

export type BandTrend = {
  band: SizeBandKey;
  weeks: Array<{ week: string; now: BandFigures; lastYear: (BandFigures & { week: string }) | null }>;
  /** The whole range summed, and the same weeks a year earlier summed (municipalities: the most in any week). */
  total: { now: BandFigures; lastYear: BandFigures | null };
};

const EMPTY: BandCounts = { municipalities: 0, ownerPosts: 0, ownerReplies: 0, citizenItems: 0, questions: 0, answered: 0 };

function sum(xs: readonly BandCounts[]): BandCounts {
  return xs.reduce(
    (a, c) => ({
      municipalities: Math.max(a.municipalities, c.municipalities),
      ownerPosts: a.ownerPosts + c.ownerPosts,
      ownerReplies: a.ownerReplies + c.ownerReplies,
      citizenItems: a.citizenItems + c.citizenItems,
      questions: a.questions + c.questions,
      answered: a.answered + c.answered,
    }),
    EMPTY,
  );
}

/** Per band: each week of `weeks` beside the same ISO week a year earlier, and the two ranges summed. */
export function sizeBandTrends(
  weeks: readonly string[],
  rows: readonly MunicipalityWeek[],
  munis: readonly MunicipalityInfo[],
  view: { suppressed: boolean },
): BandTrend[] {
  const counts = bandCounts(rows, munis);
  const at = (band: SizeBandKey, week: string) => counts.get(`${band}|${week}`) ?? EMPTY;
  return SIZE_BANDS.filter((b) => b !== 'unknown' || [...counts.keys()].some((k) => k.startsWith('unknown|'))).map((band) => {
    const pairs = weeks.map((week) => ({ week, prior: sameWeekLastYear(week) }));
    const lastYearCounts = pairs.filter((p) => p.prior !== null).map((p) => at(band, p.prior as string));
    const anyLastYear = lastYearCounts.some((c) => c.municipalities > 0);
    return {
      band,
      weeks: pairs.map(({ week, prior }) => ({
        week,
        now: bandFigures(at(band, week), view.suppressed),
        lastYear:
          prior === null || at(band, prior).municipalities === 0 ? null : { week: prior, ...bandFigures(at(band, prior), view.suppressed) },
      })),
      total: {
        now: bandFigures(sum(weeks.map((w) => at(band, w))), view.suppressed),
        lastYear: anyLastYear ? bandFigures(sum(lastYearCounts), view.suppressed) : null,
      },
    };
  });
}
