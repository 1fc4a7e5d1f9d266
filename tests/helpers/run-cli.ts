import { PassThrough, Readable } from 'node:stream';

import { main } from '../../src/cli/main.js';
import type { Clock } from '../../src/clock.js';

export type CliResult = { code: number; stdout: string; stderr: string };

/** Runs the CLI in-process with its own streams and environment (no global process.env is touched). */
export async function runCli(
  argv: readonly string[],
  opts: { env?: NodeJS.ProcessEnv; stdin?: string | Buffer; clock?: Clock } = {},
): Promise<CliResult> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: { out: Buffer[]; err: Buffer[] } = { out: [], err: [] };
  out.on('data', (c: Buffer) => chunks.out.push(c));
  err.on('data', (c: Buffer) => chunks.err.push(c));
  const code = await main(argv, {
    env: { LOG_LEVEL: 'silent', ...opts.env },
    stdin: Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)]),
    stdout: out,
    stderr: err,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  return { code, stdout: Buffer.concat(chunks.out).toString('utf8'), stderr: Buffer.concat(chunks.err).toString('utf8') };
}
