import {
  INDICATOR_IDS,
  type IndicatorFlag,
  type IndicatorFlags,
  type IndicatorId,
  type IndicatorN,
  type IndicatorValues,
} from './definitions.js';
import { dialogueIndex, type DialogueWindow } from './dialogue-index.js';
import { wilsonInterval } from './wilson.js';

/**
 * Everything one scope-week's values are computed from: counts summed over the scope's accounts (or distinct
 * over its items where a count is distinct), and the response-time percentiles taken over the scope's items.
 */
export type ScopeCounts = {
  ownerPosts: number;
  ownerReplies: number;
  citizenPosts: number;
  citizenComments: number;
  citizenAuthors: number;
  questions: number;
  questionsAnswered: number;
  /** Questions answered within one office day of office-hours time. */
  timelyAnswered: number;
  /** Citizen turns that begin a branch (response_rate_all's denominator) and how many were answered. */
  branchTurns: number;
  branchTurnsAnswered: number;
  /** Answered questions with a follow-up. */
  followups: number;
  /** Wall-clock hours, percentile_cont over the scope's answered questions; null when none. */
  responseTimeMedianH: number | null;
  responseTimeP90H: number | null;
  responseTimeOfficeMedianH: number | null;
  unansweredOpen: number;
  postsWithCitizenComments: number;
  twoWayPosts: number;
  oneWayPosts: number;
  /** Branches counted for conversation_depth and the sum of their author-role changes. */
  depthBranches: number;
  depthChanges: number;
  /**
   * Bonsón counts over the week's broadcast posts whose count is known (a snapshot within 7 days, else the
   * earliest later one): a post no snapshot measured is left out, never counted as 0 (INDICATORS.md,
   * clarification 1). `…Known` are the denominators.
   */
  postsLikesKnown: number;
  postsLiked: number;
  likes: number;
  postsCommentsKnown: number;
  postsCommented: number;
  comments: number;
  citizenCommentsOnPosts: number;
  /** Broadcast posts on platforms that have shares, and of those the ones whose share count is known (v1–v3). */
  sharePosts: number;
  sharePostsKnown: number;
  postsShared: number;
  shares: number;
  /** Posts measured by a snapshot taken more than 7 days after them, and the median age of those snapshots. */
  postsEngagementLate: number;
  lateSnapshotMedianDays: number | null;
  hiddenCitizenItems: number;
  deletedCitizenItems: number;
  abusiveCitizenItems: number;
  /** Citizen items of the week the classifier has not labelled yet (counted as neither question nor abusive). */
  unclassifiedCitizenItems: number;
  /**
   * Citizen items of the week whose thread root is not stored (read as an owner thread) or whose branch is
   * unresolved (left out of turns): turns and answers around them are uncertain.
   */
  citizenItemsUnplaced: number;
  /** Followers at the week's end summed over the scope's accounts whose count is known; null when none is. */
  followers: number | null;
  /** Accounts in scope, and how many have a known follower count. */
  accounts: number;
  accountsWithFollowers: number;
  /** Of those, accounts on a platform whose residents' top-level posts cannot be read (Bluesky): citizen_posts unknown. */
  accountsCitizenPostsUnseen: number;
  /**
   * Of those, accounts with no snapshot at or before the week's end whose count is the earliest snapshot
   * within 56 days after it (history backfilled before the first snapshot); flags `followers_estimated`.
   */
  accountsFollowersEstimated: number;
};

export type ScopeResult = { values: IndicatorValues; n: IndicatorN; flags: IndicatorFlags };

