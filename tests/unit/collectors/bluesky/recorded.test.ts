import { expect, test } from 'vitest';

import { normaliseBskyFeed, normaliseBskyProfile, normaliseBskyThread } from '../../../../src/collectors/bluesky/normalise.js';
import type { NormaliseCtx } from '../../../../src/collectors/collector.js';
import { allRecorded, body, recorded } from '../../../helpers/recorded.js';
import { FETCHED_AT, pseudonymise } from '../fixture.js';

/**
 * The genuine recorded Bluesky AppView answers (tests/fixtures/recorded/bluesky/) through the normaliser, with what
 * the collector must make of them. tests/integration/collectors/recorded-sync-bluesky.test.ts serves the same
 * files to `sync` over a loopback server.
 */
const ctxFor = (did: string): NormaliseCtx => ({
  accountId: '7',
  accountExternalId: did,
  responders: new Set([did]),
  pseudonymise,
  fetchedAt: FETCHED_AT,
});

test('the Bluesky corpus: feeds, profile, threads and errors, each with provenance', () => {
  const files = allRecorded().filter((r) => r.platform === 'bluesky');
  expect(files.map((r) => r.name).sort()).toEqual([
    'author-feed-pins-reposts-replies',
    'author-feed-text-image-video',
    'error-post-not-found',
    'error-profile-not-found',
    'error-rate-limit',
    'profile',
    'thread-170-replies',
    'thread-embed-media',
    'thread-threadgate',
  ]);
  expect(files.filter((r) => r.source.repository !== null).length).toBeGreaterThanOrEqual(7);
});

test('author feed with a pin, a repost and replies: only the five own top-level posts, with counts', () => {
  const own = 'did:plc:r6plple62aceb3swpehwh5sq';
  const n = normaliseBskyFeed(body(recorded('bluesky', 'author-feed-pins-reposts-replies')), ctxFor(own));
  expect(n.items.map((i) => i.externalId.split('/').pop())).toEqual([
    '3lcafro56w22n',
    '3lcab2vued22o',
    '3lc7tvwpakc2l',
    '3lc7qsj3qrk2s',
    '3lc6oks4u7k25',
  ]);
  expect(n.items.every((i) => i.kind === 'post' && i.authorRole === 'owner' && i.authorKey === own)).toBe(true);
  expect(n.metrics.find((m) => m.externalId.endsWith('3lc7qsj3qrk2s'))).toEqual({
    platform: 'bluesky',
    externalId: `at://${own}/app.bsky.feed.post/3lc7qsj3qrk2s`,
    capturedAt: FETCHED_AT,
    likes: 120,
    comments: 14,
    shares: 7,
    views: null,
  });
  // sortAt: the earlier of createdAt and indexedAt (the last post was indexed 35 ms before its claimed time).
  expect(n.items[n.items.length - 1]?.createdAt.toISOString()).toBe('2024-11-30T18:03:21.260Z');
  expect(n.cursor).toBe('2024-11-30T18:03:21.26Z');
  expect(n.warnings).toEqual([]);
  // The reposted account is not stored anywhere, not even pseudonymised.
  expect(JSON.stringify(n.items)).not.toContain('vax23oilyd4ui2kmqkzupio5');
});

test('author feed of a large account: embeds and facets parse, shares are reposts + quotes', () => {
  const own = 'did:plc:6wpkkitfdkgthatfvspcfmjo';
  const n = normaliseBskyFeed(body(recorded('bluesky', 'author-feed-text-image-video')), ctxFor(own));
  expect(n.items).toHaveLength(4);
  expect(n.metrics[0]).toMatchObject({ likes: 8172, comments: 105, shares: 968 });
  expect(n.oldest?.toISOString()).toBe('2025-02-21T18:38:52.746Z');
});

test('profile: follower count of the monitored account', () => {
  const p = normaliseBskyProfile(body(recorded('bluesky', 'profile')), ctxFor('dril.bsky.social'));
  expect(p).toEqual({
    did: 'did:plc:6wpkkitfdkgthatfvspcfmjo',
    handle: 'dril.bsky.social',
    followers: [{ accountId: '7', capturedAt: FETCHED_AT, followers: 523417 }],
  });
});

