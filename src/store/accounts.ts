import type { Account, AccountStatus, Platform } from '../domain/records.js';
import type { TokenCipher } from '../privacy/token-cipher.js';
import type { Queryable } from './db.js';

export type NewAccount = {
  municipalityCode: string;
  platform: Platform;
  externalId: string;
  handle: string | null;
  tokenEnv: string | null;
  /** Plain token read from tokenEnv at registration; stored encrypted. */
  token: string | null;
};

export type AccountRow = {
  id: number;
  municipality_code: string;
  platform: Platform;
  external_id: string;
  handle: string | null;
  status: AccountStatus;
  token_env: string | null;
};

const COLUMNS = 'id, municipality_code, platform, external_id, handle, status, token_env';

export function toAccount(r: AccountRow): Account {
  return {
    id: String(r.id),
    municipalityCode: r.municipality_code,
    platform: r.platform,
    externalId: r.external_id,
    handle: r.handle,
    status: r.status,
    tokenEnv: r.token_env,
  };
}

/**
 * Registers accounts (or refreshes handle/token of known ones) in one statement per batch; returns them with
 * `created` telling new from known. Run inside a transaction for all-or-nothing imports.
 */
export async function upsertAccounts(
  db: Queryable,
  cipher: TokenCipher,
  accounts: readonly NewAccount[],
  now: Date,
): Promise<Array<Account & { created: boolean }>> {
  if (accounts.length === 0) return [];
  const { rows } = await db.query<AccountRow & { created: boolean }>(
    `insert into accounts (municipality_code, platform, external_id, handle, token_env, created_at, updated_at)
     select a.municipality_code, a.platform, a.external_id, a.handle, a.token_env, $2, $2
     from jsonb_to_recordset($1::jsonb)
       as a(municipality_code text, platform text, external_id text, handle text, token_env text)
     on conflict (platform, external_id) do update
       set handle = coalesce(excluded.handle, accounts.handle),
           token_env = coalesce(excluded.token_env, accounts.token_env),
           municipality_code = excluded.municipality_code,
           updated_at = excluded.updated_at
     returning ${COLUMNS}, (xmax = 0) as created`,
    [
      JSON.stringify(
        accounts.map((a) => ({
          municipality_code: a.municipalityCode,
          platform: a.platform,
          external_id: a.externalId,
          handle: a.handle,
          token_env: a.tokenEnv,
        })),
      ),
      now,
    ],
  );
  const withToken = accounts.filter((a) => a.token !== null);
  if (withToken.length > 0) {
    const idByKey = new Map(rows.map((r) => [`${r.platform}:${r.external_id}`, r.id]));
    await db.query(
      `insert into credentials (account_id, ciphertext, updated_at)
       select c.account_id, c.ciphertext, $2 from jsonb_to_recordset($1::jsonb) as c(account_id bigint, ciphertext text)
       on conflict (account_id) do update set ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
      [
        JSON.stringify(
          withToken.map((a) => ({
            account_id: idByKey.get(`${a.platform}:${a.externalId}`),
            ciphertext: cipher.encrypt(a.token as string),
          })),
        ),
        now,
      ],
    );
  }
  return rows.map((r) => ({ ...toAccount(r), created: r.created }));
}

export type AccountFilter = {
  ids?: readonly string[];
  platform?: Platform;
  municipality?: string;
  status?: AccountStatus;
};

export async function listAccounts(db: Queryable, filter: AccountFilter = {}): Promise<Account[]> {
  const { rows } = await db.query<AccountRow>(
    `select ${COLUMNS} from accounts
     where ($1::bigint[] is null or id = any($1::bigint[]))
       and ($2::text is null or platform = $2)
       and ($3::text is null or municipality_code = $3)
       and ($4::text is null or status = $4)
     order by municipality_code, platform, id`,
    [filter.ids ? filter.ids.map(Number) : null, filter.platform ?? null, filter.municipality ?? null, filter.status ?? null],
  );
  return rows.map(toAccount);
}

export async function getAccount(db: Queryable, id: string): Promise<Account | null> {
  if (!/^\d+$/.test(id)) return null;
  const [a] = await listAccounts(db, { ids: [id] });
  return a ?? null;
}

/** Finds an account by Lyttepost id, by `platform:external_id`, or by a unique external id or handle. */
export async function findAccount(db: Queryable, ref: string): Promise<Account[]> {
  const byId = await getAccount(db, ref);
  if (byId) return [byId];
  const m = /^([a-z]+):(.+)$/.exec(ref);
  const { rows } = await db.query<AccountRow>(
    `select ${COLUMNS} from accounts
     where ($1::text is not null and platform = $1 and external_id = $2)
        or ($1::text is null and (external_id = $3 or handle = $3))
     order by id`,
    [m?.[1] ?? null, m?.[2] ?? null, ref],
  );
  return rows.map(toAccount);
}

export async function setAccountStatus(db: Queryable, id: string, status: AccountStatus, reason: string | null, now: Date): Promise<void> {
  await db.query('update accounts set status = $2, status_reason = $3, updated_at = $4 where id = $1', [Number(id), status, reason, now]);
}

/** The account's own token, decrypted; null when it has none (deployment-wide credentials apply then). */
export async function readCredential(db: Queryable, cipher: TokenCipher, accountId: string): Promise<string | null> {
  const { rows } = await db.query<{ ciphertext: string }>('select ciphertext from credentials where account_id = $1', [Number(accountId)]);
  return rows[0] ? cipher.decrypt(rows[0].ciphertext) : null;
}

/** Responders of an account: every account of the same municipality on the same platform (INDICATORS.md). */
export async function listResponderIds(db: Queryable, accountId: string): Promise<string[]> {
  const { rows } = await db.query<{ external_id: string }>(
    `select r.external_id from accounts a
     join accounts r on r.municipality_code = a.municipality_code and r.platform = a.platform
     where a.id = $1 order by r.id`,
    [Number(accountId)],
  );
  return rows.map((r) => r.external_id);
}

export async function listMunicipalityCodes(db: Queryable): Promise<Set<string>> {
  const { rows } = await db.query<{ code: string }>('select code from municipalities');
  return new Set(rows.map((r) => r.code));
}
