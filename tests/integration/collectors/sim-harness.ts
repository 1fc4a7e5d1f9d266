import { storedUri } from '../../../src/collectors/bluesky/uri.js';
import { fixedClock } from '../../../src/clock.js';
import { loadConfig } from '../../../config/env.js';
import { collectAccount, type CollectDeps, type CollectSummary } from '../../../src/jobs/collect-account.js';
import { makeLogger } from '../../../src/logger.js';
import { makePseudonymiser } from '../../../src/privacy/pseudonymise.js';
import { makeTokenCipher } from '../../../src/privacy/token-cipher.js';
import { upsertAccounts } from '../../../src/store/accounts.js';
import type { Account } from '../../../src/domain/records.js';
import { startSimulator, type Simulator } from '../../../src/simulator/server.js';
import { simulatedRegistrations } from '../../../src/simulator/registrations.js';
import { groundTruth, type GroundTruth, type TruthItem } from '../../../src/simulator/truth.js';
import { generateWorld, type World } from '../../../src/simulator/world.js';
import { urlWithSchema, useTestDb } from '../../helpers/test-db.js';

export const SECRET = 'sim-acceptance-secret-sim-acceptance-secret';

export type Harness = {
  world: World;
  sim: Simulator;
  db: Awaited<ReturnType<typeof useTestDb>>;
  clock: ReturnType<typeof fixedClock>;
  deps: CollectDeps;
  accounts: Account[];
  byExternal: Map<string, Account>;
  waits: number[];
  close(): Promise<void>;
};

/**
 * A simulator world, its server on a free port, a fresh database with every simulated account registered
 * (Page tokens for Facebook; the deployment-wide key and bearer for YouTube and X) and collect deps.
 */
export async function startHarness(opts: {
  seed: number;
  municipalities: number;
  start: Date;
  end: Date;
  now: Date;
  platforms?: Array<'facebook' | 'youtube' | 'x' | 'instagram' | 'bluesky'>;
  youtubeQuota?: number;
  dailyQuota?: number;
  blueskyShare?: number;
}): Promise<Harness> {
  const world = generateWorld({
    seed: opts.seed,
    municipalities: opts.municipalities,
    start: opts.start,
    end: opts.end,
    ...(opts.platforms ? { platforms: opts.platforms } : {}),
    ...(opts.blueskyShare !== undefined ? { blueskyShare: opts.blueskyShare } : {}),
  });
  const clock = fixedClock(opts.now);
  const sim = await startSimulator({ world, port: 0, clock, ...(opts.youtubeQuota ? { youtubeQuota: opts.youtubeQuota } : {}) });
  const db = await useTestDb();
  const cipher = makeTokenCipher(SECRET);
  const registered = await upsertAccounts(db.db, cipher, simulatedRegistrations(world), clock());
  const accounts = registered.map(({ created: _c, ...a }) => a);
  const waits: number[] = [];
  const deps: CollectDeps = {
    db: db.db,
    log: makeLogger({ LOG_LEVEL: 'silent' }),
    clock,
    pseudonymise: makePseudonymiser(SECRET),
    cipher,
    cfg: loadConfig({
      FACEBOOK_GRAPH_URL: sim.url,
      YOUTUBE_API_URL: sim.url,
      X_API_URL: sim.url,
      BLUESKY_API_URL: sim.url,
      YOUTUBE_API_KEY: world.shared.youtubeKey,
      X_BEARER_TOKEN: world.shared.xBearer,
      ...(opts.dailyQuota ? { LYTTEPOST_YOUTUBE_DAILY_QUOTA: String(opts.dailyQuota) } : {}),
    }),
    // Simulated time: a wait is recorded and moves the shared clock (the simulator's too) instead of sleeping,
    // and the x-rate-limit-reset epoch is read against that clock.
    http: {
      sleep: async (ms) => {
        waits.push(ms);
        clock.advance(ms);
      },
      nowMs: () => clock().getTime(),
      baseDelayMs: 10,
      timeoutMs: 2000,
    },
  };
  return {
    world,
    sim,
    db,
    clock,
    deps,
    accounts,
    byExternal: new Map(accounts.map((a) => [a.externalId, a])),
    waits,
    async close() {
      await sim.close();
      await db.drop();
    },
  };
}

export async function syncAll(
  h: Harness,
  slot: string,
  since?: Date,
  only?: (a: Account) => boolean,
): Promise<Map<string, CollectSummary>> {
  const out = new Map<string, CollectSummary>();
  for (const a of h.accounts.filter(only ?? (() => true))) {
    out.set(a.externalId, await collectAccount({ accountId: a.id, slot, ...(since ? { since } : {}) }, h.deps));
  }
  return out;
}

type StoredItem = {
  external_id: string;
  account_id: number;
  kind: string;
  parent_external_id: string | null;
  root_external_id: string;
  branch_external_id: string | null;
  author_role: string;
  author_key: string;
  created_at: Date;
  deleted_at: Date | null;
  hidden_at: Date | null;
  text: string | null;
};

