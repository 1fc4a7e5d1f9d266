import type { Config } from '../../config/env.js';
import type { Account } from '../domain/records.js';
import type { TokenCipher } from '../privacy/token-cipher.js';
import type { Queryable } from '../store/db.js';
import { readCredential } from '../store/accounts.js';

export type TokenSource = 'account' | 'deployment';

/**
 * The token a collector uses for an account: the account's own encrypted credential first, then the
 * deployment-wide one (`YOUTUBE_API_KEY`, `X_BEARER_TOKEN`). Facebook has no deployment-wide token: Page data
 * needs the Page's own token. Bluesky needs none (public AppView). Returns null when there is none.
 */
export async function resolveToken(
  db: Queryable,
  cipher: TokenCipher,
  cfg: Pick<Config, 'YOUTUBE_API_KEY' | 'X_BEARER_TOKEN'>,
  account: Pick<Account, 'id' | 'platform'>,
): Promise<{ token: string; source: TokenSource } | null> {
  return pickToken(await readCredential(db, cipher, account.id), cfg, account.platform);
}

/** The account's own (decrypted) token if it has one, else the deployment-wide one of its platform. */
export function pickToken(
  own: string | null,
  cfg: Pick<Config, 'YOUTUBE_API_KEY' | 'X_BEARER_TOKEN'>,
  platform: Account['platform'],
): { token: string; source: TokenSource } | null {
  if (own) return { token: own, source: 'account' };
  // The Bluesky AppView is read without credentials: an empty token, never sent.
  if (platform === 'bluesky') return { token: '', source: 'deployment' };
  const v = deploymentTokenVar(platform);
  const shared = v === null ? undefined : cfg[v];
  return shared ? { token: shared, source: 'deployment' } : null;
}

/**
 * The deployment-wide credential variable of a platform, or null when an account needs its own token (Facebook
 * Pages and Instagram professional accounts read with the Page's token).
 */
export function deploymentTokenVar(platform: Account['platform']): 'YOUTUBE_API_KEY' | 'X_BEARER_TOKEN' | null {
  return platform === 'youtube' ? 'YOUTUBE_API_KEY' : platform === 'x' ? 'X_BEARER_TOKEN' : null;
}
