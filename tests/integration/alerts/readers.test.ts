import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { loadConfig } from '../../../config/env.js';
import { makeThreadReaders, type VerifyQuestion } from '../../../src/alerts/verify.js';
import { MAX_THREAD_PAGES } from '../../../src/collectors/live-thread.js';
import { makeTokenCipher } from '../../../src/privacy/token-cipher.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';
import { makeBuilder } from './builder.js';

/**
 * The Facebook, YouTube and X readers against their wire formats (platform-apis.md §1, §2, §3) on one loopback
 * origin: what each one asks for, and how many calls a re-read costs.
 */
const cipher = makeTokenCipher('test-secret-0123456789abcdef0123456789');
const asked = new Date('2026-11-16T09:00:00Z');

const ytComment = (id: string, channel: string, at: string, parentId?: string) => ({
  id,
  snippet: { videoId: 'VID', textOriginal: 'x', authorChannelId: { value: channel }, publishedAt: at, ...(parentId ? { parentId } : {}) },
});
const tweet = (id: string, author: string, at: string, parent?: string) => ({
  id,
  text: 'x',
  author_id: author,
  created_at: at,
  conversation_id: 'ROOT',
  ...(parent ? { referenced_tweets: [{ type: 'replied_to', id: parent }] } : {}),
});

let server: ReturnType<typeof createServer>;
let origin = '';
const calls: string[] = [];
let ytReplies: unknown[] = [];
let xSearch: unknown[] = [];
let xLookup: unknown = {
  errors: [{ resource_id: 'T1', type: 'https://api.twitter.com/2/problems/resource-not-found', title: 'Not Found Error' }],
};
// Graph: the visitor post with its first comment page folded in, and the pages of /{id}/comments by `after`.
const fbComment = (id: string, from: string, at: string, parent?: string) => ({
  id,
  message: 'x',
  created_time: at,
  from: { id: from },
  ...(parent ? { parent: { id: parent } } : {}),
});
let fbFolded: unknown[] = [];
let fbPages: unknown[][] = [];
let testDb: Awaited<ReturnType<typeof useTestDb>>;
let ids: { yt: string; x: string; fb: string };

beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    calls.push(`${u.pathname}?${[...u.searchParams.keys()].filter((k) => k !== 'key').join('&')}`);
    const json = (b: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(b));
    if (u.pathname === '/youtube/v3/commentThreads') {
      if (u.searchParams.get('id') === 'GONE') {
        json({ items: [] });
        return;
      }
      json({
        items: [
          {
            id: 'TH1',
            snippet: {
              videoId: 'VID',
              topLevelComment: ytComment('TH1', 'UCresident', '2026-11-16T09:00:00Z'),
              totalReplyCount: ytReplies.length,
            },
            replies: { comments: ytReplies.slice(0, 5) },
          },
        ],
      });
    } else if (u.pathname === '/youtube/v3/comments') json({ items: ytReplies });
    else if (/^\/v\d+\.\d+\/[^/]+\/comments$/.test(u.pathname)) {
      // `after` is the index of the page: every page but the last links to the next one, as Graph's `paging.next`.
      const k = Number(u.searchParams.get('after') ?? 0);
      const next = k + 1 < fbPages.length ? { next: `${origin}${u.pathname}?after=${k + 1}&access_token=theirs` } : {};
      json({ data: fbPages[k] ?? [], paging: next });
    } else if (u.pathname === '/v24.0/PAGE_VISITOR') {
      json({
        id: 'PAGE_VISITOR',
        created_time: '2026-11-16T09:00:00+0000',
        is_hidden: false,
        from: { id: 'resident' },
        comments: { data: fbFolded, paging: fbPages.length > 0 ? { next: `${origin}/v24.0/PAGE_VISITOR/comments?after=0` } : {} },
      });
    } else if (u.pathname === '/2/tweets/search/recent') json({ data: xSearch, meta: { result_count: xSearch.length } });
    else if (u.pathname === '/2/tweets') json(xLookup);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  testDb = await useTestDb();
  const b = makeBuilder(testDb.db, cipher);
  ids = {
    yt: await b.account('4601', 'youtube', 'UCkommune', 'AIzaKEY'),
    x: await b.account('4601', 'x', '1001', 'XBEARER'),
    fb: await b.account('4601', 'facebook', 'PAGE', 'EAAtoken'),
  };
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await testDb.drop();
});

function readers() {
  const cfg = loadConfig({ YOUTUBE_API_URL: origin, X_API_URL: origin, FACEBOOK_GRAPH_URL: origin });
  return makeThreadReaders({
    db: testDb.db,
    cipher,
    cfg,
    log: silentLogger,
    now: () => new Date('2026-11-16T12:00:00Z'),
    http: { baseDelayMs: 1 },
  });
}

