import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { ItemRecord } from '../../../src/domain/records.js';
import { upsertItems } from '../../../src/store/items.js';
import { insertAccount } from '../../helpers/builders.js';
import { useTestDb } from '../../helpers/test-db.js';

/**
 * Items are sent to the database as column arrays: every text must arrive as written — quotes, backslashes,
 * braces, commas, the word NULL, newlines, emoji — and a missing value as SQL null, on both drivers.
 */
const TEXTS = [
  'Hei, "kommunen" — når {åpner} svømmehallen?',
  'C:\\sti\\til\\fil og \\" halvt sitat',
  'NULL',
  'null',
  '',
  'linje 1\nlinje 2\r\n\ttabulator',
  'Emoji 🏊‍♀️ og æøå ÆØÅ',
  ' ledende og etterfølgende mellomrom ',
  '{"json": [1, 2]}',
];

for (const driver of ['postgres', 'pglite'] as const) {
  describe.skipIf(driver === 'postgres' && !process.env.DATABASE_URL)(`${driver}: item texts round-trip`, () => {
    let t: Awaited<ReturnType<typeof useTestDb>>;
    let accountId = '';
    beforeAll(async () => {
      t = await useTestDb({ pglite: driver === 'pglite' });
      accountId = await insertAccount(t.db, { municipality: '0301', platform: 'facebook', externalId: 'page-1' });
    });
    afterAll(async () => {
      await t?.drop();
    });

    test('every text, null and timestamp comes back as written', async () => {
      const item = (i: number, text: string | null): ItemRecord => ({
        platform: 'facebook',
        externalId: `p_${i}`,
        accountId,
        kind: 'post',
        parentExternalId: null,
        rootExternalId: `p_${i}`,
        authorRole: 'owner',
        authorKey: 'page-1',
        createdAt: new Date(Date.UTC(2026, 10, 20, 10, i, 0, 123)),
        editedAt: i === 1 ? new Date('2026-11-21T08:00:00Z') : null,
        hiddenAt: null,
        text,
        permalink: i === 0 ? null : `https://www.facebook.com/p_${i}?a=1&b="2"`,
      });
      const records = [...TEXTS.map((s, i) => item(i, s)), item(TEXTS.length, null)];
      const r = await upsertItems(t.db, 'facebook', records, new Date('2026-11-22T00:00:00Z'));
      expect(r.inserted).toBe(records.length);
      const { rows } = await t.db.query<{
        external_id: string;
        text: string | null;
        permalink: string | null;
        created_at: Date;
        edited_at: Date | null;
      }>('select external_id, text, permalink, created_at, edited_at from items order by id');
      expect(rows).toEqual(
        records.map((x) => ({
          external_id: x.externalId,
          text: x.text,
          permalink: x.permalink,
          created_at: x.createdAt,
          edited_at: x.editedAt,
        })),
      );
      // A re-read of the same records changes nothing.
      const again = await upsertItems(t.db, 'facebook', records, new Date('2026-11-23T00:00:00Z'));
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: records.length });
    });
  });
}
