import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { CollectBatch } from '../../../src/collectors/collector.js';
import type { ItemRecord } from '../../../src/domain/records.js';
import { commitGroup } from '../../../src/jobs/commit-group.js';
import { erasedPlaceholder } from '../../../src/privacy/erased-placeholder.js';
import { eraseResident } from '../../../src/store/residents.js';
import { insertAccount } from '../../helpers/builders.js';
import { useTestDb } from '../../helpers/test-db.js';

/**
 * Erasure on the ingest path, after the erasure (issue 18): what the platform reads name by their platform ids
 * must reach the replies that the erasure (or the ingest itself) pointed at placeholders.
 *  - a reply under an erased item, deleted on the platform later, is marked deleted by a complete read of the
 *    erased item's replies (`children`) or of the erased resident's post's thread (`thread`);
 *  - a tombstoned resident's new reply deeper than the first level is dropped, and the replies to it (in the same
 *    group or read later) get the branch it would have had: its parent's.
 */
const NOW = new Date('2026-11-20T12:00:00Z');
const KARI = 'r_kari_erased';
const OLA = 'r_ola';
let t: Awaited<ReturnType<typeof useTestDb>>;
let accountId = '';

beforeAll(async () => {
  t = await useTestDb();
  accountId = await insertAccount(t.db, { municipality: '0301', platform: 'facebook', externalId: 'page-erasure-ingest' });
});
afterAll(async () => {
  await t?.drop();
});

function item(
  externalId: string,
  o: { parent?: string; root: string; author?: string; role?: 'owner' | 'citizen'; at?: string },
): ItemRecord {
  const post = o.parent === undefined;
  return {
    platform: 'facebook',
    externalId,
    accountId,
    kind: post ? 'post' : 'comment',
    parentExternalId: o.parent ?? null,
    rootExternalId: o.root,
    authorRole: o.role ?? 'citizen',
    authorKey: o.author ?? OLA,
    createdAt: new Date(o.at ?? '2026-11-18T10:00:00Z'),
    editedAt: null,
    hiddenAt: null,
    text: `text of ${externalId}`,
    permalink: null,
  };
}
const batch = (b: Partial<CollectBatch>): CollectBatch => ({ stream: 'posts', items: [], metrics: [], followers: [], complete: [], ...b });
const commit = (group: CollectBatch[], at = NOW) => t.db.transaction((tx) => commitGroup(tx, accountId, 'facebook', group, at));
async function row(externalId: string) {
  const { rows } = await t.db.query<{
    parent_external_id: string | null;
    root_external_id: string;
    branch_external_id: string | null;
    deleted_at: Date | null;
  }>('select parent_external_id, root_external_id, branch_external_id, deleted_at from items where platform = $1 and external_id = $2', [
    'facebook',
    externalId,
  ]);
  return rows[0];
}

