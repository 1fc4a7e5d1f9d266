import { textAt } from './engagement.js';
import { isoWeekOslo, nextOsloWeekStart, osloWeekStart } from './oslo.js';
import { chosenSnapshot, NO_SNAPSHOTS, removalSeen, seenByPasses, snapshotsOf, type TruthSnapshot } from './truth-observation.js';
import { turnsOf, type Turn } from './truth-turns.js';
import type { AccountData, SimAccount, SimItem, SimPlatform, World } from './world.js';

/**
 * Ground truth per INDICATORS.md (definition version 1), computed from the generated items as they stand at
 * `now` — never from the generator's intentions — so it is exactly what a perfect pipeline would report.
 *
 * - Turn: consecutive citizen items by the same author in the same branch with no owner item between them.
 *   Another resident writing in between does not end a turn; an owner item ends every open turn.
 * - Question: a turn with at least one item labelled needsAnswer (hidden or deleted ones included).
 * - Answer: the first owner (any responder) item after the turn's first item in its branch; answered when it
 *   comes within 7 days.
 * - Week: ISO week of created_at in Europe/Oslo.
 * - Observation (INDICATORS.md, clarifications of version 1): the world is read by collection passes at given
 *   instants (one first backfill at `now` by default). A pass measures the engagement of the posts it reads —
 *   every post it reads for the first time and those at most SNAPSHOT_DAYS old. A post's counts are those of the
 *   latest snapshot within 7 days of it, else of the earliest later one (flagged late); with none, unknown. An
 *   item is removed from its creation when it was already hidden or deleted at the first pass after its
 *   creation, else from the first pass after its removal.
 */

// Observation by passes: truth-observation.ts; the turn rule: truth-turns.ts.

export const ANSWER_WINDOW_MS = 7 * 86_400_000;
export type TruthItem = {
  platform: SimPlatform;
  externalId: string;
  accountExternalId: string;
  kind: 'post' | 'comment';
  parentExternalId: string | null;
  rootExternalId: string;
  branchExternalId: string;
  depth: number;
  authorRole: 'owner' | 'citizen';
  authorRawId: string;
  authorName: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  hiddenAt: string | null;
  /** The first pass after the item's creation (when a collector first stored it). */
  firstSeenAt: string | null;
  /** The first pass that saw the item hidden / deleted (what a collector stores as hidden_at / deleted_at). */
  hiddenSeenAt: string | null;
  deletedSeenAt: string | null;
  /** From when the item counts as removed: its creation when first seen removed, else the pass that saw it so. */
  removedAt: string | null;
  /** Posts: the engagement snapshots the passes took (platform totals; null where the platform gives none). */
  snapshots: readonly TruthSnapshot[];
  text: string;
  /** Template label: a question or request addressed to the municipality (always false for owner items). */
  needsAnswer: boolean;
  /** Template kind (question, request, complaint, praise, tag, emoji, …; a post kind for broadcast posts). */
  textKind: string;
  lang: 'nb' | 'nn' | 'en';
  week: string;
  /** What the simulated resident asks about (issue 25; topic-labels.ts): [] for owner items and other texts. */
  topics: readonly string[];
  /** Citizen items: first item of the turn this item belongs to. */
  turnExternalId: string | null;
  /** Citizen items: whether the turn is a question. */
  turnIsQuestion: boolean;
  /** Citizen items: the turn's answer (first owner item after the turn began in its branch), at any delay. */
  answerExternalId: string | null;
  answeredAt: string | null;
  /** Citizen items: the answer came within 7 days. */
  answered: boolean;
};

/**
 * One account-week of ground truth. Its fields mirror the indicator figures' on purpose but are its own type: an
 * oracle shares no code, not even a type, with the engine it checks (STYLE.md §0).
 */
export type TruthWeek = {
  ownerPosts: number;
  ownerReplies: number;
  citizenPosts: number;
  citizenComments: number;
  questions: number;
  questionsAnswered: number;
  /** Wall-clock hours from question to answer, for answered questions of the week, in the order asked. */
  responseTimesH: number[];
  /** Questions of the week neither answered nor removed at the week's end (all are under 7 days old then). */
  unansweredOpen: number;
  /**
   * Broadcast posts of the week by what their chosen snapshot gives: posts whose likes / comments / shares
   * are known, with ≥ 1 of each, and the sums. Shares count only on platforms with shares.
   */
  postsLikesKnown: number;
  postsLiked: number;
  likes: number;
  postsCommentsKnown: number;
  postsCommented: number;
  comments: number;
  sharePostsKnown: number;
  postsShared: number;
  shares: number;
  /** Posts measured only after 7 days, and the snapshot ages in days. */
  postsEngagementLate: number;
  lateSnapshotDays: number[];
};

