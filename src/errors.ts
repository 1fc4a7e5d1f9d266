/**
 * The error catalog. Every error Lyttepost raises on purpose is an AppError with a stable code; each code is
 * documented in docs/errors.md (meaning, typical cause, what the operator does).
 */
export type ErrorCode =
  | 'CONFIG_INVALID' // environment or config file failed validation: fix and restart
  | 'USAGE' // bad command-line arguments
  | 'BAD_INPUT' // a file or stdin the user gave us is malformed
  | 'NOT_FOUND' // a named account, municipality or week does not exist
  | 'DB_UNAVAILABLE' // cannot reach or open the database (down, starting up, out of resources, wrong URL)
  | 'DB_CONFLICT' // a write lost to a concurrent one (serialisation failure, deadlock, constraint): retried
  | 'DB_REJECTED' // the database rejected a statement (a bug, or a schema older than the code)
  | 'MIGRATION_CHECKSUM' // an applied migration file was edited afterwards
  | 'PLATFORM_AUTH' // token revoked/expired/missing permission: permanent; the account needs re-authorisation
  | 'PLATFORM_RATE_LIMIT' // 429/quota: retry after retryAfterMs
  | 'PLATFORM_UNAVAILABLE' // 5xx/timeout: retry with backoff
  | 'PLATFORM_CONTRACT' // response shape or field name changed: permanent; alert developers
  | 'PLATFORM_NOT_FOUND' // the account or object no longer exists on the platform
  | 'QUOTA_EXHAUSTED' // our own budget for the platform (e.g. YouTube's daily units) is spent
  | 'DELIVERY_FAILED' // SMTP or webhook delivery failed: retried
  | 'FORBIDDEN' // the caller's role may not see this
  | 'UNAUTHORIZED'; // no or invalid API key

export type ErrorDetails = {
  /** Whether retrying the same operation can succeed. */
  retryable?: boolean;
  /** For rate limits: how long to wait before the next attempt. */
  retryAfterMs?: number;
  cause?: unknown;
  /** Extra, non-personal facts for logs and CLI output (never tokens, names or comment text). */
  context?: Record<string, unknown>;
};

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message, { cause: details.cause });
  }

  get retryable(): boolean {
    return this.details.retryable ?? false;
  }
}

/** Errors the user caused (bad input or config): printed as one line, no stack trace. */
const USER_ERROR_CODES: ReadonlySet<ErrorCode> = new Set([
  'CONFIG_INVALID',
  'USAGE',
  'BAD_INPUT',
  'NOT_FOUND',
  'DB_UNAVAILABLE',
  'MIGRATION_CHECKSUM',
]);

export function isUserError(err: unknown): err is AppError {
  return err instanceof AppError && USER_ERROR_CODES.has(err.code);
}
