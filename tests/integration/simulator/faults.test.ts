import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Simulator } from '../../../src/simulator/server.js';
import { acceptanceWorld, busiest, get, start } from './fixture.js';

const world = acceptanceWorld();
const fb = busiest(world, 'facebook');
const yt = busiest(world, 'youtube');
const x = busiest(world, 'x');
const posts = `/v24.0/${fb.externalId}/posts?fields=id,message&limit=5&access_token=${fb.token}`;
const xAuth = { authorization: `Bearer ${x.token}` };
const ytChannels = `/youtube/v3/channels?part=id&id=${yt.externalId}&key=${yt.token}`;
let sim: Simulator;

async function inject(spec: object): Promise<string[]> {
  const r = await fetch(`${sim.url}/_sim/faults`, {
    method: 'POST',
    body: JSON.stringify(spec),
    headers: { 'content-type': 'application/json' },
  });
  expect(r.status).toBe(201);
  return ((await r.json()) as { ids: string[] }).ids;
}

beforeAll(async () => {
  sim = await start(world);
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });
});

describe('faults on demand', () => {
  test("rate_limit for N calls, in each platform's shape and headers", async () => {
    await inject({ kind: 'rate_limit', platform: 'facebook', account: fb.externalId, count: 2, retryAfterS: 30 });
    const a = await get(sim.url, posts);
    expect(a.status).toBe(400);
    expect(a.body.error).toMatchObject({ code: 80001, type: 'OAuthException', fbtrace_id: expect.any(String) });
    expect(a.headers.get('retry-after')).toBe('30');
    expect(JSON.parse(a.headers.get('x-business-use-case-usage') ?? '{}')[fb.externalId][0]).toMatchObject({
      call_count: 100,
      estimated_time_to_regain_access: 1,
    });
    expect((await get(sim.url, posts)).status).toBe(400);
    expect((await get(sim.url, posts)).status).toBe(200);

    await inject({ kind: 'rate_limit', platform: 'x', count: 1 });
    const t = await get(sim.url, `/2/users/${x.externalId}/tweets`, xAuth);
    expect(t.status).toBe(429);
    expect(t.body).toEqual({ title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 });
    expect(t.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(Number(t.headers.get('x-rate-limit-reset'))).toBeGreaterThan(0);

    await inject({ kind: 'rate_limit', platform: 'youtube', count: 1 });
    const y = await get(sim.url, ytChannels);
    expect(y.status).toBe(403);
    expect(y.body.error.errors[0].reason).toBe('quotaExceeded');
  });

  test('server_error burst, then recovery; `after` lets calls through first', async () => {
    await inject({ kind: 'server_error', platform: 'x', count: 2, after: 1 });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await get(sim.url, `/2/users/${x.externalId}`, xAuth)).status);
    expect(codes).toEqual([200, 503, 503, 200]);
    await inject({ kind: 'server_error', platform: 'facebook', count: 1 });
    const f = await get(sim.url, posts);
    expect(f.status).toBe(500);
    expect(f.body.error).toMatchObject({ code: 1, is_transient: true });
  });

  test('expired_token and missing_permission', async () => {
    await inject([
      { kind: 'expired_token', platform: 'facebook', count: 1 },
      { kind: 'expired_token', platform: 'x', count: 1 },
      { kind: 'expired_token', platform: 'youtube', count: 1 },
    ]);
    expect((await get(sim.url, posts)).body.error).toMatchObject({ code: 190, error_subcode: 463 });
    expect((await get(sim.url, `/2/users/${x.externalId}`, xAuth)).status).toBe(401);
    const y = await get(sim.url, ytChannels);
    expect(y.status).toBe(400);
    expect(y.body.error.errors[0].reason).toBe('keyInvalid');
    await inject([
      { kind: 'missing_permission', platform: 'facebook', count: 1 },
      { kind: 'missing_permission', platform: 'x', count: 1 },
    ]);
    const p = await get(sim.url, posts);
    expect(p.status).toBe(403);
    expect(p.body.error.code).toBe(10);
    expect((await get(sim.url, `/2/users/${x.externalId}`, xAuth)).body.type).toBe('https://api.twitter.com/2/problems/client-forbidden');
  });

  test('malformed_json answers 200 with a truncated body', async () => {
    await inject({ kind: 'malformed_json', platform: 'facebook', count: 1 });
    const r = await get(sim.url, posts);
    expect(r.status).toBe(200);
    expect(r.body).toBeNull();
    expect(() => JSON.parse(r.text)).toThrow();
  });

  test('empty_page_with_next: no items but a next link that leads on', async () => {
    await inject({ kind: 'empty_page_with_next', platform: 'facebook', endpoint: '/posts', count: 1 });
    const r = await get(sim.url, posts);
    expect(r.body.data).toEqual([]);
    expect(r.body.paging.next).toMatch(/after=/);
    const next = await get(sim.url, r.body.paging.next);
    expect(next.body.data).toHaveLength(5);
    expect(next.body.data[0].id).toBe((await get(sim.url, posts)).body.data[0].id);
  });

  test('delete_between_pages: the first item of page 2 is gone when page 2 is fetched', async () => {
    const before = await get(sim.url, `/v24.0/${fb.externalId}/posts?fields=id&limit=10&access_token=${fb.token}`);
    const victim = before.body.data[5].id;
    await inject({ kind: 'delete_between_pages', platform: 'facebook', count: 1 });
    const p1 = await get(sim.url, posts);
    const p2 = await get(sim.url, p1.body.paging.next);
    expect(p2.body.data.map((p: { id: string }) => p.id)).not.toContain(victim);
    expect(p2.body.data[0].id).toBe(before.body.data[6].id);
    expect((await get(sim.url, `/v24.0/${victim}?access_token=${fb.token}`)).body.error.error_subcode).toBe(33);
  });

  test('retired_field fails the whole request only when the field is asked for', async () => {
    await inject({ kind: 'retired_field', platform: 'facebook', field: 'shares' });
    expect((await get(sim.url, posts)).status).toBe(200);
    const r = await get(sim.url, `/v24.0/${fb.externalId}/posts?fields=id,comments.limit(0).summary(true),shares&access_token=${fb.token}`);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 100, message: '(#100) Tried accessing nonexisting field (shares) on node type (PagePost)' });
  });

  test('slow adds latency; timeout hangs until the client gives up', async () => {
    await inject({ kind: 'slow', platform: 'x', delayMs: 300, count: 1 });
    const t0 = Date.now();
    expect((await get(sim.url, `/2/users/${x.externalId}`, xAuth)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    await inject({ kind: 'timeout', platform: 'youtube', count: 1 });
    await expect(get(sim.url, ytChannels, {}, 500)).rejects.toThrow(/timeout/);
    expect((await get(sim.url, ytChannels)).status).toBe(200);
  });

  test('faults can be aimed at one account; admin endpoint lists, validates and removes; stats count them', async () => {
    const other = world.accounts.find((a) => a.platform === 'x' && a.externalId !== x.externalId);
    const [id] = await inject({ kind: 'server_error', platform: 'x', account: other?.externalId });
    expect((await get(sim.url, `/2/users/${x.externalId}`, xAuth)).status).toBe(200);
    expect((await get(sim.url, `/2/users/${other?.externalId}`, xAuth)).status).toBe(503);
    const listed = (await get(sim.url, '/_sim/faults')).body.faults;
    expect(listed).toMatchObject([{ id, kind: 'server_error', applied: 1 }]);
    const bad = await fetch(`${sim.url}/_sim/faults`, { method: 'POST', body: JSON.stringify({ kind: 'meteor' }) });
    expect(bad.status).toBe(400);
    await fetch(`${sim.url}/_sim/faults?id=${id}`, { method: 'DELETE' });
    expect((await get(sim.url, `/2/users/${other?.externalId}`, xAuth)).status).toBe(200);
    expect(sim.stats().faultsApplied.server_error).toBeGreaterThan(0);
  });
});
