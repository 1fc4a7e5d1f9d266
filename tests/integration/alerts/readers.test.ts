import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { loadConfig } from '../../../config/env.js';
import { makeThreadReaders, type VerifyQuestion } from '../../../src/alerts/verify.js';
import { makeTokenCipher } from '../../../src/privacy/token-cipher.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';
import { makeBuilder } from './builder.js';

/**
 * The YouTube and X readers against their wire formats (platform-apis.md §2, §3) on one loopback origin:
 * what each one asks for, and how many calls a re-read costs.
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
let testDb: Awaited<ReturnType<typeof useTestDb>>;
let ids: { yt: string; x: string };

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
    else if (u.pathname === '/2/tweets/search/recent') json({ data: xSearch, meta: { result_count: xSearch.length } });
    else if (u.pathname === '/2/tweets') json(xLookup);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  testDb = await useTestDb();
  const b = makeBuilder(testDb.db, cipher);
  ids = { yt: await b.account('4601', 'youtube', 'UCkommune', 'AIzaKEY'), x: await b.account('4601', 'x', '1001', 'XBEARER') };
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await testDb.drop();
});

function readers() {
  const cfg = loadConfig({ YOUTUBE_API_URL: origin, X_API_URL: origin });
  return makeThreadReaders({
    db: testDb.db,
    cipher,
    cfg,
    log: silentLogger,
    now: () => new Date('2026-11-16T12:00:00Z'),
    http: { baseDelayMs: 1 },
  });
}

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
