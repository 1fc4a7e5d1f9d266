import { AppError } from '../errors.js';

/** How often and how patiently a failing job is retried; the same policy for BullMQ and the in-process runner. */
export type RetryPolicy = {
  /** Total attempts including the first. @default 5 */
  attempts: number;
  /** First backoff in ms; doubles each attempt. @default 2000 */
  baseDelayMs: number;
  /** Upper bound of one backoff. @default 300000 */
  maxDelayMs: number;
};

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 2_000, maxDelayMs: 300_000 };

/**
 * Exponential backoff with "equal jitter": half the exponential delay fixed, half random, so a burst of
 * failures (a 5xx storm) does not retry in lockstep. `attempt` is the attempt that just failed (1-based).
 */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** Whether another attempt can help: AppErrors say so themselves; unknown errors (bugs, crashes) are retried. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof AppError) return err.retryable || err.code === 'PLATFORM_RATE_LIMIT';
  return true;
}

/** A stable code for the failed-job record: the AppError code, or INTERNAL for anything else. */
export function errorCodeOf(err: unknown): string {
  return err instanceof AppError ? err.code : 'INTERNAL';
}
