import { describe, expect, test } from 'vitest';

import { failedCallError } from '../../../src/collectors/api-error.js';
import type { NormaliseCtx } from '../../../src/collectors/collector.js';
import { normaliseCommentPage, normalisePageInfo, normalisePostPage } from '../../../src/collectors/facebook/normalise.js';
import { normaliseXPage, normaliseXUser } from '../../../src/collectors/x/normalise.js';
import {
  normaliseReplyPage,
  normaliseThreadPage,
  normaliseVideos,
  parseChannel,
  parsePlaylistPage,
} from '../../../src/collectors/youtube/normalise.js';
import type { ItemRecord } from '../../../src/domain/records.js';
import { AppError } from '../../../src/errors.js';
import { allRecorded, body, recorded, type Recorded } from '../../helpers/recorded.js';
import { FETCHED_AT, pseudonymise } from './fixture.js';

/**
 * Every genuine recorded platform response (tests/fixtures/recorded/) through its normaliser or the error typing,
 * with what the collector must make of it. The sync-level contract tests (tests/integration/collectors/
 * recorded-sync.test.ts) serve the same files to `sync` over a loopback server.
 */
const all = allRecorded();

const ctxFor = (account: string, responders: string[] = []): NormaliseCtx => ({
  accountId: '7',
  accountExternalId: account,
  responders: new Set([account, ...responders]),
  pseudonymise,
  fetchedAt: FETCHED_AT,
});

test('the corpus: at least 40 files over the three platforms, each with provenance, including errors and rate-limit headers', () => {
  expect(all.length).toBeGreaterThanOrEqual(40);
  for (const p of ['facebook', 'youtube', 'x'] as const) {
    expect(all.filter((r) => r.platform === p && r.response.status >= 400).length, p).toBeGreaterThan(0);
  }
  for (const r of all) {
    expect(r.source.path, r.file).not.toBe('');
    expect(r.exercises, r.file).not.toBe('');
    if (r.source.repository !== null) expect(r.source.commit, r.file).toMatch(/^[0-9a-f]{40}$/);
    else expect(r.edited, `${r.file}: a file without a repository must say how it was made`).not.toBeNull();
  }
  const headers = all.flatMap((r) => Object.keys(r.response.headers));
  expect(headers).toContain('x-rate-limit-reset');
  expect(headers).toContain('x-business-use-case-usage');
  expect(headers).toContain('x-app-usage');
});

describe("error bodies are typed by the platforms' documented semantics", () => {
  const cases: Array<[string, string, string, RegExp?]> = [
    ['facebook', 'error-100-pages-read-engagement', 'PLATFORM_AUTH', /pages_read_engagement/],
    ['facebook', 'error-100-ppca-appsecret', 'PLATFORM_AUTH', /app secret proof or an app token/],
    ['facebook', 'error-throttle-4', 'PLATFORM_RATE_LIMIT'],
    ['facebook', 'error-throttle-17', 'PLATFORM_RATE_LIMIT'],
    ['facebook', 'error-throttle-32', 'PLATFORM_RATE_LIMIT'],
    ['facebook', 'error-throttle-613', 'PLATFORM_RATE_LIMIT'],
    ['youtube', 'error-key-invalid', 'PLATFORM_AUTH'],
    ['youtube', 'error-permission-denied', 'PLATFORM_AUTH'],
    ['youtube', 'error-quota-exceeded', 'QUOTA_EXHAUSTED'],
    ['x', 'stream-rules-401', 'PLATFORM_AUTH'],
    ['x', 'stream-rules-403-not-enrolled', 'PLATFORM_AUTH'],
    ['x', 'user-429', 'PLATFORM_RATE_LIMIT'],
    ['x', 'tweets-lookup-429', 'PLATFORM_RATE_LIMIT'],
    ['x', 'stream-429', 'PLATFORM_RATE_LIMIT'],
    ['x', 'tweets-lookup-400-too-many', 'PLATFORM_CONTRACT'],
    ['bluesky', 'error-profile-not-found', 'PLATFORM_NOT_FOUND', /Profile not found/],
    ['bluesky', 'error-post-not-found', 'PLATFORM_NOT_FOUND', /Post not found/],
    ['bluesky', 'error-rate-limit', 'PLATFORM_RATE_LIMIT'],
  ];
  test('every error file of the corpus has a case here', () => {
    const named = new Set(cases.map(([p, n]) => `${p}/${n}.json`));
    expect(
      all
        .filter((r) => r.response.status >= 400)
        .map((r) => r.file)
        .filter((f) => !named.has(f)),
    ).toEqual([]);
  });
  test.each(cases)('%s %s → %s', (platform, name, code, message) => {
    const r = recorded(platform as Recorded['platform'], name);
    const e = failedCallError({
      platform: r.platform,
      method: 'GET',
      url: `https://example.invalid${r.request.path}`,
      status: r.response.status,
      body: r.response.body,
    });
    expect(e.code).toBe(code);
    // The platform's own message is kept for the operator (Graph names the missing permission).
    if (message) {
      expect(e.message).toMatch(message);
      expect(String(e.details.context?.platformMessage)).toMatch(message);
    }
  });
});

