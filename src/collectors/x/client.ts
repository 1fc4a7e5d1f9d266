import type { RawPage } from '../collector.js';
import type { HttpClient } from '../http.js';

/** X API v2 calls (../shared/reference/platform-apis.md §3): timelines, lookups and recent search. */
export const TWEET_FIELDS =
  'created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,public_metrics,entities,edit_history_tweet_ids';
/** `referenced_tweets.id` brings the replied-to posts' edit histories: a reply to an earlier version of an edited post attaches to it. */
const COMMON = { 'tweet.fields': TWEET_FIELDS, expansions: 'author_id,referenced_tweets.id', 'user.fields': 'username,name' };

/** Recent search covers the last 7 days; the query may be up to 512 characters (self-serve). */
export const SEARCH_WINDOW_MS = 7 * 86_400_000;
export const MAX_QUERY_LENGTH = 512;

export type XClient = ReturnType<typeof makeXClient>;

export function makeXClient(deps: { http: HttpClient; now: () => Date }) {
  async function* pages(
    path: string,
    params: Record<string, string | number | undefined>,
    tokenParam: string,
  ): AsyncGenerator<RawPage<unknown>> {
    let token: string | undefined;
    do {
      const r = await deps.http.get(path, { ...params, [tokenParam]: token });
      yield { fetchedAt: deps.now(), request: path, body: r.data };
      const meta = (r.data as { meta?: { next_token?: unknown } } | null)?.meta;
      token = typeof meta?.next_token === 'string' ? meta.next_token : undefined;
    } while (token);
  }
  const window = (sinceId: string | undefined, startTime: Date | undefined) =>
    sinceId ? { since_id: sinceId } : startTime ? { start_time: startTime.toISOString() } : {};
  return {
    async user(userId: string): Promise<RawPage<unknown>> {
      const r = await deps.http.get(`/2/users/${userId}`, { 'user.fields': 'public_metrics' });
      return { fetchedAt: deps.now(), request: '/2/users/:id', body: r.data };
    },
    timeline: (userId: string, sinceId?: string, startTime?: Date) =>
      pages(`/2/users/${userId}/tweets`, { ...COMMON, max_results: 100, ...window(sinceId, startTime) }, 'pagination_token'),
    mentions: (userId: string, sinceId?: string, startTime?: Date) =>
      pages(`/2/users/${userId}/mentions`, { ...COMMON, max_results: 100, ...window(sinceId, startTime) }, 'pagination_token'),
    /** Up to 100 ids per call. */
    async lookup(ids: readonly string[]): Promise<RawPage<unknown>> {
      const r = await deps.http.get('/2/tweets', { ids: ids.join(','), ...COMMON });
      return { fetchedAt: deps.now(), request: '/2/tweets', body: r.data };
    },
    search: (query: string, sinceId?: string, startTime?: Date) =>
      pages('/2/tweets/search/recent', { query, ...COMMON, max_results: 100, ...window(sinceId, startTime) }, 'next_token'),
  };
}
