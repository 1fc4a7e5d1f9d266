import { createHmac } from 'node:crypto';

/**
 * Keyed HMAC of a resident's platform user id. The same resident gets the same key on every sync (so turns
 * and distinct authors can be counted), the raw id is never stored, and without the secret the key cannot be
 * reversed or recomputed from a guessed id.
 */
export type Pseudonymiser = (platform: string, rawUserId: string) => string;

export function makePseudonymiser(secret: string): Pseudonymiser {
  return (platform, rawUserId) =>
    'r_' + createHmac('sha256', secret).update(`author:${platform}:${rawUserId}`).digest('base64url').slice(0, 27);
}

/**
 * A pseudonymiser that remembers its last answers (up to `max` ids, then starts over): residents comment many
 * times on one Page, and an HMAC per item was a twentieth of a backfill's CPU. For one collection pass only —
 * the map holds raw ids, as the pass's platform responses do, and goes away with them.
 */
export function memoisedPseudonymiser(p: Pseudonymiser, max = 20_000): Pseudonymiser {
  const known = new Map<string, string>();
  return (platform, rawUserId) => {
    const k = `${platform}:${rawUserId}`;
    let v = known.get(k);
    if (v === undefined) {
      v = p(platform, rawUserId);
      if (known.size >= max) known.clear();
      known.set(k, v);
    }
    return v;
  };
}
