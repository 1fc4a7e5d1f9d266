import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { InProcessRunner } from '../../../src/queue/in-process-runner.js';
import type { JobHandlers, JobSpec } from '../../../src/queue/jobs.js';
import { schedulerTick } from '../../../src/schedule/tick.js';
import { insertAccount } from '../../helpers/builders.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';

describe('scheduler tick', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  beforeAll(async () => {
    t = await useTestDb();
    for (let i = 0; i < 30; i++) {
      await insertAccount(t.db, {
        municipality: '0301',
        platform: (['facebook', 'youtube', 'x'] as const)[i % 3] ?? 'x',
        externalId: `acc-${i}`,
      });
    }
    await insertAccount(t.db, { municipality: '0301', platform: 'facebook', externalId: 'reauth', status: 'needs_reauth' });
  });
  afterAll(async () => t.drop());

  function recordingRunner(seen: JobSpec[]): InProcessRunner {
    const rec = async () => ({});
    const handlers: JobHandlers = {
      collect: async (p) => (seen.push({ kind: 'collect', payload: p }), rec()),
      classify: rec,
      compute: rec,
      alerts: rec,
      report: rec,
    };
    return new InProcessRunner({ handlers, log: silentLogger });
  }

  test('two schedulers ticking at the same moment enqueue each due account exactly once', async () => {
    const seenA: JobSpec[] = [];
    const seenB: JobSpec[] = [];
    const a = recordingRunner(seenA);
    const b = recordingRunner(seenB);
    const now = new Date('2026-11-29T10:07:00Z');
    const [sa, sb] = await Promise.all([
      schedulerTick({ db: t.db, runner: a, log: silentLogger, schedulerId: 'A' }, now),
      schedulerTick({ db: t.db, runner: b, log: silentLogger, schedulerId: 'B' }, now),
    ]);
    await Promise.all([a.onIdle(), b.onIdle()]);
    expect(sa.enqueued + sb.enqueued).toBe(30);
    expect(sa.claimedElsewhere + sb.claimedElsewhere).toBe(30);
    expect(sa.skippedInactive).toBe(1);
    const ids = [...seenA, ...seenB].map((s) => (s.kind === 'collect' ? s.payload.accountId : ''));
    expect(new Set(ids).size).toBe(30);
    // The same minute again: every slot is taken.
    const again = await schedulerTick({ db: t.db, runner: a, log: silentLogger, schedulerId: 'A' }, new Date('2026-11-29T10:08:00Z'));
    expect(again.enqueued).toBe(0);
  });
});
