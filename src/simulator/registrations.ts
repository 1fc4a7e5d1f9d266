import type { NewAccount } from '../store/accounts.js';
import type { World } from './world.js';

/**
 * The world's accounts as an operator would register them against the real platforms: each Facebook Page with
 * its own Page token (read from `PAGE_TOKEN`), each Instagram professional account with its linked Page's token, YouTube channels and X accounts on the deployment-wide key and
 * bearer token.
 */
export function simulatedRegistrations(world: World): NewAccount[] {
  return world.accounts.map((a) => ({
    municipalityCode: a.municipalityCode,
    platform: a.platform,
    externalId: a.externalId,
    handle: a.handle,
    // Facebook Pages and Instagram professional accounts (read with the linked Page's token) carry their own token.
    tokenEnv: a.platform === 'facebook' ? 'PAGE_TOKEN' : a.platform === 'instagram' ? 'IG_PAGE_TOKEN' : null,
    token: a.platform === 'facebook' || a.platform === 'instagram' ? a.token : null,
  }));
}
