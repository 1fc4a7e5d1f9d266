import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { CLASSIFIER_VERSION } from '../../../src/classifier/version.js';
import { fixedClock } from '../../../src/clock.js';
import { sendWeeklyReports } from '../../../src/jobs/send-weekly-reports.js';
import { reportCharts } from '../../../src/reports/charts.js';
import { findChromium, startChromium, type Renderer } from '../../../src/reports/chromium.js';
import { renderHtml } from '../../../src/reports/render-html.js';
import { renderPdf } from '../../../src/reports/render-pdf.js';
import { renderText } from '../../../src/reports/render-text.js';
import type { ReportView } from '../../../src/reports/report-view.js';
import { buildWeeklyReport } from '../../../src/reports/weekly-report.js';
import { loadReportInputs } from '../../../src/store/report-inputs.js';
import { addReportRecipient, listReports } from '../../../src/store/reports.js';
import { AS_OF, MUNICIPALITY, seedReportDataset, WEEK } from '../../fixtures/reports/dataset.js';
import { cliEnv } from '../../helpers/cli-env.js';
import { runCli } from '../../helpers/run-cli.js';
import { useTestDb } from '../../helpers/test-db.js';
import { leaves, parseMime, startSmtpSink } from './mime.js';

const log = pino({ level: 'silent' });

