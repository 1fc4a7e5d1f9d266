import nodemailer from 'nodemailer';

import { makeSmtpTransport, smtpFailure } from '../delivery/smtp.js';
import type { RenderedReport } from './render-report.js';

/**
 * The report as an e-mail: multipart/alternative (plain text, then HTML) inside multipart/related with the
 * chart PNGs as inline parts (`Content-Disposition: inline`, `Content-ID: <trend@lyttepost>` …, referenced by
 * `cid:` in the HTML, which Outlook and Gmail display), and the PDF as an attachment.
 */
export type ReportMail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: Array<{
    filename: string;
    content: Buffer;
    contentType: string;
    cid?: string;
    contentDisposition?: 'inline' | 'attachment';
  }>;
  headers: Record<string, string>;
};

export function reportMail(r: RenderedReport, addr: { from: string; to: string }, ids: { municipality: string; week: string }): ReportMail {
  return {
    from: addr.from,
    to: addr.to,
    subject: r.subject,
    text: r.text,
    html: r.html,
    attachments: [
      ...r.images.map((i) => ({
        filename: i.filename,
        content: i.png,
        contentType: 'image/png',
        cid: i.cid,
        contentDisposition: 'inline' as const,
      })),
      { filename: r.pdfName, content: r.pdf, contentType: 'application/pdf', contentDisposition: 'attachment' as const },
    ],
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Lyttepost-Report': `${ids.municipality}/${ids.week}` },
  };
}

/** The raw RFC 822 message (for the archive and tests), built without a network. */
export async function composeRaw(mail: ReportMail): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = (await transport.sendMail(mail)) as unknown as { message: Buffer };
  return info.message;
}

export type ReportSender = { send(mail: ReportMail): Promise<void>; close(): void };

/** Sends over SMTP (`SMTP_URL`). Failures become DELIVERY_FAILED without the URL (it may carry a password). */
export function makeReportSender(opts: { smtpUrl: string; timeoutMs?: number }): ReportSender {
  const timeout = opts.timeoutMs ?? 30_000;
  const transport = makeSmtpTransport(opts.smtpUrl, timeout);
  return {
    async send(mail) {
      try {
        await transport.sendMail(mail);
      } catch (err) {
        throw smtpFailure(err, 'report e-mail delivery');
      }
    },
    close: () => transport.close(),
  };
}
