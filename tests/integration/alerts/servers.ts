import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { SMTPServer } from 'smtp-server';

/** A real SMTP server on loopback that keeps what it receives. `stop()` and `start()` simulate an outage. */
export async function startSmtp(port = 0): Promise<{ port: number; mails: ReceivedMail[]; stop(): Promise<void>; start(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  let actualPort = port;
  const start = async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, text: decodeMail(raw) });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => server?.listen(actualPort, '127.0.0.1', () => resolve()));
    actualPort = (server.server.address() as AddressInfo).port;
  };
  await start();
  return {
    get port() {
      return actualPort;
    },
    mails,
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
    start,
  };
}

export type ReceivedMail = { to: string[]; raw: string; text: string };

/** Minimal MIME decoding for assertions: quoted-printable soft breaks and =XX bytes, and encoded-word subjects. */
export function decodeMail(raw: string): string {
  const qp = raw.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < qp.length; i++) {
    const m = /^=([0-9A-F]{2})/.exec(qp.slice(i, i + 3));
    if (m?.[1]) {
      bytes.push(parseInt(m[1], 16));
      i += 2;
    } else {
      for (const b of Buffer.from(qp[i] ?? '', 'utf8')) bytes.push(b);
    }
  }
  const text = Buffer.from(bytes).toString('utf8');
  return text.replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, s: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(s, 'base64').toString('utf8')
      : Buffer.from(
          s.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

/** A webhook receiver; `failWith` makes it answer that status (e.g. 500) until cleared. */
export async function startWebhook(): Promise<{ url: string; bodies: unknown[]; failWith: number | null; close(): Promise<void> }> {
  const state = { bodies: [] as unknown[], failWith: null as number | null };
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (state.failWith !== null) {
        res.writeHead(state.failWith).end('fail');
        return;
      }
      state.bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/hook`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** A Graph comment in wire format (platform-apis.md §1.5). */
export type GraphWireComment = {
  id: string;
  message: string;
  created_time: string;
  from?: { id: string; name?: string };
  parent?: { id: string };
  is_hidden?: boolean;
};

/**
 * A tiny Graph API: `/{version}/{post-id}/comments` (filter=stream) and `/{version}/{post-id}?fields=…` with the
 * comments expansion, answering from `threads` (post id → its comments), which the test edits to play the
 * platform between sync and check. A post id not in `threads` answers the Graph "does not exist" error.
 */
export async function startGraph(): Promise<{
  url: string;
  threads: Map<string, { post: { from: string; is_hidden?: boolean; created_time: string }; comments: GraphWireComment[] }>;
  calls: string[];
  close(): Promise<void>;
}> {
  const threads = new Map<string, { post: { from: string; is_hidden?: boolean; created_time: string }; comments: GraphWireComment[] }>();
  const calls: string[] = [];
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    calls.push(u.pathname);
    const m = /^\/v\d+\.\d+\/([^/]+)(\/comments)?$/.exec(u.pathname);
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const t = m?.[1] ? threads.get(m[1]) : undefined;
    if (!m || !t) {
      send(400, {
        error: { message: 'Unsupported get request. Object does not exist', type: 'GraphMethodException', code: 100, error_subcode: 33 },
      });
      return;
    }
    const list = {
      data: t.comments.map((c) => ({ ...c, is_hidden: c.is_hidden ?? false })),
      paging: { cursors: { before: 'a', after: 'b' } },
    };
    if (m[2]) send(200, list);
    else
      send(200, {
        id: m[1],
        created_time: t.post.created_time,
        is_hidden: t.post.is_hidden ?? false,
        from: { id: t.post.from },
        comments: list,
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, threads, calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
