import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { useTestDb } from '../../helpers/test-db.js';
import { bearer, buildWorld, NOW, type World } from './fixture.js';

/** Issue 18: who read resident-level data (who, when, what scope) is in the audit log, readable by admin only. */
let t: Awaited<ReturnType<typeof useTestDb>>;
let w: World;

beforeAll(async () => {
  t = await useTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => {
  await w?.app.close();
  await t?.drop();
});

const get = (url: string, headers: Record<string, string> = {}) => w.app.inject({ method: 'GET', url, headers });
type Entry = { id: string; at: string; actor: string; action: string; scope: string; detail: Record<string, unknown> };
const audit = async (query = ''): Promise<Entry[]> => {
  const r = await get(`/api/v1/audit${query}`, bearer(w.keys.admin));
  expect(r.statusCode).toBe(200);
  return (r.json() as { data: Entry[] }).data;
};
const keyId = async (key: string) => ((await get('/api/v1/me', bearer(key))).json() as { key_id: string }).key_id;

describe('audit log of resident-level reads', () => {
  test('reading open questions through the API is recorded with the key, the time and the municipality', async () => {
    expect(await audit()).toEqual([]);
    const r = await get('/api/v1/questions', bearer(w.keys.oslo));
    expect(r.statusCode).toBe(200);
    const rows = (r.json() as { data: unknown[] }).data.length;
    const [e, ...rest] = await audit();
    expect(rest).toEqual([]);
    expect(e).toMatchObject({
      at: NOW.toISOString(),
      action: 'read-resident-data',
      scope: 'municipality 0301: open questions',
      detail: { route: '/api/v1/questions', rows },
    });
    expect(e?.actor).toBe(`api-key:${await keyId(w.keys.oslo)}`);
  });

  test('the dashboard question and alert pages are recorded; pages without resident data are not', async () => {
    const login = await w.app.inject({
      method: 'POST',
      url: '/login',
      payload: `key=${w.keys.eigersund}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const before = (await audit()).length;
    expect((await get('/m/1101', { cookie })).statusCode).toBe(200);
    expect(await audit()).toHaveLength(before);
    expect((await get('/m/1101/questions', { cookie })).statusCode).toBe(200);
    expect((await get('/m/1101/alerts', { cookie })).statusCode).toBe(200);
    const [alerts, questions] = await audit('?action=read-resident-data&limit=2');
    expect(questions).toMatchObject({ scope: 'municipality 1101: open questions', detail: { route: '/m/:code/questions' } });
    expect(alerts).toMatchObject({ scope: 'municipality 1101: alerts', detail: { route: '/m/:code/alerts' } });
    expect(await audit('?action=erase')).toEqual([]);
  });

  test('a refused read is not a read: nothing is recorded', async () => {
    const before = (await audit()).length;
    expect((await get('/api/v1/questions', bearer(w.keys.sector))).statusCode).toBe(403);
    expect((await get('/api/v1/questions?municipality=1101', bearer(w.keys.oslo))).statusCode).toBe(403);
    expect(await audit()).toHaveLength(before);
  });

  test('only admin reads the audit log; bad parameters are 400', async () => {
    for (const key of [w.keys.sector, w.keys.oslo]) expect((await get('/api/v1/audit', bearer(key))).statusCode).toBe(403);
    expect((await get('/api/v1/audit')).statusCode).toBe(401);
    expect((await get('/api/v1/audit?action=delete', bearer(w.keys.admin))).statusCode).toBe(400);
    expect((await get('/api/v1/audit?since=yesterday', bearer(w.keys.admin))).statusCode).toBe(400);
    expect(await audit(`?since=${encodeURIComponent(new Date(NOW.getTime() + 1000).toISOString())}`)).toEqual([]);
  });
});
