import { existsSync } from 'node:fs';

import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { buildApp } from '../../../src/api/app.js';
import { fixedClock } from '../../../src/clock.js';
import { parseCsv } from '../../../src/formats/csv.js';
import { INDICATOR_IDS } from '../../../src/indicators/definitions.js';
import { createApiKey } from '../../../src/store/api-keys.js';
import { importPopulation } from '../../../src/store/population.js';
import { insertAccount } from '../../helpers/builders.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';

/**
 * Size-band trends with year-on-year weeks, and the annual "Dialog i kommunesektoren" summary, on stored
 * indicator rows: six small municipalities (Facebook; two also on X) and Oslo (Facebook, YouTube), with rows
 * for 2025-W46–W47 and 2026-W46–W47. Checks the sums, the same ISO weeks a year earlier, suppression, the
 * surveyed-vs-measured rows, the CSV against the JSON, the page and (with Chromium) the PDF.
 */
const NOW = new Date('2026-11-25T12:00:00Z');
const SMALL = ['1111', '1112', '1114', '1133', '1134', '1135'];
let t: Awaited<ReturnType<typeof useTestDb>>;
let app: FastifyInstance;
const keys = { admin: '', sector: '' };
const get = (url: string, key: string) => app.inject({ url, headers: { authorization: `Bearer ${key}` } });

async function row(scope: string, id: string, week: string, v: Record<string, number>, n: Record<string, number> = {}): Promise<void> {
  const values = { ...Object.fromEntries(INDICATOR_IDS.map((x) => [x, 0])), ...v };
  await t.db.query(
    `insert into indicator_values (scope, scope_id, week, definition_version, "values", n, flags, coverage, gap_accounts, provisional, distribution, computed_at)
     values ($1, $2, $3, 1, $4::jsonb, $5::jsonb, '{}'::jsonb, 1, '[]'::jsonb, false, null, $6)`,
    [scope, id, week, JSON.stringify(values), JSON.stringify(n), NOW],
  );
}

beforeAll(async () => {
  t = await useTestDb();
  await importPopulation(t.db);
  for (const [i, code] of [...SMALL, '0301'].entries()) {
    const fb = await insertAccount(t.db, { municipality: code, platform: 'facebook', externalId: `fb-${code}` });
    const other =
      code === '0301'
        ? await insertAccount(t.db, { municipality: code, platform: 'youtube', externalId: `yt-${code}` })
        : i < 2
          ? await insertAccount(t.db, { municipality: code, platform: 'x', externalId: `x-${code}` })
          : null;
    for (const week of ['2025-W46', '2025-W47', '2026-W46', '2026-W47']) {
      const thisYear = week.startsWith('2026');
      // Small: 4 questions a week, 2 answered last year and 3 this year; Oslo: 10 questions, 5 answered.
      const q = code === '0301' ? 10 : 4;
      const a = code === '0301' ? 5 : thisYear ? 3 : 2;
      await row('municipality', code, week, {
        owner_posts: 5,
        owner_replies: 1,
        citizen_posts: 0,
        citizen_comments: 6,
        questions: q,
        questions_answered: a,
      });
      await row('account', fb, week, { owner_posts: 5 });
      // The second account posts only this year (Oslo's YouTube) or never (the X accounts).
      if (other) await row('account', other, week, { owner_posts: code === '0301' && thisYear ? 1 : 0 });
    }
  }
  for (const week of ['2026-W46', '2026-W47'])
    await row(
      'sector',
      'NO',
      week,
      { owner_posts: 35, posts_with_citizen_comments: 14, questions: 34, questions_answered: 23 },
      { municipalities: 7 },
    );
  keys.admin = (await createApiKey(t.db, { role: 'admin', municipality: null, name: 'a' }, NOW)).key;
  keys.sector = (await createApiKey(t.db, { role: 'sector', municipality: null, name: 's' }, NOW)).key;
  app = buildApp({ db: t.db, log: silentLogger, clock: fixedClock(NOW), secret: 'annual-secret-0123456789abcdef0123' });
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.drop();
});

type Iv = { value: number | null; n: number; low: number | null; high: number | null };
type BandPoint = {
  week: string;
  municipalities: number;
  questions: number;
  response_rate: Iv;
  reply_share: number | null;
  suppressed?: true;
  last_year: (BandPoint & { week: string }) | null;
};
type Band = { band: string; total: { now: BandPoint; last_year: BandPoint | null }; data: BandPoint[] };

