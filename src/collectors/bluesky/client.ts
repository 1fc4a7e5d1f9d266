import type { RawPage } from '../collector.js';
import type { HttpClient } from '../http.js';

/**
 * Bluesky AppView XRPC calls (../shared/reference/platform-apis.md §5.2), public and unauthenticated:
 * `GET {BLUESKY_API_URL}/xrpc/{nsid}?…`. Raw pages only; normalise.ts interprets them.
 */
export const FEED_LIMIT = 100;
/** Replies below the root read by one getPostThread (the lexicon's maximum). */
export const THREAD_DEPTH = 1000;

export type BlueskyClient = ReturnType<typeof makeBlueskyClient>;

export function makeBlueskyClient(deps: { http: HttpClient; now: () => Date; feedLimit?: number }) {
  const call = async (nsid: string, params: Record<string, string | number | undefined>): Promise<RawPage<unknown>> => {
    const r = await deps.http.get(`/xrpc/${nsid}`, params);
    return { fetchedAt: deps.now(), request: nsid, body: r.data };
  };
  return {
    /** The account's profile (DID, handle, followersCount); `actor` is a DID or a handle. */
    profile: (actor: string) => call('app.bsky.actor.getProfile', { actor }),
    /** One page of the account's posts and replies, newest first by sortAt (replies tell which threads it answered in). */
    authorFeed: (actor: string, cursor?: string) =>
      call('app.bsky.feed.getAuthorFeed', { actor, limit: deps.feedLimit ?? FEED_LIMIT, filter: 'posts_with_replies', cursor }),
    /** A post with every reply below it, no parents. */
    thread: (uri: string) => call('app.bsky.feed.getPostThread', { uri, depth: THREAD_DEPTH, parentHeight: 0 }),
  };
}