describe.runIf(process.env.DATABASE_URL)('erasure on the ingest path (real Postgres)', () => {
  test('a reply under an erased comment, deleted on the platform later, is marked deleted by the read of its reply list', async () => {
    await commit([
      batch({
        items: [
          item('p1', { root: 'p1', role: 'owner', author: 'page' }),
          item('k1', { parent: 'p1', root: 'p1', author: KARI }),
          item('r1', { parent: 'k1', root: 'p1' }),
          item('r2', { parent: 'k1', root: 'p1' }),
        ],
      }),
    ]);
    await t.db.transaction((tx) => eraseResident(tx, 'facebook', KARI, NOW));
    const placeholder = erasedPlaceholder('facebook', 'k1');
    expect(await row('r2')).toMatchObject({ parent_external_id: placeholder, deleted_at: null });

    // Next read: r2 is gone on the platform. The reply list is read under the platform's id of the erased comment.
    const later = new Date('2026-11-21T12:00:00Z');
    const r = await commit(
      [
        batch({
          items: [item('r1', { parent: 'k1', root: 'p1' })],
          complete: [{ kind: 'children', parentExternalId: 'k1', seenExternalIds: ['r1'] }],
        }),
      ],
      later,
    );
    expect(r.itemsDeleted).toBe(1);
    expect((await row('r2'))?.deleted_at?.toISOString()).toBe(later.toISOString());
    expect(await row('r1')).toMatchObject({ parent_external_id: placeholder, deleted_at: null });
    expect(await row('k1')).toBeUndefined();
  });

  test("a reply in an erased resident's post's thread, deleted on the platform later, is marked deleted by the thread read", async () => {
    const KNUT = 'r_knut_erased';
    await commit([
      batch({
        items: [
          item('vp', { root: 'vp', author: KNUT }),
          item('v1', { parent: 'vp', root: 'vp', role: 'owner', author: 'page' }),
          item('v2', { parent: 'vp', root: 'vp' }),
        ],
      }),
    ]);
    await t.db.transaction((tx) => eraseResident(tx, 'facebook', KNUT, NOW));
    const placeholder = erasedPlaceholder('facebook', 'vp');
    expect(await row('v2')).toMatchObject({ root_external_id: placeholder, branch_external_id: placeholder });
    const later = new Date('2026-11-21T13:00:00Z');
    const r = await commit(
      [
        batch({
          items: [item('v1', { parent: 'vp', root: 'vp', role: 'owner', author: 'page' })],
          complete: [{ kind: 'thread', rootExternalId: 'vp', seenExternalIds: ['v1'] }],
        }),
      ],
      later,
    );
    expect(r.itemsDeleted).toBe(1);
    expect((await row('v2'))?.deleted_at?.toISOString()).toBe(later.toISOString());
    expect((await row('v1'))?.deleted_at).toBeNull();
    // The erased post itself never comes back.
    expect(await row('vp')).toBeUndefined();
  });

  test("replies to a tombstoned resident's new deeper reply get its branch, in the same group and in later ones", async () => {
    const LIV = 'r_liv_erased';
    await t.db.transaction((tx) => eraseResident(tx, 'facebook', LIV, NOW));
    // After the erasure Liv answers the municipality's comment o1 (a reply at the second level), and Ola answers her.
    await commit([
      batch({
        items: [
          item('q1', { root: 'q1', role: 'owner', author: 'page' }),
          item('o1', { parent: 'q1', root: 'q1', role: 'owner', author: 'page' }),
          item('l1', { parent: 'o1', root: 'q1', author: LIV }),
          item('d1', { parent: 'l1', root: 'q1' }),
        ],
      }),
    ]);
    const placeholder = erasedPlaceholder('facebook', 'l1');
    expect(await row('l1')).toBeUndefined();
    expect(await row('o1')).toMatchObject({ branch_external_id: 'o1' });
    expect(await row('d1')).toMatchObject({ parent_external_id: placeholder, branch_external_id: 'o1' });
    // Read in a later pass: a reply to Liv's reply, and a reply to that one.
    await commit([batch({ items: [item('d2', { parent: 'l1', root: 'q1', at: '2026-11-19T10:00:00Z' })] })]);
    await commit([batch({ items: [item('d3', { parent: 'd2', root: 'q1', at: '2026-11-19T11:00:00Z' })] })]);
    expect(await row('d2')).toMatchObject({ parent_external_id: placeholder, branch_external_id: 'o1' });
    expect(await row('d3')).toMatchObject({ parent_external_id: 'd2', branch_external_id: 'o1' });
    // Her reply read in a group of its own before its parent was stored (X returns a conversation newest first):
    // its branch is found on the next read that brings it, once the parent is stored.
    const l2 = item('l2', { parent: 'o2', root: 'q1', author: LIV, at: '2026-11-19T12:00:00Z' });
    await commit([batch({ items: [l2] })]);
    await commit([batch({ items: [item('o2', { parent: 'q1', root: 'q1', role: 'owner', author: 'page', at: '2026-11-19T11:30:00Z' })] })]);
    await commit([batch({ items: [l2, item('d4', { parent: 'l2', root: 'q1', at: '2026-11-19T13:00:00Z' })] })]);
    await commit([batch({ items: [item('d5', { parent: 'l2', root: 'q1', at: '2026-11-19T14:00:00Z' })] })]);
    expect(await row('d4')).toMatchObject({ parent_external_id: erasedPlaceholder('facebook', 'l2'), branch_external_id: 'o2' });
    expect(await row('d5')).toMatchObject({ parent_external_id: erasedPlaceholder('facebook', 'l2'), branch_external_id: 'o2' });
    const nothingStored = (await t.db.query('select 1 from items where author_key = $1', [LIV])).rows;
    expect(nothingStored).toEqual([]);
  });
});