export async function storedItems(h: Harness): Promise<StoredItem[]> {
  return (
    await h.db.db.query<StoredItem>(
      `select external_id, account_id, kind, parent_external_id, root_external_id, branch_external_id, author_role,
              author_key, created_at, deleted_at, hidden_at, text from items order by created_at, external_id`,
    )
  ).rows;
}

/**
 * Differences between the store and the simulator's ground truth at `now`, for items a collector could have
 * seen: visible at one of the sync times `seenAt` (an item created and deleted between two syncs never was).
 */
export async function diffWithTruth(
  h: Harness,
  seenAt: readonly Date[],
  platforms?: readonly string[],
): Promise<{ truth: GroundTruth; expected: TruthItem[]; problems: string[] }> {
  const now = h.clock();
  const truth = groundTruth(h.world, { now });
  const pseudo = makePseudonymiser(SECRET);
  const wasVisible = (t: TruthItem) =>
    seenAt.some((s) => Date.parse(t.createdAt) <= s.getTime() && (t.deletedAt === null || Date.parse(t.deletedAt) > s.getTime()));
  const expected = truth.items.filter((t) => (!platforms || platforms.includes(t.platform)) && wasVisible(t));
  const stored = new Map((await storedItems(h)).map((s) => [s.external_id, s]));
  const problems: string[] = [];
  const want = new Set<string>();
  // Bluesky: a resident's post is stored under its AT-URI with their DID pseudonymised (so are parent and root).
  const bskyAccounts = new Set(h.world.accounts.filter((a) => a.platform === 'bluesky').map((a) => a.externalId));
  const sid = (t: TruthItem, id: string | null): string | null =>
    id === null || t.platform !== 'bluesky'
      ? id
      : storedUri(
          id,
          (d) => bskyAccounts.has(d),
          (d) => pseudo('bluesky', d),
        );
  for (const truthItem of expected) {
    const t =
      truthItem.platform === 'bluesky'
        ? {
            ...truthItem,
            externalId: sid(truthItem, truthItem.externalId) ?? '',
            parentExternalId: sid(truthItem, truthItem.parentExternalId),
            rootExternalId: sid(truthItem, truthItem.rootExternalId) ?? '',
            branchExternalId: sid(truthItem, truthItem.branchExternalId) ?? '',
          }
        : truthItem;
    want.add(t.externalId);
    const s = stored.get(t.externalId);
    const where = `${t.platform} ${t.kind} ${t.externalId}`;
    if (!s) {
      problems.push(`${where}: missing`);
      continue;
    }
    const acc = h.byExternal.get(t.accountExternalId);
    const expectKey = t.authorRole === 'owner' ? t.authorRawId : pseudo(t.platform, t.authorRawId);
    const checks: Array<[string, unknown, unknown]> = [
      ['account', String(s.account_id), acc?.id],
      ['kind', s.kind, t.kind],
      ['parent', s.parent_external_id, t.parentExternalId],
      ['root', s.root_external_id, t.rootExternalId],
      ['branch', s.branch_external_id, t.kind === 'post' ? null : t.branchExternalId],
      ['role', s.author_role, t.authorRole],
      ['author_key', s.author_key, expectKey],
      ['created_at', s.created_at.toISOString(), new Date(t.createdAt).toISOString()],
      ['deleted', s.deleted_at !== null, t.deletedAt !== null && Date.parse(t.deletedAt) <= now.getTime()],
    ];
    if (t.platform === 'facebook' || t.platform === 'instagram' || t.platform === 'bluesky')
      checks.push(['hidden', s.hidden_at !== null, t.hiddenAt !== null && Date.parse(t.hiddenAt) <= now.getTime()]);
    for (const [name, got, exp] of checks) if (got !== exp) problems.push(`${where}: ${name} is ${String(got)}, expected ${String(exp)}`);
  }
  for (const s of stored.values()) {
    const platform = h.accounts.find((a) => Number(a.id) === s.account_id)?.platform;
    if (!want.has(s.external_id) && (!platforms || (platform && platforms.includes(platform))))
      problems.push(`${platform} ${s.kind} ${s.external_id}: stored but not in the ground truth`);
  }
  return { truth, expected, problems };
}

/** Environment for running the CLI against a harness: its database schema, its simulator, its credentials. */
export function harnessCliEnv(h: Harness): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: urlWithSchema(h.db.url ?? process.env.DATABASE_URL ?? '', h.db.schema ?? ''),
    LYTTEPOST_SECRET: SECRET,
    FACEBOOK_GRAPH_URL: h.sim.url,
    YOUTUBE_API_URL: h.sim.url,
    X_API_URL: h.sim.url,
    BLUESKY_API_URL: h.sim.url,
    YOUTUBE_API_KEY: h.world.shared.youtubeKey,
    X_BEARER_TOKEN: h.world.shared.xBearer,
    LOG_LEVEL: 'silent',
  };
}
