/**
 * Dashboard pages of issue 25 (service topics), in their own module with their own strings:
 * - `/m/:code/topics`: what the municipality's residents asked about this week (so far) and last week, per
 *   topic, and the questions per topic still unanswered now (last 4 weeks);
 * - `/sector/topics`: the sector's questions per topic and week (trend) and the response rate by topic over
 *   the period, with its Wilson interval.
 * Counts only, never resident text. Same access as the indicator pages; the sector role (and every role
 * but admin on the sector page) gets the suppressed view: figures from fewer than 5 municipalities, and
 * rates from fewer than 5 questions, are shown as suppressed.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { addWeeks, isoWeekOf } from '../../indicators/iso-week.js';
import { lastCompleteWeek } from '../../indicators/reporting-week.js';
import type { TopicBlock, TopicFigure } from '../../indicators/topics.js';
import { listAccountSummaries, listMunicipalitySummaries } from '../../store/api-reads.js';
import { readTopicBlocks } from '../../topics/figures.js';
import { topicName } from '../../topics/names.js';
import { checkScopeAccess } from '../access.js';
import type { RouteContext } from '../context.js';
import { MunicipalityCode } from '../params.js';
import { chartFigure, fmtNumber, fmtPct, href, html, page, type Raw } from './html.js';
import type { Lang } from './i18n.js';
import { HTML, LangOnly, parse, requirePage, send } from './page-kit.js';

const S = {
  nb: {
    muniTitle: (name: string) => `Dette spør innbyggerne om – ${name}`,
    muniIntro: 'Spørsmål til kommunen per tjenesteområde (tema fra Los, Digdir). Et spørsmål om flere tjenester telles under hver av dem.',
    thisWeek: (w: string) => `Denne uka så langt (${w})`,
    lastWeek: (w: string) => `Forrige uke (${w})`,
    openTitle: 'Ubesvart nå, per tema (siste 4 uker)',
    openNone: 'Ingen ubesvarte spørsmål.',
    openLink: 'Se de ubesvarte spørsmålene',
    sectorTitle: 'Tema i sektoren',
    sectorIntro:
      'Hva innbyggerne spør kommunene om, uke for uke, og hvor godt hvert tema blir besvart. Tall fra færre enn 5 kommuner vises ikke.',
    trendTitle: 'Spørsmål per tema og uke',
    trendChart: 'Spørsmål per uke, de fem største temaene',
    rateTitle: (a: string, b: string) => `Svarandel per tema, ${a}–${b}`,
    topic: 'Tema',
    questions: 'Spørsmål',
    answered: 'Besvart innen 7 dager',
    rate: 'Svarandel',
    ci: '95 % intervall',
    median: 'Median svartid (t)',
    open: 'Ubesvart nå',
    none: 'Ingen spørsmål.',
    suppressed: 'skjult (< 5)',
    pending: (n: string) => `${n} spørsmål er ennå ikke tematisk klassifisert.`,
    back: 'Tilbake',
    week: 'Uke',
  },
  en: {
    muniTitle: (name: string) => `What residents ask about – ${name}`,
    muniIntro:
      'Questions to the municipality per service area (topics from Los, Digdir). A question about several services counts under each.',
    thisWeek: (w: string) => `This week so far (${w})`,
    lastWeek: (w: string) => `Last week (${w})`,
    openTitle: 'Unanswered now, per topic (last 4 weeks)',
    openNone: 'No unanswered questions.',
    openLink: 'See the unanswered questions',
    sectorTitle: 'Topics across the sector',
    sectorIntro:
      'What residents ask municipalities about, week by week, and how well each topic is answered. Figures from fewer than 5 municipalities are not shown.',
    trendTitle: 'Questions per topic and week',
    trendChart: 'Questions per week, the five largest topics',
    rateTitle: (a: string, b: string) => `Response rate per topic, ${a}–${b}`,
    topic: 'Topic',
    questions: 'Questions',
    answered: 'Answered within 7 days',
    rate: 'Response rate',
    ci: '95 % interval',
    median: 'Median response time (h)',
    open: 'Unanswered now',
    none: 'No questions.',
    suppressed: 'hidden (< 5)',
    pending: (n: string) => `${n} questions are not yet classified by topic.`,
    back: 'Back',
    week: 'Week',
  },
} as const;
type Strings = (typeof S)[Lang];

const hidden = (f: TopicFigure) => f.flags?.includes('suppressed') ?? false;

function figureTable(id: string, caption: string, b: TopicBlock | undefined, s: Strings, lang: Lang): Raw {
  const rows = b?.topics ?? [];
  const n = (v: number | null, f: TopicFigure) => (v === null && hidden(f) ? s.suppressed : fmtNumber(v, lang));
  const body =
    rows.length === 0
      ? html`<p>${s.none}</p>`
      : html`<div class="table-wrap"><table id="${id}"><caption>${caption}</caption>
<thead><tr><th scope="col">${s.topic}</th><th scope="col" class="num">${s.questions}</th><th scope="col" class="num">${s.answered}</th><th scope="col" class="num">${s.rate}</th><th scope="col" class="num">${s.median}</th><th scope="col" class="num">${s.open}</th></tr></thead>
<tbody>${rows.map((f) => html`<tr><th scope="row">${topicName(f.topic, lang)}</th><td class="num">${n(f.questions, f)}</td><td class="num">${n(f.questions_answered, f)}</td><td class="num">${hidden(f) ? s.suppressed : fmtPct(f.response_rate, lang)}</td><td class="num">${hidden(f) ? s.suppressed : fmtNumber(f.median_response_hours, lang, 1)}</td><td class="num">${n(f.unanswered_now, f)}</td></tr>`)}</tbody></table></div>`;
  return html`${body}${b && b.pending > 0 ? html`<p class="note">${s.pending(fmtNumber(b.pending, lang))}</p>` : ''}`;
}

export function registerTopicPages(app: FastifyInstance, ctx: RouteContext): void {
  const db = ctx.deps.db;
  app.get('/m/:code/topics', HTML, async (req, reply) => {
    const p = requirePage(req);
    const { code } = parse(z.strictObject({ code: MunicipalityCode }), req.params);
    const { lang } = parse(LangOnly, req.query);
    const s = S[lang];
    await checkScopeAccess(db, p, 'municipality', code);
    const now = ctx.deps.clock();
    const [m] = await listMunicipalitySummaries(db, { code });
    const accountIds = (await listAccountSummaries(db, { municipality: code })).map((a) => a.id);
    const current = isoWeekOf(now);
    const last = lastCompleteWeek(now);
    const role = p.role === 'sector' ? 'sector' : null;
    const read = async (weeks: string[], period?: string) =>
      accountIds.length === 0
        ? []
        : readTopicBlocks(db, { weeks, now, scope: 'municipality', id: code, accountIds, role, ...(period ? { period } : {}) });
    const [weekly, open] = await Promise.all([
      read([last, current]),
      read(
        [addWeeks(last, -3), addWeeks(last, -2), addWeeks(last, -1), last, current].filter((w, i, a) => a.indexOf(w) === i),
        'open',
      ),
    ]);
    const openRows = (open[0]?.topics ?? [])
      .filter((f) => (f.unanswered_now ?? 0) > 0)
      .sort((a, b) => (b.unanswered_now ?? 0) - (a.unanswered_now ?? 0));
    const body = html`<p class="intro">${s.muniIntro}</p>
<h2 id="this-week">${s.thisWeek(current)}</h2>
${figureTable(
  'topics-this-week',
  s.thisWeek(current),
  weekly.find((b) => b.week === current),
  s,
  lang,
)}
<h2 id="open">${s.openTitle}</h2>
${openRows.length === 0 ? html`<p>${s.openNone}</p>` : html`<ul class="topic-open">${openRows.map((f) => html`<li><strong>${topicName(f.topic, lang)}</strong>: ${fmtNumber(f.unanswered_now, lang)}</li>`)}</ul>`}
${p.role === 'municipality' ? html`<p><a href="${href(`/m/${code}/questions`, lang)}">${s.openLink}</a></p>` : ''}
<h2 id="last-week">${s.lastWeek(last)}</h2>
${figureTable(
  'topics-last-week',
  s.lastWeek(last),
  weekly.find((b) => b.week === last),
  s,
  lang,
)}
<p><a href="${href(`/m/${code}`, lang)}">← ${s.back}</a></p>`;
    return send(reply, page({ title: s.muniTitle(m?.name ?? code), lang, principal: p, path: `/m/${code}/topics`, body }));
  });

  app.get('/sector/topics', HTML, async (req, reply) => {
    const p = requirePage(req);
    const { lang } = parse(LangOnly, req.query);
    const s = S[lang];
    const now = ctx.deps.clock();
    const to = lastCompleteWeek(now);
    const weeks = Array.from({ length: 8 }, (_, i) => addWeeks(to, i - 7));
    const role = p.role === 'admin' ? null : 'sector';
    const [weekly, period] = await Promise.all([
      readTopicBlocks(db, { weeks, now, scope: 'sector', role }),
      readTopicBlocks(db, { weeks, now, scope: 'sector', role, period: `${weeks[0]}–${to}` }),
    ]);
    const byWeek = new Map(weekly.map((b) => [b.week, b]));
    const totals = new Map<string, number>();
    for (const b of period) for (const f of b.topics) totals.set(f.topic, f.questions ?? 0);
    const topics = [...new Set(weekly.flatMap((b) => b.topics.map((f) => f.topic)))].sort(
      (a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || a.localeCompare(b),
    );
    const at = (topic: string, w: string) => byWeek.get(w)?.topics.find((f) => f.topic === topic);
    const top5 = topics.filter((tp) => tp !== 'none').slice(0, 5);
    const values = (tp: string) => weeks.map((w) => at(tp, w)?.questions ?? null);
    const max = Math.max(1, ...top5.flatMap((tp) => values(tp).map((v) => v ?? 0)));
    const yMax = Math.ceil(max / 10) * 10;
    const body = html`<p class="intro">${s.sectorIntro}</p>
${chartFigure({ id: 'chart-topics', title: s.trendChart, weeks, yMax, unit: 'index', series: top5.map((tp) => ({ label: topicName(tp, lang), values: values(tp) })) }, lang)}
<h2 id="trend">${s.trendTitle}</h2>
${
  topics.length === 0
    ? html`<p>${s.none}</p>`
    : html`<div class="table-wrap"><table id="topic-trend" aria-labelledby="trend">
<thead><tr><th scope="col">${s.topic}</th>${weeks.map((w) => html`<th scope="col" class="num">${w.slice(5)}</th>`)}</tr></thead>
<tbody>${topics.map(
        (tp) =>
          html`<tr><th scope="row">${topicName(tp, lang)}</th>${weeks.map((w) => {
            const f = at(tp, w);
            return html`<td class="num">${f === undefined ? '–' : hidden(f) && f.questions === null ? s.suppressed : fmtNumber(f.questions, lang)}</td>`;
          })}</tr>`,
      )}</tbody></table></div>`
}
<h2 id="rates">${s.rateTitle(weeks[0] ?? '', to)}</h2>
${
  period[0] === undefined
    ? html`<p>${s.none}</p>`
    : html`<div class="table-wrap"><table id="topic-rates" aria-labelledby="rates">
<thead><tr><th scope="col">${s.topic}</th><th scope="col" class="num">${s.questions}</th><th scope="col" class="num">${s.rate}</th><th scope="col" class="num">${s.ci}</th><th scope="col" class="num">${s.median}</th></tr></thead>
<tbody>${period[0].topics.map((f) => html`<tr><th scope="row">${topicName(f.topic, lang)}</th><td class="num">${f.questions === null ? s.suppressed : fmtNumber(f.questions, lang)}</td><td class="num">${hidden(f) ? s.suppressed : fmtPct(f.response_rate, lang)}</td><td class="num">${hidden(f) ? s.suppressed : `${fmtPct(f.response_rate_ci_low, lang)}–${fmtPct(f.response_rate_ci_high, lang)}`}</td><td class="num">${hidden(f) ? s.suppressed : fmtNumber(f.median_response_hours, lang, 1)}</td></tr>`)}</tbody></table></div>`
}
<p><a href="${href('/sector', lang)}">← ${s.back}</a></p>`;
    return send(reply, page({ title: s.sectorTitle, lang, principal: p, path: '/sector/topics', body }));
  });
}
