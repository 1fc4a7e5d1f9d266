import { createServer, type Server, type Socket } from 'node:net';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { AppError } from '../../../src/errors.js';
import { openPostgres } from '../../../src/store/db.js';
import { toDbError } from '../../../src/store/db-errors.js';
import { runCli } from '../../helpers/run-cli.js';
import { useTestDb } from '../../helpers/test-db.js';

/**
 * Issue 18: every Postgres error class is a typed AppError, and the CLI prints one line without a stack. The
 * server-side cases are played by a stand-in that speaks the Postgres wire protocol (a real server in recovery
 * answers 57P03 only for a moment) to the real `pg` driver; the rest against the real Postgres.
 */
type Behaviour = 'starting-up' | 'drop-on-query';

/** A Postgres stand-in: answers the startup message as `behaviour` says. */
async function fakePostgres(behaviour: Behaviour): Promise<{ url: string; server: Server }> {
  const message = (type: string, body: Buffer) => {
    const head = Buffer.alloc(5);
    head.write(type, 0, 'latin1');
    head.writeInt32BE(body.length + 4, 1);
    return Buffer.concat([head, body]);
  };
  const errorResponse = (fields: Record<string, string>) =>
    message('E', Buffer.concat([...Object.entries(fields).map(([k, v]) => Buffer.from(`${k}${v}\0`, 'utf8')), Buffer.from([0])]));
  const server = createServer((socket: Socket) => {
    let started = false;
    socket.on('data', () => {
      if (!started) {
        started = true;
        if (behaviour === 'starting-up') {
          socket.end(errorResponse({ S: 'FATAL', V: 'FATAL', C: '57P03', M: 'the database system is starting up' }));
          return;
        }
        const ok = Buffer.alloc(4);
        socket.write(Buffer.concat([message('R', ok), message('Z', Buffer.from('I'))]));
        return;
      }
      socket.destroy(); // the server went away mid-query (killed, restarted)
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  return { url: `postgres://lyttepost@127.0.0.1:${addr.port}/lyttepost`, server };
}

const SECRET = 'test-secret-0123456789abcdef0123456789';
const cli = (url: string) => runCli(['accounts', 'list'], { env: { LOG_LEVEL: 'silent', DATABASE_URL: url, LYTTEPOST_SECRET: SECRET } });

function expectOneLine(r: { code: number; stderr: string }, text: string | RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(text);
  expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
}

describe('Postgres errors reach the user as one line', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const s of servers) await new Promise((resolve) => s.close(resolve));
  });

  test('57P03 "the database system is starting up" (after a crash) is DB_UNAVAILABLE, retryable', async () => {
    const { url, server } = await fakePostgres('starting-up');
    servers.push(server);
    expectOneLine(await cli(url), 'lyttepost: the database is not available (57P03): the database system is starting up');
    const db = openPostgres(url, { max: 1 });
    const err = await db.query('select 1').catch((e: unknown) => e);
    await db.close();
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'DB_UNAVAILABLE', retryable: true, details: { context: { sqlstate: '57P03' } } });
  });

  test('a server that goes away mid-query is DB_UNAVAILABLE, in a query and in a transaction', async () => {
    const { url, server } = await fakePostgres('drop-on-query');
    servers.push(server);
    expectOneLine(await cli(url), /^lyttepost: lost the connection to the database: Connection terminated/);
    const db = openPostgres(url, { max: 1 });
    expect(await db.query('select 1').catch((e: unknown) => e)).toMatchObject({ code: 'DB_UNAVAILABLE', retryable: true });
    expect(await db.transaction((tx) => tx.query('select 1')).catch((e: unknown) => e)).toMatchObject({ code: 'DB_UNAVAILABLE' });
    await db.close();
  });

  test('connection refused is DB_UNAVAILABLE', async () => {
    const { server } = await fakePostgres('starting-up');
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    expectOneLine(
      await cli(`postgres://lyttepost@127.0.0.1:${port}/lyttepost`),
      /^lyttepost: cannot reach the database: connect ECONNREFUSED/,
    );
  });
});

describe('SQLSTATE classes from the real Postgres', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  beforeAll(async () => {
    t = await useTestDb({ seed: false });
  });
  afterAll(async () => {
    await t?.drop();
  });

  test('a data exception, an undefined table and a unique violation are typed', async () => {
    expect(await t.db.query('select $1::text', ['a\u0000b']).catch((e: unknown) => e)).toMatchObject({
      code: 'DB_REJECTED',
      retryable: false,
      details: { context: { sqlstate: '22021' } },
    });
    expect(await t.db.query('select * from no_such_table').catch((e: unknown) => e)).toMatchObject({
      code: 'DB_REJECTED',
      details: { context: { sqlstate: '42P01' } },
    });
    await t.db.query('create temp table u (k int primary key)');
    const dup = await t.db
      .transaction(async (tx) => {
        await tx.query('insert into u values (1)');
        await tx.query('insert into u values (1)');
      })
      .catch((e: unknown) => e);
    expect(dup).toMatchObject({ code: 'DB_CONFLICT', retryable: true, details: { context: { sqlstate: '23505' } } });
  });
});

describe('toDbError', () => {
  const pgError = (code: string) => Object.assign(new Error(`message of ${code}`), { code, severity: 'ERROR' });
  test.each([
    ['08006', 'DB_UNAVAILABLE', true],
    ['53100', 'DB_UNAVAILABLE', true], // disk full
    ['53300', 'DB_UNAVAILABLE', true], // too many connections
    ['57P01', 'DB_UNAVAILABLE', true], // admin shutdown
    ['57P02', 'DB_UNAVAILABLE', true], // crash shutdown
    ['57P03', 'DB_UNAVAILABLE', true], // starting up
    ['58030', 'DB_UNAVAILABLE', true], // I/O error
    ['XX001', 'DB_UNAVAILABLE', true],
    ['28P01', 'DB_UNAVAILABLE', false], // wrong password
    ['3D000', 'DB_UNAVAILABLE', false], // no such database
    ['40001', 'DB_CONFLICT', true],
    ['40P01', 'DB_CONFLICT', true],
    ['23505', 'DB_CONFLICT', true],
    ['55P03', 'DB_CONFLICT', true],
    ['22P02', 'DB_REJECTED', false],
    ['42703', 'DB_REJECTED', false],
    ['0A000', 'DB_REJECTED', false],
    ['P0001', 'DB_REJECTED', false],
  ])('SQLSTATE %s is %s (retryable: %s)', (sqlstate, code, retryable) => {
    const e = toDbError(pgError(sqlstate));
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code, retryable, details: { context: { sqlstate } } });
    expect((e as AppError).message).toContain(`message of ${sqlstate}`);
  });

  test('network errors are DB_UNAVAILABLE; anything else passes through unchanged', () => {
    expect(toDbError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toMatchObject({
      code: 'DB_UNAVAILABLE',
      retryable: true,
    });
    expect(toDbError(Object.assign(new Error('getaddrinfo ENOTFOUND db'), { code: 'ENOTFOUND' }))).toMatchObject({
      code: 'DB_UNAVAILABLE',
      retryable: false,
    });
    const app = new AppError('NOT_FOUND', 'x');
    expect(toDbError(app)).toBe(app);
    const bug = new TypeError('x is not a function');
    expect(toDbError(bug)).toBe(bug);
  });
});
