import type { Platform } from '../domain/records.js';
import { AppError } from '../errors.js';
import { readFacebookThread } from './facebook/thread.js';
import { readInstagramThread } from './instagram/thread.js';
import type { LiveThread, ThreadQuery, ThreadReadDeps } from './live-thread.js';
import { readXThread } from './x/thread.js';
import { readYouTubeThread } from './youtube/thread.js';

export type { LiveThread, ThreadQuery, ThreadReadDeps } from './live-thread.js';

/**
 * Platforms with a live thread reader. Bluesky has none yet: its stored ids carry residents' pseudonyms inside the
 * AT-URIs, which a re-read (constant pseudonym) cannot reproduce, so an alert on Bluesky goes out unverified.
 */
const THREAD_READER_PLATFORMS: ReadonlySet<Platform> = new Set(['facebook', 'youtube', 'x', 'instagram']);

export const hasThreadReader = (platform: Platform): boolean => THREAD_READER_PLATFORMS.has(platform);

/** Reads the thread of `q` on `platform`. */
export function readThread(platform: Platform, q: ThreadQuery, deps: ThreadReadDeps): Promise<LiveThread> {
  if (!hasThreadReader(platform)) return Promise.reject(new AppError('BAD_INPUT', `no live thread reader for ${platform}`));
  switch (platform) {
    case 'facebook':
      return readFacebookThread(q, deps);
    case 'youtube':
      return readYouTubeThread(q, deps);
    case 'instagram':
      return readInstagramThread(q, deps);
    default:
      return readXThread(q, deps);
  }
}
