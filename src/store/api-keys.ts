import { createHash, randomBytes } from 'node:crypto';

import type { Queryable } from './db.js';

/**
 * API keys (sql/0011_api_keys.sql). A key is 32 random bytes, shown once at creation as `lp_<base64url>`; only
 * its sha256 is stored, so a leaked database does not leak working keys. The same keys log in to the dashboard.
 */
export type ApiRole = 'admin' | 'sector' | 'municipality';
export const API_ROLES: readonly ApiRole[] = ['admin', 'sector', 'municipality'];

export type ApiKey = {
  id: string;
  role: ApiRole;
  /** The municipality a `municipality` key is bound to; null for the other roles. */
  municipality: string | null;
  name: string | null;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

type KeyRow = {
  id: number;
  role: ApiRole;
  municipality_code: string | null;
  name: string | null;
  key_prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

const COLUMNS = 'id, role, municipality_code, name, key_prefix, created_at, last_used_at, revoked_at';
const KEY_RE = /^lp_[A-Za-z0-9_-]{43}$/;

const toKey = (r: KeyRow): ApiKey => ({
  id: String(r.id),
  role: r.role,
  municipality: r.municipality_code,
  name: r.name,
  prefix: r.key_prefix,
  createdAt: new Date(r.created_at),
  lastUsedAt: r.last_used_at === null ? null : new Date(r.last_used_at),
  revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at),
});

export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** True when `s` has the shape of a key we issue (checked before any lookup, so junk never reaches SQL). */
export const looksLikeApiKey = (s: string): boolean => KEY_RE.test(s);

/** Creates a key and returns it with the plain key, which is never stored and cannot be shown again. */
export async function createApiKey(
  db: Queryable,
  k: { role: ApiRole; municipality: string | null; name: string | null },
  now: Date,
): Promise<{ key: string; apiKey: ApiKey }> {
  const key = `lp_${randomBytes(32).toString('base64url')}`;
  const { rows } = await db.query<KeyRow>(
    `insert into api_keys (role, municipality_code, name, key_hash, key_prefix, created_at)
     values ($1, $2, $3, $4, $5, $6)
     returning ${COLUMNS}`,
    [k.role, k.role === 'municipality' ? k.municipality : null, k.name, hashApiKey(key), key.slice(0, 9), now],
  );
  return { key, apiKey: toKey(rows[0] as KeyRow) };
}

/** The live (not revoked) key with this plain value, or null. */
export async function findActiveKey(db: Queryable, key: string): Promise<ApiKey | null> {
  if (!looksLikeApiKey(key)) return null;
  const { rows } = await db.query<KeyRow>(`select ${COLUMNS} from api_keys where key_hash = $1 and revoked_at is null`, [hashApiKey(key)]);
  return rows[0] ? toKey(rows[0]) : null;
}

/** The live key with this id (a dashboard session names its key by id, so revoking a key ends its sessions). */
export async function findActiveKeyById(db: Queryable, id: string): Promise<ApiKey | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const { rows } = await db.query<KeyRow>(`select ${COLUMNS} from api_keys where id = $1 and revoked_at is null`, [Number(id)]);
  return rows[0] ? toKey(rows[0]) : null;
}

/** A key's last use is recorded at most this often, so a busy client does not turn every read into a write on one row. */
export const KEY_USE_GRANULARITY_MS = 300_000;

/** True when a key read at `now` should have its use recorded (its stored last use is older than the granularity). */
export const keyUseIsStale = (key: Pick<ApiKey, 'lastUsedAt'>, now: Date, granularityMs = KEY_USE_GRANULARITY_MS): boolean =>
  key.lastUsedAt === null || key.lastUsedAt.getTime() < now.getTime() - granularityMs;

/** Records use at most once per `granularityMs` per key (the condition also holds when two requests race). */
export async function touchApiKey(db: Queryable, id: string, now: Date, granularityMs = KEY_USE_GRANULARITY_MS): Promise<void> {
  await db.query(
    `update api_keys set last_used_at = $2
     where id = $1 and (last_used_at is null or last_used_at < $3)`,
    [Number(id), now, new Date(now.getTime() - granularityMs)],
  );
}

export async function listApiKeys(db: Queryable): Promise<ApiKey[]> {
  const { rows } = await db.query<KeyRow>(`select ${COLUMNS} from api_keys order by id`);
  return rows.map(toKey);
}

/** Revokes a key; returns false when no such live key exists. */
export async function revokeApiKey(db: Queryable, id: string, now: Date): Promise<boolean> {
  if (!/^\d{1,18}$/.test(id)) return false;
  const { rowCount } = await db.query('update api_keys set revoked_at = $2 where id = $1 and revoked_at is null', [Number(id), now]);
  return rowCount > 0;
}
