/**
 * A new CLASSIFIER_VERSION flows through to stored items: the classify job finds every item with no row at the
 * current version (rows of an older version do not count), writes what `classifyCitizen` says now, and marks
 * the item's account-week dirty so the indicators are recomputed from the new labels. A second run has
 * nothing left to do. Real Postgres (or PGlite without DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { classifyCitizen } from '../../../src/classifier/citizen.js';
import { CLASSIFIER_VERSION } from '../../../src/classifier/version.js';
import { classifyItems } from '../../../src/jobs/classify-items.js';
import { insertAccount, insertItem } from '../../helpers/builders.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';

describe('a classifier version bump reclassifies stored items', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  beforeAll(async () => {
    t = await useTestDb();
  }, 120_000);
  afterAll(async () => {
    await t.drop();
  });

  test('items labelled by an older version are classified again at the current one', async () => {
    const now = new Date('2026-11-30T08:00:00Z');
    const acc = await insertAccount(t.db, { municipality: '4601', platform: 'facebook', externalId: 'page-version' });
    await insertItem(t.db, {
      accountId: acc,
      platform: 'facebook',
      externalId: 'p1',
      role: 'owner',
      author: 'owner',
      createdAt: '2026-11-24T09:00:00Z',
      text: 'Brøyteplanen for veka',
    });
    // A dialect question that learned-2 missed (dev-6.jsonl): the old row says it needs no answer.
    const text = 'Kolles e det med brøytinga på Moan';
    const id = await insertItem(t.db, {
      accountId: acc,
      platform: 'facebook',
      externalId: 'c1',
      parent: 'p1',
      root: 'p1',
      createdAt: '2026-11-24T10:00:00Z',
      text,
    });
    await t.db.query(
      `insert into classifications (item_id, classifier_version, needs_answer, kind, lang, score, abusive, reasons, classified_at)
       values ($1, 'learned-2', false, 'complaint', 'nn', 0.11, false, '[]'::jsonb, $2)`,
      [id, new Date('2026-11-25T00:00:00Z')],
    );
    expect(CLASSIFIER_VERSION).not.toBe('learned-2');

    const first = await classifyItems({}, { db: t.db, log: silentLogger, clock: () => now });
    expect(first.classified).toBe(2); // the post has no row at all, the comment only an old one

    const { rows } = await t.db.query<{ classifier_version: string; needs_answer: boolean; kind: string }>(
      `select classifier_version, needs_answer, kind from classifications where item_id = $1 order by classifier_version`,
      [id],
    );
    const expected = classifyCitizen(text);
    expect(expected.needsAnswer).toBe(true);
    expect(rows).toEqual([
      { classifier_version: 'learned-2', needs_answer: false, kind: 'complaint' },
      { classifier_version: CLASSIFIER_VERSION, needs_answer: expected.needsAnswer, kind: expected.kind },
    ]);
    const dirty = await t.db.query(`select 1 from indicator_dirty where account_id = $1`, [Number(acc)]);
    expect(dirty.rows.length).toBeGreaterThan(0);

    const second = await classifyItems({}, { db: t.db, log: silentLogger, clock: () => now });
    expect(second.classified).toBe(0);
  });
});
