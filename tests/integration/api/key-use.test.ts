import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { authenticate } from '../../../src/api/auth.js';
import { makeLogger } from '../../../src/logger.js';
import { createApiKey, KEY_USE_GRANULARITY_MS, listApiKeys } from '../../../src/store/api-keys.js';
import type { Queryable } from '../../../src/store/db.js';
import { useTestDb } from '../../helpers/test-db.js';

/** A key's last use is recorded at most once per granularity, and no statement is sent when it is recent. */
let t: Awaited<ReturnType<typeof useTestDb>>;
beforeAll(async () => {
  t = await useTestDb();
});
afterAll(async () => {
  await t?.drop();
});

describe('recording an API key’s last use', () => {
  test('the first request records it, requests within the granularity send no update, a later one records again', async () => {
    const created = new Date('2026-11-25T12:00:00Z');
    const { key, apiKey } = await createApiKey(t.db, { role: 'sector', municipality: null, name: 'use' }, created);
    // The real database, with the statements it receives counted.
    const sent: string[] = [];
    const db: Queryable = { query: (text, values, name) => (sent.push(text), t.db.query(text, values, name)) };
    let now = created;
    const ctx = { db, now: () => now, log: makeLogger({ LOG_LEVEL: 'silent' }) };
    const req = { headers: { authorization: `Bearer ${key}` } } as unknown as FastifyRequest;
    const lastUsed = async () => (await listApiKeys(t.db)).find((k) => k.id === apiKey.id)?.lastUsedAt ?? null;
    const settle = () => new Promise((r) => setTimeout(r, 50)); // the update runs in the background
    const updates = () => sent.filter((s) => /^\s*update api_keys/i.test(s)).length;

    expect((await authenticate(req, ctx))?.keyId).toBe(apiKey.id);
    await settle();
    expect(await lastUsed()).toEqual(created);
    expect(updates()).toBe(1);

    for (const minutes of [1, 2, 4.9]) {
      now = new Date(created.getTime() + minutes * 60_000);
      await authenticate(req, ctx);
    }
    await settle();
    expect(updates()).toBe(1);
    expect(await lastUsed()).toEqual(created);

    now = new Date(created.getTime() + KEY_USE_GRANULARITY_MS + 1);
    await authenticate(req, ctx);
    await settle();
    expect(updates()).toBe(2);
    expect(await lastUsed()).toEqual(now);
  });
});
