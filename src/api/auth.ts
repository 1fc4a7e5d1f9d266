import { hkdfSync } from 'node:crypto';

import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Queryable } from '../store/db.js';
import { findActiveKey, findActiveKeyById, keyUseIsStale, touchApiKey, type ApiKey, type ApiRole } from '../store/api-keys.js';

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

/**
 * Signed cookies by @fastify/cookie (HMAC-SHA256 with the session key). Its parsing hook is off: the
 * principal is resolved in the app's own onRequest hook, which reads the one cookie it needs.
 */
export function registerSessionCookie(app: FastifyInstance, secret: string): void {
  void app.register(fastifyCookie, { secret: sessionKey(secret), hook: false });
}

/** The signed payload, `<key id>.<expiry unix seconds>`: no secret inside, only a reference the server re-checks. */
export const sessionPayload = (keyId: string, expiresAt: Date): string => `${keyId}.${Math.floor(expiresAt.getTime() / 1000)}`;

/** The key id of an unexpired payload (its signature already checked), or null. */
export function sessionKeyId(payload: string, now: Date): string | null {
  const m = /^([0-9]{1,18})\.([0-9]{1,12})$/.exec(payload);
  if (!m || Number(m[2]) * 1000 <= now.getTime()) return null;
  return m[1] as string;
}

/** The session's key id from a request's signed cookie, or null when absent, tampered with or expired. */
export function sessionFromRequest(req: FastifyRequest, now: Date): string | null {
  const raw = req.server.parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];
  if (raw === undefined) return null;
  const { valid, value } = req.unsignCookie(raw);
  return valid && value !== null ? sessionKeyId(value, now) : null;
}

/** Sets the session cookie: signed, HttpOnly, SameSite=Lax, Path=/, Secure over HTTPS. `ttlMs` 0 clears it. */
export function setSessionCookie(reply: FastifyReply, payload: string, opts: { ttlMs: number; secure: boolean }): FastifyReply {
  return reply.setCookie(SESSION_COOKIE, payload, {
    signed: true,
    path: '/',
    maxAge: Math.floor(opts.ttlMs / 1000),
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secure,
  });
}

const toPrincipal = (k: ApiKey): Principal => ({ keyId: k.id, role: k.role, municipality: k.municipality });

export type AuthContext = { db: Queryable; now: () => Date; log: Logger };

/**
 * Records a key's last use without holding up the request; a failure is logged, never the request's problem.
 * The key as just read says whether its stored use is recent enough: then no statement is sent at all (a busy
 * dashboard or script would otherwise send one per request; the sector trend's latency goal felt it).
 */
function touchInBackground(ctx: AuthContext, key: ApiKey): void {
  const now = ctx.now();
  if (!keyUseIsStale(key, now)) return;
  touchApiKey(ctx.db, key.id, now).catch((err: unknown) => ctx.log.warn({ err, keyId: key.id }, 'could not record an API key’s last use'));
}

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
    touchInBackground(ctx, key);
    return toPrincipal(key);
  }
  const id = sessionFromRequest(req, ctx.now());
  const key = id === null ? null : await findActiveKeyById(ctx.db, id);
  return key ? toPrincipal(key) : null;
}

/** Logs a key in: the session payload to set (valid for `ttlMs`), or null for a wrong or revoked key. */
export async function login(
  ctx: AuthContext,
  plainKey: string,
  ttlMs: number = SESSION_TTL_MS,
): Promise<{ payload: string; principal: Principal } | null> {
  const key = await findActiveKey(ctx.db, plainKey.trim());
  if (!key) return null;
  touchInBackground(ctx, key);
  return { payload: sessionPayload(key.id, new Date(ctx.now().getTime() + ttlMs)), principal: toPrincipal(key) };
}

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

export const isHttps = (req: FastifyRequest): boolean => req.protocol === 'https';
