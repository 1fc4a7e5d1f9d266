import type { Config } from '../../config/env.js';
import { COMMENT_FIELDS, makeFacebookClient } from '../collectors/facebook/client.js';
import { normaliseCommentPage } from '../collectors/facebook/normalise.js';
import { makeHttp, type HttpClient } from '../collectors/http.js';
import type { HttpTuning } from '../collectors/make-collector.js';
import type { NormaliseCtx } from '../collectors/collector.js';
import { resolveToken } from '../collectors/token.js';
import { makeXClient } from '../collectors/x/client.js';
import { normaliseXPage } from '../collectors/x/normalise.js';
import { makeYouTubeClient } from '../collectors/youtube/client.js';
import { normaliseReplyPage, normaliseThreadPage } from '../collectors/youtube/normalise.js';
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
 * Readers reuse the collectors' HTTP layer and pure normalisers, so owner/citizen, parent and hidden are
 * decided exactly as at ingest. Nothing read here is stored: texts and author keys are dropped after judging.
 */
export type VerifyQuestion = {
  platform: Platform;
  accountId: string;
  accountExternalId: string;
  /** External ids of every responder account (same municipality and platform). */
  responders: ReadonlySet<string>;
  rootExternalId: string;
  branchExternalId: string;
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
  const wholeThread = q.branchExternalId === q.rootExternalId;
  const inBranch = (it: ItemRecord): boolean => {
    if (wholeThread) return true;
    let cur: ItemRecord | undefined = it;
    for (let depth = 0; cur && depth < 1000; depth++) {
      if (cur.externalId === q.branchExternalId) return true;
      if (cur.parentExternalId === null || cur.parentExternalId === q.rootExternalId) return false;
      cur = byId.get(cur.parentExternalId);
    }
    return false;
  };
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
/** Pages read at most per thread before giving up (100 comments each on Graph, YouTube and X). */
export const MAX_VERIFY_PAGES = 10;

const ctxFor = (q: VerifyQuestion, fetchedAt: Date): NormaliseCtx => ({
  accountId: q.accountId,
  accountExternalId: q.accountExternalId,
  responders: q.responders,
  // Nothing read here is stored: a constant stands in for the keyed pseudonym.
  pseudonymise: () => 'r_verify',
  fetchedAt,
});

type ReaderDeps = {
  db: Queryable;
  cipher: TokenCipher;
  cfg: Pick<Config, 'FACEBOOK_GRAPH_URL' | 'FACEBOOK_GRAPH_VERSION' | 'YOUTUBE_API_URL' | 'X_API_URL' | 'YOUTUBE_API_KEY' | 'X_BEARER_TOKEN'>;
  log: Logger;
  now: () => Date;
  http?: HttpTuning;
};

/** Counts of platform calls made by the readers (re-reads cost quota and, on X, money). */
export type ReaderStats = { calls: number };

/** Live readers for Facebook, YouTube and X, each resolving the account's token as the collectors do. */
export function makeThreadReaders(deps: ReaderDeps): { readers: ThreadReaders; stats: ReaderStats } {
  const stats: ReaderStats = { calls: 0 };
  const tuning = { ...VERIFY_HTTP, ...deps.http };
  const clients = new Map<string, HttpClient>();

  async function httpFor(q: VerifyQuestion): Promise<HttpClient | string> {
    const hit = clients.get(q.accountId);
    if (hit) return hit;
    const t = await resolveToken(deps.db, deps.cipher, deps.cfg, { id: q.accountId, platform: q.platform });
    if (!t) return `no token for account ${q.accountId}`;
    const base = { log: deps.log, ...tuning };
    const http =
      q.platform === 'facebook'
        ? makeHttp({ platform: 'facebook', baseURL: deps.cfg.FACEBOOK_GRAPH_URL, auth: { kind: 'query', name: 'access_token', value: t.token }, ...base })
        : q.platform === 'youtube'
          ? makeHttp({
              platform: 'youtube',
              baseURL: deps.cfg.YOUTUBE_API_URL,
              auth: t.token.startsWith('ya29.') ? { kind: 'bearer', value: t.token } : { kind: 'query', name: 'key', value: t.token },
              ...base,
            })
          : makeHttp({ platform: 'x', baseURL: deps.cfg.X_API_URL, auth: { kind: 'bearer', value: t.token }, ...base });
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

  /** Runs one read; a platform's "not found" for the thread means the question is gone with it. */
  const guarded =
    (platform: Platform, read: (q: VerifyQuestion, http: HttpClient) => Promise<LiveVerdict>): ThreadReader['read'] =>
    async (q) => {
      const http = await httpFor(q);
      if (typeof http === 'string') return { status: 'unknown', reason: http };
      try {
        return await read(q, http);
      } catch (err) {
        if (err instanceof AppError && err.code === 'PLATFORM_NOT_FOUND') return { status: 'deleted' };
        const reason = err instanceof AppError ? err.code : 'error';
        deps.log.warn({ platform, accountId: q.accountId, code: reason }, 'alert re-read failed');
        return { status: 'unknown', reason };
      }
    };

  const facebook: ThreadReader = {
    platform: 'facebook',
    read: guarded('facebook', async (q, http) => {
      const v = deps.cfg.FACEBOOK_GRAPH_VERSION;
      const live: ItemRecord[] = [];
      const isPost = q.turnExternalIds.includes(q.rootExternalId);
      let next: string | undefined;
      let pages = 0;
      if (isPost) {
        // A visitor post: the post itself (hidden?) and its comments in one call through field expansion.
        const r = await http.get(`/${v}/${q.rootExternalId}`, {
          fields: `id,created_time,is_hidden,from{id},comments.filter(stream).order(chronological).limit(100){${COMMENT_FIELDS}}`,
        });
        pages++;
        const body = (r.data ?? {}) as { id?: string; created_time?: string; is_hidden?: boolean; from?: { id?: string }; comments?: unknown };
        if (body.id) {
          const owner = body.from?.id !== undefined && q.responders.has(body.from.id);
          live.push({
            platform: 'facebook',
            externalId: body.id,
            accountId: q.accountId,
            kind: 'post',
            parentExternalId: null,
            rootExternalId: body.id,
            authorRole: owner ? 'owner' : 'citizen',
            authorKey: 'r_verify',
            createdAt: new Date(body.created_time ?? q.askedAt),
            editedAt: null,
            hiddenAt: body.is_hidden ? deps.now() : null,
            text: null,
            permalink: null,
          });
        }
        const comments = body.comments ?? { data: [], paging: {} };
        const n = normaliseCommentPage(comments, ctxFor(q, deps.now()), q.rootExternalId);
        live.push(...n.items);
        next = n.page.paging?.next;
      } else {
        const client = makeFacebookClient({ http, version: v, now: deps.now });
        for await (const page of client.comments(q.rootExternalId)) {
          pages++;
          live.push(...normaliseCommentPage(page.body, ctxFor(q, page.fetchedAt), q.rootExternalId).items);
          if (pages >= MAX_VERIFY_PAGES) return judgeLive(q, live, false);
        }
      }
      while (next) {
        if (pages >= MAX_VERIFY_PAGES) return judgeLive(q, live, false);
        const r = await http.get(next);
        pages++;
        const n = normaliseCommentPage(r.data, ctxFor(q, deps.now()), q.rootExternalId);
        live.push(...n.items);
        next = n.page.paging?.next;
      }
      return judgeLive(q, live, true);
    }),
  };

  const youtube: ThreadReader = {
    platform: 'youtube',
    read: guarded('youtube', async (q, http) => {
      // The branch is a comment thread: commentThreads.list?id= (1 unit) returns the top-level comment with up
      // to 5 replies inline; comments.list?parentId= (1 unit per 100) only when the thread has more.
      const r = await http.get('/youtube/v3/commentThreads', { part: 'snippet,replies', id: q.branchExternalId, textFormat: 'plainText' });
      const t = normaliseThreadPage(r.data, ctxFor(q, deps.now()));
      const info = t.threads[0];
      if (!info) return judgeLive(q, [], true);
      const live = [...t.items];
      if (info.totalReplyCount > info.inlineReplies) {
        const client = makeYouTubeClient({ http, now: deps.now });
        const inline = new Set(live.map((i) => i.externalId));
        let token: string | undefined;
        let pages = 1;
        do {
          if (pages >= MAX_VERIFY_PAGES) return judgeLive(q, live, false);
          const p = await client.repliesPage(q.branchExternalId, token);
          pages++;
          const n = normaliseReplyPage(p.body, ctxFor(q, p.fetchedAt), info.videoId, q.branchExternalId);
          for (const it of n.items) if (!inline.has(it.externalId)) live.push(it);
          token = n.next;
        } while (token);
      }
      return judgeLive(q, live, true);
    }),
  };

  const x: ThreadReader = {
    platform: 'x',
    read: guarded('x', async (q, http) => {
      // Recent search over the conversation (7 days, which is also an alert's lifetime); a turn item the search
      // did not return is looked up by id, since search results may lag behind deletions and new posts.
      const client = makeXClient({ http, now: deps.now });
      const live: ItemRecord[] = [];
      let pages = 0;
      for await (const page of client.search(`conversation_id:${q.rootExternalId}`)) {
        pages++;
        live.push(...normaliseXPage(page.body, ctxFor(q, page.fetchedAt), 'search').items);
        if (pages >= MAX_VERIFY_PAGES) return judgeLive(q, live, false);
      }
      const seen = new Set(live.map((i) => i.externalId));
      const missing = q.turnExternalIds.filter((id) => !seen.has(id));
      if (missing.length > 0) {
        const p = await client.lookup(missing);
        const n = normaliseXPage(p.body, ctxFor(q, p.fetchedAt), 'lookup');
        live.push(...n.items);
      }
      return judgeLive(q, live, true);
    }),
  };

  return { readers: { facebook, youtube, x }, stats };
}
