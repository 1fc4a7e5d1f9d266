import { DateTime } from 'luxon';

import type { Config } from '../../config/env.js';
import type { Clock } from '../clock.js';
import type { CollectBatch, Collector } from '../collectors/collector.js';
import { makeCollector, type CollectorOptions, type HttpTuning } from '../collectors/make-collector.js';
import { pickToken } from '../collectors/token.js';
import type { Platform } from '../domain/records.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Pseudonymiser } from '../privacy/pseudonymise.js';
import type { TokenCipher } from '../privacy/token-cipher.js';
import { setAccountStatus } from '../store/accounts.js';
import type { Db, Queryable, Tx } from '../store/db.js';
import { finishRun, startCollectPass, updateRunProgress, type RunOutcome, type RunResult } from '../store/harvest-runs.js';
import {
  listRecentItemIds,
  markMissingDeletedMany,
  relatedCreationTimes,
  scopesWithStoredComments,
  upsertItems,
  type MissingRead,
  type StoredLinks,
} from '../store/items.js';
import { writeGroupTail } from '../store/sync-state.js';

export type CollectAccountPayload = {
  accountId: string;
  /** Claim key: a scheduled slot (ISO minute) or a manual run id. */
  slot: string;
  /** Backfill from this time instead of the stored watermark. */
  since?: Date;
};

export type CollectDeps = {
  db: Db;
  log: Logger;
  clock: Clock;
  pseudonymise: Pseudonymiser;
  cipher: TokenCipher;
  cfg: Config;
  /** Test/tuning seams. */
  http?: HttpTuning;
  collectorOptions?: CollectorOptions;
  /** Called after every committed batch (CLI progress). */
  onProgress?: (p: CollectProgress) => void;
};

export type CollectProgress = { accountId: string; stream: string; calls: number; itemsNew: number; itemsUpdated: number };

export type StreamError = { stream: string; code: string; message: string };

export type CollectSummary =
  | { skipped: 'already-claimed' | 'account-inactive'; accountId: string }
  | {
      accountId: string;
      platform: Platform;
      runId: string;
      /** An earlier attempt of the slot died or failed: what it committed may still wait for its follow-ups. */
      resumed: boolean;
      outcome: RunOutcome;
      calls: number;
      quotaUnits: number;
      itemsNew: number;
      itemsUpdated: number;
      /** Items newly marked deleted (included in itemsUpdated). */
      itemsDeleted: number;
      snapshots: number;
      errors: StreamError[];
      durationMs: number;
      coveredFrom: Date | null;
      coveredTo: Date | null;
    };

const OSLO = 'Europe/Oslo';
const FLUSH_ITEMS = 2000;
const FLUSH_BATCHES = 200;
const FLUSH_MS = 2000;

/** ISO week of an instant in Europe/Oslo, as `2026-W47` (INDICATORS.md: week of created_at). */
export function isoWeekOslo(d: Date): string {
  // Europe/Oslo is one or two hours ahead of UTC, so an instant of UTC week k (Monday 00:00 UTC onwards) lies in
  // Oslo week k, or in week k + 1 once past the Oslo Monday midnight that falls on the Sunday evening (UTC) of
  // week k. Both labels and that boundary are computed once per UTC week: luxon's zone arithmetic per item
  // was a tenth of a backfill's CPU.
  const ms = d.getTime();
  const k = Math.floor((ms - MONDAY_EPOCH_MS) / WEEK_MS);
  let w = osloWeeks.get(k);
  if (!w) {
    const nextUtcMonday = MONDAY_EPOCH_MS + (k + 1) * WEEK_MS;
    const next = DateTime.fromMillis(nextUtcMonday, { zone: OSLO }).startOf('week');
    w = {
      label: DateTime.fromMillis(nextUtcMonday - 3 * 86_400_000, { zone: OSLO }).toFormat("kkkk-'W'WW"),
      nextStart: next.toMillis(),
      nextLabel: next.toFormat("kkkk-'W'WW"),
    };
    if (osloWeeks.size >= 10_000) osloWeeks.clear();
    osloWeeks.set(k, w);
  }
  return ms >= w.nextStart ? w.nextLabel : w.label;
}
const WEEK_MS = 7 * 86_400_000;
/** 1970-01-05T00:00Z, a Monday. */
const MONDAY_EPOCH_MS = Date.UTC(1970, 0, 5);
const osloWeeks = new Map<number, { label: string; nextStart: number; nextLabel: string }>();

