import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { loadConfig } from '../../../config/env.js';
import { fixedClock } from '../../../src/clock.js';
import { collectAccount, type CollectDeps } from '../../../src/jobs/collect-account.js';
import { makeLogger } from '../../../src/logger.js';
import { makePseudonymiser } from '../../../src/privacy/pseudonymise.js';
import { makeTokenCipher } from '../../../src/privacy/token-cipher.js';
import { getAccount, upsertAccounts } from '../../../src/store/accounts.js';
import { useTestDb } from '../../helpers/test-db.js';

/**
 * The whole job against a tiny Graph stand-in serving the recorded fixtures: first sync, an idle second sync,
 * an edit + deletion + new reply, a duplicate delivery and an expired token.
 */
const PAGE = '104000000000001';
const TEKNISK = '104000000000009';
const POST = '104000000000001_900000000000002';
const fixture = (p: string) => JSON.parse(readFileSync(new URL(`../../fixtures/${p}`, import.meta.url), 'utf8')) as Record<string, unknown>;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const feed = fixture('facebook/feed.p1.json') as Json;
delete feed.paging.next;
const comments = fixture('facebook/comments.p1.json') as Json;
let expired = false;
const calls: string[] = [];
let server: Server;
let db: Awaited<ReturnType<typeof useTestDb>>;
let deps: CollectDeps;
let accountId = '';
const clock = fixedClock('2026-11-17T12:00:00Z');

beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    calls.push(u.pathname);
    res.setHeader('content-type', 'application/json');
    if (expired || u.searchParams.get('access_token') !== 'EAApage') {
      res.statusCode = 400;
      res.end(JSON.stringify(fixture('facebook/error-expired-token.json')));
    } else if (u.pathname === `/v24.0/${PAGE}`) res.end(JSON.stringify(fixture('facebook/page.json')));
    else if (u.pathname === `/v24.0/${PAGE}/feed`) res.end(JSON.stringify(feed));
    else if (u.pathname === `/v24.0/${POST}/comments`) res.end(JSON.stringify(comments));
    else {
      res.statusCode = 404;
      res.end('{"error":{"code":100,"error_subcode":33,"message":"Unsupported get request."}}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  db = await useTestDb();
  const secret = 'integration-secret-integration-secret-42';
  const cipher = makeTokenCipher(secret);
  const [acc] = await upsertAccounts(
    db.db,
    cipher,
    [
      { municipalityCode: '0301', platform: 'facebook', externalId: PAGE, handle: 'eksempel', tokenEnv: 'T', token: 'EAApage' },
      { municipalityCode: '0301', platform: 'facebook', externalId: TEKNISK, handle: 'teknisk', tokenEnv: 'T2', token: 'EAAother' },
    ],
    clock(),
  );
  accountId = acc?.id ?? '';
  deps = {
    db: db.db,
    log: makeLogger({ LOG_LEVEL: 'silent' }),
    clock,
    pseudonymise: makePseudonymiser(secret),
    cipher,
    cfg: loadConfig({ FACEBOOK_GRAPH_URL: base, FACEBOOK_GRAPH_VERSION: 'v24.0' }),
    http: { sleep: async () => {}, maxRetries: 1 },
  };
});
afterAll(async () => {
  await db?.drop();
  await new Promise<void>((r) => server.close(() => r()));
});

const items = async () =>
  (
    await db.db.query<{
      external_id: string;
      parent_external_id: string | null;
      branch_external_id: string | null;
      author_role: string;
      author_key: string;
      text: string | null;
      edited_at: Date | null;
      deleted_at: Date | null;
      hidden_at: Date | null;
    }>(
      'select external_id, parent_external_id, branch_external_id, author_role, author_key, text, edited_at, deleted_at, hidden_at from items order by created_at',
    )
  ).rows;

