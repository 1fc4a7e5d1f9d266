import { describe, expect, test } from 'vitest';

import { onConfiguredOrigin } from '../../../src/collectors/http.js';

describe('following a next link', () => {
  test('stays on the configured origin, keeping path and query', () => {
    const origin = 'http://127.0.0.1:4010';
    expect(onConfiguredOrigin('https://graph.facebook.com/v24.0/123/feed?after=QVF&limit=25', origin)).toBe(
      'http://127.0.0.1:4010/v24.0/123/feed?after=QVF&limit=25',
    );
    expect(onConfiguredOrigin('https://evil.example/v24.0/123/feed?access_token=x', origin)).toBe(
      'http://127.0.0.1:4010/v24.0/123/feed?access_token=x',
    );
    expect(onConfiguredOrigin('http://127.0.0.1:4010/v24.0/1/comments?after=a', origin)).toBe(
      'http://127.0.0.1:4010/v24.0/1/comments?after=a',
    );
    expect(onConfiguredOrigin('/v24.0/1/comments', origin)).toBe('/v24.0/1/comments');
  });
});
