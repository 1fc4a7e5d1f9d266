import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CLASSIFIER_VERSION } from '../../classifier/version.js';
import { AppError } from '../../errors.js';
import { isoWeekOf } from '../../indicators/iso-week.js';
import { isRunningWeek } from '../../indicators/reporting-week.js';
import { formatHours } from '../../reports/format.js';
import { t as reportTexts } from '../../reports/i18n.js';
import { indexChanges, peerText, targetText } from '../../reports/report-lines.js';
import { buildWeeklyReport } from '../../reports/weekly-report.js';
import { loadReportInputs } from '../../store/report-inputs.js';
import { DEFINITION_VERSION, SECTOR_ID, type IndicatorId } from '../../indicators/definitions.js';
import { listAccountSummaries, listMunicipalitySummaries, listOpenQuestions, readIndicatorSeries } from '../../store/api-reads.js';
import { assertMunicipality } from '../auth.js';
import type { RouteContext } from '../context.js';
import { MunicipalityCode, resolveWeekRange } from '../params.js';
import { viewRows } from '../views.js';
import { engagementLateNote } from './engagement-late-note.js';
import { chartFigure, fmtNumber, fmtPct, href, html, niceHours, page } from './html.js';
import { texts } from './i18n.js';
import { HTML, LangParam, RangeQuery, parse, isSuppressed, send, requirePage, downloads, rangeForm, num } from './page-kit.js';