test('first sync stores posts and comments at every depth with branches and roles, one listing + one thread read', async () => {
  calls.length = 0;
  const s = await collectAccount({ accountId, slot: 's1', since: new Date('2026-11-01T00:00:00Z') }, deps);
  expect(s).toMatchObject({ outcome: 'succeeded', itemsNew: 6, itemsUpdated: 0, calls: 3 });
  expect(calls).toEqual([`/v24.0/${PAGE}`, `/v24.0/${PAGE}/feed`, `/v24.0/${POST}/comments`]);
  const rows = await items();
  const byId = new Map(rows.map((r) => [r.external_id.slice(-4), r]));
  expect(byId.get('2222')).toMatchObject({
    author_role: 'owner',
    author_key: TEKNISK,
    branch_external_id: '900000000000002_1111111111111111',
  });
  expect(byId.get('3333')?.branch_external_id).toBe('900000000000002_1111111111111111');
  expect(byId.get('4444')?.branch_external_id).toBe('900000000000002_4444444444444444');
  expect(byId.get('3333')?.hidden_at).not.toBeNull();
  expect(JSON.stringify(rows)).not.toMatch(/Ola|Hansen|Kari|Nordmann|26099999999999999|26012345678901234|01017012345|412 34 567/);
  const dirty = await db.db.query<{ week: string }>('select week from indicator_dirty where account_id = $1 order by week', [
    Number(accountId),
  ]);
  expect(dirty.rows.map((r) => r.week)).toEqual(['2026-W47']);
  const run = await db.db.query('select status, calls, items_new, covered_from, covered_to from harvest_runs where slot = $1', ['s1']);
  expect(run.rows[0]).toMatchObject({ status: 'succeeded', calls: 3, items_new: 6 });
  const snaps = await db.db.query('select count(*)::int as n from metric_snapshots');
  expect(snaps.rows[0]).toEqual({ n: 2 });
});

test('a second sync with nothing new makes the minimum calls and writes nothing', async () => {
  calls.length = 0;
  await db.db.query('delete from indicator_dirty');
  const before = JSON.stringify(await items().then((r) => r.map((x) => ({ ...x }))));
  const s = await collectAccount({ accountId, slot: 's2' }, deps);
  expect(s).toMatchObject({ outcome: 'succeeded', itemsNew: 0, itemsUpdated: 0, snapshots: 0, calls: 2 });
  expect(JSON.stringify(await items())).toBe(before);
  expect((await db.db.query('select count(*)::int as n from indicator_dirty')).rows[0]).toEqual({ n: 0 });
  expect((await db.db.query('select count(*)::int as n from metric_snapshots')).rows[0]).toEqual({ n: 2 });
});

test('an edit, a deletion and new engagement: only the moved thread is re-read; deleted_at, edited_at and a new snapshot', async () => {
  clock.advance(3_600_000);
  comments.data = comments.data.filter((c: Json) => !c.id.endsWith('3333'));
  comments.data[0].message = 'Når kommer brøytebilen til Bakkeveien? (rettet)';
  feed.data[0].updated_time = '2026-11-17T12:30:00+0000';
  feed.data[0].comments.summary.total_count = 3;
  feed.data[0].reactions.summary.total_count = 50;
  calls.length = 0;
  const s = await collectAccount({ accountId, slot: 's3' }, deps);
  expect(s).toMatchObject({ outcome: 'succeeded', itemsNew: 0, itemsDeleted: 1, calls: 3 });
  const rows = new Map((await items()).map((r) => [r.external_id.slice(-4), r]));
  expect(rows.get('3333')?.deleted_at).toEqual(clock());
  expect(rows.get('1111')?.edited_at).toEqual(clock());
  expect(rows.get('1111')?.text).toBe('Når kommer brøytebilen til Bakkeveien? (rettet)');
  expect((await db.db.query('select count(*)::int as n from metric_snapshots')).rows[0]).toEqual({ n: 3 });
});

test('a duplicate delivery of the same slot is skipped', async () => {
  expect(await collectAccount({ accountId, slot: 's3' }, deps)).toEqual({ skipped: 'already-claimed', accountId });
  // The succeeded run row stays as it was.
  expect((await db.db.query('select status from harvest_runs where slot = $1', ['s3'])).rows).toEqual([{ status: 'succeeded' }]);
});

test('an expired token marks the account needs_reauth and returns a failed summary', async () => {
  expired = true;
  const s = await collectAccount({ accountId, slot: 's4' }, deps);
  expect(s).toMatchObject({ outcome: 'failed', errors: [{ code: 'PLATFORM_AUTH' }] });
  expect((await getAccount(db.db, accountId))?.status).toBe('needs_reauth');
  const run = await db.db.query<{ error_message: string }>('select status, error_code, error_message from harvest_runs where slot = $1', [
    's4',
  ]);
  expect(run.rows[0]).toMatchObject({ status: 'failed', error_code: 'PLATFORM_AUTH' });
  expect(run.rows[0]?.error_message).not.toContain('EAApage');
  expect(await collectAccount({ accountId, slot: 's5' }, deps)).toEqual({ skipped: 'account-inactive', accountId });
  // An inactive account claims nothing: no run row for the slot it skipped.
  expect((await db.db.query('select count(*)::int as n from harvest_runs where slot = $1', ['s5'])).rows[0]).toEqual({ n: 0 });
});
