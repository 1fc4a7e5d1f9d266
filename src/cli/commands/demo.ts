import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { loadConfig } from '../../../config/env.js';
import { fixedClock } from '../../clock.js';
import { DEMO_DEFAULTS, loadOrCreateDemoState } from '../../demo/demo-state.js';
import { backfillProgress } from '../../store/backfill-progress.js';
import { ProgressBar } from '../../demo/progress.js';
import { formatSummaryTable, summaryCsv, summaryRows, type SummaryRow } from '../../demo/summary-table.js';
import { demoTexts, type DemoTexts } from '../../demo/texts.js';
import { DEFINITION_VERSION } from '../../indicators/definitions.js';
import { isoWeekOf } from '../../indicators/iso-week.js';
import { lastCompleteWeek } from '../../indicators/reporting-week.js';
import { classifyItems } from '../../jobs/classify-items.js';
import { computeIndicators } from '../../jobs/compute-indicators.js';
import { makeJobHandlers } from '../../jobs/handlers.js';
import { shutdownInOrder } from '../../lifecycle.js';
import { logFilePath, type Screen } from '../../logger.js';
import { BullmqRunner, startWorkers, type WorkerSet } from '../../queue/bullmq-runner.js';
import { waitForDrain } from '../../queue/drain.js';
import { InProcessRunner } from '../../queue/in-process-runner.js';
import type { JobRunner } from '../../queue/runner.js';
import { openRuntime, type Runtime } from '../../runtime.js';
import { startScheduler } from '../../schedule/scheduler.js';
import { startSimulator } from '../../simulator/server.js';
import { generateWorld } from '../../simulator/world.js';
import { upsertAccounts } from '../../store/accounts.js';
import { readIndicatorValues } from '../../store/indicator-values.js';
import { municipalityNames } from '../../store/register.js';
import type { Command } from '../command.js';
import { boolOpt, dateOpt, intOpt } from '../parse.js';
import { ensureWritableDir } from '../../data-dir.js';

async function weekTable(rt: Runtime, week: string): Promise<SummaryRow[]> {
  const rows = await readIndicatorValues(rt.db, { weeks: [week], scope: 'municipality', definitionVersion: DEFINITION_VERSION });
  return summaryRows(rows, await municipalityNames(rt.db));
}

function writeOutputs(dir: string, week: string, rows: readonly SummaryRow[], now: Date): { json: string; csv: string } {
  ensureWritableDir(dir, 'LYTTEPOST_DATA_DIR');
  const json = path.join(dir, `${week}.json`);
  const csv = path.join(dir, `${week}.csv`);
  writeFileSync(
    json,
    JSON.stringify({ week, generatedAt: now.toISOString(), definitionVersion: DEFINITION_VERSION, municipalities: rows }, null, 2) + '\n',
  );
  writeFileSync(csv, summaryCsv(rows));
  return { json, csv };
}

function describeChanges(t: DemoTexts, before: ReadonlyMap<string, SummaryRow>, after: readonly SummaryRow[]): string[] {
  const out: string[] = [];
  for (const r of after) {
    const b = before.get(r.municipality);
    if (!b) continue;
    if (b.unanswered_open !== r.unanswered_open) out.push(t.unansweredChanged(r.name, b.unanswered_open ?? 0, r.unanswered_open ?? 0));
    if (b.questions !== r.questions) out.push(t.questionsChanged(r.name, b.questions ?? 0, r.questions ?? 0));
    if (b.response_rate !== r.response_rate && r.response_rate !== null) {
      out.push(
        t.responseRateChanged(
          r.name,
          b.response_rate === null ? '–' : String(Math.round(b.response_rate * 100)),
          String(Math.round(r.response_rate * 100)),
        ),
      );
    }
  }
  return out;
}

