import { loadReportTopics } from '../../reports/topics-section.js';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { AppError } from '../../errors.js';
import { parseIsoWeek } from '../../indicators/iso-week.js';
import { lastCompletePeriod, PERIOD_KINDS, type PeriodKind } from '../../indicators/period.js';
import { resolveReportingWeek, type ReportingWeek } from '../../indicators/reporting-week.js';
import { buildPeriodReport } from '../../reports/period-report.js';
import { renderPeriodHtml, renderPeriodText } from '../../reports/render-period.js';
import type { Runtime } from '../../runtime.js';
import { sendWeeklyReports } from '../../jobs/send-weekly-reports.js';
import { startChromium } from '../../reports/chromium.js';
import { composeRaw, reportMail } from '../../reports/email.js';
import { LANGS, type Lang } from '../../reports/format.js';
import { renderHtml } from '../../reports/render-html.js';
import { reportBaseName, renderReport } from '../../reports/render-report.js';
import { buildWeeklyReport } from '../../reports/weekly-report.js';
import { listAccounts } from '../../store/accounts.js';
import { loadPeriodInputs } from '../../store/period-inputs.js';
import { loadReportInputs } from '../../store/report-inputs.js';
import { addReportRecipient, listReportRecipients } from '../../store/reports.js';
import { CLASSIFIER_VERSION } from '../../classifier/version.js';
import type { Command } from '../command.js';
import { boolOpt, requireOpt, stringOpt } from '../parse.js';
import { EMAIL_ADDRESS, municipalityCodeOpt, requireKnownMunicipality } from '../municipality-opt.js';
import { withRuntime } from '../with-runtime.js';
import { ensureWritableDir } from '../../data-dir.js';

function langOpt(cmd: Command, v: string | undefined, fallback: Lang): Lang {
  if (v === undefined) return fallback;
  if (!(LANGS as readonly string[]).includes(v)) throw new AppError('USAGE', `${cmd.path.join(' ')}: --lang expects nb or en, got '${v}'`);
  return v as Lang;
}

/** --week: an ISO week or `current`; the last complete week when missing; a week not yet begun is refused. */
function weekOpt(cmd: Command, v: string | undefined, now: Date): ReportingWeek {
  if (v !== undefined && v.trim() !== 'current') {
    try {
      parseIsoWeek(v);
    } catch {
      throw new AppError('USAGE', `${cmd.path.join(' ')}: --week expects an ISO week such as 2026-W47, got '${v}'`);
    }
  }
  try {
    return resolveReportingWeek(v, now);
  } catch (err) {
    throw new AppError('USAGE', `${cmd.path.join(' ')}: ${(err as Error).message}; no report is made for it`);
  }
}

