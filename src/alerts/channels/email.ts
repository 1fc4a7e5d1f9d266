import nodemailer from 'nodemailer';

import { AppError } from '../../errors.js';
import type { Digest } from '../digest.js';

/** Sends digests as e-mail over SMTP (`SMTP_URL`, e.g. smtp://user:pass@mail.example.org:587). */
export type EmailSender = { send(to: string, digest: Digest): Promise<void>; close(): void };

export type EmailOptions = {
  smtpUrl: string;
  /** From header (`SMTP_FROM`). */
  from: string;
  /** Connection, greeting and socket timeout. @default 15000 */
  timeoutMs?: number;
};

export function makeEmailSender(opts: EmailOptions): EmailSender {
  const timeout = opts.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    url: opts.smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(to, digest) {
      try {
        await transport.sendMail({
          from: opts.from,
          to,
          subject: digest.subject,
          text: digest.text,
          html: digest.html,
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Lyttepost-Alerts': String(digest.entries.length) },
        });
      } catch (err) {
        // The message names the failure, never the SMTP URL (it may carry a password).
        const e = err as { code?: string; responseCode?: number; message?: string };
        throw new AppError('DELIVERY_FAILED', `e-mail delivery failed: ${e.code ?? 'error'}${e.responseCode ? ` ${e.responseCode}` : ''}`, {
          retryable: true,
          cause: err,
          context: { channel: 'email', code: e.code, responseCode: e.responseCode },
        });
      }
    },
    close: () => transport.close(),
  };
}