/** Start of the current YouTube quota day (midnight America/Los_Angeles). */
export function youtubeQuotaDayStart(now: Date): Date {
  return DateTime.fromJSDate(now, { zone: 'America/Los_Angeles' }).startOf('day').toJSDate();
}

type Totals = { itemsNew: number; itemsUpdated: number; itemsDeleted: number; snapshots: number };

/**
 * What a pass over an account with no items stored when it started (a first backfill) has written: then all
 * the account's stored items, so the store need not be asked what it holds. `roots`/`parents`: the scopes under
 * which it stored comments; `posts`: the posts it stored; a superset of either is harmless (a deletion scan that
 * finds nothing). `items`: every item it wrote, for upsertItems, kept only where item ids belong to one account
 * (Facebook, YouTube; an X post that mentions two municipalities is stored once, for one of them).
 */
export type PassWrites = {
  roots: Set<string>;
  parents: Set<string>;
  posts: Map<string, { createdAt: Date; authorRole: string }>;
  items: StoredLinks | null;
};

export function firstBackfillOf(platform: Platform): PassWrites {
  return { roots: new Set(), parents: new Set(), posts: new Map(), items: platform === 'x' ? null : new Map() };
}

/** How a group's transaction ends. */
export type GroupEnd = {
  /** The caller's last writes in the transaction (the run row), after the group's items, before its tail. */
  beforeTail?: (counts: Omit<Totals, 'snapshots'>) => Promise<void>;
  /** The tail statement commits the transaction, in the same round trip; nothing may be sent in it afterwards. */
  commit?: boolean;
};

/** What a pass keeps from one group to the next. */
export type PassMemory = {
  /** Threads where the pass stored comments whose parent it had not stored yet (see upsertItems). */
  openRoots: Set<string>;
  /** Kept by a first backfill only. */
  firstBackfill?: PassWrites | undefined;
};

/**
 * One group of batches of an account's streams as one set of statements (one item lookup and upsert, one
 * deletion pass per kind of complete read that can mark anything, and one tail statement with the watermarks,
 * dirty weeks, engagement and follower counts) instead of a set per batch: a backfill yields a batch per page and
 * thread, and per-statement round trips were most of its time. A first backfill (`pass.firstBackfill`) skips the
 * lookup and the deletion scans its own writes answer; `end.commit` sends the tail with the transaction's commit.
 *
 * Equivalent to committing the batches one after another: items are upserted together (the last version of
 * an item wins, as within one batch), then the complete reads are applied; a read does not mark items that a
 * later batch of the group writes again (one by one, the later upsert would have undone the mark). The last
 * state of each stream in the group is written with it.
 */
