import { describe, expect, test } from 'vitest';

import Fastify from 'fastify';

import { registerSessionCookie, sessionFromRequest, sessionKey, sessionPayload, setSessionCookie } from '../../../src/api/auth.js';
import { hashApiKey, looksLikeApiKey } from '../../../src/store/api-keys.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const SECRET = 's'.repeat(40);
const key = sessionKey(SECRET);

/** A bare app with the session cookie plugin: /in sets a session for key 42, /who reads it at `now`. */
async function sessionApp(secret: string, now: () => Date) {
  const app = Fastify();
  registerSessionCookie(app, secret);
  app.get('/in', async (_req, reply) =>
    setSessionCookie(reply, sessionPayload('42', new Date(NOW.getTime() + 3600_000)), { ttlMs: 3600_000, secure: false }).send('ok'),
  );
  app.get('/who', async (req) => ({ keyId: sessionFromRequest(req, now()) }));
  await app.ready();
  return app;
}
const setCookieOf = async (app: Awaited<ReturnType<typeof sessionApp>>) => String((await app.inject({ url: '/in' })).headers['set-cookie']);
const who = async (app: Awaited<ReturnType<typeof sessionApp>>, cookie: string) =>
  (JSON.parse((await app.inject({ url: '/who', headers: { cookie } })).body) as { keyId: string | null }).keyId;

describe('session cookie', () => {
  test('the signing key is derived (HKDF), stable, and differs per secret', () => {
    expect(key).toHaveLength(32);
    expect(sessionKey(SECRET).equals(key)).toBe(true);
    expect(sessionKey('t'.repeat(40)).equals(key)).toBe(false);
    expect(key.toString('utf8')).not.toContain('ssss');
  });

  test('Set-Cookie is signed and carries HttpOnly, SameSite=Lax, Path and Max-Age; Secure when asked', async () => {
    const app = await sessionApp(SECRET, () => NOW);
    const set = await setCookieOf(app);
    expect(set).toMatch(/^lp_session=42\.\d+\.[A-Za-z0-9+/]{43}; Max-Age=3600; Path=\/; HttpOnly; SameSite=Lax$/);
    await app.close();
    const app2 = Fastify();
    registerSessionCookie(app2, SECRET);
    app2.get('/secure', async (_req, reply) => setSessionCookie(reply, '', { ttlMs: 0, secure: true }).send(''));
    const cleared = String((await app2.inject({ url: '/secure' })).headers['set-cookie']);
    expect(cleared).toMatch(/Max-Age=0/);
    expect(cleared).toMatch(/; Secure/);
    await app2.close();
  });

  test('a signed cookie names its key until it expires; a tampered, foreign or expired one names nobody', async () => {
    let now = NOW;
    const app = await sessionApp(SECRET, () => now);
    const cookie = (await setCookieOf(app)).split(';')[0] as string;
    expect(await who(app, cookie)).toBe('42');
    const value = decodeURIComponent(cookie.slice('lp_session='.length));
    const [id, exp, mac] = value.split('.') as [string, string, string];
    const forged = [
      `43.${exp}.${mac}`,
      `${id}.${Number(exp) + 3600}.${mac}`,
      `${id}.${exp}.${mac.slice(0, -2)}AA`,
      `${id}.${exp}`,
      'x'.repeat(500),
    ];
    for (const f of forged) expect(await who(app, `lp_session=${encodeURIComponent(f)}`)).toBeNull();
    now = new Date(NOW.getTime() + 3600_000);
    expect(await who(app, cookie)).toBeNull();
    await app.close();
    const other = await sessionApp('t'.repeat(40), () => NOW);
    expect(await who(other, cookie)).toBeNull();
    await other.close();
  });
});

describe('api keys', () => {
  test('only well-formed keys reach a lookup; the hash is sha256 hex', () => {
    expect(looksLikeApiKey(`lp_${'A'.repeat(43)}`)).toBe(true);
    expect(looksLikeApiKey("lp_' or 1=1 --")).toBe(false);
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
