import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

import { AppError } from '../errors.js';

/** AES-256-GCM for platform tokens at rest; the key is derived from LYTTEPOST_SECRET with HKDF. */
export type TokenCipher = { encrypt(plain: string): string; decrypt(sealed: string): string };

export function makeTokenCipher(secret: string): TokenCipher {
  const key = Buffer.from(hkdfSync('sha256', secret, 'lyttepost', 'token-encryption-v1', 32));
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    decrypt(sealed) {
      const [v, iv, tag, body] = sealed.split('.');
      if (v !== 'v1' || !iv || !tag || body === undefined) {
        throw new AppError('CONFIG_INVALID', 'stored token has an unknown format');
      }
      try {
        const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        d.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
      } catch (err) {
        throw new AppError('CONFIG_INVALID', 'cannot decrypt a stored token: LYTTEPOST_SECRET changed since it was stored', {
          cause: err,
        });
      }
    },
  };
}
