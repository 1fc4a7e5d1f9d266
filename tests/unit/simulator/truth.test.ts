import { describe, expect, test } from 'vitest';
import { accountTruth } from '../../../src/simulator/truth.js';
import { turnsOf } from '../../../src/simulator/truth-turns.js';
import { generateWorld, type AccountData, type AccountSpec, type SimItem } from '../../../src/simulator/world.js';

const PAGE = '100000000000001';
const H = 3_600_000;
// Sunday 2026-11-22 20:00 Oslo (UTC+1) = 19:00Z, in ISO week 2026-W47.
const T0 = Date.parse('2026-11-22T19:00:00Z');

let seq = 0;
function item(p: Partial<SimItem> & { id: string; createdAt: number }): SimItem {
  return {
    platform: 'facebook',
    accountId: PAGE,
    kind: 'comment',
    parentId: 'post',
    rootId: 'post',
    branchId: p.id,
    depth: 1,
    authorRole: 'citizen',
    authorId: 'kari',
    authorName: 'Kari',
    authorHandle: '',
    editedAt: null,
    deletedAt: null,
    hiddenAt: null,
    text: '',
    textBefore: null,
    needsAnswer: false,
    textKind: 'statement',
    lang: 'nb',
    postKind: null,
    title: null,
    likes: 0,
    shares: 0,
    views: 0,
    growthHours: 1,
    commentsDisabled: false,
    inReplyToUserId: null,
    seq: seq++,
    ...p,
  };
}

function data(items: SimItem[]): AccountData {
  items.sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  const byId = new Map(items.map((i) => [i.id, i]));
  const children = new Map<string, SimItem[]>();
  const threads = new Map<string, SimItem[]>();
  for (const i of items) {
    if (i.parentId) children.set(i.parentId, [...(children.get(i.parentId) ?? []), i]);
    threads.set(i.rootId, [...(threads.get(i.rootId) ?? []), i]);
  }
  return { spec: {} as AccountSpec, items, byId, children, threads };
}

const post = (): SimItem =>
  item({
    id: 'post',
    kind: 'post',
    parentId: null,
    branchId: 'post',
    depth: 0,
    authorRole: 'owner',
    authorId: PAGE,
    createdAt: T0 - 2 * H,
  });

