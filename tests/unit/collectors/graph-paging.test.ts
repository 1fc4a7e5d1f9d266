import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';

import type { RawPage } from '../../../src/collectors/collector.js';
import { makeFacebookClient } from '../../../src/collectors/facebook/client.js';
import { makeGraphPager, nextPageOf, type GraphPlatform } from '../../../src/collectors/graph-paging.js';
import { normaliseCommentPage } from '../../../src/collectors/facebook/normalise.js';
import { makeInstagramClient } from '../../../src/collectors/instagram/client.js';
import { makePlatformHttp } from '../../../src/collectors/platform-http.js';
import { AppError } from '../../../src/errors.js';
import { makeLogger } from '../../../src/logger.js';
import { body, recorded } from '../../helpers/recorded.js';
import { ctxFor } from './fixture.js';

/**
 * The one Graph pager (src/collectors/graph-paging.ts) over a loopback server answering with genuine recorded
 * comment listings of both platforms: their first pages link the second by `paging.next` (an `after` cursor on
 * graph.facebook.com, followed on the configured origin), and their last pages carry no `next`.
 */
const log = makeLogger({ LOG_LEVEL: 'silent' } as never);
const FB_POST = '19292868552_10158407654328553';
const IG_MEDIA = '17846368219941692';
const NOW = new Date('2026-11-17T12:00:00Z');

let server: Server;
let base = '';
const seen: URL[] = [];
/** A body the server answers every request with instead of the recordings (a malformed page). */
let override: unknown;

const send = (res: ServerResponse, status: number, b: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(b));
};

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    seen.push(url);
    if (override !== undefined) return send(res, 200, override);
    const page = url.searchParams.get('after') ? 'p2' : 'p1';
    if (url.pathname.endsWith(`/${FB_POST}/comments`)) return send(res, 200, body(recorded('facebook', `comments-${page}`)));
    if (url.pathname.endsWith(`/${IG_MEDIA}/comments`)) return send(res, 200, body(recorded('instagram', `comments-${page}`)));
    return send(res, 404, { error: { message: 'no recording', code: 803 } });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen.length = 0;
  override = undefined;
});

const http = (platform: GraphPlatform) =>
  makePlatformHttp(platform, 'EAAGours', {
    cfg: { FACEBOOK_GRAPH_URL: base, YOUTUBE_API_URL: base, X_API_URL: base },
    log,
    http: { maxRetries: 0, sleep: async () => undefined },
  });

async function drain(gen: AsyncGenerator<RawPage<unknown>>): Promise<RawPage<unknown>[]> {
  const out: RawPage<unknown>[] = [];
  for await (const p of gen) out.push(p);
  return out;
}

/** Reads to the end and returns the pages read before the error, and the error. */
async function drainToError(gen: AsyncGenerator<RawPage<unknown>>): Promise<{ pages: RawPage<unknown>[]; error: unknown }> {
  const pages: RawPage<unknown>[] = [];
  try {
    for await (const p of gen) pages.push(p);
  } catch (error) {
    return { pages, error };
  }
  return { pages, error: undefined };
}

