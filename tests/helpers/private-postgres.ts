import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A Postgres cluster of this test's own (initdb in a temp dir, a free port, trust auth, no fsync), for tests that
 * kill or restart the server: the machine's shared Postgres is never touched. Runs as the `postgres` OS user when
 * the tests run as root (Postgres refuses root).
 */
export type PrivatePostgres = {
  url: string;
  /** kill -9 of the postmaster: the crash a power cut or OOM killer causes. */
  kill(): Promise<void>;
  /** Starts the server again on the same data directory (crash recovery runs first). */
  start(): Promise<void>;
  stop(): Promise<void>;
};

const asPostgres = (cmd: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lyttepost-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const [icmd, iargs] = asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const init = spawnSync(icmd, iargs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  let proc: ChildProcess | null = null;
  const start = async () => {
    const [cmd, args] = asPostgres('postgres', [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      // Postgres's default, as on the shared server: a worker holds its query pool (10) and a lock connection per
      // running collect pass (five collect queues × 3 slots in the pipeline tests); 20 ran out now and then.
      'max_connections=100',
    ]);
    proc = spawn(cmd, args, { stdio: 'ignore' });
    for (let i = 0; i < 300; i++) {
      const ready = spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'], { encoding: 'utf8' });
      if (ready.status === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('private Postgres did not start');
  };
  const waitExit = async () => {
    const p = proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    await new Promise((resolve) => p.once('exit', resolve));
  };
  /** The postmaster's own pid (under runuser it is runuser's child). */
  const postmasterPid = (): number | null => {
    const r = spawnSync('head', ['-1', path.join(data, 'postmaster.pid')], { encoding: 'utf8' });
    const pid = Number(r.stdout.trim());
    return pid > 0 ? pid : null;
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async kill() {
      const pid = postmasterPid();
      if (pid) process.kill(pid, 'SIGKILL');
      await waitExit();
      // The postmaster's children notice it is gone and exit; wait until nothing answers on the port.
      for (let i = 0; i < 100; i++) {
        const ready = spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', String(port)], { encoding: 'utf8' });
        if (ready.status === 2) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    start,
    async stop() {
      const pid = postmasterPid();
      if (pid) {
        try {
          process.kill(pid, 'SIGINT');
        } catch {
          // already gone
        }
      }
      await waitExit();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
