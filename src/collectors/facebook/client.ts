import type { RawPage } from '../collector.js';
import { makeGraphPager } from '../graph-paging.js';
import type { HttpClient } from '../http.js';

/**
 * Graph API listings as generators of raw pages, paged by Graph's rule (../graph-paging.ts); the bodies are
 * checked and normalised in normalise.ts. Paths follow ../shared/reference/platform-apis.md §1.
 */
// `message_tags` (who is @-tagged, with names) is not requested: the names would only be thrown away, and
// scrubText removes tagged names from the text without them.
export const POST_FIELDS = [
  'id',
  'message',
  'created_time',
  'updated_time',
  'permalink_url',
  'from{id,name}',
  'is_hidden',
  'is_published',
  'shares',
  'reactions.limit(0).summary(total_count)',
  'comments.filter(stream).limit(0).summary(true)',
].join(',');

export const COMMENT_FIELDS = [
  'id',
  'message',
  'created_time',
  'from{id,name}',
  'parent{id}',
  'like_count',
  'comment_count',
  'is_hidden',
  'permalink_url',
].join(',');

/** Graph's documented maximum for feed listings; also used for comments. */
export const GRAPH_PAGE_SIZE = 100;

/**
 * POST_FIELDS with each post's first page of comments (all depths, oldest first) folded into the listing by
 * field expansion (platform-apis.md §1.8): a backfill then needs a comment call only for a thread longer than
 * one page, instead of one per thread. The total stays in `summary`.
 */
export const postFieldsWithComments = (limit: number) =>
  POST_FIELDS.replace(
    'comments.filter(stream).limit(0).summary(true)',
    `comments.filter(stream).order(chronological).limit(${limit}).summary(true){${COMMENT_FIELDS}}`,
  );

export type FacebookClient = ReturnType<typeof makeFacebookClient>;

export function makeFacebookClient(deps: { http: HttpClient; version: string; now: () => Date; pageSize?: number }) {
  const v = deps.version;
  const limit = deps.pageSize ?? GRAPH_PAGE_SIZE;
  const pages = makeGraphPager({ http: deps.http, now: deps.now, platform: 'facebook' });

  return {
    /** Page fields: follower count. One call. */
    async pageInfo(pageId: string): Promise<RawPage<unknown>> {
      const path = `/${v}/${pageId}`;
      const r = await deps.http.get(path, { fields: 'id,followers_count,fan_count' });
      return { fetchedAt: deps.now(), request: path, body: r.data };
    },
    /**
     * The Page feed (own posts + visitor posts) with engagement summaries, newest first, created in
     * [since, until]. One call per `limit` posts.
     */
    feed(pageId: string, since: Date, until: Date, opts: { withComments?: boolean } = {}): AsyncGenerator<RawPage<unknown>> {
      return pages(
        `/${v}/${pageId}/feed`,
        {
          fields: opts.withComments ? postFieldsWithComments(limit) : POST_FIELDS,
          since: Math.floor(since.getTime() / 1000),
          until: Math.ceil(until.getTime() / 1000),
          limit,
        },
        'post listing',
      );
    },
    /** The rest of a comment listing from its `paging.next` link (it carries every parameter). */
    commentsAfter(next: string): AsyncGenerator<RawPage<unknown>> {
      return pages(next, undefined, 'comment listing');
    },
    /** Every comment of a post at every depth, oldest first (`filter=stream`, `parent` gives the tree). */
    comments(postId: string): AsyncGenerator<RawPage<unknown>> {
      return pages(
        `/${v}/${postId}/comments`,
        { filter: 'stream', order: 'chronological', fields: COMMENT_FIELDS, limit },
        'comment listing',
      );
    },
  };
}
