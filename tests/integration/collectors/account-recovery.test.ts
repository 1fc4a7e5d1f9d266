import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { collectAccount } from '../../../src/jobs/collect-account.js';
import { getAccount } from '../../../src/store/accounts.js';
import { runCli } from '../../helpers/run-cli.js';
import { harnessCliEnv, startHarness, type Harness } from './sim-harness.js';

/**
 * Issue 18: an account the platform stopped accepting (the simulator's expired-token fault) comes back, through
 * `accounts add … --token-env` with a working token or `accounts reactivate`, after one check call, and is
 * collected again. While the platform still refuses, nothing changes.
 */
const START = new Date('2026-11-09T00:00:00Z');
const NOW = new Date('2026-11-14T12:00:00Z');
let h: Harness;
let env: NodeJS.ProcessEnv;

// The CLI runs in child processes that must reach the same database: a shared Postgres (DATABASE_URL), not
// the in-memory PGlite of `npm test` without services.
const SHARED_PG = Boolean(process.env.DATABASE_URL);

beforeAll(async () => {
  if (!SHARED_PG) return;
  h = await startHarness({
    seed: 18,
    municipalities: 1,
    start: START,
    end: new Date('2026-11-16T00:00:00Z'),
    now: NOW,
    platforms: ['facebook', 'youtube'],
  });
  env = harnessCliEnv(h);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const status = async (id: string) => (await getAccount(h.db.db, id))?.status;
const credential = async (id: string) =>
  (await h.db.db.query<{ ciphertext: string }>('select ciphertext from credentials where account_id = $1', [Number(id)])).rows[0]
    ?.ciphertext ?? null;
/** What the account's passes stored: items and follower snapshots. */
const stored = async (id: string) =>
  (
    await h.db.db.query<{ n: number }>(
      'select (select count(*) from items where account_id = $1) + (select count(*) from follower_snapshots where account_id = $1) as n',
      [Number(id)],
    )
  ).rows[0]?.n ?? 0;

/** Collects once; the fault turns the account needs_reauth, and a later slot skips it. */
async function breakAccount(platform: 'facebook' | 'youtube', tag: string) {
  const victim = h.accounts.find((a) => a.platform === platform);
  if (!victim) throw new Error(`no ${platform} account`);
  const fault = h.sim.faults.add({ kind: 'expired_token', account: victim.externalId });
  const failed = await collectAccount({ accountId: victim.id, slot: `${tag}-1`, since: START }, h.deps);
  expect(failed).toMatchObject({ outcome: 'failed', errors: [{ code: 'PLATFORM_AUTH' }] });
  expect(await status(victim.id)).toBe('needs_reauth');
  expect(await collectAccount({ accountId: victim.id, slot: `${tag}-2`, since: START }, h.deps)).toEqual({
    skipped: 'account-inactive',
    accountId: victim.id,
  });
  return { victim, fault };
}

test.skipIf(!SHARED_PG)('accounts add with a working token brings a needs_reauth account back, and it collects again', async () => {
  const { victim, fault } = await breakAccount('facebook', 'fb');
  const simAccount = h.world.accounts.find((a) => a.externalId === victim.externalId);
  if (!simAccount) throw new Error('victim not in the world');
  const add = (tokenEnv: string, token: string) =>
    runCli(
      [
        'accounts',
        'add',
        '--municipality',
        victim.municipalityCode,
        '--platform',
        'facebook',
        '--id',
        victim.externalId,
        '--token-env',
        tokenEnv,
      ],
      {
        env: { ...env, [tokenEnv]: token },
      },
    );
  const before = await credential(victim.id);

  // Re-added without a token (say, to fix its handle): updated, no check call, still needs_reauth, and told so.
  const plain = await runCli(
    [
      'accounts',
      'add',
      '--municipality',
      victim.municipalityCode,
      '--platform',
      'facebook',
      '--id',
      victim.externalId,
      '--handle',
      'kommunen',
    ],
    { env },
  );
  expect(plain.code).toBe(0);
  expect(plain.stdout).toContain(`Account ${victim.id} is still needs_reauth: give it a new token with --token-env <VAR>`);
  expect(await status(victim.id)).toBe('needs_reauth');

  // The platform still refuses (the fault is on): the check call fails, the account and its token stay as they were.
  const refused = await add('NEW_PAGE_TOKEN', simAccount.token);
  expect(refused.code).toBe(1);
  expect(refused.stderr.trim().split('\n')).toEqual([
    expect.stringMatching(/^lyttepost: PLATFORM_AUTH: account \d+ stays needs_reauth: the check call failed: /),
  ]);
  expect(await status(victim.id)).toBe('needs_reauth');
  expect(await credential(victim.id)).toBe(before);

  // A token the platform does not know at all (Graph 190) is refused just the same.
  h.sim.faults.remove(fault);
  const wrong = await add('NEW_PAGE_TOKEN', 'EAAB-not-a-page-token');
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toContain('PLATFORM_AUTH');
  expect(await status(victim.id)).toBe('needs_reauth');
  expect(await credential(victim.id)).toBe(before);

  // The working token: one check call, stored, active.
  const ok = await add('NEW_PAGE_TOKEN', simAccount.token);
  expect(ok.stderr).toBe('');
  expect(ok.code).toBe(0);
  expect(ok.stdout).toContain(`account ${victim.id} is active again (was needs_reauth)`);
  expect(await status(victim.id)).toBe('active');
  expect(await credential(victim.id)).not.toBe(before);

  const again = await collectAccount({ accountId: victim.id, slot: 'fb-3', since: START }, h.deps);
  expect(again).toMatchObject({ outcome: 'succeeded' });
  expect(await stored(victim.id)).toBeGreaterThan(0);
});

test.skipIf(!SHARED_PG)(
  'accounts reactivate brings a needs_reauth account back once its token works again, and it collects again',
  async () => {
    const { victim, fault } = await breakAccount('youtube', 'yt');
    const skipped = await runCli(['sync', '--account', victim.id], { env, clock: h.clock });
    expect(skipped.stdout).toContain(
      `skipped (account is needs_reauth; give it a new token with \`accounts add … --token-env\`, or \`accounts reactivate ${victim.id}\`)`,
    );
    const refused = await runCli(['accounts', 'reactivate', victim.id], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^lyttepost: PLATFORM_AUTH: account \d+ stays needs_reauth: the check call failed: /),
    ]);
    expect(await status(victim.id)).toBe('needs_reauth');

    h.sim.faults.remove(fault); // the key was renewed on the platform
    const ok = await runCli(['accounts', 'reactivate', `youtube:${victim.externalId}`], { env });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(
      `deployment-wide token: account ${victim.id} (youtube ${victim.externalId}) is active again (was needs_reauth)`,
    );
    expect(await status(victim.id)).toBe('active');
    const again = await collectAccount({ accountId: victim.id, slot: 'yt-3', since: START }, h.deps);
    expect(again).toMatchObject({ outcome: 'succeeded' });
    expect(await stored(victim.id)).toBeGreaterThan(0);

    expect((await runCli(['accounts', 'reactivate', victim.id], { env })).stdout).toContain('is already active');
    const missing = await runCli(['accounts', 'reactivate', 'youtube:nope'], { env });
    expect(missing).toMatchObject({ code: 1, stderr: "lyttepost: accounts reactivate: no account 'youtube:nope' (see `accounts list`)\n" });
  },
);

