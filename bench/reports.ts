/**
 * Weekly reports for all 357 municipalities of one week, end to end as the Monday run does it (render only,
 * no SMTP): one read of the inputs for the whole country, then per municipality the view model, three chart
 * PNGs, the e-mail HTML and text, the PDF, and the archive files — on ONE headless Chromium (two tabs).
 * The data: every municipality with a Facebook account, 12 weeks of stored municipality rows, account rows,
 * and ~40 items of the week each (posts with post kinds, resident comments, questions and answers).
 * Acceptance: under 2 minutes.
 *
 * BENCH_REPORTS_MUNICIPALITIES=N gives figures to the first N municipalities only (by code), so only N reports
 * render: a short run for before/after comparisons on a shared machine (the full run is the acceptance).
 * Besides wall time it records the CPU time of Node plus every Chromium process per report, which moves far
 * less with other load on the machine than wall time does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';

import { pino } from 'pino';

import { CLASSIFIER_VERSION } from '../src/classifier/version.js';
import { fixedClock } from '../src/clock.js';
import { DEFINITION_VERSION } from '../src/indicators/definitions.js';
import { addWeeks, weekBounds } from '../src/indicators/iso-week.js';
import { sendWeeklyReports } from '../src/jobs/send-weekly-reports.js';
import { startChromium } from '../src/reports/chromium.js';
import { openPglite, openPostgres, type Db } from '../src/store/db.js';
import { upsertIndicatorValues, type IndicatorRow } from '../src/store/indicator-values.js';
import { migrate } from '../src/store/migrate.js';
import { seedRegister } from '../src/store/register.js';
import { valuesOf } from '../tests/fixtures/reports/dataset.js';
import { ownCpuMs, treeCpuMs } from './lib/proc-cpu.js';
import type { BenchResult } from './run.js';

const WEEK = '2026-W47';
const AS_OF = new Date('2026-11-23T06:00:00Z');

/** BENCH_REPORTS_MUNICIPALITIES, or undefined (all). */
function municipalityLimit(): number | undefined {
  const raw = process.env.BENCH_REPORTS_MUNICIPALITIES;
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_REPORTS_MUNICIPALITIES must be a positive integer, got '${raw}'`);
  return n;
}

/** Seeds the register and figures for the first `limit` municipalities (all without); returns how many have figures. */
export async function seedBench(db: Db, limit?: number): Promise<number> {
  await seedRegister(db);
  const { rows: all } = await db.query<{ code: string }>(`select code from municipalities order by code`);
  const munis = limit === undefined ? all : all.slice(0, limit);
  await db.query(
    `insert into accounts (municipality_code, platform, external_id, handle)
     select code, 'facebook', 'fb-' || code, 'kommune' || code from municipalities where code = any($1::text[])`,
    [munis.map((m) => m.code)],
  );
  const { rows: accs } = await db.query<{ id: number; municipality_code: string }>(`select id, municipality_code from accounts`);
  const rows: IndicatorRow[] = [];
  const computedAt = new Date('2026-11-23T05:00:00Z');
  munis.forEach((m, k) => {
    for (let i = 0; i < 12; i++) {
      const q = 6 + ((k + i) % 14);
      const qa = Math.round(q * (0.4 + ((k * 7 + i) % 50) / 100));
      const di = q >= 8 ? 20 + ((k * 3 + i * 2) % 60) : null;
      rows.push({
        scope: 'municipality',
        scopeId: m.code,
        week: addWeeks(WEEK, i - 11),
        definitionVersion: DEFINITION_VERSION,
        values: valuesOf({
          owner_posts: 8 + (k % 9),
          owner_replies: 3 + ((k + i) % 12),
          citizen_posts: k % 3,
          citizen_comments: 30 + ((k * 5 + i) % 90),
          citizen_authors: 20 + (k % 40),
          questions: q,
          questions_answered: qa,
          response_rate: qa / q,
          timely_answered: Math.floor(qa / 2),
          timely_rate: Math.floor(qa / 2) / q,
          response_time_median_h: 2 + (k % 20) / 3,
          response_time_p90_h: 20 + (k % 30),
          response_time_office_median_h: 1 + (k % 10) / 4,
          unanswered_open: q - qa,
          reply_share: 0.3,
          citizen_share: 0.7,
          megaphone_ratio: 1.5,
          hidden_citizen_items: k % 3,
          deleted_citizen_items: 0,
          abusive_citizen_items: k % 2,
          dialogue_index: di,
          dialogue_band: di === null ? null : di < 25 ? 'megafon' : di < 50 ? 'oppslagstavle' : di < 75 ? 'samtalepartner' : 'høreapparat',
          dialogue_r: 0.6,
          dialogue_t: 0.4,
          dialogue_h: 0.6,
          dialogue_v: 0.5,
          dialogue_f: 0.2,
        }),
        n: { followers: 1000 + k * 40, window_questions: 4 * q },
        flags: di === null ? { dialogue_index: ['insufficient_data'] } : {},
        coverage: 1,
        gapAccounts: [],
        provisional: i === 11,
        distribution: null,
        computedAt,
      });
    }
  });
  for (const a of accs) {
    rows.push({
      scope: 'account',
      scopeId: String(a.id),
      week: WEEK,
      definitionVersion: DEFINITION_VERSION,
      values: valuesOf({ owner_posts: 10, questions: 10, questions_answered: 6 }),
      n: {},
      flags: {},
      coverage: 1,
      gapAccounts: [],
      provisional: true,
      distribution: null,
      computedAt,
    });
  }
  await upsertIndicatorValues(db, rows);

  // ~40 items per municipality in the week: 6 posts of mixed kinds, resident comments, questions, answers.
  const { start } = weekBounds(WEEK);
  const kinds = ['service_info', 'event', 'smalltalk', 'dialogue_invitation', 'crisis', 'other'];
  await db.query(
    `insert into items (account_id, platform, external_id, kind, root_external_id, author_role, author_key, created_at, text, permalink, first_seen_at, last_seen_at)
     select a.id, 'facebook', 'p-' || a.id || '-' || g, 'post', 'p-' || a.id || '-' || g, 'owner', 'owner',
       $1::timestamptz + (g * interval '1 day') + interval '9 hours', 'Innlegg nummer ' || g || ' fra kommunen om tjenester og arrangementer.',
       'https://www.facebook.com/p/' || a.id || '/' || g, now(), now()
     from accounts a, generate_series(0, 5) g`,
    [start],
  );
  await db.query(
    `insert into items (account_id, platform, external_id, kind, parent_external_id, root_external_id, branch_external_id, author_role, author_key, created_at, first_seen_at, last_seen_at)
     select a.id, 'facebook', 'c-' || a.id || '-' || g || '-' || c, 'comment', 'p-' || a.id || '-' || g, 'p-' || a.id || '-' || g,
       'c-' || a.id || '-' || g || '-' || c, 'citizen', 'r' || ((a.id * 7 + c) % 40),
       $1::timestamptz + (g * interval '1 day') + interval '10 hours' + (c * interval '17 minutes'), now(), now()
     from accounts a, generate_series(0, 5) g, generate_series(0, 4) c`,
    [start],
  );
  await db.query(
    `insert into items (account_id, platform, external_id, kind, parent_external_id, root_external_id, branch_external_id, author_role, author_key, created_at, first_seen_at, last_seen_at)
     select i.account_id, 'facebook', 'a-' || i.external_id, 'comment', i.external_id, i.root_external_id, i.external_id, 'owner', 'owner',
       i.created_at + ((i.id % 30) * interval '47 minutes'), now(), now()
     from items i where i.kind = 'comment' and i.id % 3 = 0`,
  );
  await db.query(
    `insert into classifications (item_id, classifier_version, needs_answer, kind, post_kind, classified_at)
     select i.id, $1, case when i.author_role = 'citizen' then i.id % 2 = 0 end,
       case when i.author_role = 'citizen' then case when i.id % 2 = 0 then 'question' else 'other' end end,
       case when i.kind = 'post' then ($2::text[])[1 + (i.id % 6)] end, now()
     from items i`,
    [CLASSIFIER_VERSION, kinds],
  );
  return munis.length;
}

export default async function bench(): Promise<BenchResult> {
  const url = process.env.DATABASE_URL;
  const schema = `bench_reports_${process.pid}`;
  let db: Db;
  if (url) {
    const admin = openPostgres(url, { max: 1 });
    await admin.query(`create schema ${schema}`);
    await admin.close();
    db = openPostgres(url, { searchPath: schema, max: 4 });
  } else db = await openPglite();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lyttepost-bench-reports-'));
  try {
    await migrate(db);
    const municipalities = await seedBench(db, municipalityLimit());
    const load0 = loadavg()[0] ?? 0;
    const t0 = performance.now();
    const renderer = await startChromium();
    const startMs = performance.now() - t0;
    const t1 = performance.now();
    const cpu1 = { tree: treeCpuMs(), node: ownCpuMs() };
    const s = await sendWeeklyReports(
      { week: WEEK, send: false, lang: 'nb' },
      {
        db,
        log: pino({ level: 'silent' }),
        clock: fixedClock(AS_OF),
        cfg: { LYTTEPOST_DATA_DIR: dataDir, LYTTEPOST_LANG: 'nb', SMTP_URL: undefined, SMTP_FROM: 'x' },
        renderer,
      },
    );
    const renderMs = performance.now() - t1;
    const cpu2 = { tree: treeCpuMs(), node: ownCpuMs() };
    await renderer.close();
    const totalMs = performance.now() - t0;
    const pdfBytes = s.reports.reduce((sum, r) => sum + r.rendered.reduce((x, y) => x + y.pdf.length, 0), 0);
    return {
      name: 'Weekly reports: all municipalities, one week',
      command: 'DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench -- reports',
      metrics: {
        municipalities,
        reports_rendered: s.rendered,
        chromium_start_s: startMs / 1000,
        render_all_s: renderMs / 1000,
        total_s: totalMs / 1000,
        per_report_ms: renderMs / Math.max(1, s.rendered),
        cpu_per_report_ms:
          cpu1.tree === null || cpu2.tree === null ? 'unknown (no /proc)' : (cpu2.tree - cpu1.tree) / Math.max(1, s.rendered),
        node_cpu_per_report_ms: (cpu2.node - cpu1.node) / Math.max(1, s.rendered),
        mean_pdf_kb: pdfBytes / Math.max(1, s.rendered) / 1024,
        store: url ? 'postgres' : 'pglite',
        load_avg_1m_at_start: load0,
        load_avg_1m_at_end: loadavg()[0] ?? 0,
      },
      notes:
        'Per report (wall time; cpu_per_report_ms is Node plus all Chromium processes, node_cpu_per_report_ms Node alone): view model, e-mail HTML and text, one page load in Chromium for the A4 PDF and the 3 chart PNGs (2× device pixels) captured from it, archive files; inputs for the whole country read once (~7 s of the total). ' +
        'One Chromium process driven by playwright-core with two reused tabs. Measured while other sessions kept the 2-core machine busy (load_avg_1m_at_end); an idle machine is faster. Acceptance: total under 120 s.',
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    if (url) {
      await db.close();
      const admin = openPostgres(url, { max: 1 });
      await admin.query(`drop schema ${schema} cascade`);
      await admin.close();
    } else await db.close();
  }
}