export const demoCommand: Command = {
  path: ['demo'],
  summary: 'run Lyttepost end to end against the built-in platform simulator (what `npm start` runs)',
  usage: 'demo [--once] [--municipalities n] [--poll-minutes n] [--now <iso>]',
  longRunning: true,
  options: {
    once: { type: 'boolean', description: 'stop after the first full cycle (backfill, classify, indicators, table)' },
    municipalities: {
      type: 'string',
      description: 'municipalities to simulate on the first run',
      valueName: '<n>',
      default: String(DEMO_DEFAULTS.municipalities),
    },
    'poll-minutes': { type: 'string', description: 'how often the live phase polls every account', valueName: '<n>', default: '2' },
    now: { type: 'string', description: 'freeze the clock at this time (reproducible runs and tests)', valueName: '<iso time>' },
  },
  details:
    'Uses DATABASE_URL/REDIS_URL when set (Postgres and BullMQ with workers in this process), otherwise the embedded\n' +
    'database under LYTTEPOST_DATA_DIR and in-process jobs. The simulated world (seed, weeks) is kept in\n' +
    '<data dir>/demo/state.json, so a second run continues where the first stopped. Tables are written to\n' +
    '<data dir>/demo/<week>.json and .csv.',
  async run(args, ctx) {
    const once = boolOpt(args, 'once');
    const municipalities = intOpt(this, args, 'municipalities', 1, 357);
    const pollMinutes = intOpt(this, args, 'poll-minutes', 1, 1440) ?? 2;
    const frozen = dateOpt(this, args, 'now');
    const clock = frozen ? fixedClock(frozen) : ctx.clock;
    const cfg = loadConfig(ctx.env);
    const err = (s: string) => ctx.stderr.write(s + '\n');
    const t = demoTexts(cfg.LYTTEPOST_LANG);

    const { state, created } = loadOrCreateDemoState(cfg.LYTTEPOST_DATA_DIR, clock(), municipalities ? { municipalities } : {});
    err(t.world(created, state.seed, state.municipalities, state.start.slice(0, 10)));
    const world = generateWorld({
      seed: state.seed,
      municipalities: state.municipalities,
      start: new Date(state.start),
      end: new Date(state.end),
    });
    const sim = await startSimulator({ world, port: 0, host: '127.0.0.1', clock });
    err(t.simulator(sim.url));

    const env = { ...ctx.env, FACEBOOK_GRAPH_URL: sim.url, YOUTUBE_API_URL: sim.url, X_API_URL: sim.url, BLUESKY_API_URL: sim.url };
    let rt: Runtime;
    try {
      rt = await openRuntime({ env, clock });
    } catch (e) {
      await sim.close();
      throw e;
    }
    const log = rt.log.child({ module: 'demo' });
    if ((ctx.stderr as Screen).isTTY === true) err(t.logFile(logFilePath(cfg.LYTTEPOST_DATA_DIR)));
    err(rt.db.kind === 'pglite' ? t.embeddedDb(path.resolve(cfg.LYTTEPOST_DATA_DIR, 'pglite')) : t.postgres);

    const registered = await upsertAccounts(
      rt.db,
      rt.cipher,
      world.accounts.map((a) => ({
        municipalityCode: a.municipalityCode,
        platform: a.platform,
        externalId: a.externalId,
        handle: a.handle,
        tokenEnv: null,
        token: a.token,
      })),
      clock(),
    );
    const countyCount = new Set(world.municipalities.map((m) => m.countyCode)).size;
    err(t.registered(registered.length, world.municipalities.length, countyCount, registered.filter((a) => a.created).length));

    const handlers = makeJobHandlers(rt);
    let runner: JobRunner;
    let workers: WorkerSet | null = null;
    if (rt.cfg.REDIS_URL) {
      const producer = new BullmqRunner({ redisUrl: rt.cfg.REDIS_URL, prefix: rt.cfg.LYTTEPOST_QUEUE_PREFIX, log: rt.log });
      workers = startWorkers({
        redisUrl: rt.cfg.REDIS_URL,
        prefix: rt.cfg.LYTTEPOST_QUEUE_PREFIX,
        handlers,
        log,
        concurrency: rt.cfg.LYTTEPOST_WORKER_CONCURRENCY,
        producer,
      });
      runner = producer;
      err(t.bullmq);
    } else {
      runner = new InProcessRunner({ handlers, log });
    }
    const close = async () =>
      shutdownInOrder(log, [
        [
          'jobs',
          async () => {
            await workers?.close();
            await runner.close();
          },
        ],
        ['postgres', () => rt.close()],
        ['simulator', () => sim.close()],
      ]);

    try {
      // Backfill: one collect job per account from the start of the simulated history. The slot is fixed, so a
      // second start finds it done, and a start after a crash resumes it from the stored watermarks.
      const slot = `backfill-${state.start.slice(0, 10)}`;
      const bar = new ProgressBar(ctx.stderr, t.backfillLabel, registered.length);
      let shown = 0;
      for (const a of registered) {
        await runner.enqueue({ kind: 'collect', payload: { accountId: a.id, platform: a.platform, slot, since: state.start } });
      }
      await waitForDrain(runner, {
        signal: ctx.shutdownSignal,
        onPoll: async () => {
          const p = await backfillProgress(rt.db, slot);
          if (p.finished > shown) {
            bar.tick(p.finished - shown, t.backfillItems(p.items));
            shown = p.finished;
          }
        },
      });
      if (ctx.shutdownSignal.aborted) {
        await close();
        return 130;
      }
      // What the chains left undone (a start after a crash finds the backfill's slots done and may find their
      // follow-ups never ran): classified and recomputed here, so the table is the stored data's, whatever happened.
      await classifyItems({}, { db: rt.db, log, clock });
      await computeIndicators({}, { db: rt.db, log, clock });
      const p = await backfillProgress(rt.db, slot);
      if (p.failed > 0) err(t.failed(p.failed));

      const week = lastCompleteWeek(clock());
      const rows = await weekTable(rt, week);
      ctx.stdout.write(`\n${t.heading(week)}\n\n`);
      ctx.stdout.write(formatSummaryTable(rows, rt.cfg.LYTTEPOST_LANG));
      const files = writeOutputs(path.resolve(rt.cfg.LYTTEPOST_DATA_DIR, 'demo'), week, rows, clock());
      ctx.stdout.write(`\n${t.saved(files.json, files.csv)}\n`);
      if (once) {
        await close();
        return 0;
      }

      // Live: poll like the service would, and say what changed.
      ctx.stdout.write(`\n${t.polling(pollMinutes)}\n`);
      let previous = new Map((await weekTable(rt, isoWeekOf(clock()))).map((r) => [r.municipality, r]));
      const scheduler = startScheduler({
        db: rt.db,
        runner,
        log,
        clock,
        retentionDays: rt.cfg.LYTTEPOST_RETENTION_DAYS,
        fixedIntervalMin: pollMinutes,
        onTick: async (summary) => {
          if (summary.enqueued + summary.reenqueued === 0) return;
          await waitForDrain(runner, { signal: ctx.shutdownSignal });
          const now = await weekTable(rt, isoWeekOf(clock()));
          const changes = describeChanges(t, previous, now);
          previous = new Map(now.map((r) => [r.municipality, r]));
          const stamp = clock().toLocaleTimeString(t.locale, { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit' });
          ctx.stdout.write(
            changes.length === 0
              ? `${stamp}  ${t.noChanges(summary.enqueued + summary.reenqueued)}\n`
              : changes.map((c) => `${stamp}  ${c}`).join('\n') + '\n',
          );
        },
      });
      await new Promise<void>((resolve) => ctx.shutdownSignal.addEventListener('abort', () => resolve(), { once: true }));
      ctx.stderr.write(`\n${t.stopping}\n`);
      await scheduler.stop();
      await close();
      return 0;
    } catch (e) {
      await close();
      throw e;
    }
  },
};
