import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { AppError } from '../../errors.js';
import { parseIsoWeek } from '../../indicators/iso-week.js';
import { sendWeeklyReports } from '../../jobs/send-weekly-reports.js';
import { startChromium } from '../../reports/chromium.js';
import { composeRaw, reportMail } from '../../reports/email.js';
import { LANGS, type Lang } from '../../reports/format.js';
import { renderHtml } from '../../reports/render-html.js';
import { reportBaseName, renderReport } from '../../reports/render-report.js';
import { buildWeeklyReport } from '../../reports/weekly-report.js';
import { listMunicipalityCodes } from '../../store/accounts.js';
import { loadReportInputs } from '../../store/report-inputs.js';
import { addReportRecipient, listReportRecipients } from '../../store/reports.js';
import { CLASSIFIER_VERSION } from '../../classifier/version.js';
import type { Command } from '../command.js';
import { boolOpt, requireOpt, stringOpt } from '../parse.js';
import { withRuntime } from '../with-runtime.js';
import { ensureWritableDir } from '../../data-dir.js';

const CODE = /^\d{4}$/;
const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

function langOpt(cmd: Command, v: string | undefined, fallback: Lang): Lang {
  if (v === undefined) return fallback;
  if (!(LANGS as readonly string[]).includes(v)) throw new AppError('USAGE', `${cmd.path.join(' ')}: --lang expects nb or en, got '${v}'`);
  return v as Lang;
}

function weekOpt(cmd: Command, v: string): string {
  try {
    parseIsoWeek(v);
  } catch {
    throw new AppError('USAGE', `${cmd.path.join(' ')}: --week expects an ISO week such as 2026-W47, got '${v}'`);
  }
  return v;
}

export const reportCommand: Command = {
  path: ['report'],
  summary: 'render one municipality’s weekly report (HTML e-mail, text, PDF, chart PNGs) and optionally send it',
  usage: 'report --municipality 0301 --week 2026-W47 --out <dir> [--send] [--lang nb|en]',
  options: {
    municipality: { type: 'string', valueName: '<code>', description: 'municipality code, e.g. 0301' },
    week: { type: 'string', valueName: '<week>', description: 'ISO week, e.g. 2026-W47' },
    out: { type: 'string', valueName: '<dir>', description: 'directory to write the report files to' },
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
    const week = weekOpt(this, requireOpt(this, args, 'week'));
    const out = requireOpt(this, args, 'out');
    const send = boolOpt(args, 'send');
    if (!CODE.test(municipality)) throw new AppError('USAGE', `report: --municipality expects a 4-digit code such as 0301, got '${municipality}'`);
    return withRuntime(ctx, async (rt) => {
      const lang = langOpt(this, stringOpt(args, 'lang'), rt.cfg.LYTTEPOST_LANG);
      if (!(await listMunicipalityCodes(rt.db)).has(municipality)) {
        throw new AppError('USAGE', `report: unknown municipality code '${municipality}' (expected a 4-digit code from the register, e.g. 0301 for Oslo)`);
      }
      const renderer = await startChromium();
      try {
        const summary = await sendWeeklyReports({ week, municipality, send, lang }, { db: rt.db, log: rt.log, clock: rt.clock, cfg: rt.cfg, renderer });
        let rendered = summary.reports[0]?.rendered.find((r) => r.lang === lang);
        const inputs = (await loadReportInputs(rt.db, { week, municipalities: [municipality], asOf: rt.clock(), classifierVersion: CLASSIFIER_VERSION })).get(municipality);
        if (!inputs) throw new AppError('NOT_FOUND', `report: no municipality '${municipality}'`);
        const view = buildWeeklyReport(inputs);
        if (!rendered) rendered = await renderReport(view, lang, renderer);
        ensureWritableDir(out, 'report --out');
        const base = reportBaseName(view);
        const names = { trend: `${base}-trend.png`, activity: `${base}-activity.png`, response: `${base}-response.png` };
        await Promise.all([
          writeFile(path.join(out, `${base}.html`), renderHtml(view, { lang, charts: rendered.charts, source: { mode: 'files', names } })),
          writeFile(path.join(out, `${base}.txt`), rendered.text),
          writeFile(path.join(out, `${base}.pdf`), rendered.pdf),
          writeFile(path.join(out, `${base}.eml`), await composeRaw(reportMail(rendered, { from: rt.cfg.SMTP_FROM, to: 'preview@localhost' }, { municipality, week }))),
          ...rendered.images.map((i) => writeFile(path.join(out, names[i.id]), i.png)),
        ]);
        ctx.stdout.write(
          `report ${municipality} ${week} (${lang}): ${path.join(out, base)}.{html,txt,pdf,eml}` +
            (send ? `; sent ${summary.sent}, already sent ${summary.alreadySent}, failed ${summary.failed}${summary.withoutRecipients ? ' (no recipients: lyttepost report recipients add)' : ''}` : '') +
            '\n',
        );
        return summary.failed > 0 ? 1 : 0;
      } finally {
        await renderer.close();
      }
    });
  },
};

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
    if (!EMAIL.test(email)) throw new AppError('USAGE', `report recipients add: --email expects an address such as kommunikasjon@kommune.no, got '${email}'`);
    return withRuntime(ctx, async (rt) => {
      if (!CODE.test(municipality) || !(await listMunicipalityCodes(rt.db)).has(municipality)) {
        throw new AppError('USAGE', `report recipients add: unknown municipality code '${municipality}' (expected a 4-digit code from the register, e.g. 0301 for Oslo)`);
      }
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
