import type { Account, FollowerSnapshot, ItemRecord, MetricSnapshot, Platform } from '../domain/records.js';
import type { Logger } from '../logger.js';
import type { ContractWarning } from './contract.js';

/**
 * A collector reads one account's streams from one platform and yields normalised batches. Each batch is
 * committed by the job in one transaction together with the stream state it carries, so a crash loses at most
 * the batch in flight and the next run resumes from the last committed state.
 *
 * Inside a collector: `client.ts` pages the platform (raw pages, no interpretation), `normalise.ts` turns raw
 * pages into records (pure: no IO, no clock; author ids pseudonymised and resident text redacted there), and
 * `index.ts` decides what to read (watermarks, which threads moved) and assembles the batches.
 */

/** Where an incremental pass of one stream starts. `cursor` is collector-private JSON. */
export type StreamState = { watermark: Date | null; cursor: Record<string, unknown> | null };

/** A listing or thread that was read completely: stored items of it that were not seen are gone on the platform. */
export type CompleteRead =
  | { kind: 'thread'; rootExternalId: string; seenExternalIds: readonly string[] }
  /** Top-level posts of the account created in [from, to] (optionally only of one author role). */
  | { kind: 'posts'; from: Date; to: Date; authorRole?: 'owner' | 'citizen'; seenExternalIds: readonly string[] }
  /** Direct children of one item (e.g. a video's top-level comments, a thread's replies) read completely. */
  | { kind: 'children'; parentExternalId: string; seenExternalIds: readonly string[] }
  /** Individual items looked up by id that the platform reported missing. */
  | { kind: 'missing'; externalIds: readonly string[] };

export type CollectBatch = {
  stream: string;
  items: ItemRecord[];
  metrics: MetricSnapshot[];
  followers: FollowerSnapshot[];
  complete: CompleteRead[];
  /** New state of the stream, committed with this batch; undefined = unchanged. */
  state?: StreamState;
  /** Platform time this batch covers (for harvest_runs.covered_from/to). */
  covered?: { from: Date; to: Date };
  /** Items of the pages behind this batch that did not have the expected shape: not stored, reported on the run. */
  warnings?: ContractWarning[];
};

export type CollectContext = {
  account: Account;
  /** External ids of every responder account (same municipality, same platform), the account's own included. */
  responders: ReadonlySet<string>;
  /** Handles of the responder accounts: public bodies, never scrubbed from text as names. */
  responderHandles: ReadonlySet<string>;
  state: StreamState;
  /** Explicit backfill start (`sync --since`); null = incremental from the state, or the default window. */
  since: Date | null;
  now: Date;
  log: Logger;
  /** Stored, not deleted top-level posts of the account created at or after `since` (newest first). */
  storedPosts(since: Date): Promise<Array<{ externalId: string; createdAt: Date; authorRole: string }>>;
};

export type CollectorUsage = { calls: number; quotaUnits: number };

export interface Collector {
  readonly platform: Platform;
  /** Streams in the order the job runs them; each has its own sync_state row. */
  readonly streams: readonly string[];
  collect(stream: string, ctx: CollectContext): AsyncGenerator<CollectBatch>;
  usage(): CollectorUsage;
}

/** What a normaliser needs besides the raw page: pure inputs only. */
export type NormaliseCtx = {
  accountId: string;
  /** External id of the monitored account. */
  accountExternalId: string;
  responders: ReadonlySet<string>;
  /** Handles of the responder accounts (kept in text). */
  responderHandles?: ReadonlySet<string>;
  pseudonymise: (platform: string, rawUserId: string) => string;
  /** When the page was fetched: used as the observation time of hidden flags and snapshots. */
  fetchedAt: Date;
  /** Resident names and handles seen earlier in the same thread (memory only): removed from text too. */
  residentNames?: ReadonlySet<string>;
};

/** The normaliser context for one fetched page of `ctx`'s account. */
export function normaliseCtxOf(
  ctx: CollectContext,
  pseudonymise: NormaliseCtx['pseudonymise'],
  fetchedAt: Date,
  residentNames?: ReadonlySet<string>,
): NormaliseCtx {
  return {
    accountId: ctx.account.id,
    accountExternalId: ctx.account.externalId,
    responders: ctx.responders,
    responderHandles: ctx.responderHandles,
    pseudonymise,
    fetchedAt,
    ...(residentNames ? { residentNames } : {}),
  };
}

/** A raw page as a client yields it: the parsed body and when/what was requested (token-free). */
export type RawPage<T> = { fetchedAt: Date; request: string; body: T };
