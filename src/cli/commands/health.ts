import { loadConfig } from '../../../config/env.js';
import { AppError } from '../../errors.js';
import { readHeartbeats } from '../../health.js';
import type { Command } from '../command.js';
import { intOpt, requireOpt } from '../parse.js';

const KINDS = ['worker', 'scheduler'] as const;

export const healthCommand: Command = {
  path: ['health'],
  summary: 'liveness of a worker or scheduler process on this machine (exit 0 = alive)',
  usage: 'health --process worker|scheduler [--max-age <seconds>]',
  options: {
    process: { type: 'string', description: 'worker or scheduler', valueName: '<kind>' },
    'max-age': { type: 'string', description: 'a heartbeat older than this is dead', valueName: '<seconds>', default: '30' },
  },
  details: 'Reads the heartbeat files the processes write under LYTTEPOST_DATA_DIR/health (used by docker-compose health checks).',
  async run(args, ctx) {
    const kind = requireOpt(this, args, 'process');
    if (!(KINDS as readonly string[]).includes(kind))
      throw new AppError('USAGE', `health: unknown process '${kind}' (allowed: ${KINDS.join(', ')})`);
    const maxAge = intOpt(this, args, 'max-age', 1, 86_400) ?? 30;
    const cfg = loadConfig(ctx.env);
    const now = ctx.clock().getTime();
    const beats = readHeartbeats(cfg.LYTTEPOST_DATA_DIR, kind);
    const fresh = beats.filter((b) => now - new Date(b.at).getTime() <= maxAge * 1000);
    if (fresh.length === 0) {
      ctx.stdout.write(
        `${kind}: not alive (no heartbeat within ${maxAge} s${
          beats.length
            ? `; last ${beats
                .map((b) => b.at)
                .sort()
                .at(-1)}`
            : ''
        })\n`,
      );
      return 1;
    }
    for (const b of fresh)
      ctx.stdout.write(`${kind} pid ${b.pid}: alive (heartbeat ${Math.round((now - new Date(b.at).getTime()) / 1000)} s ago)\n`);
    return 0;
  },
};
