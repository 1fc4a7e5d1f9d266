import { AppError } from '../../errors.js';
import type { RawPage } from '../collector.js';
import type { HttpClient } from '../http.js';

/**
 * YouTube Data API v3 calls (../shared/reference/platform-apis.md §2) and their quota cost in units: the
 * documented cost of each list method used here, and the one table the collector counts by. `search.list` is
 * absent: it is never called.
 */
export const QUOTA_COST: Readonly<Record<string, number>> = {
  channels: 1,
  playlistItems: 1,
  videos: 1,
  commentThreads: 1,
  comments: 1,
};

/** Quota units of a call to `pathOrUrl` (`/youtube/v3/<resource>…`); a resource not in QUOTA_COST is refused. */
export function quotaCost(pathOrUrl: string): number {
  const resource = /\/youtube\/v3\/([A-Za-z]+)/.exec(pathOrUrl)?.[1] ?? '';
  if (!Object.hasOwn(QUOTA_COST, resource)) {
    throw new AppError(
      'PLATFORM_CONTRACT',
      `youtube: no quota cost known for '${resource || pathOrUrl}'; Lyttepost only calls ${Object.keys(QUOTA_COST).join(', ')}`,
    );
  }
  return QUOTA_COST[resource] as number;
}

export type YouTubeClient = ReturnType<typeof makeYouTubeClient>;

export function makeYouTubeClient(deps: { http: HttpClient; now: () => Date }) {
  const get = async (resource: string, params: Record<string, string | number | undefined>): Promise<RawPage<unknown>> => {
    if (resource === 'search') throw new AppError('PLATFORM_CONTRACT', 'search.list is never used: it costs a separate 100-call bucket');
    const r = await deps.http.get(`/youtube/v3/${resource}`, params);
    return { fetchedAt: deps.now(), request: `/youtube/v3/${resource}`, body: r.data };
  };
  return {
    channel: (channelId: string) => get('channels', { part: 'contentDetails,statistics', id: channelId, maxResults: 1 }),
    playlistPage: (playlistId: string, pageToken?: string) =>
      get('playlistItems', { part: 'snippet,contentDetails', playlistId, maxResults: 50, pageToken }),
    /** Up to 50 ids per call. */
    videos: (ids: readonly string[]) => get('videos', { part: 'snippet,statistics', id: ids.join(','), maxResults: 50 }),
    channelThreadsPage: (channelId: string, pageToken?: string) =>
      get('commentThreads', {
        part: 'snippet,replies',
        allThreadsRelatedToChannelId: channelId,
        maxResults: 100,
        order: 'time',
        textFormat: 'plainText',
        pageToken,
      }),
    /** Threads of one video; a video with comments disabled has none (403 commentsDisabled is not a failure). */
    async videoThreadsPage(videoId: string, pageToken?: string): Promise<RawPage<unknown>> {
      try {
        return await get('commentThreads', {
          part: 'snippet,replies',
          videoId,
          maxResults: 100,
          order: 'time',
          textFormat: 'plainText',
          pageToken,
        });
      } catch (err) {
        if (err instanceof AppError && err.details.context?.platformCode === 'commentsDisabled') {
          return { fetchedAt: deps.now(), request: '/youtube/v3/commentThreads', body: { items: [] } };
        }
        throw err;
      }
    },
    repliesPage: (parentId: string, pageToken?: string) =>
      get('comments', { part: 'snippet', parentId, maxResults: 100, textFormat: 'plainText', pageToken }),
  };
}
