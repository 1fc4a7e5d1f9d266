import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';

import type { Config } from '../config/env.js';

export type { Logger } from 'pino';

/**
 * Paths censored at the root logger. Tokens and secrets, authorization headers, and resident text (comment
 * text, message bodies) must never reach a log line, whatever a module passes in.
 */
export const REDACT_PATHS = [
  'token', '*.token', 'access_token', '*.access_token', 'accessToken', '*.accessToken',
  'apiKey', '*.apiKey', 'key', '*.key', 'secret', '*.secret', 'password', '*.password',
  'authorization', '*.authorization', 'Authorization', '*.Authorization',
  'headers.authorization', '*.headers.authorization', '*.*.headers.authorization',
  'headers.Authorization', '*.headers.Authorization', '*.*.headers.Authorization',
  'text', '*.text', 'message_text', 'comment', '*.comment', 'body', '*.body', 'name', '*.name',
];

const SECRET_IN_URL = /([?&](?:access_token|key|pagination_token|input_token)=)[^&\s"']+/gi;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;

/** Removes tokens that ride along in URLs or header strings inside free text (error messages, stacks). */
export function scrubSecrets(s: string): string {
  return s.replace(SECRET_IN_URL, '$1[redacted]').replace(BEARER, '$1[redacted]');
}

function errSerializer(err: Error): Record<string, unknown> {
  const out = stdSerializers.err(err) as unknown as Record<string, unknown>;
  for (const k of ['message', 'stack'] as const) {
    if (typeof out[k] === 'string') out[k] = scrubSecrets(out[k]);
  }
  // axios errors carry the request config (headers with tokens): never serialise it.
  delete out.config;
  delete out.request;
  delete out.response;
  return out;
}

/** Logs go to stderr so that stdout carries only command output (JSON, CSV, tables). */
export function makeLogger(cfg: Pick<Config, 'LOG_LEVEL'>, dest?: DestinationStream): Logger {
  return pino(
    {
      level: cfg.LOG_LEVEL,
      base: { service: 'lyttepost' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: errSerializer, error: errSerializer },
    },
    dest ?? pino.destination(2),
  );
}
