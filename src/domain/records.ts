/**
 * Terminology (see ../shared/INDICATORS.md for the exact definitions the indicators use)
 *
 * - Account: one monitored platform account of a municipality (a Facebook Page, a YouTube channel, an X user).
 * - Responders of an account: every account of the same municipality on the same platform.
 * - Item: a post or a comment at any depth. An owner item is authored by a responder; every other item is a
 *   citizen item.
 * - Thread: a top-level post with everything below it. Its root is the post.
 * - Branch: for a comment, the comment directly under the root that it descends from (itself when it is one).
 * - Author key: for owner items, the platform id of the authoring account (a public body, not a person); for
 *   citizen items, a keyed HMAC of the platform user id. The raw resident id is never stored.
 * - Harvest run: one collection pass of one account and stream, with calls made, items and outcome.
 * - Snapshot: engagement counts (or followers) observed at one time; counts move after publication, so they are
 *   kept as history, never overwritten.
 */

export const PLATFORMS = ['facebook', 'youtube', 'x', 'instagram', 'bluesky', 'mastodon'] as const;
export type Platform = (typeof PLATFORMS)[number];

// Which platforms have a collector is the collector registry's to say (src/collectors/registry.ts).

export type AuthorRole = 'owner' | 'citizen';
export type ItemKind = 'post' | 'comment';
export type AccountStatus = 'active' | 'paused' | 'needs_reauth' | 'error' | 'not_found' | 'suspended';

/** A registered account as stored. `id` is Lyttepost's own id (decimal string). */
export type Account = {
  id: string;
  municipalityCode: string;
  platform: Platform;
  externalId: string;
  handle: string | null;
  status: AccountStatus;
  tokenEnv: string | null;
};

/**
 * One normalised post or comment, ready for the store. Produced by a collector's pure normaliser; citizen
 * author ids are already pseudonymised and text already redacted.
 */
export type ItemRecord = {
  platform: Platform;
  externalId: string;
  accountId: string;
  kind: ItemKind;
  /** External id of the parent item; null for a top-level post. */
  parentExternalId: string | null;
  /** External id of the thread root (the top-level post); equals externalId for a post. */
  rootExternalId: string;
  authorRole: AuthorRole;
  authorKey: string;
  createdAt: Date;
  editedAt: Date | null;
  /** Set when the platform reports the item hidden (Facebook is_hidden, YouTube moderation). */
  hiddenAt: Date | null;
  /** Redacted text (personal numbers, phones and e-mail addresses replaced). */
  text: string | null;
  permalink: string | null;
};

/** Engagement counts reported by the platform at one time. null = the platform does not have that count. */
export type MetricSnapshot = {
  platform: Platform;
  externalId: string;
  capturedAt: Date;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  views: number | null;
};

export type FollowerSnapshot = { accountId: string; capturedAt: Date; followers: number };