export function emptyCounts(): ScopeCounts {
  return {
    ownerPosts: 0,
    ownerReplies: 0,
    citizenPosts: 0,
    citizenComments: 0,
    citizenAuthors: 0,
    questions: 0,
    questionsAnswered: 0,
    timelyAnswered: 0,
    branchTurns: 0,
    branchTurnsAnswered: 0,
    followups: 0,
    responseTimeMedianH: null,
    responseTimeP90H: null,
    responseTimeOfficeMedianH: null,
    unansweredOpen: 0,
    postsWithCitizenComments: 0,
    twoWayPosts: 0,
    oneWayPosts: 0,
    depthBranches: 0,
    depthChanges: 0,
    postsLikesKnown: 0,
    postsLiked: 0,
    likes: 0,
    postsCommentsKnown: 0,
    postsCommented: 0,
    comments: 0,
    citizenCommentsOnPosts: 0,
    sharePosts: 0,
    sharePostsKnown: 0,
    postsShared: 0,
    shares: 0,
    postsEngagementLate: 0,
    lateSnapshotMedianDays: null,
    hiddenCitizenItems: 0,
    deletedCitizenItems: 0,
    abusiveCitizenItems: 0,
    unclassifiedCitizenItems: 0,
    citizenItemsUnplaced: 0,
    followers: null,
    accounts: 0,
    accountsWithFollowers: 0,
    accountsCitizenPostsUnseen: 0,
    accountsFollowersEstimated: 0,
  };
}

/** Figures of the week that rest on the classifier's labels (the 4-week dialogue index is not flagged). */
const CLASSIFIED_IDS: readonly IndicatorId[] = [
  'questions',
  'questions_answered',
  'response_rate',
  'response_rate_ci_low',
  'response_rate_ci_high',
  'timely_answered',
  'timely_rate',
  'response_time_median_h',
  'response_time_p90_h',
  'response_time_office_median_h',
  'unanswered_open',
  'followup_rate',
  'abusive_citizen_items',
];

/** Figures of the week built from turns and answers, which need each item's thread and branch. */
const TURN_IDS: readonly IndicatorId[] = [
  ...CLASSIFIED_IDS.filter((id) => id !== 'abusive_citizen_items'),
  'response_rate_all',
  'two_way_posts',
  'two_way_share',
  'conversation_depth',
];

/** Figures that count residents' top-level posts. */
const CITIZEN_POSTS_IDS: readonly IndicatorId[] = ['citizen_posts', 'citizen_share', 'citizen_per_1000_followers'];

/** a / b, or null when b is 0: a ratio with nothing under it is undefined, never 0 or NaN. */
const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
const pct = (a: number, b: number): number | null => (b > 0 ? (100 * a) / b : null);
const per1000 = (x: number | null, followers: number | null): number | null =>
  x === null || followers === null || !(followers > 0) ? null : (x / followers) * 1000;

/** The counts the dialogue index sums over its 4-week window, taken from one week. */
export function dialogueBase(c: ScopeCounts): DialogueWindow {
  return {
    questions: c.questions,
    questionsAnswered: c.questionsAnswered,
    timelyAnswered: c.timelyAnswered,
    ownerPosts: c.ownerPosts,
    ownerReplies: c.ownerReplies,
    citizenItems: c.citizenPosts + c.citizenComments,
    followups: c.followups,
    followers: c.followers,
  };
}

/** Sums the 4 weekly bases of a window; followers are those of the last (the window's end). */
export function sumDialogueWindow(weeks: readonly DialogueWindow[], followersAtEnd: number | null): DialogueWindow {
  const w: DialogueWindow = {
    questions: 0,
    questionsAnswered: 0,
    timelyAnswered: 0,
    ownerPosts: 0,
    ownerReplies: 0,
    citizenItems: 0,
    followups: 0,
    followers: followersAtEnd,
  };
  for (const b of weeks) {
    w.questions += b.questions;
    w.questionsAnswered += b.questionsAnswered;
    w.timelyAnswered += b.timelyAnswered;
    w.ownerPosts += b.ownerPosts;
    w.ownerReplies += b.ownerReplies;
    w.citizenItems += b.citizenItems;
    w.followups += b.followups;
  }
  return w;
}