/** A municipality's overview (`/m/{code}`), for every role that may see it, and the picker's redirect. */
export function registerMunicipalityPage(app: FastifyInstance, ctx: RouteContext): void {
  const db = ctx.deps.db;

  app.get('/m', HTML, async (req, reply) => {
    requirePage(req);
    const q = parse(z.strictObject({ code: MunicipalityCode, lang: LangParam }), req.query);
    return reply.redirect(href(`/m/${q.code}`, q.lang), 303);
  });

  app.get('/m/:code', HTML, async (req, reply) => {
    const p = requirePage(req);
    const { code } = parse(z.strictObject({ code: MunicipalityCode }), req.params);
    assertMunicipality(p, code);
    const q = parse(RangeQuery, req.query);
    const { lang } = q;
    const t = texts(lang);
    const s = reportTexts(lang);
    const [m] = await listMunicipalitySummaries(db, { code });
    if (!m) throw new AppError('NOT_FOUND', 'no such municipality');
    const now = ctx.deps.clock();
    const range = resolveWeekRange(q, now, 52);
    if ('error' in range) throw new AppError('BAD_INPUT', range.error);
    const week = range.to;
    const running = isRunningWeek(week, now);
    const base = { from: range.from, to: range.to, definitionVersion: DEFINITION_VERSION };
    const [ownRaw, sectorRaw, accounts, inputs, open] = await Promise.all([
      readIndicatorSeries(db, { scope: 'municipality', scopeId: code, ...base }),
      readIndicatorSeries(db, { scope: 'sector', scopeId: SECTOR_ID, ...base }),
      listAccountSummaries(db, { municipality: code }),
      loadReportInputs(db, {
        week,
        municipalities: [code],
        asOf: now,
        classifierVersion: CLASSIFIER_VERSION,
        definitionVersion: DEFINITION_VERSION,
      }),
      listOpenQuestions(db, { municipality: code, now, days: 7 }),
    ]);
    const own = new Map(viewRows(p, ownRaw).map((r) => [r.week, r]));
    const sector = new Map(viewRows(p, sectorRaw).map((r) => [r.week, r]));
    // The week's figures come from the same view model as the weekly report and e-mail (one set of numbers).
    const input = inputs.get(code);
    const v = input ? buildWeeklyReport(input) : null;
    const last = own.get(week);
    const hidden = (id: IndicatorId) => isSuppressed(last, id);
    const weekName = t.weekLabel(week);
    // Charts start at the first week with figures, not 52 weeks back.
    const first = range.weeks.find((w) => own.has(w));
    const weeks = first ? range.weeks.slice(range.weeks.indexOf(first)) : range.weeks.slice(-1);
    const ownAt = (id: IndicatorId) => weeks.map((w) => num(own.get(w), id));
    const dist = (k: 'p25' | 'median' | 'p75') => weeks.map((w) => sector.get(w)?.distribution?.dialogue_index?.[k] ?? null);
    const questionsN = { label: t.questionsN, values: ownAt('questions') };
    const targetHours = v?.responsiveness.target.officeHours ?? null;
    const isOwn = p.role === 'municipality';
    const cards =
      !v || accounts.length === 0
        ? html`<div class="card" id="card-none"><p>${accounts.length === 0 ? t.unmonitored : t.noWeekData}</p></div>`
        : html`<div class="card" id="card-index"><h2>${t.di}</h2>
  <p class="big">${hidden('dialogue_index') ? t.suppressed : v.dialogue.index.value === null ? '–' : `${fmtNumber(v.dialogue.index.value, lang)} / 100`}</p>
  ${v.dialogue.band && !hidden('dialogue_index') ? html`<p><span class="band band-${v.dialogue.band}">${s.bands[v.dialogue.band] ?? v.dialogue.band}</span></p>` : ''}
  ${v.dialogue.index.value === null && v.hasData ? html`<p>${s.insufficient(fmtNumber(v.dialogue.windowQuestions, lang))}</p>` : ''}
  ${hidden('dialogue_index') ? '' : indexChanges(v, s, lang).map((c) => html`<p class="note">${c}</p>`)}
  <p class="note">${t.indexWindow(weekName)}</p></div>
<div class="card" id="card-rate"><h2>${t.rateCard}, ${weekName}</h2>
  <p class="big">${hidden('response_rate') ? t.suppressed : fmtPct(v.responsiveness.responseRate.value, lang)}</p>
  ${v.responsiveness.questions.value !== null && v.responsiveness.questionsAnswered !== null ? html`<p>${t.answeredOf(fmtNumber(v.responsiveness.questionsAnswered, lang), fmtNumber(v.responsiveness.questions.value, lang))}</p>` : ''}
  ${!hidden('response_rate') && v.responsiveness.responseRateCi.low !== null ? html`<p class="note">${t.ciText(fmtPct(v.responsiveness.responseRateCi.low, lang), fmtPct(v.responsiveness.responseRateCi.high, lang))}</p>` : ''}</div>
<div class="card" id="card-time"><h2>${t.medianCard}, ${weekName}</h2>
  <p class="big">${hidden('response_time_median_h') ? t.suppressed : formatHours(v.responsiveness.medianH.value, lang)} <span class="unit">${t.wallClock}</span></p>
  <p>${hidden('response_time_office_median_h') ? t.suppressed : formatHours(v.responsiveness.officeMedianH, lang)} ${t.officeTime}</p>
  <p class="note">${s.medianRests(fmtNumber(v.responsiveness.questionsAnswered, lang), fmtNumber(v.responsiveness.questions.value, lang))}</p>
  <p class="note">${targetText(v, s, lang)}</p></div>
<div class="card" id="card-open"><h2>${t.openNow}</h2>
  <p class="big">${fmtNumber(open.length, lang)}</p><p>${t.openNowText}</p>
  ${isOwn ? html`<p><a href="${href(`/m/${code}/questions`, lang)}" id="questions-link">${t.openNowLink}</a></p>` : ''}</div>
<div class="card" id="card-peers"><h2>${t.peersCard}</h2>
  <ul class="plain">${v.peers.dialogueIndex.filter((pp) => pp.group !== 'county').map((pp) => html`<li>${s.metricDialogue} ${peerText(pp, s, lang, false)}</li>`)}</ul></div>`;
    const body = html`<p class="week-line" id="week-line"><strong>${weekName}</strong>${running ? html` – <span class="badge">${t.running}</span> <a href="${href(`/m/${code}`, lang)}">${t.showLastComplete}</a>` : html` · <a href="${href(`/m/${code}`, lang, { to: isoWeekOf(now) })}">${t.showRunning}</a>`}</p>
<div class="cards">${cards}</div>
${isOwn ? html`<p class="links"><a href="${href(`/m/${code}/alerts`, lang)}" id="alerts-link">${t.alertsTitle}</a> · <a href="${href(`/m/${code}/reports`, lang)}" id="reports-link">${t.reportsLink}</a> · <a href="${href(`/m/${code}/periods`, lang)}" id="periods-link">${t.periodsTitle}</a></p>` : ''}
${rangeForm(t, lang, `/m/${code}`, range.from, range.to)}
${first ? html`<p class="note">${t.dataFrom(t.weekLabel(first))}</p>` : ''}
${chartFigure(
  {
    id: 'chart-m-di',
    title: t.diChart,
    weeks,
    yMax: 100,
    unit: 'index',
    series: [
      { label: `${t.di} – ${m.name}`, values: ownAt('dialogue_index') },
      { label: t.sectorMedian, values: dist('median'), kind: 'dashed' },
    ],
    band: { label: t.band, low: dist('p25'), high: dist('p75') },
    n: questionsN,
  },
  lang,
)}
${chartFigure(
  {
    id: 'chart-m-rates',
    title: t.trendMunicipality,
    weeks,
    yMax: 1,
    unit: 'share',
    series: [
      { label: t.responseRate, values: ownAt('response_rate') },
      { label: t.replyShare, values: ownAt('reply_share') },
      { label: t.citizenShare, values: ownAt('citizen_share') },
    ],
    n: questionsN,
  },
  lang,
)}
${chartFigure({ id: 'chart-m-time', title: t.responseTimeChart, weeks, yMax: niceHours(Math.max(targetHours ?? 0, ...ownAt('response_time_office_median_h').map((x) => x ?? 0))), unit: 'hours', series: [{ label: t.medianOffice, values: ownAt('response_time_office_median_h') }, ...(targetHours === null ? [] : [{ label: `${t.targetSeries} (${formatHours(targetHours, lang)} ${t.officeTime})`, values: weeks.map(() => targetHours), kind: 'target' as const }])], n: questionsN }, lang)}
${engagementLateNote(own.values(), t)}
${downloads(t, lang, { scope: 'municipality', id: code, from: range.from, to: range.to })}
<h2 id="accounts">${t.accounts}</h2>
${
  accounts.length === 0
    ? html`<p>${t.unmonitored}</p>`
    : html`<div class="table-wrap"><table aria-labelledby="accounts"><thead><tr><th scope="col">${t.platform}</th><th scope="col">${t.handle}</th>${p.role !== 'sector' ? html`<th scope="col">${t.status}</th>` : ''}</tr></thead>
<tbody>${accounts.map((a) => html`<tr><td>${a.platform}</td><td>${p.role !== 'sector' ? html`<a href="${href(`/a/${a.id}`, lang)}">${a.handle ?? a.externalId}</a>` : (a.handle ?? a.externalId)}</td>${p.role !== 'sector' ? html`<td>${a.status}</td>` : ''}</tr>`)}</tbody></table></div>`
}`;
    return send(
      reply,
      page({ title: `${m.name} (${m.code})`, lang, principal: p, path: `/m/${code}`, query: { from: q.from, to: q.to }, body }),
    );
  });
}
