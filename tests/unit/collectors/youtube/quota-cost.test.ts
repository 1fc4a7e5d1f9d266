import { describe, expect, test } from 'vitest';

import { QUOTA_COST, quotaCost } from '../../../../src/collectors/youtube/client.js';

describe('YouTube quota cost', () => {
  test('every call is priced from the one table, whatever base URL or query it carries', () => {
    for (const resource of Object.keys(QUOTA_COST)) {
      expect(quotaCost(`https://www.googleapis.com/youtube/v3/${resource}?part=snippet&pageToken=x`)).toBe(QUOTA_COST[resource]);
      expect(quotaCost(`/youtube/v3/${resource}`)).toBe(QUOTA_COST[resource]);
    }
  });

  test('a resource without a known price is refused, not counted as 1', () => {
    expect(() => quotaCost('/youtube/v3/search?q=kommune')).toThrow(/no quota cost known for 'search'/);
    expect(() => quotaCost('/youtube/v3/constructor')).toThrow(/PLATFORM_CONTRACT|no quota cost/);
    expect(() => quotaCost('/other/path')).toThrow(/no quota cost known/);
  });
});
