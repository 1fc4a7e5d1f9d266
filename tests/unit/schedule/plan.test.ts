import { describe, expect, test } from 'vitest';

import { COLLECTED_PLATFORMS } from '../../../src/collectors/registry.js';
import { DEFAULT_BUDGETS, isDue, planPolling, slotFor, type PlanInput } from '../../../src/schedule/plan.js';

/** 357 YouTube channels with a realistic skew: most municipal channels post a video a month and get few comments. */
function youtubeChannels(activeShare: number): PlanInput[] {
  return Array.from({ length: 357 }, (_, i) => {
    const r = (i * 7919) % 357;
    const activity = r < 357 * activeShare ? 3 + (r % 5) : r < 357 * (activeShare + 0.25) ? 0.3 : 0.02;
    return { accountId: String(i + 1), platform: 'youtube', activityPerDay: activity, unitsPerPoll: null };
  });
}

describe('planPolling', () => {
  test('357 YouTube channels stay under 10,000 units/day while active channels are polled at least hourly', () => {
    const plan = planPolling(youtubeChannels(0.15));
    const yt = plan.platforms.youtube;
    expect(yt).toBeDefined();
    expect(yt!.unitsPerDay).toBeLessThanOrEqual(10_000 * DEFAULT_BUDGETS.youtube.planShare);
    const active = plan.accounts.filter((a) => a.tier === 'active');
    expect(active.length).toBeGreaterThanOrEqual(50);
    for (const a of active) expect(a.intervalMin).toBeLessThanOrEqual(60);
    expect(yt!.activeSlowed).toBe(false);
    // Quiet channels absorb the squeeze but are still polled at least daily.
    for (const a of plan.accounts) expect(a.intervalMin).toBeLessThanOrEqual(24 * 60);
    const sum = plan.accounts.reduce((s, a) => s + a.unitsPerDay, 0);
    expect(sum).toBeCloseTo(yt!.unitsPerDay, 6);
  });

  test('when too many channels are active for hourly polling, the budget still holds and the plan says so', () => {
    const plan = planPolling(youtubeChannels(0.6));
    expect(plan.platforms.youtube!.unitsPerDay).toBeLessThanOrEqual(10_000 * 0.9 + 1e-6);
    expect(plan.platforms.youtube!.activeSlowed).toBe(true);
  });

  test('uses the measured cost per poll when there is one', () => {
    const cheap = planPolling([{ accountId: '1', platform: 'youtube', activityPerDay: 5, unitsPerPoll: 2 }]);
    const dear = planPolling([{ accountId: '1', platform: 'youtube', activityPerDay: 5, unitsPerPoll: 6 }]);
    expect(dear.platforms.youtube!.unitsPerDay).toBe(3 * cheap.platforms.youtube!.unitsPerDay);
  });

  test('platforms without a daily budget keep activity-based intervals', () => {
    const plan = planPolling([
      { accountId: '1', platform: 'facebook', activityPerDay: 40, unitsPerPoll: null },
      { accountId: '2', platform: 'facebook', activityPerDay: 0.5, unitsPerPoll: null },
      { accountId: '3', platform: 'x', activityPerDay: 0, unitsPerPoll: null },
    ]);
    expect(plan.accounts.map((a) => [a.accountId, a.tier, a.intervalMin])).toEqual([
      ['1', 'active', 60],
      ['2', 'moderate', 180],
      ['3', 'quiet', 720],
    ]);
  });
});

describe('every collected platform is in the plan (issue 24)', () => {
  test('each platform with a collector has its budget entry', () => {
    for (const p of COLLECTED_PLATFORMS) expect(Object.keys(DEFAULT_BUDGETS), p).toContain(p);
  });
  test('Instagram accounts are planned by activity like Pages (per-account BUC limits, no shared daily pool)', () => {
    const plan = planPolling([
      { accountId: '1', platform: 'instagram', activityPerDay: 12, unitsPerPoll: null },
      { accountId: '2', platform: 'instagram', activityPerDay: 0.3, unitsPerPoll: null },
      { accountId: '3', platform: 'instagram', activityPerDay: 0, unitsPerPoll: 2 },
    ]);
    expect(plan.accounts.map((a) => [a.accountId, a.platform, a.tier, a.intervalMin])).toEqual([
      ['1', 'instagram', 'active', 60],
      ['2', 'instagram', 'moderate', 180],
      ['3', 'instagram', 'quiet', 720],
    ]);
    // Two calls a poll (profile + the media listing with comments folded in), hourly at most: far below 4800 a day.
    expect(plan.accounts[0]?.unitsPerDay).toBe(48);
    expect(plan.platforms.instagram).toMatchObject({ budget: null, activeSlowed: false });
  });
});

describe('slots', () => {
  test('two schedulers at different seconds of the same slot compute the same slot', () => {
    expect(slotFor(new Date('2026-11-29T10:59:59Z'), 60)).toBe('2026-11-29T10:00');
    expect(slotFor(new Date('2026-11-29T10:00:01Z'), 60)).toBe('2026-11-29T10:00');
    expect(slotFor(new Date('2026-11-29T10:14:00Z'), 15)).toBe('2026-11-29T10:00');
  });

  test('an account is due once per slot', () => {
    const now = new Date('2026-11-29T10:30:00Z');
    expect(isDue(now, 60, null)).toBe(true);
    expect(isDue(now, 60, new Date('2026-11-29T09:59:00Z'))).toBe(true);
    expect(isDue(now, 60, new Date('2026-11-29T10:01:00Z'))).toBe(false);
  });
});
