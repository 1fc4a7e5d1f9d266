import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { buildApp } from '../../../src/api/app.js';
import { CLASSIFIER_VERSION } from '../../../src/classifier/version.js';
import { fixedClock } from '../../../src/clock.js';
import { parseCsv } from '../../../src/formats/csv.js';
import { computeIndicators } from '../../../src/jobs/compute-indicators.js';
import { createApiKey } from '../../../src/store/api-keys.js';
import { importPopulation } from '../../../src/store/population.js';
import { insertAccount, insertItem } from '../../helpers/builders.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';

/**
 * /api/v1/post-kinds, its CSV export and the /sector/post-kinds page on a small stored world: six small
 * municipalities and Oslo, each with a "god helg" post that drew comments (one a question, answered) and a
 * service notice with one unanswered question. Checks the figures, who sees what, and that the CSV carries
 * the API's numbers.
 */
const NOW = new Date('2026-11-25T12:00:00Z');
const SMALL = ['1111', '1112', '1114', '1133', '1134', '1135'];
let t: Awaited<ReturnType<typeof useTestDb>>;
let app: FastifyInstance;
const keys = { admin: '', sector: '', oslo: '' };
const get = (url: string, key: string) => app.inject({ url, headers: { authorization: `Bearer ${key}` } });

async function post(
  code: string,
  n: number,
  kind: string,
  at: string,
  comments: Array<{ q: boolean; answeredAfterH?: number }>,
): Promise<void> {
  const acct = await insertAccount(t.db, { municipality: code, platform: 'facebook', externalId: `fb-${code}` }).catch(async () => {
    const { rows } = await t.db.query<{ id: number }>('select id from accounts where external_id = $1', [`fb-${code}`]);
    return String(rows[0]!.id);
  });
  const root = `${code}_p${n}`;
  const pid = await insertItem(t.db, {
    accountId: acct,
    platform: 'facebook',
    externalId: root,
    role: 'owner',
    author: 'page',
    createdAt: at,
    text: 'x',
  });
  await t.db.query(`insert into classifications (item_id, classifier_version, post_kind, classified_at) values ($1, $2, $3, $4)`, [
    pid,
    CLASSIFIER_VERSION,
    kind,
    NOW,
  ]);
  let k = 0;
  for (const c of comments) {
    const id = `${root}_c${k++}`;
    const cat = new Date(Date.parse(at) + k * 3_600_000);
    const cid = await insertItem(t.db, {
      accountId: acct,
      platform: 'facebook',
      externalId: id,
      parent: root,
      root,
      branch: id,
      author: `r${k}`,
      createdAt: cat,
    });
    await t.db.query(
      `insert into classifications (item_id, classifier_version, needs_answer, kind, classified_at) values ($1, $2, $3, $4, $5)`,
      [cid, CLASSIFIER_VERSION, c.q, c.q ? 'question' : 'other', NOW],
    );
    if (c.answeredAfterH !== undefined) {
      await insertItem(t.db, {
        accountId: acct,
        platform: 'facebook',
        externalId: `${id}_a`,
        parent: id,
        root,
        branch: id,
        role: 'owner',
        author: 'page',
        createdAt: new Date(cat.getTime() + c.answeredAfterH * 3_600_000),
      });
    }
  }
}

beforeAll(async () => {
  t = await useTestDb();
  await importPopulation(t.db);
  for (const code of [...SMALL, '0301']) {
    await post(code, 1, 'smalltalk', '2026-11-13T14:00:00Z', [{ q: false }, { q: true, answeredAfterH: 2 }, { q: false }]);
    await post(code, 2, 'service_info', '2026-11-16T09:00:00Z', [{ q: true }]);
  }
  // Oslo: more questions, one answered too late (8 days).
  await post('0301', 3, 'service_info', '2026-11-17T09:00:00Z', [
    { q: true, answeredAfterH: 2 },
    { q: true, answeredAfterH: 8 * 24 },
    { q: true },
    { q: true },
  ]);
  // The figures are the sums the indicator recompute stores (src/store/post-kind-weeks.ts).
  await computeIndicators({ weeks: ['2026-W46', '2026-W47'] }, { db: t.db, log: silentLogger, clock: fixedClock(NOW) });
  for (const [role, muni] of [
    ['admin', null],
    ['sector', null],
    ['oslo', '0301'],
  ] as const) {
    keys[role] = (await createApiKey(t.db, { role: role === 'oslo' ? 'municipality' : role, municipality: muni, name: role }, NOW)).key;
  }
  app = buildApp({ db: t.db, log: silentLogger, clock: fixedClock(NOW), secret: 'post-kinds-secret-0123456789abcdef' });
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.drop();
});