describe('X errors[] about the monitored account are its state, never an empty success', () => {
  test.each([
    ['user-not-found-200', '2244994946', 'not_found'],
    ['user-suspended-200', '481186914', 'suspended'],
  ])('user lookup %s → PLATFORM_NOT_FOUND, account %s %s', (name, account, status) => {
    const r = recorded('x', name);
    const err = (() => {
      try {
        normaliseXUser(body(r), ctxFor(account));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'PLATFORM_NOT_FOUND', details: { context: { accountStatus: status } } });
  });
  test('the timeline of a suspended account is not an empty successful page', () => {
    expect(() =>
      normaliseXPage(body(recorded('x', 'timeline-suspended-200')), ctxFor('481186914'), 'user timeline', { ownListing: true }),
    ).toThrowError(
      expect.objectContaining({
        code: 'PLATFORM_NOT_FOUND',
        details: expect.objectContaining({ context: expect.objectContaining({ accountStatus: 'suspended' }) }),
      }) as Error,
    );
  });
  test('a lookup answering errors[] only for a deleted post reports it missing (not the account)', () => {
    const n = normaliseXPage(body(recorded('x', 'tweet-deleted')), ctxFor('2244994945'), 'post lookup');
    expect(n.items).toEqual([]);
    expect(n.missing.length).toBe(1);
  });
});

/** Raw resident identifiers and names of a page: none may appear in what is stored. */
function residentStrings(r: Recorded, responders: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const b = r.response.body as Record<string, unknown>;
  if (r.platform === 'x') {
    for (const t of (b.data as Array<Record<string, unknown>> | undefined) ?? [])
      if (typeof t.author_id === 'string' && !responders.has(t.author_id)) out.push(t.author_id);
    const inc = b.includes as { users?: Array<{ id: string; name?: string; username?: string }> } | undefined;
    for (const u of inc?.users ?? [])
      if (!responders.has(u.id))
        out.push(...[u.username, u.name].filter((s): s is string => !!s && s.length >= 3).map((s) => `@${s}`), u.id);
  }
  if (r.platform === 'youtube') {
    const snippets = JSON.stringify(b).match(/"authorChannelId":\{"value":"[^"]+"\}|"authorDisplayName":"[^"]+"/g) ?? [];
    for (const s of snippets) {
      const v = /"(?:value|authorDisplayName)":"([^"]+)"$/.exec(s.replace(/\}$/, ''))?.[1];
      if (v && !responders.has(v)) out.push(v);
    }
  }
  if (r.platform === 'facebook') {
    const from = JSON.stringify(b).match(/"from":\{"name":"[^"]+","id":"[^"]+"\}|"from":\{"id":"[^"]+","name":"[^"]+"\}/g) ?? [];
    for (const f of from) {
      const o = JSON.parse(f.slice(7)) as { id: string; name: string };
      if (!responders.has(o.id)) out.push(o.id, o.name);
    }
  }
  return out;
}

