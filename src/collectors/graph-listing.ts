import type { ItemRecord, MetricSnapshot } from '../domain/records.js';
import type { CollectBatch, CollectContext } from './collector.js';
import type { ContractWarning } from './contract.js';

/**
 * One pass over a Graph listing stream (Facebook `posts`, Instagram `media`), the rule both collectors follow:
 * - the window: `--since`, else from the watermark less the overlap (never less than the watch window), else the
 *   default backfill; up to the pass's `now`;
 * - each listing page keeps what was created in the window (`since` is not documented for every Graph edge), and
 *   counts it as seen for the complete read of the listing;
 * - a thread is read again only when its signature moved since the last committed read; a thread never read
 *   that has no comments is signed without a call;
 * - the per-thread signatures live in the stream cursor and are committed with the batches that cover them, so
 *   after a crash the next pass re-lists (cheap) and reads only the threads not yet committed;
 * - the listing read to its end completes the window: stored posts it no longer has are gone, and signatures
 *   of posts outside it are dropped (they will not be listed again).
 */
export type GraphListingOptions = {
  /** Posts younger than this are re-listed every run (engagement refresh, new comments). @default 28 days */
  watchMs?: number;
  /** First run without `--since`: how far back to read. @default 28 days */
  defaultBackfillMs?: number;
  /** Re-read this much before the watermark. @default 1 hour */
  overlapMs?: number;
  pageSize?: number;
};

const DAY = 86_400_000;

/**
 * A batch that completes a thread carries the pass's state (every signature so far) once every this many threads,
 * not each time: each state is a copy of all of them, and a copy per thread grew with the square of an account's
 * posts (40 ms of the worker's main thread a pass in the collect benchmark; BENCHMARKS.md). Listing pages and the
 * end always carry it. A state that lags is safe: after a crash the next pass reads again at most this many
 * threads whose signatures were not committed with them.
 */
export const THREADS_PER_STATE = 20;

/** What a listing page's normaliser returns that the pass needs. */
export type ListedPage<T> = {
  items: ItemRecord[];
  metrics: MetricSnapshot[];
  threads: T[];
  warnings: ContractWarning[];
  rejectedIds: string[];
};
/** A listed post's thread: moves when its signature does; `comments` is the platform's count. */
export type ListedThread = { signature: string; comments: number };

export function startGraphListing<T extends ListedThread>(
  ctx: CollectContext,
  opts: { stream: string; options: GraphListingOptions | undefined; rootOf: (t: T) => string },
) {
  const { stream, rootOf } = opts;
  const watch = opts.options?.watchMs ?? 28 * DAY;
  const backfill = opts.options?.defaultBackfillMs ?? 28 * DAY;
  const overlap = opts.options?.overlapMs ?? 3_600_000;
  const to = ctx.now;
  const wm = ctx.state.watermark;
  const from = ctx.since ?? (wm ? new Date(Math.min(wm.getTime() - overlap, to.getTime() - watch)) : new Date(to.getTime() - backfill));
  const known = ((ctx.state.cursor ?? {}) as { threads?: Record<string, string> }).threads ?? {};
  const signed: Record<string, string> = {};
  const seen: string[] = [];
  let readSinceState = 0;

  return {
    from,
    to,
    /** The signatures a batch in the middle of the pass commits: this pass's, over the last committed ones. */
    signatures(): Record<string, string> {
      readSinceState = 0;
      return { ...known, ...signed };
    },

    /** A listing page: the batch of what it lists in the window (without state), and the threads of those posts. */
    take(n: ListedPage<T>): { batch: CollectBatch; threads: T[] } {
      const inRange = new Set(n.items.filter((i) => i.createdAt >= from && i.createdAt <= to).map((i) => i.externalId));
      seen.push(...inRange, ...n.rejectedIds);
      return {
        batch: {
          stream,
          items: n.items.filter((i) => inRange.has(i.externalId)),
          metrics: n.metrics.filter((m) => inRange.has(m.externalId)),
          followers: [],
          complete: [],
          warnings: n.warnings,
        },
        threads: n.threads.filter((t) => inRange.has(rootOf(t))),
      };
    },

    /** Whether the thread must be read; one that did not move is signed as read here. */
    moved(t: T): boolean {
      const id = rootOf(t);
      if (known[id] === t.signature || (t.comments === 0 && known[id] === undefined)) {
        signed[id] = t.signature;
        return false;
      }
      return true;
    },

    /**
     * The thread was read to its end: its signature goes with the state of a later batch. True when the batch that
     * completes it is to carry the state (every THREADS_PER_STATE threads).
     */
    read(t: T): boolean {
      signed[rootOf(t)] = t.signature;
      return ++readSinceState >= THREADS_PER_STATE;
    },

    /** The last batch, after the listing was read to its end; `cursor` adds the collector's own fields. */
    end(cursor: Record<string, unknown> = {}): CollectBatch {
      return {
        stream,
        items: [],
        metrics: [],
        followers: [],
        complete: [{ kind: 'posts', from, to, seenExternalIds: seen }],
        state: { watermark: to, cursor: { threads: signed, ...cursor } },
        covered: { from, to },
      };
    },
  };
}
