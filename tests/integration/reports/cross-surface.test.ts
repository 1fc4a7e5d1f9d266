import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { buildApp } from '../../../src/api/app.js';
import { CLASSIFIER_VERSION } from '../../../src/classifier/version.js';
import { fixedClock } from '../../../src/clock.js';
import { formatSummaryTable, summaryRows } from '../../../src/demo/summary-table.js';
import { DEFINITION_VERSION } from '../../../src/indicators/definitions.js';
import { lastCompleteWeek } from '../../../src/indicators/reporting-week.js';
import { reportCharts } from '../../../src/reports/charts.js';
import { renderHtml } from '../../../src/reports/render-html.js';
import { renderText } from '../../../src/reports/render-text.js';
import { buildWeeklyReport } from '../../../src/reports/weekly-report.js';
import { createApiKey } from '../../../src/store/api-keys.js';
import { readIndicatorValues } from '../../../src/store/indicator-values.js';
import { loadReportInputs } from '../../../src/store/report-inputs.js';
import { AS_OF, MUNICIPALITY, seedReportDataset, WEEK } from '../../fixtures/reports/dataset.js';
import { cliEnv } from '../../helpers/cli-env.js';
import { runCli } from '../../helpers/run-cli.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';

/**
 * One municipality, one week, every surface: the CLI, the JSON API, the dashboard page, the weekly report
 * (text and e-mail HTML) and the demo table show the same week and the same numbers. Nobody names a week:
 * each surface must pick the last complete ISO week by itself (Monday morning after 2026-W47 → W47).
 *
 * The CLI runs first: it brings the week up to date with the stored items, and every other surface then reads
 * what it stored. Needs the shared Postgres (the CLI opens the database from its environment).
 */
describe.runIf(process.env.DATABASE_URL)('the same week and numbers on every surface', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  beforeAll(async () => {
    t = await useTestDb();
    await seedReportDataset(t.db);
  });
  afterAll(async () => t?.drop());

  test('CLI, API, dashboard, report, e-mail and demo agree', async () => {
    expect(lastCompleteWeek(AS_OF)).toBe(WEEK);

    // CLI: no --week given.
    const cli = await runCli(['indicators', '--level', 'municipality', '--format', 'json'], { env: cliEnv(t), clock: fixedClock(AS_OF) });
    expect(cli.stderr).toBe('');
    const cliRow = (JSON.parse(cli.stdout) as Array<{ id: string; week: string; values: Record<string, number | string | null> }>).find(
      (r) => r.id === MUNICIPALITY,
    );
    expect(cliRow?.week).toBe(WEEK);
    const v = cliRow?.values ?? {};
    const questions = v.questions as number;
    const answered = v.questions_answered as number;
    const rate = v.response_rate as number;
    // The dataset has no follower counts, so the index rests on too little: null with its flag, on every surface.
    expect(v.dialogue_index).toBeNull();
    const medianH = v.response_time_median_h as number;
    expect(questions).toBeGreaterThan(0);
    expect(rate).toBeCloseTo(answered / questions, 10);
    const pct = `${Math.round(rate * 100)}\u00a0%`;
    const pctPlain = `${Math.round(rate * 100)} %`;
    const hours = `${medianH.toLocaleString('nb-NO', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}\u00a0t`;

    // API: no from/to given.
    const app = buildApp({ db: t.db, log: silentLogger, clock: fixedClock(AS_OF), secret: 'test-secret-0123456789abcdef0123456789' });
    await app.ready();
    try {
      const key = (await createApiKey(t.db, { role: 'municipality', municipality: MUNICIPALITY, name: 'cross-surface' }, AS_OF)).key;
      const api = await app.inject({
        url: `/api/v1/indicators?scope=municipality&id=${MUNICIPALITY}`,
        headers: { authorization: `Bearer ${key}` },
      });
      expect(api.statusCode).toBe(200);
      const apiRows = api.json() as { to: string; data: Array<{ week: string; values: Record<string, unknown> }> };
      expect(apiRows.to).toBe(WEEK);
      const apiRow = apiRows.data.at(-1);
      expect(apiRow?.week).toBe(WEEK);
      for (const id of [
        'questions',
        'questions_answered',
        'response_rate',
        'dialogue_index',
        'response_time_median_h',
        'response_time_office_median_h',
        'unanswered_open',
      ]) {
        expect(apiRow?.values[id], id).toEqual(v[id]);
      }

      // Dashboard: no week in the URL.
      const login = await app.inject({
        method: 'POST',
        url: '/login',
        payload: new URLSearchParams({ key }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
      const dash = (await app.inject({ url: `/m/${MUNICIPALITY}`, headers: { cookie } })).body;
      const card = (id: string) =>
        (dash.match(new RegExp(`<div class="card" id="${id}">([\\s\\S]*?)</div>`))?.[1] ?? '')
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ');
      expect(dash).toContain('uke 47/2026');
      expect(card('card-index')).toContain('Dialogindeks – Ikke nok grunnlag for dialogindeks denne uken');
      expect(card('card-rate')).toContain(pctPlain);
      expect(card('card-rate')).toContain(`${answered} av ${questions} spørsmål besvart innen 7 dager`);
      expect(card('card-time')).toContain(hours.replace('\u00a0', ' '));
      // Unanswered now: the dashboard's count is the questions list's.
      const open = await app.inject({ url: '/api/v1/questions', headers: { authorization: `Bearer ${key}` } });
      expect(card('card-open')).toContain(` ${(open.json() as { data: unknown[] }).data.length} `);

      // Report and e-mail for the same week, as the scheduler renders them on Monday morning.
      const inputs = (
        await loadReportInputs(t.db, {
          week: lastCompleteWeek(AS_OF),
          municipalities: [MUNICIPALITY],
          asOf: AS_OF,
          classifierVersion: CLASSIFIER_VERSION,
        })
      ).get(MUNICIPALITY);
      const view = buildWeeklyReport(inputs!);
      expect(view.week).toBe(WEEK);
      expect(view.running).toBe(false);
      const text = renderText(view, 'nb');
      expect(text).toContain('Ikke nok grunnlag for dialogindeks denne uken');
      expect(text).toContain(`Spørsmål fra innbyggere: ${questions}`);
      expect(text).toContain(`Besvart innen 7 dager: ${pct} (${answered} av ${questions})`);
      expect(text).toContain(`Median svartid: ${hours}`);
      expect(text).toContain(`Ubesvart ved ukeslutt: ${v.unanswered_open}`);
      const mail = renderHtml(view, { lang: 'nb', charts: reportCharts(view, 'nb'), source: { mode: 'cid' } });
      expect(mail).toContain(`>${pct}</p>`);
      expect(mail).toContain(`>${answered} av ${questions}</p>`);
      expect(mail).toContain(`>${hours}</p>`);

      // Demo table of the last complete week.
      const demoRows = summaryRows(
        await readIndicatorValues(t.db, { weeks: [lastCompleteWeek(AS_OF)], scope: 'municipality', definitionVersion: DEFINITION_VERSION }),
        new Map([[MUNICIPALITY, 'Stavanger']]),
      );
      const demo = demoRows.find((r) => r.municipality === MUNICIPALITY);
      expect(demo).toMatchObject({
        week: WEEK,
        questions,
        response_rate: rate,
        dialogue_index: null,
        response_time_median_h: medianH,
        unanswered_open: v.unanswered_open,
      });
      const table = formatSummaryTable(demoRows, 'nb');
      expect(table).toContain(pctPlain);
      expect(table).toContain('for lite data');
    } finally {
      await app.close();
    }
  });
});
