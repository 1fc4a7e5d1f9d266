import { describe, expect, test } from 'vitest';

import { COLLECTED_PLATFORMS } from '../../../src/collectors/registry.js';
import { queueFor } from '../../../src/queue/jobs.js';

describe('collect queues', () => {
  // BullMQ's limiter pauses a whole queue: a Graph rate limit on Instagram must not pause Bluesky or Facebook.
  test('every platform with a collector has a collect queue of its own', () => {
    const queues = COLLECTED_PLATFORMS.map((platform) => queueFor({ kind: 'collect', payload: { accountId: '1', platform, slot: 's' } }));
    expect(queues).toEqual(COLLECTED_PLATFORMS.map((p) => `collect-${p}`));
    expect(new Set(queues).size).toBe(COLLECTED_PLATFORMS.length);
  });
});
