import type { Logger } from '../logger.js';
import type { Queryable } from '../store/db.js';
import { reapStaleRuns, type ReapedRun } from '../store/stale-runs.js';

/**
 * A running pass commits a group at least every few seconds while it reads (FLUSH_MS in collect-account.ts), and
 * a platform call gives up within minutes; 15 minutes without a commit means the pass is gone.
 */
export const RUN_LEASE_MS = 15 * 60_000;
/** No pass runs this long; one that seems to (a clock or a stuck process) is ended whatever it wrote. */
export const RUN_MAX_AGE_MS = 12 * 3_600_000;

/** Reaps runs left `running` (reapStaleRuns) with the project's lease and age; logs what it ended. */
export async function reapAbandonedRuns(db: Queryable, log: Logger, now: Date): Promise<ReapedRun[]> {
  const reaped = await reapStaleRuns(db, now, {
    leaseCutoff: new Date(now.getTime() - RUN_LEASE_MS),
    ageCutoff: new Date(now.getTime() - RUN_MAX_AGE_MS),
  });
  if (reaped.length > 0)
    log.warn(
      { runs: reaped.map((r) => r.runId), accounts: reaped.map((r) => r.accountId) },
      'runs left running by a stopped pass marked failed (ABANDONED)',
    );
  return reaped;
}
