import { weekBounds } from '../indicators/iso-week.js';
import { officeDayHours, officeHoursBetween, officeHoursFrom } from '../indicators/office-hours.js';
import { peerPositions, type PeerPosition } from '../indicators/peers.js';
import { percentileCont } from '../indicators/percentile.js';
import { BASELINE_WEEKS, type ReportInputs, type StoredFigures } from '../store/report-inputs.js';
import type { Band, Compared, PlatformSummary, ReportView, ResponseBucket } from './report-view.js';

/**
 * The weekly report's view model: a pure function of the stored inputs (src/store/report-inputs.ts). Numbers
 * stay numbers here (null where undefined, never a 0 that was not measured); render-html/render-text format
 * them in the reader's language. Every comparison is spelt out with what it rests on:
 *
 * - **Last week**: the stored value of the week before.
 * - **Baseline**: the municipality's own previous 8 weeks. Counts: weekly mean. Ratios (response rate, reply
 *   share, citizen share, timely rate): recomputed from the 8 weeks' summed counts, never averaged
 *   (INDICATORS.md, "Wider scopes"). Dialogue index, its parts and response-time medians: the median of the
 *   weekly values (each is already a window or a median of its own).
 * - **Peers**: percentile rank of the dialogue index and response rate with the group's n, among the county,
 *   the size band by population (or follower band), the whole country and the peer set the municipality
 *   picked (src/indicators/peers.ts). Suppressed in a group with fewer than 5 municipalities with a value.
 * - **Target**: the municipality's response target (default one office day); "N of M within target" counts
 *   the week's questions answered within it in office hours.
 */

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const val = (f: StoredFigures | null | undefined, id: keyof StoredFigures['values']): number | null => (f ? num(f.values[id]) : null);
const citizenItemsOf = (f: StoredFigures | null | undefined): number | null => {
  const a = val(f, 'citizen_posts');
  const b = val(f, 'citizen_comments');
  return a === null || b === null ? null : a + b;
};
const HOUR = 3_600_000;

const median = (xs: readonly (number | null)[]): number | null =>
  percentileCont(
    xs.filter((x): x is number => x !== null),
    0.5,
  );
const mean = (xs: readonly (number | null)[]): number | null => {
  const ys = xs.filter((x): x is number => x !== null);
  return ys.length === 0 ? null : ys.reduce((s, x) => s + x, 0) / ys.length;
};
const sumOf = (rows: readonly StoredFigures[], id: keyof StoredFigures['values']): number =>
  rows.reduce((s, r) => s + (val(r, id) ?? 0), 0);
