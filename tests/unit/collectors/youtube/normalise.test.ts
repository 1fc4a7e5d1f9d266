import { expect, test } from 'vitest';

import { normaliseThreadPage, normaliseVideos, parseChannel, parsePlaylistPage } from '../../../../src/collectors/youtube/normalise.js';
import { FETCHED_AT, ctxFor, pseudonymise, readFixture } from '../fixture.js';

const CHANNEL = 'UCexample00000000000000a';
const ctx = ctxFor(CHANNEL, []);

test('channels.list gives the uploads playlist and subscribers (string counters)', () => {
  expect(parseChannel(readFixture('youtube/channels.json'), ctx)).toEqual({
    uploads: 'UUexample00000000000000a',
    followers: [{ accountId: '7', capturedAt: FETCHED_AT, followers: 812 }],
  });
});

test('playlistItems uses the video publish time, not the playlist insertion time', () => {
  const p = parsePlaylistPage(readFixture('youtube/playlistItems.p1.json'));
  expect(p.next).toBe('EAAaBlBUOkNESQ');
  expect(p.videos[0]).toEqual({ videoId: 'vid00000001', publishedAt: new Date('2026-11-16T12:00:00Z') });
});

test('videos.list gives owner posts and snapshots without shares', () => {
  const v = normaliseVideos(readFixture('youtube/videos.json'), ctx);
  expect(v.items[0]).toMatchObject({ externalId: 'vid00000001', kind: 'post', authorRole: 'owner', authorKey: CHANNEL });
  expect(v.items[0]?.text).toBe('Kommunestyremøte 16. november\n\nOpptak av møtet. Saksliste på kommunens nettside.');
  expect(v.metrics[0]).toMatchObject({ likes: 12, comments: 3, shares: null, views: 532 });
  expect(v.commentCounts.get('vid00000001')).toBe(3);
});

test('comment threads: two levels, owner by channel id, resident handles and phones removed', () => {
  const n = normaliseThreadPage(readFixture('youtube/commentThreads.p1.json'), ctx);
  expect(n.items.map((i) => [i.externalId.slice(0, 8), i.parentExternalId?.slice(0, 8), i.rootExternalId, i.authorRole])).toEqual([
    ['UgxAAAAA', 'vid00000', 'vid00000001', 'citizen'],
    ['UgxAAAAA', 'UgxAAAAA', 'vid00000001', 'owner'],
    ['UgyBBBBB', 'vid00000', 'vid00000001', 'citizen'],
  ]);
  expect(n.items[0]?.authorKey).toBe(pseudonymise('youtube', 'UCper0000000000000000000'));
  expect(n.items[0]?.text).toBe('Når blir sak 42 behandlet? Ring [telefon]');
  expect(n.items[0]?.editedAt).toEqual(new Date('2026-11-16T13:05:00Z'));
  expect(n.items[1]?.text).toBe('@[navn] Den kommer opp i desember.');
  expect(n.threads[0]).toMatchObject({ totalReplyCount: 7, inlineReplies: 1 });
  expect(JSON.stringify(n.items)).not.toMatch(/perolsen|annelise|UCper|UCanne/);
});
