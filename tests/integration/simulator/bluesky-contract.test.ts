import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { normaliseBskyFeed, normaliseBskyProfile, normaliseBskyThread } from '../../../src/collectors/bluesky/normalise.js';
import type { NormaliseCtx } from '../../../src/collectors/collector.js';
import { makePseudonymiser } from '../../../src/privacy/pseudonymise.js';
import type { Simulator } from '../../../src/simulator/server.js';
import { NOW, acceptanceWorld, busiest, get, start } from './fixture.js';

const world = acceptanceWorld();
const acc = busiest(world, 'bluesky');
const data = world.data(acc.externalId);
const AT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const feedOf = (limit: number, extra = '') =>
  `/xrpc/app.bsky.feed.getAuthorFeed?actor=${encodeURIComponent(acc.externalId)}&limit=${limit}${extra}`;
const threadOf = (uri: string) => `/xrpc/app.bsky.feed.getPostThread?uri=${encodeURIComponent(uri)}&depth=1000&parentHeight=0`;
const ctx: NormaliseCtx = {
  accountId: '1',
  accountExternalId: acc.externalId,
  responders: new Set([acc.externalId]),
  responderHandles: new Set([acc.handle]),
  pseudonymise: makePseudonymiser('contract-test-secret-contract-test-secret'),
  fetchedAt: new Date(NOW),
};
let sim: Simulator;

beforeAll(async () => {
  sim = await start(world);
});
afterAll(async () => {
  await sim.close();
});

