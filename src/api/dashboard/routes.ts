import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

import { platformName } from '../../domain/platform-names.js';
import { CLASSIFIER_VERSION } from '../../classifier/version.js';
import { AppError } from '../../errors.js';
import { isoWeekOf } from '../../indicators/iso-week.js';
import { officeHoursBetween, officeHoursFrom } from '../../indicators/office-hours.js';
import { lastCompletePeriod, PERIOD_KINDS } from '../../indicators/period.js';
import { isRunningWeek } from '../../indicators/reporting-week.js';
import { buildPeriodReport } from '../../reports/period-report.js';
import { formatHours } from '../../reports/format.js';
import { t as reportTexts } from '../../reports/i18n.js';
import { indexChanges, peerText, targetText } from '../../reports/render-html.js';
import { buildWeeklyReport } from '../../reports/weekly-report.js';
import { loadPeriodInputs, loadReportInputs } from '../../store/report-inputs.js';
import { DEFINITION_VERSION, SECTOR_ID, type IndicatorId } from '../../indicators/definitions.js';
import { projectUrl } from '../../project-root.js';
import type { OutputRow } from '../../indicators/output.js';
import {
  listAccountSummaries,
  listCountySummaries,
  listMunicipalitySummaries,
  listOpenQuestions,
  readIndicatorSeries,
} from '../../store/api-reads.js';
import { listMunicipalityAlerts } from '../../store/alerts.js';
import { listReports } from '../../store/reports.js';
import { checkScopeAccess } from '../access.js';
import { assertMunicipality, isHttps, login, setSessionCookie, SESSION_TTL_MS, type Principal } from '../auth.js';
import type { RouteContext } from '../context.js';
import { AccountId, MunicipalityCode, Week, resolveWeekRange } from '../params.js';
import { toErrorBody } from '../respond.js';
import { auditResidentRead } from '../routes/audit.js';
import { harvestHealth } from '../routes/harvest-health.js';
import { waitedHours } from '../routes/questions.js';
import { viewRows } from '../views.js';
import { engagementLateNote } from './engagement-late-note.js';
import { chartFigure, fmtNumber, fmtPct, href, html, niceHours, page, raw, type Raw } from './html.js';
import { langOf, texts, type Lang, type Texts } from './i18n.js';

/**
 * The server-rendered dashboard: login with an API key (session cookie), sector overview, municipality, its
 * open questions, alerts and weekly reports (PDF download), account and harvest-health pages. Every page reads
 * through the same access rules and suppressed views as the JSON API; every asset is served from /static (no
 * CDN); pages work without JavaScript (charts degrade to their tables).
 */
const STATIC: Record<string, { type: string; body: Buffer }> = Object.fromEntries(
  [
    ['app.css', 'text/css; charset=utf-8'],
    ['chart.js', 'text/javascript; charset=utf-8'],
  ].map(([name, type]) => [name, { type: type as string, body: readFileSync(projectUrl(`src/api/dashboard/static/${name}`)) }]),
);

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

const HTML = { config: { html: true } } as const;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A dashboard page: errors render as HTML, a missing login redirects to /login. */
    html?: boolean;
  }
}

const RangeQuery = z.strictObject({ from: Week.optional(), to: Week.optional(), lang: z.enum(['en', 'nb']).optional() });
const LangOnly = z.strictObject({ lang: z.enum(['en', 'nb']).optional() });

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input ?? {});
  if (!r.success) throw new AppError('BAD_INPUT', 'invalid page parameters');
  return r.data;
}

const isSuppressed = (r: OutputRow | undefined, id: IndicatorId) => r?.flags[id]?.includes('suppressed') ?? false;

export function send(reply: FastifyReply, body: string, status = 200): FastifyReply {
  return reply.code(status).header('content-security-policy', CSP).type('text/html; charset=utf-8').send(body);
}

/** A local path to return to after login (never another origin). */
function safeNext(v: unknown): string {
  return typeof v === 'string' && /^\/(?!\/)[A-Za-z0-9/_?=&.%-]{0,200}$/.test(v) && !v.startsWith('/login') ? v : '/';
}

