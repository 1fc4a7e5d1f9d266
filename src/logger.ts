import path from 'node:path';

import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';

import type { Config } from '../config/env.js';

export type { Logger } from 'pino';

/**
 * Paths censored at the root logger. Tokens and secrets, authorization headers, and resident text (comment
 * text, message bodies) must never reach a log line, whatever a module passes in.
 */
export const REDACT_PATHS = [
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'accessToken',
  '*.accessToken',
  'apiKey',
  '*.apiKey',
  'key',
  '*.key',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'Authorization',
  '*.Authorization',
  'headers.authorization',
  '*.headers.authorization',
  '*.*.headers.authorization',
  'headers.Authorization',
  '*.headers.Authorization',
  '*.*.headers.Authorization',
  'text',
  '*.text',
  'message_text',
  'comment',
  '*.comment',
  'body',
  '*.body',
  'name',
  '*.name',
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

/** The log file of runs on a terminal: runtime state, so it lives in the data dir. */
export const logFilePath = (dataDir: string): string => path.resolve(dataDir, 'logs', 'lyttepost.log');

/** Where the screen is: stderr, unless a test passes its own. A terminal is recognised by `isTTY`. */
export type Screen = DestinationStream & { isTTY?: boolean };

/**
 * Logs go to stderr so that stdout carries only command output (JSON, CSV, tables). On a terminal (and when
 * the config names a data dir) the progress bar and the tables stay readable: the log goes to
 * `<data dir>/logs/lyttepost.log` at LOG_LEVEL, and only warnings and errors also reach the screen.
 */
export function makeLogger(
  cfg: Pick<Config, 'LOG_LEVEL'> & Partial<Pick<Config, 'LYTTEPOST_DATA_DIR'>>,
  dest?: DestinationStream,
  screen: Screen = process.stderr,
): Logger {
  const options = {
    level: cfg.LOG_LEVEL,
    base: { service: 'lyttepost' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: errSerializer, error: errSerializer },
  };
  if (dest) return pino(options, dest);
  if (screen.isTTY !== true || cfg.LYTTEPOST_DATA_DIR === undefined || cfg.LOG_LEVEL === 'silent') {
    return pino(options, screen === process.stderr ? pino.destination(2) : screen);
  }
  const file = pino.destination({ dest: logFilePath(cfg.LYTTEPOST_DATA_DIR), mkdir: true, sync: true });
  return pino(
    options,
    pino.multistream([
      { level: cfg.LOG_LEVEL, stream: file },
      { level: 'warn', stream: screen },
    ]),
  );
}
