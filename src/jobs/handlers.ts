import { AppError } from '../errors.js';
import type { JobHandlers } from '../queue/jobs.js';
import type { Runtime } from '../runtime.js';
import { classifyItems } from './classify-items.js';
import { collectAccount, type CollectDeps } from './collect-account.js';
import { computeIndicators } from './compute-indicators.js';
import { evaluateAlerts } from './evaluate-alerts.js';
import { sendWeeklyReports } from './send-weekly-reports.js';

export type HandlerOptions = Pick<CollectDeps, 'onProgress' | 'http' | 'collectorOptions'>;

/**
 * The job functions bound to one runtime. Each returns its summary and names its forward follow-ups:
 * collect → classify → compute. Follow-up ids carry the source account, so they never collapse across
 * accounts (see JobPayloads.compute).
 */
export function makeJobHandlers(rt: Runtime, opts: HandlerOptions = {}): JobHandlers {
  const deps = { db: rt.db, log: rt.log, clock: rt.clock, pseudonymise: rt.pseudonymise, cipher: rt.cipher, cfg: rt.cfg };
  return {
    collect: async (p, ctx) => {
      const summary = await collectAccount(
        { accountId: p.accountId, slot: p.slot, ...(p.since ? { since: new Date(p.since) } : {}) },
        { ...deps, ...opts, log: ctx.log },
      );
      // A pass cut short by a rate limit is retried once the platform allows calls again: the runner pauses the
      // platform's queue and delays the job (what it committed stays; the retry resumes from there).
      if ('retryAt' in summary && summary.retryAt) {
        const retryAfterMs = Math.max(0, summary.retryAt.getTime() - rt.clock().getTime());
        throw new AppError('PLATFORM_RATE_LIMIT', `collect ${p.accountId}: rate limited; retry at ${summary.retryAt.toISOString()}`, {
          retryable: true,
          retryAfterMs,
        });
      }
      const changed = 'itemsNew' in summary && summary.itemsNew + summary.itemsUpdated + summary.snapshots > 0;
      // A delivery of a slot that an earlier delivery finished (or began) chains the follow-ups again: that one may
      // have died after its last commit and before enqueuing them. Their ids are deterministic, so a chain that did
      // run collapses.
      const redelivered = 'skipped' in summary ? summary.skipped === 'already-claimed' : summary.resumed;
      return { ...summary, next: changed || redelivered ? [{ kind: 'classify', payload: { slot: p.slot, accountId: p.accountId } }] : [] };
    },
    classify: async (p, ctx) => {
      const summary = await classifyItems({ reclassify: p.reclassify ?? false }, { ...deps, log: ctx.log });
      return { ...summary, next: [{ kind: 'compute', payload: { slot: p.slot, ...(p.accountId ? { accountId: p.accountId } : {}) } }] };
    },
    compute: async (p, ctx) => {
      const summary = await computeIndicators({ all: p.all ?? false }, { db: rt.db, log: ctx.log, clock: rt.clock });
      return { ...summary };
    },
    alerts: async (p, ctx) => {
      const summary = await evaluateAlerts(
        { now: new Date(p.slot) },
        { db: rt.db, log: ctx.log, clock: rt.clock, cfg: rt.cfg, cipher: rt.cipher },
      );
      return { ...summary };
    },
    report: async (p, ctx) => {
      const { reports: _reports, ...summary } = await sendWeeklyReports(
        { week: p.week, send: p.send },
        { db: rt.db, log: ctx.log, clock: rt.clock, cfg: rt.cfg },
      );
      return { ...summary };
    },
  };
}