/** Computes every indicator of one scope-week from its counts and its dialogue window (INDICATORS.md v1). */
export function computeScopeValues(c: ScopeCounts, window: DialogueWindow): ScopeResult {
  const flags: IndicatorFlags = {};
  const flag = (id: IndicatorId, f: IndicatorFlag) => {
    (flags[id] ??= []).push(f);
  };
  const followers = c.followers !== null && c.followers > 0 ? c.followers : null;
  const citizenItems = c.citizenPosts + c.citizenComments;
  const output = c.ownerPosts + c.ownerReplies;
  const ci = wilsonInterval(c.questionsAnswered, c.questions);
  const posts = c.ownerPosts;
  const p2 = ratio(c.likes, c.postsLikesKnown);
  const c2 = ratio(c.comments, c.postsCommentsKnown);
  const v2 = ratio(c.shares, c.sharePostsKnown);
  const p3 = per1000(p2, followers);
  const c3 = per1000(c2, followers);
  const v3 = per1000(v2, followers);
  const di = dialogueIndex(window);

  const values: IndicatorValues = {
    owner_posts: c.ownerPosts,
    owner_replies: c.ownerReplies,
    reply_share: ratio(c.ownerReplies, output),
    megaphone_ratio: c.ownerPosts / Math.max(1, c.ownerReplies),
    citizen_posts: c.citizenPosts,
    citizen_comments: c.citizenComments,
    citizen_share: ratio(citizenItems, citizenItems + output),
    citizen_per_1000_followers: per1000(citizenItems, followers),
    citizen_authors: c.citizenAuthors,
    questions: c.questions,
    questions_answered: c.questionsAnswered,
    response_rate: ratio(c.questionsAnswered, c.questions),
    response_rate_ci_low: ci ? ci.low : null,
    response_rate_ci_high: ci ? ci.high : null,
    response_rate_all: ratio(c.branchTurnsAnswered, c.branchTurns),
    timely_answered: c.timelyAnswered,
    timely_rate: ratio(c.timelyAnswered, c.questions),
    response_time_median_h: c.questionsAnswered > 0 ? c.responseTimeMedianH : null,
    response_time_p90_h: c.questionsAnswered > 0 ? c.responseTimeP90H : null,
    response_time_office_median_h: c.questionsAnswered > 0 ? c.responseTimeOfficeMedianH : null,
    unanswered_open: c.unansweredOpen,
    posts_with_citizen_comments: c.postsWithCitizenComments,
    two_way_posts: c.twoWayPosts,
    two_way_share: ratio(c.twoWayPosts, c.postsWithCitizenComments),
    one_way_posts: c.oneWayPosts,
    followup_rate: ratio(c.followups, c.questionsAnswered),
    conversation_depth: ratio(c.depthChanges, c.depthBranches),
    p1: pct(c.postsLiked, c.postsLikesKnown),
    p2,
    p3,
    c1: pct(c.postsCommented, c.postsCommentsKnown),
    c2,
    c3,
    c2_citizen: ratio(c.citizenCommentsOnPosts, posts),
    v1: pct(c.postsShared, c.sharePostsKnown),
    v2,
    v3,
    engagement: p3 === null || c3 === null || v3 === null ? null : p3 + c3 + v3,
    hidden_citizen_items: c.hiddenCitizenItems,
    deleted_citizen_items: c.deletedCitizenItems,
    abusive_citizen_items: c.abusiveCitizenItems,
    dialogue_index: di.index,
    dialogue_band: di.band,
    dialogue_r: di.parts.r,
    dialogue_t: di.parts.t,
    dialogue_h: di.parts.h,
    dialogue_v: di.parts.v,
    dialogue_f: di.parts.f,
  };

  const n: IndicatorN = {
    reply_share: output,
    megaphone_ratio: Math.max(1, c.ownerReplies),
    citizen_share: citizenItems + output,
    citizen_per_1000_followers: followers ?? 0,
    response_rate: c.questions,
    response_rate_ci_low: c.questions,
    response_rate_ci_high: c.questions,
    response_rate_all: c.branchTurns,
    timely_rate: c.questions,
    response_time_median_h: c.questionsAnswered,
    response_time_p90_h: c.questionsAnswered,
    response_time_office_median_h: c.questionsAnswered,
    two_way_share: c.postsWithCitizenComments,
    followup_rate: c.questionsAnswered,
    conversation_depth: c.depthBranches,
    dialogue_index: window.questions,
    // Helper counts (not ids): what wider scopes and the dialogue window are rebuilt from.
    followups: c.followups,
    branch_turns_answered: c.branchTurnsAnswered,
    depth_changes: c.depthChanges,
    followers: followers ?? 0,
    accounts: c.accounts,
    accounts_with_followers: c.accountsWithFollowers,
    window_questions: window.questions,
    window_owner_posts: window.ownerPosts,
    window_citizen_items: window.citizenItems,
  };
  if (followers !== null && c.accountsFollowersEstimated > 0) n.accounts_followers_estimated = c.accountsFollowersEstimated;
  for (const id of ['p1', 'p2', 'p3'] as const) n[id] = c.postsLikesKnown;
  for (const id of ['c1', 'c2', 'c3'] as const) n[id] = c.postsCommentsKnown;
  for (const id of ['v1', 'v2', 'v3'] as const) n[id] = c.sharePostsKnown;
  n.c2_citizen = posts;
  n.engagement = Math.min(c.postsLikesKnown, c.postsCommentsKnown, c.sharePostsKnown);
  if (c.postsEngagementLate > 0) {
    n.posts_engagement_late = c.postsEngagementLate;
    if (c.lateSnapshotMedianDays !== null) n.engagement_late_median_days = c.lateSnapshotMedianDays;
  }
  for (const id of INDICATOR_IDS) {
    const v = values[id];
    if (n[id] === undefined && typeof v === 'number' && Number.isInteger(v) && !id.startsWith('dialogue_')) n[id] = v;
  }

  if (followers === null) {
    for (const id of ['citizen_per_1000_followers', 'p3', 'c3', 'v3', 'engagement'] as const) flag(id, 'followers_unknown');
  } else if (c.accountsWithFollowers < c.accounts) {
    for (const id of ['citizen_per_1000_followers', 'p3', 'c3', 'v3', 'engagement'] as const) flag(id, 'followers_partial');
  }
  if (followers !== null && c.accountsFollowersEstimated > 0) {
    for (const id of ['citizen_per_1000_followers', 'p3', 'c3', 'v3', 'engagement', 'dialogue_index'] as const) {
      flag(id, 'followers_estimated');
    }
  }
  if (posts > 0 && c.sharePosts === 0) for (const id of ['v1', 'v2', 'v3'] as const) flag(id, 'no_shares_platform');
  // Residents' top-level posts unreadable on the platform (Bluesky): unknown, not 0, when every account of the
  // scope is such an account; a lower bound (the others' posts only) when some are.
  if (c.accountsCitizenPostsUnseen > 0) {
    const all = c.accountsCitizenPostsUnseen >= c.accounts;
    n.accounts_citizen_posts_unseen = c.accountsCitizenPostsUnseen;
    for (const id of CITIZEN_POSTS_IDS) {
      if (all) {
        values[id] = null;
        if (id === 'citizen_posts') delete n[id];
      }
      flag(id, all ? 'citizen_posts_unavailable' : 'citizen_posts_partial');
    }
  }
  // Counts measured more than 7 days after the post (first backfill), and posts left out for want of a count.
  const attention: Array<{ ids: readonly IndicatorId[]; known: number; of: number }> = [
    { ids: ['p1', 'p2', 'p3'], known: c.postsLikesKnown, of: posts },
    { ids: ['c1', 'c2', 'c3'], known: c.postsCommentsKnown, of: posts },
    { ids: ['v1', 'v2', 'v3'], known: c.sharePostsKnown, of: c.sharePosts },
  ];
  for (const a of attention) {
    if (a.known === 0) continue;
    for (const id of a.ids) {
      if (c.postsEngagementLate > 0) flag(id, 'engagement_late');
      if (a.known < a.of) flag(id, 'engagement_partial');
    }
  }
  if (values.engagement !== null) {
    if (c.postsEngagementLate > 0) flag('engagement', 'engagement_late');
    if (attention.some((a) => a.known < a.of)) flag('engagement', 'engagement_partial');
  }
  if (di.insufficientData) flag('dialogue_index', 'insufficient_data');
  // Items not classified yet count as no question: the week's question figures are lower bounds until they are.
  if (c.unclassifiedCitizenItems > 0) {
    n.unclassified_citizen_items = c.unclassifiedCitizenItems;
    for (const id of CLASSIFIED_IDS) flag(id, 'classification_pending');
  }
  if (c.citizenItemsUnplaced > 0) {
    n.citizen_items_unplaced = c.citizenItemsUnplaced;
    for (const id of TURN_IDS) flag(id, 'thread_incomplete');
  }
  return { values, n, flags };
}
