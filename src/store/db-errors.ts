import { AppError } from '../errors.js';

/**
 * Every error the database driver raises, as a typed AppError (the CLI prints it as one line, jobs record its
 * code and retry it only when that can help). By SQLSTATE class (Postgres appendix A):
 *
 * - DB_UNAVAILABLE, retryable: 08 connection exception, 53 insufficient resources (disk full, out of memory, too
 *   many connections), 57 operator intervention (57P01 admin shutdown, 57P02 crash shutdown, 57P03 "the database
 *   system is starting up"), 58 system error (I/O), XX internal error; and the driver's own connection failures
 *   (refused, reset, timed out, "Connection terminated unexpectedly").
 * - DB_UNAVAILABLE, not retryable: 28 invalid authorisation, 3D invalid catalog name (no such database), a host
 *   name that does not resolve: fix DATABASE_URL.
 * - DB_CONFLICT, retryable: 40 transaction rollback (serialisation failure, deadlock), 23 integrity constraint
 *   violation, 55 object not in prerequisite state (lock not available): another transaction got there first.
 * - DB_REJECTED, not retryable: every other class (22 data exception, 42 syntax or access rule, 0A, 25, P0, …):
 *   the statement itself is wrong for this database (a bug, or a schema older than the code: run `migrate`).
 *
 * Anything that is not a driver error (an AppError, a bug in the caller) passes through unchanged.
 */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED']);
const NO_SUCH_HOST = new Set(['ENOTFOUND']);
const CONNECTION_LOST =
  /^(Connection terminated|Client has encountered a connection error|Connection terminated unexpectedly|timeout expired|Query read timeout|terminating connection)/i;

export function toDbError(err: unknown): unknown {
  if (err instanceof AppError || !(err instanceof Error)) return err;
  const code = (err as { code?: unknown }).code;
  const message = err.message.split('\n')[0]?.slice(0, 300) ?? '';
  const unavailable = (retryable: boolean, what: string) =>
    new AppError('DB_UNAVAILABLE', `${what}: ${message}`, {
      cause: err,
      retryable,
      context: typeof code === 'string' ? { sqlstate: code } : {},
    });
  if (typeof code === 'string' && NETWORK.has(code)) return unavailable(true, 'cannot reach the database');
  if (typeof code === 'string' && NO_SUCH_HOST.has(code))
    return unavailable(false, 'cannot reach the database (check the host in DATABASE_URL)');
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    const cls = code.slice(0, 2);
    const context = { sqlstate: code };
    switch (cls) {
      case '08':
      case '53':
      case '57':
      case '58':
      case 'XX':
        return new AppError('DB_UNAVAILABLE', `the database is not available (${code}): ${message}`, {
          cause: err,
          retryable: true,
          context,
        });
      case '28':
      case '3D':
        return new AppError('DB_UNAVAILABLE', `the database refused the connection (${code}): ${message}; check DATABASE_URL`, {
          cause: err,
          retryable: false,
          context,
        });
      case '40':
      case '23':
      case '55':
        return new AppError('DB_CONFLICT', `the database refused the write because of a concurrent one (${code}): ${message}`, {
          cause: err,
          retryable: true,
          context,
        });
      default:
        return new AppError('DB_REJECTED', `the database rejected a statement (${code}): ${message}`, {
          cause: err,
          retryable: false,
          context,
        });
    }
  }
  if (CONNECTION_LOST.test(err.message)) return unavailable(true, 'lost the connection to the database');
  return err;
}