describe('following paging.next', () => {
  test.each([
    ['facebook', FB_POST],
    ['instagram', IG_MEDIA],
  ] as const)('%s: the first page with its parameters, then the `next` link with its cursor and nothing added', async (platform, id) => {
    const pages = makeGraphPager({ http: http(platform), now: () => NOW, platform });
    const got = await drain(pages(`/v24.0/${id}/comments`, { limit: 10, fields: 'id,message' }, 'comment listing'));
    expect(got.map((p) => p.body)).toEqual([body(recorded(platform, 'comments-p1')), body(recorded(platform, 'comments-p2'))]);
    expect(got.map((p) => p.request)).toEqual([`/v24.0/${id}/comments`, expect.stringMatching(new RegExp(`/${id}/comments$`))]);
    expect(got.every((p) => p.fetchedAt === NOW)).toBe(true);
    // The first request carries our parameters; the second is the recorded link (on our origin), which already
    // carries its own: ours are not appended a second time.
    expect(seen.map((u) => u.searchParams.get('after'))).toEqual([null, 'after']);
    expect(seen[0]?.searchParams.getAll('limit')).toEqual(['10']);
    expect(seen[1]?.searchParams.getAll('fields')).not.toContain('id,message');
    expect(seen[1]?.origin).toBe(base);
  });

  test('stops at the last page: no `next`, even where `cursors.after` is still there (Facebook)', async () => {
    expect(body<{ paging: { cursors?: { after?: string }; next?: string } }>(recorded('facebook', 'comments-p2')).paging).toMatchObject({
      cursors: { after: 'after' },
    });
    const got = await drain(
      makeGraphPager({ http: http('facebook'), now: () => NOW, platform: 'facebook' })(
        `/v24.0/${FB_POST}/comments`,
        undefined,
        'comment listing',
      ),
    );
    expect(got).toHaveLength(2);
    expect(seen).toHaveLength(2);
  });

  test('one page without paging at all is the whole listing', async () => {
    override = { data: [] };
    const got = await drain(
      makeGraphPager({ http: http('instagram'), now: () => NOW, platform: 'instagram' })(
        `/v24.0/${IG_MEDIA}/comments`,
        undefined,
        'comment listing',
      ),
    );
    expect(got).toHaveLength(1);
    expect(seen).toHaveLength(1);
  });
});

describe('a malformed paging is a PLATFORM_CONTRACT error, never a silent end of the listing', () => {
  const malformed = [
    ['next not a link', { data: [], paging: { next: 42 } }, 'paging.next'],
    ['paging not an object', { data: [], paging: 'after' }, 'paging'],
    ['cursors not an object', { data: [], paging: { cursors: 'after' } }, 'paging.cursors'],
  ] as const;

  test.each(malformed)('%s: the page is yielded, then the typed error naming the field', async (_, page, field) => {
    override = page;
    const { pages, error } = await drainToError(
      makeGraphPager({ http: http('facebook'), now: () => NOW, platform: 'facebook' })(
        `/v24.0/${FB_POST}/comments`,
        undefined,
        'comment listing',
      ),
    );
    expect(pages.map((p) => p.body)).toEqual([page]);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'PLATFORM_CONTRACT',
      retryable: false,
      details: { context: { platform: 'facebook', what: 'comment listing', field } },
    });
    expect(seen).toHaveLength(1);
  });

  test('the same error the normaliser gives for that page', () => {
    const page = { data: [], paging: { next: 42 } };
    const fromNormaliser = (() => {
      try {
        normaliseCommentPage(page, ctxFor(FB_POST, []), FB_POST);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    const fromPager = (() => {
      try {
        nextPageOf(page, 'facebook', 'comment listing');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(fromPager).toBeInstanceOf(AppError);
    expect(fromPager).toEqual(fromNormaliser);
    expect((fromPager as AppError).details).toEqual((fromNormaliser as AppError).details);
  });

  test('through both clients, named as their normalisers name the listing', async () => {
    override = { data: [], paging: { next: 42 } };
    const fb = makeFacebookClient({ http: http('facebook'), version: 'v24.0', now: () => NOW });
    const ig = makeInstagramClient({ http: http('instagram'), version: 'v24.0', now: () => NOW });
    const cases = [
      [fb.feed('1', NOW, NOW), 'facebook', 'post listing'],
      [fb.comments(FB_POST), 'facebook', 'comment listing'],
      [fb.commentsAfter(`${base}/v24.0/${FB_POST}/comments?after=a`), 'facebook', 'comment listing'],
      [ig.media('1', NOW, NOW), 'instagram', 'media listing'],
      [ig.comments(IG_MEDIA), 'instagram', 'comment listing'],
      [ig.replies('2'), 'instagram', 'reply listing'],
    ] as const;
    for (const [gen, platform, what] of cases) {
      const { error } = await drainToError(gen);
      expect(error, `${platform} ${what}`).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('PLATFORM_CONTRACT');
      expect((error as AppError).message).toMatch(new RegExp(`^${platform} ${what}: unexpected response shape at field 'paging.next'`));
      expect((error as AppError).details.context).toEqual({ platform, what, field: 'paging.next' });
    }
  });
});
