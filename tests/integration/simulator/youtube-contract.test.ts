import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Simulator } from '../../../src/simulator/server.js';
import { acceptanceWorld, busiest, get, start } from './fixture.js';

const world = acceptanceWorld();
const ch = busiest(world, 'youtube');
const key = `key=${ch.token}`;
const YT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
let sim: Simulator;

beforeAll(async () => {
  sim = await start(world, { youtubeQuota: 500 });
});
afterAll(async () => {
  await sim.close();
});

describe('YouTube Data v3 contract (platform-apis.md §2)', () => {
  test('channels.list → uploads playlist → playlistItems pages → videos.list with string counters', async () => {
    const c = await get(sim.url, `/youtube/v3/channels?part=snippet,contentDetails,statistics&id=${ch.externalId}&${key}`);
    expect(c.body).toMatchObject({ kind: 'youtube#channelListResponse', etag: expect.any(String), pageInfo: { totalResults: 1 } });
    const channel = c.body.items[0];
    expect(channel).toMatchObject({ kind: 'youtube#channel', id: ch.externalId, snippet: { title: ch.name, customUrl: ch.handle } });
    expect(channel.statistics).toMatchObject({
      subscriberCount: expect.stringMatching(/^\d+$/),
      videoCount: expect.stringMatching(/^\d+$/),
      viewCount: expect.stringMatching(/^\d+$/),
    });
    const uploads = channel.contentDetails.relatedPlaylists.uploads;
    expect(uploads).toBe(`UU${ch.externalId.slice(2)}`);
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const p = await get(
        sim.url,
        `/youtube/v3/playlistItems?part=snippet,contentDetails&playlistId=${uploads}&maxResults=3${token ? `&pageToken=${token}` : ''}&${key}`,
      );
      expect(p.body.kind).toBe('youtube#playlistItemListResponse');
      for (const it of p.body.items) {
        expect(it.kind).toBe('youtube#playlistItem');
        expect(it.contentDetails.videoPublishedAt).toMatch(YT_TIME);
        expect(it.snippet.resourceId).toEqual({ kind: 'youtube#video', videoId: it.contentDetails.videoId });
        ids.push(it.contentDetails.videoId);
      }
      token = p.body.nextPageToken;
    } while (token);
    expect(ids.length).toBe(Number(channel.statistics.videoCount));
    const v = await get(sim.url, `/youtube/v3/videos?part=statistics,snippet&id=${ids.slice(0, 50).join(',')}&${key}`);
    expect(v.body.items.length).toBe(Math.min(50, ids.length));
    for (const it of v.body.items) {
      expect(it.statistics.viewCount).toMatch(/^\d+$/);
      expect(it.statistics.likeCount).toMatch(/^\d+$/);
      expect(it.snippet.channelId).toBe(ch.externalId);
    }
  });

  test('commentThreads for the channel, newest first, with a reply subset; comments.list?parentId= has all replies', async () => {
    const r = await get(
      sim.url,
      `/youtube/v3/commentThreads?part=snippet,replies&allThreadsRelatedToChannelId=${ch.externalId}&maxResults=100&order=time&textFormat=plainText&${key}`,
    );
    expect(r.body.kind).toBe('youtube#commentThreadListResponse');
    const threads = r.body.items;
    expect(threads.length).toBeGreaterThan(0);
    const times: string[] = threads.map((t: any) => t.snippet.topLevelComment.snippet.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
    for (const t of threads) {
      expect(t).toMatchObject({
        kind: 'youtube#commentThread',
        id: t.snippet.topLevelComment.id,
        snippet: { channelId: ch.externalId, canReply: true, isPublic: true },
      });
      const s = t.snippet.topLevelComment.snippet;
      expect(s).toMatchObject({
        textOriginal: expect.any(String),
        authorChannelId: { value: expect.any(String) },
        likeCount: expect.any(Number),
        publishedAt: expect.stringMatching(YT_TIME),
      });
      if (t.snippet.totalReplyCount > 0) expect(t.replies.comments.length).toBeLessThanOrEqual(t.snippet.totalReplyCount);
    }
    const worldItems = world.data(ch.externalId).items;
    const answeredByOwner = (t: any) => worldItems.some((i) => i.parentId === t.id && i.authorRole === 'owner');
    const withReplies =
      threads.find((t: any) => t.snippet.totalReplyCount > 0 && answeredByOwner(t)) ??
      threads.find((t: any) => t.snippet.totalReplyCount > 0);
    expect(withReplies).toBeDefined();
    const all = await get(sim.url, `/youtube/v3/comments?part=snippet&parentId=${withReplies.id}&maxResults=100&${key}`);
    expect(all.body.items.length).toBe(withReplies.snippet.totalReplyCount);
    for (const c of all.body.items) expect(c.snippet.parentId).toBe(withReplies.id);
    // The municipality's own comments carry its channel id as author (how the collector tells owner from
    // resident), and residents' never do: each served comment's author matches the world's role for it.
    const byId = new Map(worldItems.map((i) => [i.id, i]));
    const served = all.body.items.concat(threads.map((t: any) => t.snippet.topLevelComment));
    for (const c of served) {
      const item = byId.get(c.id);
      expect(item, `comment ${c.id} is in the world`).toBeDefined();
      expect(c.snippet.authorChannelId.value === ch.externalId, `comment ${c.id} by ${item!.authorRole}`).toBe(
        item!.authorRole === 'owner',
      );
    }
    expect(
      served.some((c: any) => byId.get(c.id)?.authorRole === 'owner'),
      'the channel answers somewhere',
    ).toBe(true);
  });

  test('errors in Google shape: commentsDisabled, videoNotFound, missing part, bad page token, bad and missing key', async () => {
    const disabled = world.accounts
      .filter((a) => a.platform === 'youtube')
      .flatMap((a) => world.data(a.externalId).items)
      .find((i) => i.commentsDisabled && i.createdAt < Date.parse('2026-06-01'));
    if (disabled) {
      const r = await get(sim.url, `/youtube/v3/commentThreads?part=snippet&videoId=${disabled.id}&${key}`);
      expect(r.status).toBe(403);
      expect(r.body.error).toMatchObject({
        code: 403,
        status: 'PERMISSION_DENIED',
        errors: [{ reason: 'commentsDisabled', domain: 'youtube.commentThread' }],
      });
    }
    const nf = await get(sim.url, `/youtube/v3/commentThreads?part=snippet&videoId=${ch.externalId.slice(2, 6)}zzzzzzz&${key}`);
    expect(nf.body.error.errors[0].reason).toBe('videoNotFound');
    const part = await get(sim.url, `/youtube/v3/channels?id=${ch.externalId}&${key}`);
    expect(part.status).toBe(400);
    expect(part.body.error).toMatchObject({
      code: 400,
      message: expect.any(String),
      errors: [{ domain: expect.any(String), reason: 'required', message: expect.any(String) }],
      status: 'INVALID_ARGUMENT',
    });
    const tok = await get(
      sim.url,
      `/youtube/v3/commentThreads?part=snippet&allThreadsRelatedToChannelId=${ch.externalId}&pageToken=nonsense&${key}`,
    );
    expect(tok.body.error.errors[0].reason).toBe('invalidPageToken');
    const bad = await get(sim.url, `/youtube/v3/channels?part=id&id=${ch.externalId}&key=AIzaWrong`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.errors[0].reason).toBe('keyInvalid');
    const none = await get(sim.url, `/youtube/v3/channels?part=id&id=${ch.externalId}`);
    expect(none.status).toBe(403);
    const unknown = await get(sim.url, `/youtube/v3/activitiesX?part=id&${key}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe(404);
  });

  test('quota: search.list costs 100 units, every call at least 1, and 403 quotaExceeded once spent', async () => {
    sim.resetStats();
    const other = world.accounts.filter((a) => a.platform === 'youtube')[1];
    const k = `key=${other?.token}`;
    await get(sim.url, `/youtube/v3/channels?part=id&id=${other?.externalId}&${k}`);
    await get(sim.url, `/youtube/v3/channels?id=${other?.externalId}&${k}`); // invalid, still 1 unit
    const s = await get(sim.url, `/youtube/v3/search?part=snippet&channelId=${other?.externalId}&${k}`);
    expect(s.body.kind).toBe('youtube#searchListResponse');
    const stats = sim.stats();
    expect(stats.youtubeQuota[other?.externalId ?? '']?.units).toBe(102);
    expect(stats.byEndpoint['youtube search.list']).toBe(1);
    for (let i = 0; i < 3; i++) await get(sim.url, `/youtube/v3/search?part=snippet&channelId=${other?.externalId}&${k}`);
    const spent = await get(sim.url, `/youtube/v3/search?part=snippet&channelId=${other?.externalId}&${k}`);
    expect(spent.status).toBe(403);
    expect(spent.body.error.errors[0]).toMatchObject({ reason: 'quotaExceeded', domain: 'youtube.quota' });
  });
});
