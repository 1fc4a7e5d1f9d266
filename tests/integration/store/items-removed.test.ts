import { afterAll, beforeAll, expect, test } from 'vitest';

import type { ItemRecord } from '../../../src/domain/records.js';
import { upsertItems } from '../../../src/store/items.js';
import { markMissingDeletedMany } from '../../../src/store/missing-items.js';
import { insertAccount } from '../../helpers/builders.js';
import { useTestDb } from '../../helpers/test-db.js';

/**
 * Platforms report that an item is hidden or deleted, not when (INDICATORS.md, clarification 2): ingest keeps
 * when a pass first saw the removal (hidden_at, deleted_at) and the instant the item counts as removed from
 * (removed_at) — its creation when it was already removed when first stored, else that pass.
 */
let t: Awaited<ReturnType<typeof useTestDb>>;
let accountId = '';
beforeAll(async () => {
  t = await useTestDb();
  accountId = await insertAccount(t.db, { municipality: '0301', platform: 'facebook', externalId: 'page-1' });
});
afterAll(async () => {
  await t.drop();
});

const CREATED = new Date('2026-11-02T10:00:00Z');
const comment = (id: string, hiddenAt: Date | null): ItemRecord => ({
  platform: 'facebook',
  externalId: id,
  accountId,
  kind: 'comment',
  parentExternalId: 'post',
  rootExternalId: 'post',
  authorRole: 'citizen',
  authorKey: 'resident',
  createdAt: CREATED,
  editedAt: null,
  hiddenAt,
  text: 'Når åpner svømmehallen?',
  permalink: null,
});

async function removal(id: string): Promise<{ hidden_at: Date | null; deleted_at: Date | null; removed_at: Date | null }> {
  const { rows } = await t.db.query<{ hidden_at: Date | null; deleted_at: Date | null; removed_at: Date | null }>(
    `select hidden_at, deleted_at, removed_at from items where external_id = $1`,
    [id],
  );
  return rows[0] as { hidden_at: Date | null; deleted_at: Date | null; removed_at: Date | null };
}

test('an item first stored hidden counts as removed from its creation; the sighting is kept', async () => {
  const pass = new Date('2026-12-01T08:00:00Z');
  await upsertItems(t.db, 'facebook', [comment('first-hidden', pass)], pass);
  expect(await removal('first-hidden')).toEqual({ hidden_at: pass, deleted_at: null, removed_at: CREATED });
  // A later pass that still sees it hidden changes nothing.
  const later = new Date('2026-12-02T08:00:00Z');
  await upsertItems(t.db, 'facebook', [comment('first-hidden', later)], later);
  expect(await removal('first-hidden')).toEqual({ hidden_at: pass, deleted_at: null, removed_at: CREATED });
});

test('an item seen visible and later hidden counts as removed from the pass that first saw it hidden; unhidden, not at all', async () => {
  const p1 = new Date('2026-11-02T10:05:00Z');
  const p2 = new Date('2026-11-03T10:05:00Z');
  const p3 = new Date('2026-11-04T10:05:00Z');
  await upsertItems(t.db, 'facebook', [comment('later-hidden', null)], p1);
  expect((await removal('later-hidden')).removed_at).toBeNull();
  await upsertItems(t.db, 'facebook', [comment('later-hidden', p2)], p2);
  expect(await removal('later-hidden')).toEqual({ hidden_at: p2, deleted_at: null, removed_at: p2 });
  await upsertItems(t.db, 'facebook', [comment('later-hidden', p3)], p3);
  expect((await removal('later-hidden')).removed_at).toEqual(p2);
  await upsertItems(t.db, 'facebook', [comment('later-hidden', null)], p3);
  expect(await removal('later-hidden')).toEqual({ hidden_at: null, deleted_at: null, removed_at: null });
});

test('an item a complete read no longer returns counts as removed from that pass; seen again, not at all', async () => {
  const p1 = new Date('2026-11-02T10:05:00Z');
  const p2 = new Date('2026-11-05T10:05:00Z');
  await upsertItems(t.db, 'facebook', [comment('deleted', null), comment('kept', null)], p1);
  await markMissingDeletedMany(t.db, 'facebook', accountId, [{ kind: 'missing', externalIds: ['deleted'] }], p2);
  expect(await removal('deleted')).toEqual({ hidden_at: null, deleted_at: p2, removed_at: p2 });
  expect((await removal('kept')).removed_at).toBeNull();
  await upsertItems(t.db, 'facebook', [comment('deleted', null)], new Date('2026-11-06T10:05:00Z'));
  expect(await removal('deleted')).toEqual({ hidden_at: null, deleted_at: null, removed_at: null });
});