export const reportCommand: Command = {
  path: ['report'],
  summary: 'render one municipality’s weekly report (HTML e-mail, text, PDF, chart PNGs) and optionally send it',
  usage: 'report --municipality 0301 [--week 2026-W47|current | --period month|quarter|ytd] --out <dir> [--send] [--lang nb|en]',
  options: {
    municipality: { type: 'string', valueName: '<code>', description: 'municipality code, e.g. 0301' },
    week: {
      type: 'string',
      valueName: '<week>',
      description: 'ISO week, e.g. 2026-W47, or `current` (so far this week, provisional)',
      default: 'the last complete week',
    },
    out: { type: 'string', valueName: '<dir>', description: 'directory to write the report files to' },
    period: {
      type: 'string',
      valueName: '<period>',
      description: 'instead of a week: the last complete month or quarter, or the year to date (board meetings)',
    },
    send: { type: 'boolean', description: 'also mail it to the municipality’s report recipients (each week and recipient at most once)' },
    lang: { type: 'string', valueName: '<nb|en>', description: 'language of the files in --out', default: 'LYTTEPOST_LANG (nb)' },
  },
  details:
    'Writes <out>/lyttepost-<code>-<week>.{html,txt,pdf,eml} and the chart PNGs; the HTML there shows the PNG files.\n' +
    'Every rendered report is also archived under $LYTTEPOST_DATA_DIR/reports/<code>/<week>/ with its inputs and their\n' +
    'definition and classifier versions. Recipients: lyttepost report recipients add --municipality <code> --email <addr>.\n' +
    'Needs Chromium (/usr/bin/chromium) for the chart images and the PDF.',
  async run(args, ctx) {
    const municipality = requireOpt(this, args, 'municipality');
    const periodArg = stringOpt(args, 'period');
    if (periodArg !== undefined && stringOpt(args, 'week') !== undefined)
      throw new AppError('USAGE', 'report: give either --week or --period, not both');
    if (periodArg !== undefined && !(PERIOD_KINDS as readonly string[]).includes(periodArg)) {
      throw new AppError('USAGE', `report: --period expects month, quarter or ytd, got '${periodArg}'`);
    }
    const { week } = weekOpt(this, stringOpt(args, 'week'), ctx.clock());
    const out = requireOpt(this, args, 'out');
    const send = boolOpt(args, 'send');
    municipalityCodeOpt('report', municipality);
    if (periodArg !== undefined && send)
      throw new AppError('USAGE', 'report: --send mails the weekly report; a --period report is written to --out only');
    return withRuntime(ctx, async (rt) => {
      const lang = langOpt(this, stringOpt(args, 'lang'), rt.cfg.LYTTEPOST_LANG);
      await requireKnownMunicipality('report', rt.db, municipality);
      if ((await listAccounts(rt.db, { municipality })).length === 0) {
        throw new AppError(
          'USAGE',
          `report: municipality ${municipality} has no monitored accounts, so there is nothing to report (add one: lyttepost accounts add)`,
        );
      }
      if (periodArg !== undefined) return writePeriodReport(rt, { municipality, kind: periodArg as PeriodKind, out, lang }, ctx.stdout);
      const renderer = await startChromium();
      try {
        const summary = await sendWeeklyReports(
          { week, municipality, send, lang },
          { db: rt.db, log: rt.log, clock: rt.clock, cfg: rt.cfg, renderer },
        );
        let rendered = summary.reports[0]?.rendered.find((r) => r.lang === lang);
        const inputs = (
          await loadReportInputs(rt.db, { week, municipalities: [municipality], asOf: rt.clock(), classifierVersion: CLASSIFIER_VERSION })
        ).get(municipality);
        if (!inputs) throw new AppError('NOT_FOUND', `report: no municipality '${municipality}'`);
        const view = buildWeeklyReport(inputs);
        view.topics = await loadReportTopics(rt.db, { municipality, week: view.week, asOf: view.asOf });
        if (!rendered) rendered = await renderReport(view, lang, renderer);
        ensureWritableDir(out, 'report --out');
        const base = reportBaseName(view);
        const names = { trend: `${base}-trend.png`, activity: `${base}-activity.png`, response: `${base}-response.png` };
        await Promise.all([
          writeFile(path.join(out, `${base}.html`), renderHtml(view, { lang, charts: rendered.charts, source: { mode: 'files', names } })),
          writeFile(path.join(out, `${base}.txt`), rendered.text),
          writeFile(path.join(out, `${base}.pdf`), rendered.pdf),
          writeFile(
            path.join(out, `${base}.eml`),
            await composeRaw(reportMail(rendered, { from: rt.cfg.SMTP_FROM, to: 'preview@localhost' }, { municipality, week })),
          ),
          ...rendered.images.map((i) => writeFile(path.join(out, names[i.id]), i.png)),
        ]);
        ctx.stdout.write(
          `report ${municipality} ${week} (${lang}): ${path.join(out, base)}.{html,txt,pdf,eml}` +
            (send
              ? `; sent ${summary.sent}, already sent ${summary.alreadySent}, failed ${summary.failed}${summary.withoutRecipients ? ' (no recipients: lyttepost report recipients add)' : ''}`
              : '') +
            '\n',
        );
        return summary.failed > 0 ? 1 : 0;
      } finally {
        await renderer.close();
      }
    });
  },
};

