import { liveCtx, MAX_THREAD_PAGES, type LiveThread, type ThreadQuery, type ThreadReadDeps } from '../live-thread.js';
import { makeYouTubeClient } from './client.js';
import { normaliseReplyPage, normaliseThreadPage } from './normalise.js';

/**
 * A YouTube branch is a comment thread: commentThreads.list?id= (1 unit) returns the top-level comment with up
 * to 5 replies inline; comments.list?parentId= (1 unit per 100) only when the thread has more.
 */
export async function readYouTubeThread(q: ThreadQuery, deps: ThreadReadDeps): Promise<LiveThread> {
  const { http, now } = deps;
  const r = await http.get('/youtube/v3/commentThreads', { part: 'snippet,replies', id: q.branchExternalId, textFormat: 'plainText' });
  const t = normaliseThreadPage(r.data, liveCtx(q, now()));
  const info = t.threads[0];
  if (!info) return { items: [], complete: true };
  const live = [...t.items];
  if (info.totalReplyCount > info.inlineReplies) {
    const client = makeYouTubeClient({ http, now });
    const inline = new Set(live.map((i) => i.externalId));
    let token: string | undefined;
    let pages = 1;
    do {
      if (pages >= MAX_THREAD_PAGES) return { items: live, complete: false };
      const p = await client.repliesPage(q.branchExternalId, token);
      pages++;
      const n = normaliseReplyPage(p.body, liveCtx(q, p.fetchedAt), info.videoId, q.branchExternalId);
      for (const it of n.items) if (!inline.has(it.externalId)) live.push(it);
      token = n.next;
    } while (token);
  }
  return { items: live, complete: true };
}
