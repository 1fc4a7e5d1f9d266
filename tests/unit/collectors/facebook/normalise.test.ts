import { describe, expect, test } from 'vitest';

import { normaliseCommentPage, normalisePageInfo, normalisePostPage } from '../../../../src/collectors/facebook/normalise.js';
import { AppError } from '../../../../src/errors.js';
import { FETCHED_AT, ctxFor, pseudonymise, readFixture } from '../fixture.js';

const PAGE = '104000000000001';
const TEKNISK = '104000000000009';
const ctx = ctxFor(PAGE, [TEKNISK]);

describe('facebook post listing', () => {
  const { items, metrics, threads } = normalisePostPage(readFixture('facebook/feed.p1.json'), ctx);

  test('tells own posts from visitor posts by from.id and pseudonymises the visitor', () => {
    expect(items.map((i) => [i.externalId, i.authorRole, i.kind])).toEqual([
      ['104000000000001_900000000000002', 'owner', 'post'],
      ['104000000000001_900000000000001', 'citizen', 'post'],
    ]);
    expect(items[0]?.authorKey).toBe(PAGE);
    expect(items[1]?.authorKey).toBe(pseudonymise('facebook', '26012345678901234'));
    expect(items[1]?.rootExternalId).toBe(items[1]?.externalId);
    expect(items[1]?.parentExternalId).toBeNull();
  });

  test('removes the resident name and phone number from visitor text and keeps the hidden flag', () => {
    expect(items[1]?.text).toBe('Hei! Gatelyset i Storgata er ute. Ring meg på [telefon], hilsen [navn]');
    expect(items[1]?.hiddenAt).toEqual(FETCHED_AT);
    expect(JSON.stringify(items)).not.toMatch(/Kari|Nordmann|26012345678901234/);
  });

  test('reads engagement from the summaries of the same listing', () => {
    expect(metrics[0]).toEqual({
      platform: 'facebook',
      externalId: '104000000000001_900000000000002',
      capturedAt: FETCHED_AT,
      likes: 41,
      comments: 4,
      shares: 3,
      views: null,
    });
    expect(threads[0]).toMatchObject({ signature: '2026-11-17T09:02:11+0000|4', comments: 4 });
  });
});

describe('facebook comment stream', () => {
  const root = '104000000000001_900000000000002';
  const { items } = normaliseCommentPage(readFixture('facebook/comments.p1.json'), ctx, root);

  test('rebuilds the tree from parent ids at every depth', () => {
    expect(items.map((i) => [i.externalId.slice(-4), i.parentExternalId?.slice(-4), i.rootExternalId])).toEqual([
      ['1111', '0002', root],
      ['2222', '1111', root],
      ['3333', '2222', root],
      ['4444', '0002', root],
    ]);
  });

  test('counts a reply from another Page of the same municipality as owner', () => {
    expect(items[1]).toMatchObject({ authorRole: 'owner', authorKey: TEKNISK });
  });

  test('replaces the @-tag of a resident in the owner reply and redacts citizen personal data', () => {
    expect(items[1]?.text).toBe('[navn] Den kommer før klokka 10.');
    expect(items[0]?.text).toContain('[fødselsnummer]');
    expect(items[2]?.text).toBe('Takk! Send gjerne svar til [e-post]');
    expect(items[2]?.hiddenAt).toEqual(FETCHED_AT);
    expect(JSON.stringify(items)).not.toMatch(/Ola|Hansen|26099999999999999|01019912368/);
  });

  test('stores a comment without `from` as an unknown citizen, not as the owner', () => {
    expect(items[3]).toMatchObject({ authorRole: 'citizen', authorKey: 'r_unknown' });
  });
});

test('page info gives the follower count', () => {
  expect(normalisePageInfo(readFixture('facebook/page.json'), ctx)).toEqual([{ accountId: '7', capturedAt: FETCHED_AT, followers: 5210 }]);
});

test('a post with a changed shape costs only itself: a PLATFORM_CONTRACT warning naming the field, the page kept', () => {
  const body = readFixture('facebook/feed.p1.json') as { data: Array<Record<string, unknown>> };
  const all = normalisePostPage(readFixture('facebook/feed.p1.json'), ctx).items.length;
  const badId = body.data[1]?.id;
  delete body.data[1]?.created_time;
  const n = normalisePostPage(body, ctx);
  expect(n.items).toHaveLength(all - 1);
  expect(n.warnings).toEqual([
    {
      code: 'PLATFORM_CONTRACT',
      platform: 'facebook',
      what: 'post listing',
      field: 'created_time',
      message: expect.any(String) as string,
      count: 1,
    },
  ]);
  expect(n.rejectedIds).toEqual([badId]);
  // A body that is not a page at all is still a contract error.
  expect(() => normalisePostPage({ data: 'nope' }, ctx)).toThrowError(AppError);
});

test('a comment whose created_time does not parse costs only itself; the others carry their Graph time as a Date', () => {
  const root = '104000000000001_900000000000002';
  const body = readFixture('facebook/comments.p1.json') as { data: Array<Record<string, unknown>> };
  const first = body.data[0] as { created_time: string };
  const badId = body.data[1]?.id;
  if (body.data[1]) body.data[1].created_time = 'i går kveld';
  const n = normaliseCommentPage(body, ctx, root);
  expect(n.items.map((i) => i.externalId)).not.toContain(badId);
  expect(n.items).toHaveLength(body.data.length - 1);
  // Graph writes `+0000`, which the Date constructor alone does not read everywhere.
  expect(first.created_time).toMatch(/\+0000$/);
  expect(n.items[0]?.createdAt).toEqual(new Date(first.created_time.replace(/\+0000$/, 'Z')));
  expect(n.warnings).toEqual([
    {
      code: 'PLATFORM_CONTRACT',
      platform: 'facebook',
      what: 'comment listing',
      field: 'created_time',
      message: 'expected a timestamp',
      count: 1,
    },
  ]);
});
