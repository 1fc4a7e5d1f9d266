import nodemailer, { type Transporter } from 'nodemailer';

import { AppError } from '../errors.js';

/** An SMTP transport for `SMTP_URL` with one timeout for connecting, the greeting and the socket. */
export function makeSmtpTransport(smtpUrl: string, timeoutMs: number): Transporter {
  return nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  } as Parameters<typeof nodemailer.createTransport>[0]);
}

/** A failed send as a retryable DELIVERY_FAILED that names the failure, never the SMTP URL (it may carry a password). */
export function smtpFailure(err: unknown, what: string): AppError {
  const e = err as { code?: string; responseCode?: number };
  return new AppError('DELIVERY_FAILED', `${what} failed: ${e.code ?? 'error'}${e.responseCode ? ` ${e.responseCode}` : ''}`, {
    retryable: true,
    cause: err,
    context: { channel: 'email', code: e.code, responseCode: e.responseCode },
  });
}
