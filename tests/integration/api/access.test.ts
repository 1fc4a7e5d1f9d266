import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { useTestDb } from '../../helpers/test-db.js';
import { bearer, buildWorld, OSLO_TEXT, OTHER_TEXT, type World } from './fixture.js';

/** Role by role: what each key may read, and that nothing of another tenant or of residents leaks. */
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

const get = (url: string, key?: string) => w.app.inject({ method: 'GET', url, headers: key ? bearer(key) : {} });

function expectError(r: { statusCode: number; json: () => unknown }, status: number, code: string) {
  expect(r.statusCode).toBe(status);
  expect(r.json()).toEqual({ error: { code, message: expect.any(String) } });
}

/** Every API route with valid parameters, as the admin would call it. */
function apiRoutes(): string[] {
  return [
    '/api/v1/me',
    '/api/v1/municipalities',
    '/api/v1/municipalities/0301',
    '/api/v1/counties',
    '/api/v1/accounts',
    `/api/v1/accounts/${w.accounts.osloFb}`,
    '/api/v1/indicators?scope=sector',
    '/api/v1/indicators?scope=municipality&id=0301&from=2026-W40&to=2026-W47&ids=response_rate,dialogue_index',
    `/api/v1/indicators?scope=account&id=${w.accounts.osloFb}`,
    '/api/v1/indicators?scope=county&id=03',
    '/api/v1/trends',
    '/api/v1/trends?scope=county&id=11',
    '/api/v1/distributions',
    '/api/v1/distributions?scope=sector',
    '/api/v1/questions',
    '/api/v1/harvest-health',
    '/api/v1/exports/indicators.csv?scope=municipality',
    '/api/v1/exports/indicators.xlsx?scope=account',
  ];
}

