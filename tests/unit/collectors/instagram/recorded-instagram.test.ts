import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { failedCallError } from '../../../../src/collectors/api-error.js';
import type { CollectBatch, NormaliseCtx } from '../../../../src/collectors/collector.js';
import { makeInstagramCollector } from '../../../../src/collectors/instagram/index.js';
import {
  normaliseCommentPage,
  normaliseMediaPage,
  normaliseProfile,
  normaliseReplyPage,
} from '../../../../src/collectors/instagram/normalise.js';
import { makePlatformHttp } from '../../../../src/collectors/platform-http.js';
import { graphUsage, makeRateLimit } from '../../../../src/collectors/rate-limit.js';
import type { ItemRecord } from '../../../../src/domain/records.js';
import { makeLogger } from '../../../../src/logger.js';
import { body, recorded, recordedOf, type Recorded } from '../../../helpers/recorded.js';
import { FETCHED_AT, pseudonymise } from '../fixture.js';

/**
 * Genuine recorded Instagram Graph responses (tests/fixtures/recorded/instagram/, from sns-sdks/python-facebook's
 * test data) through the Instagram collector's normalisers, its error typing and rate-limit policy, and the whole
 * collector over a loopback server answering with them.
 */
const all = recordedOf('instagram');
const log = makeLogger({ LOG_LEVEL: 'silent' } as never);

const ctxFor = (account: string, handles: string[] = []): NormaliseCtx => ({
  accountId: '7',
  accountExternalId: account,
  responders: new Set([account]),
  responderHandles: new Set(handles),
  pseudonymise,
  fetchedAt: FETCHED_AT,
});