describe('size bands and the same weeks a year earlier', () => {
  test('band-weeks sum their municipalities and sit beside the same ISO week of the year before', async () => {
    const r = await get('/api/v1/trends/size-bands?from=2026-W46&to=2026-W47', keys.admin);
    expect(r.statusCode).toBe(200);
    const bands = new Map((r.json() as { bands: Band[] }).bands.map((b) => [b.band, b]));
    const small = bands.get('small') as Band;
    expect(small.data.map((d) => d.week)).toEqual(['2026-W46', '2026-W47']);
    expect(small.data[0]).toMatchObject({ municipalities: 6, questions: 24, response_rate: { value: 18 / 24, n: 24 }, reply_share: 1 / 6 });
    expect(small.data[0]?.last_year).toMatchObject({ week: '2025-W46', questions: 24, response_rate: { value: 12 / 24 } });
    expect(small.total.now.response_rate.value).toBeCloseTo(36 / 48, 12);
    expect(small.total.last_year?.response_rate.value).toBeCloseTo(24 / 48, 12);
    expect(bands.get('large')?.data[1]).toMatchObject({ municipalities: 1, response_rate: { value: 0.5, n: 10 } });
    expect(bands.get('medium')?.data[0]).toMatchObject({ municipalities: 0, response_rate: { value: null }, last_year: null });
  });

  test('the sector role sees no band ratio resting on fewer than 5 municipalities; the page shows the comparison', async () => {
    const bands = new Map(
      ((await get('/api/v1/trends/size-bands?from=2026-W46&to=2026-W47', keys.sector)).json() as { bands: Band[] }).bands.map((b) => [
        b.band,
        b,
      ]),
    );
    expect(bands.get('small')?.data[0]?.response_rate.value).toBe(0.75);
    expect(bands.get('large')?.data[0]).toMatchObject({ suppressed: true, response_rate: { value: null, n: 10 } });
    const login = await app.inject({ method: 'POST', url: '/login', payload: { key: keys.sector } });
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const page = await app.inject({ url: '/sector/size-bands?from=2026-W46&to=2026-W47', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('75 % (');
    expect(page.body).toContain('+25,0');
    expect(page.body).toContain('skjult (færre enn 5 kommuner)');
  });
});

type Measure = {
  id: string;
  surveyed_2011: number | null;
  observable: string;
  measured: Iv | null;
  smalltalk_rank?: unknown;
  suppressed?: true;
};

describe('the annual summary: the 2011 survey, measured', () => {
  test('surveyed and measured figures side by side, per platform, with n and intervals', async () => {
    const r = await get('/api/v1/annual-summary?year=2026', keys.admin);
    expect(r.statusCode).toBe(200);
    const b = r.json() as {
      from: string;
      to: string;
      complete: boolean;
      register_municipalities: number;
      active_municipalities: number;
      measures: Measure[];
      platforms: Array<{ platform: string; monitored: number; active: number; share_of_active: Iv }>;
    };
    expect(b).toMatchObject({ from: '2026-W01', to: '2026-W47', complete: false, active_municipalities: 7 });
    const m = new Map(b.measures.map((x) => [x.id, x]));
    expect(m.get('on_social_media')).toMatchObject({
      surveyed_2011: 0.58,
      observable: 'yes',
      measured: { value: 7 / b.register_municipalities, n: b.register_municipalities },
    });
    expect(m.get('facebook')?.measured).toMatchObject({ value: 1, n: 7 });
    expect(m.get('twitter')).toMatchObject({ surveyed_2011: 0.42, measured: { value: 0, n: 7 } });
    expect(m.get('youtube')?.measured?.value).toBeCloseTo(1 / 7, 12);
    expect(m.get('few_citizen_posts')?.measured).toMatchObject({ value: 28 / 70, n: 70 });
    expect(m.get('no_resources_to_answer')).toMatchObject({
      surveyed_2011: 0.21,
      observable: 'counterpart',
      measured: { value: 46 / 68, n: 68 },
    });
    expect(m.get('goal_dialogue_services')).toMatchObject({ surveyed_2011: 0.37, observable: 'no', measured: null });
    expect(b.platforms.find((p) => p.platform === 'x')).toMatchObject({ monitored: 2, active: 0 });

    const csv = await get('/api/v1/exports/annual-summary.csv?year=2026', keys.admin);
    const [head, ...rows] = parseCsv(csv.body).map((x) => x.fields);
    const col = (n: string) => (head as string[]).indexOf(n);
    for (const x of b.measures) {
      const line = rows.find((l) => l[col('measure')] === x.id) as string[];
      expect(line[col('surveyed_2011')]).toBe(x.surveyed_2011 === null ? '' : String(x.surveyed_2011));
      // Rounded as the page shows a share (whole percent: 2 decimals).
      expect(line[col('measured')]).toBe(x.measured?.value == null ? '' : String(Math.round(x.measured.value * 100) / 100));
    }
  });

  test('the XLSX: measure names beside codes, percent formats, Definisjoner; numbers equal the API’s', async () => {
    const api = (await get('/api/v1/annual-summary?year=2026', keys.admin)).json() as {
      measures: Measure[];
      platforms: Array<{ platform: string; share_of_active: Iv }>;
    };
    const r = await get('/api/v1/exports/annual-summary.xlsx?year=2026', keys.admin);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain('lyttepost-annual-summary-2026.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Årsoversikt', 'Definisjoner']);
    const ws = wb.getWorksheet('Årsoversikt')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const head = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (label: string) => head.indexOf(label) + 1;
    expect(head.slice(3, 6)).toEqual(['Mål (kode)', 'Spørsmål fra 2011', 'Kartlagt 2011 (selvrapportert)']);
    const rows = api.measures.length + api.platforms.length;
    expect(ws.autoFilter).toBe(`A1:${ws.getColumn(head.length).letter}${rows + 1}`);
    const round = (v: number | null | undefined) => (v == null ? null : Math.round(v * 100) / 100);
    api.measures.forEach((m, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(col('Mål (kode)')).value).toBe(m.id);
      expect(row.getCell(col('Kartlagt 2011 (selvrapportert)')).value ?? null).toBe(m.surveyed_2011);
      expect(row.getCell(col('Målt (observert)')).value ?? null).toBe(round(m.measured?.value));
      expect(row.getCell(col('Målt (observert), n')).value ?? null).toBe(m.measured?.n ?? null);
    });
    const social = ws.getRow(2);
    expect(social.getCell(col('Spørsmål fra 2011')).value).toBe('Kommuner på sosiale medier');
    expect(social.getCell(col('Kartlagt 2011 (selvrapportert)')).value).toBe(0.58);
    expect(social.getCell(col('Kartlagt 2011 (selvrapportert)')).numFmt).toBe('0%');
    expect(social.getCell(col('Målt (observert)')).numFmt).toBe('0%');
    const x = ws.getRow(api.measures.length + 2 + api.platforms.findIndex((p) => p.platform === 'x'));
    expect(x.getCell(col('Mål (kode)')).value).toBe('platform_x');
    expect(x.getCell(col('Spørsmål fra 2011')).value).toBe('X');
    const defs = wb.getWorksheet('Definisjoner')!;
    const ids: string[] = [];
    defs.eachRow((row, i) => i > 1 && row.getCell(3).value && ids.push(row.getCell(2).text));
    expect(ids).toEqual(expect.arrayContaining(['measure', 'measure_name', 'surveyed_2011', 'measured', 'measured_low', 'smalltalk_rank']));
    expect((await get('/api/v1/exports/annual-summary.xlsx?year=2026&dialect=excel-nb', keys.admin)).statusCode).toBe(400);
  });

  test('the page says which numbers are surveyed and which measured; a year not begun is refused', async () => {
    const login = await app.inject({ method: 'POST', url: '/login', payload: { key: keys.sector } });
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const page = await app.inject({ url: '/sector/annual?year=2026', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kartlagt 2011 (selvrapportert)');
    expect(page.body).toContain('Målt 2026 (observert)');
    expect(page.body).toContain('kan ikke måles');
    expect(page.body).toContain('href="/api/v1/exports/annual-summary.xlsx?year=2026"');
    expect(page.body).toContain('href="/api/v1/exports/annual-summary.csv?year=2026&amp;dialect=excel-nb"');
    expect((await app.inject({ url: '/sector/annual?lang=en', headers: { cookie } })).body).toContain(
      'Dialogue in the municipal sector 2026',
    );
    expect((await get('/api/v1/annual-summary?year=2027', keys.sector)).statusCode).toBe(400);
    expect((await get('/api/v1/annual-summary?year=abc', keys.sector)).statusCode).toBe(400);
  });

  test.skipIf(!existsSync('/usr/bin/chromium'))(
    'the PDF is rendered by the reports’ Chromium path',
    async () => {
      const login = await app.inject({ method: 'POST', url: '/login', payload: { key: keys.sector } });
      const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
      const pdf = await app.inject({ url: '/sector/annual.pdf?year=2026', headers: { cookie } });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    },
    60_000,
  );
});
