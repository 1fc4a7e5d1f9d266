import { PassThrough } from 'node:stream';

import { afterAll, beforeAll, expect, test } from 'vitest';

import type { CommandContext } from '../../../src/cli/command.js';
import { syncCommand } from '../../../src/cli/commands/sync.js';
import { parseCommandArgs } from '../../../src/cli/parse.js';
import { AppError } from '../../../src/errors.js';
import { urlWithSchema } from '../../helpers/test-db.js';
import { SECRET, startHarness, type Harness } from './sim-harness.js';

/** `lyttepost sync` in-process: bad arguments fail with one line; a real pass prints one line per account. */
const START = new Date('2026-11-09T00:00:00Z');
const NOW = new Date('2026-11-14T12:00:00Z');
let h: Harness | undefined;
const enabled = Boolean(process.env.DATABASE_URL);

beforeAll(async () => {
  if (enabled) h = await startHarness({ seed: 5, municipalities: 2, start: START, end: new Date('2026-11-16T00:00:00Z'), now: NOW });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

function ctxWith(env: NodeJS.ProcessEnv): { ctx: CommandContext; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d: Buffer) => (o += d.toString()));
  stderr.on('data', (d: Buffer) => (e += d.toString()));
  return {
    ctx: { env, stdin: new PassThrough(), stdout, stderr, clock: () => new Date(NOW), shutdownSignal: new AbortController().signal },
    out: () => o,
    err: () => e,
  };
}

const run = async (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  const c = ctxWith(env);
  try {
    return { code: await syncCommand.run(parseCommandArgs(syncCommand, argv), c.ctx), out: c.out(), err: c.err() };
  } catch (err) {
    if (err instanceof AppError) return { code: err.code === 'USAGE' ? 2 : 1, out: c.out(), err: `${err.code}: ${err.message}` };
    throw err;
  }
};

test('bad arguments are usage errors with a one-line reason', async () => {
  expect(await run([])).toMatchObject({ code: 2, err: 'USAGE: sync: say which accounts: --account <id> or --all' });
  expect(await run(['--all', '--account', '3'])).toMatchObject({
    code: 2,
    err: 'USAGE: sync: give either --account <id> or --all, not both',
  });
  expect((await run(['--all', '--since', 'yesterday'])).err).toMatch(/^USAGE: sync: --since expects a date such as 2026-10-01/);
  expect((await run(['--all', '--since', '2027-01-01'])).err).toBe('USAGE: sync: --since 2027-01-01 is in the future');
  expect(() => parseCommandArgs(syncCommand, ['--nope'])).toThrowError(AppError);
});

test.skipIf(!enabled)(
  'sync --all --since prints calls, items and outcome per account',
  async () => {
    if (!h) throw new Error('no harness');
    const env = {
      DATABASE_URL: urlWithSchema(h.db.url ?? '', h.db.schema ?? ''),
      LYTTEPOST_SECRET: SECRET,
      FACEBOOK_GRAPH_URL: h.sim.url,
      YOUTUBE_API_URL: h.sim.url,
      X_API_URL: h.sim.url,
      BLUESKY_API_URL: h.sim.url,
      YOUTUBE_API_KEY: h.world.shared.youtubeKey,
      X_BEARER_TOKEN: h.world.shared.xBearer,
      LOG_LEVEL: 'silent',
      // Accounts run three at a time; their lines still come in account order.
      LYTTEPOST_WORKER_CONCURRENCY: '3',
    };
    const r = await run(['--all', '--since', '2026-11-09'], env);
    expect(r.code).toBe(0);
    const all = r.out.trim().split('\n');
    const total = all.pop() ?? '';
    // Carried forward like a scheduled run: the closing line says what was classified and recomputed.
    expect(total).toMatch(
      new RegExp(
        `^total: ${h.accounts.length} account\\(s\\), \\d+ calls, [1-9]\\d* new, \\d+ updated, 0 failed; classified [1-9]\\d* item\\(s\\), recomputed [1-9]\\d* indicator week\\(s\\)$`,
      ),
    );
    const lines = all;
    expect(lines).toHaveLength(h.accounts.length);
    const order = await h.db.db.query<{ id: number }>('select id from accounts order by municipality_code, platform, id');
    expect(lines.map((l) => Number(l.split(' ')[0]))).toEqual(order.rows.map((o) => o.id));
    // Every pass ran to the end: one finished run row per account.
    const runs = await h.db.db.query<{ n: number }>(
      "select count(*)::int as n from harvest_runs where status = 'succeeded' and slot like 'manual-%'",
    );
    expect(runs.rows[0]?.n).toBe(h.accounts.length);
    for (const l of lines) expect(l).toMatch(/ calls=\d+ .*new=\d+ updated=\d+ deleted=\d+ snapshots=\d+ succeeded$/);
    expect(lines.some((l) => /new=[1-9]/.test(l))).toBe(true);
    const missing = await run(['--account', 'facebook:999'], env);
    expect(missing).toMatchObject({ code: 1, err: "NOT_FOUND: sync: no account 'facebook:999' (see `lyttepost accounts list`)" });
  },
  120_000,
);
