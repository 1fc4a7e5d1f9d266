import { expect, test } from 'vitest';

import { failedCallError } from '../../../src/collectors/api-error.js';
import { readFixture } from './fixture.js';

test('Graph 190 is PLATFORM_AUTH, keeps the platform code and message, strips the token from the url', () => {
  const e = failedCallError({
    platform: 'facebook',
    method: 'get',
    url: 'http://127.0.0.1:1/v24.0/104/feed?access_token=EAAB-secret&limit=100',
    status: 400,
    body: readFixture('facebook/error-expired-token.json'),
  });
  expect(e.code).toBe('PLATFORM_AUTH');
  expect(e.retryable).toBe(false);
  expect(e.details.context).toMatchObject({ status: 400, platformCode: '190/463', method: 'GET' });
  expect(e.message).toContain('Session has expired');
  expect(JSON.stringify({ m: e.message, c: e.details.context })).not.toContain('EAAB-secret');
});

test('Graph 80001 and 4 are rate limits; 100/33 is not found; 2 is transient', () => {
  const fb = (code: number, sub?: number) =>
    failedCallError({
      platform: 'facebook',
      method: 'GET',
      url: '/x',
      status: 400,
      body: { error: { code, error_subcode: sub, message: 'm' } },
    }).code;
  expect(fb(80001)).toBe('PLATFORM_RATE_LIMIT');
  expect(fb(4)).toBe('PLATFORM_RATE_LIMIT');
  expect(fb(100, 33)).toBe('PLATFORM_NOT_FOUND');
  expect(fb(2)).toBe('PLATFORM_UNAVAILABLE');
  expect(fb(100)).toBe('PLATFORM_CONTRACT');
});

test('YouTube quotaExceeded is QUOTA_EXHAUSTED and not retried', () => {
  const e = failedCallError({
    platform: 'youtube',
    method: 'GET',
    url: '/youtube/v3/videos?key=AIzaSECRET',
    status: 403,
    body: readFixture('youtube/error-quota.json'),
  });
  expect(e.code).toBe('QUOTA_EXHAUSTED');
  expect(e.retryable).toBe(false);
  expect(e.message).not.toContain('AIzaSECRET');
});

test('X 429 problem is a retryable rate limit with the wait; 401 is auth; 503 is unavailable', () => {
  const e = failedCallError({
    platform: 'x',
    method: 'GET',
    url: '/2/users/1/tweets',
    status: 429,
    body: readFixture('x/error-429.json'),
    retryAfterMs: 4000,
  });
  expect(e).toMatchObject({ code: 'PLATFORM_RATE_LIMIT', details: { retryable: true, retryAfterMs: 4000 } });
  expect(failedCallError({ platform: 'x', method: 'GET', url: '/2/x', status: 401, body: {} }).code).toBe('PLATFORM_AUTH');
  expect(failedCallError({ platform: 'x', method: 'GET', url: '/2/x', status: 503, body: '' }).code).toBe('PLATFORM_UNAVAILABLE');
  expect(failedCallError({ platform: 'x', method: 'GET', url: '/2/x', networkCode: 'ECONNRESET' }).retryable).toBe(true);
});

test('a network failure (timeout, reset) is a retryable PLATFORM_UNAVAILABLE naming the network code, not a status', () => {
  const e = failedCallError({
    platform: 'youtube',
    method: 'get',
    url: 'http://127.0.0.1:1/youtube/v3/videos?part=id&key=AIzaSECRET',
    networkCode: 'ETIMEDOUT',
  });
  expect(e).toMatchObject({
    code: 'PLATFORM_UNAVAILABLE',
    details: { retryable: true, context: { platformCode: 'ETIMEDOUT', method: 'GET' } },
  });
  expect(e.message).toBe('youtube GET /youtube/v3/videos?part=id&key=[redacted] failed: ETIMEDOUT (ETIMEDOUT)');
  expect(e.details.context).not.toHaveProperty('status');
  expect(JSON.stringify(e.details.context)).not.toContain('AIzaSECRET');
});
