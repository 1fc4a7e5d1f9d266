import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Simulator } from '../../../src/simulator/server.js';
import { NOW, acceptanceWorld, busiest, get, start } from './fixture.js';

const world = acceptanceWorld();
const acc = busiest(world, 'x');
const auth = { authorization: `Bearer ${acc.token}` };
const X_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/;
let sim: Simulator;

beforeAll(async () => {
  sim = await start(world);
});
afterAll(async () => {
  await sim.close();
});

describe('X API v2 contract (platform-apis.md §3)', () => {
  test('users by username and id, with public_metrics and rate-limit headers', async () => {
    const r = await get(sim.url, `/2/users/by/username/${acc.handle}?user.fields=public_metrics,created_at`, auth);
    expect(r.body.data).toMatchObject({
      id: acc.externalId,
      name: acc.name,
      username: acc.handle,
      public_metrics: { followers_count: expect.any(Number) },
    });
    expect(r.headers.get('x-rate-limit-limit')).toBe('300');
    expect(Number(r.headers.get('x-rate-limit-remaining'))).toBe(299);
    expect(Number(r.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.parse(NOW) / 1000);
    const byId = await get(sim.url, `/2/users/${acc.externalId}`, auth);
    expect(byId.body).toEqual({ data: { id: acc.externalId, name: acc.name, username: acc.handle } });
  });

  test('timeline pages with meta.next_token, since_id, fields and includes.users', async () => {
    const fields =
      'tweet.fields=created_at,public_metrics,conversation_id,in_reply_to_user_id,referenced_tweets,author_id&expansions=author_id';
    const first = await get(sim.url, `/2/users/${acc.externalId}/tweets?max_results=5&${fields}`, auth);
    expect(first.body.data).toHaveLength(5);
    expect(first.body.meta).toMatchObject({
      result_count: 5,
      newest_id: first.body.data[0].id,
      oldest_id: first.body.data[4].id,
      next_token: expect.any(String),
    });
    for (const t of first.body.data) {
      expect(t).toMatchObject({
        id: expect.stringMatching(/^\d{19}$/),
        text: expect.any(String),
        edit_history_tweet_ids: [t.id],
        author_id: acc.externalId,
        created_at: expect.stringMatching(X_TIME),
        conversation_id: expect.any(String),
      });
      expect(Object.keys(t.public_metrics).sort()).toEqual([
        'bookmark_count',
        'impression_count',
        'like_count',
        'quote_count',
        'reply_count',
        'retweet_count',
      ]);
    }
    expect(first.body.includes.users[0]).toMatchObject({ id: acc.externalId, username: acc.handle });
    const second = await get(
      sim.url,
      `/2/users/${acc.externalId}/tweets?max_results=5&pagination_token=${first.body.meta.next_token}`,
      auth,
    );
    expect(BigInt(second.body.data[0].id)).toBeLessThan(BigInt(first.body.data[4].id));
    const since = await get(sim.url, `/2/users/${acc.externalId}/tweets?max_results=100&since_id=${first.body.data[2].id}`, auth);
    expect(since.body.data.map((t: { id: string }) => t.id)).toEqual([first.body.data[0].id, first.body.data[1].id]);
    const small = await get(sim.url, `/2/users/${acc.externalId}/tweets?max_results=3`, auth);
    expect(small.status).toBe(400);
    expect(small.body).toMatchObject({
      title: 'Invalid Request',
      type: 'https://api.twitter.com/2/problems/invalid-request',
      errors: [{ parameters: { max_results: ['3'] } }],
    });
  });

  test('mentions and recent search by conversation_id, limited to the last 7 days', async () => {
    const m = await get(
      sim.url,
      `/2/users/${acc.externalId}/mentions?max_results=100&tweet.fields=conversation_id,created_at,in_reply_to_user_id,referenced_tweets,author_id`,
      auth,
    );
    expect(m.body.data.length).toBeGreaterThan(0);
    for (const t of m.body.data) expect(t.text.toLowerCase()).toContain(`@${acc.handle}`);
    const recent = m.body.data.find((t: any) => t.conversation_id !== t.id && Date.parse(t.created_at) > Date.parse(NOW) - 6 * 86_400_000);
    expect(recent).toBeDefined();
    const s = await get(
      sim.url,
      `/2/tweets/search/recent?query=${encodeURIComponent(`conversation_id:${recent.conversation_id}`)}&max_results=100&tweet.fields=conversation_id,created_at,in_reply_to_user_id,referenced_tweets,author_id`,
      auth,
    );
    expect(s.body.data.map((t: { id: string }) => t.id)).toContain(recent.id);
    for (const t of s.body.data) {
      expect(t.conversation_id).toBe(recent.conversation_id);
      expect(Date.parse(t.created_at)).toBeGreaterThanOrEqual(Date.parse(NOW) - 7 * 86_400_000);
    }
    const replies = s.body.data.filter((t: any) => t.referenced_tweets);
    for (const t of replies) expect(t.referenced_tweets[0].type).toBe('replied_to');
    const old = await get(
      sim.url,
      `/2/tweets/search/recent?query=conversation_id:${recent.conversation_id}&start_time=2026-01-10T00:00:00Z`,
      auth,
    );
    expect(old.status).toBe(400);
    expect(old.body.type).toBe('https://api.twitter.com/2/problems/invalid-request');
  });

  test('tweet lookup reports missing ids as resource-not-found errors beside the data', async () => {
    const tl = await get(sim.url, `/2/users/${acc.externalId}/tweets?max_results=5`, auth);
    const r = await get(sim.url, `/2/tweets?ids=${tl.body.data[0].id},1958000000000000001&tweet.fields=public_metrics`, auth);
    expect(r.status).toBe(200);
    expect(r.body.data).toHaveLength(1);
    expect(r.body.errors[0]).toMatchObject({
      resource_id: '1958000000000000001',
      resource_type: 'tweet',
      title: 'Not Found Error',
      type: 'https://api.twitter.com/2/problems/resource-not-found',
    });
  });

  test('401 without or with a bad bearer, 400 for unknown fields, 404 problem for unknown paths', async () => {
    const none = await get(sim.url, `/2/users/${acc.externalId}`);
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
    const bad = await get(sim.url, `/2/users/${acc.externalId}`, { authorization: 'Bearer nope' });
    expect(bad.status).toBe(401);
    const f = await get(sim.url, `/2/users/${acc.externalId}/tweets?tweet.fields=created_at,bogus`, auth);
    expect(f.status).toBe(400);
    expect(f.body.errors[0].parameters).toEqual({ 'tweet.fields': ['bogus'] });
    const p = await get(sim.url, '/2/spaces/xyz', auth);
    expect(p.status).toBe(404);
    expect(p.body.title).toBe('Not Found Error');
  });
});
