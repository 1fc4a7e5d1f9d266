import { loadReportTopics, type ReportTopics } from '../reports/topics-section.js';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { Config } from '../../config/env.js';
import { CLASSIFIER_VERSION } from '../classifier/version.js';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import { DEFINITION_VERSION } from '../indicators/definitions.js';
import { parseIsoWeek } from '../indicators/iso-week.js';
import type { Logger } from '../logger.js';
import { startChromium, type Renderer } from '../reports/chromium.js';
import { makeReportSender, reportMail, type ReportSender } from '../reports/email.js';
import type { Lang } from '../reports/format.js';
import { renderReport, type RenderedReport } from '../reports/render-report.js';
import { buildWeeklyReport } from '../reports/weekly-report.js';
import type { Queryable } from '../store/db.js';
import { municipalityExists } from '../store/register.js';
import { loadReportInputs, type ReportInputs } from '../store/report-inputs.js';
import { claimReport, listReportRecipients, markReportSent, releaseReportClaim, type ReportRecipient } from '../store/reports.js';
import { ensureWritableDir } from '../data-dir.js';

/**
 * The weekly report job: reads the week's stored figures for one or all municipalities, renders each report
 * (HTML + text e-mail with inline chart PNGs, and the PDF), archives it under
 * `<LYTTEPOST_DATA_DIR>/reports/<municipality>/<week>/` with the inputs and their definition and classifier
 * versions (so it can be reproduced), and — with `send` — mails it to the municipality's report recipients.
 * A (municipality, week, recipient) is claimed before sending and marked sent after: never mailed twice.
 * The scheduler runs it for last week on Mondays at 07:00 Europe/Oslo.
 */
export type SendWeeklyReportsPayload = {
  /** ISO week, e.g. `2026-W47`. */
  week: string;
  /** One municipality code; omitted = every municipality with recipients (send) or with stored figures (render only). */
  municipality?: string;
  /** Mail to recipients (false = render and archive only). */
  send: boolean;
  /** Language when not sending (recipients carry their own). @default cfg.LYTTEPOST_LANG */
  lang?: Lang;
};

export type SendWeeklyReportsDeps = {
  db: Queryable;
  log: Logger;
  clock: Clock;
  cfg: Pick<Config, 'LYTTEPOST_DATA_DIR' | 'LYTTEPOST_LANG' | 'SMTP_URL' | 'SMTP_FROM'>;
  /** A running renderer to reuse (tests, benchmarks); otherwise one Chromium is started and closed here. */
  renderer?: Renderer;
  /** A mail sender to use instead of SMTP_URL (tests). */
  sender?: ReportSender;
};

export type SendWeeklyReportsSummary = {
  week: string;
  municipalities: number;
  rendered: number;
  sent: number;
  alreadySent: number;
  failed: number;
  withoutRecipients: number;
  archiveDir: string;
  durationMs: number;
};

export type ArchivedReport = { municipality: string; dir: string; rendered: RenderedReport[] };