type Run = { items: ItemRecord[]; warnings: number; raw: number };
/** The normaliser of each recorded 200 (by request path) with the monitored account the recording belongs to. */
function normalise(r: Recorded): Run | null {
  const b = body<Record<string, unknown>>(r);
  const count = (w: ReadonlyArray<{ count: number }>) => w.reduce((n, x) => n + x.count, 0);
  const rawOf = (k: string) => ((b[k] as unknown[] | undefined) ?? []).length;
  switch (`${r.platform} ${r.request.path}`) {
    case 'facebook /{version}/{page-id}':
      normalisePageInfo(b, ctxFor(String(b.id)));
      return null;
    case 'facebook /{version}/{page-id}/feed':
    case 'facebook /{version}/?ids=':
    case 'facebook /{version}/{post-id}': {
      // A lookup by ids answers an object keyed by id, a single post the post itself: as a page of those posts.
      const page = r.request.path.endsWith('/feed') ? b : { data: r.request.path.endsWith('?ids=') ? Object.values(b) : [b] };
      const first = (page.data as Array<{ id: string }>)[0]?.id ?? '';
      const n = normalisePostPage(page, ctxFor(first.split('_')[0] ?? ''));
      return { items: n.items, warnings: count(n.warnings), raw: (page.data as unknown[]).length };
    }
    case 'facebook /{version}/{post-id}/comments': {
      const n = normaliseCommentPage(b, ctxFor('19292868552'), '19292868552_10158407654328553');
      return { items: n.items, warnings: count(n.warnings), raw: rawOf('data') };
    }
    case 'youtube /youtube/v3/channels':
      parseChannel(b, ctxFor('UC_x5XG1OV2P6uZZ5FSM9Ttw'));
      return null;
    case 'youtube /youtube/v3/playlistItems': {
      const p = parsePlaylistPage(b);
      return { items: [], warnings: count(p.warnings), raw: rawOf('items') - p.videos.length };
    }
    case 'youtube /youtube/v3/videos': {
      const n = normaliseVideos(b, ctxFor('UC_x5XG1OV2P6uZZ5FSM9Ttw'));
      return { items: n.items, warnings: count(n.warnings), raw: rawOf('items') };
    }
    case 'youtube /youtube/v3/commentThreads': {
      const n = normaliseThreadPage(b, ctxFor('UC_x5XG1OV2P6uZZ5FSM9Ttw'));
      return { items: n.items.filter((i) => i.parentExternalId === i.rootExternalId), warnings: count(n.warnings), raw: rawOf('items') };
    }
    case 'youtube /youtube/v3/comments': {
      const n = normaliseReplyPage(b, ctxFor('UC_x5XG1OV2P6uZZ5FSM9Ttw'), 'video', 'thread');
      return { items: n.items, warnings: count(n.warnings), raw: rawOf('items') };
    }
    case 'x /2/users/:id':
      normaliseXUser(b, ctxFor(String((b.data as { id: string }).id)));
      return null;
    case 'x /2/users/:id/tweets':
    case 'x /2/users/:id/mentions':
    case 'x /2/tweets':
    case 'x /2/tweets/:id':
    case 'x /2/tweets/search/recent': {
      const own = r.request.path.startsWith('/2/users/');
      const n = normaliseXPage(b, ctxFor(r.source.repository === 'tweepy/tweepy' ? '783214' : '2244994945'), 'page', { ownListing: own });
      // An edited post's versions are one item.
      const versions = ((b.data as Array<{ edit_history_tweet_ids?: string[] }> | undefined) ?? []).reduce(
        (k, t) => k + Math.max(0, (t.edit_history_tweet_ids?.length ?? 1) - 1),
        0,
      );
      return {
        items: n.items,
        warnings: count(n.warnings),
        raw: rawOf('data') - Math.min(versions, rawOf('data') - n.items.length - count(n.warnings)),
      };
    }
    default:
      throw new Error(`no normaliser for ${r.file} (${r.request.path})`);
  }
}