/** Every username a recorded body names (top-level `username`, `from.username`): residents unless the account's. */
function usernames(r: Recorded): string[] {
  return [...new Set([...JSON.stringify(r.response.body).matchAll(/"username":"([^"]+)"/g)].map((m) => m[1] as string))];
}

/** The pages of a body: a listing's data, an ids lookup's values, a single object. */
function asPage(r: Recorded): { data: unknown[] } {
  const b = body<Record<string, unknown>>(r);
  if (Array.isArray(b.data)) return b as { data: unknown[] };
  if (r.request.path.endsWith('?ids=')) return { data: Object.values(b) };
  return { data: [b] };
}

test('the corpus: genuine recordings with provenance, errors and the instagram Business Use Case header', () => {
  expect(all.length).toBeGreaterThanOrEqual(15);
  for (const r of all) {
    expect(r.source.repository, r.file).toBe('sns-sdks/python-facebook');
    expect(r.source.commit, r.file).toMatch(/^[0-9a-f]{40}$/);
    expect(r.exercises, r.file).not.toBe('');
  }
  // Bodies of the 200s are as recorded; only the error envelopes and usage headers say what was edited.
  for (const r of all.filter((x) => x.response.status === 200 && !x.name.startsWith('usage-'))) expect(r.edited, r.file).toBeNull();
  expect(all.filter((r) => r.response.status >= 400).length).toBeGreaterThanOrEqual(3);
  expect(all.some((r) => /"type":"instagram"/.test(r.response.headers['x-business-use-case-usage'] ?? ''))).toBe(true);
});

describe('errors are typed as for Facebook', () => {
  test.each([
    ['error-throttle-80002', 'PLATFORM_RATE_LIMIT', true],
    ['error-token-expired', 'PLATFORM_AUTH', false],
    ['error-media-gone', 'PLATFORM_NOT_FOUND', false],
  ] as const)('%s → %s', (name, code, retryable) => {
    const r = recorded('instagram', name);
    const e = failedCallError({
      platform: 'instagram',
      method: 'GET',
      url: `https://graph.example.invalid${r.request.path}`,
      status: r.response.status,
      body: r.response.body,
    });
    expect(e.code).toBe(code);
    expect(e.retryable).toBe(retryable);
    expect(e.message).toMatch(/^instagram GET /);
  });
  test('every error file has a case', () => {
    expect(
      all
        .filter((r) => r.response.status >= 400)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['error-media-gone', 'error-throttle-80002', 'error-token-expired']);
  });
});

describe("rate limits by the instagram Business Use Case, with the Page's proportional back-off", () => {
  test('at 100 % with a regain time the next call is not slept through: PLATFORM_RATE_LIMIT with retryAfterMs', async () => {
    const h = recorded('instagram', 'usage-instagram-at-limit').response.headers;
    expect(graphUsage(h)).toEqual({ pct: 100, regainMs: 9 * 60_000 });
    const slept: number[] = [];
    const rl = makeRateLimit({ platform: 'instagram', nowMs: () => 0, sleep: async (ms) => void slept.push(ms) });
    rl.noteAnswer('/v24.0/:id', h);
    await expect(rl.beforeCall('/v24.0/:id/media')).rejects.toMatchObject({
      code: 'PLATFORM_RATE_LIMIT',
      details: { retryAfterMs: 9 * 60_000 },
    });
    expect(slept).toEqual([]);
  });
  test('at 92 % calls are spaced out in proportion, the pass goes on', async () => {
    const slept: number[] = [];
    const rl = makeRateLimit({ platform: 'instagram', nowMs: () => 0, sleep: async (ms) => void slept.push(ms) });
    rl.noteAnswer('/v24.0/:id/media', recorded('instagram', 'usage-instagram-92').response.headers);
    await rl.beforeCall('/v24.0/:id/media');
    expect(slept.length).toBe(1);
    expect(slept[0]).toBeGreaterThan(0);
    expect(slept[0]).toBeLessThan(4_000);
  });
});

describe('every recorded 200 through its normaliser', () => {
  const run = (r: Recorded, own: string[] = []): { items: ItemRecord[]; warnings: number; raw: number } => {
    const page = asPage(r);
    const ctx = ctxFor('17841406338772941');
    const count = (w: ReadonlyArray<{ count: number }>) => w.reduce((n, x) => n + x.count, 0);
    if (r.request.path === '/{version}/{ig-user-id}') {
      normaliseProfile(page.data[0], ctx);
      return { items: [], warnings: 0, raw: 0 };
    }
    if (r.request.path.includes('media') || r.name.startsWith('media-')) {
      const n = normaliseMediaPage(page, ctx, own);
      return { items: n.items, warnings: count(n.warnings), raw: page.data.length };
    }
    if (r.request.path.endsWith('/replies')) {
      const n = normaliseReplyPage(page, ctx, 'media', '17858154961981086', own);
      return { items: n.items, warnings: count(n.warnings), raw: page.data.length };
    }
    const n = normaliseCommentPage(page, ctx, '17846368219941692', own);
    const inline = page.data.reduce<number>((k, c) => k + ((c as { replies?: { data: unknown[] } }).replies?.data.length ?? 0), 0);
    return { items: n.items, warnings: count(n.warnings), raw: page.data.length + inline };
  };
  const pages = all.filter((r) => r.response.status === 200);
  test.each(pages.map((r) => [r.file, r] as const))(
    '%s: every item stored or counted as a warning; no resident username stored',
    (_f, r) => {
      const n = run(r);
      expect(n.items.length + n.warnings).toBe(n.raw);
      const stored = JSON.stringify(n.items);
      for (const u of usernames(r)) {
        if (r.request.path === '/{version}/{ig-user-id}') continue; // the account's own profile
        expect(stored, `${r.file}: ${u}`).not.toContain(u);
      }
      for (const i of n.items) {
        expect(i.platform).toBe('instagram');
        if (i.kind === 'post') expect(i.authorRole).toBe('owner');
      }
    },
  );

  test('a comment with replies expanded: the reply hangs under the comment, both of the medium; usernames pseudonymised and scrubbed', () => {
    const r = recorded('instagram', 'comment-with-replies');
    const n = normaliseCommentPage(asPage(r), ctxFor('17841400000000009'), '17846368219941692');
    expect(n.items.map((i) => [i.externalId, i.parentExternalId, i.rootExternalId])).toEqual([
      ['17892250648466172', '17846368219941692', '17846368219941692'],
      ['17845747489952795', '17892250648466172', '17846368219941692'],
    ]);
    const [top] = n.items;
    expect(top?.authorRole).toBe('citizen');
    expect(top?.authorKey).toBe(pseudonymise('instagram', 'username:ikroskun'));
    expect(top?.text).toBe('@[navn]  Hey, guys');
    expect(top?.hiddenAt).toBeNull();
    // The reply carries no username: identity withheld, an unknown author, never the owner.
    expect(n.items[1]?.authorKey).toBe('r_unknown');
    expect(n.items[1]?.text).toBe('@[navn] Nice');
  });

  test("the account's own username makes a comment the owner's, keyed by the account; its @-handle stays in text", () => {
    const r = recorded('instagram', 'comment-fields');
    const n = normaliseCommentPage(asPage(r), ctxFor('17841406338772941'), 'm', ['ikroskun']);
    expect(n.items[0]).toMatchObject({ authorRole: 'owner', authorKey: '17841406338772941', text: '@ikroskun Hey, guys' });
    // Learnt from the responders' handles as well (the account's registered handle).
    const viaHandle = normaliseCommentPage(asPage(r), ctxFor('17841406338772941', ['@IKROSKUN']), 'm');
    expect(viaHandle.items[0]?.authorRole).toBe('owner');
  });

  test('media: like and comment counts, no shares (null), caption kept for the owner', () => {
    const n = normaliseMediaPage(body(recorded('instagram', 'media-p1')), ctxFor('17841406338772941'));
    expect(n.metrics.map((m) => [m.likes, m.comments, m.shares])).toEqual([
      [0, 0, null],
      [2, 6, null],
    ]);
    expect(n.threads.map((t) => t.comments)).toEqual([0, 6]);
  });
});

describe('the collector over a loopback server answering with the recordings', () => {
  let server: Server;
  let base = '';
  const seen: URL[] = [];
  const serve = (name: string, res: ServerResponse) => {
    const r = recorded('instagram', name);
    res.writeHead(r.response.status, { 'content-type': 'application/json', ...r.response.headers });
    res.end(JSON.stringify(r.response.body));
  };
  let mode: 'ok' | 'throttle' | 'expired' = 'ok';
  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', base);
      seen.push(url);
      const p = url.pathname;
      if (mode === 'throttle') return serve('error-throttle-80002', res);
      if (mode === 'expired') return serve('error-token-expired', res);
      if (/^\/v\d+\.\d\/17841406338772941$/.test(p)) return serve('profile-fields', res);
      if (p.endsWith('/17841406338772941/media')) return serve(url.searchParams.get('after') ? 'media-p2' : 'media-p1', res);
      if (/\/(17896622936197745|17846368219941692)\/comments$/.test(p))
        return serve(url.searchParams.get('after') ? 'comments-p2' : 'comments-p1', res);
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"no recording","code":803}}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const collector = () =>
    makeInstagramCollector({
      http: makePlatformHttp('instagram', 'EAAGours', {
        cfg: { FACEBOOK_GRAPH_URL: base, YOUTUBE_API_URL: base, X_API_URL: base },
        log,
        http: { maxRetries: 1, sleep: async () => undefined },
      }),
      version: 'v24.0',
      now: () => new Date('2021-09-01T00:00:00Z'),
      pseudonymise,
    });
  const ctx = {
    account: {
      id: '7',
      municipalityCode: '0301',
      platform: 'instagram' as const,
      externalId: '17841406338772941',
      handle: null,
      status: 'active' as const,
      tokenEnv: null,
    },
    responders: new Set(['17841406338772941']),
    responderHandles: new Set<string>(),
    state: { watermark: null, cursor: null },
    since: new Date('2021-01-01T00:00:00Z'),
    now: new Date('2021-09-01T00:00:00Z'),
    log,
    storedPosts: async () => [],
  };
  const drain = async (gen: AsyncGenerator<CollectBatch>) => {
    const out: CollectBatch[] = [];
    for await (const b of gen) out.push(b);
    return out;
  };

  test('profile, media (two pages), the comments of the medium with comments (two pages); our token only, on our origin', async () => {
    mode = 'ok';
    seen.length = 0;
    const c = collector();
    const profile = await drain(c.collect('profile', ctx));
    expect(profile[0]?.followers).toEqual([{ accountId: '7', capturedAt: expect.any(Date) as Date, followers: 64363 }]);
    const batches = await drain(c.collect('media', ctx));
    const items = batches.flatMap((b) => b.items);
    expect(items.filter((i) => i.kind === 'post').map((i) => i.externalId)).toEqual([
      '17895731045244887',
      '17896622936197745',
      '17896129349106152',
      '17893085207160254',
    ]);
    const comments = items.filter((i) => i.kind === 'comment');
    expect(comments.map((i) => i.text)).toEqual(['Beautiful!', 'Beautiful!', '@[navn]  Hey, guys', '@[navn]']);
    expect(comments.every((i) => i.rootExternalId === '17896622936197745' && i.parentExternalId === '17896622936197745')).toBe(true);
    expect(batches.flatMap((b) => b.complete).map((x) => x.kind)).toEqual(['thread', 'posts']);
    expect(batches.flatMap((b) => b.metrics).every((m) => m.shares === null)).toBe(true);
    // Media without comments are not read; the recorded `next` links' token and host are never used.
    expect(seen.map((u) => u.pathname)).toEqual([
      '/v24.0/17841406338772941',
      '/v24.0/17841406338772941/media',
      '/v24.0/17896622936197745/comments',
      '/v11.0/17846368219941692/comments',
      '/v6.0/17841406338772941/media',
    ]);
    expect(seen.every((u) => u.searchParams.getAll('access_token').join() === 'EAAGours')).toBe(true);
    expect(seen[2]?.searchParams.get('fields')).toContain('replies.limit(50){');
    expect(c.usage().calls).toBe(5);
    // The next pass: nothing moved, so no comment is read again.
    seen.length = 0;
    const last = batches[batches.length - 1];
    await drain(collector().collect('media', { ...ctx, since: null, state: last?.state ?? ctx.state }));
    expect(seen.map((u) => u.pathname).filter((p) => p.endsWith('/comments'))).toEqual([]);
  });

  test('80002 stops the pass as a rate limit; an expired token is PLATFORM_AUTH', async () => {
    mode = 'throttle';
    await expect(drain(collector().collect('media', ctx))).rejects.toMatchObject({ code: 'PLATFORM_RATE_LIMIT' });
    mode = 'expired';
    await expect(drain(collector().collect('profile', ctx))).rejects.toMatchObject({ code: 'PLATFORM_AUTH', retryable: false });
  });
});
