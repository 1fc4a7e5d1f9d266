import type { NewAccount } from '../store/accounts.js';
import type { World } from './world.js';

/**
 * The world's accounts as an operator would register them against the real platforms: each Facebook Page with
 * its own Page token (read from `PAGE_TOKEN`), YouTube channels and X accounts on the deployment-wide key and
 * bearer token.
 */
export function simulatedRegistrations(world: World): NewAccount[] {
  return world.accounts.map((a) => ({
    municipalityCode: a.municipalityCode,
    platform: a.platform,
    externalId: a.externalId,
    handle: a.handle,
    tokenEnv: a.platform === 'facebook' ? 'PAGE_TOKEN' : null,
    token: a.platform === 'facebook' ? a.token : null,
  }));
}
