import { describe, expect, test } from 'vitest';

import { makeSessionValue, parseCookies, sessionCookie, sessionKey, verifySessionValue } from '../../../src/api/auth.js';
import { hashApiKey, looksLikeApiKey } from '../../../src/store/api-keys.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const key = sessionKey('s'.repeat(40));

describe('session cookie', () => {
  test('the signing key is derived (HKDF), stable, and differs per secret', () => {
    expect(key).toHaveLength(32);
    expect(sessionKey('s'.repeat(40)).equals(key)).toBe(true);
    expect(sessionKey('t'.repeat(40)).equals(key)).toBe(false);
    expect(key.toString('utf8')).not.toContain('ssss');
  });

  test('a signed value verifies until it expires; any change breaks it', () => {
    const v = makeSessionValue(key, '42', new Date(NOW.getTime() + 3600_000));
    expect(verifySessionValue(key, v, NOW)).toBe('42');
    expect(verifySessionValue(key, v, new Date(NOW.getTime() + 3600_001))).toBeNull();
    expect(verifySessionValue(sessionKey('t'.repeat(40)), v, NOW)).toBeNull();
    const [id, exp, mac] = v.split('.') as [string, string, string];
    expect(verifySessionValue(key, `43.${exp}.${mac}`, NOW)).toBeNull();
    expect(verifySessionValue(key, `${id}.${Number(exp) + 1}.${mac}`, NOW)).toBeNull();
    expect(verifySessionValue(key, `${id}.${exp}`, NOW)).toBeNull();
    expect(verifySessionValue(key, 'x'.repeat(500), NOW)).toBeNull();
  });

  test('Set-Cookie carries HttpOnly, SameSite=Lax, Path and Secure when asked', () => {
    expect(sessionCookie('v', { maxAgeSeconds: 60, secure: false })).toBe('lp_session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax');
    expect(sessionCookie('v', { maxAgeSeconds: 60, secure: true })).toMatch(/; Secure$/);
  });

  test('cookie header parsing: first wins, quotes stripped, junk ignored', () => {
    const c = parseCookies('a=1; lp_session="x.y"; a=2; broken; =nope');
    expect(c.get('a')).toBe('1');
    expect(c.get('lp_session')).toBe('x.y');
    expect(c.size).toBe(2);
    expect(parseCookies(undefined).size).toBe(0);
    expect(parseCookies('a=1'.padEnd(10_000, ' ')).size).toBe(0);
  });
});

describe('api keys', () => {
  test('only well-formed keys reach a lookup; the hash is sha256 hex', () => {
    expect(looksLikeApiKey(`lp_${'A'.repeat(43)}`)).toBe(true);
    expect(looksLikeApiKey("lp_' or 1=1 --")).toBe(false);
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