export type GroundTruth = {
  now: string;
  seed: number;
  /** The collection passes the truth assumes (see the module comment). */
  passes: string[];
  accounts: Omit<SimAccount, 'token'>[];
  items: TruthItem[];
  /** weeks[accountExternalId]['2026-W47'] */
  weeks: Record<string, Record<string, TruthWeek>>;
};

const emptyWeek = (): TruthWeek => ({
  ownerPosts: 0,
  ownerReplies: 0,
  citizenPosts: 0,
  citizenComments: 0,
  questions: 0,
  questionsAnswered: 0,
  responseTimesH: [],
  unansweredOpen: 0,
  postsLikesKnown: 0,
  postsLiked: 0,
  likes: 0,
  postsCommentsKnown: 0,
  postsCommented: 0,
  comments: 0,
  sharePostsKnown: 0,
  postsShared: 0,
  shares: 0,
  postsEngagementLate: 0,
  lateSnapshotDays: [],
});

const SHARE_PLATFORMS: ReadonlySet<string> = new Set(['facebook', 'x', 'bluesky']);

/** Adds a broadcast post's engagement, from its chosen snapshot, to its week; a post with none adds nothing. */
function addEngagement(w: TruthWeek, post: SimItem, snapshots: readonly TruthSnapshot[]): void {
  const chosen = chosenSnapshot(post.createdAt, snapshots);
  if (!chosen) return;
  const s = chosen.snapshot;
  if (chosen.late) {
    w.postsEngagementLate++;
    w.lateSnapshotDays.push((Date.parse(s.capturedAt) - post.createdAt) / 86_400_000);
  }
  w.postsLikesKnown++;
  w.likes += s.likes;
  if (s.likes > 0) w.postsLiked++;
  if (s.comments !== null) {
    w.postsCommentsKnown++;
    w.comments += s.comments;
    if (s.comments > 0) w.postsCommented++;
  }
  if (SHARE_PLATFORMS.has(post.platform) && s.shares !== null) {
    w.sharePostsKnown++;
    w.shares += s.shares;
    if (s.shares > 0) w.postsShared++;
  }
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * Weekly truth for one account at `now`, plus its items when asked. `passes` are the collection passes'
 * instants, ascending, the last at most `now` (a first backfill at `now` when omitted).
 */
export function accountTruth(
  data: AccountData,
  now: number,
  withItems: boolean,
  passes: readonly number[] = [now],
): { weeks: Record<string, TruthWeek>; items: TruthItem[] } {
  const weeks: Record<string, TruthWeek> = {};
  const week = (ms: number): TruthWeek => {
    const key = isoWeekOslo(ms);
    return (weeks[key] ??= emptyWeek());
  };
  const snapshots = new Map<string, TruthSnapshot[]>();
  for (const it of data.items) {
    if (it.createdAt > now) break;
    const w = week(it.createdAt);
    if (it.authorRole === 'owner') {
      if (it.kind === 'post') {
        w.ownerPosts++;
        const snaps = snapshotsOf(data, it, now, passes);
        snapshots.set(it.id, snaps);
        addEngagement(w, it, snaps);
      } else w.ownerReplies++;
    } else if (it.kind === 'post') w.citizenPosts++;
    else w.citizenComments++;
  }
  const turns = turnsOf(data, now);
  const turnOf = new Map<string, Turn>();
  for (const t of turns) {
    for (const it of t.items) turnOf.set(it.id, t);
    const first = t.items[0];
    if (!t.isQuestion || !first) continue;
    const w = week(first.createdAt);
    w.questions++;
    if (t.answer && t.answer.createdAt - first.createdAt <= ANSWER_WINDOW_MS) {
      w.questionsAnswered++;
      w.responseTimesH.push((t.answer.createdAt - first.createdAt) / 3_600_000);
    }
    // Open at the week's end: no answer yet and not removed yet (every item of the turn removed before it).
    const weekEnd = nextOsloWeekStart(osloWeekStart(first.createdAt));
    const removed = t.items.every((i) => {
      if (i.hiddenAt === null && i.deletedAt === null) return false;
      const r = removalSeen(i, now, passes).removedAt;
      return r !== null && r < weekEnd;
    });
    if ((!t.answer || t.answer.createdAt >= weekEnd) && !removed) w.unansweredOpen++;
  }
  const items: TruthItem[] = [];
  if (withItems) {
    for (const it of data.items) {
      if (it.createdAt > now) break;
      const t = turnOf.get(it.id);
      const first = t?.items[0];
      const answer = t?.answer ?? null;
      const seen = removalSeen(it, now, passes);
      items.push({
        platform: it.platform,
        externalId: it.id,
        accountExternalId: it.accountId,
        kind: it.kind,
        parentExternalId: it.parentId,
        rootExternalId: it.rootId,
        branchExternalId: it.branchId,
        depth: it.depth,
        authorRole: it.authorRole,
        authorRawId: it.authorId,
        authorName: it.authorName,
        createdAt: new Date(it.createdAt).toISOString(),
        editedAt: it.editedAt !== null && it.editedAt <= now ? iso(it.editedAt) : null,
        deletedAt: it.deletedAt !== null && it.deletedAt <= now ? iso(it.deletedAt) : null,
        hiddenAt: it.hiddenAt !== null && it.hiddenAt <= now ? iso(it.hiddenAt) : null,
        firstSeenAt: iso(seen.firstSeen),
        hiddenSeenAt: iso(seen.hiddenSeen),
        deletedSeenAt: iso(seen.deletedSeen),
        removedAt: iso(seen.removedAt),
        snapshots: snapshots.get(it.id) ?? NO_SNAPSHOTS,
        text: textAt(it, now),
        needsAnswer: it.authorRole === 'citizen' && it.needsAnswer,
        topics: it.authorRole === 'citizen' ? (it.topics ?? []) : [],
        textKind: it.textKind,
        lang: it.lang,
        week: isoWeekOslo(it.createdAt),
        turnExternalId: first?.id ?? null,
        turnIsQuestion: t?.isQuestion ?? false,
        answerExternalId: answer?.id ?? null,
        answeredAt: iso(answer?.createdAt ?? null),
        answered: !!(answer && first && answer.createdAt - first.createdAt <= ANSWER_WINDOW_MS),
      });
    }
  }
  return { weeks, items };
}

/**
 * Ground truth for the world at `now`: every item created by then (deleted ones with `deletedAt`) and the weekly
 * counts per account. `accounts` limits it to some accounts; `includeItems: false` keeps only the weekly counts
 * (a year of all 357 municipalities has about a million items). `passes` are the instants of the collection
 * passes that read the world (see the module comment): one first backfill at `now` when omitted.
 */
export function groundTruth(
  world: World,
  opts: {
    now: Date;
    accounts?: readonly string[];
    includeItems?: boolean;
    passes?: readonly Date[];
    /** Leave out the items no pass could see (created and deleted between two passes): what a collector stores. */
    onlySeen?: boolean;
  },
): GroundTruth {
  const now = opts.now.getTime();
  const passes = (opts.passes ?? [opts.now])
    .map((d) => d.getTime())
    .filter((p) => p <= now)
    .sort((a, b) => a - b);
  const wanted = opts.accounts ? new Set(opts.accounts) : null;
  const accounts = world.accounts.filter((a) => !wanted || wanted.has(a.externalId));
  const out: GroundTruth = {
    now: opts.now.toISOString(),
    seed: world.options.seed,
    passes: passes.map((p) => new Date(p).toISOString()),
    accounts: accounts.map(({ token: _token, ...rest }) => rest),
    items: [],
    weeks: {},
  };
  for (const a of accounts) {
    const data = world.data(a.externalId, { cache: false });
    const t = accountTruth(opts.onlySeen ? seenByPasses(data, passes) : data, now, opts.includeItems ?? true, passes);
    out.weeks[a.externalId] = t.weeks;
    for (const it of t.items) out.items.push(it);
  }
  return out;
}
