import type { Platform } from '../domain/records.js';

/**
 * Polling plan: how often each account is collected. Pure: (accounts, budgets) → intervals.
 *
 * Intervals start from the account's activity (active accounts hourly or faster, quiet ones a few times a day)
 * and are then stretched, quietest first, until each platform's daily budget holds. The reasoning and the
 * numbers are in docs/scheduling.md.
 */
export type PlatformBudget = {
  /** Units per day all accounts of the platform may spend together; null = no daily budget. */
  unitsPerDay: number | null;
  /** Share of unitsPerDay the plan may use; the rest is headroom for backfills and alerts' re-reads. */
  planShare: number;
  /** Units one poll costs when nothing has been measured yet. */
  defaultUnitsPerPoll: number;
  /** Fastest and slowest intervals (minutes). */
  minIntervalMin: number;
  maxIntervalMin: number;
};

export const DEFAULT_BUDGETS = {
  // YouTube: 10,000 units/day per project shared by all channels; a poll is playlistItems (1) + videos.list (1)
  // + commentThreads (1 per 100 threads), ≈ 3 units; channels.list (1) once a day for subscribers.
  youtube: { unitsPerDay: 10_000, planShare: 0.9, defaultUnitsPerPoll: 3, minIntervalMin: 30, maxIntervalMin: 24 * 60 },
  // Graph: per-Page Business Use Case limits are far above a few calls per poll; throttled on usage headers.
  facebook: { unitsPerDay: null, planShare: 1, defaultUnitsPerPoll: 3, minIntervalMin: 15, maxIntervalMin: 12 * 60 },
  // X: reads are priced per post; the plan keeps quiet accounts rare and honours x-rate-limit-* at run time.
  x: { unitsPerDay: null, planShare: 1, defaultUnitsPerPoll: 3, minIntervalMin: 15, maxIntervalMin: 12 * 60 },
  // Instagram: the `instagram` Business Use Case, 4800 × impressions per 24 h per account (no shared daily pool); a
  // poll is the profile (1) + the media listing with each medium's first comments folded in (1 per 50 media) + a
  // comment call only for a thread longer than a page: ≈ 2–3 calls. Throttled on the BUC usage header at run time.
  instagram: { unitsPerDay: null, planShare: 1, defaultUnitsPerPoll: 2, minIntervalMin: 15, maxIntervalMin: 12 * 60 },
  // Bluesky: the public AppView's limits are undisclosed ("generous"); the documented PDS figure, 3,000 calls per
  // 5 minutes per IP (864,000 a day), stands in, half of it for the plan. A poll is getProfile + getAuthorFeed
  // (1 page) + one getPostThread per thread with replies in the last 14 days, ≈ 5 calls (BENCHMARKS.md).
  bluesky: { unitsPerDay: 864_000, planShare: 0.5, defaultUnitsPerPoll: 5, minIntervalMin: 15, maxIntervalMin: 12 * 60 },
} as const satisfies Partial<Record<Platform, PlatformBudget>>;

export type PlanInput = {
  accountId: string;
  platform: Platform;
  /** Items per day over the last week. */
  activityPerDay: number;
  /** Measured units per poll, or null to use the platform default. */
  unitsPerPoll: number | null;
};

export type PlannedAccount = {
  accountId: string;
  platform: Platform;
  tier: 'active' | 'moderate' | 'quiet';
  intervalMin: number;
  unitsPerDay: number;
};

export type Plan = {
  accounts: PlannedAccount[];
  /** Per platform: planned units/day, budget, and whether active accounts had to be slowed below hourly. */
  platforms: Partial<Record<Platform, { unitsPerDay: number; budget: number | null; activeSlowed: boolean }>>;
};

/** Activity tiers (items/day) and their starting intervals (minutes). */
export const TIERS = [
  { tier: 'active', minActivity: 1, intervalMin: 60 },
  { tier: 'moderate', minActivity: 1 / 7, intervalMin: 180 },
  { tier: 'quiet', minActivity: 0, intervalMin: 720 },
] as const;

const tierOf = (activity: number) => TIERS.find((t) => activity >= t.minActivity) ?? TIERS[TIERS.length - 1]!;

export function planPolling(input: readonly PlanInput[], budgets: Partial<Record<Platform, PlatformBudget>> = DEFAULT_BUDGETS): Plan {
  const out: PlannedAccount[] = [];
  const platforms: Plan['platforms'] = {};
  const byPlatform = new Map<Platform, PlanInput[]>();
  for (const a of input) byPlatform.set(a.platform, [...(byPlatform.get(a.platform) ?? []), a]);

  for (const [platform, accounts] of byPlatform) {
    const b: PlatformBudget = budgets[platform] ?? {
      unitsPerDay: null,
      planShare: 1,
      defaultUnitsPerPoll: 1,
      minIntervalMin: 15,
      maxIntervalMin: 720,
    };
    const cost = (a: PlanInput) => a.unitsPerPoll ?? b.defaultUnitsPerPoll;
    const planned = accounts.map((a) => {
      const t = tierOf(a.activityPerDay);
      return { input: a, tier: t.tier, intervalMin: Math.min(b.maxIntervalMin, Math.max(b.minIntervalMin, t.intervalMin)) };
    });
    const units = () => planned.reduce((s, p) => s + (cost(p.input) * 1440) / p.intervalMin, 0);
    let activeSlowed = false;
    if (b.unitsPerDay !== null) {
      const budget = b.unitsPerDay * b.planShare;
      // Stretch the quietest tiers first, up to the slowest interval; touch active accounts only as a last resort.
      for (const tier of ['quiet', 'moderate', 'active'] as const) {
        const group = planned.filter((p) => p.tier === tier);
        if (group.length === 0 || units() <= budget) continue;
        const others = units() - group.reduce((s, p) => s + (cost(p.input) * 1440) / p.intervalMin, 0);
        const groupCostPerDayAt1Min = group.reduce((s, p) => s + cost(p.input) * 1440, 0);
        const needed = Math.ceil(groupCostPerDayAt1Min / Math.max(1e-9, budget - others));
        const interval = Math.min(b.maxIntervalMin, Math.max(needed, ...group.map((p) => p.intervalMin)));
        for (const p of group) p.intervalMin = interval;
        if (tier === 'active' && interval > 60) activeSlowed = true;
      }
    }
    for (const p of planned) {
      out.push({
        accountId: p.input.accountId,
        platform,
        tier: p.tier,
        intervalMin: p.intervalMin,
        unitsPerDay: (cost(p.input) * 1440) / p.intervalMin,
      });
    }
    platforms[platform] = { unitsPerDay: units(), budget: b.unitsPerDay, activeSlowed };
  }
  return { accounts: out, platforms };
}

/**
 * The slot an account's poll falls in at `now`: `now` floored to the account's interval (from the Unix epoch),
 * as an ISO minute. Two schedulers looking at the same clock compute the same slot.
 */
export function slotFor(now: Date, intervalMin: number): string {
  const ms = intervalMin * 60_000;
  return new Date(Math.floor(now.getTime() / ms) * ms).toISOString().slice(0, 16);
}

/** Due when never collected, or when the last success is at least one interval before this slot's start. */
export function isDue(now: Date, intervalMin: number, lastSuccessAt: Date | null): boolean {
  if (!lastSuccessAt) return true;
  const slotStart = new Date(slotFor(now, intervalMin) + ':00Z').getTime();
  return lastSuccessAt.getTime() < slotStart;
}
