import type { Config } from '../../config/env.js';
import type { HttpClient } from '../collectors/http.js';
import { makePlatformHttp, type HttpTuning } from '../collectors/platform-http.js';
import { COLLECTED_PLATFORMS } from '../collectors/registry.js';
import { hasThreadReader, readThread, type ThreadQuery } from '../collectors/thread-reader.js';
import { resolveToken } from '../collectors/token.js';
import { resolveBranches } from '../domain/branch.js';
import type { ItemRecord, Platform } from '../domain/records.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { TokenCipher } from '../privacy/token-cipher.js';
import type { Queryable } from '../store/db.js';

/**
 * Before an alert goes out, its thread is re-read from the platform (one cheap call in the usual case, more
 * only for long threads) to catch what the last sync could not: a reply made since, a deleted question, a
 * hidden one. Only still-unanswered questions alert; the others are resolved at once.
 *
 * The reading is the collectors' (src/collectors/thread-reader.ts: one reader per platform on that collector's
 * client and normaliser, so owner/citizen, parent and hidden are decided exactly as at ingest); the judging is
 * here. Nothing read here is stored: texts and author keys are dropped after judging.
 */
export type VerifyQuestion = ThreadQuery & {
  platform: Platform;
  /** The turn's items, oldest first; the first is the question the alert is about. */
  turnExternalIds: readonly string[];
  askedAt: Date;
};

export type LiveVerdict =
  | { status: 'open' }
  | { status: 'answered'; answeredAt: Date }
  | { status: 'deleted' }
  | { status: 'hidden' }
  /** The re-read failed or was not possible; the caller falls back on the stored state. */
  | { status: 'unknown'; reason: string };

export interface ThreadReader {
  readonly platform: Platform;
  read(q: VerifyQuestion): Promise<LiveVerdict>;
}

export type ThreadReaders = Partial<Record<Platform, ThreadReader>>;

/**
 * Judges a live read of a thread, pure. `live` holds the items read; `complete` says the read covered the
 * whole branch (so a turn item missing from it is gone on the platform).
 */
export function judgeLive(q: VerifyQuestion, live: readonly ItemRecord[], complete: boolean): LiveVerdict {
  const byId = new Map(live.map((i) => [i.externalId, i]));
  let absent = 0;
  let alive = 0;
  for (const id of q.turnExternalIds) {
    const it = byId.get(id);
    if (!it) absent++;
    else if (it.hiddenAt === null) alive++;
  }
  // The branch of each item read (the rule: src/domain/branch.ts). The question's thread is a citizen post's
  // when its branch is the whole thread; otherwise its root is an owner's post.
  const wholeThread = q.branchExternalId === q.rootExternalId;
  const branches = resolveBranches(
    live.filter((i) => i.kind === 'comment'),
    () => wholeThread,
    () => undefined,
  );
  const inBranch = (it: ItemRecord): boolean => branches.get(it.externalId) === q.branchExternalId;
  // The answer: the first owner item after the question in its branch (INDICATORS.md "Answer").
  let answeredAt: Date | null = null;
  for (const it of live) {
    if (it.authorRole !== 'owner' || it.createdAt.getTime() <= q.askedAt.getTime() || !inBranch(it)) continue;
    if (!answeredAt || it.createdAt.getTime() < answeredAt.getTime()) answeredAt = it.createdAt;
  }
  if (answeredAt) return { status: 'answered', answeredAt };
  if (alive === 0) {
    if (absent > 0 && !complete) return { status: 'unknown', reason: 'question not in a partial read' };
    return absent > 0 ? { status: 'deleted' } : { status: 'hidden' };
  }
  return { status: 'open' };
}

// The alert check never waits long for a platform: one retry, and a rate-limit wait beyond 5 s fails the read
// (the alert then goes out on the stored state, marked as not re-checked).
const VERIFY_HTTP: HttpTuning = { maxRetries: 1, baseDelayMs: 250, maxDelayMs: 2_000, maxWaitMs: 5_000, timeoutMs: 10_000 };
type ReaderDeps = {
  db: Queryable;
  cipher: TokenCipher;
  cfg: Pick<
    Config,
    'FACEBOOK_GRAPH_URL' | 'FACEBOOK_GRAPH_VERSION' | 'YOUTUBE_API_URL' | 'X_API_URL' | 'YOUTUBE_API_KEY' | 'X_BEARER_TOKEN'
  >;
  log: Logger;
  now: () => Date;
  http?: HttpTuning;
};

/** Counts of platform calls made by the readers (re-reads cost quota and, on X, money). */
export type ReaderStats = { calls: number };

/** Live readers for every collected platform (the collector registry) that has a thread reader, each resolving the account's token as the collectors do. */
export function makeThreadReaders(deps: ReaderDeps): { readers: ThreadReaders; stats: ReaderStats } {
  const stats: ReaderStats = { calls: 0 };
  const tuning = { ...VERIFY_HTTP, ...deps.http };
  const clients = new Map<string, HttpClient>();
  const reader = (platform: Platform): ThreadReader => ({
    platform,
    read: async (q) => {
      const http = await httpFor(q);
      if (typeof http === 'string') return { status: 'unknown', reason: http };
      try {
        const live = await readThread(platform, q, { http, now: deps.now, facebookVersion: deps.cfg.FACEBOOK_GRAPH_VERSION });
        return judgeLive(q, live.items, live.complete);
      } catch (err) {
        // A platform's "not found" for the thread means the question is gone with it.
        if (err instanceof AppError && err.code === 'PLATFORM_NOT_FOUND') return { status: 'deleted' };
        const reason = err instanceof AppError ? err.code : 'error';
        deps.log.warn({ platform, accountId: q.accountId, code: reason }, 'alert re-read failed');
        return { status: 'unknown', reason };
      }
    },
  });

  async function httpFor(q: VerifyQuestion): Promise<HttpClient | string> {
    const hit = clients.get(q.accountId);
    if (hit) return hit;
    const t = await resolveToken(deps.db, deps.cipher, deps.cfg, { id: q.accountId, platform: q.platform });
    if (!t) return `no token for account ${q.accountId}`;
    const http = makePlatformHttp(q.platform, t.token, { cfg: deps.cfg, log: deps.log, http: tuning });
    // Count calls through the shared stats, whichever client made them.
    const counted: HttpClient = {
      get: (p, params) => {
        stats.calls++;
        return http.get(p, params);
      },
      stats: http.stats,
    };
    clients.set(q.accountId, counted);
    return counted;
  }

  return { readers: Object.fromEntries(COLLECTED_PLATFORMS.filter(hasThreadReader).map((p) => [p, reader(p)])) as ThreadReaders, stats };
}
