import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { afterEach, expect, test } from 'vitest';

import { makeHttp, type HttpOptions } from '../../../src/collectors/http.js';
import { AppError } from '../../../src/errors.js';

/**
 * The transport under makeHttp (axios over process-wide keep-alive pools): what goes on the wire, what
 * comes back, and that pooled connections are shared between clients without ever showing up as extra calls.
 * Each test has its own server, so connection counts are its own.
 */
type Seen = { url: string; headers: IncomingMessage['headers']; connection: number };
type TestServer = { base: string; seen: Seen[]; connections: () => number; closeIdle: () => void; close: () => Promise<void> };
const open: TestServer[] = [];

async function serve(
  handler: (req: IncomingMessage, res: ServerResponse, s: { connection: number; requestOnConnection: number }) => void,
): Promise<TestServer> {
  const seen: Seen[] = [];
  const ids = new WeakMap<Socket, { connection: number; requests: number }>();
  let connections = 0;
  const server = createServer((req, res) => {
    const c = ids.get(req.socket) ?? { connection: 0, requests: 0 };
    c.requests++;
    seen.push({ url: req.url ?? '', headers: req.headers, connection: c.connection });
    handler(req, res, { connection: c.connection, requestOnConnection: c.requests });
  });
  server.on('connection', (socket: Socket) => ids.set(socket, { connection: ++connections, requests: 0 }));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const s: TestServer = {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    connections: () => connections,
    closeIdle: () => server.closeIdleConnections(),
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
  open.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const noSleep = async () => {};
function client(base: string, extra: Partial<HttpOptions> = {}) {
  return makeHttp({
    platform: 'facebook',
    baseURL: base,
    auth: { kind: 'query', name: 'access_token', value: 'EAAsecret' },
    sleep: noSleep,
    random: () => 0.5,
    ...extra,
  });
}
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => new Error('no error'),
    (e: unknown) => e,
  ) as Promise<AppError>;

test('headers, base URL joining and params appended with & to a next link that already has a query, encoded as axios did', async () => {
  const s = await serve((_q, res) => res.end('{}'));
  const x = makeHttp({
    platform: 'x',
    baseURL: `${s.base}/prefix//`,
    auth: { kind: 'bearer', value: 'AAAsecret' },
    userAgent: 'ua/1',
    sleep: noSleep,
  });
  await x.get('/2/tweets/search/recent', { query: 'conversation_id:1 OR from:a', 'tweet.fields': 'a,b', skip: undefined, cursor: 'a/b=$' });
  expect(s.seen[0]?.url).toBe('/prefix/2/tweets/search/recent?query=conversation_id:1+OR+from:a&tweet.fields=a,b&cursor=a%2Fb%3D$');
  expect(s.seen[0]?.headers).toMatchObject({ accept: 'application/json', 'user-agent': 'ua/1', authorization: 'Bearer AAAsecret' });

  const fb = client(s.base);
  await fb.get(`${s.base}/v24.0/104/feed?access_token=EAAold&after=QVF%3D&limit=25`, { limit: 100, fields: 'id,comments.limit(100){id}' });
  expect(s.seen[1]?.url).toBe(
    '/v24.0/104/feed?after=QVF%3D&limit=25&limit=100&fields=id,comments.limit(100)%7Bid%7D&access_token=EAAsecret',
  );
  expect(s.seen[1]?.headers.authorization).toBeUndefined();
});

test('a 3xx is a status, not followed: the token never goes where Location points', async () => {
  const s = await serve((req, res) => {
    if (req.url?.startsWith('/moved')) res.end('{"followed":true}');
    else res.writeHead(302, { location: '/moved' }).end();
  });
  const http = client(s.base);
  const err = await errorOf(http.get('/v24.0/104/feed'));
  expect(err).toMatchObject({ code: 'PLATFORM_CONTRACT', details: { retryable: false, context: { status: 302 } } });
  expect(s.seen.map((r) => r.url)).toEqual(['/v24.0/104/feed?access_token=EAAsecret']);
  expect(http.stats).toMatchObject({ calls: 1, retries: 0 });
});

test('a protocol-relative link is a path on the configured origin, never another host', async () => {
  const s = await serve((_q, res) => res.end('{}'));
  await client(`${s.base}/`).get('//evil.example/v24.0/1/feed?after=x');
  expect(s.seen.map((r) => r.url)).toEqual(['/evil.example/v24.0/1/feed?after=x&access_token=EAAsecret']);
});

test('the error names the full URL of the link without the params and without any token', async () => {
  const s = await serve((_q, res) => {
    res.statusCode = 400;
    res.end('{"error":{"code":100,"message":"Invalid parameter"}}');
  });
  const err = await errorOf(client(s.base).get(`${s.base}/v24.0/104/feed?access_token=EAAold&after=abc`, { limit: 100, fields: 'id' }));
  expect(err.details.context).toMatchObject({ url: `${s.base}/v24.0/104/feed?after=abc`, status: 400, platformCode: '100' });
  expect(err.message).toBe('facebook GET /v24.0/104/feed?after=abc failed: HTTP 400 (100): Invalid parameter');
  expect(s.seen[0]?.url).toContain('access_token=EAAsecret');
  expect(JSON.stringify({ m: err.message, c: err.details.context })).not.toMatch(/EAAsecret|EAAold|limit=/);
});

test('a call with no answer times out, is retried, and ends as a retryable PLATFORM_UNAVAILABLE (ETIMEDOUT)', async () => {
  const s = await serve(() => {}); // never answers
  const http = client(s.base, { timeoutMs: 150, maxRetries: 2 });
  const t0 = Date.now();
  const err = await errorOf(http.get('/v24.0/104/feed'));
  expect(err).toBeInstanceOf(AppError);
  expect(err).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', details: { retryable: true, context: { platformCode: 'ETIMEDOUT' } } });
  expect(err.message).not.toContain('EAAsecret');
  expect(http.stats).toMatchObject({ calls: 3, retries: 2 });
  expect(s.seen).toHaveLength(3);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(3 * 140);
});

test('refused and dropped connections are retryable PLATFORM_UNAVAILABLE with the network code', async () => {
  const gone = await serve(() => {});
  const deadBase = gone.base;
  await gone.close();
  const refused = await errorOf(client(deadBase, { maxRetries: 1 }).get('/v24.0/1'));
  expect(refused).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', details: { retryable: true, context: { platformCode: 'ECONNREFUSED' } } });

  const s = await serve((req) => req.socket.destroy()); // a fresh connection dropped before any answer
  const http = client(s.base, { maxRetries: 1 });
  const dropped = await errorOf(http.get('/v24.0/1'));
  expect(dropped).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', details: { retryable: true, context: { platformCode: 'ECONNRESET' } } });
  expect(http.stats).toMatchObject({ calls: 2, retries: 1 });
});

test('gzip answers are decoded; UTF-8 split across chunks and a BOM are read as text', async () => {
  const json = Buffer.from('\ufeff{"name":"Tromsø kommune"}');
  const s = await serve((req, res) => {
    if (req.url?.startsWith('/gz')) {
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(json));
    } else {
      const cut = json.indexOf(Buffer.from('ø')) + 1; // between the two bytes of ø
      res.write(json.subarray(0, cut));
      setTimeout(() => res.end(json.subarray(cut)), 10);
    }
  });
  const http = client(s.base);
  expect((await http.get('/gz')).data).toEqual({ name: 'Tromsø kommune' });
  const split = await http.get('/split');
  expect(split.data).toEqual({ name: 'Tromsø kommune' });
  expect(split.headers['transfer-encoding']).toBe('chunked');
});