describe('authentication', () => {
  test('every protected route refuses a missing, malformed, unknown or revoked key with 401 and the error shape', async () => {
    for (const url of apiRoutes()) {
      expectError(await get(url), 401, 'UNAUTHORIZED');
      expectError(await get(url, w.keys.revoked), 401, 'UNAUTHORIZED');
      expectError(await get(url, 'lp_' + 'A'.repeat(43)), 401, 'UNAUTHORIZED');
      expectError(await w.app.inject({ url, headers: { authorization: `Basic ${w.keys.admin}` } }), 401, 'UNAUTHORIZED');
      expectError(await w.app.inject({ url, headers: { authorization: `Bearer ${'x'.repeat(5000)}` } }), 401, 'UNAUTHORIZED');
    }
  });

  test('a wrong bearer header is refused even when a valid session cookie rides along', async () => {
    const login = await w.app.inject({
      method: 'POST',
      url: '/login',
      payload: `key=${w.keys.admin}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    expectError(await w.app.inject({ url: '/api/v1/me', headers: { cookie, authorization: 'Bearer nope' } }), 401, 'UNAUTHORIZED');
    expect((await w.app.inject({ url: '/api/v1/me', headers: { cookie } })).json()).toMatchObject({ role: 'admin' });
  });

  test('health, readiness, metrics, the OpenAPI document and open data need no key', async () => {
    for (const url of [
      '/healthz',
      '/readyz',
      '/metrics',
      '/api/v1/openapi.json',
      '/api/v1/open-data/sector-aggregates.csv',
      '/api/v1/open-data/sector-aggregates.json',
    ]) {
      expect((await get(url)).statusCode, url).toBe(200);
    }
  });

  test('admin reads every route', async () => {
    for (const url of apiRoutes().filter((u) => !u.startsWith('/api/v1/questions'))) {
      expect((await get(url, w.keys.admin)).statusCode, url).toBe(200);
    }
  });
});

describe('a municipality key sees only its own municipality', () => {
  const denied = () => [
    '/api/v1/municipalities/1101',
    '/api/v1/municipalities/9999', // does not exist: same answer as another's, so codes cannot be probed
    `/api/v1/accounts/${w.accounts.eigFb}`,
    '/api/v1/accounts/987654', // does not exist
    '/api/v1/accounts?municipality=1101',
    '/api/v1/indicators?scope=municipality&id=1101',
    `/api/v1/indicators?scope=account&id=${w.accounts.eigFb}`,
    '/api/v1/indicators?scope=account&id=987654',
    '/api/v1/questions?municipality=1101',
    '/api/v1/exports/indicators.csv?scope=municipality&id=1101',
    '/api/v1/exports/indicators.csv?scope=municipality&municipality=1101',
    '/api/v1/exports/indicators.csv?scope=account&municipality=1101',
    `/api/v1/exports/indicators.xlsx?scope=account&id=${w.accounts.eigFb}`,
    '/api/v1/harvest-health',
  ];

  test('another municipality by code, account id, query parameter or export: 403 and no figures', async () => {
    for (const url of denied()) {
      const r = await get(url, w.keys.oslo);
      expectError(r, 403, 'FORBIDDEN');
      expect(r.body).not.toContain('1101"');
      expect(r.body).not.toContain('eigersund');
      expect(r.body).not.toContain('EIGERSUND');
    }
  });

  test('lists and exports without an id are confined to its own rows', async () => {
    const munis = (await get('/api/v1/municipalities', w.keys.oslo)).json() as { data: Array<{ code: string }> };
    expect(munis.data.map((m) => m.code)).toEqual(['0301']);
    const accounts = (await get('/api/v1/accounts', w.keys.oslo)).json() as { data: Array<{ municipality: string }> };
    expect(new Set(accounts.data.map((a) => a.municipality))).toEqual(new Set(['0301']));
    for (const scope of ['account', 'municipality']) {
      const csv = (await get(`/api/v1/exports/indicators.csv?scope=${scope}&from=2026-W40&to=2026-W47`, w.keys.oslo)).body;
      const [head, ...lines] = csv.trim().split('\r\n');
      const col = head!.split(',').indexOf(scope === 'account' ? 'municipality' : 'id');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        const cells = line.split(',');
        expect(cells[col], line).toBe('0301');
        expect(cells[1]).not.toBe(w.accounts.eigFb);
      }
    }
  });

  test('its own accounts, municipality and questions are readable, unsuppressed', async () => {
    const r = (await get('/api/v1/indicators?scope=municipality&id=0301&ids=response_rate,questions_answered', w.keys.oslo)).json() as {
      data: Array<{ values: Record<string, unknown>; gap_accounts: string[] }>;
    };
    expect(r.data.length).toBe(8);
    expect(r.data[0]?.values).toEqual({ response_rate: 0.75, questions_answered: 15 });
    expect(r.data[0]?.gap_accounts).toEqual([w.accounts.osloYt]);
    const q = await get('/api/v1/questions', w.keys.oslo);
    expect(q.statusCode).toBe(200);
    expect(q.body).toContain(OSLO_TEXT);
    expect(q.body).not.toContain(OTHER_TEXT);
    const row = (q.json() as { data: Array<Record<string, unknown>> }).data[0];
    expect(row).toMatchObject({
      platform: 'facebook',
      waited_hours: 26,
      permalink: 'https://www.facebook.com/oslo_post?comment_id=oslo_q',
    });
  });

  test('county and sector aggregates come suppressed, without other municipalities’ account ids', async () => {
    const county = (await get('/api/v1/indicators?scope=county&id=03', w.keys.oslo)).json() as {
      data: Array<{ values: Record<string, unknown>; suppressed?: boolean; gap_accounts: string[] }>;
    };
    expect(county.data[0]?.suppressed).toBe(true);
    expect(county.data[0]?.values.dialogue_index).toBeNull();
    const sector = (await get('/api/v1/indicators?scope=sector', w.keys.oslo)).json() as { data: Array<{ gap_accounts: string[] }> };
    expect(sector.data[0]?.gap_accounts).toEqual([]);
  });

  test('the other municipality’s key gets only its own question text', async () => {
    const q = await get('/api/v1/questions', w.keys.eigersund);
    expect(q.body).toContain('EIGERSUND-PRIVATE-QUESTION');
    expect(q.body).not.toContain(OSLO_TEXT);
  });
});

describe('the sector key sees aggregates only', () => {
  test('never receives comment text from any route', async () => {
    for (const url of [
      ...apiRoutes(),
      '/sector',
      '/m/0301',
      '/m/1101',
      '/api/v1/exports/indicators.csv?scope=municipality',
      '/api/v1/open-data/sector-aggregates.json',
    ]) {
      const r = await get(url, w.keys.sector);
      expect(r.body, url).not.toContain(OSLO_TEXT);
      expect(r.body, url).not.toContain('EIGERSUND-PRIVATE');
      expect(r.body, url).not.toContain('comment_id=');
    }
  });

  test('questions, single accounts and harvest health are 403', async () => {
    for (const url of [
      '/api/v1/questions',
      `/api/v1/indicators?scope=account&id=${w.accounts.osloFb}`,
      '/api/v1/exports/indicators.csv?scope=account',
      '/api/v1/harvest-health',
      '/m/0301/questions',
    ]) {
      const r = await get(url, w.keys.sector);
      expect(r.statusCode, url).toBe(403);
    }
  });

  test('a municipality resting on fewer than 5 questions is suppressed, numerators included', async () => {
    const r = (
      await get(
        '/api/v1/indicators?scope=municipality&id=1101&ids=questions,questions_answered,response_rate,timely_rate,timely_answered,reply_share',
        w.keys.sector,
      )
    ).json() as { data: Array<{ values: Record<string, unknown>; flags: Record<string, string[]>; suppressed?: boolean }> };
    const v = r.data[0]!;
    expect(v.suppressed).toBe(true);
    expect(v.values).toEqual({
      questions: 3,
      questions_answered: null,
      response_rate: null,
      timely_rate: null,
      timely_answered: null,
      reply_share: 0.1,
    });
    const big = (await get('/api/v1/indicators?scope=municipality&id=0301&ids=response_rate', w.keys.sector)).json() as {
      data: Array<{ values: Record<string, unknown>; gap_accounts: string[] }>;
    };
    expect(big.data[0]?.values.response_rate).toBe(0.75);
    expect(big.data[0]?.gap_accounts).toEqual([]);
  });

  test('a county of fewer than 5 municipalities is suppressed; the sector is not', async () => {
    const d = (await get('/api/v1/distributions', w.keys.sector)).json() as {
      data: Array<{ id: string; suppressed?: boolean; distribution: Record<string, { median: number | null }> }>;
    };
    const oslo = d.data.find((x) => x.id === '03')!;
    const rogaland = d.data.find((x) => x.id === '11')!;
    expect(oslo.suppressed).toBe(true);
    expect(oslo.distribution.dialogue_index?.median).toBeNull();
    expect(rogaland.suppressed).toBeUndefined();
    expect(rogaland.distribution.dialogue_index?.median).toBe(45);
    // Admin sees the county's own figures, but no "median" of one municipality either (issue #23).
    const admin = (await get('/api/v1/distributions', w.keys.admin)).json() as {
      data: Array<{
        id: string;
        values: Record<string, unknown>;
        distribution: Record<string, { median: number | null; municipalities: number; suppressed?: boolean }>;
      }>;
    };
    const adminOslo = admin.data.find((x) => x.id === '03')!;
    expect(adminOslo.values.dialogue_index).toBe(47);
    expect(adminOslo.distribution.dialogue_index).toEqual({ p25: null, median: null, p75: null, municipalities: 1, suppressed: true });
    expect(admin.data.find((x) => x.id === '11')?.distribution.dialogue_index?.median).toBe(45);
  });

  test('account listings carry no harvest status', async () => {
    const r = (await get('/api/v1/accounts', w.keys.sector)).json() as { data: Array<Record<string, unknown>> };
    expect(r.data.length).toBe(3);
    for (const a of r.data) expect(a).not.toHaveProperty('status');
  });
});

describe('admin', () => {
  test('harvest health: last success, gaps, needs_reauth, quota today', async () => {
    const h = (await get('/api/v1/harvest-health', w.keys.admin)).json() as {
      needs_reauth: string[];
      quota_today: { platforms: Array<{ platform: string; calls: number }> };
      accounts: Array<{ id: string; last_success_at: string | null; last_error_code: string | null; gaps_7d: Array<{ hours: number }> }>;
    };
    expect(h.needs_reauth).toEqual([w.accounts.osloYt]);
    expect(h.quota_today.platforms).toEqual([{ platform: 'facebook', runs: 2, calls: 4, quota_units: 4 }]);
    const fb = h.accounts.find((a) => a.id === w.accounts.osloFb)!;
    expect(fb.last_success_at).toBe('2026-11-25T08:05:00.000Z');
    expect(fb.gaps_7d.map((g) => g.hours)).toEqual([6, 4]);
    expect(h.accounts.find((a) => a.id === w.accounts.eigFb)?.last_error_code).toBe('PLATFORM_UNAVAILABLE');
  });

  test('questions stay with the municipality: admin gets 403', async () => {
    expectError(await get('/api/v1/questions', w.keys.admin), 403, 'FORBIDDEN');
  });

  test('unknown ids are 404 for admin', async () => {
    expectError(await get('/api/v1/municipalities/9999', w.keys.admin), 404, 'NOT_FOUND');
    expectError(await get('/api/v1/accounts/987654', w.keys.admin), 404, 'NOT_FOUND');
    expectError(await get('/api/v1/indicators?scope=county&id=99', w.keys.admin), 404, 'NOT_FOUND');
    expectError(await get('/api/v1/nothing-here', w.keys.admin), 404, 'NOT_FOUND');
  });
});
