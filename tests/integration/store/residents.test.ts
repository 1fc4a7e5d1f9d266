import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { makePseudonymiser } from '../../../src/privacy/pseudonymise.js';
import { purgeExpiredText } from '../../../src/store/residents.js';
import { insertAccount, insertItem } from '../../helpers/builders.js';
import { cliEnv } from '../../helpers/cli-env.js';
import { runCli } from '../../helpers/run-cli.js';
import { useTestDb } from '../../helpers/test-db.js';

describe('residents: erasure and retention', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  beforeAll(async () => {
    t = await useTestDb();
  });
  afterAll(async () => t.drop());

  test.runIf(process.env.DATABASE_URL)('erase deletes every item of one pseudonymised resident and nothing else', async () => {
    const env = cliEnv(t);
    const pseudo = makePseudonymiser(env.LYTTEPOST_SECRET as string);
    const acc = await insertAccount(t.db, { municipality: '0301', platform: 'facebook', externalId: 'page-erase' });
    await insertItem(t.db, {
      accountId: acc,
      platform: 'facebook',
      externalId: 'p1',
      role: 'owner',
      author: 'page-erase',
      createdAt: '2026-11-02T10:00:00Z',
    });
    const kari = pseudo('facebook', '100077');
    const ola = pseudo('facebook', '100088');
    const c1 = await insertItem(t.db, {
      accountId: acc,
      platform: 'facebook',
      externalId: 'c1',
      parent: 'p1',
      root: 'p1',
      author: kari,
      createdAt: '2026-11-02T11:00:00Z',
      text: 'hei',
    });
    await insertItem(t.db, {
      accountId: acc,
      platform: 'facebook',
      externalId: 'c2',
      parent: 'c1',
      root: 'p1',
      author: kari,
      createdAt: '2026-11-02T12:00:00Z',
      text: 'hallo?',
    });
    await insertItem(t.db, {
      accountId: acc,
      platform: 'facebook',
      externalId: 'c3',
      parent: 'p1',
      root: 'p1',
      author: ola,
      createdAt: '2026-11-02T13:00:00Z',
      text: 'takk',
    });
    await t.db.query(
      `insert into classifications (item_id, classifier_version, needs_answer, classified_at) values ($1, 'v', true, now())`,
      [c1],
    );
    await t.db.query(
      `insert into indicator_account_weeks (account_id, week, classifier_version, figures, citizen_authors, asked_at, answered_at, answer_hours, computed_at)
       values ($1, '2026-W45', 'v', '{}', $2, '{}', '{}', '{}', now())`,
      [Number(acc), [kari, ola].sort()],
    );

    const r = await runCli(['erase', '--platform', 'facebook', '--author-id', '100077'], { env });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Erased 2 item(s)');
    const { rows } = await t.db.query<{ external_id: string }>('select external_id from items order by external_id');
    expect(rows.map((x) => x.external_id)).toEqual(['c3', 'p1']);
    expect((await t.db.query('select * from classifications')).rows).toHaveLength(0);
    expect((await t.db.query('select citizen_authors from indicator_account_weeks')).rows).toEqual([{ citizen_authors: [ola] }]);
    expect(r.stdout).toContain('from 1 stored author set(s)');
    const again = await runCli(['erase', '--platform', 'facebook', '--author-id', '100077'], { env });
    expect(again.stdout).toContain('nothing to erase');
    const bad = await runCli(['erase', '--platform', 'myspace', '--author-id', '1'], { env });
    expect(bad.code).toBe(2);
  });

  test('retention nulls old resident text and keeps owner text and the rows', async () => {
    const acc = await insertAccount(t.db, { municipality: '4601', platform: 'x', externalId: 'x-ret' });
    await insertItem(t.db, {
      accountId: acc,
      platform: 'x',
      externalId: 'xp',
      role: 'owner',
      author: 'x-ret',
      createdAt: '2025-01-01T10:00:00Z',
      text: 'owner post',
    });
    await insertItem(t.db, {
      accountId: acc,
      platform: 'x',
      externalId: 'xold',
      parent: 'xp',
      root: 'xp',
      createdAt: '2025-01-02T10:00:00Z',
      text: 'old resident text',
    });
    await insertItem(t.db, {
      accountId: acc,
      platform: 'x',
      externalId: 'xnew',
      parent: 'xp',
      root: 'xp',
      createdAt: '2026-11-20T10:00:00Z',
      text: 'new resident text',
    });
    const purged = await purgeExpiredText(t.db, new Date('2026-11-29T00:00:00Z'), 365);
    expect(purged).toBe(1);
    const { rows } = await t.db.query<{ external_id: string; text: string | null; text_purged_at: Date | null }>(
      `select external_id, text, text_purged_at from items where platform = 'x' order by external_id`,
    );
    expect(rows.map((r) => [r.external_id, r.text, r.text_purged_at !== null])).toEqual([
      ['xnew', 'new resident text', false],
      ['xold', null, true],
      ['xp', 'owner post', false],
    ]);
  });
});
