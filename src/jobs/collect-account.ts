import { DateTime } from 'luxon';

import type { Config } from '../../config/env.js';
import type { Clock } from '../clock.js';
import type { CollectBatch, CollectContext } from '../collectors/collector.js';
import { mergeWarnings } from '../collectors/contract.js';
import { makeCollector, type CollectorOptions, type HttpTuning } from '../collectors/make-collector.js';
import { deploymentTokenVar, pickToken } from '../collectors/token.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Pseudonymiser } from '../privacy/pseudonymise.js';
import type { TokenCipher } from '../privacy/token-cipher.js';
import { setAccountStatus } from '../store/accounts.js';
import type { Db } from '../store/db.js';
import { finishRun, startCollectPass, updateRunProgress, type RunOutcome } from '../store/harvest-runs.js';
import { listRecentItemIds } from '../store/item-threads.js';
import { outcomeOf, runResult, summarise, usage, type CollectSummary, type Pass } from './collect-summary.js';
import { commitGroup, firstBackfillOf, type PassMemory } from './commit-group.js';

export type { CollectSummary, StreamError, StreamWarning } from './collect-summary.js';

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
  /** Called after every committed group (CLI progress). */
  onProgress?: (p: CollectProgress) => void;
};

export type CollectProgress = { accountId: string; stream: string; calls: number; itemsNew: number; itemsUpdated: number };

/** How long a pass stopped by a rate limit waits when the platform named no time. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 300_000;

/** Start of the current YouTube quota day (midnight America/Los_Angeles). */
export function youtubeQuotaDayStart(now: Date): Date {
  return DateTime.fromJSDate(now, { zone: 'America/Los_Angeles' }).startOf('day').toJSDate();
}

/**
 * One collection pass of one account, top to bottom:
 *   1. take the account's lock (a second pass over the same account returns `account-busy` at once);
 *   2. claim the run row for the slot (a duplicate delivery returns `already-claimed`);
 *   3. for each stream: the collector fetches a page and normalises it into a batch; batches gather into a
 *      group; a full group is written in one transaction with the stream's new watermark (commitGroup);
 *   4. the last group also finishes the run row.
 * An expired or revoked token marks the account `needs_reauth` and returns a failed summary (other accounts
 * are unaffected); a failing stream is recorded and the next stream still runs, except after a rate limit or
 * exhausted quota, which end the pass.
 */
export async function collectAccount(payload: CollectAccountPayload, deps: CollectDeps): Promise<CollectSummary> {
  // Two passes over one account (a scheduled job and a manual sync, or a redelivered job whose first delivery
  // still runs) would each write groups from their own view of what is stored (commitGroup's first-backfill
  // memory, the open threads) and could move a watermark back: they never overlap.
  const locked = await deps.db.tryWithLock(`collect-account:${payload.accountId}`, () => collectPass(payload, deps));
  return locked ? locked.value : { skipped: 'account-busy', accountId: payload.accountId };
}

/**
 * Batches are committed in groups (in order, one transaction per group): a backfill yields a batch per page and
 * thread, and per-batch transactions were most of its time (the collect benchmark). A group closes at
 * GROUP_ITEMS items, GROUP_BATCHES batches or GROUP_MS, before the collector reads the store, when a stream
 * fails, and at the end of the pass, so a crash loses at most the group in flight and the next run resumes from
 * the last committed watermark. A group may span streams (a one-call stream such as the follower count rides
 * with the next one).
 */
const GROUP_ITEMS = 2000;
const GROUP_BATCHES = 200;
const GROUP_MS = 2000;