function loginPage(lang: Lang, next: string, failed: boolean): string {
  const t = texts(lang);
  return page({
    title: t.loginTitle,
    lang,
    principal: null,
    path: '/login',
    body: html`<p class="intro">${t.loginIntro}</p>
${failed ? html`<p class="error" role="alert" id="login-error">${t.loginFailed}</p>` : ''}
<form method="post" action="${href('/login', lang)}">
  <input type="hidden" name="next" value="${next}">
  <div class="field"><label for="key">${t.keyLabel}</label>
  <input id="key" name="key" type="password" autocomplete="current-password" required maxlength="200" size="50"${raw(failed ? ' aria-invalid="true" aria-describedby="login-error"' : '')}></div>
  <button type="submit">${t.loginButton}</button>
</form>`,
  });
}

function errorPage(lang: Lang, p: Principal | null, status: number): string {
  const t = texts(lang);
  const msg = status === 403 ? t.forbidden : status === 404 ? t.notFound : status === 400 ? t.badInput : t.errorTitle;
  return page({ title: t.errorTitle, lang, principal: p, path: '/', body: html`<p>${msg}</p><p><a href="${href('/', lang)}">${t.navSector}</a></p>` });
}

/** The dashboard's error handling: HTML pages instead of JSON, and a redirect to the login form for 401. */
export function handleHtmlError(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status } = toErrorBody(err);
  const lang = langOf(req.query);
  if (status === 401) return reply.redirect(href('/login', lang, { next: req.url }), 303);
  return send(reply, errorPage(lang, req.principal, status), status);
}

function requirePage(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('UNAUTHORIZED', 'login required');
  return req.principal;
}

/** Questions, alerts and reports of a municipality are its own: the municipality's keys only, not sector or admin. */
function requireOwnMunicipality(p: Principal, code: string, what: string): void {
  if (p.role !== 'municipality') throw new AppError('FORBIDDEN', `${what} are for the municipality only`);
  assertMunicipality(p, code);
}

/** The start of a municipality-only page (`/m/:code/…`): the session's key, its own municipality, the language. */
function ownMunicipalityPage(req: FastifyRequest, what: string): { p: Principal; code: string; lang: Lang; t: Texts } {
  const p = requirePage(req);
  const { code } = parse(z.strictObject({ code: MunicipalityCode }), req.params);
  requireOwnMunicipality(p, code, what);
  const lang: Lang = parse(LangOnly, req.query).lang === 'en' ? 'en' : 'nb';
  return { p, code, lang, t: texts(lang) };
}

/** The platform and the account's handle; a link to the item on the platform (only https). */
const accountCell = (platform: string, handle: string | null): Raw => html`${platformName(platform)}${handle ? html` (${handle})` : ''}`;
const platformLink = (permalink: string | null, label: string): Raw | string =>
  permalink?.startsWith('https://') ? html`<a href="${permalink}" rel="noopener noreferrer" target="_blank">${label}</a>` : '–';

