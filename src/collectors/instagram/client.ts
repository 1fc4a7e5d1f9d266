import type { RawPage } from '../collector.js';
import { makeGraphPager } from '../graph-paging.js';
import type { HttpClient } from '../http.js';

/**
 * Instagram Graph API (professional accounts, Facebook Login flavour) paging as generators of raw pages, on the
 * Graph origin and version (platform-apis.md §4). Paging is Graph's (../graph-paging.ts).
 */

/** The account's own fields: the username tells the account's own comments apart (from.id is Instagram-scoped). */
export const PROFILE_FIELDS = 'id,username,followers_count,media_count';

export const MEDIA_FIELDS = [
  'id',
  'caption',
  'media_type',
  'media_product_type',
  'permalink',
  'timestamp',
  'username',
  'like_count',
  'comments_count',
].join(',');

/** A comment's fields. `from{id,username}`: the Instagram-scoped id the resident is pseudonymised by. */
export const COMMENT_FIELDS = ['id', 'text', 'timestamp', 'username', 'from{id,username}', 'like_count', 'hidden', 'parent_id'].join(',');

/** Comments come top-level only unless `replies` is expanded: replies (one level) ride along inline. */
export const commentFieldsWithReplies = (limit: number) => `${COMMENT_FIELDS},replies.limit(${limit}){${COMMENT_FIELDS}}`;

/** "Max 50 comments per query" (platform-apis.md §4.2); also used for media pages. */
export const IG_PAGE_SIZE = 50;

/**
 * Media with their first page of comments (and those comments' replies) folded in by field expansion: Instagram
 * media have no `updated_time`, so a new, hidden or deleted comment shows only in the comments themselves. The
 * listing carries them for the price of the listing; a comment call is made only for a thread longer than a page.
 */
export const mediaFieldsWithComments = (limit: number) => `${MEDIA_FIELDS},comments.limit(${limit}){${commentFieldsWithReplies(limit)}}`;

export type InstagramClient = ReturnType<typeof makeInstagramClient>;

export function makeInstagramClient(deps: { http: HttpClient; version: string; now: () => Date; pageSize?: number }) {
  const v = deps.version;
  const limit = deps.pageSize ?? IG_PAGE_SIZE;
  const pages = makeGraphPager({ http: deps.http, now: deps.now, platform: 'instagram' });

  return {
    /** The IG user's own fields (username, followers). One call. */
    async profile(igUserId: string): Promise<RawPage<unknown>> {
      const path = `/${v}/${igUserId}`;
      const r = await deps.http.get(path, { fields: PROFILE_FIELDS });
      return { fetchedAt: deps.now(), request: path, body: r.data };
    },
    /** The account's media created in [since, until], newest first, with like and comment counts. */
    media(igUserId: string, since: Date, until: Date): AsyncGenerator<RawPage<unknown>> {
      return pages(
        `/${v}/${igUserId}/media`,
        {
          fields: mediaFieldsWithComments(Math.min(limit, IG_PAGE_SIZE)),
          since: Math.floor(since.getTime() / 1000),
          until: Math.ceil(until.getTime() / 1000),
          limit,
        },
        'media listing',
      );
    },
    /** A medium's top-level comments, each with its replies inline. */
    comments(mediaId: string): AsyncGenerator<RawPage<unknown>> {
      return pages(
        `/${v}/${mediaId}/comments`,
        { fields: commentFieldsWithReplies(Math.min(limit, IG_PAGE_SIZE)), limit: Math.min(limit, IG_PAGE_SIZE) },
        'comment listing',
      );
    },
    /** The rest of a comment listing from its `paging.next` link (it carries every parameter). */
    commentsAfter(next: string): AsyncGenerator<RawPage<unknown>> {
      return pages(next, undefined, 'comment listing');
    },
    /** The replies of one comment, for a comment whose inline replies did not fit in one page. */
    replies(commentId: string): AsyncGenerator<RawPage<unknown>> {
      return pages(`/${v}/${commentId}/replies`, { fields: COMMENT_FIELDS, limit: Math.min(limit, IG_PAGE_SIZE) }, 'reply listing');
    },
  };
}
