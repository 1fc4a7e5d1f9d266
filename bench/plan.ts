import { pathToFileURL } from 'node:url';

import { loadConfig } from '../config/env.js';
import { fixedClock } from '../src/clock.js';
import type { CollectContext, StreamState } from '../src/collectors/collector.js';
import { makeCollector } from '../src/collectors/make-collector.js';
import type { Account, Platform } from '../src/domain/records.js';
import { makeLogger } from '../src/logger.js';
import { makePseudonymiser } from '../src/privacy/pseudonymise.js';
import { DEFAULT_BUDGETS, planPolling, type PlanInput, type PlatformBudget } from '../src/schedule/plan.js';
import { startSimulator } from '../src/simulator/server.js';
import { generateWorld, type SimAccount, type SimPlatform, type World } from '../src/simulator/world.js';
import type { BenchResult } from './run.js';

/**
 * The national polling plan against each platform's documented limits (issue 24): all 357 municipalities' accounts
 * of a platform in the simulator, the cost of one poll measured by running the real collector twice against it (a
 * backfill, then the hourly incremental pass a scheduled run makes), the scheduler's plan from every account's
 * activity, and the plan's calls per day per account against the platform's budget per account.
 *
 * One row per platform in ROWS: a platform with a collector adds its row (its documented budget and how its
 * accounts are read), and its numbers appear in BENCHMARKS.md with the others.
 */

type Row = {
  platform: SimPlatform & Platform;
  /** The documented limit per account and 24 h the plan is held against. */
  budgetPerAccountPerDay: number;
  budgetSource: string;
  /** The token the collector reads an account with. */
  token: (a: SimAccount, world: World) => string;
};

export const ROWS: Row[] = [
  {
    platform: 'instagram',
    // BUC `instagram`: 4800 × impressions per 24 h (platform-apis.md §1.6, §4.3); an account with a single
    // impression a day is the floor.
    budgetPerAccountPerDay: 4800,
    budgetSource: 'BUC instagram 4800 × impressions / 24 h (floor: 1 impression)',
    token: (a) => a.token,
  },
  {
    platform: 'facebook',
    budgetPerAccountPerDay: 4800,
    budgetSource: 'BUC pages 4800 × engaged users / 24 h (floor: 1 engaged user)',
    token: (a) => a.token,
  },
];

const NOW = new Date('2026-11-30T12:00:00Z');
const SAMPLE = 40;
const HOUR = 3_600_000;

