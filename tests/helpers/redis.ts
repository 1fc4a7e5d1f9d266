import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { Redis } from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL;

/** A unique BullMQ prefix per test file, so parallel files never see each other's queues. */
export const uniquePrefix = () => `test-${randomUUID().slice(0, 8)}`;

/** Removes every key under a prefix. */
export async function dropPrefix(url: string, prefix: string): Promise<void> {
  const r = new Redis(url, { maxRetriesPerRequest: null });
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await r.del(...keys);
  } while (cursor !== '0');
  r.disconnect();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * A private redis-server (Debian's binary) on a free loopback port with append-only persistence (or none, with
 * `persistence: false`), so a test can stop, kill and restart it without touching the shared Redis.
 */
export async function privateRedis(
  opts: { persistence?: boolean } = {},
): Promise<{ url: string; stop(signal?: NodeJS.Signals): Promise<void>; start(): Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'lyttepost-redis-'));
  let proc: ChildProcess | null = null;
  const url = `redis://127.0.0.1:${port}`;
  const start = async () => {
    const persistence = opts.persistence === false ? ['--appendonly', 'no'] : ['--appendonly', 'yes', '--appendfsync', 'always'];
    proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, ...persistence, '--save', ''], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 100; i++) {
      const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      r.on('error', () => {});
      try {
        await r.connect();
        if ((await r.ping()) === 'PONG') {
          r.disconnect();
          return;
        }
      } catch {
        /* not up yet */
      }
      r.disconnect();
      await sleep(50);
    }
    throw new Error('private redis did not start');
  };
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const p = proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill(signal);
    await exited;
  };
  await start();
  return { url, start, stop };
}
