import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { buildApp } from '../../../src/api/app.js';
import { fixedClock } from '../../../src/clock.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';
import { bearer, buildWorld, NOW, SECRET, type World } from './fixture.js';

/** /metrics is operational data: only loopback, the scrape token or an admin key may read it (issue 18). */
let t: Awaited<ReturnType<typeof useTestDb>>;
let w: World;
let app: FastifyInstance;
const TOKEN = 'scrape-token-0123456789abcdef';

beforeAll(async () => {
  t = await useTestDb();
  w = await buildWorld(t.db);
  app = buildApp({ db: t.db, log: silentLogger, clock: fixedClock(NOW), secret: SECRET, metricsToken: TOKEN, trustProxy: true });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await w?.app.close();
  await t?.drop();
});

const REMOTE = '203.0.113.7';
const scrape = (headers: Record<string, string> = {}, remoteAddress = REMOTE) => app.inject({ url: '/metrics', remoteAddress, headers });

describe('/metrics access', () => {
  test('a request from another host without credentials gets 401, never the figures', async () => {
    const r = await scrape();
    expect(r.statusCode).toBe(401);
    expect(r.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.stringContaining('LYTTEPOST_METRICS_TOKEN') } });
    expect(r.body).not.toContain('lyttepost_');
  });

  test('the scrape token opens it; a wrong token does not', async () => {
    const ok = await scrape(bearer(TOKEN));
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('# TYPE lyttepost_harvest_runs_24h gauge');
    expect((await scrape(bearer(TOKEN + 'x'))).statusCode).toBe(401);
    expect((await scrape(bearer(TOKEN.slice(0, -1)))).statusCode).toBe(401);
  });

  test('an admin key opens it; sector and municipality keys get 403', async () => {
    expect((await scrape(bearer(w.keys.admin))).statusCode).toBe(200);
    for (const key of [w.keys.sector, w.keys.oslo]) {
      const r = await scrape(bearer(key));
      expect(r.statusCode).toBe(403);
      expect(r.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    expect((await scrape(bearer(w.keys.revoked))).statusCode).toBe(401);
  });

  test('loopback needs no credentials, unless a proxy forwarded the request from elsewhere', async () => {
    expect((await scrape({}, '127.0.0.1')).statusCode).toBe(200);
    expect((await scrape({}, '::1')).statusCode).toBe(200);
    expect((await scrape({ 'x-forwarded-for': REMOTE }, '127.0.0.1')).statusCode).toBe(401);
    expect((await scrape({ forwarded: `for=${REMOTE}` }, '127.0.0.1')).statusCode).toBe(401);
  });

  test('without a configured token a bearer value is checked as an API key', async () => {
    const plain = buildApp({ db: t.db, log: silentLogger, clock: fixedClock(NOW), secret: SECRET });
    const r = await plain.inject({ url: '/metrics', remoteAddress: REMOTE, headers: bearer(TOKEN) });
    expect(r.statusCode).toBe(401);
    await plain.close();
  });
});
