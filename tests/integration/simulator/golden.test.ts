import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/simulator/server.js';
import type { FaultSpec } from '../../../src/simulator/faults.js';
import { acceptanceWorld, busiest, get, NOW, type Got } from './fixture.js';

/**
 * Golden hashes of full responses (status, headers, body) over every endpoint, field set, token kind and fault
 * the collectors rely on, at several clocks on one server. They pin the simulator's output byte for byte, so
 * that work on its speed (caches, hand-rolled hashing, serialisation) cannot change what it answers.
 *
 * The golden files (tests/fixtures/simulator/golden-*.txt) hold one line per request: group, status, a hash of
 * headers and body, and the request. A failure shows which requests changed as a line diff, and writes this
 * run's full responses to a temporary folder (named in the failure) to compare. When a change to the output
 * is intended, regenerate the files with `GOLDEN_UPDATE=1` and review their diff.
 */

const world = acceptanceWorld();
const fb = busiest(world, 'facebook');
const yt = busiest(world, 'youtube');
const x = busiest(world, 'x');
const bs = busiest(world, 'bluesky');
const xAuth = { authorization: `Bearer ${x.token}` };
const ytKey = `key=${yt.token}`;

type Response = { line: string; text: string };

/** Collects the responses of one group, one golden line each; the origin (random port) is replaced. */
class Group {
  readonly responses: Response[] = [];
  constructor(
    private readonly sim: Simulator,
    private readonly label: string,
  ) {}

  get count(): number {
    return this.responses.length;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Got> {
    const r = await get(this.sim.url, path, headers);
    const h: [string, string][] = [];
    r.headers.forEach((v, k) => {
      if (k !== 'date' && k !== 'connection' && k !== 'keep-alive') h.push([k, v]);
    });
    h.sort((a, b) => a[0].localeCompare(b[0]));
    const request = path.replaceAll(this.sim.url, 'ORIGIN');
    const text = `${request}\n${r.status}\n${JSON.stringify(h)}\n${r.text.replaceAll(this.sim.url, 'ORIGIN')}\n`;
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
    this.responses.push({ line: `${this.label} #${this.count} ${r.status} ${hash} ${request}`, text });
    return r;
  }
}

const GOLDEN_DIR = new URL('../../fixtures/simulator/', import.meta.url);

/** Compares a run's lines with a golden file (or rewrites it under GOLDEN_UPDATE=1), keeping the responses for a failure. */
function expectGolden(name: string, groups: readonly Group[]): void {
  const file = new URL(`golden-${name}.txt`, GOLDEN_DIR);
  const responses = groups.flatMap((g) => g.responses);
  const actual = responses.map((r) => r.line);
  if (process.env.GOLDEN_UPDATE === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual.join('\n') + '\n');
  }
  const expected = readFileSync(file, 'utf8').trimEnd().split('\n');
  if (actual.join('\n') !== expected.join('\n')) {
    const dir = mkdtempSync(path.join(tmpdir(), `lyttepost-golden-${name}-`));
    for (const [i, r] of responses.entries()) writeFileSync(path.join(dir, `${String(i).padStart(4, '0')}.txt`), r.text);
    expect(actual, `simulator output changed; this run's full responses are in ${dir} (one file per line below)`).toEqual(expected);
  }
}

const FB_FEED =
  'fields=id,message,created_time,updated_time,permalink_url,from%7Bid,name%7D,is_hidden,is_published,shares,reactions.limit(0).summary(total_count),' +
  'comments.filter(stream).order(chronological).limit(100).summary(true)%7Bid,message,created_time,from%7Bid,name%7D,parent%7Bid%7D,like_count,comment_count,is_hidden,permalink_url%7D';
const FB_POSTS =
  'fields=id,message,created_time,updated_time,permalink_url,from,status_type,story,shares,full_picture,is_published,is_hidden,is_expired,privacy,' +
  'reactions.type(LOVE).limit(0).summary(total_count).as(love),likes.limit(0).summary(true),' +
  'comments.limit(2).summary(true)%7Bid,message,parent%7Bid,message%7D,object%7Bid%7D,comment_count,can_hide,can_remove,can_comment,is_private,user_likes,can_like,permalink_url%7D';
