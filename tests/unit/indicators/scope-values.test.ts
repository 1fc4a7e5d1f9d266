import { describe, expect, test } from 'vitest';

import { INDICATOR_IDS } from '../../../src/indicators/definitions.js';
import { dialogueBand, dialogueIndex } from '../../../src/indicators/dialogue-index.js';
import { computeScopeValues, dialogueBase, emptyCounts, sumDialogueWindow } from '../../../src/indicators/scope-values.js';

describe('per-scope values', () => {
  test('an empty week: every id present, ratios null (never 0 or NaN), counts 0', () => {
    const c = emptyCounts();
    const r = computeScopeValues(c, sumDialogueWindow([dialogueBase(c)], null));
    expect(Object.keys(r.values).sort()).toEqual([...INDICATOR_IDS].sort());
    for (const id of [
      'reply_share',
      'citizen_share',
      'response_rate',
      'response_rate_ci_low',
      'response_rate_all',
      'timely_rate',
      'response_time_median_h',
      'two_way_share',
      'followup_rate',
      'conversation_depth',
      'p1',
      'p2',
      'c1',
      'c2_citizen',
      'v1',
      'engagement',
      'citizen_per_1000_followers',
      'dialogue_index',
    ] as const) {
      expect(r.values[id], id).toBeNull();
    }
    expect(r.values.owner_posts).toBe(0);
    expect(r.values.megaphone_ratio).toBe(0);
    for (const v of Object.values(r.values)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
    expect(r.flags.dialogue_index).toEqual(['insufficient_data']);
  });

  test('no followers known: per-follower values null and flagged, the rest computed', () => {
    const c = {
      ...emptyCounts(),
      ownerPosts: 4,
      ownerReplies: 1,
      citizenComments: 6,
      postsLikesKnown: 4,
      likes: 40,
      postsLiked: 3,
      postsCommentsKnown: 4,
      comments: 8,
      postsCommented: 2,
    };
    const r = computeScopeValues(c, sumDialogueWindow([dialogueBase(c)], null));
    expect(r.values.citizen_per_1000_followers).toBeNull();
    expect(r.values.p3).toBeNull();
    expect(r.values.engagement).toBeNull();
    expect(r.flags.p3).toEqual(['followers_unknown']);
    expect(r.values.p1).toBe(75);
    expect(r.values.p2).toBe(10);
    expect(r.values.c2).toBe(2);
    expect(r.values.reply_share).toBeCloseTo(0.2, 12);
    expect(r.values.megaphone_ratio).toBe(4);
    expect(r.values.citizen_share).toBeCloseTo(6 / 11, 12);
  });

  test('v1–v3 are null when the scope has no posts on a platform with shares (YouTube)', () => {
    const c = {
      ...emptyCounts(),
      ownerPosts: 2,
      postsLikesKnown: 2,
      likes: 10,
      postsLiked: 2,
      followers: 500,
      accounts: 1,
      accountsWithFollowers: 1,
    };
    const r = computeScopeValues(c, sumDialogueWindow([dialogueBase(c)], 500));
    expect(r.values.v1).toBeNull();
    expect(r.values.v3).toBeNull();
    expect(r.values.engagement).toBeNull();
    expect(r.values.p3).toBeCloseTo(10, 12); // 5 likes per post per 500 followers × 1000
    expect(r.flags.v1).toEqual(['no_shares_platform']);
  });

  test('citizen_posts on Bluesky is unknown, not 0: null and flagged when every account is there, a flagged lower bound when some are', () => {
    const only = {
      ...emptyCounts(),
      ownerPosts: 3,
      citizenComments: 5,
      accounts: 1,
      accountsCitizenPostsUnseen: 1,
      followers: 400,
      accountsWithFollowers: 1,
    };
    const a = computeScopeValues(only, sumDialogueWindow([dialogueBase(only)], 400));
    for (const id of ['citizen_posts', 'citizen_share', 'citizen_per_1000_followers'] as const) {
      expect(a.values[id], id).toBeNull();
      expect(a.flags[id], id).toEqual(['citizen_posts_unavailable']);
    }
    expect(a.n.citizen_posts).toBeUndefined();
    expect(a.values.citizen_comments).toBe(5);
    const mixed = { ...only, citizenPosts: 2, accounts: 2, accountsWithFollowers: 2 };
    const m = computeScopeValues(mixed, sumDialogueWindow([dialogueBase(mixed)], 400));
    expect(m.values.citizen_posts).toBe(2);
    expect(m.values.citizen_share).toBeCloseTo(7 / 10, 12);
    expect(m.flags.citizen_posts).toEqual(['citizen_posts_partial']);
    expect(m.flags.citizen_share).toEqual(['citizen_posts_partial']);
    const none = computeScopeValues({ ...mixed, accountsCitizenPostsUnseen: 0 }, sumDialogueWindow([dialogueBase(mixed)], 400));
    expect(none.flags.citizen_posts).toBeUndefined();
  });

  test('engagement of posts measured late is used and flagged; posts never measured are left out, not counted as 0', () => {
    // 3 Facebook posts: two measured only 40 and 44 days after them (a first backfill), one never measured.
    const c = {
      ...emptyCounts(),
      ownerPosts: 3,
      postsLikesKnown: 2,
      postsLiked: 2,
      likes: 30,
      postsCommentsKnown: 2,
      postsCommented: 1,
      comments: 4,
      sharePosts: 3,
      sharePostsKnown: 2,
      postsShared: 1,
      shares: 2,
      postsEngagementLate: 2,
      lateSnapshotMedianDays: 42,
      followers: 1000,
      accounts: 1,
      accountsWithFollowers: 1,
    };
    const r = computeScopeValues(c, sumDialogueWindow([dialogueBase(c)], 1000));
    expect(r.values.p1).toBe(100);
    expect(r.values.p2).toBe(15);
    expect(r.values.c1).toBe(50);
    expect(r.values.v2).toBe(1);
    expect(r.values.engagement).toBeCloseTo(15 + 2 + 1, 12);
    for (const id of ['p1', 'p3', 'c2', 'v1', 'engagement'] as const) {
      expect(r.flags[id], id).toEqual(['engagement_late', 'engagement_partial']);
    }
    expect(r.n.p1).toBe(2);
    expect(r.n.posts_engagement_late).toBe(2);
    expect(r.n.engagement_late_median_days).toBe(42);
  });

  test('no post of the week measured at all: attention values null, not 0', () => {
    const c = { ...emptyCounts(), ownerPosts: 3, sharePosts: 3, followers: 1000, accounts: 1, accountsWithFollowers: 1 };
    const r = computeScopeValues(c, sumDialogueWindow([dialogueBase(c)], 1000));
    for (const id of ['p1', 'p2', 'p3', 'c1', 'c2', 'c3', 'v1', 'v2', 'v3', 'engagement'] as const) {
      expect(r.values[id], id).toBeNull();
      expect(r.flags[id], id).toBeUndefined();
    }
    expect(r.n.p1).toBe(0);
  });

  test('response rate with its Wilson interval and n', () => {
    const c = { ...emptyCounts(), questions: 20, questionsAnswered: 12, timelyAnswered: 6 };
    const r = computeScopeValues(c, sumDialogueWindow([dialogueBase(c)], null));
    expect(r.values.response_rate).toBe(0.6);
    expect(r.values.timely_rate).toBe(0.3);
    expect(r.values.response_rate_ci_low).toBeCloseTo(0.3866, 3);
    expect(r.n.response_rate).toBe(20);
  });
});

describe('dialogue index', () => {
  const base = {
    questions: 10,
    questionsAnswered: 8,
    timelyAnswered: 5,
    ownerPosts: 4,
    ownerReplies: 4,
    citizenItems: 20,
    followups: 2,
    followers: 1000,
  };

  test('weights, H cap and V goalpost (version 1)', () => {
    const di = dialogueIndex(base);
    const v = Math.log(1 + 20) / Math.log(21); // x = 20 per 1,000 followers = the goalpost
    expect(di.parts).toEqual({ r: 0.8, t: 0.5, h: 1, v, f: 0.25 });
    expect(di.index).toBeCloseTo(100 * (0.4 * 0.8 + 0.2 * 0.5 + 0.15 * 1 + 0.15 * 1 + 0.1 * 0.25), 10);
    expect(di.band).toBe('samtalepartner');
  });

  test('null with insufficient_data below 10 questions, below 4 posts, or without followers', () => {
    expect(dialogueIndex({ ...base, questions: 9 }).index).toBeNull();
    expect(dialogueIndex({ ...base, ownerPosts: 3 }).insufficientData).toBe(true);
    expect(dialogueIndex({ ...base, followers: null }).index).toBeNull();
    expect(dialogueIndex({ ...base, followers: 0 }).index).toBeNull();
  });

  test('F is 0 when nothing was answered; bands at 25/50/75', () => {
    expect(dialogueIndex({ ...base, questionsAnswered: 0, timelyAnswered: 0, followups: 0 }).parts.f).toBe(0);
    expect([0, 24.99, 25, 49.9, 50, 74.9, 75, 100].map(dialogueBand)).toEqual([
      'megafon',
      'megafon',
      'oppslagstavle',
      'oppslagstavle',
      'samtalepartner',
      'samtalepartner',
      'høreapparat',
      'høreapparat',
    ]);
  });

  test('the window sums four weeks and takes followers at its end', () => {
    const w = sumDialogueWindow(
      [
        { ...base, followers: 1 },
        { ...base, followers: 2 },
      ],
      1234,
    );
    expect(w.questions).toBe(20);
    expect(w.followers).toBe(1234);
  });
});
