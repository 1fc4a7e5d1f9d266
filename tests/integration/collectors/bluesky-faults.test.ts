import { afterEach, expect, test } from 'vitest';

import { getAccount, upsertAccounts } from '../../../src/store/accounts.js';
import { makeTokenCipher } from '../../../src/privacy/token-cipher.js';
import { SECRET, diffWithTruth, startHarness, storedItems, syncAll, type Harness } from './sim-harness.js';

/**
 * Bluesky faults injected by the simulator, each test on its own world of Bluesky accounts, server and schema:
 * a rate limit (429 with RateLimit-Reset), paging (small pages, an empty page that still has a cursor), a
 * truncated body, a monitored account that does not exist; hidden replies and deletions are read exactly.
 */
const START = new Date('2026-11-02T00:00:00Z');
const END = new Date('2026-11-16T00:00:00Z');
const NOW = new Date('2026-11-14T12:00:00Z');
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
const harness = async () =>
  (h = await startHarness({ seed: 11, municipalities: 16, start: START, end: END, now: NOW, platforms: ['bluesky'], blueskyShare: 1 }));
const exact = async (x: Harness) => expect((await diffWithTruth(x, [x.clock()], ['bluesky'])).problems).toEqual([]);

test('a 429 with RateLimit-Reset is never slept through: the pass stops until the window resets, the retry completes exactly', async () => {
  const x = await harness();
  expect(x.accounts.length).toBeGreaterThanOrEqual(3);
  x.sim.faults.add({ kind: 'rate_limit', platform: 'bluesky', endpoint: 'getPostThread', count: 1 });
  const first = await syncAll(x, 'rl', START);
  const stopped = [...first.values()].filter((v) => 'errors' in v && v.errors.some((e) => e.code === 'PLATFORM_RATE_LIMIT'));
  expect(stopped).toHaveLength(1);
  const v = stopped[0];
  if (!v || !('retryAt' in v) || !v.retryAt) throw new Error('no retry time');
  // RateLimit-Reset is the end of the 5-minute window (epoch seconds), read against the harness clock.
  const wait = v.retryAt.getTime() - x.clock().getTime();
  expect(wait).toBeGreaterThan(5_000);
  expect(wait).toBeLessThanOrEqual(300_000);
  expect(v).toMatchObject({ outcome: 'partial' });
  expect(x.waits.filter((w) => w > 5_000)).toEqual([]);
  x.clock.advance(wait);
  const retry = await syncAll(x, 'rl', START);
  expect([...retry.values()].filter((r) => !('skipped' in r))).toEqual([expect.objectContaining({ outcome: 'succeeded', retryAt: null })]);
  await exact(x);
});

test('replies hidden through the threadgate are stored hidden; replies and posts deleted later are marked deleted', async () => {
  // Six weeks, synced twice: enough hides and deletions to see, some of them between the two passes.
  const from = new Date('2026-10-05T00:00:00Z');
  const mid = new Date('2026-10-21T12:00:00Z');
  const x = (h = await startHarness({
    seed: 11,
    municipalities: 16,
    start: from,
    end: END,
    now: mid,
    platforms: ['bluesky'],
    blueskyShare: 1,
  }));
  await syncAll(x, 'one', from);
  await exact(x);
  // A pass every three days until the end (inside the 8-day watch window, so every thread is re-read).
  const STEP = 3 * 86_400_000;
  for (let t = mid.getTime() + STEP; t <= END.getTime(); t += STEP) {
    x.clock.set(new Date(t));
    for (const v of (await syncAll(x, `day-${t}`)).values()) expect(v).toMatchObject({ outcome: 'succeeded' });
  }
  const passes = [mid, ...Array.from({ length: 9 }, (_, i) => new Date(mid.getTime() + (i + 1) * STEP))].filter((t) => t <= END);
  const d = await diffWithTruth(x, passes, ['bluesky']);
  expect(d.problems).toEqual([]);
  const stored = await storedItems(x);
  expect(stored.filter((i) => i.hidden_at !== null).length).toBeGreaterThan(0);
  expect(stored.filter((i) => i.deleted_at !== null).length).toBeGreaterThan(0);
  expect(stored.filter((i) => i.hidden_at !== null).length).toBe(
    d.expected.filter((t) => t.hiddenAt !== null && Date.parse(t.hiddenAt) <= END.getTime()).length,
  );
}, 300_000);

test('paging: small pages and an empty page that still carries a cursor do not end the feed', async () => {
  const x = await harness();
  x.deps.collectorOptions = { bluesky: { pageSize: 3 } };
  x.sim.faults.add({ kind: 'empty_page_with_next', platform: 'bluesky', endpoint: 'getAuthorFeed', after: 1, count: 3 });
  const s = await syncAll(x, 'paging', START);
  for (const v of s.values()) expect(v).toMatchObject({ outcome: 'succeeded' });
  expect(x.sim.stats().faultsApplied.empty_page_with_next).toBe(3);
  // Every account's feed took more than one page, plus the three empty ones.
  expect(x.sim.stats().byEndpoint['bluesky app.bsky.feed.getAuthorFeed']).toBeGreaterThan(x.accounts.length + 3);
  await exact(x);
});

test('a truncated body fails the stream with PLATFORM_CONTRACT, keeps what came before, and the next run completes', async () => {
  const x = await harness();
  const victim = x.accounts[0];
  if (!victim) throw new Error('no account');
  x.sim.faults.add({
    kind: 'malformed_json',
    platform: 'bluesky',
    account: victim.externalId,
    endpoint: 'getPostThread',
    after: 1,
    count: 1,
  });
  const s = await syncAll(x, 'bad', START, (a) => a.id === victim.id);
  expect(s.get(victim.externalId)).toMatchObject({ outcome: 'partial', errors: [{ stream: 'posts', code: 'PLATFORM_CONTRACT' }] });
  const kept = (await storedItems(x)).filter((i) => String(i.account_id) === victim.id);
  expect(kept.filter((i) => i.kind === 'post').length).toBeGreaterThan(0);
  // The next run (every account) completes the victim's stream and the others' first pass: all exact.
  const next = await syncAll(x, 'good', START);
  for (const v of next.values()) expect(v).toMatchObject({ outcome: 'succeeded' });
  await exact(x);
});

test('a monitored account that does not exist is not_found after one call; the others are collected', async () => {
  const x = await harness();
  const [ghost] = await upsertAccounts(
    x.db.db,
    makeTokenCipher(SECRET),
    [
      {
        municipalityCode: x.accounts[0]?.municipalityCode ?? '0301',
        platform: 'bluesky',
        externalId: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa',
        handle: null,
        tokenEnv: null,
        token: null,
      },
    ],
    x.clock(),
  );
  if (!ghost) throw new Error('not registered');
  x.accounts.push(ghost);
  x.byExternal.set(ghost.externalId, ghost);
  const s = await syncAll(x, 'ghost', START);
  expect(s.get(ghost.externalId)).toMatchObject({ outcome: 'failed', errors: [{ stream: 'profile', code: 'PLATFORM_NOT_FOUND' }] });
  expect((await getAccount(x.db.db, ghost.id))?.status).toBe('not_found');
  expect(x.sim.stats().byEndpoint['bluesky app.bsky.feed.getAuthorFeed']).toBe(x.accounts.length - 1);
  await exact(x);
});
