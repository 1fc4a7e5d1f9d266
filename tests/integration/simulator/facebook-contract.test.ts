import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Simulator } from '../../../src/simulator/server.js';
import { acceptanceWorld, busiest, get, start } from './fixture.js';

const world = acceptanceWorld();
const page = busiest(world, 'facebook');
const tok = `access_token=${page.token}`;
const FB_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/;
let sim: Simulator;

beforeAll(async () => {
  sim = await start(world);
});
afterAll(async () => {
  await sim.close();
});

describe('Facebook Graph contract (platform-apis.md §1)', () => {
  test('Page node with followers_count and fan_count; usage header is JSON keyed by the Page id', async () => {
    const r = await get(sim.url, `/v25.0/${page.externalId}?fields=id,name,username,link,followers_count,fan_count&${tok}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: page.externalId, name: page.name, username: page.handle });
    expect(typeof r.body.followers_count).toBe('number');
    expect(typeof r.body.fan_count).toBe('number');
    expect(r.headers.get('facebook-api-version')).toBe('v25.0');
    const buc = JSON.parse(r.headers.get('x-business-use-case-usage') ?? '{}');
    expect(buc[page.externalId][0]).toMatchObject({
      type: 'pages',
      call_count: expect.any(Number),
      total_cputime: expect.any(Number),
      total_time: expect.any(Number),
      estimated_time_to_regain_access: 0,
    });
  });

  test('/posts with nested fields, summaries and cursor paging with absolute next links on our origin', async () => {
    const fields =
      'id,message,created_time,updated_time,permalink_url,from,shares,reactions.limit(0).summary(true),comments.limit(0).summary(true)';
    const seen = new Set<string>();
    let url: string | undefined = `/v24.0/${page.externalId}/posts?fields=${encodeURIComponent(fields)}&limit=10&${tok}`;
    let pages = 0;
    while (url && pages < 5) {
      const r = await get(sim.url, url);
      expect(r.status).toBe(200);
      expect(Array.isArray(r.body.data)).toBe(true);
      for (const p of r.body.data) {
        expect(p.id).toMatch(new RegExp(`^${page.externalId}_\\d+$`));
        expect(p.created_time).toMatch(FB_TIME);
        expect(p.updated_time).toMatch(FB_TIME);
        expect(p.from).toEqual({ name: page.name, id: page.externalId });
        expect(p.permalink_url).toMatch(/^https:\/\/www\.facebook\.com\//);
        expect(p.reactions).toMatchObject({ data: [], summary: { total_count: expect.any(Number), viewer_reaction: 'NONE' } });
        expect(p.comments).toMatchObject({ data: [], summary: { total_count: expect.any(Number), can_comment: true } });
        if (p.shares) expect(p.shares).toEqual({ count: expect.any(Number) });
        expect(seen.has(p.id)).toBe(false);
        seen.add(p.id);
      }
      expect(r.body.paging.cursors).toMatchObject({ before: expect.any(String), after: expect.any(String) });
      url = r.body.paging.next;
      if (url) expect(url.startsWith(`${sim.url}/v24.0/${page.externalId}/posts?`)).toBe(true);
      pages++;
    }
    expect(pages).toBeGreaterThan(1);
  });

  test('since/until filter /feed, which also holds visitor posts (from ≠ Page)', async () => {
    const since = Math.floor(Date.parse('2026-03-01T00:00:00Z') / 1000);
    const until = Math.floor(Date.parse('2026-05-01T00:00:00Z') / 1000);
    let url: string | undefined =
      `/v24.0/${page.externalId}/feed?fields=id,from,created_time&limit=100&since=${since}&until=${until}&${tok}`;
    const all: { from: { id: string }; created_time: string }[] = [];
    while (url) {
      const r = await get(sim.url, url);
      all.push(...r.body.data);
      url = r.body.paging?.next;
    }
    expect(all.length).toBeGreaterThan(10);
    for (const p of all) {
      const t = Date.parse(p.created_time.replace('+0000', 'Z'));
      expect(t).toBeGreaterThanOrEqual(since * 1000);
      expect(t).toBeLessThanOrEqual(until * 1000);
    }
    expect(all.some((p) => p.from.id !== page.externalId)).toBe(true);
  });

  test('/comments?filter=stream returns every level with parent; summary counts them', async () => {
    const d = world.data(page.externalId);
    const post = d.items.find(
      (i) => i.kind === 'post' && (d.threads.get(i.id) ?? []).some((c) => c.depth >= 3) && i.createdAt < Date.parse('2026-05-01'),
    );
    expect(post).toBeDefined();
    const r = await get(
      sim.url,
      `/v24.0/${post?.id}/comments?filter=stream&order=chronological&summary=true&limit=100&fields=id,message,created_time,from{id,name},parent{id},like_count,comment_count,is_hidden,permalink_url&${tok}`,
    );
    expect(r.status).toBe(200);
    expect(r.body.summary).toEqual({ order: 'chronological', total_count: r.body.data.length, can_comment: true });
    const ids = new Set(r.body.data.map((c: { id: string }) => c.id));
    const replies = r.body.data.filter((c: { parent?: { id: string } }) => c.parent);
    expect(replies.length).toBeGreaterThan(0);
    for (const c of replies) expect(ids.has(c.parent.id)).toBe(true);
    for (const c of r.body.data) {
      expect(c).toMatchObject({
        id: expect.stringMatching(/^\d+_\d+$/),
        message: expect.any(String),
        created_time: expect.stringMatching(FB_TIME),
        like_count: expect.any(Number),
        comment_count: expect.any(Number),
        is_hidden: expect.any(Boolean),
      });
      expect(c.from).toEqual({ id: expect.any(String), name: expect.any(String) });
    }
    const top = await get(sim.url, `/v24.0/${post?.id}/comments?summary=true&${tok}`);
    expect(top.body.data.every((c: { parent?: unknown }) => c.parent === undefined)).toBe(true);
    expect(top.body.summary.total_count).toBeLessThan(r.body.summary.total_count);
    const one = await get(sim.url, `/v24.0/${replies[0].id}?fields=id,message,parent&${tok}`);
    expect(one.body.parent.id).toBe(replies[0].parent.id);
  });

  test('an unknown field fails the whole request with code 100; bad syntax with 2500', async () => {
    const r = await get(sim.url, `/v24.0/${page.externalId}/posts?fields=id,message,impressions&${tok}`);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      error: {
        message: '(#100) Tried accessing nonexisting field (impressions) on node type (PagePost)',
        type: 'OAuthException',
        code: 100,
        fbtrace_id: expect.any(String),
      },
    });
    const s = await get(sim.url, `/v24.0/${page.externalId}/posts?fields=id,from{id&${tok}`);
    expect(s.body.error.code).toBe(2500);
  });

  test('errors in Graph shape: missing, invalid and foreign tokens, unknown objects and paths, limit > 100', async () => {
    const missing = await get(sim.url, `/v24.0/${page.externalId}`);
    expect(missing.body.error).toMatchObject({ code: 104, type: 'OAuthException' });
    const bad = await get(sim.url, `/v24.0/${page.externalId}?access_token=garbage`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 190, type: 'OAuthException', fbtrace_id: expect.any(String) });
    const other = world.accounts.find((a) => a.platform === 'facebook' && a.externalId !== page.externalId);
    const foreign = await get(sim.url, `/v24.0/${other?.externalId}/posts?${tok}`);
    expect(foreign.body.error.code).toBe(10);
    const unknown = await get(sim.url, `/v24.0/${page.externalId}_1234567890123456?${tok}`);
    expect(unknown.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
    const path = await get(sim.url, `/v24.0/${page.externalId}/posts/extra?${tok}`);
    expect(path.body.error).toMatchObject({ code: 2500 });
    const edge = await get(sim.url, `/v24.0/${page.externalId}/visitor_posts?${tok}`);
    expect(edge.body.error).toMatchObject({ code: 100 });
    const lim = await get(sim.url, `/v24.0/${page.externalId}/feed?limit=101&${tok}`);
    expect(lim.body.error).toMatchObject({ code: 100 });
  });

  test('the app token reads every Page but gets no resident identity and X-App-Usage instead of BUC', async () => {
    const post = world
      .data(page.externalId)
      .items.find(
        (i) => i.kind === 'post' && (world.data(page.externalId).children.get(i.id) ?? []).some((c) => c.authorRole === 'citizen'),
      );
    const r = await get(
      sim.url,
      `/v24.0/${post?.id}/comments?fields=id,from,message&access_token=${encodeURIComponent(world.shared.facebookApp)}`,
    );
    expect(r.status).toBe(200);
    expect(JSON.parse(r.headers.get('x-app-usage') ?? '{}')).toMatchObject({ call_count: expect.any(Number) });
    const citizenIds = new Set(
      world
        .data(page.externalId)
        .items.filter((i) => i.authorRole === 'citizen')
        .map((i) => i.id),
    );
    for (const c of r.body.data) if (citizenIds.has(c.id)) expect(c.from).toBeUndefined();
  });

  test('Bearer authorisation works like access_token; unversioned-too-old versions answer as the oldest live one', async () => {
    const r = await get(sim.url, `/v18.0/${page.externalId}`, { authorization: `Bearer ${page.token}` });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ name: page.name, id: page.externalId });
    expect(r.headers.get('facebook-api-version')).toBe('v20.0');
  });
});