describe('ground truth follows INDICATORS.md', () => {
  test('"Hei" / question / "?" by one resident is one question turn, answered by the next owner item', () => {
    const d = data([
      post(),
      item({ id: 'c1', createdAt: T0, text: 'Hei', textKind: 'greeting' }),
      item({ id: 'c2', parentId: 'c1', branchId: 'c1', depth: 2, createdAt: T0 + 60_000, text: 'når åpner bassenget', needsAnswer: true }),
      // Another resident in between does not end Kari's turn.
      item({
        id: 'c3',
        parentId: 'c1',
        branchId: 'c1',
        depth: 2,
        authorId: 'ola',
        createdAt: T0 + 2 * 60_000,
        text: 'Det står på nettsiden',
      }),
      item({ id: 'c4', parentId: 'c1', branchId: 'c1', depth: 2, createdAt: T0 + 3 * 60_000, text: '?', needsAnswer: true }),
      // Answered on Monday morning: counts in Sunday's week.
      item({ id: 'o1', parentId: 'c4', branchId: 'c1', depth: 2, authorRole: 'owner', authorId: PAGE, createdAt: T0 + 13 * H }),
      item({ id: 'c5', parentId: 'o1', branchId: 'c1', depth: 3, createdAt: T0 + 14 * H, text: 'Takk for svar!' }),
    ]);
    const turns = turnsOf(d, T0 + 30 * H);
    expect(turns.map((t) => [t.authorId, t.items.map((i) => i.id), t.isQuestion, t.answer?.id ?? null])).toEqual([
      ['kari', ['c1', 'c2', 'c4'], true, 'o1'],
      ['ola', ['c3'], false, 'o1'],
      ['kari', ['c5'], false, null],
    ]);
    const { weeks, items } = accountTruth(d, T0 + 30 * H, true);
    expect(weeks['2026-W47']).toMatchObject({
      ownerPosts: 1,
      ownerReplies: 0,
      citizenPosts: 0,
      citizenComments: 4,
      questions: 1,
      questionsAnswered: 1,
      responseTimesH: [13],
    });
    expect(weeks['2026-W48']).toMatchObject({ ownerReplies: 1, citizenComments: 1, questions: 0 });
    expect(items.find((i) => i.externalId === 'c4')).toMatchObject({
      turnExternalId: 'c1',
      answerExternalId: 'o1',
      answered: true,
      week: '2026-W47',
    });
  });

  test('an answer after more than 7 days exists but does not count as answered', () => {
    const d = data([
      post(),
      item({ id: 'q', createdAt: T0, needsAnswer: true }),
      item({ id: 'late', parentId: 'q', branchId: 'q', depth: 2, authorRole: 'owner', authorId: PAGE, createdAt: T0 + 7 * 24 * H + 1000 }),
    ]);
    const { weeks, items } = accountTruth(d, T0 + 30 * 24 * H, true);
    expect(weeks['2026-W47']).toMatchObject({ questions: 1, questionsAnswered: 0, responseTimesH: [] });
    expect(items.find((i) => i.externalId === 'q')).toMatchObject({ answerExternalId: 'late', answered: false });
  });

  test('answers are per branch, not visible before `now`, and a deleted question stays a question', () => {
    const d = data([
      post(),
      item({ id: 'q1', createdAt: T0, needsAnswer: true, deletedAt: T0 + H }),
      item({ id: 'q2', createdAt: T0 + 1000, authorId: 'ola', needsAnswer: true }),
      item({ id: 'a2', parentId: 'q2', branchId: 'q2', depth: 2, authorRole: 'owner', authorId: '100000000000002', createdAt: T0 + 2 * H }),
    ]);
    const before = accountTruth(d, T0 + H + 1, true);
    expect(before.weeks['2026-W47']).toMatchObject({ questions: 2, questionsAnswered: 0 });
    expect(before.items.find((i) => i.externalId === 'q1')?.deletedAt).toBe(new Date(T0 + H).toISOString());
    const after = accountTruth(d, T0 + 3 * H, false);
    // The second Page of the municipality (a responder) answers q2; q1 in its own branch stays unanswered.
    expect(after.weeks['2026-W47']).toMatchObject({ questions: 2, questionsAnswered: 1, responseTimesH: [2 - 1000 / H] });
  });

  test('a citizen post is its own branch: a visitor post and its replies form one turn until the Page answers', () => {
    const d = data([
      item({ id: 'v', kind: 'post', parentId: null, rootId: 'v', branchId: 'v', depth: 0, createdAt: T0, needsAnswer: true }),
      item({ id: 'v1', parentId: 'v', rootId: 'v', branchId: 'v', createdAt: T0 + 60_000 }),
      item({ id: 'va', parentId: 'v', rootId: 'v', branchId: 'v', authorRole: 'owner', authorId: PAGE, createdAt: T0 + 4 * H }),
    ]);
    const { weeks } = accountTruth(d, T0 + 5 * H, false);
    // The answer lands at Monday 00:00 Oslo: it counts in W48, the question (and its response time) in W47.
    expect(weeks['2026-W47']).toMatchObject({
      ownerPosts: 0,
      ownerReplies: 0,
      citizenPosts: 1,
      citizenComments: 1,
      questions: 1,
      questionsAnswered: 1,
      responseTimesH: [4],
    });
    expect(weeks['2026-W48']).toMatchObject({ ownerReplies: 1, questions: 0 });
  });
});

describe('ground truth of generated threads', () => {
  const world = generateWorld({
    seed: 7,
    municipalities: 4,
    start: new Date('2026-01-05T00:00:00Z'),
    end: new Date('2026-04-01T00:00:00Z'),
  });
  const now = Date.parse('2026-04-01T00:00:00Z');

  test('every answer is an owner item in the same branch, after the turn began; weekly counts add up', () => {
    for (const a of world.accounts) {
      const d = world.data(a.externalId);
      const responders = new Set(world.spec(a.externalId)?.responders);
      const { weeks, items } = accountTruth(d, now, true);
      let questions = 0;
      let answered = 0;
      for (const w of Object.values(weeks)) {
        questions += w.questions;
        answered += w.questionsAnswered;
        expect(w.responseTimesH.length).toBe(w.questionsAnswered);
        for (const h of w.responseTimesH) expect(h).toBeGreaterThan(0);
        for (const h of w.responseTimesH) expect(h).toBeLessThanOrEqual(7 * 24);
      }
      const firsts = items.filter((i) => i.turnExternalId === i.externalId && i.turnIsQuestion);
      expect(firsts.length).toBe(questions);
      expect(firsts.filter((i) => i.answered).length).toBe(answered);
      for (const q of firsts.filter((i) => i.answerExternalId)) {
        const ans = d.byId.get(q.answerExternalId ?? '');
        expect(ans && responders.has(ans.authorId)).toBe(true);
        expect(ans?.branchId).toBe(q.branchExternalId);
        expect(Date.parse(q.answeredAt ?? '')).toBeGreaterThan(Date.parse(q.createdAt));
      }
      for (const i of items) if (i.authorRole === 'owner') expect(responders.has(i.authorRawId)).toBe(true);
    }
  });

  test('a hand-picked generated multi-item turn is one question', () => {
    let found = false;
    for (const a of world.accounts) {
      const turns = turnsOf(world.data(a.externalId), now);
      const t = turns.find((x) => x.items.length >= 2 && x.items[0]?.textKind === 'greeting');
      if (!t) continue;
      found = true;
      expect(t.isQuestion).toBe(true);
      expect(new Set(t.items.map((i) => i.authorId)).size).toBe(1);
      expect(new Set(t.items.map((i) => i.branchId)).size).toBe(1);
      if (t.answer) for (const i of t.items) expect(t.answer.createdAt).toBeGreaterThan(i.createdAt);
    }
    expect(found).toBe(true);
  });
});

