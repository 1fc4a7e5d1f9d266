import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { AppError } from '../errors.js';
import type { Queryable } from '../store/db.js';
import { findActiveKey, findActiveKeyById, touchApiKey, type ApiKey, type ApiRole } from '../store/api-keys.js';

/**
 * Who is asking, and what they may see. API clients send `Authorization: Bearer <key>`; the dashboard logs in
 * with the same key once and then carries a signed session cookie that names the key by id (so revoking the
 * key ends its sessions at the next request). Rules (DESIGN.md, residents' data):
 * - admin sees everything, including harvest health;
 * - sector (KS) sees aggregates only: county and sector scopes, municipality figures with small-group
 *   suppression, never comment text or per-question data;
 * - municipality sees only its own municipality (plus the suppressed county and sector aggregates it is
 *   compared with).
 */
export type Principal = { keyId: string; role: ApiRole; municipality: string | null };

export const SESSION_COOKIE = 'lp_session';
/** How long a dashboard login lasts. @default 8 hours */
export const SESSION_TTL_MS = 8 * 3600_000;

/** The cookie-signing key: HKDF-SHA256 of LYTTEPOST_SECRET with its own label, so it never equals the token key. */
export function sessionKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'lyttepost', 'dashboard-session-v1', 32));
}

const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

/** `<key id>.<expiry unix seconds>.<hmac>`: no secret inside, only a reference the server re-checks. */
export function makeSessionValue(key: Buffer, keyId: string, expiresAt: Date): string {
  const payload = `${keyId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${sign(key, payload)}`;
}

/** The key id of a well-signed, unexpired session value, or null. */
export function verifySessionValue(key: Buffer, value: string, now: Date): string | null {
  if (value.length > 200) return null;
  const m = /^([0-9]{1,18})\.([0-9]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!m) return null;
  const [, id, exp, mac] = m as unknown as [string, string, string, string];
  const expected = Buffer.from(sign(key, `${id}.${exp}`));
  const got = Buffer.from(mac);
  if (expected.length !== got.length || !timingSafeEqual(expected, got)) return null;
  if (Number(exp) * 1000 <= now.getTime()) return null;
  return id;
}

/** Parses a Cookie header into name → value (first occurrence wins; values are not URL-decoded: ours never need it). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header || header.length > 8192) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    const name = i < 0 ? '' : part.slice(0, i).trim();
    if (name === '') continue;
    let value = part.slice(i + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

/** A Set-Cookie value for the session: HttpOnly, SameSite=Lax, Path=/, Secure over HTTPS. */
export function sessionCookie(value: string, opts: { maxAgeSeconds: number; secure: boolean }): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    `Max-Age=${opts.maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(opts.secure ? ['Secure'] : []),
  ].join('; ');
}

const toPrincipal = (k: ApiKey): Principal => ({ keyId: k.id, role: k.role, municipality: k.municipality });

export type AuthContext = { db: Queryable; sessionKey: Buffer; now: () => Date };

/**
 * The caller of a request: a bearer key wins over a cookie; a bearer header that is present but wrong is an
 * error (401) rather than a silent fall-back to the cookie. Returns null when neither is present.
 */
export async function authenticate(req: FastifyRequest, ctx: AuthContext): Promise<Principal | null> {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer ([^\s]{1,200})$/.exec(header);
    const key = m ? await findActiveKey(ctx.db, m[1] as string) : null;
    if (!key) throw new AppError('UNAUTHORIZED', 'invalid or revoked API key');
    void touchApiKey(ctx.db, key.id, ctx.now()).catch(() => {});
    return toPrincipal(key);
  }
  const cookie = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
  if (cookie === undefined) return null;
  const id = verifySessionValue(ctx.sessionKey, cookie, ctx.now());
  const key = id === null ? null : await findActiveKeyById(ctx.db, id);
  return key ? toPrincipal(key) : null;
}

/** Logs a key in: returns the Set-Cookie value, or null for a wrong or revoked key. */
export async function login(
  ctx: AuthContext,
  plainKey: string,
  opts: { secure: boolean; ttlMs?: number },
): Promise<{ cookie: string; principal: Principal } | null> {
  const key = await findActiveKey(ctx.db, plainKey.trim());
  if (!key) return null;
  const ttl = opts.ttlMs ?? SESSION_TTL_MS;
  const value = makeSessionValue(ctx.sessionKey, key.id, new Date(ctx.now().getTime() + ttl));
  void touchApiKey(ctx.db, key.id, ctx.now()).catch(() => {});
  return { cookie: sessionCookie(value, { maxAgeSeconds: Math.floor(ttl / 1000), secure: opts.secure }), principal: toPrincipal(key) };
}

export const logoutCookie = (secure: boolean): string => sessionCookie('', { maxAgeSeconds: 0, secure });

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The caller, or 401. */
export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('UNAUTHORIZED', 'an API key is required (Authorization: Bearer <key>)');
  return req.principal;
}

/** The caller if their role is one of `roles`, else 403. */
export function requireRole(req: FastifyRequest, ...roles: ApiRole[]): Principal {
  const p = requirePrincipal(req);
  if (!roles.includes(p.role)) throw new AppError('FORBIDDEN', `this resource is not available to the ${p.role} role`);
  return p;
}

/**
 * May `p` see municipality-level data of `code`? Municipality keys only their own; the answer for another
 * code is the same 403 whether or not it exists, so codes cannot be probed.
 */
export function assertMunicipality(p: Principal, code: string): void {
  if (p.role === 'municipality' && p.municipality !== code) {
    throw new AppError('FORBIDDEN', 'this key may only read its own municipality');
  }
}

/** Whether `p` receives the sector role's suppressed view of a figure (everyone but admin). */
export const seesSuppressed = (p: Principal): boolean => p.role !== 'admin';

export const isHttps = (req: FastifyRequest): boolean => req.protocol === 'https';

/** Sends no cache headers for anything that depends on who asks. */
export const noStore = (reply: FastifyReply): FastifyReply => reply.header('cache-control', 'no-store');
