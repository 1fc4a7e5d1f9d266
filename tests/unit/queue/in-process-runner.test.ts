import { describe, expect, test } from 'vitest';

import { AppError } from '../../../src/errors.js';
import { InProcessRunner } from '../../../src/queue/in-process-runner.js';
import type { JobHandlers, JobSummary } from '../../../src/queue/jobs.js';
import { backoffMs } from '../../../src/queue/retry-policy.js';
import { silentLogger } from '../../helpers/silent-logger.js';

const FAST = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
const ok = async (): Promise<JobSummary> => ({});

function handlers(over: Partial<JobHandlers>): JobHandlers {
  return { collect: ok, classify: ok, compute: ok, alerts: ok, report: ok, ...over };
}

describe('InProcessRunner', () => {
  test('runs jobs in order, collapses duplicate ids, and enqueues follow-ups after success', async () => {
    const seen: string[] = [];
    const runner = new InProcessRunner({
      log: silentLogger,
      retry: FAST,
      handlers: handlers({
        collect: async (p) => {
          seen.push(`collect ${p.accountId}`);
          return { next: [{ kind: 'classify', payload: { slot: p.slot, accountId: p.accountId } }] };
        },
        classify: async (p) => {
          seen.push(`classify ${p.accountId}`);
          return { next: [{ kind: 'compute', payload: { slot: p.slot, accountId: p.accountId } }] };
        },
        compute: async (p) => {
          seen.push(`compute ${p.accountId}`);
          return {};
        },
      }),
    });
    const spec = { kind: 'collect', payload: { accountId: '1', platform: 'facebook', slot: '2026-11-29T10:00' } } as const;
    expect((await runner.enqueue(spec)).added).toBe(true);
    expect((await runner.enqueue(spec)).added).toBe(false);
    await runner.enqueue({ kind: 'collect', payload: { accountId: '2', platform: 'x', slot: '2026-11-29T10:00' } });
    await runner.onIdle();
    // Each collect gets its own follow-ups even in the same slot: a shared follow-up id would collapse into one
    // that already ran before the second collect's items existed.
    expect(seen).toEqual(['collect 1', 'classify 1', 'collect 2', 'compute 1', 'classify 2', 'compute 2']);
    expect((await runner.enqueue(spec)).added).toBe(false);
    await runner.close();
  });

  test('retries a failing job with backoff and records it failed with its error code after the last attempt', async () => {
    let calls = 0;
    const runner = new InProcessRunner({
      log: silentLogger,
      retry: FAST,
      handlers: handlers({
        collect: async () => {
          calls++;
          throw new AppError('PLATFORM_UNAVAILABLE', 'HTTP 503', { retryable: true });
        },
      }),
    });
    await runner.enqueue({ kind: 'collect', payload: { accountId: '1', platform: 'facebook', slot: 's' } });
    await runner.onIdle();
    expect(calls).toBe(3);
    expect(runner.failed).toEqual([expect.objectContaining({ errorCode: 'PLATFORM_UNAVAILABLE', attempts: 3, kind: 'collect' })]);
  });

  test('does not retry an error that says retrying cannot help', async () => {
    let calls = 0;
    const runner = new InProcessRunner({
      log: silentLogger,
      retry: FAST,
      handlers: handlers({
        collect: async () => {
          calls++;
          throw new AppError('PLATFORM_CONTRACT', 'field renamed');
        },
      }),
    });
    await runner.enqueue({ kind: 'collect', payload: { accountId: '1', platform: 'facebook', slot: 's' } });
    await runner.onIdle();
    expect(calls).toBe(1);
    expect(runner.failed[0]?.errorCode).toBe('PLATFORM_CONTRACT');
  });

  test('waits out a rate limit without using up an attempt', async () => {
    let calls = 0;
    const started = Date.now();
    const runner = new InProcessRunner({
      log: silentLogger,
      retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 5 },
      handlers: handlers({
        collect: async () => {
          calls++;
          if (calls <= 3) throw new AppError('PLATFORM_RATE_LIMIT', '429', { retryable: true, retryAfterMs: 30 });
          return {};
        },
      }),
    });
    await runner.enqueue({ kind: 'collect', payload: { accountId: '1', platform: 'x', slot: 's' } });
    await runner.onIdle();
    expect(calls).toBe(4);
    expect(runner.failed).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(85);
  });
});

describe('backoffMs', () => {
  test('grows exponentially with jitter inside [exp/2, exp] and is capped', () => {
    const p = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect(backoffMs(p, 1, () => 0)).toBe(500);
    expect(backoffMs(p, 1, () => 1)).toBe(1000);
    expect(backoffMs(p, 3, () => 0.5)).toBe(3000);
    expect(backoffMs(p, 10, () => 1)).toBe(5000);
  });
});
