import {
  DEFINITION_VERSION,
  DISTRIBUTION_IDS,
  SECTOR_ID,
  type Distribution,
  type IndicatorN,
  type IndicatorValues,
  type Scope,
} from './definitions.js';
import type { DialogueWindow } from './dialogue-index.js';
import { rowKey, type IndicatorRow } from './indicator-row.js';
import { addWeeks, weekBounds, type IsoWeek } from './iso-week.js';
import { officeDayHours, officeHoursBetween, officeHoursFrom } from './office-hours.js';
import { percentileCont } from './percentile.js';
import { dialogueIndex } from './dialogue-index.js';
import { computeScopeValues, dialogueBase, emptyCounts, sumDialogueWindow, type ScopeCounts, type ScopeResult } from './scope-values.js';

/**
 * Turns grouped figures (from the store) into stored scope-week rows: office-hours figures, ratios, the
 * dialogue index over 4 weeks, coverage, provisional flags and the county/sector distributions. Pure: the
 * store gives the figures, the caller gives `now`.
 */

export type AccountRef = { id: number; municipalityCode: string; countyCode: string; officeHours: unknown };
export type AnsweredRef = { accountId: number; week: IsoWeek; askedAt: Date; answeredAt: Date };
export type Figures = Record<string, number | null> & { gapAccounts?: number[] };

/** The engine's rows are the one indicator row type. */
export type AssembledRow = IndicatorRow;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Coverage below this marks a value provisional (INDICATORS.md). */
export const COVERAGE_MIN = 0.8;
// Office-hours sums over many day slices can land a hair above 7.75 for an answer at exactly one office day.
const EPS = 1e-9;

export { rowKey };

