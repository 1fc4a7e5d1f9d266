import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { makeHttp } from '../../../src/collectors/http.js';
import { AppError } from '../../../src/errors.js';
import { recorded } from '../../helpers/recorded.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = (_q, res) => res.end('{}');
const seen: string[] = [];
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const NOW = 1_800_000_000_000;
function client(platform: 'facebook' | 'x' | 'youtube' = 'x', extra: Partial<Parameters<typeof makeHttp>[0]> = {}) {
  const waits: number[] = [];
  const http = makeHttp({
    platform,
    baseURL: base,
    auth: platform === 'facebook' ? { kind: 'query', name: 'access_token', value: 'EAAsecret' } : { kind: 'bearer', value: 'AAAsecret' },
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    nowMs: () => NOW,
    ...extra,
  });
  return { http, waits };
}

test('a 5xx burst is retried with exponential backoff and jitter, then succeeds', async () => {
  let n = 0;
  seen.length = 0;
  handler = (_q, res) => {
    n++;
    if (n <= 3) {
      res.statusCode = 503;
      res.end('{"title":"Service Unavailable","status":503}');
    } else res.end('{"data":[]}');
  };
  const { http, waits } = client('x', { baseDelayMs: 100 });
  const r = await http.get('/2/users/1/tweets');
  expect(r.data).toEqual({ data: [] });
  expect(http.stats).toMatchObject({ calls: 4, retries: 3 });
  expect(waits).toEqual([50, 100, 200]); // 100·2^attempt × jitter 0.5
});

test('a 429 whose x-rate-limit-reset is a few seconds away is waited out, then retried', async () => {
  let n = 0;
  handler = (_q, res) => {
    n++;
    if (n === 1) {
      res.writeHead(429, { 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(NOW / 1000 + 3) });
      res.end('{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}');
    } else res.end('{"data":[]}');
  };
  const { http, waits } = client('x');
  await http.get('/2/tweets/search/recent', { query: 'conversation_id:1' });
  expect(waits[0]).toBe(3_000);
  expect(http.stats.calls).toBe(2);
});

test('a 429 whose reset is further away is never slept: PLATFORM_RATE_LIMIT naming the wait (issue 18)', async () => {
  handler = (_q, res) => {
    res.writeHead(429, { 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(NOW / 1000 + 42) });
    res.end('{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}');
  };
  const { http, waits } = client('x');
  const err = await http.get('/2/tweets/search/recent', { query: 'conversation_id:1' }).catch((e: unknown) => e);
  expect(err).toMatchObject({ code: 'PLATFORM_RATE_LIMIT', details: { retryAfterMs: 42_000 } });
  expect(waits).toEqual([]);
  expect(http.stats.calls).toBe(1);
});

test('remaining 0 holds the next call to that endpoint: slept when short, refused with the wait when long', async () => {
  let reset = NOW / 1000 + 4;
  handler = (_q, res) => {
    res.writeHead(200, { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) });
    res.end('{"data":[]}');
  };
  const { http, waits } = client('x');
  await http.get('/2/users/1/mentions');
  expect(waits).toEqual([]);
  await http.get('/2/users/1/mentions');
  expect(waits).toEqual([4_000]);
  await http.get('/2/users/1/tweets'); // another endpoint has its own window
  expect(waits).toEqual([4_000]);
  reset = NOW / 1000 + 600;
  await http.get('/2/users/1/tweets'); // held 4 s by the previous answer; this one announces 10 minutes
  const err = await http.get('/2/users/1/tweets').catch((e: unknown) => e);
  expect(err).toMatchObject({ code: 'PLATFORM_RATE_LIMIT', details: { retryAfterMs: 600_000 } });
  expect(waits).toEqual([4_000, 4_000]);
});

test('a wait longer than maxWaitMs fails fast with PLATFORM_RATE_LIMIT and retryAfterMs', async () => {
  handler = (_q, res) => {
    res.writeHead(429, { 'retry-after': '3600' });
    res.end('{}');
  };
  const { http } = client('x', { maxWaitMs: 60_000 });
  const err = await http.get('/2/users/1/tweets').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect(err).toMatchObject({ code: 'PLATFORM_RATE_LIMIT', details: { retryAfterMs: 3_600_000 } });
});

test('Graph usage slows calls in proportion; a regain time under 100 % is ignored; at 100 % the client stops for it', async () => {
  let usage = 90;
  let regain = 0;
  handler = (_q, res) => {
    res.writeHead(200, {
      'x-business-use-case-usage': JSON.stringify({
        '104': [{ type: 'pages', call_count: usage, total_cputime: 5, total_time: 5, estimated_time_to_regain_access: regain }],
      }),
    });
    res.end('{"data":[]}');
  };
  const { http, waits } = client('facebook');
  await http.get('/v24.0/104/feed');
  await http.get('/v24.0/104/feed');
  expect(waits).toEqual([2_000]); // (90-80)/(100-80) × 4 s
  // Issue 20: a successful answer at 12 % usage that still names a 20-minute regain time blocks nothing.
  usage = 12;
  regain = 20;
  await http.get('/v24.0/104/feed');
  await http.get('/v24.0/104/feed');
  expect(waits).toEqual([2_000, 2_000]);
  usage = 100;
  regain = 2;
  await http.get('/v24.0/104/feed');
  const err = await http.get('/v24.0/104/feed').catch((e: unknown) => e);
  expect(err).toMatchObject({ code: 'PLATFORM_RATE_LIMIT', details: { retryAfterMs: 120_000 } }); // 2 minutes regain, not slept
  expect(waits).toEqual([2_000, 2_000]);
});

