import type { ItemRecord } from '../../domain/records.js';
import { liveCtx, MAX_THREAD_PAGES, type LiveThread, type ThreadQuery, type ThreadReadDeps } from '../live-thread.js';
import { makeInstagramClient } from './client.js';
import { normaliseCommentPage, normaliseProfile, normaliseReplyPage } from './normalise.js';

/** An Instagram thread: the account's username (1 call), then the medium's comments with their replies (and a comment's further reply pages). */
export async function readInstagramThread(q: ThreadQuery, deps: ThreadReadDeps): Promise<LiveThread> {
  const client = makeInstagramClient({ http: deps.http, version: deps.facebookVersion, now: deps.now });
  const live: ItemRecord[] = [];
  // The account's own comments are told apart by username (from.id is Instagram-scoped): one call for it.
  const profile = await client.profile(q.accountExternalId);
  const own = [normaliseProfile(profile.body, liveCtx(q, profile.fetchedAt)).username ?? ''].filter((u) => u !== '');
  let pages = 1;
  for await (const page of client.comments(q.rootExternalId)) {
    pages++;
    const n = normaliseCommentPage(page.body, liveCtx(q, page.fetchedAt), q.rootExternalId, own);
    live.push(...n.items);
    for (const o of n.overflow.filter((x) => x.commentId === q.branchExternalId)) {
      for await (const rp of client.replies(o.commentId)) {
        pages++;
        live.push(...normaliseReplyPage(rp.body, liveCtx(q, rp.fetchedAt), q.rootExternalId, o.commentId, own).items);
        if (pages >= MAX_THREAD_PAGES) return { items: live, complete: false };
      }
    }
    if (pages >= MAX_THREAD_PAGES) return { items: live, complete: false };
  }
  return { items: live, complete: true };
}
