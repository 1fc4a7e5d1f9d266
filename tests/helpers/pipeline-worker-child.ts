/**
 * A worker process for the fault tests of the job pipeline: the real job handlers (collect → classify → compute)
 * on real BullMQ workers, on the simulated clock PIPELINE_NOW, with a short lock so a killed worker's job is
 * handed on within seconds. KILL_AT makes it SIGKILL itself at a point no outside observer can time:
 * - `collect-done:<accountId>`: after that account's collect returned (its last group and run row committed),
 *   before the worker enqueues its follow-ups;
 * - `classify-done`: after the first classify job returned (its classifications committed), before its compute
 *   is enqueued.
 */
import { fixedClock } from '../../src/clock.js';
import { makeJobHandlers } from '../../src/jobs/handlers.js';
import { makeLogger } from '../../src/logger.js';
import { BullmqRunner, startWorkers } from '../../src/queue/bullmq-runner.js';
import type { JobHandlers } from '../../src/queue/jobs.js';
import { openRuntime } from '../../src/runtime.js';

const env = process.env;
const rt = await openRuntime({
  env,
  clock: fixedClock(env.PIPELINE_NOW as string),
  log: makeLogger({ LOG_LEVEL: (env.LOG_LEVEL ?? 'warn') as 'warn' }),
});
const real = makeJobHandlers(rt);
const killAt = env.KILL_AT ?? '';
const die = () => process.kill(process.pid, 'SIGKILL');
const handlers: JobHandlers = {
  ...real,
  collect: async (p, ctx) => {
    const s = await real.collect(p, ctx);
    if (killAt === `collect-done:${p.accountId}`) die();
    return s;
  },
  classify: async (p, ctx) => {
    const s = await real.classify(p, ctx);
    if (killAt === 'classify-done') die();
    return s;
  },
};
// Loading the code and opening the runtime takes seconds on a busy machine: a test may start a worker ahead of time
// and let it take jobs later (WAIT_FOR_GO: a line on stdin).
if (env.WAIT_FOR_GO) {
  process.stdout.write('loaded\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
}
const redisUrl = env.REDIS_URL as string;
const prefix = env.LYTTEPOST_QUEUE_PREFIX as string;
const producer = new BullmqRunner({ redisUrl, prefix });
const set = startWorkers({
  redisUrl,
  prefix,
  handlers,
  log: rt.log,
  concurrency: Number(env.CONCURRENCY ?? '3'),
  lockDurationMs: 2_000,
  producer,
  retry: { attempts: 5, baseDelayMs: 200, maxDelayMs: 2_000 },
});
await Promise.all(set.workers.map((w) => w.waitUntilReady()));
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void (async () => {
    await set.close();
    await producer.close();
    await rt.close();
    process.exit(0);
  })();
});
