import type { Platform } from '../domain/records.js';
import { readFacebookThread } from './facebook/thread.js';
import { readInstagramThread } from './instagram/thread.js';
import type { LiveThread, ThreadQuery, ThreadReadDeps } from './live-thread.js';
import { readXThread } from './x/thread.js';
import { readYouTubeThread } from './youtube/thread.js';

export type { LiveThread, ThreadQuery, ThreadReadDeps } from './live-thread.js';

/** Reads the thread of `q` on `platform`. */
export function readThread(platform: Platform, q: ThreadQuery, deps: ThreadReadDeps): Promise<LiveThread> {
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
