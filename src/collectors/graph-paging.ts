import { z } from 'zod';

import type { RawPage } from './collector.js';
import { parseBody } from './contract.js';
import type { HttpClient, QueryParams } from './http.js';

/**
 * Graph API list paging, the one rule for Facebook Pages and Instagram professional accounts
 * (../shared/reference/platform-apis.md §1, §4): a list page carries `paging.next`, a full URL with every
 * parameter and the `after` cursor, on every page but the last. The last page has no `next` (its `cursors` may
 * still be there; they are not followed). Pages are yielded raw; the normalisers check their items.
 */
export type GraphPlatform = 'facebook' | 'instagram';

/** The `paging` block of a Graph list page (and of a list folded into another object by field expansion). */
export const GraphPaging = z
  .object({ next: z.string().optional(), cursors: z.object({ after: z.string().optional() }).optional() })
  .optional();

const PagingOf = z.object({ paging: GraphPaging });

/**
 * The link to the page after `body`, or undefined on the last page. A `paging` of another shape is a
 * PLATFORM_CONTRACT error naming the field, as the normalisers report it: a listing read "to its end" marks
 * what it did not see as deleted, so it must never end silently on a page it could not read.
 */
export function nextPageOf(body: unknown, platform: GraphPlatform, what: string): string | undefined {
  return parseBody(PagingOf, body, platform, what).paging?.next;
}

/** The path of a request (no origin, no query: the query of a `next` link carries the token's neighbours). */
const requestPath = (url: string): string => url.replace(/^https?:\/\/[^/]+/, '').split('?')[0] ?? url;

export type GraphPager = (first: string, params: QueryParams | undefined, what: string) => AsyncGenerator<RawPage<unknown>>;

/**
 * A pager over one platform's Graph list edges: from `first` (a path with `params`, or a `next` link that
 * already carries every parameter) to the last page. `what` names the listing in a contract error.
 */
export function makeGraphPager(deps: { http: HttpClient; now: () => Date; platform: GraphPlatform }): GraphPager {
  return async function* pages(first, params, what) {
    let url: string | undefined = first;
    let query = params;
    while (url) {
      const r = await deps.http.get(url, query);
      yield { fetchedAt: deps.now(), request: requestPath(url), body: r.data };
      url = nextPageOf(r.data, deps.platform, what);
      query = undefined; // a `next` link carries every parameter already
    }
  };
}
