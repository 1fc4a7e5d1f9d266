import { makeJobHandlers } from '../../jobs/handlers.js';
import { startHeartbeat } from '../../health.js';
import { shutdownInOrder } from '../../lifecycle.js';
import { BullmqRunner } from '../../queue/bullmq-runner.js';
import { InProcessRunner } from '../../queue/in-process-runner.js';
import type { JobRunner } from '../../queue/runner.js';
import { openRuntime } from '../../runtime.js';
import { startScheduler } from '../../schedule/scheduler.js';
import type { Command } from '../command.js';

export const schedulerCommand: Command = {
  path: ['scheduler'],
  summary: 'poll every account at its planned interval (node-cron, Europe/Oslo) until SIGINT/SIGTERM',
  usage: 'scheduler',
  longRunning: true,
  options: {},
  details:
    'With REDIS_URL the scheduler only enqueues and `lyttepost worker` processes do the work; without it, jobs run\n' +
    'in this process. Several schedulers may run at once: each slot is claimed once in Postgres.\n' +
    'The polling plan and its budgets are described in docs/scheduling.md.',
  async run(_args, ctx) {
    const rt = await openRuntime({ env: ctx.env, clock: ctx.clock });
    const log = rt.log.child({ module: 'scheduler' });
    const runner: JobRunner = rt.cfg.REDIS_URL
      ? new BullmqRunner({ redisUrl: rt.cfg.REDIS_URL, prefix: rt.cfg.LYTTEPOST_QUEUE_PREFIX, log: rt.log })
      : new InProcessRunner({ handlers: makeJobHandlers(rt), log });
    const scheduler = startScheduler({ db: rt.db, runner, log, clock: rt.clock, retentionDays: rt.cfg.LYTTEPOST_RETENTION_DAYS });
    const stopBeat = startHeartbeat(rt.cfg.LYTTEPOST_DATA_DIR, 'scheduler', () => ({
      lastTick: scheduler.lastTick(),
      runner: runner.kind,
    }));
    ctx.stderr.write(`Scheduler ${scheduler.id} running (${runner.kind} jobs). Ctrl-C to stop.\n`);
    await scheduler.tickNow().catch((err) => log.error({ err }, 'first tick failed'));
    await new Promise<void>((resolve) => ctx.shutdownSignal.addEventListener('abort', () => resolve(), { once: true }));
    await shutdownInOrder(log, [
      ['cron', () => scheduler.stop()],
      ['jobs', () => runner.close()],
      ['heartbeat', async () => stopBeat()],
      ['postgres', () => rt.close()],
    ]);
    return 0;
  },
};
