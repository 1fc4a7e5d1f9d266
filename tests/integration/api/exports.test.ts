import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { OPEN_DATA_COLUMNS } from '../../../src/api/routes/open-data.js';
import { useTestDb } from '../../helpers/test-db.js';
import { bearer, buildWorld, type World } from './fixture.js';

/**
 * Issue #23 acceptance: each export opened with a real reader (exceljs for XLSX, csv-parse with the Norwegian
 * dialect for CSV), its names and formats checked, and its numbers equal to the API's for the same scope and
 * weeks (rounded as the dashboard shows them); open data readable cross-origin by GET only, cacheable, and
 * described by a Frictionless datapackage.json.
 */
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

const get = (url: string, key = w.keys.admin, headers: Record<string, string> = {}) =>
  w.app.inject({ method: 'GET', url, headers: { ...bearer(key), ...headers } });
const round = (v: unknown, d: number) => (typeof v === 'number' ? Math.round(v * 10 ** d) / 10 ** d : v);
type ApiRow = {
  id: string;
  week: string;
  values: Record<string, number | string | null>;
  distribution?: Record<string, { median: number | null }>;
};

/** Norwegian Excel CSV → objects keyed by the column ids of the second header line, numbers with decimal comma. */
function readExcelNb(body: Buffer): { labels: string[]; rows: Array<Record<string, string>> } {
  const records = parse(body, { bom: true, delimiter: ';', record_delimiter: '\r\n' }) as string[][];
  const [labels, ids, ...rows] = records;
  return { labels: labels!, rows: rows.map((r) => Object.fromEntries(ids!.map((id, i) => [id, r[i] ?? '']))) };
}
const nbNumber = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s.replace(',', '.')));