type Iv = { value: number | null; n: number; low: number | null; high: number | null };
type Kind = {
  kind: string;
  posts: number;
  share: Iv;
  commented_share: Iv;
  comments_per_post: Iv;
  questions_per_post: Iv;
  response_rate: Iv;
  suppressed?: string[];
};
type Scope = { scope: string; id: string; municipalities: number; posts: number; kinds: Kind[] };
type Body = { sector: Scope; size_bands: Scope[]; municipalities: Scope[] };
const kind = (s: Scope, k: string) => s.kinds.find((x) => x.kind === k) as Kind;
const round = (v: number | null, d: number) => (v === null ? null : Math.round(v * 10 ** d) / 10 ** d);
const Q = '?from=2026-W46&to=2026-W47';

describe('post kinds', () => {
  test('the sector figures per kind, with n and intervals', async () => {
    const r = await get(`/api/v1/post-kinds${Q}`, keys.admin);
    expect(r.statusCode).toBe(200);
    const b = r.json() as Body;
    expect(b.sector.posts).toBe(15);
    expect(b.sector.municipalities).toBe(7);
    const small = kind(b.sector, 'smalltalk');
    expect(small.posts).toBe(7);
    expect(small.share.value).toBeCloseTo(7 / 15, 12);
    expect(small.share.low).toBeLessThan(7 / 15);
    expect(small.comments_per_post).toEqual({ value: 3, n: 7, low: 3, high: 3 });
    expect(small.response_rate.value).toBe(1);
    const info = kind(b.sector, 'service_info');
    // 7 posts with one question each + Oslo's post with 4 questions: 11 questions, 1 answered within 7 days.
    expect(info.questions_per_post.value).toBeCloseTo(11 / 8, 12);
    expect(info.questions_per_post.n).toBe(8);
    expect(info.response_rate).toMatchObject({ value: 1 / 11, n: 11 });
    expect(info.response_rate.low).toBeGreaterThan(0);
    expect(kind(b.sector, 'crisis').posts).toBe(0);
    expect(kind(b.sector, 'crisis').comments_per_post.value).toBeNull();
    // Size bands: six small municipalities and Oslo (large) alone.
    const bands = new Map(b.size_bands.map((s) => [s.id, s]));
    expect(bands.get('small')?.posts).toBe(12);
    expect(bands.get('large')?.posts).toBe(3);
    expect(b.municipalities.map((m) => m.id)).toEqual(['0301', ...SMALL]);
    expect(kind(b.municipalities[1] as Scope, 'service_info').response_rate).toMatchObject({ value: 0, n: 1 });
  });

  test('the sector role gets small groups suppressed; a municipality key only its own municipality', async () => {
    const s = (await get(`/api/v1/post-kinds${Q}`, keys.sector)).json() as Body;
    expect(kind(s.sector, 'smalltalk').comments_per_post.value).toBe(3);
    const large = s.size_bands.find((x) => x.id === 'large') as Scope;
    expect(large.posts).toBe(0);
    expect(kind(large, 'service_info').suppressed).toContain('responseRate');
    expect(kind(large, 'service_info').questions_per_post.value).toBeNull();
    const eig = s.municipalities.find((m) => m.id === '1111') as Scope;
    expect(kind(eig, 'service_info').response_rate.value).toBeNull();
    expect(kind(eig, 'service_info').suppressed).toEqual(['responseRate']);
    const oslo = (await get(`/api/v1/post-kinds${Q}`, keys.oslo)).json() as Body;
    expect(oslo.municipalities.map((m) => m.id)).toEqual(['0301']);
    expect(kind(oslo.municipalities[0] as Scope, 'smalltalk').response_rate.value).toBe(1);
    expect((await get(`/api/v1/post-kinds${Q}&municipality=1111`, keys.oslo)).statusCode).toBe(403);
    expect((await get(`/api/v1/post-kinds?from=2026-W47&to=2026-W46`, keys.admin)).statusCode).toBe(400);
    expect((await app.inject({ url: `/api/v1/post-kinds${Q}` })).statusCode).toBe(401);
  });

  test('the CSV export carries the API’s numbers', async () => {
    const api = (await get(`/api/v1/post-kinds${Q}`, keys.sector)).json() as Body;
    const r = await get(`/api/v1/exports/post-kinds.csv${Q}`, keys.sector);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain('lyttepost-post-kinds-2026-W46-2026-W47.csv');
    const [head, ...rows] = parseCsv(r.body).map((x) => x.fields);
    const col = (name: string) => (head as string[]).indexOf(name);
    const scopes = [api.sector, ...api.size_bands, ...api.municipalities];
    expect(rows.length).toBe(scopes.reduce((n, s) => n + s.kinds.length, 0));
    for (const row of rows) {
      const s = scopes.find((x) => x.scope === row[col('scope')] && x.id === row[col('id')]) as Scope;
      const k = kind(s, row[col('kind')] as string);
      const num = (v: string | undefined) => (v === '' || v === undefined ? null : Number(v));
      // Rounded as the page shows them: shares to whole percent (2 decimals), per-post means to 2 decimals.
      expect(num(row[col('comments_per_post')])).toBe(round(k.comments_per_post.value, 2));
      expect(num(row[col('response_rate_low')])).toBe(round(k.response_rate.low, 2));
      expect(num(row[col('response_rate_n')])).toBe(k.response_rate.n);
      expect(row[col('suppressed')]).toBe((k.suppressed ?? []).join(' '));
    }
  });

  test('the excel-nb CSV: BOM, semicolons, names beside codes, decimal comma; numbers equal the API’s', async () => {
    const api = (await get(`/api/v1/post-kinds${Q}`, keys.admin)).json() as Body;
    const r = await get(`/api/v1/exports/post-kinds.csv${Q}&dialect=excel-nb`, keys.admin);
    expect([...r.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [labels, ids, ...rows] = parse(r.rawPayload, { bom: true, delimiter: ';', record_delimiter: '\r\n' }) as string[][];
    expect(labels!.slice(3, 10)).toEqual([
      'Nivå',
      'Kode',
      'Navn',
      'Kommuner med innlegg',
      'Innleggstype (kode)',
      'Innleggstype',
      'Innlegg',
    ]);
    const at = (row: string[], id: string) => row[ids!.indexOf(id)] ?? '';
    const nb = (s: string) => (s === '' ? null : Number(s.replace(',', '.')));
    const small = rows.find((x) => at(x, 'scope') === 'size_band' && at(x, 'id') === 'small' && at(x, 'kind') === 'smalltalk')!;
    expect(at(small, 'name')).toBe('Under 5 000 innbyggere');
    expect(at(small, 'kind_name')).toBe('Småprat («god helg»)');
    const info = rows.find((x) => at(x, 'scope') === 'sector' && at(x, 'kind') === 'service_info')!;
    const k = kind(api.sector, 'service_info');
    expect(at(info, 'questions_per_post')).toBe('1,38'); // 11 / 8
    expect(nb(at(info, 'questions_per_post'))).toBe(round(k.questions_per_post.value, 2));
    expect(nb(at(info, 'response_rate'))).toBe(round(k.response_rate.value, 2));
    expect(nb(at(info, 'share_high'))).toBe(round(k.share.high, 2));
    const en = parse((await get(`/api/v1/exports/post-kinds.csv${Q}&dialect=excel-nb&lang=en`, keys.admin)).rawPayload, {
      bom: true,
      delimiter: ';',
    }) as string[][];
    expect(en[0]).toContain('Comments per post');
    expect((await get(`/api/v1/exports/post-kinds.csv${Q}&dialect=excel`, keys.admin)).statusCode).toBe(400);
  });

  test('the XLSX: sheets, readable headers, number formats, Definisjoner; numbers equal the API’s', async () => {
    const api = (await get(`/api/v1/post-kinds${Q}`, keys.sector)).json() as Body;
    const r = await get(`/api/v1/exports/post-kinds.xlsx${Q}`, keys.sector);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers['content-disposition']).toContain('lyttepost-post-kinds-2026-W46-2026-W47.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Innleggstyper', 'Definisjoner']);
    const ws = wb.getWorksheet('Innleggstyper')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const head = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (label: string) => head.indexOf(label) + 1;
    const scopes = [api.sector, ...api.size_bands, ...api.municipalities];
    const rowCount = scopes.reduce((n, s) => n + s.kinds.length, 0);
    expect(ws.autoFilter).toBe(`A1:${ws.getColumn(head.length).letter}${rowCount + 1}`);
    expect(head).toEqual(
      expect.arrayContaining(['Kode', 'Navn', 'Innleggstype', 'Kommentarer per innlegg', 'Svarandel', 'Svarandel, nedre 95 %-grense']),
    );
    for (let i = 2; i <= rowCount + 1; i++) {
      const row = ws.getRow(i);
      const s = scopes.find((x) => x.scope === row.getCell(col('Nivå')).value && x.id === row.getCell(col('Kode')).value)!;
      const k = kind(s, row.getCell(col('Innleggstype (kode)')).text);
      const v = (label: string) => row.getCell(col(label)).value ?? null;
      expect(v('Kommentarer per innlegg')).toBe(round(k.comments_per_post.value, 2));
      expect(v('Andel av innleggene')).toBe(round(k.share.value, 2));
      expect(v('Svarandel')).toBe(round(k.response_rate.value, 2));
      expect(v('Svarandel, n')).toBe(k.response_rate.n);
      expect(v('Skjulte tall (id-er)') ?? '').toBe((k.suppressed ?? []).join(' '));
    }
    const sector = ws.getRow(2);
    expect(sector.getCell(col('Navn')).value).toBe('Norge');
    expect(sector.getCell(col('Andel av innleggene')).numFmt).toBe('0%');
    expect(sector.getCell(col('Kommentarer per innlegg')).numFmt).toBe('0.00');
    expect(sector.getCell(col('Innlegg')).numFmt).toBe('0');
    expect(ws.getColumn(col('Innleggstype')).width).toBeGreaterThanOrEqual('Tjenesteinformasjon'.length);
    const defs = wb.getWorksheet('Definisjoner')!;
    const byId = new Map<string, unknown[]>();
    defs.eachRow((row, i) => i > 1 && byId.set(row.getCell(2).text, (row.values as unknown[]).slice(1)));
    expect(byId.get('comments_per_post')?.[2]).toBe('Innbyggerkommentarer i tråden innen 7 døgn per innlegg.');
    expect(byId.get('response_rate_low')?.[2]).toBe('Nedre og øvre grense i 95 %-intervallet.');
    expect(byId.get('kind_name')?.[0]).toBe('Innleggstype');
    expect((await get(`/api/v1/exports/post-kinds.xlsx${Q}&dialect=excel-nb`, keys.sector)).statusCode).toBe(400);
  });

  test('the page answers the question in words and tables, in both languages', async () => {
    const login = await app.inject({ method: 'POST', url: '/login', payload: { key: keys.sector } });
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const nb = await app.inject({ url: `/sector/post-kinds${Q}`, headers: { cookie } });
    expect(nb.statusCode).toBe(200);
    expect(nb.body).toContain('Småprat som «god helg» er nr. 1 av 2 innleggstyper');
    expect(nb.body).toContain('Under 5 000 innbyggere');
    // The downloads beside each other: CSV for Norwegian Excel, XLSX and plain CSV of the same range.
    expect(nb.body).toContain('href="/api/v1/exports/post-kinds.csv?from=2026-W46&amp;to=2026-W47&amp;dialect=excel-nb"');
    expect(nb.body).toContain('href="/api/v1/exports/post-kinds.xlsx?from=2026-W46&amp;to=2026-W47"');
    const en = await app.inject({ url: `/sector/post-kinds${Q}&lang=en`, headers: { cookie } });
    expect(en.body).toContain('Which kinds of posts open a dialogue?');
    expect(en.body).toContain('href="/api/v1/exports/post-kinds.xlsx?from=2026-W46&amp;to=2026-W47&amp;lang=en"');
  });
});
