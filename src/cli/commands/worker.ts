import { makeJobHandlers } from '../../jobs/handlers.js';
import { startHeartbeat } from '../../health.js';
import { shutdownInOrder } from '../../lifecycle.js';
import { BullmqRunner, startWorkers } from '../../queue/bullmq-runner.js';
import { QUEUE_NAMES, type QueueName } from '../../queue/jobs.js';
import { AppError } from '../../errors.js';
import { openRuntime } from '../../runtime.js';
import type { Command } from '../command.js';
import { intOpt, stringOpt } from '../parse.js';

export const workerCommand: Command = {
  path: ['worker'],
  summary: 'run BullMQ workers (needs REDIS_URL) until SIGINT/SIGTERM',
  usage: 'worker [--queues collect-facebook,pipeline] [--concurrency n]',
  longRunning: true,
  options: {
    queues: { type: 'string', description: `comma-separated queues (${QUEUE_NAMES.join(', ')})`, valueName: '<names>', default: 'all' },
    concurrency: {
      type: 'string',
      description: 'jobs at once per queue in this process',
      valueName: '<n>',
      default: 'LYTTEPOST_WORKER_CONCURRENCY',
    },
  },
  details: 'Start as many worker processes on as many machines as you like: job ids and claimed runs keep work single.',
  async run(args, ctx) {
    const queuesArg = stringOpt(args, 'queues');
    const queues = queuesArg ? queuesArg.split(',').map((q) => q.trim()) : [...QUEUE_NAMES];
    const unknown = queues.filter((q) => !(QUEUE_NAMES as readonly string[]).includes(q));
    if (unknown.length > 0) throw new AppError('USAGE', `worker: unknown queue '${unknown[0]}' (allowed: ${QUEUE_NAMES.join(', ')})`);
    const concurrencyArg = intOpt(this, args, 'concurrency', 1, 256);
    const rt = await openRuntime({ env: ctx.env, clock: ctx.clock });
    if (!rt.cfg.REDIS_URL) {
      await rt.close();
      throw new AppError(
        'USAGE',
        'worker: REDIS_URL is not set; without Redis, jobs run in-process inside `lyttepost demo`, `sync` and `scheduler`',
      );
    }
    const log = rt.log.child({ module: 'worker' });
    const producer = new BullmqRunner({ redisUrl: rt.cfg.REDIS_URL, prefix: rt.cfg.LYTTEPOST_QUEUE_PREFIX, log: rt.log });
    const set = startWorkers({
      redisUrl: rt.cfg.REDIS_URL,
      prefix: rt.cfg.LYTTEPOST_QUEUE_PREFIX,
      handlers: makeJobHandlers(rt),
      log,
      queues: queues as QueueName[],
      concurrency: concurrencyArg ?? rt.cfg.LYTTEPOST_WORKER_CONCURRENCY,
      producer,
    });
    const stopBeat = startHeartbeat(rt.cfg.LYTTEPOST_DATA_DIR, 'worker', () => ({ queues }));
    log.info({ queues, db: rt.db.kind }, 'worker started');
    ctx.stderr.write(`Worker running on ${queues.join(', ')}. Ctrl-C to stop.\n`);
    await new Promise<void>((resolve) => ctx.shutdownSignal.addEventListener('abort', () => resolve(), { once: true }));
    await shutdownInOrder(log, [
      ['workers (finishing active jobs)', () => set.close()],
      ['heartbeat', async () => stopBeat()],
      ['redis', () => producer.close()],
      ['postgres', () => rt.close()],
    ]);
    return 0;
  },
};
