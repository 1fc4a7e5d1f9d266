import { randomBytes } from 'node:crypto';

import { COLLECTED_PLATFORMS, hasCollector } from '../../collectors/registry.js';
import type { Account } from '../../domain/records.js';
import { AppError } from '../../errors.js';
import { classifyItems } from '../../jobs/classify-items.js';
import { collectAccount, type CollectSummary } from '../../jobs/collect-account.js';
import { computeIndicators } from '../../jobs/compute-indicators.js';
import { inParallel } from '../../jobs/in-parallel.js';
import { reapAbandonedRuns } from '../../schedule/reap-runs.js';
import { findAccount, listAccounts } from '../../store/accounts.js';
import type { Command } from '../command.js';
import { boolOpt, dateOpt, stringOpt } from '../parse.js';
import { withRuntime } from '../with-runtime.js';

const isCollected = (a: Account) => hasCollector(a.platform);

const SKIPPED: Partial<Record<string, string>> = {
  'already-claimed': 'another run holds this slot',
  'account-busy': 'another collection pass over this account is running',
};

function line(a: Account, s: CollectSummary, now: Date): string {
  const head = `${a.id.padEnd(5)} ${a.platform.padEnd(8)} ${a.externalId}`;
  if ('skipped' in s) {
    const hint =
      a.status === 'needs_reauth' ? `; give it a new token with \`accounts add … --token-env\`, or \`accounts reactivate ${a.id}\`` : '';
    return `${head}  skipped (${SKIPPED[s.skipped] ?? `account is ${a.status}`}${hint})`;
  }
  const err = s.errors[0] ? `  ${s.errors[0].code}: ${s.errors[0].message.replace(/\s+/g, ' ').slice(0, 160)}` : '';
  const skippedItems = s.warnings.reduce((n, w) => n + w.count, 0);
  // Items not stored because they did not have the expected shape: how many, and the first field that was off.
  const warn =
    skippedItems > 0
      ? `  PLATFORM_CONTRACT warning: ${skippedItems} malformed item(s) skipped (${s.warnings[0]?.what} ${s.warnings[0]?.field})`
      : '';
  // A rate limit is not waited out here (issue 18): say when the platform allows the next call.
  const retry = s.retryAt
    ? `  retry after ${s.retryAt.toISOString().slice(0, 16).replace('T', ' ')} UTC (in ${Math.max(1, Math.ceil((s.retryAt.getTime() - now.getTime()) / 60_000))} min): run sync again then, or let the worker retry`
    : '';
  return `${head}  calls=${s.calls}${a.platform === 'youtube' ? ` units=${s.quotaUnits}` : ''} new=${s.itemsNew} updated=${s.itemsUpdated} deleted=${s.itemsDeleted} snapshots=${s.snapshots} ${s.outcome}${err}${warn}${retry}`;
}