const osloTime = (d: Date, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nb-NO', { timeZone: 'Europe/Oslo', dateStyle: 'short', timeStyle: 'short' }).format(d);


function downloads(t: Texts, lang: Lang, params: Record<string, string>): Raw {
  const qs = new URLSearchParams(params).toString();
  return html`<p class="downloads">${t.download}: <a href="${`/api/v1/exports/indicators.csv?${qs}`}" download>${t.csv}</a>
<a href="${`/api/v1/exports/indicators.xlsx?${qs}`}" download>${t.xlsx}</a></p>`;
}

function rangeForm(t: Texts, lang: Lang, path: string, from: string, to: string): Raw {
  return html`<form method="get" action="${path}" class="row" aria-label="${t.week}">
  ${lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
  <div><label for="from">${t.from}</label><input id="from" name="from" value="${from}" pattern="[0-9]{4}-W[0-9]{2}" size="9" inputmode="text"></div>
  <div><label for="to">${t.to}</label><input id="to" name="to" value="${to}" pattern="[0-9]{4}-W[0-9]{2}" size="9"></div>
  <button type="submit">${t.show}</button>
</form>`;
}

const num = (r: OutputRow | undefined, id: IndicatorId): number | null => {
  const v = r?.values[id];
  return typeof v === 'number' ? v : null;
};

export function registerDashboard(app: FastifyInstance, ctx: RouteContext): void {
  const db = ctx.deps.db;

  app.get('/static/:file', { config: { public: true } }, async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const asset = Object.hasOwn(STATIC, file) ? STATIC[file] : undefined;
    if (!asset) throw new AppError('NOT_FOUND', 'no such asset');
    return reply.header('cache-control', 'public, max-age=3600').type(asset.type).send(asset.body);
  });

  app.get('/login', { config: { public: true, html: true } }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    return send(reply, loginPage(langOf(q), safeNext(q.next), false));
  });

  app.post('/login', { config: { public: true, html: true } }, async (req, reply) => {
    const lang = langOf(req.query);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const key = typeof body.key === 'string' ? body.key : '';
    const next = safeNext(body.next);
    const ttlMs = ctx.deps.sessionTtlMs ?? SESSION_TTL_MS;
    const ok = key.length > 0 && key.length <= 200 ? await login(ctx.auth, key, ttlMs) : null;
    if (!ok) return send(reply, loginPage(lang, next, true), 401);
    const dest = next === '/' ? href('/', lang) : next;
    return setSessionCookie(reply, ok.payload, { ttlMs, secure: isHttps(req) }).redirect(dest, 303);
  });

  app.post('/logout', { config: { public: true, html: true } }, async (req, reply) =>
    setSessionCookie(reply, '', { ttlMs: 0, secure: isHttps(req) }).redirect(href('/login', langOf(req.query)), 303),
  );

  app.get('/', HTML, async (req, reply) => {
    const p = requirePage(req);
    const lang = langOf(req.query);
    return reply.redirect(p.role === 'municipality' ? href(`/m/${p.municipality}`, lang) : href('/sector', lang), 303);
  });

  app.get('/sector', HTML, async (req, reply) => {
    const p = requirePage(req);
    const q = parse(RangeQuery, req.query);
    const lang: Lang = q.lang === 'en' ? 'en' : 'nb';
    const t = texts(lang);
    const range = resolveWeekRange(q, ctx.deps.clock(), 52);
    if ('error' in range) throw new AppError('BAD_INPUT', range.error);
    const base = { from: range.from, to: range.to, definitionVersion: DEFINITION_VERSION };
    const [sectorRaw, countyRaw, counties, municipalities] = await Promise.all([
      readIndicatorSeries(db, { scope: 'sector', scopeId: SECTOR_ID, ...base }),
      readIndicatorSeries(db, { scope: 'county', from: range.to, to: range.to, definitionVersion: DEFINITION_VERSION }),
      listCountySummaries(db),
      listMunicipalitySummaries(db, p.role === 'municipality' ? { code: p.municipality as string } : {}),
    ]);
    const sector = viewRows(p, sectorRaw);
    const countyRows = new Map(viewRows(p, countyRaw).map((r) => [r.scopeId, r]));
    const byWeek = new Map(sector.map((r) => [r.week, r]));
    const weeks = range.weeks;
    const at = (id: IndicatorId) => weeks.map((w) => num(byWeek.get(w), id));
    const dist = (k: 'p25' | 'median' | 'p75') => weeks.map((w) => byWeek.get(w)?.distribution?.dialogue_index?.[k] ?? null);
    const pct = (r: OutputRow | undefined, id: IndicatorId) => (isSuppressed(r, id) ? t.suppressed : fmtPct(num(r, id), lang));
    const body = html`<p class="intro">${t.sectorIntro}</p>
${rangeForm(t, lang, '/sector', range.from, range.to)}
${sector.length === 0 ? html`<p>${t.noData}</p>` : ''}
${chartFigure({ id: 'chart-di', title: t.diChart, weeks, yMax: 100, unit: 'index', series: [{ label: t.diSeries, values: at('dialogue_index') }, { label: t.median, values: dist('median'), kind: 'dashed' }], band: { label: t.band, low: dist('p25'), high: dist('p75') } }, lang)}
${chartFigure({ id: 'chart-parts', title: t.partsChart, weeks, yMax: 1, unit: 'share', series: [{ label: t.R, values: at('dialogue_r') }, { label: t.T, values: at('dialogue_t') }, { label: t.H, values: at('dialogue_h') }, { label: t.V, values: at('dialogue_v') }, { label: t.F, values: at('dialogue_f') }] }, lang)}
${downloads(t, lang, { scope: 'sector', from: range.from, to: range.to })}
<h2 id="counties">${t.countiesTitle} – ${t.week.toLowerCase()} ${range.to}</h2>
<div class="table-wrap"><table aria-labelledby="counties">
<thead><tr><th scope="col">${t.county}</th><th scope="col" class="num">${t.municipalities}</th><th scope="col" class="num">${t.di}</th><th scope="col" class="num">${t.medianRange}</th><th scope="col" class="num">${t.responseRate}</th><th scope="col" class="num">${t.replyShare}</th><th scope="col" class="num">${t.citizenShare}</th></tr></thead>
<tbody>${counties.map((c) => {
      const r = countyRows.get(c.code);
      const d = r?.distribution?.dialogue_index as { p25: number | null; median: number | null; p75: number | null; suppressed?: boolean } | undefined;
      const di = isSuppressed(r, 'dialogue_index') ? t.suppressed : fmtNumber(num(r, 'dialogue_index'), lang);
      const spread = !d || d.suppressed ? t.suppressed : `${fmtNumber(d.median, lang)} (${fmtNumber(d.p25, lang)}–${fmtNumber(d.p75, lang)})`;
      return html`<tr><th scope="row">${c.name}</th><td class="num">${c.municipalities}</td><td class="num">${di}</td><td class="num">${r ? spread : '–'}</td><td class="num">${pct(r, 'response_rate')}</td><td class="num">${pct(r, 'reply_share')}</td><td class="num">${pct(r, 'citizen_share')}</td></tr>`;
    })}</tbody></table></div>
${downloads(t, lang, { scope: 'county', from: range.to, to: range.to })}
<h2 id="switch">${t.switchTitle}</h2>
<form method="get" action="/m" class="row" aria-labelledby="switch">
  ${lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
  <div><label for="code">${t.municipality}</label>
  <select id="code" name="code">${municipalities.map((m) => html`<option value="${m.code}">${m.code} ${m.name}</option>`)}</select></div>
  <button type="submit">${t.go}</button>
</form>`;
    return send(reply, page({ title: t.sectorTitle, lang, principal: p, path: '/sector', query: { from: q.from, to: q.to }, body }));
  });

  app.get('/m', HTML, async (req, reply) => {
    requirePage(req);
    const q = parse(z.strictObject({ code: MunicipalityCode, lang: z.enum(['en', 'nb']).optional() }), req.query);
    return reply.redirect(href(`/m/${q.code}`, q.lang === 'en' ? 'en' : 'nb'), 303);
  });

  app.get('/m/:code', HTML, async (req, reply) => {
    const p = requirePage(req);
    const { code } = parse(z.strictObject({ code: MunicipalityCode }), req.params);
    assertMunicipality(p, code);
    const q = parse(RangeQuery, req.query);
    const lang: Lang = q.lang === 'en' ? 'en' : 'nb';
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
      loadReportInputs(db, { week, municipalities: [code], asOf: now, classifierVersion: CLASSIFIER_VERSION, definitionVersion: DEFINITION_VERSION }),
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
    const cards = !v || accounts.length === 0
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
${chartFigure({ id: 'chart-m-di', title: t.diChart, weeks, yMax: 100, unit: 'index', series: [{ label: `${t.di} – ${m.name}`, values: ownAt('dialogue_index') }, { label: t.sectorMedian, values: dist('median'), kind: 'dashed' }], band: { label: t.band, low: dist('p25'), high: dist('p75') }, n: questionsN }, lang)}
${chartFigure({ id: 'chart-m-rates', title: t.trendMunicipality, weeks, yMax: 1, unit: 'share', series: [{ label: t.responseRate, values: ownAt('response_rate') }, { label: t.replyShare, values: ownAt('reply_share') }, { label: t.citizenShare, values: ownAt('citizen_share') }], n: questionsN }, lang)}
${chartFigure({ id: 'chart-m-time', title: t.responseTimeChart, weeks, yMax: niceHours(Math.max(targetHours ?? 0, ...ownAt('response_time_office_median_h').map((x) => x ?? 0))), unit: 'hours', series: [{ label: t.medianOffice, values: ownAt('response_time_office_median_h') }, ...(targetHours === null ? [] : [{ label: `${t.targetSeries} (${formatHours(targetHours, lang)} ${t.officeTime})`, values: weeks.map(() => targetHours), kind: 'target' as const }])], n: questionsN }, lang)}
${engagementLateNote(own.values(), t)}
${downloads(t, lang, { scope: 'municipality', id: code, from: range.from, to: range.to })}
<h2 id="accounts">${t.accounts}</h2>
${accounts.length === 0 ? html`<p>${t.unmonitored}</p>` : html`<div class="table-wrap"><table aria-labelledby="accounts"><thead><tr><th scope="col">${t.platform}</th><th scope="col">${t.handle}</th>${p.role !== 'sector' ? html`<th scope="col">${t.status}</th>` : ''}</tr></thead>
<tbody>${accounts.map((a) => html`<tr><td>${a.platform}</td><td>${p.role !== 'sector' ? html`<a href="${href(`/a/${a.id}`, lang)}">${a.handle ?? a.externalId}</a>` : (a.handle ?? a.externalId)}</td>${p.role !== 'sector' ? html`<td>${a.status}</td>` : ''}</tr>`)}</tbody></table></div>`}`;
    return send(reply, page({ title: `${m.name} (${m.code})`, lang, principal: p, path: `/m/${code}`, query: { from: q.from, to: q.to }, body }));
  });

  // Month, quarter and year to date from the weekly rows (the same view model as `report --period`).
  app.get('/m/:code/periods', HTML, async (req, reply) => {
    // The municipality's own keys only, like its reports: period figures are not run through the sector's suppression.
    const { p, code, lang, t } = ownMunicipalityPage(req, 'periods');
    const s = reportTexts(lang);
    const now = ctx.deps.clock();
    const views = [];
    for (const kind of PERIOD_KINDS) {
      const inputs = await loadPeriodInputs(db, { period: lastCompletePeriod(kind, now), municipality: code, asOf: now, classifierVersion: CLASSIFIER_VERSION });
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
${rows.length === 0 ? html`<p>${t.noQuestions}</p>` : html`<div class="table-wrap"><table id="questions" class="stack"><caption class="visually-hidden">${t.questionsTitle}</caption>
<thead><tr><th scope="col">${t.question}</th><th scope="col">${t.asked}</th><th scope="col" class="num">${t.waited}</th><th scope="col">${t.platform}</th><th scope="col">${t.answer}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td class="question-text" data-label="${t.question}">${r.text ?? '–'}</td><td data-label="${t.asked}">${when(r.askedAt)}</td><td class="num" data-label="${t.waited}">${fmtNumber(waitedHours(r, now), lang, 1)}</td><td data-label="${t.platform}">${accountCell(r.platform, r.accountHandle)}</td><td data-label="${t.answer}">${platformLink(r.permalink, t.answerOn(platformName(r.platform)))}</td></tr>`)}</tbody></table></div>`}
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
      a.state === 'resolved' && a.resolution ? `${t.alertState[a.state]} (${t.resolution[a.resolution] ?? a.resolution})` : (t.alertState[a.state] ?? a.state);
    // Waiting time in office hours: until now while the alert is active, until it ended otherwise.
    const waited = (a: (typeof rows)[number]) =>
      a.askedAt ? formatHours(officeHoursBetween(a.askedAt, a.resolvedAt ?? now, officeHoursFrom(a.officeHours)), lang) : '–';
    const body = html`<p class="intro">${t.alertsIntro}</p>
${rows.length === 0 ? html`<p>${t.noAlerts}</p>` : html`<div class="table-wrap"><table id="alerts" class="stack"><caption class="visually-hidden">${t.alertsTitle}</caption>
<thead><tr><th scope="col">${t.question}</th><th scope="col">${t.asked}</th><th scope="col">${t.waitedOffice}</th><th scope="col">${t.alertDue}</th><th scope="col">${t.status}</th><th scope="col">${t.platform}</th><th scope="col">${t.answer}</th></tr></thead>
<tbody>${rows.map((a) => html`<tr><td class="question-text" data-label="${t.question}">${a.text ?? '–'}</td><td data-label="${t.asked}">${when(a.askedAt)}</td><td data-label="${t.waitedOffice}">${waited(a)}</td><td data-label="${t.alertDue}">${when(a.dueAt)}</td><td data-label="${t.status}">${a.state === 'escalated' ? html`<span class="badge">${state(a)}</span>` : state(a)}</td><td data-label="${t.platform}">${accountCell(a.platform, a.accountHandle)}</td><td data-label="${t.answer}">${platformLink(a.permalink, t.answerOn(platformName(a.platform)))}</td></tr>`)}</tbody></table></div>`}
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
${rows.length === 0 ? html`<p>${t.noReports}</p>` : html`<div class="table-wrap"><table id="reports"><caption class="visually-hidden">${t.reportsTitle}</caption>
<thead><tr><th scope="col">${t.week}</th><th scope="col">${t.reportLanguage}</th><th scope="col" class="num">${t.recipients}</th><th scope="col">${t.sentAt}</th><th scope="col">${t.pdf}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${r.week}</th><td>${t.langName[r.lang] ?? r.lang}</td><td class="num">${r.recipients}</td><td>${r.sentAt ? osloTime(r.sentAt, lang) : t.notSent}</td><td>${r.archived ? html`<a href="${`/m/${code}/reports/${r.week}/report.${r.lang}.pdf`}" download>${t.pdf}</a>` : '–'}</td></tr>`)}</tbody></table></div>`}
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

  app.get('/a/:id', HTML, async (req, reply) => {
    const p = requirePage(req);
    const { id } = parse(z.strictObject({ id: AccountId }), req.params);
    await checkScopeAccess(db, p, 'account', id);
    const q = parse(RangeQuery, req.query);
    const lang: Lang = q.lang === 'en' ? 'en' : 'nb';
    const t = texts(lang);
    const [a] = await listAccountSummaries(db, { id });
    if (!a) throw new AppError('NOT_FOUND', 'no such account');
    const range = resolveWeekRange(q, ctx.deps.clock(), 26);
    if ('error' in range) throw new AppError('BAD_INPUT', range.error);
    const rows = new Map(viewRows(p, await readIndicatorSeries(db, { scope: 'account', scopeId: id, from: range.from, to: range.to, definitionVersion: DEFINITION_VERSION })).map((r) => [r.week, r]));
    const at = (k: IndicatorId) => range.weeks.map((w) => num(rows.get(w), k));
    const body = html`<p>${a.platform} · ${a.externalId} · ${t.status}: ${a.status} · <a href="${href(`/m/${a.municipality}`, lang)}">${a.municipality}</a></p>
${rangeForm(t, lang, `/a/${id}`, range.from, range.to)}
${chartFigure({ id: 'chart-a-rates', title: t.trendMunicipality, weeks: range.weeks, yMax: 1, unit: 'share', series: [{ label: t.responseRate, values: at('response_rate') }, { label: t.replyShare, values: at('reply_share') }, { label: t.citizenShare, values: at('citizen_share') }] }, lang)}
${engagementLateNote(rows.values(), t)}
${downloads(t, lang, { scope: 'account', id, from: range.from, to: range.to })}`;
    return send(reply, page({ title: `${t.accountTitle} ${a.handle ?? a.externalId}`, lang, principal: p, path: `/a/${id}`, query: { from: q.from, to: q.to }, body }));
  });

  app.get('/health', HTML, async (req, reply) => {
    const p = requirePage(req);
    if (p.role !== 'admin') throw new AppError('FORBIDDEN', 'admin only');
    const lang: Lang = parse(LangOnly, req.query).lang === 'en' ? 'en' : 'nb';
    const t = texts(lang);
    const h = await harvestHealth(ctx);
    const body = html`<h2 id="quota">${t.quotaToday}</h2>
<div class="table-wrap"><table aria-labelledby="quota"><thead><tr><th scope="col">${t.platform}</th><th scope="col" class="num">${t.runs}</th><th scope="col" class="num">${t.calls}</th><th scope="col" class="num">${t.quotaUnits}</th></tr></thead>
<tbody>${h.quota_today.platforms.map((u) => html`<tr><th scope="row">${u.platform}</th><td class="num">${u.runs}</td><td class="num">${u.calls}</td><td class="num">${u.quota_units}</td></tr>`)}</tbody></table></div>
<h2 id="accts">${t.accounts}</h2>
<div class="table-wrap"><table aria-labelledby="accts"><thead><tr><th scope="col">${t.municipality}</th><th scope="col">${t.handle}</th><th scope="col">${t.status}</th><th scope="col">${t.lastSuccess}</th><th scope="col" class="num">${t.hoursSince}</th><th scope="col">${t.lastError}</th><th scope="col" class="num">${t.gaps}</th></tr></thead>
<tbody>${h.accounts.map((a) => html`<tr><td>${a.municipality}</td><td><a href="${href(`/a/${a.id}`, lang)}">${a.platform} ${a.handle ?? a.id}</a></td><td>${a.status === 'needs_reauth' ? html`<span class="badge">${t.needsReauth}</span>` : a.status}</td><td>${a.last_success_at ?? '–'}</td><td class="num">${fmtNumber(a.hours_since_success, lang, 1)}</td><td>${a.last_error_code ?? ''}</td><td class="num">${a.gaps_7d.length}</td></tr>`)}</tbody></table></div>`;
    return send(reply, page({ title: t.healthTitle, lang, principal: p, path: '/health', body }));
  });
}