/** Rendering needs Debian's chromium and pdftotext (poppler-utils); `.ci/run` installs both, a bare machine may not. */
function missingTools(): string | null {
  try {
    findChromium();
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}
const missing = missingTools();
if (missing) process.stdout.write(`weekly report tests skipped: ${missing}\n`);

describe.skipIf(missing !== null)('weekly report on a fixed dataset', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  let renderer: Renderer;
  let view: ReportView;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lyttepost-reports-'));
  const cfg = (port: number) => ({
    LYTTEPOST_DATA_DIR: dataDir,
    LYTTEPOST_LANG: 'nb' as const,
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    SMTP_FROM: 'Lyttepost <lyttepost@kommune.test>',
  });

  beforeAll(async () => {
    t = await useTestDb();
    await seedReportDataset(t.db);
    renderer = await startChromium();
    smtp = await startSmtpSink();
    const inputs = await loadReportInputs(t.db, {
      week: WEEK,
      municipalities: [MUNICIPALITY],
      asOf: AS_OF,
      classifierVersion: CLASSIFIER_VERSION,
    });
    view = buildWeeklyReport(inputs.get(MUNICIPALITY)!);
  });
  afterAll(async () => {
    await renderer?.close();
    await smtp?.stop();
    await t?.drop();
  });

  test('the view model rests on the stored values and the week’s items', () => {
    expect(view.dialogue.index.value).toBe(43.6);
    expect(view.dialogue.band).toBe('oppslagstavle');
    expect(view.responsiveness.questions.value).toBe(10);
    expect(view.responsiveness.questionsAnswered).toBe(7);
    // Buckets from the items: 25 min, 40 min | 130, 200 min | 20 h | 50 h | 96 h | 3 unanswered (one hidden).
    expect(view.responsiveness.buckets.map((b) => b.count)).toEqual([2, 2, 1, 1, 1, 3]);
    expect(view.open).toMatchObject({ count: 2, stillOpenAtAsOf: 2 });
    expect(view.open.oldestAskedAt?.toISOString()).toBe('2026-11-19T18:00:00.000Z');
    expect(view.postKinds[0]).toMatchObject({ kind: 'smalltalk', posts: 2, citizenComments: 32 });
    expect(view.topThreads.map((x) => x.citizenItems)).toEqual([22, 10, 8]);
    expect(view.perPlatform.map((p) => p.platform)).toEqual(['facebook', 'youtube']);
    expect(view.quality).toMatchObject({
      provisional: true,
      provisionalReasons: ['recent_week'],
      gaps: [{ platform: 'youtube', handle: 'StavangerKommune' }],
    });
    expect(view.quality.missingWeeks).toEqual([]);
    const county = view.peers.dialogueIndex.find((p) => p.group === 'county')!;
    expect(county).toMatchObject({ label: 'Rogaland', groupSize: 10, suppressed: false });
  });

  test('HTML and text match the golden files (nb and en)', async () => {
    for (const lang of ['nb', 'en'] as const) {
      const charts = reportCharts(view, lang);
      await expect(renderHtml(view, { lang, charts, source: { mode: 'cid' } })).toMatchFileSnapshot(
        `../../fixtures/reports/stavanger-${WEEK}.${lang}.html`,
      );
      await expect(renderText(view, lang, charts)).toMatchFileSnapshot(`../../fixtures/reports/stavanger-${WEEK}.${lang}.txt`);
    }
  });

  test('the PDF is A4, tagged, and its text carries the key figures', async () => {
    const pdf = await renderPdf(view, 'nb', renderer);
    const file = path.join(dataDir, 'check.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    expect(info).toMatch(/Tagged:\s+yes/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ');
    for (const s of [
      'Stavanger kommune – uke 47',
      '16.–22. november 2026',
      'Dialogindeks',
      '44',
      'Oppslagstavle',
      '70 %',
      '3,3 t',
      'Ubesvart ved ukeslutt',
      'Rogaland',
      'Småprat («god helg»)',
      'YouTube StavangerKommune',
      'versjon 1',
    ]) {
      expect(text).toContain(s);
    }
    // No half-empty pages: every page but the last carries at least half as many lines as the fullest one.
    const lines = text
      .split('\f')
      .filter((p) => p.trim() !== '')
      .map((p) => p.split('\n').filter((l) => l.trim() !== '').length);
    const fullest = Math.max(...lines);
    expect(
      lines.slice(0, -1).map((n) => n >= fullest / 2),
      `lines per page: ${lines.join(', ')}`,
    ).not.toContain(false);
  });

  test('the e-mail is readable at 390 px: no sideways scrolling, every key figure on screen, no axe violations', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: findChromium(), args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      for (const lang of ['nb', 'en'] as const) {
        const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
        await page.setContent(renderHtml(view, { lang, charts: reportCharts(view, lang), source: { mode: 'inline' } }));
        expect(await page.evaluate('document.documentElement.scrollWidth'), `${lang} e-mail width`).toBeLessThanOrEqual(390);
        for (const label of lang === 'nb'
          ? ['Spørsmål fra innbyggere', 'Ubesvart ved ukeslutt']
          : ['Questions from residents', 'Unanswered at week end']) {
          const box = await page.getByText(label, { exact: true }).first().boundingBox();
          expect((box?.x ?? Infinity) + (box?.width ?? 0), label).toBeLessThanOrEqual(390);
        }
        await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
        const axe = (await page.evaluate("axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } })")) as {
          passes: unknown[];
          violations: Array<{ id: string; nodes: Array<{ target: unknown }> }>;
        };
        expect(axe.passes.length).toBeGreaterThan(10);
        expect(axe.violations.map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual([]);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });

  test('the e-mail reaches an SMTP server: text and HTML parts, charts inline by Content-ID, PDF attached', async () => {
    await addReportRecipient(t.db, { municipalityCode: MUNICIPALITY, email: 'Kommunikasjon@Stavanger.kommune.test', lang: 'nb' }, AS_OF);
    const s = await sendWeeklyReports(
      { week: WEEK, municipality: MUNICIPALITY, send: true },
      { db: t.db, log, clock: fixedClock(AS_OF), cfg: cfg(smtp.port), renderer },
    );
    expect(s).toMatchObject({ municipalities: 1, rendered: 1, sent: 1, alreadySent: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(['kommunikasjon@stavanger.kommune.test']);
    const root = parseMime(mail.raw);
    expect(root.headers['content-type']).toMatch(/^multipart\/mixed/);
    const all = leaves(root);
    const text = all.find((p) => p.headers['content-type']?.startsWith('text/plain'));
    const html = all.find((p) => p.headers['content-type']?.startsWith('text/html'));
    expect(text?.body.toString('utf8')).toContain('Dialogindeks: 44 / 100 – Oppslagstavle');
    const htmlText = html!.body.toString('utf8');
    expect(htmlText).not.toMatch(/<script|<svg/i);
    const images = all.filter((p) => p.headers['content-type']?.startsWith('image/png'));
    expect(images).toHaveLength(3);
    for (const img of images) {
      const cid = /<([^>]+)>/.exec(img.headers['content-id'] ?? '')?.[1];
      expect(cid).toBeTruthy();
      expect(img.headers['content-disposition']).toMatch(/^inline/);
      expect(htmlText).toContain(`src="cid:${cid}"`);
      expect(img.body.subarray(1, 4).toString('latin1')).toBe('PNG');
    }
    // Inline images and the HTML share a multipart/related parent, so clients show them in place.
    const related =
      root.parts.find((p) => p.headers['content-type']?.startsWith('multipart/related')) ??
      root.parts.flatMap((p) => p.parts).find((p) => p.headers['content-type']?.startsWith('multipart/related'));
    expect(related).toBeTruthy();
    const pdf = all.find((p) => p.headers['content-type']?.startsWith('application/pdf'));
    expect(pdf?.headers['content-disposition']).toMatch(/^attachment; filename=lyttepost-1103-2026-W47\.pdf/);
    expect(pdf?.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Archived with the inputs' versions.
    const dir = path.join(dataDir, 'reports', MUNICIPALITY, WEEK);
    expect(readdirSync(dir).sort()).toEqual([
      'activity.nb.png',
      'inputs.json',
      'report.nb.html',
      'report.nb.pdf',
      'report.nb.txt',
      'response.nb.png',
      'trend.nb.png',
    ]);
    const archived = JSON.parse(readFileSync(path.join(dir, 'inputs.json'), 'utf8')) as { versions: Record<string, unknown> };
    expect(archived.versions).toMatchObject({ definition_version: 1, classifier_version: CLASSIFIER_VERSION });
    const rows = await listReports(t.db, { week: WEEK });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ recipient: 'kommunikasjon@stavanger.kommune.test', archivePath: dir });
    expect(rows[0]!.sentAt).not.toBeNull();
  });

  test('a report is never sent twice for the same week and recipient; a new recipient gets only theirs', async () => {
    const again = await sendWeeklyReports(
      { week: WEEK, municipality: MUNICIPALITY, send: true },
      { db: t.db, log, clock: fixedClock(AS_OF), cfg: cfg(smtp.port), renderer },
    );
    expect(again).toMatchObject({ sent: 0, alreadySent: 1, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    await addReportRecipient(t.db, { municipalityCode: MUNICIPALITY, email: 'radmann@stavanger.kommune.test', lang: 'en' }, AS_OF);
    // Two runs at once (a retry racing a second worker): each recipient still gets exactly one mail.
    const [a, b] = await Promise.all([
      sendWeeklyReports({ week: WEEK, send: true }, { db: t.db, log, clock: fixedClock(AS_OF), cfg: cfg(smtp.port), renderer }),
      sendWeeklyReports({ week: WEEK, send: true }, { db: t.db, log, clock: fixedClock(AS_OF), cfg: cfg(smtp.port), renderer }),
    ]);
    expect(a.sent + b.sent).toBe(1);
    expect(smtp.mails).toHaveLength(2);
    expect(smtp.mails[1]!.to).toEqual(['radmann@stavanger.kommune.test']);
    expect(parseMime(smtp.mails[1]!.raw).headers.subject).toContain('=?UTF-8?');
  });

  test('a failed delivery is retried by the next run, not lost', async () => {
    await addReportRecipient(t.db, { municipalityCode: MUNICIPALITY, email: 'ordforer@stavanger.kommune.test', lang: 'nb' }, AS_OF);
    const down = await sendWeeklyReports(
      { week: WEEK, municipality: MUNICIPALITY, send: true },
      { db: t.db, log, clock: fixedClock(AS_OF), cfg: cfg(9), renderer },
    );
    expect(down).toMatchObject({ sent: 0, failed: 1, alreadySent: 2 });
    const up = await sendWeeklyReports(
      { week: WEEK, municipality: MUNICIPALITY, send: true },
      { db: t.db, log, clock: fixedClock(AS_OF), cfg: cfg(smtp.port), renderer },
    );
    expect(up).toMatchObject({ sent: 1, failed: 0, alreadySent: 2 });
  });

  // The CLI opens the database named by its environment; on the embedded path that is its own (empty) data
  // directory, not this file's fixture database, so this runs where the fixture is in shared Postgres.
  test.runIf(process.env.DATABASE_URL)('report command writes the files and explains bad input in one line', async () => {
    const env = { ...cliEnv(t), LYTTEPOST_DATA_DIR: dataDir };
    const out = mkdtempSync(path.join(tmpdir(), 'lyttepost-report-out-'));
    const ok = await runCli(['report', '--municipality', MUNICIPALITY, '--week', WEEK, '--out', out, '--lang', 'en'], {
      env,
      clock: fixedClock(AS_OF),
    });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    for (const ext of ['html', 'txt', 'pdf', 'eml']) expect(existsSync(path.join(out, `lyttepost-1103-2026-W47.${ext}`))).toBe(true);
    expect(readFileSync(path.join(out, 'lyttepost-1103-2026-W47.html'), 'utf8')).toContain('src="lyttepost-1103-2026-W47-trend.png"');
    expect(readFileSync(path.join(out, 'lyttepost-1103-2026-W47.txt'), 'utf8')).toContain('Dialogue index: 44 / 100 – Notice board');
    const bad = await runCli(['report', '--municipality', MUNICIPALITY, '--week', '2026-47', '--out', out], { env });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("--week expects an ISO week such as 2026-W47, got '2026-47'");
    const unknown = await runCli(['report', '--municipality', '9999', '--week', WEEK, '--out', out], { env });
    expect(unknown.stderr).toContain("unknown municipality code '9999'");
  });

  test.runIf(process.env.DATABASE_URL)(
    'month and quarter reports render from the weekly rows: counts summed, rates from the sums, missing weeks named',
    async () => {
      const env = { ...cliEnv(t), LYTTEPOST_DATA_DIR: dataDir };
      const out = mkdtempSync(path.join(tmpdir(), 'lyttepost-period-'));
      const monday = new Date('2026-11-30T06:00:00Z'); // after W48: November (W45–W48) is complete
      const month = await runCli(['report', '--municipality', MUNICIPALITY, '--period', 'month', '--out', out], {
        env,
        clock: fixedClock(monday),
      });
      expect(month.stderr).toBe('');
      expect(month.stdout).toContain('report 1103 2026-11 (nb, 4 weeks 2026-W45–2026-W48)');
      const rows = (
        await t.db.query<{ week: string; q: number; a: number }>(
          `select week, ("values"->>'questions')::int as q, ("values"->>'questions_answered')::int as a from indicator_values
       where scope = 'municipality' and scope_id = $1 and week between '2026-W45' and '2026-W48' order by week`,
          [MUNICIPALITY],
        )
      ).rows;
      expect(rows.map((r) => r.week)).toEqual(['2026-W45', '2026-W46', '2026-W47']);
      const q = rows.reduce((s, r) => s + r.q, 0);
      const a = rows.reduce((s, r) => s + r.a, 0);
      const text = readFileSync(path.join(out, 'lyttepost-1103-2026-11.txt'), 'utf8');
      expect(text).toContain('Stavanger – november 2026');
      expect(text).toContain(`Spørsmål fra innbyggere: ${q}\n`);
      expect(text).toContain(`Besvart innen 7 dager: ${Math.round((100 * a) / q)}\u00a0% (${a} av ${q}`);
      expect(text).toContain('Uker uten tall (telles ikke som null): 2026-W48.');
      const pdf = path.join(out, 'lyttepost-1103-2026-11.pdf');
      expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Pages:\s+1\b/);
      expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain('november 2026');

      const quarter = await runCli(['report', '--municipality', MUNICIPALITY, '--period', 'quarter', '--out', out, '--lang', 'en'], {
        env,
        clock: fixedClock(new Date('2027-01-04T06:00:00Z')),
      });
      expect(quarter.stderr).toBe('');
      expect(quarter.stdout).toContain('report 1103 2026-Q4 (en, 14 weeks 2026-W40–2026-W53)');
      const qText = readFileSync(path.join(out, 'lyttepost-1103-2026-Q4.txt'), 'utf8');
      expect(qText).toContain('Stavanger – Q4 2026');
      expect(qText).toContain('Weeks without figures (not counted as zero): 2026-W48, 2026-W49, 2026-W50, 2026-W51, 2026-W52, 2026-W53.');
      expect(existsSync(path.join(out, 'lyttepost-1103-2026-Q4.pdf'))).toBe(true);
      const bad = await runCli(['report', '--municipality', MUNICIPALITY, '--period', 'week', '--out', out], { env });
      expect(bad.stderr).toBe("lyttepost: report: --period expects month, quarter or ytd, got 'week'\n");
    },
  );

  test.runIf(process.env.DATABASE_URL)(
    'a report for a week not yet begun or a municipality without accounts is refused in one line',
    async () => {
      const env = { ...cliEnv(t), LYTTEPOST_DATA_DIR: dataDir };
      const out = mkdtempSync(path.join(tmpdir(), 'lyttepost-report-refused-'));
      const future = await runCli(['report', '--municipality', MUNICIPALITY, '--week', '2026-W49', '--out', out], {
        env,
        clock: fixedClock(AS_OF),
      });
      expect(future.code).not.toBe(0);
      expect(future.stderr).toBe(
        'lyttepost: report: week 2026-W49 has not started yet (this week is 2026-W48; the last complete week is 2026-W47); no report is made for it\n',
      );
      const unmonitored = await runCli(['report', '--municipality', '0301', '--week', WEEK, '--out', out], {
        env,
        clock: fixedClock(AS_OF),
      });
      expect(unmonitored.code).not.toBe(0);
      expect(unmonitored.stderr).toBe(
        'lyttepost: report: municipality 0301 has no monitored accounts, so there is nothing to report (add one: lyttepost accounts add)\n',
      );
      expect(readdirSync(out)).toEqual([]);
    },
  );
});
