import type { ItemRecord } from '../../domain/records.js';
import { liveCtx, MAX_THREAD_PAGES, type LiveThread, type ThreadQuery, type ThreadReadDeps } from '../live-thread.js';
import { makeXClient } from './client.js';
import { normaliseXPage } from './normalise.js';

/**
 * Recent search over the conversation (7 days, which is also an alert's lifetime); a turn item the search did
 * not return is looked up by id, since search results may lag behind deletions and new posts.
 */
export async function readXThread(q: ThreadQuery, deps: ThreadReadDeps): Promise<LiveThread> {
  const client = makeXClient({ http: deps.http, now: deps.now });
  const live: ItemRecord[] = [];
  let pages = 0;
  for await (const page of client.search(`conversation_id:${q.rootExternalId}`)) {
    pages++;
    live.push(...normaliseXPage(page.body, liveCtx(q, page.fetchedAt), 'search').items);
    if (pages >= MAX_THREAD_PAGES) return { items: live, complete: false };
  }
  const seen = new Set(live.map((i) => i.externalId));
  const missing = q.turnExternalIds.filter((id) => !seen.has(id));
  if (missing.length > 0) {
    const p = await client.lookup(missing);
    live.push(...normaliseXPage(p.body, liveCtx(q, p.fetchedAt), 'lookup').items);
  }
  return { items: live, complete: true };
}