const FB_COMMENT =
  'fields=id,message,created_time,from,parent%7Bid,from%7D,like_count,comment_count,permalink_url,is_hidden,can_hide,object%7Bid,message%7D';
const X_FIELDS =
  'tweet.fields=created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,public_metrics,entities,lang,source,edit_controls,reply_settings,possibly_sensitive' +
  '&user.fields=username,name,created_at,description,location,profile_image_url,protected,url,verified,verified_type,public_metrics';

async function facebook(g: Group): Promise<void> {
  const tok = `access_token=${fb.token}`;
  const app = `access_token=${world.shared.facebookApp}`;
  await g.get(
    `/v24.0/${fb.externalId}?fields=id,name,username,link,followers_count,fan_count,category,about,website,verification_status&${tok}`,
  );
  for (const auth of [tok, app]) {
    let next: string | undefined = `/v24.0/${fb.externalId}/feed?${FB_FEED}&limit=25&${auth}`;
    for (let i = 0; next && i < 3; i++) next = (await g.get(next)).body?.paging?.next;
  }
  const posts = await g.get(`/v24.0/${fb.externalId}/posts?${FB_POSTS}&limit=10&${tok}`);
  await g.get(`/v24.0/${fb.externalId}/posts?${FB_POSTS}&limit=10&${app}`);
  await g.get(`/v24.0/${fb.externalId}?fields=name,published_posts.limit(3)%7Bid,message,comments.limit(1)%7Bid%7D%7D&${tok}`);
  const busy = ((posts.body?.data ?? []) as { id: string; comments?: { summary?: { total_count: number } } }[]).sort(
    (a, b) => (b.comments?.summary?.total_count ?? 0) - (a.comments?.summary?.total_count ?? 0),
  )[0];
  if (busy) {
    for (const q of ['filter=stream&summary=true', 'order=reverse_chronological', 'filter=toplevel&summary=1']) {
      let next: string | undefined = `/v24.0/${busy.id}/comments?${q}&${FB_COMMENT}&limit=7&${tok}`;
      for (let i = 0; next && i < 3; i++) {
        const r = await g.get(next);
        next = r.body?.paging?.next;
        const c = r.body?.data?.[0]?.id as string | undefined;
        if (c && i === 0) await g.get(`/v24.0/${c}?${FB_COMMENT}&${tok}`);
      }
    }
    await g.get(`/v24.0/${busy.id}?fields=id,message,updated_time&${app}`);
  }
  await g.get(`/v24.0/me?fields=id,name`, { authorization: `Bearer ${fb.token}` });
  await g.get(`/v24.0/${fb.externalId}/posts?fields=nope&${tok}`);
  await g.get(`/v24.0/${fb.externalId}/posts?fields=id,&${tok}`);
  await g.get(`/v24.0/${fb.externalId}/posts?fields=id&access_token=bad`);
  await g.get(`/v24.0/${fb.externalId}/posts?limit=101&${tok}`);
}

