import type { FastifyInstance } from 'fastify';

import type { Interval, KindFigures, KindScope } from '../../indicators/post-kind-figures.js';
import type { RouteContext } from '../context.js';
import { exportLinks } from '../sector/export-links.js';
import { loadPostKindView } from '../sector/post-kind-view.js';
import { sectorTexts, type SectorTexts } from '../sector/texts.js';
import { fmtNumber, fmtPct, html, page, type Raw } from './html.js';
import { texts, type Lang } from './i18n.js';
import { HTML, parse, RangeQuery, rangeForm, requirePage, send } from './page-kit.js';

/**
 * `/sector/post-kinds`: which kinds of posts open a dialogue, for the sector, each size band and (for a
 * municipality key) its own municipality, with n and 95 % intervals. The same figures as
 * /api/v1/post-kinds and its CSV export (src/api/sector/post-kind-view.ts).
 */
export function fmtInterval(x: Interval, lang: Lang, share: boolean): string {
  const f = (v: number | null) => (share ? fmtPct(v, lang) : fmtNumber(v, lang, 2));
  if (x.value === null) return '–';
  return x.low === null || x.high === null ? f(x.value) : `${f(x.value)} (${f(x.low)}–${f(x.high)})`;
}

function kindTable(id: string, s: KindScope, st: SectorTexts, lang: Lang): Raw {
  const hidden = (k: KindFigures, f: string) => k.suppressed.includes(f);
  const c = (k: KindFigures, f: 'share' | 'commentedShare' | 'commentsPerPost' | 'questionsPerPost' | 'responseRate', share: boolean) =>
    hidden(k, f) ? st.suppressedGroup : fmtInterval(k[f], lang, share);
  return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="${id}"><table aria-labelledby="${id}">
<thead><tr><th scope="col">${st.colKind}</th><th scope="col" class="num">${st.colPosts}</th><th scope="col" class="num">${st.colShare}</th><th scope="col" class="num">${st.colCommented}</th><th scope="col" class="num">${st.colComments}</th><th scope="col" class="num">${st.colQuestions}</th><th scope="col" class="num">${st.colRate}</th></tr></thead>
<tbody>${s.kinds.map(
    (k) =>
      html`<tr><th scope="row">${st.kindNames[k.kind] ?? k.kind}</th><td class="num">${hidden(k, 'posts') ? st.suppressedGroup : fmtNumber(k.posts, lang)}</td><td class="num">${c(k, 'share', true)}</td><td class="num">${c(k, 'commentedShare', true)}</td><td class="num">${c(k, 'commentsPerPost', false)}</td><td class="num">${c(k, 'questionsPerPost', false)}</td><td class="num">${c(k, 'responseRate', true)}${hidden(k, 'responseRate') ? '' : ` (${fmtNumber(k.responseRate.n, lang)})`}</td></tr>`,
  )}</tbody></table></div>`;
}

/** The page's answer in words: where small talk ranks by comments per post, and the kind that draws most. */
export function postKindFindings(s: KindScope, st: SectorTexts, lang: Lang): string[] {
  const ranked = s.kinds
    .filter((k) => k.kind !== 'unclassified' && k.commentsPerPost.value !== null)
    .sort((a, b) => (b.commentsPerPost.value as number) - (a.commentsPerPost.value as number));
  if (ranked.length === 0) return [];
  const allPosts = s.kinds.reduce((n, k) => n + k.posts, 0);
  const allComments = s.kinds.reduce((n, k) => n + (k.commentsPerPost.value ?? 0) * k.posts, 0);
  const top = ranked[0] as KindFigures;
  const out = [st.topFinding(st.kindNames[top.kind] ?? top.kind, fmtInterval(top.commentsPerPost, lang, false))];
  const i = ranked.findIndex((k) => k.kind === 'smalltalk');
  const small = ranked[i];
  out.push(
    small
      ? st.smalltalkFinding(
          i + 1,
          ranked.length,
          fmtInterval(small.commentsPerPost, lang, false),
          fmtNumber(allPosts > 0 ? allComments / allPosts : null, lang, 2),
        )
      : st.smalltalkNone,
  );
  return out;
}

export function registerPostKindsPage(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/sector/post-kinds', HTML, async (req, reply) => {
    const p = requirePage(req);
    const { from, to, lang } = parse(RangeQuery, req.query);
    const t = texts(lang);
    const st = sectorTexts(lang);
    const v = await loadPostKindView(ctx, p, { from, to });
    const sectorHidden = v.sector.kinds.some((k) => k.suppressed.includes('posts'));
    const own = v.municipalities[0];
    const body = html`<p class="intro">${st.postKindsIntro}</p>
${rangeForm(t, lang, '/sector/post-kinds', v.from, v.to)}
${sectorHidden ? '' : html`<ul class="findings">${postKindFindings(v.sector, st, lang).map((f) => html`<li>${f}</li>`)}</ul>`}
<h2 id="pk-sector">${st.sectorHeading} <span class="note">(${st.municipalitiesN(v.sector.municipalities)})</span></h2>
${kindTable('pk-sector', v.sector, st, lang)}
${p.role === 'municipality' && own ? html`<h2 id="pk-own">${st.ownHeading}: ${own.name ?? own.id}</h2>${kindTable('pk-own', own, st, lang)}` : ''}
<h2 id="pk-bands">${st.bandsHeading}</h2>
${v.bands.map((b) => html`<h3 id="${`pk-band-${b.id}`}">${st.bandNames[b.id] ?? b.id} <span class="note">(${st.municipalitiesN(b.municipalities)})</span></h3>${kindTable(`pk-band-${b.id}`, b, st, lang)}`)}
<p class="note">${st.intervalNote.replace('{v}', v.classifierVersion)} ${st.municipalitiesNote}</p>
${exportLinks(lang, '/api/v1/exports/post-kinds', { from: v.from, to: v.to })}`;
    return send(reply, page({ title: st.postKindsTitle, lang, principal: p, path: '/sector/post-kinds', query: { from, to }, body }));
  });
}