async function measureRow(row: Row): Promise<{ metrics: Record<string, number | string>; line: string }> {
  const world = generateWorld({
    seed: 7,
    municipalities: 357,
    start: new Date(NOW.getTime() - 35 * 86_400_000),
    end: new Date(NOW.getTime() + 86_400_000),
    platforms: [row.platform],
  });
  const clock = fixedClock(new Date(NOW.getTime() - HOUR));
  const sim = await startSimulator({ world, clock });
  const cfg = loadConfig({
    FACEBOOK_GRAPH_URL: sim.url,
    YOUTUBE_API_URL: sim.url,
    X_API_URL: sim.url,
    YOUTUBE_API_KEY: world.shared.youtubeKey,
    X_BEARER_TOKEN: world.shared.xBearer,
  });
  const log = makeLogger({ LOG_LEVEL: 'silent' });
  const pseudonymise = makePseudonymiser('bench-plan-secret-bench-plan-secret-0123');
  try {
    const accounts = world.accounts;
    const step = Math.max(1, Math.floor(accounts.length / SAMPLE));
    const sample = accounts.filter((_, i) => i % step === 0).slice(0, SAMPLE);
    const perPoll = new Map<string, number>();
    for (const a of sample) {
      const account: Account = {
        id: a.externalId,
        municipalityCode: a.municipalityCode,
        platform: row.platform,
        externalId: a.externalId,
        handle: a.handle,
        status: 'active',
        tokenEnv: null,
      };
      const states = new Map<string, StreamState>();
      const pass = async (): Promise<number> => {
        const c = makeCollector(account, row.token(a, world), {
          cfg,
          now: clock,
          log,
          pseudonymise,
          quotaRemaining: Number.POSITIVE_INFINITY,
        });
        for (const stream of c.streams) {
          const ctx: CollectContext = {
            account,
            responders: new Set(world.spec(a.externalId)?.responders ?? [a.externalId]),
            responderHandles: new Set([a.handle]),
            state: states.get(stream) ?? { watermark: null, cursor: null },
            since: null,
            now: clock(),
            log,
            storedPosts: async () => [],
          };
          for await (const b of c.collect(stream, ctx)) if (b.state) states.set(stream, b.state);
        }
        return c.usage().calls;
      };
      clock.set(new Date(NOW.getTime() - HOUR));
      await pass(); // the first backfill
      clock.set(NOW);
      perPoll.set(a.externalId, await pass()); // an hourly scheduled pass
    }
    const measured = [...perPoll.values()];
    const meanPerPoll = measured.reduce((s, n) => s + n, 0) / measured.length;
    // Activity per day over the last week, as the scheduler reads it from the store.
    const weekAgo = NOW.getTime() - 7 * 86_400_000;
    const input: PlanInput[] = accounts.map((a) => {
      const items = world
        .data(a.externalId, { cache: false })
        .items.filter((i) => i.createdAt > weekAgo && i.createdAt <= NOW.getTime()).length;
      return {
        accountId: a.externalId,
        platform: row.platform,
        activityPerDay: items / 7,
        unitsPerPoll: perPoll.get(a.externalId) ?? meanPerPoll,
      };
    });
    const budgets = DEFAULT_BUDGETS as Partial<Record<Platform, PlatformBudget>>;
    const plan = planPolling(input, budgets);
    const perDay = plan.accounts.map((p) => p.unitsPerDay).sort((x, y) => x - y);
    const max = perDay[perDay.length - 1] ?? 0;
    const median = perDay[Math.floor(perDay.length / 2)] ?? 0;
    const p = row.platform;
    const metrics: Record<string, number | string> = {
      [`${p}: accounts (357 municipalities)`]: accounts.length,
      [`${p}: calls per hourly poll, mean of ${sample.length} measured`]: Number(meanPerPoll.toFixed(2)),
      [`${p}: calls per poll, max measured`]: Math.max(...measured),
      [`${p}: planned calls/day, all accounts`]: Math.round(plan.platforms[p]?.unitsPerDay ?? 0),
      [`${p}: planned calls/day per account, median`]: Number(median.toFixed(1)),
      [`${p}: planned calls/day per account, max`]: Number(max.toFixed(1)),
      [`${p}: budget per account/day`]: row.budgetPerAccountPerDay,
      [`${p}: max share of the budget (%)`]: Number(((100 * max) / row.budgetPerAccountPerDay).toFixed(2)),
    };
    const line = `| ${p} | ${accounts.length} | ${meanPerPoll.toFixed(2)} | ${median.toFixed(1)} | ${max.toFixed(1)} | ${row.budgetPerAccountPerDay} (${row.budgetSource}) | ${((100 * max) / row.budgetPerAccountPerDay).toFixed(2)} % |`;
    return { metrics, line };
  } finally {
    await sim.close();
  }
}

export default async function bench(): Promise<BenchResult> {
  const metrics: Record<string, number | string> = {};
  const lines: string[] = [];
  for (const row of ROWS) {
    const r = await measureRow(row);
    Object.assign(metrics, r.metrics);
    lines.push(r.line);
  }
  return {
    name: 'National polling plan against platform limits (issue 24)',
    command: 'npm run bench -- plan',
    metrics,
    notes: [
      'Per platform: all accounts of the 357 municipalities in the simulator (seed 7); the cost of a poll measured by',
      'running the collector against it twice (a 28-day backfill, then the pass an hour later a scheduled run makes);',
      "the scheduler plan (src/schedule/plan.ts) from each account's activity over the last week; calls per day per",
      'account against the documented per-account budget. A platform with a collector adds its row to ROWS in bench/plan.ts.',
      '',
      '| platform | accounts | calls/poll (mean) | calls/day/account (median) | calls/day/account (max) | budget per account/day | max share |',
      '|---|---|---|---|---|---|---|',
      ...lines,
    ].join('\n'),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await bench(), null, 2));
}