const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export function buildWeeklyReport(inp: ReportInputs): ReportView {
  const { start, end } = weekBounds(inp.week);
  const asOf = new Date(inp.asOf);
  const series = inp.series;
  const cur = series[series.length - 1]?.figures ?? null;
  const prev = series[series.length - 2]?.figures ?? null;
  const base = series
    .slice(-1 - BASELINE_WEEKS, -1)
    .map((s) => s.figures)
    .filter((f): f is StoredFigures => f !== null);

  const cmp = (id: keyof StoredFigures['values'], baseline: 'mean' | 'median'): Compared => ({
    value: val(cur, id),
    lastWeek: val(prev, id),
    baseline: base.length === 0 ? null : baseline === 'mean' ? mean(base.map((b) => val(b, id))) : median(base.map((b) => val(b, id))),
  });
  const ratioCmp = (
    id: keyof StoredFigures['values'],
    numer: (f: StoredFigures) => number,
    denom: (f: StoredFigures) => number,
  ): Compared => ({
    value: val(cur, id),
    lastWeek: val(prev, id),
    baseline:
      base.length === 0
        ? null
        : ratio(
            base.reduce((s, b) => s + numer(b), 0),
            base.reduce((s, b) => s + denom(b), 0),
          ),
  });
  const v = (f: StoredFigures, id: keyof StoredFigures['values']) => val(f, id) ?? 0;

  const bandRaw = cur?.values.dialogue_band;
  const band = typeof bandRaw === 'string' ? (bandRaw as Band) : null;

  // Peers: one definition with the dashboard (src/indicators/peers.ts).
  const m = inp.municipality;
  const subject = {
    code: m.code,
    countyCode: m.countyCode,
    countyName: m.countyName,
    population: m.population,
    populationYear: m.populationYear,
    chosen: m.peerSet,
  };
  const position = (metric: 'dialogueIndex' | 'responseRate'): PeerPosition[] =>
    peerPositions(
      subject,
      inp.peers.map((p) => ({
        code: p.code,
        countyCode: p.countyCode,
        population: p.population,
        followers: p.followers,
        value: p[metric],
      })),
    );

  // Response times of the week's questions, as known at asOf.
  const office = officeHoursFrom(inp.municipality.officeHours);
  const weekQuestions = inp.questions.filter((q) => new Date(q.askedAt) >= start && new Date(q.askedAt) < end);
  const answered = weekQuestions
    .filter((q) => q.answeredAt !== null && new Date(q.answeredAt).getTime() - new Date(q.askedAt).getTime() <= 7 * 24 * HOUR)
    .map((q) => ({ asked: new Date(q.askedAt), answered: new Date(q.answeredAt as string) }));
  const wallH = answered.map((a) => (a.answered.getTime() - a.asked.getTime()) / HOUR);
  const officeH = answered.map((a) => officeHoursBetween(a.asked, a.answered, office));
  const targetHours = m.responseTargetOfficeHours ?? officeDayHours(office);
  const withinTarget = officeH.filter((h) => h <= targetHours + 1e-9).length;
  const buckets: ResponseBucket[] = [
    { key: 'lt1h', count: wallH.filter((h) => h < 1).length },
    { key: 'h1to4', count: wallH.filter((h) => h >= 1 && h < 4).length },
    { key: 'h4to24', count: wallH.filter((h) => h >= 4 && h < 24).length },
    { key: 'd1to3', count: wallH.filter((h) => h >= 24 && h < 72).length },
    { key: 'd3to7', count: wallH.filter((h) => h >= 72).length },
    { key: 'unanswered', count: weekQuestions.length - answered.length },
  ];

  // Open at the week's end: asked in the 7 days before it, not answered by then, not removed (as known now).
  const openAtEnd = inp.questions.filter((q) => {
    const asked = new Date(q.askedAt).getTime();
    return (
      asked >= end.getTime() - 7 * 24 * HOUR &&
      asked < end.getTime() &&
      q.removed === null &&
      (q.answeredAt === null || new Date(q.answeredAt) >= end)
    );
  });
  const oldest = openAtEnd.map((q) => new Date(q.askedAt)).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  const stillOpen = openAtEnd.filter((q) => q.answeredAt === null).length;

  // Post kinds over all platforms, most resident comments first.
  const kindMap = new Map<string, { posts: number; citizenComments: number; questions: number }>();
  for (const k of inp.postKinds) {
    const e = kindMap.get(k.kind) ?? { posts: 0, citizenComments: 0, questions: 0 };
    e.posts += k.posts;
    e.citizenComments += k.citizenComments;
    e.questions += k.questions;
    kindMap.set(k.kind, e);
  }
  const totalComments = [...kindMap.values()].reduce((s, k) => s + k.citizenComments, 0);
  const postKinds = [...kindMap.entries()]
    .map(([kind, e]) => ({ kind, ...e, share: ratio(e.citizenComments, totalComments) }))
    .sort((a, b) => b.citizenComments - a.citizenComments || b.posts - a.posts || a.kind.localeCompare(b.kind));

  // Per platform: counts summed over the platform's accounts, ratios recomputed from them.
  const platforms = [...new Set(inp.accounts.map((a) => a.platform))].sort();
  const accPlatform = new Map(inp.accounts.map((a) => [a.id, a.platform]));
  const perPlatform: PlatformSummary[] =
    platforms.length < 2
      ? []
      : platforms.map((platform) => {
          const rows = inp.accountRows.filter((r) => accPlatform.get(r.accountId) === platform).map((r) => r.figures);
          const q = sumOf(rows, 'questions');
          const qa = sumOf(rows, 'questions_answered');
          const times = weekQuestions
            .filter(
              (x) =>
                x.platform === platform &&
                x.answeredAt !== null &&
                new Date(x.answeredAt).getTime() - new Date(x.askedAt).getTime() <= 7 * 24 * HOUR,
            )
            .map((x) => (new Date(x.answeredAt as string).getTime() - new Date(x.askedAt).getTime()) / HOUR);
          return {
            platform,
            accounts: inp.accounts.filter((a) => a.platform === platform).length,
            ownerPosts: sumOf(rows, 'owner_posts'),
            ownerReplies: sumOf(rows, 'owner_replies'),
            citizenItems: sumOf(rows, 'citizen_posts') + sumOf(rows, 'citizen_comments'),
            questions: q,
            questionsAnswered: qa,
            responseRate: ratio(qa, q),
            responseTimeMedianH: percentileCont(times, 0.5),
            coverage: rows.length === 0 ? null : Math.min(...rows.map((r) => r.coverage)),
          };
        });

  const reasons: Array<'low_coverage' | 'recent_week'> = [];
  if (cur?.provisional) reasons.push(cur.coverage < 0.8 ? 'low_coverage' : 'recent_week');
  const accById = new Map(inp.accounts.map((a) => [Number(a.id), a]));

  return {
    week: inp.week,
    running: asOf.getTime() < end.getTime(),
    weekStart: start,
    weekEnd: end,
    asOf,
    definitionVersion: inp.definitionVersion,
    classifierVersion: inp.classifierVersion,
    municipality: {
      code: inp.municipality.code,
      name: inp.municipality.name,
      countyName: inp.municipality.countyName,
      population: inp.municipality.population,
    },
    platforms,
    hasData: cur !== null,
    dialogue: {
      index: cmp('dialogue_index', 'median'),
      band,
      insufficientData:
        (cur?.flags.dialogue_index ?? []).includes('insufficient_data') || (cur !== null && cur.values.dialogue_index === null),
      windowQuestions: cur ? (cur.n.window_questions ?? cur.n.dialogue_index ?? null) : null,
      parts: {
        r: cmp('dialogue_r', 'median'),
        t: cmp('dialogue_t', 'median'),
        h: cmp('dialogue_h', 'median'),
        v: cmp('dialogue_v', 'median'),
        f: cmp('dialogue_f', 'median'),
      },
    },
    peers: { dialogueIndex: position('dialogueIndex'), responseRate: position('responseRate') },
    activity: {
      ownerPosts: cmp('owner_posts', 'mean'),
      ownerReplies: cmp('owner_replies', 'mean'),
      citizenItems: {
        value: citizenItemsOf(cur),
        lastWeek: citizenItemsOf(prev),
        baseline: base.length === 0 ? null : mean(base.map(citizenItemsOf)),
      },
      citizenAuthors: cmp('citizen_authors', 'mean'),
      citizenShare: ratioCmp(
        'citizen_share',
        (f) => v(f, 'citizen_posts') + v(f, 'citizen_comments'),
        (f) => v(f, 'citizen_posts') + v(f, 'citizen_comments') + v(f, 'owner_posts') + v(f, 'owner_replies'),
      ),
      replyShare: ratioCmp(
        'reply_share',
        (f) => v(f, 'owner_replies'),
        (f) => v(f, 'owner_replies') + v(f, 'owner_posts'),
      ),
      megaphoneRatio: val(cur, 'megaphone_ratio'),
    },
    responsiveness: {
      questions: cmp('questions', 'mean'),
      questionsAnswered: val(cur, 'questions_answered'),
      responseRate: ratioCmp(
        'response_rate',
        (f) => v(f, 'questions_answered'),
        (f) => v(f, 'questions'),
      ),
      responseRateCi: { low: val(cur, 'response_rate_ci_low'), high: val(cur, 'response_rate_ci_high') },
      timelyRate: ratioCmp(
        'timely_rate',
        (f) => v(f, 'timely_answered'),
        (f) => v(f, 'questions'),
      ),
      medianH: cmp('response_time_median_h', 'median'),
      p90H: val(cur, 'response_time_p90_h'),
      officeMedianH: val(cur, 'response_time_office_median_h'),
      officeP90H: percentileCont(officeH, 0.9),
      buckets,
      // The default target is the indicator's own "one office day": its stored counts, so the two never differ.
      target:
        m.responseTargetOfficeHours === null
          ? {
              officeHours: targetHours,
              custom: false,
              withinTarget: val(cur, 'timely_answered') ?? withinTarget,
              questions: val(cur, 'questions') ?? weekQuestions.length,
            }
          : { officeHours: targetHours, custom: true, withinTarget, questions: weekQuestions.length },
    },
    open: {
      count: val(cur, 'unanswered_open'),
      oldestAskedAt: oldest,
      oldestAgeHours: oldest ? (end.getTime() - oldest.getTime()) / HOUR : null,
      stillOpenAtAsOf: stillOpen,
    },
    postKinds,
    topThreads: inp.topThreads.map((t) => ({
      platform: t.platform,
      postedAt: new Date(t.postedAt),
      kind: t.kind,
      postText: t.postText,
      permalink: t.permalink,
      citizenItems: t.citizenItems,
      citizenAuthors: t.citizenAuthors,
      ownerReplies: t.ownerReplies,
    })),
    moderation: {
      hidden: val(cur, 'hidden_citizen_items'),
      deleted: val(cur, 'deleted_citizen_items'),
      abusive: val(cur, 'abusive_citizen_items'),
    },
    quality: {
      coverage: cur ? cur.coverage : null,
      provisional: cur?.provisional ?? false,
      provisionalReasons: reasons,
      gaps: (cur?.gapAccounts ?? []).map((id) => {
        const a = accById.get(Number(id));
        return { platform: a?.platform ?? 'unknown', handle: a?.handle ?? a?.externalId ?? String(id) };
      }),
      followersUnknown: (cur?.flags.citizen_per_1000_followers ?? []).includes('followers_unknown'),
      engagementLate:
        cur && (cur.n.posts_engagement_late ?? 0) > 0
          ? { posts: cur.n.posts_engagement_late ?? 0, medianDays: cur.n.engagement_late_median_days ?? null }
          : null,
      missingWeeks: series.filter((s) => s.figures === null).map((s) => s.week),
    },
    perPlatform,
    trend: series.map((s) => ({
      week: s.week,
      dialogueIndex: val(s.figures, 'dialogue_index'),
      responseRate: val(s.figures, 'response_rate'),
      ownerPosts: val(s.figures, 'owner_posts'),
      ownerReplies: val(s.figures, 'owner_replies'),
      citizenItems: citizenItemsOf(s.figures),
    })),
  };
}
