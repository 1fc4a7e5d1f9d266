import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { freePort } from './redis.js';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';

/**
 * A private Postgres cluster (initdb + pg_ctl) on a free loopback port, so a test can crash and restart it without
 * touching the shared server. Runs as the postgres user when the test runs as root (initdb refuses root).
 */
export async function privatePostgres(): Promise<{ url: string; restart(mode?: 'immediate' | 'fast'): Promise<void>; stop(): Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'lyttepost-pg-'));
  const asPostgres = process.getuid?.() === 0;
  if (asPostgres) chownSync(dir, 101, 104);
  const pg = async (bin: string, args: string[]) => {
    const [cmd, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, bin), ...args]] : [path.join(BIN, bin), args];
    await run(cmd as string, argv as string[], { timeout: 60_000 });
  };
  const data = path.join(dir, 'data');
  await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=32MB`;
  const start = () => pg('pg_ctl', ['start', '-D', data, '-w', '-l', path.join(dir, 'log'), '-o', options]);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    // `immediate`: no shutdown checkpoint, crash recovery at the next start — what a crash or kill -9 leaves.
    restart: async (mode = 'immediate') => {
      await pg('pg_ctl', ['stop', '-D', data, '-w', '-m', mode]);
      await start();
    },
    stop: async () => {
      await pg('pg_ctl', ['stop', '-D', data, '-w', '-m', 'immediate']).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
