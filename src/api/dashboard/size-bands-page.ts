import type { FastifyInstance } from 'fastify';

import type { BandFigures } from '../../indicators/size-band-trends.js';
import type { RouteContext } from '../context.js';
import { loadSizeBandView } from '../sector/size-band-view.js';
import { sectorTexts } from '../sector/texts.js';
import { chartFigure, fmtNumber, fmtPct, html, page } from './html.js';
import { texts, type Lang } from './i18n.js';
import { fmtInterval } from './post-kinds-page.js';
import { HTML, parse, RangeQuery, rangeForm, requirePage, send } from './page-kit.js';

/**
 * `/sector/size-bands`: the sector's response rate per week by population size band, and each band's period
 * against the same ISO weeks a year earlier (the figures of /api/v1/trends/size-bands).
 */
const pp = (a: number | null, b: number | null, lang: Lang) =>
  a === null || b === null ? '–' : `${a >= b ? '+' : '−'}${fmtNumber(Math.abs(a - b) * 100, lang, 1)}`;

export function registerSizeBandsPage(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/sector/size-bands', HTML, async (req, reply) => {
    const p = requirePage(req);
    const { from, to, lang } = parse(RangeQuery, req.query);
    const t = texts(lang);
    const st = sectorTexts(lang);
    const v = await loadSizeBandView(ctx, p, { from, to });
    const name = (b: string) => st.bandNames[b] ?? b;
    const rate = (f: BandFigures | null) =>
      f === null ? st.noLastYear : f.suppressed ? st.suppressedGroup : fmtInterval(f.responseRate, lang, true);
    const share = (f: BandFigures | null, k: 'replyShare' | 'citizenShare') =>
      f === null ? st.noLastYear : f.suppressed ? st.suppressedGroup : fmtPct(f[k], lang);
    const body = html`<p class="intro">${st.bandsIntro}</p>
${rangeForm(t, lang, '/sector/size-bands', v.from, v.to)}
${chartFigure({ id: 'chart-bands', title: st.bandsChart, weeks: v.weeks, yMax: 1, unit: 'share', series: v.bands.map((b) => ({ label: name(b.band), values: b.weeks.map((w) => w.now.responseRate.value) })) }, lang)}
<h2 id="yoy">${st.yoyHeading}</h2>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="yoy"><table aria-labelledby="yoy">
<thead><tr><th scope="col">${st.colBand}</th><th scope="col" class="num">${st.colMunicipalities}</th><th scope="col" class="num">${st.colQuestionsN}</th><th scope="col" class="num">${st.colResponseRate}: ${st.colNow}</th><th scope="col" class="num">${st.colLastYear}</th><th scope="col" class="num">${st.colChange}</th><th scope="col" class="num">${st.colReplyShare}: ${st.colNow}</th><th scope="col" class="num">${st.colLastYear}</th><th scope="col" class="num">${st.colCitizenShare}: ${st.colNow}</th><th scope="col" class="num">${st.colLastYear}</th></tr></thead>
<tbody>${v.bands.map((b) => {
      const now = b.total.now;
      const ly = b.total.lastYear;
      return html`<tr><th scope="row">${name(b.band)}</th><td class="num">${fmtNumber(now.municipalities, lang)}</td><td class="num">${fmtNumber(now.questions, lang)}</td><td class="num">${rate(now)}</td><td class="num">${rate(ly)}</td><td class="num">${pp(now.responseRate.value, ly?.responseRate.value ?? null, lang)}</td><td class="num">${share(now, 'replyShare')}</td><td class="num">${share(ly, 'replyShare')}</td><td class="num">${share(now, 'citizenShare')}</td><td class="num">${share(ly, 'citizenShare')}</td></tr>`;
    })}</tbody></table></div>`;
    return send(reply, page({ title: st.bandsTitle, lang, principal: p, path: '/sector/size-bands', query: { from, to }, body }));
  });
}