export async function sendWeeklyReports(
  payload: SendWeeklyReportsPayload,
  deps: SendWeeklyReportsDeps,
): Promise<SendWeeklyReportsSummary & { reports: ArchivedReport[] }> {
  const t0 = Date.now();
  parseIsoWeek(payload.week);
  const log = deps.log.child({ module: 'reports', week: payload.week });
  const now = deps.clock();
  if (payload.send && !deps.sender && !deps.cfg.SMTP_URL) {
    throw new AppError(
      'CONFIG_INVALID',
      'cannot send reports: SMTP_URL is not set (e.g. smtp://user:pass@mail.example.org:587); run without --send to render only',
    );
  }
  if (payload.municipality !== undefined) {
    if (!(await municipalityExists(deps.db, payload.municipality)))
      throw new AppError(
        'NOT_FOUND',
        `unknown municipality code '${payload.municipality}' (expected a 4-digit code from the register, e.g. 0301 for Oslo)`,
      );
  }

  const recipients = payload.send ? await listReportRecipients(deps.db, payload.municipality ? [payload.municipality] : undefined) : [];
  let codes: string[] | undefined;
  if (payload.municipality) codes = [payload.municipality];
  else if (payload.send) codes = [...new Set(recipients.map((r) => r.municipalityCode))];
  const inputs = await loadReportInputs(deps.db, {
    week: payload.week,
    asOf: now,
    classifierVersion: CLASSIFIER_VERSION,
    definitionVersion: DEFINITION_VERSION,
    ...(codes ? { municipalities: codes } : {}),
  });
  // Render-only runs over the whole country skip municipalities without figures (no accounts yet).
  const todo = [...inputs.values()].filter((i) => codes !== undefined || i.series[i.series.length - 1]?.figures);
  const byMuni = new Map<string, ReportRecipient[]>();
  for (const r of recipients) byMuni.set(r.municipalityCode, [...(byMuni.get(r.municipalityCode) ?? []), r]);

  const summary: SendWeeklyReportsSummary = {
    week: payload.week,
    municipalities: todo.length,
    rendered: 0,
    sent: 0,
    alreadySent: 0,
    failed: 0,
    withoutRecipients: 0,
    archiveDir: path.join(deps.cfg.LYTTEPOST_DATA_DIR, 'reports'),
    durationMs: 0,
  };
  const reports: ArchivedReport[] = [];
  const renderer = deps.renderer ?? (todo.length > 0 ? await startChromium() : null);
  const sender = payload.send ? (deps.sender ?? makeReportSender({ smtpUrl: deps.cfg.SMTP_URL as string })) : null;
  try {
    // Two reports in flight keep the browser's two tabs busy while Node writes files and talks SMTP.
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const inp = todo[next++] as ReportInputs;
        const mine = byMuni.get(inp.municipality.code) ?? [];
        if (payload.send && mine.length === 0) summary.withoutRecipients++;
        const langs: Lang[] =
          payload.send && mine.length > 0 ? [...new Set(mine.map((r) => r.lang))] : [payload.lang ?? deps.cfg.LYTTEPOST_LANG];
        const topics = await loadReportTopics(deps.db, { municipality: inp.municipality.code, week: inp.week, asOf: new Date(inp.asOf) });
        const archived = await renderAndArchive(inp, langs, renderer as Renderer, deps.cfg.LYTTEPOST_DATA_DIR, topics);
        summary.rendered += archived.rendered.length;
        reports.push(archived);
        if (!sender) continue;
        for (const r of mine) {
          const rendered = archived.rendered.find((x) => x.lang === r.lang) as RenderedReport;
          const id = await claimReport(
            deps.db,
            {
              municipalityCode: inp.municipality.code,
              week: inp.week,
              recipient: r.email,
              lang: r.lang,
              inputVersions: inputVersions(inp),
              archivePath: archived.dir,
            },
            deps.clock(),
          );
          if (!id) {
            summary.alreadySent++;
            continue;
          }
          try {
            await sender.send(
              reportMail(rendered, { from: deps.cfg.SMTP_FROM, to: r.email }, { municipality: inp.municipality.code, week: inp.week }),
            );
            await markReportSent(deps.db, id, deps.clock());
            summary.sent++;
          } catch (err) {
            await releaseReportClaim(deps.db, id);
            summary.failed++;
            log.warn({ err, municipality: inp.municipality.code, recipientId: r.id }, 'report delivery failed');
          }
        }
      }
    };
    await Promise.all([worker(), worker()]);
  } finally {
    if (renderer && !deps.renderer) await renderer.close();
    if (sender && !deps.sender) sender.close();
  }
  summary.durationMs = Date.now() - t0;
  log.info({ ...summary }, 'weekly reports done');
  return { ...summary, reports };
}

/** The versions a report's figures rest on, stored with the sent row and in the archive. */
export function inputVersions(inp: ReportInputs): Record<string, unknown> {
  const cur = inp.series[inp.series.length - 1]?.figures;
  return {
    definition_version: inp.definitionVersion,
    classifier_version: inp.classifierVersion,
    as_of: inp.asOf,
    computed_at: cur?.computedAt ?? null,
    provisional: cur?.provisional ?? null,
  };
}

/** Renders a report in each language and writes it, its charts and its inputs to the archive directory. */
export async function renderAndArchive(
  inp: ReportInputs,
  langs: readonly Lang[],
  renderer: Renderer,
  dataDir: string,
  topics?: ReportTopics,
): Promise<ArchivedReport> {
  const dir = path.join(dataDir, 'reports', inp.municipality.code, inp.week);
  ensureWritableDir(dir, 'LYTTEPOST_DATA_DIR (report archive)');
  const view = buildWeeklyReport(inp);
  if (topics) view.topics = topics;
  const rendered: RenderedReport[] = [];
  for (const lang of langs) {
    const r = await renderReport(view, lang, renderer);
    rendered.push(r);
    await Promise.all([
      writeFile(path.join(dir, `report.${lang}.html`), r.html),
      writeFile(path.join(dir, `report.${lang}.txt`), r.text),
      writeFile(path.join(dir, `report.${lang}.pdf`), r.pdf),
      ...r.images.map((i) => writeFile(path.join(dir, `${i.id}.${lang}.png`), i.png)),
    ]);
  }
  await writeFile(path.join(dir, 'inputs.json'), JSON.stringify({ versions: inputVersions(inp), inputs: inp }, null, 1));
  return { municipality: inp.municipality.code, dir, rendered };
}
