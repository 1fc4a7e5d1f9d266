import { makeSmtpTransport, smtpFailure } from '../../delivery/smtp.js';
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
  const transport = makeSmtpTransport(opts.smtpUrl, timeout);
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
        throw smtpFailure(err, 'e-mail delivery');
      }
    },
    close: () => transport.close(),
  };
}