const num = (f: Figures, k: string): number => {
  const v = f[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};
const nullable = (f: Figures, k: string): number | null => {
  const v = f[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

export function countsFromFigures(f: Figures): ScopeCounts {
  const c = emptyCounts();
  c.ownerPosts = num(f, 'owner_posts');
  c.ownerReplies = num(f, 'owner_replies');
  c.citizenPosts = num(f, 'citizen_posts');
  c.citizenComments = num(f, 'citizen_comments');
  c.citizenAuthors = num(f, 'citizen_authors');
  c.questions = num(f, 'questions');
  c.questionsAnswered = num(f, 'questions_answered');
  c.branchTurns = num(f, 'branch_turns');
  c.branchTurnsAnswered = num(f, 'branch_turns_answered');
  c.followups = num(f, 'followups');
  c.responseTimeMedianH = nullable(f, 'response_time_median_h');
  c.responseTimeP90H = nullable(f, 'response_time_p90_h');
  c.unansweredOpen = num(f, 'unanswered_open');
  c.postsWithCitizenComments = num(f, 'posts_with_citizen_comments');
  c.twoWayPosts = num(f, 'two_way_posts');
  c.oneWayPosts = num(f, 'one_way_posts');
  c.depthBranches = num(f, 'depth_branches');
  c.depthChanges = num(f, 'depth_changes');
  c.postsLikesKnown = num(f, 'posts_likes_known');
  c.postsLiked = num(f, 'posts_liked');
  c.likes = num(f, 'likes');
  c.postsCommentsKnown = num(f, 'posts_comments_known');
  c.postsCommented = num(f, 'posts_commented');
  c.comments = num(f, 'comments');
  c.citizenCommentsOnPosts = num(f, 'citizen_comments_on_posts');
  c.sharePosts = num(f, 'share_posts');
  c.sharePostsKnown = num(f, 'share_posts_known');
  c.postsShared = num(f, 'posts_shared');
  c.shares = num(f, 'shares');
  c.postsEngagementLate = num(f, 'posts_engagement_late');
  c.lateSnapshotMedianDays = nullable(f, 'late_snapshot_median_days');
  c.hiddenCitizenItems = num(f, 'hidden_citizen_items');
  c.deletedCitizenItems = num(f, 'deleted_citizen_items');
  c.abusiveCitizenItems = num(f, 'abusive_citizen_items');
  c.unclassifiedCitizenItems = num(f, 'unclassified_citizen_items');
  c.citizenItemsUnplaced = num(f, 'citizen_items_unplaced');
  c.accounts = num(f, 'accounts');
  c.accountsCitizenPostsUnseen = num(f, 'accounts_citizen_posts_unseen');
  c.accountsWithFollowers = num(f, 'accounts_with_followers');
  c.accountsFollowersEstimated = num(f, 'accounts_followers_estimated');
  c.followers = c.accountsWithFollowers > 0 ? nullable(f, 'followers') : null;
  return c;
}

/** Rebuilds a week's dialogue base from a stored row (values hold the counts, n the follow-ups). */
export function baseFromStored(values: Partial<IndicatorValues>, n: Partial<IndicatorN>): DialogueWindow {
  const v = (k: keyof IndicatorValues) => (typeof values[k] === 'number' ? (values[k] as number) : 0);
  return {
    questions: v('questions'),
    questionsAnswered: v('questions_answered'),
    timelyAnswered: v('timely_answered'),
    ownerPosts: v('owner_posts'),
    ownerReplies: v('owner_replies'),
    citizenItems: v('citizen_posts') + v('citizen_comments'),
    followups: n.followups ?? 0,
    followers: n.followers && n.followers > 0 ? n.followers : null,
  };
}

function parseKey(key: string): { scope: Scope; scopeId: string; week: IsoWeek } {
  const [scope, scopeId, week] = key.split('|') as [Scope, string, IsoWeek];
  return { scope, scopeId, week };
}

export function distributionOf(rows: readonly AssembledRow[]): Distribution {
  const out = {} as Distribution;
  for (const id of DISTRIBUTION_IDS) {
    const xs = rows.map((r) => r.values[id]).filter((v): v is number => typeof v === 'number');
    out[id] = {
      p25: percentileCont(xs, 0.25),
      median: percentileCont(xs, 0.5),
      p75: percentileCont(xs, 0.75),
      municipalities: xs.length,
    };
  }
  return out;
}

/** Whole hours of the week lived by `now` (coverage's denominator), and whether answers may still arrive. */
function weekTiming(week: IsoWeek, now: Date): { hours: number; provisionalByTime: boolean } {
  const { start, end } = weekBounds(week);
  const lived = Math.min(end.getTime(), now.getTime()) - start.getTime();
  return { hours: Math.max(0, Math.floor(lived / HOUR_MS)), provisionalByTime: now.getTime() < end.getTime() + 7 * DAY_MS };
}

/** Sets each county and sector row's distribution over its municipalities' rows among `rows` (one week). */
function attachDistributions(rows: AssembledRow[], countyOf: ReadonlyMap<string, string>): void {
  const municipalities = rows.filter((r) => r.scope === 'municipality');
  for (const r of rows) {
    if (r.scope !== 'sector' && r.scope !== 'county') continue;
    const members = r.scope === 'sector' ? municipalities : municipalities.filter((m) => countyOf.get(m.scopeId) === r.scopeId);
    r.distribution = distributionOf(members);
    // What the sector role's small-group rule counts: municipalities with an account in the scope.
    r.n.municipalities = members.length;
  }
}

/**
 * Builds every scope-week row of `weeks` (ascending). `priorBases` holds dialogue bases of earlier weeks by
 * rowKey (stored rows, or rows of an earlier chunk of the same run); the weeks computed here are added to it.
 */
export function assembleRows(args: {
  weeks: readonly IsoWeek[];
  figures: ReadonlyMap<string, Figures>;
  answered: readonly AnsweredRef[];
  accounts: readonly AccountRef[];
  priorBases: Map<string, DialogueWindow>;
  now: Date;
  sectorId?: string;
}): AssembledRow[] {
  const sectorId = args.sectorId ?? SECTOR_ID;
  const byAccount = new Map(args.accounts.map((a) => [a.id, a]));

  // Office-hours figures per scope: each answered question counts in its account and every scope above it.
  const office = new Map<string, { hours: number[]; timely: number }>();
  for (const q of args.answered) {
    const acc = byAccount.get(q.accountId);
    if (!acc) continue;
    const cfg = officeHoursFrom(acc.officeHours);
    const h = officeHoursBetween(q.askedAt, q.answeredAt, cfg);
    const timely = h <= officeDayHours(cfg) + EPS ? 1 : 0;
    for (const key of [
      rowKey('account', String(acc.id), q.week),
      rowKey('municipality', acc.municipalityCode, q.week),
      rowKey('county', acc.countyCode, q.week),
      rowKey('sector', sectorId, q.week),
    ]) {
      const o = office.get(key) ?? { hours: [], timely: 0 };
      o.hours.push(h);
      o.timely += timely;
      office.set(key, o);
    }
  }

  const countyOf = new Map(args.accounts.map((a) => [a.municipalityCode, a.countyCode]));
  const weekSet = new Set(args.weeks);
  const keysByWeek = new Map<IsoWeek, string[]>();
  for (const key of args.figures.keys()) {
    const { week } = parseKey(key);
    if (!weekSet.has(week)) continue;
    const list = keysByWeek.get(week) ?? [];
    list.push(key);
    keysByWeek.set(week, list);
  }

  const out: AssembledRow[] = [];
  for (const week of args.weeks) {
    const { hours, provisionalByTime } = weekTiming(week, args.now);
    const rows: AssembledRow[] = [];
    for (const key of keysByWeek.get(week) ?? []) {
      const f = args.figures.get(key) ?? {};
      const { scope, scopeId } = parseKey(key);
      const counts = countsFromFigures(f);
      const o = office.get(key);
      counts.timelyAnswered = o?.timely ?? 0;
      counts.responseTimeOfficeMedianH = o ? percentileCont(o.hours, 0.5) : null;
      const base = dialogueBase(counts);
      args.priorBases.set(key, base);
      const prior = [1, 2, 3].map((k) => args.priorBases.get(rowKey(scope, scopeId, addWeeks(week, -k))));
      const window = sumDialogueWindow([base, ...prior.filter((b): b is DialogueWindow => b !== undefined)], counts.followers);
      const result = computeScopeValues(counts, window);
      const gapHours = num(f, 'gap_hours');
      const coverage = hours > 0 ? Math.max(0, (hours - gapHours) / hours) : 0;
      rows.push({
        scope,
        scopeId,
        week,
        definitionVersion: DEFINITION_VERSION,
        values: result.values,
        n: result.n,
        flags: result.flags,
        coverage,
        gapAccounts: [...(f.gapAccounts ?? [])].sort((a, b) => a - b),
        provisional: provisionalByTime || coverage < COVERAGE_MIN,
        distribution: null,
        computedAt: args.now,
      });
    }
    attachDistributions(rows, countyOf);
    out.push(...rows);
  }
  return out;
}

/**
 * Dialogue-only refresh of one stored week whose counts cannot have changed (w + 2 and w + 3 of a dirty week
 * w: only their 4-week window moved). Rebuilds each row's dialogue index from its stored base and the bases in
 * `priorBases` exactly as assembleRows would, re-reads coverage (`figures` holds gap_hours/gapAccounts) and
 * the county/sector distributions, and returns only the rows that changed. Adds the week's bases to
 * `priorBases`.
 */
export function refreshDialogueWeek(args: {
  week: IsoWeek;
  stored: readonly AssembledRow[];
  figures: ReadonlyMap<string, Figures>;
  accounts: readonly AccountRef[];
  priorBases: Map<string, DialogueWindow>;
  now: Date;
}): AssembledRow[] {
  const { hours, provisionalByTime } = weekTiming(args.week, args.now);
  const countyOf = new Map(args.accounts.map((a) => [a.municipalityCode, a.countyCode]));
  const before = new Map(args.stored.map((r) => [rowKey(r.scope, r.scopeId, r.week), refreshedParts(r)]));
  const rows: AssembledRow[] = args.stored.map((r) => ({
    ...r,
    values: { ...r.values },
    n: { ...r.n },
    flags: { ...r.flags },
    computedAt: args.now,
  }));
  for (const r of rows) {
    const key = rowKey(r.scope, r.scopeId, r.week);
    const base = baseFromStored(r.values, r.n);
    args.priorBases.set(key, base);
    const prior = [1, 2, 3].map((k) => args.priorBases.get(rowKey(r.scope, r.scopeId, addWeeks(r.week, -k))));
    const window = sumDialogueWindow([base, ...prior.filter((b): b is DialogueWindow => b !== undefined)], base.followers);
    const di = dialogueIndex(window);
    r.values.dialogue_index = di.index;
    r.values.dialogue_band = di.band;
    r.values.dialogue_r = di.parts.r;
    r.values.dialogue_t = di.parts.t;
    r.values.dialogue_h = di.parts.h;
    r.values.dialogue_v = di.parts.v;
    r.values.dialogue_f = di.parts.f;
    r.n.dialogue_index = window.questions;
    r.n.window_questions = window.questions;
    r.n.window_owner_posts = window.ownerPosts;
    r.n.window_citizen_items = window.citizenItems;
    // The same flags, in the same order, as computeScopeValues gives dialogue_index.
    const flags: NonNullable<ScopeResult['flags']['dialogue_index']> = [];
    if (base.followers !== null && (r.n.accounts_followers_estimated ?? 0) > 0) flags.push('followers_estimated');
    if (di.insufficientData) flags.push('insufficient_data');
    if (flags.length > 0) r.flags.dialogue_index = flags;
    else delete r.flags.dialogue_index;
    const f = args.figures.get(key) ?? {};
    const gapHours = num(f, 'gap_hours');
    r.coverage = hours > 0 ? Math.max(0, (hours - gapHours) / hours) : 0;
    r.gapAccounts = [...(f.gapAccounts ?? [])].sort((a, b) => a - b);
    r.provisional = provisionalByTime || r.coverage < COVERAGE_MIN;
  }
  attachDistributions(rows, countyOf);
  return rows.filter((r) => before.get(rowKey(r.scope, r.scopeId, r.week)) !== refreshedParts(r));
}

/**
 * What refreshDialogueWeek may change in a row, as a string: comparing these instead of the whole row keeps the
 * refresh of a week's 1,444 rows cheap. A distribution read back from jsonb has its keys reordered, so it is
 * compared in canonical form.
 */
function refreshedParts(r: AssembledRow): string {
  const v = r.values;
  const n = r.n;
  return JSON.stringify([
    v.dialogue_index,
    v.dialogue_band,
    v.dialogue_r,
    v.dialogue_t,
    v.dialogue_h,
    v.dialogue_v,
    v.dialogue_f,
    n.dialogue_index,
    n.window_questions,
    n.window_owner_posts,
    n.window_citizen_items,
    n.municipalities,
    r.flags.dialogue_index ?? null,
    r.coverage,
    r.gapAccounts,
    r.provisional,
    r.distribution === null ? null : canonical(r.distribution),
  ]);
}

/** A value as a string independent of object key order (jsonb reorders keys). */
function canonical(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .filter(([, x]) => x !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, x]) => [k, sorted(x)]),
          )
        : v;
  return JSON.stringify(sorted(value));
}