test('the recorded Graph usage answers through the client: 91 % app usage slows, 12 % with a regain time blocks nothing, 100 % stops for the regain time (issue 20)', async () => {
  const serve = (name: string) => {
    const r = recorded('facebook', name);
    handler = (_q, res) => {
      res.writeHead(r.response.status, { 'content-type': 'application/json', ...r.response.headers });
      res.end(JSON.stringify(r.response.body));
    };
  };
  const run = async (name: string) => {
    serve(name);
    const { http, waits } = client('facebook');
    const first = await http.get('/v24.0/112130216863063');
    const second = await http.get('/v24.0/112130216863063').catch((e: unknown) => e);
    return { first, second, waits };
  };
  const app91 = await run('usage-app-91');
  expect(app91.first.data).toMatchObject({ fan_count: expect.any(Number) });
  expect(app91.waits).toEqual([2_200]); // (91-80)/(100-80) × 4 s, then the call goes on
  expect(app91.second).not.toBeInstanceOf(Error);
  const low = await run('usage-low-regain-20');
  expect(low.waits).toEqual([]);
  expect(low.second).not.toBeInstanceOf(Error);
  const atLimit = await run('usage-at-limit');
  expect(atLimit.second).toMatchObject({ code: 'PLATFORM_RATE_LIMIT', details: { retryAfterMs: 7 * 60_000 } });
  expect(atLimit.waits).toEqual([]);
});

test('a Graph throttle code without usage headers ends the call at once with the pause, not five sleeps (issue 20)', async () => {
  for (const code of [4, 17, 32, 613]) {
    let n = 0;
    handler = (_q, res) => {
      n++;
      res.statusCode = 400;
      res.end(JSON.stringify({ error: { message: 'limit reached', type: 'OAuthException', code } }));
    };
    const { http, waits } = client('facebook');
    const err = await http.get('/v24.0/104/feed').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PLATFORM_RATE_LIMIT', details: { retryAfterMs: 300_000 } });
    expect(waits).toEqual([]);
    expect(n).toBe(1);
  }
});

test('malformed JSON is PLATFORM_CONTRACT and is not retried', async () => {
  handler = (_q, res) => res.end('{"data":[{"id":"1"');
  const { http } = client('youtube');
  const err = await http.get('/youtube/v3/videos').catch((e: unknown) => e);
  expect(err).toMatchObject({ code: 'PLATFORM_CONTRACT' });
  expect(http.stats.calls).toBe(1);
});

test('an expired Graph token is PLATFORM_AUTH without retry, and the token never appears in the error', async () => {
  seen.length = 0;
  handler = (_q, res) => {
    res.statusCode = 400;
    res.end(
      JSON.stringify({
        error: { message: 'Error validating access token: Session has expired', type: 'OAuthException', code: 190, error_subcode: 463 },
      }),
    );
  };
  const { http } = client('facebook');
  const err = (await http.get('/v24.0/104/feed', { limit: 100 }).catch((e: unknown) => e)) as AppError;
  expect(err.code).toBe('PLATFORM_AUTH');
  expect(seen).toHaveLength(1);
  expect(seen[0]).toContain('access_token=EAAsecret');
  expect(JSON.stringify({ m: err.message, c: err.details.context })).not.toContain('EAAsecret');
});

test('a next link that already carries the token is followed as is', async () => {
  seen.length = 0;
  handler = (_q, res) => res.end('{"data":[]}');
  const { http } = client('facebook');
  await http.get(`${base}/v24.0/104/feed?access_token=EAAsecret&after=abc`);
  expect(seen[0]?.match(/access_token/g)).toHaveLength(1);
});

test('timeouts are retried as PLATFORM_UNAVAILABLE', async () => {
  let n = 0;
  handler = (_q, res) => {
    n++;
    if (n === 1) return; // never answers
    res.end('{"ok":true}');
  };
  const { http } = client('x', { timeoutMs: 200 });
  const r = await http.get('/2/tweets');
  expect(r.data).toEqual({ ok: true });
  expect(http.stats.retries).toBe(1);
});

test('a next link naming another host is followed on the configured origin, with our token only', async () => {
  seen.length = 0;
  handler = (_q, res) => res.end('{"data":[]}');
  const { http } = client('facebook');
  await http.get('https://graph.facebook.com/v24.0/123_456/comments?filter=stream&after=QVFI&access_token=EAArecorded');
  expect(seen).toEqual(['/v24.0/123_456/comments?filter=stream&after=QVFI&access_token=EAAsecret']);
});