describe('Bluesky AppView contract (platform-apis.md §5)', () => {
  test('getProfile by handle and by DID, with xrpc-server RateLimit-* headers; the collector parses it', async () => {
    const r = await get(sim.url, `/xrpc/app.bsky.actor.getProfile?actor=${acc.handle}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      did: acc.externalId,
      handle: acc.handle,
      displayName: acc.name,
      followersCount: expect.any(Number),
      postsCount: expect.any(Number),
    });
    expect(r.headers.get('ratelimit-limit')).toBe('3000');
    expect(r.headers.get('ratelimit-policy')).toBe('3000;w=300');
    expect(Number(r.headers.get('ratelimit-reset'))).toBeGreaterThan(Date.parse(NOW) / 1000);
    const byDid = await get(sim.url, `/xrpc/app.bsky.actor.getProfile?actor=${encodeURIComponent(acc.externalId)}`);
    expect(byDid.body.did).toBe(acc.externalId);
    expect(normaliseBskyProfile(r.body, ctx).followers[0]?.followers).toBe(r.body.followersCount);
  });

  test('getAuthorFeed: newest first, opaque cursor paging, limit 1–100, postViews with counts; posts_no_replies has no replies', async () => {
    const first = await get(sim.url, feedOf(5, '&filter=posts_no_replies'));
    expect(first.body.feed).toHaveLength(5);
    expect(first.body.cursor).toEqual(expect.any(String));
    for (const f of first.body.feed) {
      expect(f.post).toMatchObject({
        uri: expect.stringMatching(new RegExp(`^at://${acc.externalId}/app\\.bsky\\.feed\\.post/[2-7a-z]{13}$`)),
        cid: expect.stringMatching(/^bafyrei[a-z2-7]{52}$/),
        author: { did: acc.externalId, handle: acc.handle },
      });
      expect(f.post.record).toMatchObject({
        $type: 'app.bsky.feed.post',
        text: expect.any(String),
        createdAt: expect.stringMatching(AT_TIME),
      });
      expect(f.post.record.reply).toBeUndefined();
      expect(
        Object.keys(f.post)
          .filter((k) => k.endsWith('Count'))
          .sort(),
      ).toEqual(['bookmarkCount', 'likeCount', 'quoteCount', 'replyCount', 'repostCount']);
    }
    const second = await get(sim.url, feedOf(5, `&filter=posts_no_replies&cursor=${first.body.cursor}`));
    expect(Date.parse(second.body.feed[0].post.record.createdAt)).toBeLessThanOrEqual(Date.parse(first.body.feed[4].post.record.createdAt));
    expect(normaliseBskyFeed(first.body, ctx).items).toHaveLength(5);
    const withReplies = await get(sim.url, feedOf(100, '&filter=posts_with_replies'));
    const reply = withReplies.body.feed.find((f: { post: { record: { reply?: unknown } } }) => f.post.record.reply);
    if (reply) expect(reply.reply).toMatchObject({ root: { uri: expect.any(String) }, parent: { uri: expect.any(String) } });
    const bad = await get(sim.url, feedOf(101));
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'InvalidRequest', message: 'Error: limit must be <= 100' });
  });

  test('getPostThread: every reply at every depth, reply refs, mention facets, hidden replies in the threadgate; the collector reads it whole', async () => {
    const now = Date.parse(NOW);
    const roots = data.items.filter((i) => i.kind === 'post' && i.createdAt <= now && i.deletedAt === null);
    const hidden = data.items.find(
      (i) => i.hiddenAt !== null && i.hiddenAt <= now && i.createdAt <= now && (i.deletedAt === null || i.deletedAt > now),
    );
    const root =
      (hidden ? roots.find((r) => r.id === hidden.rootId) : undefined) ?? roots.find((r) => (data.threads.get(r.id)?.length ?? 0) > 4);
    if (!root) throw new Error('no thread with replies in the acceptance world');
    const r = await get(sim.url, threadOf(root.id));
    expect(r.status).toBe(200);
    expect(r.body.thread).toMatchObject({ $type: 'app.bsky.feed.defs#threadViewPost', post: { uri: root.id }, replies: expect.any(Array) });
    const n = normaliseBskyThread(r.body, ctx);
    const visible = (data.threads.get(root.id) ?? []).filter((i) => i.createdAt <= now && (i.deletedAt === null || i.deletedAt > now));
    expect(n.items).toHaveLength(visible.length);
    expect(n.truncated).toBe(false);
    expect(hidden, 'the busiest account has a reply it hid').toBeDefined();
    if (hidden) {
      expect(r.body.thread.post.threadgate.record.hiddenReplies).toContain(hidden.id);
      expect(n.items.filter((i) => i.hiddenAt !== null)).toHaveLength(1);
    }
    // A thread where a resident is @-mentioned by handle: a mention facet naming their DID, which is never stored.
    const mentioned = data.items.find(
      (i) => i.createdAt <= now && (i.deletedAt === null || i.deletedAt > now) && /^@[a-z0-9]+\.bsky\.social /.test(i.text),
    );
    const m = await get(sim.url, threadOf(mentioned?.rootId ?? ''));
    const facet = /"app\.bsky\.richtext\.facet#mention","did":"(did:plc:[a-z2-7]{24})"/.exec(JSON.stringify(m.body));
    expect(facet, 'a resident is @-mentioned in the thread').not.toBeNull();
    if (facet) expect(JSON.stringify(normaliseBskyThread(m.body, ctx).items)).not.toContain(facet[1]);
  });

  test('errors in XRPC shape: missing profile, deleted post, unknown method, rate limit with RateLimit-Reset', async () => {
    expect((await get(sim.url, '/xrpc/app.bsky.actor.getProfile?actor=nobody.bsky.social')).body).toEqual({
      error: 'InvalidRequest',
      message: 'Profile not found',
    });
    const deleted = data.items.find((i) => i.deletedAt !== null && i.deletedAt <= Date.parse(NOW));
    expect(deleted).toBeDefined();
    if (deleted) {
      const d = await get(sim.url, threadOf(deleted.id));
      expect(d.status).toBe(400);
      expect(d.body).toEqual({ error: 'NotFound', message: `Post not found: ${deleted.id}` });
    }
    const unknown = await get(sim.url, '/xrpc/app.bsky.notification.listNotifications');
    expect(unknown.status).toBe(501);
    sim.faults.add({ kind: 'rate_limit', platform: 'bluesky', count: 1 });
    const limited = await get(sim.url, feedOf(10));
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' });
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('ratelimit-reset'))).toBeGreaterThan(Date.parse(NOW) / 1000);
    expect((await get(sim.url, feedOf(10))).status).toBe(200);
  });
});