test('a thread of 170 residents: every author pseudonymised in keys and URIs, no handle or display name or DID stored, the read is partial', () => {
  const r = recorded('bluesky', 'thread-170-replies');
  const raw = body<{
    thread: {
      post: { author: { did: string } };
      replies: Array<{ post: { author: { did: string; handle: string; displayName?: string } } }>;
    };
  }>(r);
  const own = raw.thread.post.author.did;
  const n = normaliseBskyThread(raw, ctxFor(own));
  expect(n.items).toHaveLength(171);
  expect(n.truncated).toBe(true);
  const residents = raw.thread.replies.map((x) => x.post.author).filter((a) => a.did !== own);
  expect(residents.length).toBeGreaterThan(150);
  const stored = JSON.stringify(n.items);
  for (const a of residents) {
    expect(stored).not.toContain(a.did);
    if (a.handle !== 'handle.invalid') expect(stored).not.toContain(`@${a.handle}`);
    expect(n.items.some((i) => i.authorKey === pseudonymise('bluesky', a.did))).toBe(true);
  }
  for (const i of n.items.filter((x) => x.authorRole === 'citizen')) {
    expect(i.externalId).toMatch(/^at:\/\/r_[\w-]{27}\/app\.bsky\.feed\.post\/\w+$/);
    expect(i.parentExternalId).toBe(n.items[0]?.externalId);
    expect(i.parentExternalId).toMatch(new RegExp(`^at://${own}/`));
  }
});

test('a thread with a threadgate and a self-reply whose own replies were not returned: owner items, partial read', () => {
  const n = normaliseBskyThread(body(recorded('bluesky', 'thread-threadgate')), ctxFor('did:plc:oy2ebrbjfsmr3oacqe5mbuw5'));
  expect(n.items.map((i) => [i.kind, i.authorRole, i.text])).toEqual([
    ['post', 'owner', 'test'],
    ['comment', 'owner', 'reply'],
  ]);
  expect(n.truncated).toBe(true);
});

test('a post with an empty text and a recordWithMedia embed is stored with an empty text', () => {
  const n = normaliseBskyThread(body(recorded('bluesky', 'thread-embed-media')), ctxFor('did:plc:kvwvcn5iqfooopmyzvb4qzba'));
  expect(n.items).toEqual([
    expect.objectContaining({ kind: 'post', authorRole: 'owner', text: '', createdAt: new Date('2023-09-28T12:49:36.735Z') }),
  ]);
  expect(n.metrics[0]).toMatchObject({ likes: 0, comments: 0, shares: 0 });
  expect(n.truncated).toBe(false);
});

test.each(
  allRecorded()
    .filter((r) => r.platform === 'bluesky' && r.response.status < 400 && r.name !== 'profile')
    .map((r) => [r.file, r] as const),
)('%s: every post stored, skipped for a stated reason or counted as a warning; no resident DID, handle or display name stored', (_f, r) => {
  const b = body<{ feed?: Array<{ post: { author: { did: string } }; reason?: unknown }>; thread?: unknown }>(r);
  const posts: Array<{ uri: string; author: { did: string; handle: string; displayName?: string }; record: { reply?: unknown } }> = [];
  const walk = (node: unknown) => {
    const n = node as { post?: (typeof posts)[number]; replies?: unknown[] };
    if (n.post) posts.push(n.post);
    for (const x of n.replies ?? []) walk(x);
  };
  if (b.feed) for (const it of b.feed) posts.push(it.post as (typeof posts)[number]);
  else walk(b.thread);
  const own = b.feed
    ? (b.feed.find((it) => !it.reason)?.post.author.did ?? '')
    : (b.thread as { post: { author: { did: string } } }).post.author.did;
  const n = b.feed ? normaliseBskyFeed(b, ctxFor(own)) : normaliseBskyThread(b, ctxFor(own));
  const skipped = b.feed
    ? b.feed.filter((it) => it.reason !== undefined || (it.post as unknown as { record: { reply?: unknown } }).record.reply !== undefined)
        .length
    : 0;
  expect(n.items.length + skipped + n.warnings.reduce((s, w) => s + w.count, 0)).toBe(posts.length);
  const stored = JSON.stringify(n.items);
  for (const p of posts.filter((x) => x.author.did !== own)) {
    expect(stored).not.toContain(p.author.did);
    if (p.author.displayName && p.author.displayName.length >= 3 && stored.includes(p.author.displayName)) {
      // A display name may be an ordinary word elsewhere (issue 20); never next to an @.
      expect(stored).not.toContain(`@${p.author.displayName}`);
    }
  }
  for (const it of n.items) expect(Number.isNaN(it.createdAt.getTime())).toBe(false);
});