export const syncCommand: Command = {
  path: ['sync'],
  summary: 'run one collection pass now, in-process, and print calls, items and outcome per account',
  usage: 'sync [--account <id> | --all] [--since <date>]',
  options: {
    account: { type: 'string', description: 'one account: Lyttepost id, platform:external_id, external id or handle', valueName: '<id>' },
    all: { type: 'boolean', description: `every active account on a collected platform (${COLLECTED_PLATFORMS.join(', ')})` },
    since: {
      type: 'string',
      description: 'backfill history from this date (e.g. 2026-09-01) instead of the stored watermark',
      valueName: '<date>',
    },
  },
  details:
    'Exit status: 0 when every account succeeded (or finished partially), 1 when any failed, 2 on bad arguments.\n' +
    'An expired token marks that account needs_reauth; the other accounts still run.\n' +
    'With --all, LYTTEPOST_WORKER_CONCURRENCY accounts (default 4) are collected at once; lines come in account order.',
  async run(args, ctx) {
    const ref = stringOpt(args, 'account');
    const all = boolOpt(args, 'all');
    if (ref !== undefined && all) throw new AppError('USAGE', 'sync: give either --account <id> or --all, not both');
    if (ref === undefined && !all) throw new AppError('USAGE', 'sync: say which accounts: --account <id> or --all');
    const since = dateOpt(this, args, 'since');
    const now = ctx.clock();
    if (since && since.getTime() > now.getTime()) {
      throw new AppError('USAGE', `sync: --since ${since.toISOString().slice(0, 10)} is in the future`);
    }
    return withRuntime(ctx, async (rt) => {
      let accounts: Account[];
      if (ref !== undefined) {
        const found = await findAccount(rt.db, ref);
        if (found.length === 0) throw new AppError('NOT_FOUND', `sync: no account '${ref}' (see \`lyttepost accounts list\`)`);
        if (found.length > 1)
          throw new AppError('USAGE', `sync: '${ref}' matches ${found.length} accounts; use the Lyttepost id or platform:external_id`);
        accounts = found;
        const [only] = found;
        if (only && !isCollected(only))
          throw new AppError('USAGE', `sync: no collector for ${only.platform} yet (collected: ${COLLECTED_PLATFORMS.join(', ')})`);
      } else {
        accounts = (await listAccounts(rt.db, { status: 'active' })).filter(isCollected);
        if (accounts.length === 0) {
          ctx.stderr.write('sync: no active accounts (add some with `lyttepost accounts add` or `accounts import`)\n');
          return 0;
        }
      }
      // Manual runs use a fresh slot each time, so no retry ever takes over one a crash left `running`: end those.
      const reaped = await reapAbandonedRuns(rt.db, rt.log, now);
      if (reaped.length > 0) {
        ctx.stderr.write(
          `sync: ${reaped.length} run(s) left running by a pass that stopped (a killed process or a database restart) marked failed (ABANDONED)\n`,
        );
      }
      // A manual run gets its own slot: it never collides with a scheduled one.
      const slot = `manual-${now.toISOString()}-${randomBytes(3).toString('hex')}`;
      const tty = (ctx.stderr as { isTTY?: boolean }).isTTY === true;
      let failed = 0;
      let lastProgress = 0;
      const totals = { calls: 0, itemsNew: 0, itemsUpdated: 0 };
      // Accounts run LYTTEPOST_WORKER_CONCURRENCY at a time, as a worker runs jobs: a backfill is mostly waiting
      // on platforms and the database. Lines are printed in account order, each as soon as those before it are.
      const lines: Array<string | undefined> = [];
      let printed = 0;
      const running = new Map<string, { calls: number; itemsNew: number; itemsUpdated: number }>();
      let done = 0;
      const progress = () => {
        if (!since) return;
        const t = Date.now();
        if (t - lastProgress < (tty ? 200 : 5000)) return;
        lastProgress = t;
        const sum = { ...totals };
        for (const p of running.values()) {
          sum.calls += p.calls;
          sum.itemsNew += p.itemsNew;
          sum.itemsUpdated += p.itemsUpdated;
        }
        const text = `sync: [${done}/${accounts.length} done, ${running.size} running] ${sum.calls} calls, ${sum.itemsNew} new, ${sum.itemsUpdated} updated`;
        ctx.stderr.write(tty ? `\r${text.padEnd(100)}` : `${text}\n`);
      };
      const finished = (i: number, text: string) => {
        lines[i] = text;
        done++;
        if (tty && since && printed < lines.length && lines[printed] !== undefined) ctx.stderr.write(`\r${' '.repeat(100)}\r`);
        for (; lines[printed] !== undefined; printed++) ctx.stdout.write(`${lines[printed]}\n`);
      };
      const runOne = async (a: Account, i: number) => {
        running.set(a.id, { calls: 0, itemsNew: 0, itemsUpdated: 0 });
        let summary: CollectSummary;
        try {
          summary = await collectAccount(
            { accountId: a.id, slot, ...(since ? { since } : {}) },
            {
              db: rt.db,
              log: rt.log,
              clock: rt.clock,
              pseudonymise: rt.pseudonymise,
              cipher: rt.cipher,
              cfg: rt.cfg,
              onProgress: (p) => {
                running.set(a.id, { calls: p.calls, itemsNew: p.itemsNew, itemsUpdated: p.itemsUpdated });
                progress();
              },
            },
          );
        } catch (err) {
          failed++;
          const e = err as Error;
          finished(
            i,
            `${a.id.padEnd(5)} ${a.platform.padEnd(8)} ${a.externalId}  failed  ${err instanceof AppError ? err.code : 'INTERNAL'}: ${e.message.slice(0, 160)}`,
          );
          return;
        } finally {
          running.delete(a.id);
        }
        if (!('skipped' in summary) && summary.outcome === 'failed') failed++;
        if (!('skipped' in summary)) {
          totals.calls += summary.calls;
          totals.itemsNew += summary.itemsNew;
          totals.itemsUpdated += summary.itemsUpdated;
        }
        finished(i, line(a, summary, rt.clock()));
      };
      await inParallel(
        accounts.map((a, i) => () => runOne(a, i)),
        rt.cfg.LYTTEPOST_WORKER_CONCURRENCY,
      );
      // Carried forward as a scheduled run would be: new items classified, touched indicator weeks recomputed.
      const classified = await classifyItems({}, { db: rt.db, log: rt.log, clock: rt.clock });
      const computed = await computeIndicators({}, { db: rt.db, log: rt.log, clock: rt.clock });
      ctx.stdout.write(
        `total: ${accounts.length} account(s), ${totals.calls} calls, ${totals.itemsNew} new, ${totals.itemsUpdated} updated, ${failed} failed; ` +
          `classified ${classified.classified} item(s), recomputed ${computed.weeks} indicator week(s)\n`,
      );
      return failed > 0 ? 1 : 0;
    });
  },
};
