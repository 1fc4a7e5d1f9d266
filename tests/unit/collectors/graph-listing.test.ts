import { describe, expect, test } from 'vitest';

import type { CollectContext } from '../../../src/collectors/collector.js';
import { startGraphListing, THREADS_PER_STATE, type ListedPage } from '../../../src/collectors/graph-listing.js';
import type { ItemRecord } from '../../../src/domain/records.js';
import { makeLogger } from '../../../src/logger.js';

/** The listing rule both Graph collectors follow (src/collectors/graph-listing.ts), without the platforms. */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date('2026-11-17T12:00:00Z');
type Thread = { id: string; signature: string; comments: number };

const ctxOf = (state: CollectContext['state'], since: Date | null = null): CollectContext => ({
  account: { id: '7', municipalityCode: '0301', platform: 'facebook', externalId: '1', handle: null, status: 'active', tokenEnv: null },
  responders: new Set(['1']),
  responderHandles: new Set(),
  state,
  since,
  now: NOW,
  log: makeLogger({ LOG_LEVEL: 'silent' } as never),
  storedPosts: async () => [],
});
const item = (id: string, createdAt: Date) => ({ externalId: id, createdAt }) as ItemRecord;
const start = (ctx: CollectContext) => startGraphListing(ctx, { stream: 'posts', options: undefined, rootOf: (t: Thread) => t.id });

describe('the window', () => {
  test('first run: the default backfill of 28 days; `--since` wins; later runs: the watermark less an hour, at least the watch window', () => {
    expect(start(ctxOf({ watermark: null, cursor: null })).from).toEqual(new Date(NOW.getTime() - 28 * DAY));
    const since = new Date('2020-01-01T00:00:00Z');
    expect(start(ctxOf({ watermark: NOW, cursor: null }, since)).from).toEqual(since);
    expect(start(ctxOf({ watermark: new Date(NOW.getTime() - 40 * DAY), cursor: null })).from).toEqual(
      new Date(NOW.getTime() - 40 * DAY - HOUR),
    );
    expect(start(ctxOf({ watermark: new Date(NOW.getTime() - DAY), cursor: null })).from).toEqual(new Date(NOW.getTime() - 28 * DAY));
  });
});

describe('a pass', () => {
  const inside = new Date(NOW.getTime() - DAY);
  const before = new Date(NOW.getTime() - 60 * DAY);
  const page: ListedPage<Thread> = {
    items: [item('a', inside), item('b', inside), item('c', inside), item('old', before)],
    metrics: [],
    threads: [
      { id: 'a', signature: 'a1', comments: 3 }, // as last read
      { id: 'b', signature: 'b2', comments: 3 }, // moved
      { id: 'c', signature: 'c0', comments: 0 }, // never read, nothing to read
      { id: 'old', signature: 'o9', comments: 5 }, // outside the window
    ],
    warnings: [],
    rejectedIds: ['bad'],
  };

  test('keeps the window, reads only moved threads, commits signatures as they are covered, completes the listing', () => {
    const l = start(ctxOf({ watermark: new Date(NOW.getTime() - DAY), cursor: { threads: { a: 'a1', b: 'b1', gone: 'g1' } } }));
    const { batch, threads } = l.take(page);
    expect(batch.items.map((i) => i.externalId)).toEqual(['a', 'b', 'c']);
    expect(threads.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(threads.filter((t) => l.moved(t)).map((t) => t.id)).toEqual(['b']);
    // Mid-pass, the last committed signatures stay until a read covers them.
    expect(l.signatures()).toEqual({ a: 'a1', b: 'b1', c: 'c0', gone: 'g1' });
    l.read(threads[1] as Thread);
    expect(l.signatures()).toEqual({ a: 'a1', b: 'b2', c: 'c0', gone: 'g1' });
    // At the end, signatures of posts no longer listed are dropped; what was seen (rejected items too) completes the window.
    expect(l.end({ username: 'u' })).toEqual({
      stream: 'posts',
      items: [],
      metrics: [],
      followers: [],
      complete: [{ kind: 'posts', from: l.from, to: NOW, seenExternalIds: ['a', 'b', 'c', 'bad'] }],
      state: { watermark: NOW, cursor: { threads: { a: 'a1', b: 'b2', c: 'c0' }, username: 'u' } },
      covered: { from: l.from, to: NOW },
    });
  });

  test('a thread never read that has comments is read', () => {
    const l = start(ctxOf({ watermark: null, cursor: null }));
    expect(l.take(page).threads.map((t) => [t.id, l.moved(t)])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
    ]);
  });
});

test('a thread batch carries the state every THREADS_PER_STATE threads read, with every signature so far', () => {
  const l = start(ctxOf({ watermark: null, cursor: null }));
  const threads = Array.from({ length: 2 * THREADS_PER_STATE + 5 }, (_, k) => ({ id: `t${k}`, signature: `s${k}`, comments: 1 }));
  const due: number[] = [];
  let committed: Record<string, string> = {};
  threads.forEach((t, k) => {
    if (l.read(t)) {
      due.push(k);
      committed = l.signatures();
    }
  });
  expect(due).toEqual([THREADS_PER_STATE - 1, 2 * THREADS_PER_STATE - 1]);
  // The state lags the last reads by at most THREADS_PER_STATE - 1 threads; the end carries them all.
  expect(Object.keys(committed)).toEqual(threads.slice(0, 2 * THREADS_PER_STATE).map((t) => t.id));
  expect(Object.keys(l.end().state?.cursor?.threads ?? {})).toHaveLength(threads.length);
  // A state taken in between (a listing page) starts the count again.
  const m = start(ctxOf({ watermark: null, cursor: null }));
  threads.slice(0, 10).forEach((t) => m.read(t));
  m.signatures();
  expect(threads.slice(10, 10 + THREADS_PER_STATE).map((t) => m.read(t))).toEqual([
    ...Array.from({ length: THREADS_PER_STATE - 1 }, () => false),
    true,
  ]);
});
