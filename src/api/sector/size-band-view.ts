import { AppError } from '../../errors.js';
import { DEFINITION_VERSION } from '../../indicators/definitions.js';
import { addWeeks } from '../../indicators/iso-week.js';
import { BAND_COUNT_IDS, sizeBandTrends, type BandFigures, type BandTrend } from '../../indicators/size-band-trends.js';
import { listMunicipalitySummaries, readIndicatorSeries } from '../../store/api-reads.js';
import type { Principal } from '../auth.js';
import type { RouteContext } from '../context.js';
import { resolveWeekRange } from '../params.js';

/** The size-band trends with year-on-year comparison one principal may see (admin unsuppressed, others suppressed). */
export async function loadSizeBandView(
  ctx: RouteContext,
  p: Principal,
  q: { from?: string | undefined; to?: string | undefined },
): Promise<{ from: string; to: string; weeks: string[]; bands: BandTrend[] }> {
  const range = resolveWeekRange(q, ctx.deps.clock(), 52);
  if ('error' in range) throw new AppError('BAD_INPUT', range.error);
  const [rows, munis] = await Promise.all([
    readIndicatorSeries(ctx.deps.db, {
      scope: 'municipality',
      from: addWeeks(range.from, -53),
      to: range.to,
      definitionVersion: DEFINITION_VERSION,
      ids: BAND_COUNT_IDS,
    }),
    listMunicipalitySummaries(ctx.deps.db),
  ]);
  const bands = sizeBandTrends(
    range.weeks,
    rows.map((r) => ({ code: r.scopeId, week: r.week, values: r.values })),
    munis,
    { suppressed: p.role !== 'admin' },
  );
  return { from: range.from, to: range.to, weeks: range.weeks, bands };
}

export function bandFiguresJson(f: BandFigures): Record<string, unknown> {
  return {
    municipalities: f.municipalities,
    owner_posts: f.ownerPosts,
    owner_replies: f.ownerReplies,
    citizen_items: f.citizenItems,
    questions: f.questions,
    questions_answered: f.suppressed ? null : f.answered,
    response_rate: f.responseRate,
    reply_share: f.replyShare,
    citizen_share: f.citizenShare,
    ...(f.suppressed ? { suppressed: true } : {}),
  };
}

export function bandTrendJson(b: BandTrend): Record<string, unknown> {
  return {
    band: b.band,
    total: { now: bandFiguresJson(b.total.now), last_year: b.total.lastYear ? bandFiguresJson(b.total.lastYear) : null },
    data: b.weeks.map((w) => ({
      week: w.week,
      ...bandFiguresJson(w.now),
      last_year: w.lastYear ? { week: w.lastYear.week, ...bandFiguresJson(w.lastYear) } : null,
    })),
  };
}
