import type { ItemRecord } from '../domain/records.js';
import type { NormaliseCtx } from './collector.js';
import type { HttpClient } from './http.js';

/**
 * A live re-read of one thread (or one branch of it), for checks that must not trust the last sync (an alert
 * about to go out). Each platform's reader uses that collector's client and pure normaliser, so owner/citizen,
 * parent and hidden are decided exactly as at ingest. Nothing read is stored: author keys are a constant.
 */
export type ThreadQuery = {
  accountId: string;
  accountExternalId: string;
  /** External ids of every responder account (same municipality and platform). */
  responders: ReadonlySet<string>;
  rootExternalId: string;
  branchExternalId: string;
  /** Items that must be looked at even when a listing misses them (X: looked up by id), oldest first. */
  turnExternalIds: readonly string[];
  /** Creation time to give the root post when the platform does not say. */
  askedAt: Date;
};

/** The items read; `complete`: the read covered the whole branch (an item missing from it is gone). */
export type LiveThread = { items: ItemRecord[]; complete: boolean };

export type ThreadReadDeps = { http: HttpClient; now: () => Date; facebookVersion: string };

/** Pages read at most per thread before giving up (100 comments each on Graph, YouTube and X). */
export const MAX_THREAD_PAGES = 10;

/** The normaliser context of a re-read: a constant stands in for the keyed pseudonym. */
export const liveCtx = (q: ThreadQuery, fetchedAt: Date): NormaliseCtx => ({
  accountId: q.accountId,
  accountExternalId: q.accountExternalId,
  responders: q.responders,
  pseudonymise: () => 'r_verify',
  fetchedAt,
});
