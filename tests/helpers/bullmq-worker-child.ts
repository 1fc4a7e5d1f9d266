/**
 * A worker process for queue tests: real BullMQ workers running stand-in handlers that record each start and
 * completion in Redis. `slow` collect jobs take WORK_MS, so a test can kill the process mid-job.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { Redis } from 'ioredis';
import { pino } from 'pino';

import { BullmqRunner, startWorkers } from '../../src/queue/bullmq-runner.js';
import type { JobHandlers, JobSummary } from '../../src/queue/jobs.js';

const redisUrl = process.env.REDIS_URL as string;
const prefix = process.env.QUEUE_PREFIX as string;
const workMs = Number(process.env.WORK_MS ?? '50');
const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
redis.on('error', () => {});
const ok = async (): Promise<JobSummary> => ({});

const handlers: JobHandlers = {
  collect: async (p) => {
    await redis.hincrby(`${prefix}:started`, p.accountId, 1);
    await sleep(workMs);
    await redis.hincrby(`${prefix}:done`, p.accountId, 1);
    // One field per finished run: unlike the counter above, a command ioredis resends after a reconnect
    // (it cannot know whether the first one arrived) cannot count twice.
    await redis.hset(`${prefix}:runs`, `${p.accountId}:${randomUUID()}`, '1');
    await redis.rpush(`${prefix}:by`, `${p.accountId}:${process.pid}`);
    return {};
  },
  classify: ok,
  compute: ok,
  alerts: ok,
  report: ok,
};

const producer = new BullmqRunner({ redisUrl, prefix });
const set = startWorkers({
  redisUrl,
  prefix,
  handlers,
  log: pino({ level: 'silent' }),
  concurrency: Number(process.env.CONCURRENCY ?? '4'),
  lockDurationMs: Number(process.env.LOCK_MS ?? '2000'),
  producer,
  retry: { attempts: 5, baseDelayMs: 100, maxDelayMs: 500 },
});
await Promise.all(set.workers.map((w) => w.waitUntilReady()));
process.stdout.write('ready\n');
async function stop(): Promise<void> {
  await set.close();
  await producer.close();
  redis.disconnect();
  process.exit(0);
}
// A failure to stop is an unhandled rejection: the child dies loudly and the test sees it.
process.on('SIGTERM', () => void stop());