describe('ground truth follows the clarifications of version 1', () => {
  // 2026-W47 ends Monday 23 November 00:00 Oslo = 2026-11-22T23:00Z, four hours after T0.
  const M = 60_000;
  const D = 24 * H;
  const hiddenQuestion = () => data([post(), item({ id: 'q', createdAt: T0, needsAnswer: true, hiddenAt: T0 + H })]);

  test('a question hidden before its first collection is removed from its creation: open in no week', () => {
    const { weeks, items } = accountTruth(hiddenQuestion(), T0 + 30 * H, true, [T0 + 30 * H]);
    expect(weeks['2026-W47']).toMatchObject({ questions: 1, unansweredOpen: 0 });
    expect(items.find((i) => i.externalId === 'q')).toMatchObject({
      firstSeenAt: new Date(T0 + 30 * H).toISOString(),
      hiddenSeenAt: new Date(T0 + 30 * H).toISOString(),
      removedAt: new Date(T0).toISOString(),
    });
  });

  test('a question an earlier pass saw visible is open until the pass that saw it hidden', () => {
    const seenInWeek = accountTruth(hiddenQuestion(), T0 + 30 * H, true, [T0 + 10 * M, T0 + 2 * H, T0 + 30 * H]);
    expect(seenInWeek.weeks['2026-W47']).toMatchObject({ unansweredOpen: 0 });
    expect(seenInWeek.items.find((i) => i.externalId === 'q')?.removedAt).toBe(new Date(T0 + 2 * H).toISOString());
    const seenAfterWeek = accountTruth(hiddenQuestion(), T0 + 30 * H, true, [T0 + 10 * M, T0 + 30 * H]);
    expect(seenAfterWeek.weeks['2026-W47']).toMatchObject({ unansweredOpen: 1 });
  });

  test('engagement: the latest snapshot within 7 days, else the earliest later one (late), else unknown', () => {
    const d = () => data([{ ...post(), likes: 100, shares: 10, growthHours: 1 }, item({ id: 'c', createdAt: T0 })]);
    const backfill = accountTruth(d(), T0 + 40 * D, true, [T0 + 40 * D]);
    expect(backfill.weeks['2026-W47']).toMatchObject({
      postsLikesKnown: 1,
      likes: 100,
      postsCommentsKnown: 1,
      comments: 1,
      sharePostsKnown: 1,
      shares: 10,
      postsEngagementLate: 1,
      lateSnapshotDays: [40 + 2 / 24],
    });
    const live = accountTruth(d(), T0 + 40 * D, true, [T0 - H, T0 + 6 * D, T0 + 9 * D, T0 + 40 * D]);
    expect(live.weeks['2026-W47']).toMatchObject({
      postsLikesKnown: 1,
      likes: 100,
      comments: 1,
      postsEngagementLate: 0,
      lateSnapshotDays: [],
    });
    // A pass measures a post it has read before only while the post is at most SNAPSHOT_DAYS (8) old.
    expect(live.items.find((i) => i.externalId === 'post')?.snapshots.map((s) => s.capturedAt)).toEqual(
      [T0 - H, T0 + 6 * D].map((x) => new Date(x).toISOString()),
    );
    const never = accountTruth(d(), T0 + 40 * D, true, [T0 - 3 * H]);
    expect(never.weeks['2026-W47']).toMatchObject({ ownerPosts: 1, postsLikesKnown: 0, likes: 0 });
  });
});
