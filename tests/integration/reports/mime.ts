import type { AddressInfo } from 'node:net';

import { SMTPServer } from 'smtp-server';

/** A loopback SMTP server (no auth required, no STARTTLS) that keeps each raw message it receives. */
export async function startSmtpSink(): Promise<{ port: number; mails: Array<{ to: string[]; raw: string }>; stop(): Promise<void> }> {
  const mails: Array<{ to: string[]; raw: string }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('latin1') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One MIME part: lower-cased headers (unfolded), its body decoded (base64 / quoted-printable), and children. */
export type MimePart = { headers: Record<string, string>; body: Buffer; parts: MimePart[] };

/** Minimal MIME parser for tests: header unfolding, multipart boundaries, base64 and quoted-printable bodies. */
export function parseMime(raw: string): MimePart {
  const text = raw.replace(/\r\n/g, '\n');
  const split = text.indexOf('\n\n');
  const head = split < 0 ? text : text.slice(0, split);
  const rest = split < 0 ? '' : text.slice(split + 2);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const chunks = rest.split(`--${boundary}`);
    const parts = chunks
      .slice(1)
      .filter((c) => !c.startsWith('--'))
      .map((c) => parseMime(c.replace(/^\n/, '').replace(/\n$/, '')));
    return { headers, body: Buffer.alloc(0), parts };
  }
  const enc = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  let body: Buffer;
  if (enc === 'base64') body = Buffer.from(rest.replace(/\s+/g, ''), 'base64');
  else if (enc === 'quoted-printable') {
    const soft = rest.replace(/=\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      const m = /^=([0-9A-Fa-f]{2})/.exec(soft.slice(i, i + 3));
      if (m?.[1]) {
        bytes.push(parseInt(m[1], 16));
        i += 2;
      } else bytes.push(soft.charCodeAt(i) & 0xff);
    }
    body = Buffer.from(bytes);
  } else body = Buffer.from(rest, 'latin1');
  return { headers, body, parts: [] };
}

/** Every leaf part, depth first. */
export function leaves(p: MimePart): MimePart[] {
  return p.parts.length === 0 ? [p] : p.parts.flatMap(leaves);
}
