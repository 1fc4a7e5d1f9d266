import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { registeredRoutes } from '../../../src/api/app.js';
import { OPENAPI } from '../../../src/api/openapi.js';
import { OPEN_DATA_COLUMNS } from '../../../src/api/routes/open-data.js';
import { useTestDb } from '../../helpers/test-db.js';
import { bearer, buildWorld, type World } from './fixture.js';

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

const get = (url: string, key = w.keys.admin) => w.app.inject({ method: 'GET', url, headers: bearer(key) });

describe('malformed, hostile and oversized input', () => {
  const INJECTIONS = [
    "0301' OR '1'='1",
    '0301;drop table api_keys;--',
    '1 union select key_hash from api_keys',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '%00',
    '０３０１',
  ];

  test('injection strings in every parameter are 400 with the error shape, and nothing runs', async () => {
    const urls: string[] = [];
    for (const bad of INJECTIONS.map(encodeURIComponent)) {
      urls.push(
        `/api/v1/municipalities/${bad}`,
        `/api/v1/accounts/${bad}`,
        `/api/v1/accounts?municipality=${bad}`,
        `/api/v1/municipalities?county=${bad}`,
        `/api/v1/indicators?scope=municipality&id=${bad}`,
        `/api/v1/indicators?scope=${bad}&id=0301`,
        `/api/v1/indicators?scope=sector&from=${bad}`,
        `/api/v1/indicators?scope=sector&ids=${bad}`,
        `/api/v1/trends?scope=county&id=${bad}`,
        `/api/v1/distributions?week=${bad}`,
        `/api/v1/exports/indicators.csv?scope=account&id=${bad}`,
        `/api/v1/exports/indicators.csv?scope=municipality&municipality=${bad}`,
        `/api/v1/open-data/sector-aggregates.csv?to=${bad}`,
      );
    }
    for (const url of urls) {
      const r = await get(url);
      expect([400, 404], url).toContain(r.statusCode);
      expect(r.json(), url).toEqual({ error: { code: r.statusCode === 400 ? 'BAD_INPUT' : 'NOT_FOUND', message: expect.any(String) } });
      expect(r.body).not.toContain('<script>');
    }
    const { rows } = await t.db.query<{ n: number }>('select count(*) as n from api_keys');
    expect(rows[0]?.n).toBe(5);
  });

  test('bad weeks, ranges, unknown ids, unknown and repeated parameters are 400', async () => {
    for (const url of [
      '/api/v1/indicators?scope=sector&from=2026-W54',
      '/api/v1/indicators?scope=sector&from=2026-W00',
      '/api/v1/indicators?scope=sector&from=2026-W47&to=2026-W40',
      '/api/v1/indicators?scope=sector&from=2020-W01&to=2026-W47',
      '/api/v1/indicators?scope=sector&ids=response_rate,nope',
      '/api/v1/indicators?scope=municipality',
      '/api/v1/indicators?scope=municipality&id=0301&id=1101',
      '/api/v1/indicators?scope=sector&municipality=1101',
      '/api/v1/questions?days=31',
      '/api/v1/questions?days=abc',
      '/api/v1/trends?scope=municipality&id=0301',
      '/api/v1/exports/indicators.csv',
      '/api/v1/exports/indicators.csv?scope=county&municipality=0301',
      '/api/v1/harvest-health?verbose=1',
    ]) {
      const r = await get(url, url.includes('questions') ? w.keys.oslo : w.keys.admin);
      expect(r.statusCode, url).toBe(400);
      expect(r.json(), url).toEqual({ error: { code: 'BAD_INPUT', message: expect.any(String) } });
    }
  });

  test('an oversized query string, parameter or body is refused', async () => {
    expect((await get(`/api/v1/indicators?scope=sector&ids=${'response_rate,'.repeat(300)}`)).statusCode).toBe(400);
    expect((await get(`/api/v1/municipalities?county=${'1'.repeat(1000)}`)).statusCode).toBe(400);
    const long = await get(`/api/v1/accounts/${'9'.repeat(90)}`);
    expect(long.statusCode).toBe(400);
    const body = await w.app.inject({
      method: 'POST',
      url: '/login',
      payload: `key=${'a'.repeat(20_000)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    // The login form is a dashboard page: its errors are HTML pages with the status, not JSON.
    expect(body.statusCode).toBe(413);
    expect(body.headers['content-type']).toContain('text/html');
  });
});

describe('exports', () => {
  test('CSV and xlsx hold the same table with every indicator id', async () => {
    const csv = await get('/api/v1/exports/indicators.csv?scope=municipality&from=2026-W40&to=2026-W47');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="lyttepost-municipality-2026-W40-2026-W47.csv"/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toMatch(
      /^scope,id,name,county,county_name,week,definition_version,coverage,provisional,owner_posts,.*,dialogue_f,suppressed,note$/,
    );
    expect(lines.length).toBe(1 + 16);
    const x = await w.app.inject({
      url: '/api/v1/exports/indicators.xlsx?scope=municipality&from=2026-W40&to=2026-W47',
      headers: bearer(w.keys.admin),
    });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Indikatorer', 'Definisjoner']);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell('A2').value).toBe('municipality');
    expect(sheet.autoFilter).toMatch(/^A1:[A-Z]+17$/);
  });

  test('the sector role’s export is suppressed like its API answers', async () => {
    const csv = (await get('/api/v1/exports/indicators.csv?scope=municipality&from=2026-W47&to=2026-W47', w.keys.sector)).body;
    const [head, ...rows] = csv.trim().split('\r\n');
    const cols = head!.split(',');
    const eig = rows.find((r) => r.split(',')[1] === '1101')!.split(',');
    expect(eig[cols.indexOf('response_rate')]).toBe('');
    expect(eig[cols.indexOf('questions_answered')]).toBe('');
    expect(eig[cols.indexOf('suppressed')]).toContain('response_rate');
  });
});

describe('open data', () => {
  test('schema v1 columns in order; small counties suppressed; public cache', async () => {
    const csv = await w.app.inject({ url: '/api/v1/open-data/sector-aggregates.csv?from=2026-W47&to=2026-W47' });
    expect(csv.headers['cache-control']).toBe('public, max-age=300');
    const [head, ...rows] = csv.body.trim().split('\r\n');
    expect(head).toBe(OPEN_DATA_COLUMNS.join(','));
    expect(rows.map((r) => r.split(',').slice(2, 6).join(','))).toEqual([
      '2026-W47,sector,NO,Norge',
      '2026-W47,county,03,Oslo',
      '2026-W47,county,11,Rogaland',
    ]);
    const json = (await w.app.inject({ url: '/api/v1/open-data/sector-aggregates.json?from=2026-W47&to=2026-W47' })).json() as {
      data: Array<Record<string, unknown>>;
    };
    expect(json.data[1]).toMatchObject({ id: '03', dialogue_index: null, dialogue_index_median: null, suppressed: true });
    expect(json.data[0]).toMatchObject({ id: 'NO', dialogue_index: 52, dialogue_index_median: 45, municipalities: 300, suppressed: false });
  });
});

describe('OpenAPI, health and metrics', () => {
  test('the OpenAPI document is 3.1 and names every /api/v1 route the app answers', async () => {
    const doc = (await w.app.inject({ url: '/api/v1/openapi.json' })).json() as typeof OPENAPI;
    expect(doc.openapi).toBe('3.1.0');
    const served = registeredRoutes(w.app)
      .map((r) => r.replace(/^GET /, '').replace(/:(\w+)/g, '{$1}'))
      .filter((u) => u.startsWith('/api/v1/') || ['/healthz', '/readyz', '/metrics'].includes(u));
    expect(served.length).toBeGreaterThan(10);
    for (const path of served) expect(Object.keys(doc.paths), path).toContain(path);
  });

  test('/readyz answers 503 in the error shape when the database is gone', async () => {
    const { buildApp } = await import('../../../src/api/app.js');
    const { silentLogger } = await import('../../helpers/silent-logger.js');
    const broken = buildApp({
      db: {
        query: async () => {
          throw new Error('gone');
        },
      },
      log: silentLogger,
      clock: () => new Date(),
      secret: 'x'.repeat(32),
    });
    const r = await broken.inject({ url: '/readyz' });
    expect(r.statusCode).toBe(503);
    expect(r.json()).toEqual({ error: { code: 'DB_UNAVAILABLE', message: 'database not reachable' } });
    await broken.close();
  });

  test('/metrics exposes harvest runs, calls and quota by platform, queue depth, HTTP counts', async () => {
    await get('/api/v1/me');
    const m = (await w.app.inject({ url: '/metrics' })).body;
    expect(m).toContain('lyttepost_harvest_runs_24h{platform="facebook",status="succeeded"} 1');
    expect(m).toContain('lyttepost_platform_api_calls_24h{platform="facebook"} 4');
    expect(m).toContain('lyttepost_platform_quota_units_24h{platform="facebook"} 4');
    expect(m).toMatch(/lyttepost_http_requests_total\{route="\/api\/v1\/me",method="GET",status="200"\} \d+/);
    expect(m).toContain('# TYPE lyttepost_queue_depth gauge');
    expect(m).toContain('# TYPE lyttepost_job_duration_seconds histogram');
  });
});
