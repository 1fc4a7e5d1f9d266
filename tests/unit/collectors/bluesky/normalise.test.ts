import { expect, test } from 'vitest';

import { normaliseBskyFeed, normaliseBskyProfile, normaliseBskyThread } from '../../../../src/collectors/bluesky/normalise.js';
import { storedUri } from '../../../../src/collectors/bluesky/uri.js';
import { failedCallError } from '../../../../src/collectors/api-error.js';
import { AppError } from '../../../../src/errors.js';
import { FETCHED_AT, ctxFor, pseudonymise, readFixture } from '../fixture.js';

const OWN = 'did:plc:eksempelkommune00000000a';
const ctx = { ...ctxFor(OWN, []), responderHandles: new Set(['eksempel.kommune.no']) };
const ROOT = `at://${OWN}/app.bsky.feed.post/3lkommunepost1`;
const KARI = 'did:plc:kariresident0000000000aa';
const pseudoUri = (did: string, rkey: string) => `at://${pseudonymise('bluesky', did)}/app.bsky.feed.post/${rkey}`;

test('author feed: own top-level posts with counts (repost + quote as shares); reposts of others skipped; a malformed item is a warning', () => {
  const n = normaliseBskyFeed(readFixture('bluesky/author-feed.p1.json'), ctx);
  expect(n.items.map((i) => [i.externalId, i.kind, i.authorRole, i.authorKey, i.rootExternalId])).toEqual([
    [ROOT, 'post', 'owner', OWN, ROOT],
    [`at://${OWN}/app.bsky.feed.post/3lkommunepost0`, 'post', 'owner', OWN, `at://${OWN}/app.bsky.feed.post/3lkommunepost0`],
  ]);
  expect(n.items[0]?.createdAt.toISOString()).toBe('2026-11-16T09:15:00.000Z');
  expect(n.items[0]?.permalink).toBe(`https://bsky.app/profile/${OWN}/post/3lkommunepost1`);
  expect(n.metrics[0]).toEqual({
    platform: 'bluesky',
    externalId: ROOT,
    capturedAt: FETCHED_AT,
    likes: 14,
    comments: 3,
    shares: 3,
    views: null,
  });
  expect(n.cursor).toBe('3lxyzabc2k2a');
  expect(n.warnings).toEqual([expect.objectContaining({ platform: 'bluesky', what: 'author feed', field: 'post.record', count: 1 })]);
  expect(n.unreadIds).toEqual([`at://${OWN}/app.bsky.feed.post/3lbroken`]);
  expect(JSON.stringify(n)).not.toContain(KARI);
});

test('thread: residents pseudonymised in author keys and in every URI; handles, mentions (facets), names, DIDs in text and phone numbers removed', () => {
  const n = normaliseBskyThread(readFixture('bluesky/thread.json'), ctx);
  const kari = n.items.find((i) => i.externalId === pseudoUri(KARI, '3lkarispm'));
  expect(kari).toMatchObject({
    kind: 'comment',
    authorRole: 'citizen',
    authorKey: pseudonymise('bluesky', KARI),
    parentExternalId: ROOT,
    rootExternalId: ROOT,
  });
  expect(kari?.text).toBe('@eksempel.kommune.no Hvor lenge blir det stengt? @[navn] lurte også. Ring meg på [telefon]');
  // Linked through the municipality's post, never through the resident's DID.
  expect(kari?.permalink).toBe(`https://bsky.app/profile/${OWN}/post/3lkommunepost1`);
  const answer = n.items.find((i) => i.externalId === `at://${OWN}/app.bsky.feed.post/3lsvar`);
  expect(answer).toMatchObject({
    authorRole: 'owner',
    authorKey: OWN,
    parentExternalId: pseudoUri(KARI, '3lkarispm'),
    rootExternalId: ROOT,
  });
  expect(answer?.text).toBe('Hei [navn]! Til fredag. Se https://bsky.app/profile/[navn] for mer.');
  const stored = JSON.stringify(n);
  for (const raw of [
    KARI,
    'kari.bsky.social',
    'Kari',
    'Nordmann',
    'ola.bsky.social',
    'did:plc:olaresident',
    'did:plc:trollresident',
    'did:plc:blokkert',
    'did:plc:slettet',
    '912 34 567',
  ]) {
    expect(stored, raw).not.toContain(raw);
  }
});