describe('indicator exports, read back', () => {
  test('excel-nb CSV of municipalities: BOM, semicolons, names beside codes, numbers equal the API’s', async () => {
    const r = await get('/api/v1/exports/indicators.csv?scope=municipality&from=2026-W40&to=2026-W47&dialect=excel-nb');
    expect(r.statusCode).toBe(200);
    expect([...r.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { labels, rows } = readExcelNb(r.rawPayload);
    expect(labels.slice(0, 5)).toEqual(['Nivå', 'Kode', 'Navn', 'Fylkesnr.', 'Fylke']);
    expect(labels).toContain('Svarandel');
    const api = (await get('/api/v1/indicators?scope=municipality&id=1101&from=2026-W40&to=2026-W47')).json() as { data: ApiRow[] };
    const eig = rows.filter((x) => x.id === '1101');
    expect(eig).toHaveLength(8);
    expect(eig[0]).toMatchObject({ name: 'Eigersund', county: '11', county_name: 'Rogaland' });
    for (const a of api.data) {
      const row = eig.find((x) => x.week === a.week)!;
      expect(nbNumber(row.response_rate)).toBe(round(a.values.response_rate, 2)); // 2/3 → 0,67 as "67 %"
      expect(nbNumber(row.timely_rate)).toBe(round(a.values.timely_rate, 2));
      expect(nbNumber(row.dialogue_index)).toBe(a.values.dialogue_index);
      expect(nbNumber(row.questions)).toBe(a.values.questions);
    }
    expect(eig[0]!.response_rate).toBe('0,67');
  });

  test('XLSX of municipalities: formats, frozen header, autofilter, names, Definisjoner, numbers equal the API’s', async () => {
    const r = await get('/api/v1/exports/indicators.xlsx?scope=municipality&from=2026-W47&to=2026-W47');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Indikatorer')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const head = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (label: string) => head.indexOf(label) + 1;
    expect(ws.autoFilter).toBe(`A1:${ws.getColumn(head.length).letter}3`);
    const oslo = ws.getRow(2);
    expect(oslo.getCell(col('Kode')).value).toBe('0301');
    expect(oslo.getCell(col('Navn')).value).toBe('Oslo - Oslove');
    expect(oslo.getCell(col('Fylke')).value).toBe('Oslo');
    expect(oslo.getCell(col('Svarandel')).value).toBe(0.75);
    expect(oslo.getCell(col('Svarandel')).numFmt).toBe('0%');
    expect(oslo.getCell(col('Dialogindeks')).value).toBe(47);
    expect(oslo.getCell(col('Dialogindeks')).numFmt).toBe('0');
    expect(oslo.getCell(col('Median svartid (timer)')).numFmt).toBe('0.0');
    expect(ws.getColumn(col('Svarandel av egen produksjon')).width).toBeGreaterThan(10);
    const api = (await get('/api/v1/indicators?scope=municipality&id=1101&from=2026-W47&to=2026-W47')).json() as { data: ApiRow[] };
    expect(ws.getRow(3).getCell(col('Svarandel')).value).toBe(round(api.data[0]!.values.response_rate, 2));
    const defs = wb.getWorksheet('Definisjoner')!;
    const ids: string[] = [];
    defs.eachRow((row, i) => i > 1 && row.getCell(2).text && ids.push(row.getCell(2).text));
    expect(ids.slice(0, 5)).toEqual(['scope', 'id', 'name', 'county', 'county_name']);
    expect(ids).toContain('response_rate');
  });

  test('the sector role’s county export: no row of bare empty cells, each explained, numbers equal the API’s', async () => {
    const r = await get('/api/v1/exports/indicators.csv?scope=county&from=2026-W47&to=2026-W47&dialect=excel-nb', w.keys.sector);
    const { rows } = readExcelNb(r.rawPayload);
    expect(rows.map((x) => [x.id, x.name])).toEqual([
      ['03', 'Oslo'],
      ['11', 'Rogaland'],
    ]);
    const [oslo, rogaland] = rows;
    expect(oslo).toMatchObject({
      municipalities_register: '1',
      municipalities_measured: '1',
      dialogue_index: '',
      dialogue_index_median: '',
    });
    expect(oslo!.note).toBe('Skjult: tallene hviler på færre enn 5 kommuner med overvåket konto (1 målt i uka).');
    const api = (await get('/api/v1/indicators?scope=county&id=11&from=2026-W47&to=2026-W47', w.keys.sector)).json() as { data: ApiRow[] };
    expect(nbNumber(rogaland!.response_rate)).toBe(round(api.data[0]!.values.response_rate, 2));
    expect(nbNumber(rogaland!.dialogue_index_median)).toBe(api.data[0]!.distribution!.dialogue_index!.median);
    expect(Number(rogaland!.municipalities_register)).toBeGreaterThan(5);
    expect(rogaland!.note).toBe('');
  });

  test('rfc4180 is the default: one header line of ids, comma, decimal point; English labels on lang=en', async () => {
    const r = await get('/api/v1/exports/indicators.csv?scope=sector&from=2026-W47&to=2026-W47');
    const recs = parse(r.body, { columns: true }) as Array<Record<string, string>>;
    expect(recs[0]).toMatchObject({ id: 'NO', name: 'Norge', response_rate: '0.6', dialogue_index: '52', dialogue_index_median: '45' });
    const en = readExcelNb(
      (await get('/api/v1/exports/indicators.csv?scope=sector&from=2026-W47&to=2026-W47&dialect=excel-nb&lang=en')).rawPayload,
    );
    expect(en.labels).toContain('Response rate');
    expect((await get('/api/v1/exports/indicators.csv?scope=sector&dialect=excel')).statusCode).toBe(400);
    expect((await get('/api/v1/exports/indicators.xlsx?scope=sector&dialect=excel-nb')).statusCode).toBe(400);
  });
});

describe('open data', () => {
  const ORIGIN = 'https://www.ks.no';

  test('a simple cross-origin GET is allowed, with an ETag that answers 304', async () => {
    const r = await w.app.inject({ url: '/api/v1/open-data/sector-aggregates.csv?from=2026-W47&to=2026-W47', headers: { origin: ORIGIN } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['cache-control']).toBe('public, max-age=300');
    const etag = r.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(String(r.headers['access-control-expose-headers'])).toContain('ETag');
    const again = await w.app.inject({
      url: '/api/v1/open-data/sector-aggregates.csv?from=2026-W47&to=2026-W47',
      headers: { origin: ORIGIN, 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const json = await w.app.inject({
      url: '/api/v1/open-data/sector-aggregates.json?from=2026-W47&to=2026-W47',
      headers: { origin: ORIGIN },
    });
    expect(json.headers['access-control-allow-origin']).toBe('*');
    expect(json.headers.etag).toBeDefined();
  });

  test('preflight allows GET and HEAD only; other methods are refused; other routes get no CORS', async () => {
    const pre = await w.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/open-data/sector-aggregates.json',
      headers: { origin: ORIGIN, 'access-control-request-method': 'GET' },
    });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-methods']).toBe('GET, HEAD');
    const post = await w.app.inject({
      method: 'POST',
      url: '/api/v1/open-data/sector-aggregates.json',
      headers: { origin: ORIGIN },
      payload: {},
    });
    expect(post.statusCode).toBe(404);
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    const del = await w.app.inject({ method: 'DELETE', url: '/api/v1/open-data/sector-aggregates.csv', headers: { origin: ORIGIN } });
    expect(del.statusCode).toBe(404);
    const api = await get('/api/v1/me', w.keys.admin, { origin: ORIGIN });
    expect(api.headers['access-control-allow-origin']).toBeUndefined();
    const apiPre = await w.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/indicators',
      headers: { origin: ORIGIN, 'access-control-request-method': 'GET' },
    });
    expect(apiPre.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('excel-nb open data, and a datapackage.json whose schema matches the CSV', async () => {
    const nb = readExcelNb(
      (await w.app.inject({ url: '/api/v1/open-data/sector-aggregates.csv?from=2026-W47&to=2026-W47&dialect=excel-nb' })).rawPayload,
    );
    expect(nb.labels[2]).toBe('Uke');
    expect(nb.rows[0]).toMatchObject({ id: 'NO', name: 'Norge', response_rate: '0,6' });
    const r = await w.app.inject({ url: '/api/v1/open-data/datapackage.json', headers: { origin: ORIGIN } });
    expect(r.headers['access-control-allow-origin']).toBe('*');
    const pkg = r.json() as {
      profile: string;
      resources: Array<{ path: string; schema?: { fields: Array<{ name: string; type: string }>; primaryKey: string[] } }>;
    };
    expect(pkg.profile).toBe('tabular-data-package');
    const csv = pkg.resources.find((x) => x.path === 'sector-aggregates.csv')!;
    expect(csv.schema!.fields.map((f) => f.name)).toEqual(OPEN_DATA_COLUMNS);
    expect(csv.schema!.primaryKey).toEqual(['week', 'scope', 'id']);
    // The shape Frictionless requires: every resource a name and a path, tabular ones schema.fields; a licence
    // (NLOD 2.0 unless the operator chose another) and SSB among the sources.
    const full = pkg as typeof pkg & {
      licenses?: Array<Record<string, string>>;
      sources?: Array<Record<string, string>>;
      resources: Array<{ name?: string; profile?: string }>;
    };
    for (const res of full.resources) {
      expect(res.name, JSON.stringify(res)).toMatch(/^[-a-z0-9._/]+$/);
      expect(typeof (res as { path?: unknown }).path).toBe('string');
      if (res.profile === 'tabular-data-resource')
        expect((res as { schema?: { fields?: unknown[] } }).schema?.fields?.length).toBeGreaterThan(0);
    }
    expect(full.licenses).toEqual([
      { name: 'NLOD-2.0', path: 'https://data.norge.no/nlod/no/2.0', title: 'Norsk lisens for offentlige data (NLOD) 2.0' },
    ]);
    expect(full.sources?.every((x) => typeof x.title === 'string' && x.title.length > 0)).toBe(true);
    expect(full.sources?.some((x) => x.title?.includes('Statistisk sentralbyrå') && x.path?.startsWith('https://www.ssb.no/'))).toBe(true);
    // Every value of the CSV fits its declared type.
    const recs = parse((await w.app.inject({ url: '/api/v1/open-data/sector-aggregates.csv?from=2026-W40&to=2026-W47' })).body, {
      columns: true,
    }) as Array<Record<string, string>>;
    expect(recs.length).toBe(24);
    for (const f of csv.schema!.fields) {
      for (const rec of recs) {
        const v = rec[f.name] ?? '';
        if (v === '') continue;
        if (f.type === 'integer') expect(v, f.name).toMatch(/^-?\d+$/);
        if (f.type === 'number') expect(Number.isFinite(Number(v)), f.name).toBe(true);
        if (f.type === 'boolean') expect(['true', 'false']).toContain(v);
      }
    }
  });
});
