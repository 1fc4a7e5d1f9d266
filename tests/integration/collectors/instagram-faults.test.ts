import { afterEach, expect, test } from 'vitest';

import { getAccount } from '../../../src/store/accounts.js';
import { diffWithTruth, startHarness, storedItems, syncAll, type Harness } from './sim-harness.js';

/**
 * Issue 24: the simulator's faults on Instagram professional accounts, each test with its own small world
 * (Instagram accounts only), server and schema: the instagram Business Use Case limit (80002), an expired Page
 * token, deleted and hidden comments, and paging (short pages, replies beyond the inline page, an empty page that
 * still links on).
 */
const START = new Date('2026-11-02T00:00:00Z');
const END = new Date('2026-11-16T00:00:00Z');
const NOW = new Date('2026-11-13T12:00:00Z');
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
const harness = async () =>
  (h = await startHarness({ seed: 11, municipalities: 10, start: START, end: END, now: NOW, platforms: ['instagram'] }));
const exact = async (x: Harness, seen: Date[]) => expect((await diffWithTruth(x, seen, ['instagram'])).problems).toEqual([]);

test('80002 is never slept through: the pass stops with when to retry (the BUC regain time), and the retry completes exactly', async () => {
  const x = await harness();
  expect(x.accounts.length).toBeGreaterThanOrEqual(4);
  x.sim.faults.add({ kind: 'rate_limit', platform: 'instagram', endpoint: '/media', count: 1 });
  const first = await syncAll(x, 'rl', START);
  expect(x.sim.stats().faultsApplied.rate_limit).toBe(1);
  const stopped = [...first.entries()].filter(([, v]) => 'errors' in v && v.errors.some((e) => e.code === 'PLATFORM_RATE_LIMIT'));
  expect(stopped).toHaveLength(1);
  const [, v] = stopped[0] ?? [];
  if (!v || !('retryAt' in v) || !v.retryAt) throw new Error('no retry time');
  // estimated_time_to_regain_access: 5 minutes.
  expect(v.retryAt.getTime() - x.clock().getTime()).toBeGreaterThanOrEqual(4 * 60_000);
  expect(x.waits.filter((w) => w > 5_000)).toEqual([]);
  x.clock.advance(6 * 60_000);
  const retry = await syncAll(x, 'rl', START, (a) => a.externalId === stopped[0]?.[0]);
  expect(retry.get(stopped[0]?.[0] ?? '')).toMatchObject({ outcome: 'succeeded', retryAt: null });
  await exact(x, [x.clock()]);
});

test('an expired Page token marks that Instagram account needs_reauth; the others finish', async () => {
  const x = await harness();
  const victim = x.accounts[0];
  if (!victim) throw new Error('no instagram account');
  x.sim.faults.add({ kind: 'expired_token', account: victim.externalId });
  const s = await syncAll(x, 'auth', START);
  expect(s.get(victim.externalId)).toMatchObject({ outcome: 'failed', errors: [{ code: 'PLATFORM_AUTH' }] });
  expect((await getAccount(x.db.db, victim.id))?.status).toBe('needs_reauth');
  for (const [k, v] of s) if (k !== victim.externalId) expect(v).toMatchObject({ outcome: 'succeeded' });
});

test('comments deleted and hidden after the first pass are marked so by the next one, exactly', async () => {
  const x = await harness();
  // A first pass when, in this world, one comment seen then is deleted later and another hidden later.
  const first = new Date('2026-11-10T00:00:00Z');
  x.clock.set(first);
  await syncAll(x, 'one', START);
  await exact(x, [first]);
  const later = new Date('2026-11-15T20:00:00Z');
  x.clock.set(later);
  const s = await syncAll(x, 'two');
  for (const v of s.values()) expect(v).toMatchObject({ outcome: 'succeeded' });
  await exact(x, [first, later]);
  const stored = await storedItems(x);
  const truth = (await diffWithTruth(x, [first, later], ['instagram'])).truth.items;
  const wasSeen = (id: string) => stored.some((i) => i.external_id === id);
  // Removals the second pass had to notice: deleted or hidden after the first pass (seen at it, removed later).
  const deletedLater = truth.filter(
    (t) => t.deletedAt !== null && Date.parse(t.deletedAt) > first.getTime() && Date.parse(t.createdAt) <= first.getTime(),
  );
  const hiddenLater = truth.filter(
    (t) => t.hiddenAt !== null && Date.parse(t.hiddenAt) > first.getTime() && Date.parse(t.createdAt) <= first.getTime(),
  );
  expect(deletedLater.length).toBeGreaterThan(0);
  expect(hiddenLater.length).toBeGreaterThan(0);
  for (const t of deletedLater) expect(stored.find((i) => i.external_id === t.externalId)?.deleted_at, t.externalId).not.toBeNull();
  for (const t of hiddenLater)
    if (wasSeen(t.externalId)) expect(stored.find((i) => i.external_id === t.externalId)?.hidden_at, t.externalId).not.toBeNull();
  expect(stored.some((i) => i.hidden_at !== null)).toBe(true);
});

test('paging: two items a page, replies beyond the inline page, an empty page that still links on', async () => {
  const x = await harness();
  x.deps.collectorOptions = { instagram: { pageSize: 2 } };
  x.sim.faults.add({ kind: 'empty_page_with_next', platform: 'instagram', endpoint: '/media', count: 3 });
  x.sim.faults.add({ kind: 'empty_page_with_next', platform: 'instagram', endpoint: '/comments', count: 3 });
  const s = await syncAll(x, 'pages', START);
  for (const v of s.values()) expect(v).toMatchObject({ outcome: 'succeeded' });
  const calls = x.sim.stats().byEndpoint;
  expect(calls['instagram GET /{id}/comments'] ?? 0).toBeGreaterThan(3);
  expect(calls['instagram GET /{id}/replies'] ?? 0).toBeGreaterThan(0);
  expect(x.sim.stats().faultsApplied.empty_page_with_next).toBe(6);
  await exact(x, [NOW]);
}, 300_000);
