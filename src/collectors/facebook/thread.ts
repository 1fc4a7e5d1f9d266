import type { ItemRecord } from '../../domain/records.js';
import type { RawPage } from '../collector.js';
import { liveCtx, MAX_THREAD_PAGES, type LiveThread, type ThreadQuery, type ThreadReadDeps } from '../live-thread.js';
import { toDate } from '../contract.js';
import { COMMENT_FIELDS, makeFacebookClient } from './client.js';
import { normaliseCommentPage } from './normalise.js';

/**
 * A Graph thread: a visitor post (the post itself, hidden or not, and its comments in one call through field
 * expansion) or a comment thread under a post (its comments, oldest first).
 */
export async function readFacebookThread(q: ThreadQuery, deps: ThreadReadDeps): Promise<LiveThread> {
  const { http, now } = deps;
  const v = deps.facebookVersion;
  const client = makeFacebookClient({ http, version: v, now });
  const live: ItemRecord[] = [];
  let pages = 0;
  let rest: AsyncGenerator<RawPage<unknown>>;
  if (q.turnExternalIds.includes(q.rootExternalId)) {
    const r = await http.get(`/${v}/${q.rootExternalId}`, {
      fields: `id,created_time,is_hidden,from{id},comments.filter(stream).order(chronological).limit(100){${COMMENT_FIELDS}}`,
    });
    pages++;
    const body = (r.data ?? {}) as { id?: string; created_time?: string; is_hidden?: boolean; from?: { id?: string }; comments?: unknown };
    if (body.id) {
      const owner = body.from?.id !== undefined && q.responders.has(body.from.id);
      live.push({
        platform: 'facebook',
        externalId: body.id,
        accountId: q.accountId,
        kind: 'post',
        parentExternalId: null,
        rootExternalId: body.id,
        authorRole: owner ? 'owner' : 'citizen',
        authorKey: 'r_verify',
        createdAt: body.created_time === undefined ? q.askedAt : toDate(body.created_time),
        editedAt: null,
        hiddenAt: body.is_hidden ? now() : null,
        text: null,
        permalink: null,
      });
    }
    const n = normaliseCommentPage(body.comments ?? { data: [], paging: {} }, liveCtx(q, now()), q.rootExternalId);
    live.push(...n.items);
    const next = n.page.paging?.next;
    if (next === undefined) return { items: live, complete: true };
    // The rest of the thread from the folded page's `next` link, by Graph's paging rule.
    rest = client.commentsAfter(next);
  } else rest = client.comments(q.rootExternalId);
  for await (const page of rest) {
    pages++;
    live.push(...normaliseCommentPage(page.body, liveCtx(q, page.fetchedAt), q.rootExternalId).items);
    // At the cap the read stops before asking for the next page (which it cannot tell is there).
    if (pages >= MAX_THREAD_PAGES) return { items: live, complete: false };
  }
  return { items: live, complete: true };
}