export async function commitGroup(
  tx: Tx,
  accountId: string,
  platform: Platform,
  group: readonly CollectBatch[],
  now: Date,
  pass: PassMemory = { openRoots: new Set() },
  end: GroupEnd = {},
): Promise<Totals> {
  const passWrites = pass.firstBackfill;
  const items: CollectBatch['items'] = [];
  const metrics: CollectBatch['metrics'] = [];
  const followers: CollectBatch['followers'] = [];
  const reads: MissingRead[] = [];
  // The last state of each stream in the group.
  const states = new Map<string, NonNullable<CollectBatch['state']>>();
  // Ids written by batches after the one being looked at (walking the group backwards), by scope.
  const laterIds = new Set<string>();
  const laterByRoot = new Map<string, string[]>();
  const laterByParent = new Map<string, string[]>();
  const laterPosts: string[] = [];
  for (let k = group.length - 1; k >= 0; k--) {
    const b = group[k]!;
    if (b.state && !states.has(b.stream)) states.set(b.stream, b.state);
    for (const c of b.complete) {
      if (c.kind === 'thread') reads.push(laterByRoot.has(c.rootExternalId) ? { ...c, seenExternalIds: [...c.seenExternalIds, ...laterByRoot.get(c.rootExternalId)!] } : c);
      else if (c.kind === 'children')
        reads.push(laterByParent.has(c.parentExternalId) ? { ...c, seenExternalIds: [...c.seenExternalIds, ...laterByParent.get(c.parentExternalId)!] } : c);
      else if (c.kind === 'posts') reads.push(laterPosts.length > 0 ? { ...c, seenExternalIds: [...c.seenExternalIds, ...laterPosts] } : c);
      else reads.push(laterIds.size > 0 ? { kind: 'missing', externalIds: c.externalIds.filter((id) => !laterIds.has(id)) } : c);
    }
    for (const it of b.items) {
      if (laterIds.has(it.externalId)) continue;
      laterIds.add(it.externalId);
      if (it.kind === 'post') laterPosts.push(it.externalId);
      else {
        const r = laterByRoot.get(it.rootExternalId);
        if (r) r.push(it.externalId);
        else laterByRoot.set(it.rootExternalId, [it.externalId]);
        if (it.parentExternalId) {
          const p = laterByParent.get(it.parentExternalId);
          if (p) p.push(it.externalId);
          else laterByParent.set(it.parentExternalId, [it.externalId]);
        }
      }
    }
  }
  for (const b of group) {
    for (const it of b.items) items.push(it);
    for (const m of b.metrics) metrics.push(m);
    for (const f of b.followers) followers.push(f);
  }
  reads.reverse();
  if (passWrites) for (const it of items) if (it.kind === 'post') passWrites.posts.set(it.externalId, { createdAt: it.createdAt, authorRole: it.authorRole });
  const scans = await readsThatCanMark(tx, platform, accountId, reads, laterByRoot, laterByParent, passWrites);
  if (passWrites) {
    for (const root of laterByRoot.keys()) passWrites.roots.add(root);
    for (const parent of laterByParent.keys()) passWrites.parents.add(parent);
  }
  const up = await upsertItems(tx, platform, items, now, { written: passWrites?.items ?? undefined, openRoots: pass.openRoots });
  const deleted = scans.length > 0 ? await markMissingDeletedMany(tx, platform, accountId, scans, now) : [];
  if (passWrites) for (const d of deleted) passWrites.posts.delete(d.externalId);
  const marks = new Map<string, { accountId: string; week: string }>();
  if (up.touched.length + deleted.length > 0) {
    // A reply also changes the week of what it answers and of its thread.
    const related = deleted.length > 0 ? [...up.related, ...(await relatedCreationTimes(tx, platform, deleted.map((t) => t.externalId)))] : up.related;
    for (const list of [up.touched, deleted, related]) {
      for (const t of list) {
        const week = isoWeekOslo(t.createdAt);
        marks.set(`${t.accountId}|${week}`, { accountId: t.accountId, week });
      }
    }
  }
  const counts = { itemsNew: up.inserted, itemsUpdated: up.updated + deleted.length, itemsDeleted: deleted.length };
  await end.beforeTail?.(counts);
  // Moved counts mark their item's week too, in the tail.
  const tailTx: Queryable = end.commit ? { query: (text, values, name) => tx.queryAndCommit(text, values, name) } : tx;
  const tail = await writeGroupTail(tailTx, accountId, platform, { states, dirty: [...marks.values()], metrics, followers }, now);
  return { ...counts, snapshots: tail.snapped.length + tail.followers };
}

/**
 * The reads of a group that can mark anything: a complete read of a thread (children page) marks comments of
 * its scope it did not see, and before the group's upsert only two kinds can be such — comments stored by
 * earlier groups, and comments this group writes that the read did not return. A scope with neither (every
 * thread of a backfill) is left out, which spares the deletion pass a scan of what was just inserted.
 * `groupByRoot`/`groupByParent`: the group's comment ids by root and parent. `passWrites`, when the pass keeps
 * them (this group's posts included), answers which scopes hold stored comments instead of a query, and which
 * listing windows hold a stored post the read did not return.
 */
