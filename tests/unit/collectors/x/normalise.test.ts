import { expect, test } from 'vitest';

import { idGreater, normaliseXPage } from '../../../../src/collectors/x/normalise.js';
import { AppError } from '../../../../src/errors.js';
import { FETCHED_AT, ctxFor, pseudonymise, readFixture } from '../fixture.js';

const USER = '1000000001';
const ctx = ctxFor(USER, []);

test('timeline: own replies are owner comments under the conversation root', () => {
  const n = normaliseXPage(readFixture('x/timeline.p1.json'), ctx, 'user timeline');
  expect(n.items.map((i) => [i.externalId, i.kind, i.parentExternalId, i.rootExternalId, i.authorRole])).toEqual([
    ['1990000000000000101', 'comment', '1990000000000000077', '1990000000000000001', 'owner'],
    ['1990000000000000001', 'post', null, '1990000000000000001', 'owner'],
  ]);
  expect(n.items[0]?.text).toBe('@[navn] Takk for beskjed, vi sender noen i dag.');
  expect(n.metrics[1]).toEqual({
    platform: 'x',
    externalId: '1990000000000000001',
    capturedAt: FETCHED_AT,
    likes: 31,
    comments: 1,
    shares: 5,
    views: 5120,
  });
  expect(n.newestId).toBe('1990000000000000101');
});

test('search: citizen replies pseudonymised, names, handles and phone removed, own handle kept', () => {
  const n = normaliseXPage(readFixture('x/search.p1.json'), { ...ctx, responderHandles: new Set(['eksempelkommune']) }, 'recent search');
  const citizen = n.items[1];
  expect(citizen).toMatchObject({ authorRole: 'citizen', authorKey: pseudonymise('x', '2000000042'), kind: 'comment' });
  expect(citizen?.text).toBe('@eksempelkommune Hvor lenge blir det stengt? Ring [telefon]. Mvh [navn]');
  expect(JSON.stringify(n.items)).not.toMatch(/kari_n|Kari|Nilsen|2000000042/);
});

test('lookup reports deleted posts as missing', () => {
  const n = normaliseXPage(readFixture('x/lookup-missing.json'), ctx, 'post lookup');
  expect(n.missing).toEqual(['1989999999999999999']);
  expect(n.replyCounts.get('1990000000000000001')).toBe(2);
});

test('X ids compare as numbers beyond 2^53', () => {
  expect(idGreater('1990000000000000101', '1990000000000000099')).toBe(true);
  expect(idGreater('999', '1000')).toBe(false);
});

test("a malformed post costs only itself: the page's valid posts are kept and the bad one is a counted warning", () => {
  const good = { id: '2', text: 'ok', author_id: USER, created_at: '2026-01-01T00:00:00Z' };
  const n = normaliseXPage({ data: [{ id: '1', text: 'x', created_at: '2026-01-01T00:00:00Z' }, good] }, ctx, 'user timeline');
  expect(n.items.map((i) => i.externalId)).toEqual(['2']);
  expect(n.warnings).toEqual([
    {
      code: 'PLATFORM_CONTRACT',
      platform: 'x',
      what: 'user timeline',
      field: 'author_id',
      message: expect.any(String) as string,
      count: 1,
    },
  ]);
  expect(n.rejectedIds).toEqual(['1']);
  // A page envelope that is not a page at all is still a contract error.
  expect(() => normaliseXPage({ data: 'nope' }, ctx, 't')).toThrowError(AppError);
});
