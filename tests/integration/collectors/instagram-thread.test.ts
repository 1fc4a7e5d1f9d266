import { afterAll, beforeAll, expect, test } from 'vitest';

import { fixedClock } from '../../../src/clock.js';
import { makePlatformHttp } from '../../../src/collectors/platform-http.js';
import { readThread } from '../../../src/collectors/thread-reader.js';
import { makeLogger } from '../../../src/logger.js';
import { startSimulator, type Simulator } from '../../../src/simulator/server.js';
import { generateWorld, type World } from '../../../src/simulator/world.js';

/**
 * The live re-read of an Instagram thread that an alert makes before it goes out: the medium's comments with
 * their replies, owner and citizen decided as at ingest — the account's own replies by its username, since
 * `from.id` is Instagram-scoped — and hidden and deleted comments as the platform shows them now.
 */
const NOW = new Date('2026-11-20T12:00:00Z');
let world: World;
let sim: Simulator;
beforeAll(async () => {
  world = generateWorld({
    seed: 5,
    municipalities: 12,
    start: new Date('2026-10-26T00:00:00Z'),
    end: new Date('2026-11-23T00:00:00Z'),
    platforms: ['instagram'],
  });
  sim = await startSimulator({ world, clock: fixedClock(NOW) });
});
afterAll(async () => {
  await sim.close();
});

test('a thread with owner replies is read whole: parents, roles and hidden flags as the simulator has them', async () => {
  const log = makeLogger({ LOG_LEVEL: 'silent' });
  // The busiest thread with an answer from the account.
  let best: { account: (typeof world.accounts)[number]; root: string; size: number } | null = null;
  for (const a of world.accounts) {
    for (const [root, items] of world.data(a.externalId).threads) {
      const live = items.filter(
        (i) => i.createdAt <= NOW.getTime() && (i.deletedAt === null || i.deletedAt > NOW.getTime()) && i.id !== root,
      );
      if (live.some((i) => i.authorRole === 'owner') && (!best || live.length > best.size)) best = { account: a, root, size: live.length };
    }
  }
  if (!best) throw new Error('no answered thread');
  const { account, root } = best;
  const http = makePlatformHttp('instagram', account.token, {
    cfg: { FACEBOOK_GRAPH_URL: sim.url, YOUTUBE_API_URL: sim.url, X_API_URL: sim.url },
    log,
  });
  const live = await readThread(
    'instagram',
    {
      accountId: '1',
      accountExternalId: account.externalId,
      responders: new Set(['not-the-ig-id']),
      rootExternalId: root,
      branchExternalId: root,
      turnExternalIds: [],
      askedAt: NOW,
    },
    { http, now: () => NOW, facebookVersion: 'v24.0' },
  );
  expect(live.complete).toBe(true);
  const want =
    world
      .data(account.externalId)
      .threads.get(root)
      ?.filter((i) => i.id !== root && i.createdAt <= NOW.getTime() && (i.deletedAt === null || i.deletedAt > NOW.getTime())) ?? [];
  const got = new Map(live.items.map((i) => [i.externalId, i]));
  expect([...got.keys()].sort()).toEqual(want.map((i) => i.id).sort());
  for (const w of want) {
    const g = got.get(w.id);
    // Responders here do not hold the IG user id: the owner's comments are recognised by the account's username.
    expect(g?.authorRole, w.id).toBe(w.authorRole);
    expect(g?.parentExternalId, w.id).toBe(w.parentId);
    expect(g?.hiddenAt !== null, w.id).toBe(w.hiddenAt !== null && w.hiddenAt <= NOW.getTime());
  }
  expect(want.some((i) => i.authorRole === 'owner')).toBe(true);
});