/** `report --period`: the month, quarter or year to date from the weekly rows, as HTML, text and PDF in --out. */
async function writePeriodReport(
  rt: Runtime,
  o: { municipality: string; kind: PeriodKind; out: string; lang: Lang },
  stdout: NodeJS.WritableStream,
): Promise<number> {
  const period = lastCompletePeriod(o.kind, rt.clock());
  const inputs = await loadPeriodInputs(rt.db, {
    period,
    municipality: o.municipality,
    asOf: rt.clock(),
    classifierVersion: CLASSIFIER_VERSION,
  });
  if (!inputs) throw new AppError('NOT_FOUND', `report: no municipality '${o.municipality}'`);
  const view = buildPeriodReport(inputs);
  const html = renderPeriodHtml(view, o.lang);
  const base = path.join(o.out, `lyttepost-${o.municipality}-${period.label}`);
  const renderer = await startChromium();
  try {
    const pdf = await renderer.htmlToPdf(html);
    ensureWritableDir(o.out, 'report --out');
    await Promise.all([
      writeFile(`${base}.html`, html),
      writeFile(`${base}.txt`, renderPeriodText(view, o.lang)),
      writeFile(`${base}.pdf`, pdf),
    ]);
  } finally {
    await renderer.close();
  }
  stdout.write(
    `report ${o.municipality} ${period.label} (${o.lang}, ${period.weeks.length} weeks ${period.weeks[0]}–${period.weeks[period.weeks.length - 1]}): ${base}.{html,txt,pdf}\n`,
  );
  return 0;
}

export const reportRecipientsAddCommand: Command = {
  path: ['report', 'recipients', 'add'],
  summary: 'add a weekly report recipient for a municipality',
  usage: 'report recipients add --municipality 0301 --email <address> [--lang nb|en]',
  options: {
    municipality: { type: 'string', valueName: '<code>', description: 'municipality code, e.g. 0301' },
    email: { type: 'string', valueName: '<address>', description: 'e-mail address' },
    lang: { type: 'string', valueName: '<nb|en>', description: 'report language for this recipient', default: 'nb' },
  },
  async run(args, ctx) {
    const municipality = requireOpt(this, args, 'municipality');
    const email = requireOpt(this, args, 'email');
    const lang = langOpt(this, stringOpt(args, 'lang'), 'nb');
    if (!EMAIL_ADDRESS.test(email))
      throw new AppError('USAGE', `report recipients add: --email expects an address such as kommunikasjon@kommune.no, got '${email}'`);
    return withRuntime(ctx, async (rt) => {
      await requireKnownMunicipality('report recipients add', rt.db, municipality);
      await addReportRecipient(rt.db, { municipalityCode: municipality, email, lang }, rt.clock());
      ctx.stdout.write(`report recipient ${email.toLowerCase()} (${lang}) for ${municipality}\n`);
      return 0;
    });
  },
};

export const reportRecipientsListCommand: Command = {
  path: ['report', 'recipients', 'list'],
  summary: 'list weekly report recipients',
  usage: 'report recipients list [--municipality 0301]',
  options: { municipality: { type: 'string', valueName: '<code>', description: 'only this municipality' } },
  async run(args, ctx) {
    const municipality = stringOpt(args, 'municipality');
    return withRuntime(ctx, async (rt) => {
      const list = await listReportRecipients(rt.db, municipality ? [municipality] : undefined);
      for (const r of list) ctx.stdout.write(`${r.municipalityCode}\t${r.email}\t${r.lang}\n`);
      if (list.length === 0) ctx.stdout.write('no report recipients\n');
      return 0;
    });
  },
};
