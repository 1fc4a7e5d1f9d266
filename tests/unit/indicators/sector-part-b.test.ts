import { describe, expect, test } from 'vitest';

import { yearWeeks } from '../../../src/indicators/annual-summary.js';
import { meanOf, postKindScopes } from '../../../src/indicators/post-kind-figures.js';
import { sameWeekLastYear } from '../../../src/indicators/size-band-trends.js';
import type { PostKindCountRow } from '../../../src/store/post-kind-weeks.js';

const row = (code: string, kind: string, posts: number, comments: number[], questions = 0, answered = 0): PostKindCountRow => ({
  accountId: code,
  municipalityCode: code,
  platform: 'facebook',
  week: '2026-W47',
  kind,
  posts,
  postsCommented: comments.filter((c) => c > 0).length,
  citizenComments: comments.reduce((a, b) => a + b, 0),
  commentsSq: comments.reduce((a, b) => a + b * b, 0),
  questions,
  questionsSq: questions * questions,
  questionsAnswered: answered,
});

describe('per-post means', () => {
  test('mean ± 1.96 · s/√n from the sum and sum of squares, floored at 0; no interval below 2 posts', () => {
    // Counts 0, 0, 6: mean 2, s² = (36 − 3·4)/2 = 12, half = 1.96·√(12/3) = 3.92.
    const m = meanOf(6, 36, 3);
    expect(m.value).toBe(2);
    expect(m.low).toBe(0);
    expect(m.high).toBeCloseTo(2 + 3.92, 12);
    expect(meanOf(4, 16, 1)).toEqual({ value: 4, n: 1, low: null, high: null });
    expect(meanOf(0, 0, 0)).toEqual({ value: null, n: 0, low: null, high: null });
  });
});

describe('post-kind scopes', () => {
  const munis = ['1111', '1112', '1114', '1133', '0301'].map((code) => ({
    code,
    name: code,
    population: code === '0301' ? 700_000 : 3000,
  }));
  const rows = [...munis.map((m) => row(m.code, 'smalltalk', 2, [4, 2], 0)), row('0301', 'service_info', 3, [1, 0, 0], 6, 3)];

  test('wider scopes sum the municipalities: never a mean of means', () => {
    const s = postKindScopes(rows, munis, { suppressed: false, show: () => true });
    const small = s.sector.kinds.find((k) => k.kind === 'smalltalk');
    expect(small?.posts).toBe(10);
    expect(small?.commentsPerPost.value).toBe(3);
    expect(small?.share).toMatchObject({ value: 10 / 13, n: 13 });
    expect(s.sector.kinds.find((k) => k.kind === 'service_info')?.responseRate).toMatchObject({ value: 0.5, n: 6 });
  });

  test('suppressed view: a band under 5 municipalities is hidden; a municipality’s rate under 5 questions, except its own', () => {
    const s = postKindScopes(rows, munis, { suppressed: true, show: () => true, ownCode: '1111' });
    const small = s.bands.find((b) => b.id === 'small');
    expect(small?.municipalities).toBe(4);
    expect(small?.kinds.every((k) => k.suppressed.includes('posts') && k.commentsPerPost.value === null)).toBe(true);
    expect(s.sector.kinds.find((k) => k.kind === 'smalltalk')?.commentsPerPost.value).toBe(3);
    const oslo = s.municipalities.find((m) => m.id === '0301');
    expect(oslo?.kinds.find((k) => k.kind === 'service_info')?.suppressed).toEqual([]);
    expect(oslo?.kinds.find((k) => k.kind === 'smalltalk')?.suppressed).toEqual(['responseRate']);
    expect(s.municipalities.find((m) => m.id === '1111')?.kinds.find((k) => k.kind === 'smalltalk')?.suppressed).toEqual([]);
  });
});

describe('ISO weeks', () => {
  test('the same ISO week a year earlier; week 53 has none when the year before had 52', () => {
    expect(sameWeekLastYear('2026-W47')).toBe('2025-W47');
    expect(sameWeekLastYear('2026-W53')).toBeNull();
    expect(sameWeekLastYear('2020-W53')).toBeNull();
    expect(sameWeekLastYear('2027-W52')).toBe('2026-W52');
    expect(sameWeekLastYear('2026-W01')).toBe('2025-W01');
  });

  test('a year’s weeks end at the last complete week while it runs; a year not begun has none', () => {
    expect(yearWeeks(2026, '2026-W47')).toEqual({ from: '2026-W01', to: '2026-W47', complete: false });
    expect(yearWeeks(2026, '2027-W02')).toEqual({ from: '2026-W01', to: '2026-W53', complete: true });
    expect(yearWeeks(2025, '2026-W47')).toEqual({ from: '2025-W01', to: '2025-W52', complete: true });
    expect(yearWeeks(2027, '2026-W47')).toBeNull();
  });
});