describe('Facebook reader', () => {
  const visitorPost = (): VerifyQuestion => ({
    platform: 'facebook',
    accountId: ids.fb,
    accountExternalId: 'PAGE',
    responders: new Set(['PAGE']),
    rootExternalId: 'PAGE_VISITOR',
    branchExternalId: 'PAGE_VISITOR',
    turnExternalIds: ['PAGE_VISITOR'],
    askedAt: asked,
  });
  const comment = (id: string): VerifyQuestion => ({
    ...visitorPost(),
    rootExternalId: 'PAGE_OWN',
    branchExternalId: id,
    turnExternalIds: [id],
  });
  const page = (k: number) => [fbComment(`P${k}`, 'resident2', `2026-11-16T09:${String(10 + k).padStart(2, '0')}:00+0000`)];

  test('a visitor post: the post and its first comments in one call, then its `next` link; an owner comment answers', async () => {
    fbFolded = [fbComment('C1', 'resident2', '2026-11-16T09:30:00+0000')];
    fbPages = [[fbComment('C2', 'PAGE', '2026-11-16T10:00:00+0000')]];
    calls.length = 0;
    const { readers: r, stats } = readers();
    expect(await r.facebook!.read(visitorPost())).toEqual({ status: 'answered', answeredAt: new Date('2026-11-16T10:00:00Z') });
    expect(stats.calls).toBe(2);
    expect(calls[0]).toMatch(/^\/v24\.0\/PAGE_VISITOR\?fields/);
    // The `next` link is followed as given, with our token instead of the one it carried.
    expect(calls[1]).toBe('/v24.0/PAGE_VISITOR/comments?after&access_token');
  });

  test('a comment: the comments of its post page by page, to the owner reply under it', async () => {
    fbPages = [
      [fbComment('C1', 'resident', '2026-11-16T09:00:00+0000')],
      page(1),
      [fbComment('C3', 'PAGE', '2026-11-16T11:00:00+0000', 'C1')],
    ];
    calls.length = 0;
    const { readers: r, stats } = readers();
    expect(await r.facebook!.read(comment('C1'))).toEqual({ status: 'answered', answeredAt: new Date('2026-11-16T11:00:00Z') });
    expect(stats.calls).toBe(3);
    expect(calls[0]).toMatch(/^\/v24\.0\/PAGE_OWN\/comments\?filter&order&fields&limit/);
  });

  test('a thread longer than the page cap is read partly: a question beyond it is unknown, not deleted', async () => {
    fbPages = Array.from({ length: MAX_THREAD_PAGES + 2 }, (_, k) => page(k));
    fbPages.push([fbComment('LATE', 'resident', '2026-11-16T09:00:00+0000')]);
    const { readers: r, stats } = readers();
    expect(await r.facebook!.read(comment('LATE'))).toEqual({ status: 'unknown', reason: 'question not in a partial read' });
    expect(stats.calls).toBe(MAX_THREAD_PAGES);
    // The same through a visitor post's folded page and its `next` links: the folded page counts as the first.
    fbFolded = page(99);
    const before = stats.calls;
    expect(await r.facebook!.read({ ...visitorPost(), turnExternalIds: ['PAGE_VISITOR', 'LATE'] })).toEqual({ status: 'open' });
    expect(stats.calls - before).toBe(MAX_THREAD_PAGES);
  });
});

describe('YouTube reader', () => {
  const q = (): VerifyQuestion => ({
    platform: 'youtube',
    accountId: ids.yt,
    accountExternalId: 'UCkommune',
    responders: new Set(['UCkommune']),
    rootExternalId: 'VID',
    branchExternalId: 'TH1',
    turnExternalIds: ['TH1'],
    askedAt: asked,
  });

  test('one commentThreads.list?id= call when the replies fit inline; an owner reply answers', async () => {
    ytReplies = [
      ytComment('R1', 'UCresident2', '2026-11-16T09:30:00Z', 'TH1'),
      ytComment('R2', 'UCkommune', '2026-11-16T10:00:00Z', 'TH1'),
    ];
    calls.length = 0;
    const { readers: r, stats } = readers();
    expect(await r.youtube!.read(q())).toEqual({ status: 'answered', answeredAt: new Date('2026-11-16T10:00:00Z') });
    expect(stats.calls).toBe(1);
    expect(calls).toEqual(['/youtube/v3/commentThreads?part&id&textFormat']);
  });

  test('a long thread pages comments.list?parentId=; a missing thread is deleted', async () => {
    ytReplies = Array.from({ length: 8 }, (_, i) => ytComment(`R${i}`, 'UCresident2', `2026-11-16T09:3${i}:00Z`, 'TH1'));
    calls.length = 0;
    const { readers: r, stats } = readers();
    expect(await r.youtube!.read(q())).toEqual({ status: 'open' });
    expect(stats.calls).toBe(2);
    expect(calls[1]).toContain('/youtube/v3/comments?part&parentId');
    expect(await r.youtube!.read({ ...q(), branchExternalId: 'GONE', turnExternalIds: ['GONE'] })).toEqual({ status: 'deleted' });
  });
});

describe('X reader', () => {
  const q = (): VerifyQuestion => ({
    platform: 'x',
    accountId: ids.x,
    accountExternalId: '1001',
    responders: new Set(['1001']),
    rootExternalId: 'ROOT',
    branchExternalId: 'T1',
    turnExternalIds: ['T1'],
    askedAt: asked,
  });

  test('recent search over the conversation; an owner reply deeper in the branch answers', async () => {
    xSearch = [
      tweet('T1', '555', '2026-11-16T09:00:00.000Z', 'ROOT'),
      tweet('T2', '555', '2026-11-16T09:05:00.000Z', 'T1'),
      tweet('T3', '1001', '2026-11-16T11:00:00.000Z', 'T2'),
    ];
    calls.length = 0;
    const { readers: r, stats } = readers();
    expect(await r.x!.read(q())).toEqual({ status: 'answered', answeredAt: new Date('2026-11-16T11:00:00.000Z') });
    expect(stats.calls).toBe(1);
    expect(calls[0]).toMatch(/^\/2\/tweets\/search\/recent\?query/);
  });

  test('a question the search does not return is looked up: not found → deleted, found → open', async () => {
    xSearch = [];
    const { readers: r, stats } = readers();
    expect(await r.x!.read(q())).toEqual({ status: 'deleted' });
    expect(stats.calls).toBe(2);
    xLookup = { data: [tweet('T1', '555', '2026-11-16T09:00:00.000Z', 'ROOT')] };
    expect(await r.x!.read(q())).toEqual({ status: 'open' });
  });
});
