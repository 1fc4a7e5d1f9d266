import type { Collector } from '../collectors/collector.js';
import type { ContractWarning } from '../collectors/contract.js';
import type { Account, Platform } from '../domain/records.js';
import type { Logger } from '../logger.js';
import type { RunOutcome, RunResult } from '../store/harvest-runs.js';
import type { Totals } from './commit-group.js';

/**
 * What one collection pass keeps while it runs (`Pass`) and what it leaves behind: the run row's end
 * (`runResult`) and the summary returned to the caller and logged (`summarise`).
 */

export type StreamError = { stream: string; code: string; message: string };

/** An item a stream did not store because it did not have the expected shape (counted per field). */
export type StreamWarning = ContractWarning & { stream: string };

export type CollectSummary =
  | { skipped: 'already-claimed' | 'account-inactive' | 'account-busy'; accountId: string }
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
      /** Malformed items skipped (the rest of their pages stored). */
      warnings: StreamWarning[];
      /** When the pass was cut short by a rate limit: when the platform allows the next call (retry then). */
      retryAt: Date | null;
      durationMs: number;
      coveredFrom: Date | null;
      coveredTo: Date | null;
    };

export type Pass = {
  account: Account;
  started: Date;
  log: Logger;
  runId: string;
  resumed: boolean;
  totals: Totals;
  errors: StreamError[];
  warnings: StreamWarning[];
  coveredFrom: Date | null;
  coveredTo: Date | null;
  streamsRun: number;
  streamsOk: number;
  collector: Collector | null;
  /** The monitored account was found gone or suspended on the platform (its status set). */
  accountGone: boolean;
  retryAt: Date | null;
};

export const usage = (pass: Pass) => pass.collector?.usage() ?? { calls: 0, quotaUnits: 0 };

export const outcomeOf = (pass: Pass): RunOutcome =>
  pass.errors.length === 0 ? 'succeeded' : pass.streamsOk > 0 && pass.streamsRun > 0 ? 'partial' : 'failed';

/** The run row's end: outcome, usage, counts (`totals`, including a group not yet added), errors. */
export function runResult(pass: Pass, outcome: RunOutcome, totals: Totals, finishedAt: Date): RunResult {
  const u = usage(pass);
  return {
    outcome,
    finishedAt,
    calls: u.calls,
    quotaUnits: u.quotaUnits,
    itemsNew: totals.itemsNew,
    itemsUpdated: totals.itemsUpdated,
    errorCode: pass.errors[0]?.code ?? null,
    errorMessage:
      pass.errors.length > 0
        ? pass.errors
            .map((e) => `${e.stream}: ${e.message}`)
            .join('; ')
            .slice(0, 2000)
        : null,
    coveredFrom: pass.coveredFrom,
    coveredTo: pass.coveredTo,
    warnings: pass.warnings,
  };
}

/** The pass's summary once its run row is finished (logged). */
export function summarise(pass: Pass, outcome: RunOutcome, finishedAt: Date): CollectSummary {
  const u = usage(pass);
  const durationMs = finishedAt.getTime() - pass.started.getTime();
  pass.log.info(
    {
      outcome,
      calls: u.calls,
      quotaUnits: u.quotaUnits,
      ...pass.totals,
      errorCodes: pass.errors.map((e) => e.code),
      contractWarnings: pass.warnings.reduce((n, w) => n + w.count, 0),
      durationMs,
    },
    'collection pass finished',
  );
  return {
    accountId: pass.account.id,
    platform: pass.account.platform,
    runId: pass.runId,
    resumed: pass.resumed,
    outcome,
    calls: u.calls,
    quotaUnits: u.quotaUnits,
    ...pass.totals,
    errors: pass.errors,
    warnings: pass.warnings,
    retryAt: pass.retryAt,
    durationMs,
    coveredFrom: pass.coveredFrom,
    coveredTo: pass.coveredTo,
  };
}
