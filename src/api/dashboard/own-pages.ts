import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CLASSIFIER_VERSION } from '../../classifier/version.js';
import { AppError } from '../../errors.js';
import { officeHoursBetween, officeHoursFrom } from '../../indicators/office-hours.js';
import { lastCompletePeriod, PERIOD_KINDS } from '../../indicators/period.js';
import { buildPeriodReport } from '../../reports/period-report.js';
import { formatHours } from '../../reports/format.js';
import { t as reportTexts } from '../../reports/i18n.js';
import { loadPeriodInputs } from '../../store/period-inputs.js';
import { listOpenQuestions } from '../../store/api-reads.js';
import { listMunicipalityAlerts } from '../../store/alerts.js';
import { listReports } from '../../store/reports.js';
import type { RouteContext } from '../context.js';
import { MunicipalityCode, Week } from '../params.js';
import { auditResidentRead } from '../routes/audit.js';
import { waitedHours } from '../routes/questions.js';
import { fmtNumber, fmtPct, href, html, page, raw } from './html.js';
import {
  HTML,
  parse,
  send,
  requirePage,
  requireOwnMunicipality,
  ownMunicipalityPage,
  accountCell,
  platformLink,
  osloTime,
  platformName,
} from './page-kit.js';

/** Pages for the municipality's own keys only: periods, open questions, alerts, weekly reports and their PDFs. */
export function registerOwnMunicipalityPages(app: FastifyInstance, ctx: RouteContext): void {
  const db = ctx.deps.db;

  // Month, quarter and year to date from the weekly rows (the same view model as `report --period`).
  app.get('/m/:code/periods', HTML, async (req, reply) => {
    // The municipality's own keys only, like its reports: period figures are not run through the sector's suppression.
    const { p, code, lang, t } = ownMunicipalityPage(req, 'periods');
    const s = reportTexts(lang);
    const now = ctx.deps.clock();
    const views = [];
    for (const kind of PERIOD_KINDS) {
      const inputs = await loadPeriodInputs(db, {
        period: lastCompletePeriod(kind, now),
        municipality: code,
        asOf: now,
        classifierVersion: CLASSIFIER_VERSION,
      });
      if (!inputs) throw new AppError('NOT_FOUND', 'no such municipality');
      views.push(buildPeriodReport(inputs));
    }
    const head = [t.periodCol, t.periodWeeks, t.questionsN, t.rateCard, t.medianCard, t.targetSeries];
    const body = html`<p class="intro">${t.periodsIntro}</p>
<div class="table-wrap"><table id="periods"><caption class="visually-hidden">${t.periodsTitle}</caption>
<thead><tr>${head.map((h, i) => html`<th scope="col"${raw(i > 1 ? ' class="num"' : '')}>${h}</th>`)}</tr></thead>
<tbody>${views.map((v) => html`<tr><th scope="row">${t.periodName[v.period.kind]} ${v.period.label}</th><td>${v.period.weeks[0]}–${v.period.weeks[v.period.weeks.length - 1]}${v.missingWeeks.length > 0 ? html`<br><span class="note">${t.periodMissing(v.missingWeeks.length)}</span>` : ''}</td><td class="num">${fmtNumber(v.questions, lang)}</td><td class="num">${fmtPct(v.responseRate, lang)}<br><span class="note">${s.nOfM(fmtNumber(v.answered, lang), fmtNumber(v.questions, lang))}</span></td><td class="num">${formatHours(v.medianH, lang)}<br><span class="note">${formatHours(v.officeMedianH, lang)} ${t.officeTime}</span></td><td class="num">${s.nOfM(fmtNumber(v.target.withinTarget, lang), fmtNumber(v.target.questions, lang))}</td></tr>`)}</tbody></table></div>
<p class="note">${t.periodsMethod}</p>
<p><a href="${href(`/m/${code}`, lang)}">← ${code}</a></p>`;
    return send(reply, page({ title: t.periodsTitle, lang, principal: p, path: `/m/${code}/periods`, body }));
  });

  app.get('/m/:code/questions', HTML, async (req, reply) => {
    const { p, code, lang, t } = ownMunicipalityPage(req, 'questions');
    const now = ctx.deps.clock();
    const rows = await listOpenQuestions(db, { municipality: code, now, days: 7 });
    await auditResidentRead(ctx, req, p, code, 'open questions', rows.length);
    const when = (d: Date) => osloTime(d, lang);
    const body = html`<p class="intro">${t.questionsIntro}</p>
${
  rows.length === 0
    ? html`<p>${t.noQuestions}</p>`
    : html`<div class="table-wrap"><table id="questions" class="stack"><caption class="visually-hidden">${t.questionsTitle}</caption>
<thead><tr><th scope="col">${t.question}</th><th scope="col">${t.asked}</th><th scope="col" class="num">${t.waited}</th><th scope="col">${t.platform}</th><th scope="col">${t.answer}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td class="question-text" data-label="${t.question}">${r.text ?? '–'}</td><td data-label="${t.asked}">${when(r.askedAt)}</td><td class="num" data-label="${t.waited}">${fmtNumber(waitedHours(r, now), lang, 1)}</td><td data-label="${t.platform}">${accountCell(r.platform, r.accountHandle)}</td><td data-label="${t.answer}">${platformLink(r.permalink, t.answerOn(platformName(r.platform)))}</td></tr>`)}</tbody></table></div>`
}
<p><a href="${href(`/m/${code}/alerts`, lang)}">${t.alertsTitle}</a> · <a href="${href(`/m/${code}`, lang)}">← ${code}</a></p>`;
    return send(reply, page({ title: t.questionsTitle, lang, principal: p, path: `/m/${code}/questions`, body }));
  });

  app.get('/m/:code/alerts', HTML, async (req, reply) => {
    const { p, code, lang, t } = ownMunicipalityPage(req, 'alerts');
    const now = ctx.deps.clock();
    const rows = await listMunicipalityAlerts(db, { municipality: code, since: new Date(now.getTime() - 30 * 86_400_000) });
    await auditResidentRead(ctx, req, p, code, 'alerts', rows.length);
    const when = (d: Date | null) => (d ? osloTime(d, lang) : '–');
    const state = (a: (typeof rows)[number]) =>
      a.state === 'resolved' && a.resolution
        ? `${t.alertState[a.state]} (${t.resolution[a.resolution] ?? a.resolution})`
        : (t.alertState[a.state] ?? a.state);
    // Waiting time in office hours: until now while the alert is active, until it ended otherwise.
    const waited = (a: (typeof rows)[number]) =>
      a.askedAt ? formatHours(officeHoursBetween(a.askedAt, a.resolvedAt ?? now, officeHoursFrom(a.officeHours)), lang) : '–';
    const body = html`<p class="intro">${t.alertsIntro}</p>
${
  rows.length === 0
    ? html`<p>${t.noAlerts}</p>`
    : html`<div class="table-wrap"><table id="alerts" class="stack"><caption class="visually-hidden">${t.alertsTitle}</caption>
<thead><tr><th scope="col">${t.question}</th><th scope="col">${t.asked}</th><th scope="col">${t.waitedOffice}</th><th scope="col">${t.alertDue}</th><th scope="col">${t.status}</th><th scope="col">${t.platform}</th><th scope="col">${t.answer}</th></tr></thead>
<tbody>${rows.map((a) => html`<tr><td class="question-text" data-label="${t.question}">${a.text ?? '–'}</td><td data-label="${t.asked}">${when(a.askedAt)}</td><td data-label="${t.waitedOffice}">${waited(a)}</td><td data-label="${t.alertDue}">${when(a.dueAt)}</td><td data-label="${t.status}">${a.state === 'escalated' ? html`<span class="badge">${state(a)}</span>` : state(a)}</td><td data-label="${t.platform}">${accountCell(a.platform, a.accountHandle)}</td><td data-label="${t.answer}">${platformLink(a.permalink, t.answerOn(platformName(a.platform)))}</td></tr>`)}</tbody></table></div>`
}
<p><a href="${href(`/m/${code}/questions`, lang)}">${t.questionsTitle}</a> · <a href="${href(`/m/${code}`, lang)}">← ${code}</a></p>`;
    return send(reply, page({ title: t.alertsTitle, lang, principal: p, path: `/m/${code}/alerts`, body }));
  });

  app.get('/m/:code/reports', HTML, async (req, reply) => {
    const { p, code, lang, t } = ownMunicipalityPage(req, 'reports');
    // One row per week and language: how many recipients, when the last was sent, the archived PDF.
    const byWeekLang = new Map<string, { week: string; lang: string; recipients: number; sentAt: Date | null; archived: boolean }>();
    for (const r of await listReports(db, { municipality: code })) {
      const key = `${r.week} ${r.lang}`;
      const g = byWeekLang.get(key) ?? { week: r.week, lang: r.lang, recipients: 0, sentAt: null, archived: false };
      g.recipients++;
      if (r.sentAt && (!g.sentAt || r.sentAt > g.sentAt)) g.sentAt = r.sentAt;
      g.archived ||= r.archivePath !== null;
      byWeekLang.set(key, g);
    }
    const rows = [...byWeekLang.values()].sort((a, b) => (a.week === b.week ? a.lang.localeCompare(b.lang) : a.week < b.week ? 1 : -1));
    const body = html`<p class="intro">${t.reportsIntro}</p>
${
  rows.length === 0
    ? html`<p>${t.noReports}</p>`
    : html`<div class="table-wrap"><table id="reports"><caption class="visually-hidden">${t.reportsTitle}</caption>
<thead><tr><th scope="col">${t.week}</th><th scope="col">${t.reportLanguage}</th><th scope="col" class="num">${t.recipients}</th><th scope="col">${t.sentAt}</th><th scope="col">${t.pdf}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${r.week}</th><td>${t.langName[r.lang] ?? r.lang}</td><td class="num">${r.recipients}</td><td>${r.sentAt ? osloTime(r.sentAt, lang) : t.notSent}</td><td>${r.archived ? html`<a href="${`/m/${code}/reports/${r.week}/report.${r.lang}.pdf`}" download>${t.pdf}</a>` : '–'}</td></tr>`)}</tbody></table></div>`
}
<p><a href="${href(`/m/${code}`, lang)}">← ${code}</a></p>`;
    return send(reply, page({ title: t.reportsTitle, lang, principal: p, path: `/m/${code}/reports`, body }));
  });

  app.get('/m/:code/reports/:week/:file', HTML, async (req, reply) => {
    const p = requirePage(req);
    const { code, week, file } = parse(
      z.strictObject({ code: MunicipalityCode, week: Week, file: z.enum(['report.nb.pdf', 'report.en.pdf']) }),
      req.params,
    );
    requireOwnMunicipality(p, code, 'reports');
    // The archive directory comes from the row the report job wrote, never from the request.
    const dir = (await listReports(db, { municipality: code, week })).find((r) => r.archivePath !== null)?.archivePath;
    if (!dir) throw new AppError('NOT_FOUND', 'no archived report for that week');
    let pdf: Buffer;
    try {
      pdf = await readFile(path.join(dir, file));
    } catch {
      throw new AppError('NOT_FOUND', 'the archived report is not on this server');
    }
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="lyttepost-${code}-${week}-${file.slice('report.'.length)}"`)
      .send(pdf);
  });
}
