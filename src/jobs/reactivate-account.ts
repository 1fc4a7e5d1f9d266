import type { Config } from '../../config/env.js';
import { checkAccess, type CheckAccessDeps } from '../collectors/check-access.js';
import { deploymentTokenVar, pickToken, type TokenSource } from '../collectors/token.js';
import type { Account } from '../domain/records.js';
import { AppError } from '../errors.js';
import type { TokenCipher } from '../privacy/token-cipher.js';
import { readCredential, setAccountStatus } from '../store/accounts.js';
import type { Db, Queryable } from '../store/db.js';

/** Statuses a working token brings back to `active` (a `paused` account stays paused until the operator says so). */
export const RECOVERABLE_STATUSES: ReadonlySet<Account['status']> = new Set(['needs_reauth', 'error']);

export type ReactivateDeps = Omit<CheckAccessDeps, 'cfg'> & { db: Db; cipher: TokenCipher; cfg: Config };

/**
 * Proves that the account can be read again before it is collected again: one check call (checkAccess) with
 * `newToken` when the operator gives one, else the token the collector would use (the account's own, then the
 * deployment-wide one). Throws the platform's error (PLATFORM_AUTH when it still refuses the token) and changes
 * nothing then. Does not write: the caller stores a new token and the `active` status in one transaction
 * (markActive) once this resolved.
 */
export async function checkRecovery(account: Account, newToken: string | null, deps: ReactivateDeps): Promise<TokenSource> {
  const own = newToken ?? (await readCredential(deps.db, deps.cipher, account.id));
  const token = pickToken(own, deps.cfg, account.platform);
  if (!token) {
    throw new AppError(
      'PLATFORM_AUTH',
      `account ${account.id} has no ${account.platform} token: give one with \`accounts add … --token-env <VAR>\`${deploymentTokenVar(account.platform) === null ? '' : ` or set ${deploymentTokenVar(account.platform)}`}`,
    );
  }
  try {
    await checkAccess(account, token.token, deps);
  } catch (err) {
    if (err instanceof AppError) {
      throw new AppError(err.code, `account ${account.id} stays ${account.status}: the check call failed: ${err.message}`, {
        ...err.details,
        cause: err,
      });
    }
    throw err;
  }
  return token.source;
}

/** The account is collected again from its next slot (or `sync`). */
export function markActive(db: Queryable, accountId: string, now: Date): Promise<void> {
  return setAccountStatus(db, accountId, 'active', null, now);
}
