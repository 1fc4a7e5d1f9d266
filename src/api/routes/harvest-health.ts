import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { z } from 'zod';

import { listAccountHarvest, listCoveredSpans, platformUsageSince, type HarvestRunSpan } from '../../store/api-reads.js';
import { requireRole } from '../auth.js';
import type { RouteContext } from '../context.js';
import { parseInput } from '../respond.js';

/** Gaps shorter than this are the normal time between polls, not outages. */
const MIN_GAP_MS = 3_600_000;
const WINDOW_MS = 7 * 86_400_000;

export type Gap = { from: string; to: string; hours: number };

/**
 * Uncovered stretches of an account's last 7 days: the union of its runs' covered periods, from the first
 * covered instant in the window to `now` (a trailing gap is time since the last successful harvest).
 */
export function coverageGaps(spans: readonly HarvestRunSpan[], since: Date, now: Date): Gap[] {
  const sorted = [...spans].sort((a, b) => a.coveredFrom.getTime() - b.coveredFrom.getTime());
  const gaps: Gap[] = [];
  let reach: number | null = null;
  const push = (from: number, to: number) => {
    if (to - from >= MIN_GAP_MS) {
      gaps.push({
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        hours: Math.round(((to - from) / 3_600_000) * 10) / 10,
      });
    }
  };
  for (const s of sorted) {
    const from = Math.max(s.coveredFrom.getTime(), since.getTime());
    const to = Math.min(s.coveredTo.getTime(), now.getTime());
    if (reach === null) reach = from;
    if (from > reach) push(reach, from);
    reach = Math.max(reach, to);
  }
  if (reach !== null) push(reach, now.getTime());
  return gaps;
}

/** Harvest health for operators (admin only): last success, gaps, accounts needing re-authorisation, quota today. */
export function registerHarvestHealth(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/api/v1/harvest-health', async (req) => {
    requireRole(req, 'admin');
    parseInput(z.strictObject({}), req.query, 'query');
    return harvestHealth(ctx);
  });
}

export async function harvestHealth(ctx: RouteContext) {
  const now = ctx.deps.clock();
  const since = new Date(now.getTime() - WINDOW_MS);
  const today = DateTime.fromJSDate(now, { zone: 'Europe/Oslo' }).startOf('day').toJSDate();
  const [accounts, spans, usage] = await Promise.all([
    listAccountHarvest(ctx.deps.db),
    listCoveredSpans(ctx.deps.db, { since, until: now }),
    platformUsageSince(ctx.deps.db, today),
  ]);
  const byAccount = new Map<string, HarvestRunSpan[]>();
  for (const s of spans) byAccount.set(s.accountId, [...(byAccount.get(s.accountId) ?? []), s]);
  return {
    as_of: now.toISOString(),
    quota_today: {
      since: today.toISOString(),
      platforms: usage.map((u) => ({ platform: u.platform, runs: u.runs, calls: u.calls, quota_units: u.quotaUnits })),
    },
    needs_reauth: accounts.filter((a) => a.status === 'needs_reauth').map((a) => a.id),
    accounts: accounts.map((a) => ({
      id: a.id,
      municipality: a.municipality,
      platform: a.platform,
      handle: a.handle,
      status: a.status,
      status_reason: a.statusReason,
      last_success_at: a.lastSuccessAt?.toISOString() ?? null,
      hours_since_success: a.lastSuccessAt ? Math.round(((now.getTime() - a.lastSuccessAt.getTime()) / 3_600_000) * 10) / 10 : null,
      last_run_at: a.lastRunAt?.toISOString() ?? null,
      last_run_status: a.lastRunStatus,
      last_error_code: a.lastErrorCode,
      gaps_7d: coverageGaps(byAccount.get(a.id) ?? [], since, now),
    })),
  };
}
