import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { DEFINITION_VERSION, type IndicatorId } from '../../indicators/definitions.js';
import { listAccountSummaries, readIndicatorSeries } from '../../store/api-reads.js';
import { checkScopeAccess } from '../access.js';
import type { RouteContext } from '../context.js';
import { AccountId, resolveWeekRange } from '../params.js';
import { harvestHealth } from '../routes/harvest-health.js';
import { viewRows } from '../views.js';
import { engagementLateNote } from './engagement-late-note.js';
import { chartFigure, fmtNumber, href, html, page } from './html.js';
import { texts } from './i18n.js';
import { HTML, RangeQuery, LangOnly, parse, send, requirePage, downloads, rangeForm, num } from './page-kit.js';

/** An account's page and the admin's harvest health. */
export function registerAccountPages(app: FastifyInstance, ctx: RouteContext): void {
  const db = ctx.deps.db;

  app.get('/a/:id', HTML, async (req, reply) => {
    const p = requirePage(req);
    const { id } = parse(z.strictObject({ id: AccountId }), req.params);
    await checkScopeAccess(db, p, 'account', id);
    const q = parse(RangeQuery, req.query);
    const { lang } = q;
    const t = texts(lang);
    const [a] = await listAccountSummaries(db, { id });
    if (!a) throw new AppError('NOT_FOUND', 'no such account');
    const range = resolveWeekRange(q, ctx.deps.clock(), 26);
    if ('error' in range) throw new AppError('BAD_INPUT', range.error);
    const rows = new Map(
      viewRows(
        p,
        await readIndicatorSeries(db, {
          scope: 'account',
          scopeId: id,
          from: range.from,
          to: range.to,
          definitionVersion: DEFINITION_VERSION,
        }),
      ).map((r) => [r.week, r]),
    );
    const at = (k: IndicatorId) => range.weeks.map((w) => num(rows.get(w), k));
    const body = html`<p>${a.platform} · ${a.externalId} · ${t.status}: ${a.status} · <a href="${href(`/m/${a.municipality}`, lang)}">${a.municipality}</a></p>
${rangeForm(t, lang, `/a/${id}`, range.from, range.to)}
${chartFigure(
  {
    id: 'chart-a-rates',
    title: t.trendMunicipality,
    weeks: range.weeks,
    yMax: 1,
    unit: 'share',
    series: [
      { label: t.responseRate, values: at('response_rate') },
      { label: t.replyShare, values: at('reply_share') },
      { label: t.citizenShare, values: at('citizen_share') },
    ],
  },
  lang,
)}
${engagementLateNote(rows.values(), t)}
${downloads(t, lang, { scope: 'account', id, from: range.from, to: range.to })}`;
    return send(
      reply,
      page({
        title: `${t.accountTitle} ${a.handle ?? a.externalId}`,
        lang,
        principal: p,
        path: `/a/${id}`,
        query: { from: q.from, to: q.to },
        body,
      }),
    );
  });

  app.get('/health', HTML, async (req, reply) => {
    const p = requirePage(req);
    if (p.role !== 'admin') throw new AppError('FORBIDDEN', 'admin only');
    const { lang } = parse(LangOnly, req.query);
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