async function youtube(g: Group): Promise<void> {
  await g.get(`/youtube/v3/channels?part=id,snippet,contentDetails,statistics,status&id=${yt.externalId}&${ytKey}`);
  await g.get(`/youtube/v3/channels?part=snippet&forHandle=${encodeURIComponent(yt.handle)}&key=${world.shared.youtubeKey}`);
  const ids: string[] = [];
  let token: string | undefined;
  for (let i = 0; i < 3; i++) {
    const p = await g.get(
      `/youtube/v3/playlistItems?part=snippet,contentDetails,status&playlistId=UU${yt.externalId.slice(2)}&maxResults=20${token ? `&pageToken=${token}` : ''}&${ytKey}`,
    );
    for (const it of p.body?.items ?? []) ids.push(it.contentDetails.videoId);
    token = p.body?.nextPageToken;
    if (!token) break;
  }
  await g.get(`/youtube/v3/videos?part=snippet,contentDetails,statistics,status&id=${ids.slice(0, 30).join(',')}&${ytKey}`);
  let replied: string | undefined;
  for (const fmt of ['plainText', 'html']) {
    let tok: string | undefined;
    for (let i = 0; i < 2; i++) {
      const r = await g.get(
        `/youtube/v3/commentThreads?part=snippet,replies&allThreadsRelatedToChannelId=${yt.externalId}&maxResults=30&order=time&textFormat=${fmt}${tok ? `&pageToken=${tok}` : ''}&${ytKey}`,
      );
      replied ??= (r.body?.items ?? []).find((t: { snippet: { totalReplyCount: number } }) => t.snippet.totalReplyCount > 0)?.id;
      tok = r.body?.nextPageToken;
      if (!tok) break;
    }
  }
  if (ids[0]) await g.get(`/youtube/v3/commentThreads?part=id,snippet&videoId=${ids[0]}&${ytKey}`);
  if (replied) {
    await g.get(`/youtube/v3/comments?part=snippet&parentId=${replied}&maxResults=2&${ytKey}`);
    await g.get(`/youtube/v3/comments?part=snippet&id=${replied}&textFormat=html&${ytKey}`);
    await g.get(`/youtube/v3/commentThreads?part=snippet,replies&id=${replied}&${ytKey}`);
  }
  await g.get(`/youtube/v3/search?part=snippet&channelId=${yt.externalId}&maxResults=5&${ytKey}`);
  await g.get(`/youtube/v3/channels?id=${yt.externalId}&${ytKey}`);
  await g.get(`/youtube/v3/channels?part=id&id=${yt.externalId}&key=nope`);
  await g.get(`/youtube/v3/commentThreads?part=snippet&allThreadsRelatedToChannelId=${yt.externalId}&pageToken=bad&${ytKey}`);
  await g.get('/_sim/stats');
}

async function twitter(g: Group): Promise<void> {
  await g.get(`/2/users/${x.externalId}?${X_FIELDS}`, xAuth);
  await g.get(`/2/users/by/username/${x.handle}?user.fields=public_metrics`, xAuth);
  for (const path of [`/2/users/${x.externalId}/tweets`, `/2/users/${x.externalId}/mentions`]) {
    let token: string | undefined;
    for (let i = 0; i < 3; i++) {
      const r = await g.get(
        `${path}?${X_FIELDS}&expansions=author_id,in_reply_to_user_id,referenced_tweets.id&max_results=15${token ? `&pagination_token=${token}` : ''}`,
        xAuth,
      );
      token = r.body?.meta?.next_token;
      const conv = r.body?.data?.[0]?.conversation_id as string | undefined;
      if (conv && i === 0)
        await g.get(`/2/tweets/search/recent?query=conversation_id:${conv}&${X_FIELDS}&expansions=author_id&max_results=100`, xAuth);
      const first = r.body?.data?.[0]?.id as string | undefined;
      if (first && i === 0) {
        await g.get(`/2/tweets/${first}?tweet.fields=created_at,public_metrics`, xAuth);
        await g.get(`/2/tweets?ids=${first},1,${r.body?.data?.[1]?.id ?? '2'}&tweet.fields=author_id`, xAuth);
      }
      if (!token) break;
    }
  }
  await g.get(`/2/users/${x.externalId}/tweets?tweet.fields=bogus`, xAuth);
  await g.get(`/2/users/${x.externalId}/tweets`);
}

