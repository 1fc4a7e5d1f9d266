import { ALNUM, BASE64URL, type Rng } from './random.js';

/**
 * Platform-realistic identifiers. Each account's ids carry a short prefix unique to that account, so the
 * server can find the account behind any object id without generating every account first.
 */

/** X's snowflake epoch (2010-11-04T01:42:54.657Z). */
const X_EPOCH = 1288834974657n;

/** A snowflake id: time in the high bits, the X account's index in the "worker" bits, a sequence in the low. */
export function snowflake(ms: number, accountIndex: number, seq: number): string {
  return (((BigInt(ms) - X_EPOCH) << 22n) | (BigInt(accountIndex & 1023) << 12n) | BigInt(seq & 4095)).toString();
}

/** The X account index encoded in a snowflake, or null when `id` is not one. */
export function snowflakeAccount(id: string): number | null {
  if (!/^\d{15,20}$/.test(id)) return null;
  return Number((BigInt(id) >> 12n) & 1023n);
}

/** Creation time encoded in a snowflake. */
export function snowflakeMs(id: string): number {
  return Number((BigInt(id) >> 22n) + X_EPOCH);
}

export const facebookUserId = (rng: Rng): string => rng.digits(17);
/** did:plc identifiers are 24 characters of base32 (a–z, 2–7). */
export const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
export const blueskyDid = (rng: Rng): string => `did:plc:${rng.chars(24, BASE32)}`;

/** Bluesky record keys are TIDs: 13 characters of base32-sortable over microseconds since 1970 and a clock id. */
const SORTABLE = '234567abcdefghijklmnopqrstuvwxyz';
export function tid(ms: number, clockId: number): string {
  let v = ((BigInt(Math.floor(ms)) * 1000n) << 10n) | BigInt(clockId & 1023);
  let s = '';
  for (let i = 0; i < 13; i++) {
    s = SORTABLE[Number(v & 31n)] + s;
    v >>= 5n;
  }
  return s;
}

/** A post's AT-URI in its author's repository. */
export const postUri = (did: string, rkey: string): string => `at://${did}/app.bsky.feed.post/${rkey}`;
export const youtubeChannelId = (rng: Rng): string => `UC${rng.chars(22, BASE64URL)}`;
export const xUserId = (rng: Rng): string => rng.digits(rng.int(9, 19));

export function token(platform: 'facebook' | 'youtube' | 'x' | 'instagram', rng: Rng): string {
  switch (platform) {
    case 'facebook':
    // An Instagram professional account is read with the token of the Page it is linked to (a Page token).
    case 'instagram':
      return `EAAG${rng.chars(116, ALNUM)}`;
    case 'youtube':
      return `AIza${rng.chars(35, BASE64URL)}`;
    case 'x':
      return `AAAAAAAAAAAAAAAAAAAAA${rng.chars(80, ALNUM)}`;
  }
}

/** Facebook ids: "{page}_{post}" for posts, "{post}_{comment}" for comments; the post number opens with the page's prefix. */
export const fbPostNumber = (prefix: string, seq: number, rng: Rng): string => `${prefix}${String(seq).padStart(5, '0')}${rng.digits(5)}`;
export const fbCommentNumber = (seq: number, rng: Rng): string => `${rng.digits(10)}${String(seq).padStart(6, '0')}`;

/** YouTube ids: 11-character video ids and 24/48-character comment ids, each with the channel's 4-char prefix. */
export const ytVideoId = (prefix: string, rng: Rng): string => `${prefix}${rng.chars(7, BASE64URL)}`;
export const ytThreadId = (prefix: string, rng: Rng): string => `Ugx${prefix}${rng.chars(10, BASE64URL)}4AaABAg`;
export const ytReplyId = (parent: string, rng: Rng): string => `${parent}.${rng.chars(22, BASE64URL)}`;

/** Instagram: the IG user id of a professional account (17841…) and a resident's Instagram-scoped id. */
export const instagramUserId = (rng: Rng): string => `17841${rng.digits(12)}`;
export const instagramScopedId = (rng: Rng): string => `${rng.pick(['25', '26', '27'])}${rng.digits(15)}`;

/**
 * Instagram media and comment ids: 17-18 digits like the real ones ("18" + 16 for media, "17" + 15 for comments),
 * the account's 6-digit prefix after the first two digits.
 */
export const igMediaId = (prefix: string, rng: Rng): string => `18${prefix.slice(2)}${rng.digits(10)}`;
export const igCommentId = (prefix: string, rng: Rng): string => `17${prefix.slice(2)}${rng.digits(9)}`;
