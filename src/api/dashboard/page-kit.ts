import type { FastifyReply, FastifyRequest } from 'fastify';
import { platformName } from '../../domain/platform-names.js';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { IndicatorId } from '../../indicators/definitions.js';
import type { OutputRow } from '../../indicators/output.js';
import { assertMunicipality, type Principal } from '../auth.js';
import { MunicipalityCode, Week } from '../params.js';
import { toErrorBody } from '../respond.js';
import { countyTexts } from './county-texts.js';
import { href, html, page, type Raw } from './html.js';
import { langOf, texts, type Lang, type Texts } from './i18n.js';

/**
 * What every dashboard page shares: the Content-Security-Policy, HTML answers and error pages, parameter
 * parsing, the login requirement, and small pieces of markup (download links, the week-range form).
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

export const HTML = { config: { html: true } } as const;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A dashboard page: errors render as HTML, a missing login redirects to /login. */
    html?: boolean;
  }
}

/** A page's `lang` parameter: bokmål unless English is asked for. Every page's query schema takes it from here. */
export const LangParam = z.enum(['en', 'nb']).default('nb');
/** The query of a page over a range of ISO weeks (`from`, `to`, both optional) in a language. */
export const RangeQuery = z.strictObject({ from: Week.optional(), to: Week.optional(), lang: LangParam });
export const LangOnly = z.strictObject({ lang: LangParam });

/** A page's parameters (query or path) by its schema; anything else is a 400 page. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input ?? {});
  if (!r.success) throw new AppError('BAD_INPUT', 'invalid page parameters');
  return r.data;
}

export const isSuppressed = (r: OutputRow | undefined, id: IndicatorId) => r?.flags[id]?.includes('suppressed') ?? false;

export function send(reply: FastifyReply, body: string, status = 200): FastifyReply {
  return reply.code(status).header('content-security-policy', CSP).type('text/html; charset=utf-8').send(body);
}

export function errorPage(lang: Lang, p: Principal | null, status: number): string {
  const t = texts(lang);
  const msg = status === 403 ? t.forbidden : status === 404 ? t.notFound : status === 400 ? t.badInput : t.errorTitle;
  return page({
    title: t.errorTitle,
    lang,
    principal: p,
    path: '/',
    body: html`<p>${msg}</p><p><a href="${href('/', lang)}">${t.navSector}</a></p>`,
  });
}

/** The dashboard's error handling: HTML pages instead of JSON, and a redirect to the login form for 401. */
export function handleHtmlError(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status } = toErrorBody(err);
  const lang = langOf(req.query);
  if (status === 401) return reply.redirect(href('/login', lang, { next: req.url }), 303);
  return send(reply, errorPage(lang, req.principal, status), status);
}

export function requirePage(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('UNAUTHORIZED', 'login required');
  return req.principal;
}

/** Questions, alerts and reports of a municipality are its own: the municipality's keys only, not sector or admin. */
export function requireOwnMunicipality(p: Principal, code: string, what: string): void {
  if (p.role !== 'municipality') throw new AppError('FORBIDDEN', `${what} are for the municipality only`);
  assertMunicipality(p, code);
}

/** The start of a municipality-only page (`/m/:code/…`): the session's key, its own municipality, the language. */
export function ownMunicipalityPage(req: FastifyRequest, what: string): { p: Principal; code: string; lang: Lang; t: Texts } {
  const p = requirePage(req);
  const { code } = parse(z.strictObject({ code: MunicipalityCode }), req.params);
  requireOwnMunicipality(p, code, what);
  const { lang } = parse(LangOnly, req.query);
  return { p, code, lang, t: texts(lang) };
}

/** The platform and the account's handle; a link to the item on the platform (only https). */
export const accountCell = (platform: string, handle: string | null): Raw =>
  html`${platformName(platform)}${handle ? html` (${handle})` : ''}`;
export const platformLink = (permalink: string | null, label: string): Raw | string =>
  permalink?.startsWith('https://') ? html`<a href="${permalink}" rel="noopener noreferrer" target="_blank">${label}</a>` : '–';

export const osloTime = (d: Date, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nb-NO', { timeZone: 'Europe/Oslo', dateStyle: 'short', timeStyle: 'short' }).format(d);

export { platformName };

export function downloads(t: Texts, lang: Lang, params: Record<string, string>): Raw {
  const c = countyTexts(lang);
  const qs = new URLSearchParams({ ...params, ...(lang === 'en' ? { lang } : {}) }).toString();
  return html`<p class="downloads">${t.download}: <a href="${`/api/v1/exports/indicators.csv?${qs}&dialect=excel-nb`}" download>${c.csvExcel}</a>
<a href="${`/api/v1/exports/indicators.xlsx?${qs}`}" download>${c.xlsx}</a>
<a href="${`/api/v1/exports/indicators.csv?${qs}`}" download>${c.csvPlain}</a></p>`;
}

export function rangeForm(t: Texts, lang: Lang, path: string, from: string, to: string): Raw {
  return html`<form method="get" action="${path}" class="row" aria-label="${t.week}">
  ${lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
  <div><label for="from">${t.from}</label><input id="from" name="from" value="${from}" pattern="[0-9]{4}-W[0-9]{2}" size="9" inputmode="text"></div>
  <div><label for="to">${t.to}</label><input id="to" name="to" value="${to}" pattern="[0-9]{4}-W[0-9]{2}" size="9"></div>
  <button type="submit">${t.show}</button>
</form>`;
}

export const num = (r: OutputRow | undefined, id: IndicatorId): number | null => {
  const v = r?.values[id];
  return typeof v === 'number' ? v : null;
};