test('thread: the threadgate hides a reply, notFoundPost is deleted, blockedPost is unread (never deleted)', () => {
  const n = normaliseBskyThread(readFixture('bluesky/thread.json'), ctx);
  const troll = n.items.find((i) => i.externalId === pseudoUri('did:plc:trollresident00000000000a', '3ltroll'));
  expect(troll?.hiddenAt).toEqual(FETCHED_AT);
  expect(n.items.filter((i) => i.hiddenAt !== null)).toHaveLength(1);
  expect(n.notFoundIds).toEqual([pseudoUri('did:plc:slettetresident000000000a', '3lslettet')]);
  expect(n.unreadIds).toEqual([pseudoUri('did:plc:blokkertresident00000000a', '3lblokkert')]);
  expect(n.truncated).toBe(false);
  expect(n.metrics.find((m) => m.externalId === ROOT)).toMatchObject({ likes: 15, comments: 4, shares: 3 });
});

test('a reply list shorter than replyCount marks the read truncated', () => {
  const body = readFixture('bluesky/thread.json') as { thread: { replies: unknown[] } };
  body.thread.replies = body.thread.replies.slice(0, 1);
  expect(normaliseBskyThread(body, ctx).truncated).toBe(true);
});

test('a handle registration is an owner too; responder DIDs in URIs stay raw', () => {
  const byHandle = { ...ctxFor('eksempel.kommune.no', []), responderHandles: new Set<string>() };
  const n = normaliseBskyFeed(readFixture('bluesky/author-feed.p1.json'), byHandle);
  expect(n.items.every((i) => i.authorRole === 'owner' && i.authorKey === OWN)).toBe(true);
  expect(
    storedUri(
      ROOT,
      (d) => d === OWN,
      (d) => `p(${d})`,
    ),
  ).toBe(ROOT);
  expect(
    storedUri(
      `at://${KARI}/app.bsky.feed.post/x`,
      (d) => d === OWN,
      (d) => `p(${d})`,
    ),
  ).toBe(`at://p(${KARI})/app.bsky.feed.post/x`);
});

test('profile: follower count', () => {
  expect(normaliseBskyProfile(readFixture('bluesky/profile.json'), ctx)).toEqual({
    did: OWN,
    handle: 'eksempel.kommune.no',
    followers: [{ accountId: '7', capturedAt: FETCHED_AT, followers: 1234 }],
  });
});

test('a body without `feed` is a contract error naming the field', () => {
  expect(() => normaliseBskyFeed({ posts: [] }, ctx)).toThrow(AppError);
  expect(() => normaliseBskyFeed({ posts: [] }, ctx)).toThrow(/field 'feed'/);
});

test('XRPC errors are typed: 429, missing profile, missing post, takedown, CDN 403', () => {
  const e = (status: number, body: unknown) =>
    failedCallError({ platform: 'bluesky', method: 'GET', url: 'https://public.api.bsky.app/xrpc/x', status, body });
  expect(e(429, { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' })).toMatchObject({
    code: 'PLATFORM_RATE_LIMIT',
    details: { retryable: true },
  });
  expect(e(400, { error: 'InvalidRequest', message: 'Profile not found' }).code).toBe('PLATFORM_NOT_FOUND');
  expect(e(400, { error: 'NotFound', message: `Post not found: ${ROOT}` }).code).toBe('PLATFORM_NOT_FOUND');
  expect(e(400, { error: 'AccountTakedown', message: 'Account has been suspended' }).code).toBe('PLATFORM_NOT_FOUND');
  expect(e(400, { error: 'InvalidRequest', message: 'Error: limit must be <= 100' }).code).toBe('PLATFORM_CONTRACT');
  expect(e(403, '<html>Forbidden</html>')).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', details: { retryable: false } });
  expect(e(502, { error: 'UpstreamFailure', message: 'Upstream Failure' })).toMatchObject({
    code: 'PLATFORM_UNAVAILABLE',
    details: { retryable: true },
  });
});