describe('every recorded page through its normaliser', () => {
  // Bluesky's pages have their own file with the same checks (tests/unit/collectors/bluesky/recorded.test.ts).
  const pages = all.filter(
    (r) => r.platform !== 'bluesky' && r.response.status < 400 && !/-(?:not-found|suspended)-200$|^tweet-deleted$/.test(r.name),
  );
  test.each(pages.map((r) => [r.file, r] as const))(
    '%s: every item stored or counted as a contract warning; nothing raw about residents',
    (_f, r) => {
      const n = normalise(r);
      if (!n) return;
      expect(n.items.length + n.warnings).toBe(n.raw);
      const stored = JSON.stringify(n.items);
      const word = (x: string) => new RegExp(`(?<![\\p{L}\\p{N}_])${x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'u');
      const texts = n.items.map((i) => i.text ?? '').join('\n');
      const keys = new Set(n.items.map((i) => i.authorKey));
      for (const s of residentStrings(r, new Set(['783214', '2244994945', 'UC_x5XG1OV2P6uZZ5FSM9Ttw', '19292868552']))) {
        // Raw ids never become author keys; names and handles never stay in text.
        expect(keys.has(s), s).toBe(false);
        if (!/^\d+$/.test(s)) expect(texts, s).not.toMatch(word(s));
      }
      expect(stored).not.toMatch(/"authorKey":"(?!r_)(?!783214|2244994945|UC_x5XG1OV2P6uZZ5FSM9Ttw|19292868552)/);
      for (const it of n.items) {
        expect(Number.isNaN(it.createdAt.getTime()), it.externalId).toBe(false);
        expect(it.rootExternalId, it.externalId).toBeTruthy();
      }
    },
  );
});

describe('the cases of issue 20 on genuine payloads', () => {
  test('a channel-discussion thread without snippet.videoId costs only itself, not its page', () => {
    const n = normaliseThreadPage(body(recorded('youtube', 'threads-all-to-channel-mixed')), ctxFor('UC_x5XG1OV2P6uZZ5FSM9Ttw'));
    expect(n.threads.map((t) => t.threadId)).toEqual(['UgyWeTdgc4sc1xgmbld4AaABAg', 'Ugw5zYU6n9pmIgAZWvN4AaABAg']);
    expect(n.warnings).toEqual([expect.objectContaining({ code: 'PLATFORM_CONTRACT', field: 'snippet.videoId', count: 2 })]);
  });

  test('a Graph comments object without summary keeps the post, with the comment total unknown (null), not zero', () => {
    const b = body<{ data: Array<{ comments?: Record<string, unknown> }> }>(recorded('facebook', 'feed-default-p1'));
    delete b.data[0]?.comments?.summary;
    const n = normalisePostPage(b, ctxFor('19292868552'));
    expect(n.items).toHaveLength(5);
    expect(n.metrics[0]?.comments).toBeNull();
    expect(n.metrics[1]?.comments).toBe(17);
  });

  test('an edited X post is one item under its original id, with the latest text and edited_at', () => {
    const n = normaliseXPage(body(recorded('x', 'timeline-edited-post')), ctxFor('783214'), 'user timeline', { ownListing: true });
    expect(n.items.map((i) => i.externalId)).toEqual(['1577730467436138524', '1565318587736285184']);
    const edited = n.items[1];
    expect(edited?.text).toMatch(/\(edited\)$/);
    expect(edited?.editedAt?.toISOString()).toBe('2022-09-01T12:05:00.000Z');
    expect(edited?.createdAt.toISOString()).toBe('2022-09-01T12:00:00.000Z');
    expect(n.metrics.filter((m) => m.externalId === '1565318587736285184')).toHaveLength(1);
  });

  test('a reply to an earlier version of an edited post attaches to the post', () => {
    const b = body<{ data: Array<Record<string, unknown>> }>(recorded('x', 'timeline-edited-post'));
    b.data.push({
      id: '1565318587736285999',
      text: 'svar',
      author_id: '42',
      created_at: '2022-09-01T12:10:00.000Z',
      conversation_id: '1565318587736285185',
      referenced_tweets: [{ type: 'replied_to', id: '1565318587736285185' }],
    });
    const n = normaliseXPage(b, ctxFor('783214'), 'recent search');
    expect(n.items.find((i) => i.externalId === '1565318587736285999')).toMatchObject({
      parentExternalId: '1565318587736285184',
      rootExternalId: '1565318587736285184',
    });
  });

  test('X text is stored as written: &amp; &lt; &gt; decoded', () => {
    const r = recorded('x', 'tweets-lookup-fields');
    expect(JSON.stringify(r.response.body)).toContain('&amp;');
    const n = normaliseXPage(body(r), ctxFor('2244994945'), 'post lookup');
    const texts = n.items.map((i) => i.text ?? '').join('\n');
    expect(texts).not.toMatch(/&(amp|lt|gt);/);
    expect(texts).toContain('&');
  });

  test('the default payload (id and text only) stores nothing and counts every item', () => {
    const n = normaliseXPage(body(recorded('x', 'tweets-lookup-default')), ctxFor('2244994945'), 'post lookup');
    expect(n.items).toEqual([]);
    expect(n.warnings).toEqual([expect.objectContaining({ field: 'author_id', count: 58 })]);
  });
});