test.skipIf(!SHARED_PG)(
  'accounts import with a working token brings a needs_reauth account back; a refused token names its line and imports nothing',
  async () => {
    const { victim, fault } = await breakAccount('facebook', 'imp');
    const simAccount = h.world.accounts.find((a) => a.externalId === victim.externalId);
    if (!simAccount) throw new Error('victim not in the world');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lyttepost-recovery-')), 'accounts.csv');
    writeFileSync(
      file,
      `municipality,platform,external_id,token_env\n${victim.municipalityCode},facebook,${victim.externalId},RENEWED_TOKEN\n${victim.municipalityCode},x,9000001,\n`,
    );
    const importEnv = { ...env, RENEWED_TOKEN: simAccount.token };
    const refused = await runCli(['accounts', 'import', file], { env: importEnv });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^lyttepost: accounts import: 1 bad row\(s\) of 2 in .*accounts\.csv, nothing imported: line 2: PLATFORM_AUTH: account \d+ stays needs_reauth/,
    );
    expect(await status(victim.id)).toBe('needs_reauth');
    expect((await h.db.db.query("select count(*)::int as n from accounts where external_id = '9000001'")).rows[0]).toEqual({ n: 0 });

    h.sim.faults.remove(fault);
    const ok = await runCli(['accounts', 'import', file], { env: importEnv });
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toBe(
      `Imported 2 account(s) from ${file}: 1 new, 1 updated; 1 active again after a check call with their token (${victim.id}).\n`,
    );
    expect(await status(victim.id)).toBe('active');
    expect(await collectAccount({ accountId: victim.id, slot: 'imp-3', since: START }, h.deps)).toMatchObject({ outcome: 'succeeded' });
  },
);