async function bluesky(g: Group): Promise<void> {
  await g.get(`/xrpc/app.bsky.actor.getProfile?actor=${bs.handle}`);
  let cursor: string | undefined;
  for (let i = 0; i < 3; i++) {
    const r = await g.get(
      `/xrpc/app.bsky.feed.getAuthorFeed?actor=${encodeURIComponent(bs.externalId)}&limit=10&filter=posts_no_replies${cursor ? `&cursor=${cursor}` : ''}`,
    );
    cursor = r.body?.cursor;
    const withReplies = (r.body?.feed as Array<{ post: { uri: string; replyCount: number } }> | undefined)?.find(
      (f) => f.post.replyCount > 0,
    );
    if (withReplies && i === 0)
      await g.get(`/xrpc/app.bsky.feed.getPostThread?uri=${encodeURIComponent(withReplies.post.uri)}&depth=1000&parentHeight=0`);
    if (!cursor) break;
  }
  await g.get(`/xrpc/app.bsky.feed.getAuthorFeed?actor=${encodeURIComponent(bs.externalId)}&filter=posts_with_replies&limit=5`);
  await g.get(`/xrpc/app.bsky.feed.getAuthorFeed?actor=${encodeURIComponent(bs.externalId)}&limit=101`);
  await g.get(`/xrpc/app.bsky.actor.getProfile?actor=nobody.bsky.social`);
  await g.get(`/xrpc/app.bsky.feed.getPostThread?uri=${encodeURIComponent(`at://${bs.externalId}/app.bsky.feed.post/2222222222222`)}`);
}

async function run(clock: () => Date, faults: FaultSpec[] = []): Promise<{ sim: Simulator; group: (label: string) => Group }> {
  const sim = await startSimulator({ world, clock, faults, youtubeQuota: 1_000_000 });
  return { sim, group: (label) => new Group(sim, label) };
}

describe('golden responses (byte-identical output)', () => {
  test('every platform at several clocks on one server', async () => {
    let now = Date.parse(NOW);
    const { sim, group } = await run(() => new Date(now));
    const groups: Group[] = [];
    try {
      // Mid-history, the acceptance clock, after the last item (edits, deletions and hidings done), and either
      // side of a Pacific midnight on a DST day.
      for (const [label, at] of [
        ['march', '2026-03-15T09:30:00Z'],
        ['now', NOW],
        ['late', '2026-07-20T18:00:00Z'],
        ['pst', '2026-03-08T07:59:59.999Z'],
        ['pdt', '2026-03-08T08:00:00Z'],
      ] as const) {
        now = Date.parse(at);
        for (const [platform, fn] of [
          ['facebook', facebook],
          ['youtube', youtube],
          ['x', twitter],
          ['bluesky', bluesky],
        ] as const) {
          const g = group(`${label}/${platform}`);
          await fn(g);
          groups.push(g);
        }
      }
    } finally {
      await sim.close();
    }
    expectGolden('clocks', groups);
  });

  test('faults: paging faults, errors with trace ids, truncated bodies', async () => {
    const { sim, group } = await run(
      () => new Date(NOW),
      [
        { kind: 'delete_between_pages', platform: 'facebook', endpoint: '/feed', count: 2 },
        { kind: 'empty_page_with_next', platform: 'youtube', endpoint: 'commentThreads', after: 1, count: 1 },
        { kind: 'delete_between_pages', platform: 'x', count: 3 },
        { kind: 'server_error', platform: 'facebook', endpoint: '/comments', count: 2 },
        { kind: 'rate_limit', platform: 'youtube', endpoint: 'search', count: 1, retryAfterS: 20 },
        { kind: 'malformed_json', platform: 'x', endpoint: 'mentions', count: 1 },
        { kind: 'retired_field', platform: 'facebook', field: 'shares', count: 1 },
        { kind: 'empty_page_with_next', platform: 'bluesky', endpoint: 'getAuthorFeed', after: 1, count: 1 },
        { kind: 'rate_limit', platform: 'bluesky', endpoint: 'getPostThread', count: 1 },
      ],
    );
    const groups: Group[] = [];
    try {
      for (const [platform, fn] of [
        ['facebook', facebook],
        ['youtube', youtube],
        ['x', twitter],
        ['bluesky', bluesky],
      ] as const) {
        const g = group(platform);
        await fn(g);
        groups.push(g);
      }
      const g = group('truth');
      await g.get(`/_sim/truth?account=${fb.externalId},${yt.externalId},${x.externalId},${encodeURIComponent(bs.externalId)}`);
      await g.get('/_sim/truth?items=false');
      groups.push(g);
    } finally {
      await sim.close();
    }
    expectGolden('faults', groups);
  });
});
