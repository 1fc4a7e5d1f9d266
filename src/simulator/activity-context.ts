import type { ItemWriter } from './activity-items.js';
import type { Rng } from './random.js';
import type { CommentKind } from './texts.js';
import type { AccountSpec, Citizen, SimItem, SimPlatform } from './world.js';

/** What the parts of one account's activity generator share (see activity.ts). */

export const MIN = 60_000;
export const HOUR = 3_600_000;

export type Author = { role: 'owner' | 'citizen'; id: string; name: string; handle: string; citizen: Citizen | null };

export type Branch = {
  root: SimItem;
  /** The comment directly under the root (null until the first comment); for a citizen post, the root. */
  top: SimItem | null;
  lastTime: number;
};

export type Turn = { first: SimItem; last: SimItem; author: Author; kind: CommentKind; needsAnswer: boolean; pii: boolean };

/** One account's generator state: its random stream, its people, and where new items go. */
export type ActivityContext = {
  readonly rng: Rng;
  readonly spec: AccountSpec;
  readonly platform: SimPlatform;
  readonly pool: Citizen[];
  readonly owner: Author;
  readonly otherResponders: Author[];
  readonly writer: ItemWriter;
};

export function ownerAuthor(spec: AccountSpec): Author {
  const a = spec.account;
  return {
    role: 'owner',
    id: a.externalId,
    // YouTube and Instagram comments show the account's handle / username, not its display name.
    name: a.platform === 'youtube' || a.platform === 'instagram' ? a.handle : a.name,
    handle: a.platform === 'facebook' ? '' : a.handle,
    citizen: null,
  };
}

export const seconds = (ms: number): number => Math.floor(ms / 1000) * 1000;