test('two clients (two accounts of a run) reuse one pooled connection to the same host', async () => {
  const s = await serve((_q, res) => res.end('{"data":[]}'));
  const a = client(s.base);
  const b = makeHttp({ platform: 'x', baseURL: s.base, auth: { kind: 'bearer', value: 'AAAother' }, sleep: noSleep });
  await a.get('/v24.0/1/feed');
  await b.get('/2/users/1/tweets');
  await a.get('/v24.0/1/feed');
  expect(s.connections()).toBe(1);
  expect(s.seen.map((r) => r.connection)).toEqual([1, 1, 1]);
  // Each request carries its own client's credentials only.
  expect(s.seen[1]?.url).toBe('/2/users/1/tweets');
  expect(s.seen[1]?.headers.authorization).toBe('Bearer AAAother');
});

test('a pooled connection the server dropped is not a counted call or retry: the request goes out again on a new one', async () => {
  // The race a keep-alive client cannot avoid: the server closes an idle connection just as a request goes out
  // on it. Here the server drops every connection at its second request, before answering.
  const s = await serve((req, res, c) => {
    if (c.requestOnConnection > 1) return void req.socket.destroy();
    res.end('{"data":[]}');
  });
  const first = client(s.base);
  await first.get('/v24.0/1/feed');
  const second = client(s.base);
  const r = await second.get('/v24.0/2/feed');
  expect(r.data).toEqual({ data: [] });
  expect(second.stats).toMatchObject({ calls: 1, retries: 0 });
  expect(s.seen.map((x) => x.connection)).toEqual([1, 1, 2]);
});

test('a server closing idle connections between two accounts costs neither a counted retry nor an error', async () => {
  const s = await serve((_q, res) => res.end('{"data":[]}'));
  await client(s.base).get('/v24.0/1/feed');
  s.closeIdle();
  await new Promise((r) => setTimeout(r, 50));
  const next = client(s.base);
  await next.get('/v24.0/2/feed');
  expect(next.stats).toMatchObject({ calls: 1, retries: 0 });
  expect(s.seen.map((x) => x.connection)).toEqual([1, 2]);
});

test('idle pooled connections do not keep a process alive', async () => {
  const s = await serve((_q, res) => res.end('{"ok":true}')); // keepAliveTimeout 60 s: the server would keep it open
  const http = fileURLToPath(new URL('../../../src/collectors/http.ts', import.meta.url));
  const script = `const { makeHttp } = await import(${JSON.stringify(http)});
const c = makeHttp({ platform: 'x', baseURL: ${JSON.stringify(s.base)}, auth: { kind: 'none' } });
const r = await c.get('/2/ping');
console.log(JSON.stringify(r.data));`;
  const t0 = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  expect(code).toBe(0);
  expect(out.trim()).toBe('{"ok":true}');
  expect(s.seen).toHaveLength(1);
  expect(Date.now() - t0).toBeLessThan(15_000);
}, 30_000);
