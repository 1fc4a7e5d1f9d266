import { AppError } from '../../errors.js';
import { BullmqRunner } from '../../queue/bullmq-runner.js';
import { queueStatus } from '../../queue/status.js';
import { loadConfig } from '../../../config/env.js';
import type { Command } from '../command.js';
import { boolOpt } from '../parse.js';

export const queueStatusCommand: Command = {
  path: ['queue', 'status'],
  summary: 'job counts per queue and state, the oldest waiting job, failed jobs with error codes',
  usage: 'queue status [--json]',
  options: { json: { type: 'boolean', description: 'print JSON' } },
  async run(args, ctx) {
    const cfg = loadConfig(ctx.env);
    if (!cfg.REDIS_URL)
      throw new AppError(
        'USAGE',
        'queue status: REDIS_URL is not set (without Redis, jobs run in-process and there is no queue to inspect)',
      );
    const runner = new BullmqRunner({ redisUrl: cfg.REDIS_URL, prefix: cfg.LYTTEPOST_QUEUE_PREFIX });
    try {
      const s = await queueStatus(runner);
      if (boolOpt(args, 'json')) {
        ctx.stdout.write(JSON.stringify(s, null, 2) + '\n');
        return 0;
      }
      const now = ctx.clock().getTime();
      ctx.stdout.write('queue              waiting  active  delayed  failed  completed  oldest waiting\n');
      for (const q of s.queues) {
        const age = q.oldestWaitingAt ? `${Math.round((now - q.oldestWaitingAt.getTime()) / 1000)} s` : '-';
        const c = q.counts;
        ctx.stdout.write(
          `${q.name.padEnd(17)}  ${String(c.waiting + c.prioritized).padStart(7)}  ${String(c.active).padStart(6)}  ${String(c.delayed).padStart(7)}  ${String(c.failed).padStart(6)}  ${String(c.completed).padStart(9)}  ${age}\n`,
        );
      }
      if (s.failed.length > 0) {
        ctx.stdout.write('\nfailed jobs (newest first):\n');
        for (const f of s.failed)
          ctx.stdout.write(
            `  ${f.failedAt.toISOString()}  ${f.errorCode.padEnd(22)} ${f.id} (attempts ${f.attempts}): ${f.message.slice(0, 120)}\n`,
          );
      }
      return 0;
    } finally {
      await runner.close();
    }
  },
};
