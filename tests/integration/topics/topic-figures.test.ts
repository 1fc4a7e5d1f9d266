/**
 * Topics stored and carried through (issue 25): the classify job gives every citizen item and broadcast post
 * its topics at TOPICS_VERSION; a new version is picked up and the old rows are unknown until then (pending,
 * not zero); the topic figures count the same question turns and 7-day answers as the indicators; the API
 * serves them with the usual access and suppression rules.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/api/app.js';
import { fixedClock } from '../../../src/clock.js';
import { classifyItems } from '../../../src/jobs/classify-items.js';
import { classifyItemTopics } from '../../../src/jobs/classify-topics.js';
import { createApiKey } from '../../../src/store/api-keys.js';
import type { Db } from '../../../src/store/db.js';
import { loadReportTopics } from '../../../src/reports/topics-section.js';
import { readTopicBlocks } from '../../../src/topics/figures.js';
import { TOPICS_VERSION } from '../../../src/topics/version.js';
import { insertAccount, insertItem } from '../../helpers/builders.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';

const NOW = new Date('2026-12-02T12:00:00Z'); // Wednesday of 2026-W49
const WEEK = '2026-W48';
const H = 3_600_000;
const T0 = new Date('2026-11-24T08:00:00Z'); // Tuesday of 2026-W48

let t: Awaited<ReturnType<typeof useTestDb>>;
let db: Db;
const clock = fixedClock(NOW);

beforeAll(async () => {
  t = await useTestDb();
  db = t.db;
  const oslo = await insertAccount(db, { municipality: '0301', platform: 'facebook', externalId: 'oslo-fb', handle: 'oslo' });
  const eig = await insertAccount(db, { municipality: '1101', platform: 'facebook', externalId: 'eig-fb', handle: 'eigersund' });
  const at = (h: number) => new Date(T0.getTime() + h * H);
  const post = async (acc: string, id: string, text: string) =>
    insertItem(db, { accountId: acc, platform: 'facebook', externalId: id, role: 'owner', author: 'owner', createdAt: at(0), text });
  const comment = async (
    acc: string,
    root: string,
    id: string,
    h: number,
    text: string,
    role: 'owner' | 'citizen' = 'citizen',
    parent = root,
    author = `r_${id}`,
  ) =>
    insertItem(db, {
      accountId: acc,
      platform: 'facebook',
      externalId: id,
      parent,
      root,
      branch: parent === root ? id : parent,
      role,
      author: role === 'owner' ? 'owner' : author,
      createdAt: at(h),
      text,
    });
  await post(oslo, 'p1', 'Tømmekalenderen for neste år er klar.');
  await comment(oslo, 'p1', 'c1', 1, 'Når blir søppeldunken tømt i Granveien?');
  await comment(oslo, 'p1', 'a1', 3, 'Den tømmes på fredag.', 'owner', 'c1');
  await comment(oslo, 'p1', 'c2', 2, 'Hvorfor er ikke veien brøytet ennå?');
  await comment(oslo, 'p1', 'c3', 4, 'Når kjem bossbilen til oss?');
  await comment(oslo, 'p1', 'a3', 4 + 8 * 24, 'Beklager, i morgen.', 'owner', 'c3'); // after 7 days: not answered
  await post(eig, 'p2', 'Legevakta har nytt nummer.');
  await comment(eig, 'p2', 'c4', 1, 'Takk for info!');
  await comment(eig, 'p2', 'c5', 2, 'Når åpner legevakta i helga?');
  await db.query(`update items set hidden_at = $1 where external_id = 'c5'`, [at(5)]);
  await comment(eig, 'p2', 'c6', 3, 'Hvorfor svarer dere aldri på meldinger her?');
  await classifyItems({}, { db, log: silentLogger, clock });
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

const topicsOf = async (externalId: string) =>
  (
    await db.query<{ topics: string[] }>(
      `select t.topics from item_topics t join items i on i.id = t.item_id where i.external_id = $1 and t.topics_version = $2`,
      [externalId, TOPICS_VERSION],
    )
  ).rows[0]?.topics;

describe('stored topics', () => {
  it('every citizen item and every broadcast post has topics at the current version; owner replies none', async () => {
    expect(await topicsOf('c1')).toEqual(['renovasjon']);
    expect(await topicsOf('c2')).toEqual(['vei-og-broyting']);
    expect(await topicsOf('c4')).toEqual([]);
    expect(await topicsOf('p1')).toEqual(['renovasjon']);
    expect(await topicsOf('p2')).toEqual(['legevakt']);
    expect(await topicsOf('a1')).toBeUndefined();
  });

  it('a new topic version leaves old rows unread (pending, not zero) until the next run reclassifies them', async () => {
    await db.query(`update item_topics set topics_version = 'topics-0'`);
    const before = await readTopicBlocks(db, { weeks: [WEEK], now: NOW, scope: 'municipality', id: '0301' });
    expect(before[0]?.pending).toBe(3);
    expect(before[0]?.topics).toEqual([]);
    const { classified } = await classifyItemTopics({}, { db, log: silentLogger, clock });
    expect(classified).toBe(8); // 6 citizen items (the hidden one too) + 2 posts
    expect(await topicsOf('c1')).toEqual(['renovasjon']);
    const after = await readTopicBlocks(db, { weeks: [WEEK], now: NOW, scope: 'municipality', id: '0301' });
    expect(after[0]?.pending).toBe(0);
  });
});

describe('topic figures', () => {
  it('count the indicator turns: answered within 7 days, median hours, unanswered now', async () => {
    const [oslo] = await readTopicBlocks(db, { weeks: [WEEK], now: NOW, scope: 'municipality', id: '0301' });
    const by = Object.fromEntries((oslo?.topics ?? []).map((f) => [f.topic, f]));
    expect(by['renovasjon']).toMatchObject({
      questions: 2,
      questions_answered: 1,
      response_rate: 0.5,
      median_response_hours: 2,
      unanswered_now: 0,
    });
    expect(by['vei-og-broyting']).toMatchObject({
      questions: 1,
      questions_answered: 0,
      response_rate: 0,
      median_response_hours: null,
      unanswered_now: 1,
    });
    expect(by['renovasjon']?.response_rate_ci_low).toBeGreaterThan(0);
    const [eig] = await readTopicBlocks(db, { weeks: [WEEK], now: NOW, scope: 'municipality', id: '1101' });
    const eigBy = Object.fromEntries((eig?.topics ?? []).map((f) => [f.topic, f]));
    // The hidden legevakt question counts as asked but is not left hanging; "Takk for info" is no question.
    expect(eigBy['legevakt']).toMatchObject({ questions: 1, questions_answered: 0, unanswered_now: 0 });
    expect(eigBy['none']).toMatchObject({ questions: 1, unanswered_now: 1 });
    const [sector] = await readTopicBlocks(db, { weeks: [WEEK], now: NOW, scope: 'sector' });
    expect(sector?.topics.reduce((a, f) => a + (f.questions ?? 0), 0)).toBe(5); // c1, c2, c3, c5, c6
  });

  it('the sector view suppresses topic figures resting on fewer than 5 municipalities', async () => {
    const [sector] = await readTopicBlocks(db, { weeks: [WEEK], now: NOW, scope: 'sector', role: 'sector' });
    expect(sector?.topics.length).toBeGreaterThan(0);
    for (const f of sector?.topics ?? []) expect(f).toMatchObject({ questions: null, response_rate: null, flags: ['suppressed'] });
  });
});

describe('weekly report section', () => {
  it('"Dette spurte innbyggerne om" reads the municipality\'s topic figures of the report week', async () => {
    const t = await loadReportTopics(db, { municipality: '0301', week: WEEK, asOf: NOW });
    expect(t.rows.map((f) => [f.topic, f.questions, f.unanswered_now])).toEqual([
      ['renovasjon', 2, 0],
      ['vei-og-broyting', 1, 1],
    ]);
  });
});

describe('GET /api/v1/topics', () => {
  it('serves a municipality its own topics, refuses another municipality, suppresses for the sector role', async () => {
    const app = buildApp({ db, log: silentLogger, clock, secret: 'test-secret-0123456789abcdef0123456789' });
    const key = async (role: 'admin' | 'sector' | 'municipality', municipality: string | null) =>
      (await createApiKey(db, { role, municipality, name: role }, NOW)).key;
    const oslo = await key('municipality', '0301');
    const sector = await key('sector', null);
    const get = (url: string, k: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${k}` } });
    const own = await get(`/api/v1/topics?scope=municipality&id=0301&from=${WEEK}&to=${WEEK}`, oslo);
    expect(own.statusCode).toBe(200);
    const body = own.json() as {
      topics_version: string;
      data: Array<{ week: string; by_topic: Array<{ topic: string; questions: number }> }>;
    };
    expect(body.topics_version).toBe(TOPICS_VERSION);
    expect(body.data[0]?.by_topic.find((f) => f.topic === 'renovasjon')?.questions).toBe(2);
    expect(JSON.stringify(body)).not.toContain('Granveien');
    expect((await get(`/api/v1/topics?scope=municipality&id=1101&from=${WEEK}&to=${WEEK}`, oslo)).statusCode).toBe(403);
    expect((await get(`/api/v1/topics?scope=account&id=1&from=${WEEK}&to=${WEEK}`, sector)).statusCode).toBe(403);
    const wide = (await get(`/api/v1/topics?scope=sector&from=${WEEK}&to=${WEEK}`, sector)).json() as {
      data: Array<{ by_topic: Array<{ questions: number | null }> }>;
    };
    expect(wide.data[0]?.by_topic.every((f) => f.questions === null)).toBe(true);
    const csv = await get(`/api/v1/exports/topics.csv?scope=municipality&id=0301&from=${WEEK}&to=${WEEK}`, oslo);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'scope,id,week,topics_version,topic,questions,questions_answered,response_rate,response_rate_ci_low,response_rate_ci_high,median_response_hours,unanswered_now,suppressed',
    );
    expect(lines.find((l) => l.includes(',renovasjon,'))).toMatch(
      new RegExp(`^municipality,0301,${WEEK},${TOPICS_VERSION},renovasjon,2,1,0.5,`),
    );
    expect((await get(`/api/v1/exports/topics.csv?scope=municipality&id=1101&from=${WEEK}&to=${WEEK}`, oslo)).statusCode).toBe(403);

    // The XLSX: the CSV's rows, readable headers, number formats, rounded as displayed, a Definisjoner sheet.
    const Q = `scope=municipality&id=0301&from=${WEEK}&to=${WEEK}`;
    const api = (await get(`/api/v1/topics?${Q}`, oslo)).json() as {
      data: Array<{ week: string; by_topic: Array<Record<string, number | string | null>> }>;
    };
    const xlsx = await get(`/api/v1/exports/topics.xlsx?${Q}`, oslo);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toContain(`lyttepost-topics-municipality-0301-${WEEK}-${WEEK}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Temaer', 'Definisjoner']);
    const ws = wb.getWorksheet('Temaer')!;
    const head = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    expect(head).toEqual(expect.arrayContaining(['Tema', 'Spørsmål', 'Besvart innen 7 døgn', 'Svarandel', 'Ubesvart nå']));
    const col = (label: string) => head.indexOf(label) + 1;
    const topics = api.data.flatMap((d) => d.by_topic);
    expect(topics.length).toBe(lines.length - 1);
    topics.forEach((f, k) => {
      const row = ws.getRow(k + 2);
      expect(row.getCell(col('Tema')).value).toBe(f.topic);
      expect(row.getCell(col('Spørsmål')).value ?? null).toBe(f.questions);
      expect(row.getCell(col('Ubesvart nå')).value ?? null).toBe(f.unanswered_now);
      const rate = f.response_rate as number | null;
      expect(row.getCell(col('Svarandel')).value ?? null).toBe(rate === null ? null : Math.round(rate * 100) / 100);
    });
    expect(ws.getRow(2).getCell(col('Svarandel')).numFmt).toBe('0%');
    const defs = new Map<string, string>();
    wb.getWorksheet('Definisjoner')!.eachRow((row, i) => i > 1 && defs.set(row.getCell(2).text, row.getCell(3).text));
    expect(defs.get('unanswered_now')).toBe('Spørsmål om temaet som nå verken er besvart, skjult eller slettet.');
    expect(defs.get('questions_answered')).toBe('Av dem: besvart innen 7 døgn.');
    const en = await get(`/api/v1/exports/topics.xlsx?${Q}&lang=en`, oslo);
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect((wbEn.getWorksheet('Topics')!.getRow(1).values as unknown[]).slice(1)).toEqual(
      expect.arrayContaining(['Topic', 'Questions', 'Unanswered now']),
    );
    expect((await get(`/api/v1/exports/topics.xlsx?${Q}&dialect=excel-nb`, oslo)).statusCode).toBe(400);
    expect((await get(`/api/v1/exports/topics.xlsx?scope=municipality&id=1101&from=${WEEK}&to=${WEEK}`, oslo)).statusCode).toBe(403);
    await app.close();
  });
});
