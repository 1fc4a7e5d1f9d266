import { AppError } from '../../errors.js';
import { buildAnnualSummary, yearWeeks, type AnnualSummary } from '../../indicators/annual-summary.js';
import { DEFINITION_VERSION, SECTOR_ID } from '../../indicators/definitions.js';
import { isoWeekOf } from '../../indicators/iso-week.js';
import { lastCompleteWeek } from '../../indicators/reporting-week.js';
import { readIndicatorSeries } from '../../store/api-reads.js';
import { countRegisterMunicipalities, loadPlatformActivity } from '../../store/annual.js';
import type { Principal } from '../auth.js';
import type { RouteContext } from '../context.js';
import { loadPostKindView } from './post-kind-view.js';

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The annual summary of `year` (default: the year of the last complete week) as `p` may see it. */
export async function loadAnnualView(ctx: RouteContext, p: Principal, year?: number): Promise<AnnualSummary> {
  const now = ctx.deps.clock();
  const last = lastCompleteWeek(now);
  const y = year ?? Number(last.slice(0, 4));
  const weeks = yearWeeks(y, last);
  if (!weeks) throw new AppError('BAD_INPUT', `query parameter 'year': ${y} has no complete week yet (this week is ${isoWeekOf(now)})`);
  const db = ctx.deps.db;
  const [register, activity, sector, kinds] = await Promise.all([
    countRegisterMunicipalities(db),
    loadPlatformActivity(db, { from: weeks.from, to: weeks.to, definitionVersion: DEFINITION_VERSION }),
    readIndicatorSeries(db, {
      scope: 'sector',
      scopeId: SECTOR_ID,
      from: weeks.from,
      to: weeks.to,
      definitionVersion: DEFINITION_VERSION,
      ids: ['owner_posts', 'posts_with_citizen_comments', 'questions', 'questions_answered'],
    }),
    loadPostKindView(ctx, p, { from: weeks.from, to: weeks.to }),
  ]);
  const sums = sector.reduce(
    (s, r) => ({
      ownerPosts: s.ownerPosts + num(r.values.owner_posts),
      postsCommented: s.postsCommented + num(r.values.posts_with_citizen_comments),
      questions: s.questions + num(r.values.questions),
      answered: s.answered + num(r.values.questions_answered),
      municipalities: Math.max(s.municipalities, num(r.n.municipalities)),
    }),
    { ownerPosts: 0, postsCommented: 0, questions: 0, answered: 0, municipalities: 0 },
  );
  return buildAnnualSummary({
    year: y,
    weeks,
    registerMunicipalities: register,
    activity,
    sector: sums,
    postKinds: kinds.sector,
    suppressed: p.role !== 'admin',
  });
}