async function collectPass(payload: CollectAccountPayload, deps: CollectDeps): Promise<CollectSummary> {
  const started = deps.clock();
  // Claim the slot: a duplicate delivery of this job loses the race here instead of collecting twice. Quota is
  // read for YouTube only: its daily quota is shared by every channel of the deployment.
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

  const log = deps.log.child({ module: 'collect', platform: account.platform, accountId: account.id, runId: claim.runId });
  const pass: Pass = {
    account,
    started,
    log,
    runId: claim.runId,
    resumed: claim.resumed,
    totals: { itemsNew: 0, itemsUpdated: 0, itemsDeleted: 0, snapshots: 0 },
    errors: [],
    warnings: [],
    coveredFrom: null,
    coveredTo: null,
    streamsRun: 0,
    streamsOk: 0,
    collector: null,
    accountGone: false,
    retryAt: null,
  };
  // A first backfill knows from its own writes what the account has stored.
  const memory: PassMemory = { openRoots: new Set(), firstBackfill: context.hasItems ? undefined : firstBackfillOf(account.platform) };
  let group: CollectBatch[] = [];
  let groupItems = 0;
  let groupOpened = 0;

  /** Writes the gathered group (items, deletion marks, snapshots, dirty weeks, watermarks) in one transaction. */
  const writeGroup = async (last?: { outcome: RunOutcome; finishedAt: Date }) => {
    if (group.length === 0) return;
    const batches = group;
    group = [];
    groupItems = 0;
    // Harvested data can be re-read from the platform, so a group's commit need not wait for its WAL flush: a
    // Postgres crash may lose the last few hundred ms of commits (items and watermark together, so it only
    // rewinds), never the database's consistency. The last group, which finishes the run row, waits: once the job
    // reports success there is no next delivery to take a lost run over, and its flush makes every earlier group
    // of the pass durable too (the WAL is flushed in order).
    const written = await deps.db.transaction(
      (tx) =>
        commitGroup(tx, account.id, account.platform, batches, deps.clock(), memory, {
          commit: true,
          beforeTail: async (counts) => {
            if (last) {
              const t = {
                ...pass.totals,
                itemsNew: pass.totals.itemsNew + counts.itemsNew,
                itemsUpdated: pass.totals.itemsUpdated + counts.itemsUpdated,
              };
              await finishRun(tx, pass.runId, runResult(pass, last.outcome, t, last.finishedAt));
            } else if (account.platform === 'youtube') {
              // Calls and quota so far, so that concurrent quota checks see them.
              await updateRunProgress(tx, pass.runId, usage(pass));
            }
          },
        }),
      { durable: last !== undefined },
    );
    for (const k of ['itemsNew', 'itemsUpdated', 'itemsDeleted', 'snapshots'] as const) pass.totals[k] += written[k];
    const stream = batches[batches.length - 1]?.stream ?? '';
    deps.onProgress?.({
      accountId: account.id,
      stream,
      calls: usage(pass).calls,
      itemsNew: pass.totals.itemsNew,
      itemsUpdated: pass.totals.itemsUpdated,
    });
  };

  try {
    const token = pickToken(context.ciphertext === null ? null : deps.cipher.decrypt(context.ciphertext), deps.cfg, account.platform);
    if (!token) {
      const shared = deploymentTokenVar(account.platform);
      const fix = shared === null ? '' : ` or set ${shared}`;
      const e = new AppError(
        'PLATFORM_AUTH',
        `no token for ${account.platform} account ${account.id}: add one with \`accounts add --token-env\`${fix}`,
      );
      return await needsReauth(pass, e, 'all', deps);
    }
    const responders = new Set(context.responderIds);
    responders.add(account.externalId);
    const quotaRemaining = account.platform === 'youtube' ? deps.cfg.LYTTEPOST_YOUTUBE_DAILY_QUOTA - context.quotaUsed : undefined;
    const collector = makeCollector(account, token.token, {
      cfg: deps.cfg,
      now: deps.clock,
      log,
      pseudonymise: deps.pseudonymise,
      ...(quotaRemaining !== undefined ? { quotaRemaining } : {}),
      ...(deps.http ? { http: deps.http } : {}),
      ...(deps.collectorOptions ? { options: deps.collectorOptions } : {}),
    });
    pass.collector = collector;

    for (const stream of collector.streams) {
      pass.streamsRun++;
      const ctx: CollectContext = {
        account,
        responders,
        responderHandles: new Set(context.responderHandles),
        state: claim.states.get(stream) ?? { watermark: null, cursor: null },
        since: payload.since ?? null,
        now: deps.clock(),
        log,
        // A collector that reads the store sees everything it yielded before.
        storedPosts: async (since) => {
          await writeGroup();
          return listRecentItemIds(deps.db, account.id, 'post', since);
        },
      };
      try {
        // Fetch a page and normalise it (the collector), gather it into the group, write the group when full.
        for await (const batch of collector.collect(stream, ctx)) {
          if (group.length === 0) groupOpened = Date.now();
          group.push(batch);
          groupItems += batch.items.length;
          if (batch.warnings && batch.warnings.length > 0)
            mergeWarnings(
              pass.warnings,
              batch.warnings.map((w) => ({ ...w, stream })),
            );
          if (batch.covered) {
            pass.coveredFrom = pass.coveredFrom && pass.coveredFrom < batch.covered.from ? pass.coveredFrom : batch.covered.from;
            pass.coveredTo = pass.coveredTo && pass.coveredTo > batch.covered.to ? pass.coveredTo : batch.covered.to;
          }
          if (groupItems >= GROUP_ITEMS || group.length >= GROUP_BATCHES || Date.now() - groupOpened >= GROUP_MS) await writeGroup();
        }
        pass.streamsOk++;
      } catch (err) {
        // What the stream yielded before it failed stays.
        await writeGroup();
        // The HTTP seam turns every failed call into a PLATFORM_ AppError; anything else is not the platform's.
        if (!(err instanceof AppError && (err.code.startsWith('PLATFORM_') || err.code === 'QUOTA_EXHAUSTED'))) throw err;
        if (err.code === 'PLATFORM_AUTH') return await needsReauth(pass, err, stream, deps);
        pass.errors.push({ stream, code: err.code, message: err.message });
        // The monitored account itself is gone or suspended on the platform: its status says which; the other
        // streams would fail the same way.
        const gone = err.details.context?.accountStatus;
        if (gone === 'not_found' || gone === 'suspended') {
          await setAccountStatus(deps.db, account.id, gone, reasonOf(err), deps.clock());
          log.warn({ stream, code: err.code, accountStatus: gone }, 'the monitored account is gone on the platform');
          pass.accountGone = true;
          break;
        }
        log.warn({ stream, code: err.code, retryAfterMs: err.details.retryAfterMs }, 'stream failed; what was committed before stays');
        if (err.code === 'PLATFORM_RATE_LIMIT') {
          // Not slept through: the pass ends with what it committed and is retried after the wait (a delayed job).
          pass.retryAt = new Date(deps.clock().getTime() + (err.details.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS));
          break;
        }
        if (err.code === 'QUOTA_EXHAUSTED') break;
      }
    }

    // A pass that read the account again brings a not-found or suspended account back to active.
    if (!pass.accountGone && pass.streamsOk > 0 && (account.status === 'not_found' || account.status === 'suspended')) {
      await setAccountStatus(deps.db, account.id, 'active', null, deps.clock());
    }

    // The last group carries the run row's end: one transaction less per pass.
    const outcome = outcomeOf(pass);
    const finishedAt = deps.clock();
    if (group.length > 0) await writeGroup({ outcome, finishedAt });
    else await finishRun(deps.db, pass.runId, runResult(pass, outcome, pass.totals, finishedAt));
    return summarise(pass, outcome, finishedAt);
  } catch (err) {
    // Not a platform error (a bug, the database): record it on the run row, then let the caller see it.
    pass.errors.push({
      stream: 'all',
      code: err instanceof AppError ? err.code : 'INTERNAL',
      message: (err as Error).message.slice(0, 500),
    });
    await finishRun(deps.db, pass.runId, runResult(pass, 'failed', pass.totals, deps.clock())).catch((finishErr: unknown) => {
      log.error({ err: finishErr }, 'could not record the failed pass on its run row');
    });
    throw err;
  }
}

/** The platform's own words for the operator (Graph names the missing permission), else our message. */
function reasonOf(e: AppError): string {
  const said = e.details.context?.platformMessage;
  return (typeof said === 'string' ? `${e.code}: ${said}` : e.message).slice(0, 800);
}

/** The platform refused the token: the account needs re-authorisation, the pass ends as failed. */
async function needsReauth(pass: Pass, e: AppError, stream: string, deps: CollectDeps): Promise<CollectSummary> {
  pass.errors.push({ stream, code: e.code, message: e.message });
  await setAccountStatus(deps.db, pass.account.id, 'needs_reauth', reasonOf(e), deps.clock());
  pass.log.warn({ code: e.code, stream }, 'platform refused the token: account needs re-authorisation');
  const finishedAt = deps.clock();
  await finishRun(deps.db, pass.runId, runResult(pass, 'failed', pass.totals, finishedAt));
  return summarise(pass, 'failed', finishedAt);
}