async function readsThatCanMark(
  tx: Queryable,
  platform: Platform,
  accountId: string,
  reads: readonly MissingRead[],
  groupByRoot: ReadonlyMap<string, readonly string[]>,
  groupByParent: ReadonlyMap<string, readonly string[]>,
  passWrites: PassWrites | undefined,
): Promise<MissingRead[]> {
  const roots: string[] = [];
  const parents: string[] = [];
  for (const r of reads) {
    if (r.kind === 'thread') roots.push(r.rootExternalId);
    else if (r.kind === 'children') parents.push(r.parentExternalId);
  }
  const none = { roots: new Set<string>(), parents: new Set<string>() };
  const stored = roots.length === 0 && parents.length === 0 ? none : (passWrites ?? (await scopesWithStoredComments(tx, platform, accountId, { roots, parents })));
  const missesGroupItem = (ids: readonly string[] | undefined, seen: readonly string[]) => {
    if (!ids) return false;
    const s = new Set(seen);
    return ids.some((id) => !s.has(id));
  };
  const windowMissesPost = (r: Extract<MissingRead, { kind: 'posts' }>, posts: PassWrites['posts']) => {
    const seen = new Set(r.seenExternalIds);
    for (const [id, p] of posts) {
      if (p.createdAt >= r.from && p.createdAt <= r.to && (r.authorRole === undefined || p.authorRole === r.authorRole) && !seen.has(id)) return true;
    }
    return false;
  };
  return reads.filter((r) =>
    r.kind === 'thread'
      ? stored.roots.has(r.rootExternalId) || missesGroupItem(groupByRoot.get(r.rootExternalId), r.seenExternalIds)
      : r.kind === 'children'
        ? stored.parents.has(r.parentExternalId) || missesGroupItem(groupByParent.get(r.parentExternalId), r.seenExternalIds)
        : r.kind === 'posts' && passWrites
          ? windowMissesPost(r, passWrites.posts)
          : true,
  );
}

/**
 * One collection pass of one account: claims the run row, runs the platform's streams, commits items,
 * snapshots, deletion marks, dirty weeks and the stream watermarks in groups of batches (one transaction each,
 * see commitGroup), and finishes the run row with the last group. An expired or revoked token marks the
 * account `needs_reauth` and returns a failed summary (other accounts are unaffected); a failing stream is
 * recorded and the next stream still runs, except after a rate limit or exhausted quota, which end the pass.
 */
