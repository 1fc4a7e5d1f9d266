import type { FastifyError, FastifyReply } from 'fastify';
import type { z } from 'zod';

import { AppError, type ErrorCode } from '../errors.js';

/**
 * The API's one error shape, `{"error":{"code","message"}}`, and the mapping from the error catalog
 * (src/errors.ts) to HTTP statuses. Codes that only the HTTP layer has (`INTERNAL`, `PAYLOAD_TOO_LARGE`,
 * `UNSUPPORTED_MEDIA_TYPE`) live here, not in the catalog.
 */
export type ApiErrorCode = ErrorCode | 'INTERNAL' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE';

export type ErrorBody = { error: { code: ApiErrorCode; message: string } };

const STATUS: Partial<Record<ApiErrorCode, number>> = {
  USAGE: 400,
  BAD_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  DB_UNAVAILABLE: 503,
};

export const statusOf = (code: ApiErrorCode): number => STATUS[code] ?? 500;

export const errorBody = (code: ApiErrorCode, message: string): ErrorBody => ({ error: { code, message } });

/** Sends the error shape with the status of `code`. */
export function sendError(reply: FastifyReply, code: ApiErrorCode, message: string): FastifyReply {
  return reply.code(statusOf(code)).type('application/json; charset=utf-8').send(errorBody(code, message));
}

/**
 * What a thrown error becomes on the wire. AppErrors keep their code and message (they are written for the
 * caller); fastify's own 4xx (malformed JSON, body too large) keep their status; anything else is a 500 whose
 * message says nothing about the internals.
 */
export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    const status = statusOf(err.code);
    return { status, body: errorBody(status === 500 ? 'INTERNAL' : err.code, status === 500 ? 'internal error' : err.message) };
  }
  const fe = err as Partial<FastifyError>;
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status === 413) return { status, body: errorBody('PAYLOAD_TOO_LARGE', 'request body too large') };
  if (status === 415) return { status, body: errorBody('UNSUPPORTED_MEDIA_TYPE', 'unsupported content type') };
  if (status >= 400 && status < 500) return { status: 400, body: errorBody('BAD_INPUT', 'malformed request') };
  return { status: 500, body: errorBody('INTERNAL', 'internal error') };
}

/**
 * Validates untrusted input (query, params, body) with a zod schema at the edge. The message names the
 * parameter and what was expected, never echoes the value.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${what} parameter '${issue.path.map(String).join('.')}'` : what;
  const msg =
    issue?.code === 'unrecognized_keys'
      ? `unknown ${what} parameter(s): ${(issue as { keys: string[] }).keys.map((k) => `'${k.slice(0, 40)}'`).join(', ')}`
      : `${where}: ${issue?.message ?? 'invalid'}`;
  throw new AppError('BAD_INPUT', msg);
}
