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