export async function collectAccount(payload: CollectAccountPayload, deps: CollectDeps): Promise<CollectSummary> {
  const started = deps.clock();
  // Claim first: a duplicate delivery of this job loses the race here instead of collecting twice. Quota is read
  // for YouTube only: its daily quota is shared by every channel of the deployment.
  const context = await startCollectPass(deps.db, {
    accountId: payload.accountId,
    stream: 'all',
    slot: payload.slot,
    startedAt: started,
    quota: { platform: 'youtube', since: youtubeQuotaDayStart(started) },
  });
  if (!context) throw new AppError('NOT_FOUND', `no account with id ${payload.accountId}`);
  const { account, claim } = context;
  if (account.status === 'paused' || account.status === 'needs_reauth') return { skipped: 'account-inactive', accountId: account.id };
  if (!claim) return { skipped: 'already-claimed', accountId: account.id };
  const { runId, states } = claim;
  // A first backfill knows from its own writes what the account has stored.
  const pass: PassMemory = { openRoots: new Set(), firstBackfill: context.hasItems ? undefined : firstBackfillOf(account.platform) };
  const log = deps.log.child({ module: 'collect', platform: account.platform, accountId: account.id, runId });
  const totals: Totals = { itemsNew: 0, itemsUpdated: 0, itemsDeleted: 0, snapshots: 0 };
  const errors: StreamError[] = [];
  let coveredFrom = null as Date | null;
  let coveredTo = null as Date | null;
  let collector: Collector | null = null;
  let streamsOk = 0;
  let streamsRun = 0;
  const usage = () => collector?.usage() ?? { calls: 0, quotaUnits: 0 };

  /** The run row's end: outcome, usage, counts (`t`, the totals including a group not yet added), errors. */
  const runResult = (outcome: RunOutcome, t: Totals, finishedAt: Date): RunResult => {
    const u = usage();
    return {
      outcome,
      finishedAt,
      calls: u.calls,
      quotaUnits: u.quotaUnits,
      itemsNew: t.itemsNew,
      itemsUpdated: t.itemsUpdated,
      errorCode: errors[0]?.code ?? null,
      errorMessage: errors.length > 0 ? errors.map((e) => `${e.stream}: ${e.message}`).join('; ').slice(0, 2000) : null,
      coveredFrom,
      coveredTo,
    };
  };
  /** The pass's summary once its run row is finished (logged). */
  const summarise = (outcome: RunOutcome, finishedAt: Date): CollectSummary => {
    const u = usage();
    const summary = {
      accountId: account.id,
      platform: account.platform,
      runId,
      resumed: claim.resumed,
      outcome,
      calls: u.calls,
      quotaUnits: u.quotaUnits,
      ...totals,
      errors,
      durationMs: finishedAt.getTime() - started.getTime(),
      coveredFrom,
      coveredTo,
    };
    log.info(
      { outcome, calls: u.calls, quotaUnits: u.quotaUnits, ...totals, errorCodes: errors.map((e) => e.code), durationMs: summary.durationMs },
      'collection pass finished',
    );
    return summary;
  };
  const finish = async (outcome: RunOutcome): Promise<CollectSummary> => {
    const finishedAt = deps.clock();
    await finishRun(deps.db, runId, runResult(outcome, totals, finishedAt));
    return summarise(outcome, finishedAt);
  };
  const outcomeOf = (): RunOutcome => (errors.length === 0 ? 'succeeded' : streamsOk > 0 && streamsRun > 0 ? 'partial' : 'failed');

  const needsReauth = async (e: AppError, stream: string): Promise<CollectSummary> => {
    errors.push({ stream, code: e.code, message: e.message });
    await setAccountStatus(deps.db, account.id, 'needs_reauth', e.message.slice(0, 500), deps.clock());
    log.warn({ code: e.code, stream }, 'platform refused the token: account needs re-authorisation');
    return finish('failed');
  };

  try {
    const token = pickToken(context.ciphertext === null ? null : deps.cipher.decrypt(context.ciphertext), deps.cfg, account.platform);
    if (!token) {
      return await needsReauth(
        new AppError('PLATFORM_AUTH', `no token for ${account.platform} account ${account.id}: add one with \`accounts add --token-env\`${account.platform === 'facebook' ? '' : ` or set ${account.platform === 'youtube' ? 'YOUTUBE_API_KEY' : 'X_BEARER_TOKEN'}`}`),
        'all',
      );
    }
    const responders = new Set(context.responderIds);
    responders.add(account.externalId);
    const responderHandles = new Set(context.responderHandles);
    const quotaRemaining = account.platform === 'youtube' ? deps.cfg.LYTTEPOST_YOUTUBE_DAILY_QUOTA - context.quotaUsed : undefined;
    collector = makeCollector(account, token.token, {
      cfg: deps.cfg,
      now: deps.clock,
      log,
      pseudonymise: deps.pseudonymise,
      ...(quotaRemaining !== undefined ? { quotaRemaining } : {}),
      ...(deps.http ? { http: deps.http } : {}),
      ...(deps.collectorOptions ? { options: deps.collectorOptions } : {}),
    });

    // Batches are committed in groups (in order, one transaction per group): a durable commit costs an fsync
    // (~10 ms here), a page of a small thread far less. A group closes at FLUSH_ITEMS items, FLUSH_BATCHES batches
    // or FLUSH_MS, at the end of the pass, before the collector reads the store and before a stream's failure is
    // handled, so a crash loses at most the groups in flight and the next run resumes from the last committed
    // state. A group may span streams (a one-call stream such as the follower count rides with the next one).
    let pending: CollectBatch[] = [];
    let pendingItems = 0;
    let pendingSince = 0;
    // The group being written while the collector fetches and normalises the next pages. Groups are written one
    // at a time and in order, each with its streams' states, so a committed watermark is never ahead of the items
    // committed.
    let writing: Promise<void> | null = null;
    // After a failed group nothing later may be committed: its watermark would be ahead of the lost items.
    let failure: unknown = null;
    /** Writes a group; the pass's last one (`last`: the outcome) also finishes the run row, in its transaction. */
    const commit = async (group: CollectBatch[], last: { outcome: RunOutcome; finishedAt: Date } | null = null) => {
      // Harvested data can be re-read from the platform, so a group's commit need not wait for its WAL flush: a
      // Postgres crash may lose the last few hundred ms of commits (items and watermark together, so it only
      // rewinds), never the database's consistency. The last group, which finishes the run row, waits: once the
      // job reports success there is no next delivery to take a lost run over, and its flush makes every earlier
      // group of the pass durable too (the WAL is flushed in order).
      const t = await deps.db.transaction(
        (tx) =>
          commitGroup(tx, account.id, account.platform, group, deps.clock(), pass, {
            commit: true,
            beforeTail: async (r) => {
              if (last) {
                const withGroup = { ...totals, itemsNew: totals.itemsNew + r.itemsNew, itemsUpdated: totals.itemsUpdated + r.itemsUpdated };
                await finishRun(tx, runId, runResult(last.outcome, withGroup, last.finishedAt));
              } else if (account.platform === 'youtube') {
                // Calls and quota so far, so that concurrent quota checks see them.
                await updateRunProgress(tx, runId, usage());
              }
            },
          }),
        { durable: last !== null },
      ).catch((err: unknown) => {
        failure ??= err;
        throw err;
      });
      totals.itemsNew += t.itemsNew;
      totals.itemsUpdated += t.itemsUpdated;
      totals.itemsDeleted += t.itemsDeleted;
      totals.snapshots += t.snapshots;
      const stream = group[group.length - 1]?.stream ?? '';
      deps.onProgress?.({ accountId: account.id, stream, calls: usage().calls, itemsNew: totals.itemsNew, itemsUpdated: totals.itemsUpdated });
    };
    const settle = async () => {
      const w = writing;
      writing = null;
      if (w) await w;
    };
    /** Waits for the group being written (its error surfaces here), then starts writing the pending one. */
    const flush = async () => {
      await settle();
      if (failure) throw failure;
      if (pending.length === 0) return;
      const group = pending;
      pending = [];
      pendingItems = 0;
      writing = commit(group);
      // Observed by the next settle(); until then it must not count as unhandled.
      writing.catch(() => {});
    };
    /** Everything yielded so far is committed when this resolves. */
    const commitAll = async () => {
      await flush();
      await settle();
    };

    for (const stream of collector.streams) {
      streamsRun++;
      const state = states.get(stream) ?? { watermark: null, cursor: null };
      try {
        const ctx = {
          account,
          responders,
          responderHandles,
          state,
          since: payload.since ?? null,
          now: deps.clock(),
          log,
          // A collector that reads the store sees everything it yielded before.
          storedPosts: async (since: Date) => {
            await commitAll();
            return listRecentItemIds(deps.db, account.id, 'post', since);
          },
        };
        let failed = true;
        try {
          for await (const batch of collector.collect(stream, ctx)) {
            if (pending.length === 0) pendingSince = Date.now();
            pending.push(batch);
            pendingItems += batch.items.length;
            if (batch.covered) {
              coveredFrom = coveredFrom && coveredFrom < batch.covered.from ? coveredFrom : batch.covered.from;
              coveredTo = coveredTo && coveredTo > batch.covered.to ? coveredTo : batch.covered.to;
            }
            if (pendingItems >= FLUSH_ITEMS || pending.length >= FLUSH_BATCHES || Date.now() - pendingSince >= FLUSH_MS) await flush();
          }
          failed = false;
        } finally {
          // What the stream yielded before it failed stays.
          if (failed) await commitAll();
        }
        streamsOk++;
      } catch (err) {
        // The HTTP seam turns every failed call into a PLATFORM_ AppError; anything else is not the platform's.
        if (!(err instanceof AppError && (err.code.startsWith('PLATFORM_') || err.code === 'QUOTA_EXHAUSTED'))) throw err;
        const e = err;
        if (e.code === 'PLATFORM_AUTH') return await needsReauth(e, stream);
        errors.push({ stream, code: e.code, message: e.message });
        log.warn({ stream, code: e.code, retryAfterMs: e.details.retryAfterMs }, 'stream failed; what was committed before stays');
        if (e.code === 'QUOTA_EXHAUSTED' || e.code === 'PLATFORM_RATE_LIMIT') break;
      }
    }
    // The last group carries the run row's end: one transaction less per pass.
    await settle();
    if (failure) throw failure;
    if (pending.length > 0) {
      const outcome = outcomeOf();
      const finishedAt = deps.clock();
      const group = pending;
      pending = [];
      await commit(group, { outcome, finishedAt });
      return summarise(outcome, finishedAt);
    }
  } catch (err) {
    // Not a platform error (a bug, the database): record it on the run row, then let the caller see it.
    errors.push({ stream: 'all', code: err instanceof AppError ? err.code : 'INTERNAL', message: (err as Error).message.slice(0, 500) });
    await finish('failed').catch(() => {});
    throw err;
  }
  return finish(outcomeOf());
}
