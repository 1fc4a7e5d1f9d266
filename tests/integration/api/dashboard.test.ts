import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { createApiKey, revokeApiKey } from '../../../src/store/api-keys.js';
import { useTestDb } from '../../helpers/test-db.js';
import { buildWorld, NOW, OSLO_TEXT, type World } from './fixture.js';

let t: Awaited<ReturnType<typeof useTestDb>>;
let w: World;

beforeAll(async () => {
  t = await useTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => {
  await w?.app.close();
  await t?.drop();
});

async function login(key: string, next?: string): Promise<{ cookie: string; setCookie: string; location: string }> {
  const r = await w.app.inject({
    method: 'POST',
    url: '/login',
    payload: new URLSearchParams({ key, ...(next ? { next } : {}) }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(r.statusCode).toBe(303);
  const setCookie = String(r.headers['set-cookie']);
  return { setCookie, cookie: setCookie.split(';')[0] as string, location: String(r.headers.location) };
}

const page = (url: string, cookie?: string) => w.app.inject({ url, headers: cookie ? { cookie } : {} });

describe('login and session', () => {
  test('a key logs in with an HttpOnly, SameSite=Lax cookie that names no key', async () => {
    const s = await login(w.keys.sector);
    expect(s.setCookie).toMatch(/^lp_session=\d+\.\d+\.[A-Za-z0-9_-]{43}; Path=\/; Max-Age=28800; HttpOnly; SameSite=Lax$/);
    expect(s.setCookie).not.toContain(w.keys.sector.slice(3, 20));
    expect(s.location).toBe('/');
    const home = await page('/', s.cookie);
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/sector');
  });

  test('Secure is added behind HTTPS (trusted proxy)', async () => {
    const { buildApp } = await import('../../../src/api/app.js');
    const { silentLogger } = await import('../../helpers/silent-logger.js');
    const app = buildApp({ db: t.db, log: silentLogger, clock: () => NOW, secret: 'x'.repeat(32), trustProxy: true });
    const r = await app.inject({ method: 'POST', url: '/login', payload: `key=${w.keys.sector}`, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' } });
    expect(String(r.headers['set-cookie'])).toMatch(/; Secure$/);
    await app.close();
  });

  test('a wrong key gets the form again with 401 and an announced error', async () => {
    const r = await w.app.inject({ method: 'POST', url: '/login', payload: 'key=lp_wrong', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.statusCode).toBe(401);
    expect(r.body).toContain('role="alert"');
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  test('pages without a session, with a tampered or expired cookie, or of a revoked key redirect to login', async () => {
    expect((await page('/sector')).headers.location).toBe('/login?next=%2Fsector');
    const s = await login(w.keys.admin);
    const [id, exp, mac] = s.cookie.replace('lp_session=', '').split('.') as [string, string, string];
    for (const forged of [`${Number(id) + 1}.${exp}.${mac}`, `${id}.${Number(exp) + 999}.${mac}`, `${id}.${exp}.${mac.slice(0, -2)}AA`]) {
      expect((await page('/sector', `lp_session=${forged}`)).statusCode).toBe(303);
    }
    w.clock.advance(9 * 3600_000);
    expect((await page('/sector', s.cookie)).statusCode).toBe(303);
    w.clock.set(NOW);
    const k = await createApiKey(t.db, { role: 'sector', municipality: null, name: 'short-lived' }, NOW);
    const s2 = await login(k.key);
    expect((await page('/sector', s2.cookie)).statusCode).toBe(200);
    await revokeApiKey(t.db, k.apiKey.id, NOW);
    expect((await page('/sector', s2.cookie)).statusCode).toBe(303);
  });

  test('next= only returns to a local path', async () => {
    expect((await login(w.keys.admin, '//evil.example/x')).location).toBe('/');
    expect((await login(w.keys.admin, 'https://evil.example/')).location).toBe('/');
    expect((await login(w.keys.admin, '/m/0301?lang=en')).location).toBe('/m/0301?lang=en');
  });

  test('logout clears the cookie', async () => {
    const r = await w.app.inject({ method: 'POST', url: '/logout' });
    expect(r.statusCode).toBe(303);
    expect(String(r.headers['set-cookie'])).toContain('Max-Age=0');
  });
});

describe('pages', () => {
  test('the sector overview: bokmål by default, English on ?lang=en, chart data, county table, CSP', async () => {
    const s = await login(w.keys.sector);
    const nb = await page('/sector?from=2026-W40&to=2026-W47', s.cookie);
    expect(nb.statusCode).toBe(200);
    expect(nb.body).toContain('<html lang="nb">');
    expect(nb.body).toContain('Dialogindeks over tid');
    expect(nb.headers['content-security-policy']).toContain("script-src 'self'");
    expect(nb.headers['cache-control']).toBe('no-store');
    const data = /<figure class="chart" data-chart="chart-di">[\s\S]*?<script type="application\/json" class="chart-data">(.*?)<\/script>/.exec(nb.body)?.[1];
    const spec = JSON.parse(data ?? 'null') as { weeks: string[]; series: Array<{ values: number[] }> };
    expect(spec.weeks).toHaveLength(8);
    expect(spec.series[0]?.values).toEqual([45, 46, 47, 48, 49, 50, 51, 52]);
    expect(nb.body).toMatch(/<th scope="row">Oslo<\/th><td class="num">1<\/td><td class="num">skjult \(&lt; 5\)<\/td>/);
    const en = await page('/sector?lang=en', s.cookie);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Dialogue index over time');
    expect(nb.body).not.toMatch(/<script>(?!<\/script>)/); // no inline script
    expect(nb.body).not.toMatch(/ style="/);
  });

  test('a municipality key: its page and open questions; another municipality is a 403 page', async () => {
    const s = await login(w.keys.oslo);
    const m = await page('/m/0301', s.cookie);
    expect(m.statusCode).toBe(200);
    expect(m.body).toContain('id="questions-link"');
    const q = await page('/m/0301/questions', s.cookie);
    expect(q.body).toContain(OSLO_TEXT);
    expect(q.body).toContain('href="https://www.facebook.com/oslo_post?comment_id=oslo_q"');
    for (const url of ['/m/1101', '/m/1101/questions', `/a/${w.accounts.eigFb}`, '/health']) {
      const r = await page(url, s.cookie);
      expect(r.statusCode, url).toBe(403);
      expect(r.headers['content-type']).toContain('text/html');
      expect(r.body).not.toContain('Eigersund');
    }
  });

  test('the sector key sees municipality pages without accounts links or questions', async () => {
    const s = await login(w.keys.sector);
    const m = await page('/m/1101', s.cookie);
    expect(m.statusCode).toBe(200);
    expect(m.body).not.toContain('href="/a/');
    expect(m.body).not.toContain('questions-link');
    expect((await page('/m/1101/questions', s.cookie)).statusCode).toBe(403);
  });

  test('admin sees the harvest health and account pages', async () => {
    const s = await login(w.keys.admin);
    const h = await page('/health', s.cookie);
    expect(h.statusCode).toBe(200);
    expect(h.body).toContain('Må autoriseres på nytt');
    expect((await page(`/a/${w.accounts.osloFb}`, s.cookie)).statusCode).toBe(200);
  });

  test('static assets are served locally with their types', async () => {
    const css = await page('/static/app.css');
    expect(css.headers['content-type']).toContain('text/css');
    const js = await page('/static/chart.js');
    expect(js.headers['content-type']).toContain('text/javascript');
    expect((await page('/static/..%2Fapp.ts')).statusCode).toBe(404);
    expect((await page('/static/nope.js')).statusCode).toBe(404);
  });
});
