import { platformName } from '../domain/platform-names.js';
import { topicsSectionHtml } from './topics-section.js';
import type { Chart } from './charts.js';
import { COLORS, FONT } from './charts.js';
import { escapeHtml as esc, formatDate, formatDateTime, formatHours, formatWeek, formatWeekSpan, truncate, type Lang } from './format.js';
import { t } from './i18n.js';
import { cnt, indexChanges, keyFigures, municipalityTitle, pct, peerText, qualityLines, targetText } from './report-lines.js';
import type { Compared, ReportView } from './report-view.js';

/**
 * The report as HTML, one document for both e-mail and PDF: table layout and inline styles only (Outlook's
 * Word engine and Gmail drop most CSS), no scripts, no SVG in the e-mail (charts are `cid:` PNGs there), real
 * headings, table header cells with scope, and alt text on every chart. The PDF variant embeds the charts
 * as SVG data and adds the A4 page rules.
 */
export type ChartSource =
  /** E-mail: `<img src="cid:<id>@lyttepost">`; the PNGs travel as inline attachments with these Content-IDs. */
  | { mode: 'cid' }
  /** PDF and previews: the SVG itself as a data URL (vector in the PDF). */
  | { mode: 'inline' }
  /** Files next to the HTML (the `report --out` directory). */
  | { mode: 'files'; names: Record<Chart['id'], string> };

export type HtmlOptions = { lang: Lang; charts: readonly Chart[]; source: ChartSource; pdf?: boolean };

export const chartCid = (id: Chart['id']): string => `${id}@lyttepost`;

const C = {
  ink: COLORS.ink,
  muted: COLORS.muted,
  line: '#d5dce3',
  head: '#14324f',
  soft: '#f4f7fa',
  warn: '#fff6e0',
  warnLine: '#e0b34c',
};
const F = `font-family:${FONT.replace(/'/g, '')};`;
const P = `margin:0 0 10px 0;${F}font-size:14px;line-height:1.5;color:${C.ink};`;
const H2 = `margin:26px 0 10px 0;padding:0 0 4px 0;border-bottom:2px solid ${C.head};${F}font-size:17px;line-height:1.3;color:${C.head};`;
const TH = `padding:6px 8px;border-bottom:1px solid ${C.line};${F}font-size:12px;font-weight:bold;color:${C.muted};text-align:right;`;
const THL = TH.replace('text-align:right;', 'text-align:left;');
const TD = `padding:6px 8px;border-bottom:1px solid ${C.line};${F}font-size:14px;color:${C.ink};text-align:right;white-space:nowrap;`;
const TDL = `padding:6px 8px;border-bottom:1px solid ${C.line};${F}font-size:14px;color:${C.ink};text-align:left;`;
const SMALL = `${F}font-size:12px;line-height:1.45;color:${C.muted};`;

// White text on each band colour has at least 4.5:1 contrast (WCAG AA for the 13px badge).
const bandColor: Record<string, string> = {
  megafon: '#b03a2e',
  oppslagstavle: '#8a5300',
  samtalepartner: '#2a7047',
  høreapparat: '#1f5f8b',
};

function table(
  head: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  opts: { firstLeft?: boolean; caption?: string } = {},
): string {
  const ths = head.map((h, i) => `<th scope="col" style="${i === 0 && opts.firstLeft !== false ? THL : TH}">${h}</th>`).join('');
  const trs = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 && opts.firstLeft !== false ? `<th scope="row" style="${TDL}font-weight:normal;">${c}</th>` : `<td style="${TD}">${c}</td>`)).join('')}</tr>`,
    )
    .join('');
  const cap = opts.caption ? `<caption style="text-align:left;${SMALL}padding:0 0 4px 0;">${opts.caption}</caption>` : '';
  const tbl = `<table role="table" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;width:100%;margin:0 0 8px 0;">${cap}<thead><tr>${ths}</tr></thead><tbody>${trs}</tbody></table>`;
  // Wide tables scroll inside their own box on a phone instead of widening the whole e-mail.
  return head.length >= 5 ? `<div tabindex="0" style="overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%;">${tbl}</div>` : tbl;
}

function chartImg(c: Chart, o: HtmlOptions): string {
  const src =
    o.source.mode === 'cid'
      ? `cid:${chartCid(c.id)}`
      : o.source.mode === 'files'
        ? esc(o.source.names[c.id])
        : `data:image/svg+xml;base64,${Buffer.from(c.svg, 'utf8').toString('base64')}`;
  return `<figure style="margin:12px 0 14px 0;padding:0;"><img id="chart-${c.id}" src="${src}" width="${c.width}" height="${c.height}" alt="${esc(c.title)}. ${esc(c.desc)}" style="display:block;width:100%;max-width:${c.width}px;height:auto;border:0;"><figcaption style="${SMALL}padding:4px 0 0 0;">${esc(c.title)}</figcaption></figure>`;
}

function comparedRow(label: string, c: Compared, kind: 'count' | 'rate' | 'index' | 'hours', lang: Lang): string[] {
  const f = (x: number | null) =>
    kind === 'rate'
      ? pct(x, lang)
      : kind === 'hours'
        ? formatHours(x, lang)
        : kind === 'index'
          ? cnt(x, lang)
          : cnt(x, lang, x !== null && !Number.isInteger(x) ? 1 : 0);
  return [label, `<strong>${f(c.value)}</strong>`, f(c.lastWeek), f(c.baseline)];
}

export function renderHtml(v: ReportView, o: HtmlOptions): string {
  const lang = o.lang;
  const s = t(lang);
  const chart = (id: Chart['id']) => {
    const c = o.charts.find((x) => x.id === id);
    return c ? chartImg(c, o) : '';
  };
  const muni = municipalityTitle(v, s);
  const weekLabel = formatWeek(v.week, lang);
  const span = formatWeekSpan(v.weekStart, v.weekEnd, lang);
  const parts: string[] = [];
  const h2 = (id: string, title: string) => `<h2 id="${id}" style="${H2}">${esc(title)}</h2>`;
  const p = (html: string, extra = '') => `<p style="${P}${extra}">${html}</p>`;

  // Header
  parts.push(
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;"><tr><td style="background:${C.head};padding:18px 22px;">` +
      `<p style="margin:0;${F}font-size:12px;letter-spacing:1px;text-transform:uppercase;color:#c9d8e6;">${esc(s.product)} · ${esc(s.title)}</p>` +
      `<h1 style="margin:6px 0 0 0;${F}font-size:24px;line-height:1.25;color:#ffffff;">${esc(muni)} – ${esc(weekLabel)}</h1>` +
      `<p style="margin:4px 0 0 0;${F}font-size:14px;color:#dfe8f0;">${esc(span)}${v.running ? ` · <strong>${esc(s.runningWeek)}</strong>` : ''}</p></td></tr></table>`,
  );

  // Summary: index, band, changes, key figures
  const idx = v.dialogue.index.value;
  const band = v.dialogue.band;
  const changes = indexChanges(v, s, lang);
  const bandHtml = band
    ? `<span style="display:inline-block;padding:3px 10px;border-radius:12px;background:${bandColor[band] ?? C.head};color:#ffffff;${F}font-size:13px;font-weight:bold;">${esc(s.bands[band] ?? band)}</span>`
    : '';
  const summaryLeft =
    `<p style="margin:0;${SMALL}text-transform:uppercase;letter-spacing:0.5px;">${esc(s.dialogueIndex)}</p>` +
    `<p style="margin:2px 0 6px 0;${F}font-size:46px;line-height:1;font-weight:bold;color:${C.head};">${idx === null ? '–' : esc(cnt(idx, lang))}<span style="font-size:16px;color:${C.muted};font-weight:normal;"> / 100</span></p>` +
    bandHtml;
  const summaryRight =
    (band
      ? p(esc(s.bandMeaning[band] ?? ''), 'font-size:14px;')
      : v.hasData
        ? p(esc(s.insufficient(cnt(v.dialogue.windowQuestions, lang))), 'font-size:13px;')
        : p(esc(s.noData))) + (changes.length ? `<p style="margin:0;${SMALL}">${changes.map(esc).join('<br>')}</p>` : '');
  parts.push(h2('summary', s.sections.summary));
  parts.push(
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;background:${C.soft};"><tr>` +
      `<td width="38%" valign="top" style="padding:16px 18px;">${summaryLeft}</td>` +
      `<td valign="top" style="padding:16px 18px 16px 0;">${summaryRight}</td></tr></table>`,
  );
  const r = v.responsiveness;
  // Key figures of the week, each with what it rests on. Inline blocks wrap two by two on a phone and are
  // never wider than the page (the PDF clipped a fixed four-cell row).
  const kf = keyFigures(v, s, lang);
  parts.push(
    `<div style="margin:8px 0 0 0;font-size:0;">` +
      kf
        .map(
          (k) =>
            `<div style="display:inline-block;vertical-align:top;box-sizing:border-box;width:25%;min-width:150px;padding:10px 8px;border:1px solid ${C.line};margin:0;">` +
            `<p style="margin:0;${F}font-size:22px;font-weight:bold;color:${C.ink};">${esc(k.value)}</p><p style="margin:2px 0 0 0;${SMALL}">${esc(k.label)}</p>` +
            (k.note ? `<p style="margin:2px 0 0 0;${SMALL}">${esc(k.note)}</p>` : '') +
            `</div>`,
        )
        .join('') +
      `</div>`,
  );

  // Data quality, stated plainly and early.
  const ql = qualityLines(v, s, lang);
  parts.push(h2('quality', s.sections.quality));
  parts.push(
    `<div style="padding:10px 14px;margin:0 0 4px 0;background:${ql.warn ? C.warn : C.soft};border-left:4px solid ${ql.warn ? C.warnLine : C.line};">${ql.lines.map((l) => p(esc(l), 'margin:0 0 4px 0;')).join('')}</div>`,
  );

  // Index and parts
  parts.push(h2('index', s.sections.index));
  parts.push(p(esc(s.dialogueIndexHelp), 'font-size:13px;color:' + C.muted + ';'));
  const di = v.dialogue;
  parts.push(
    table(
      ['', esc(s.indexCols.thisWeek), esc(s.indexCols.lastWeek), esc(s.indexCols.baseline)],
      [
        comparedRow(`<strong>${esc(s.dialogueIndex)}</strong>`, di.index, 'index', lang),
        ...(['r', 't', 'h', 'v', 'f'] as const).map((k) =>
          comparedRow(`${esc(s.parts[k])}<br><span style="${SMALL}">${esc(s.partsHelp[k])}</span>`, di.parts[k], 'rate', lang),
        ),
      ],
    ),
  );
  parts.push(chart('trend'));
  parts.push(p(esc(s.baselineNote), SMALL));

  // Peers
  parts.push(h2('peers', s.sections.peers));
  const peerRows = [
    ...v.peers.dialogueIndex.map(
      (pp) => `<li style="margin:0 0 4px 0;">${esc(s.metricDialogue)} ${esc(peerText(pp, s, lang, false))}</li>`,
    ),
    ...v.peers.responseRate.map(
      (pp) => `<li style="margin:0 0 4px 0;">${esc(s.metricResponseRate)} ${esc(peerText(pp, s, lang, true))}</li>`,
    ),
  ];
  parts.push(
    `<ul style="margin:0 0 8px 0;padding:0 0 0 20px;${F}font-size:14px;line-height:1.5;color:${C.ink};">${peerRows.join('')}</ul>`,
  );
  parts.push(p(esc(s.peersIntro), SMALL));

  // Activity
  const a = v.activity;
  parts.push(h2('activity', s.sections.activity));
  parts.push(
    table(
      ['', esc(s.thisWeek), esc(s.lastWeek), esc(s.baseline)],
      [
        comparedRow(esc(s.activityRows.ownerPosts), a.ownerPosts, 'count', lang),
        comparedRow(esc(s.activityRows.ownerReplies), a.ownerReplies, 'count', lang),
        comparedRow(esc(s.activityRows.citizenItems), a.citizenItems, 'count', lang),
        comparedRow(esc(s.activityRows.citizenAuthors), a.citizenAuthors, 'count', lang),
        comparedRow(esc(s.activityRows.citizenShare), a.citizenShare, 'rate', lang),
        comparedRow(esc(s.activityRows.replyShare), a.replyShare, 'rate', lang),
      ],
    ),
  );
  if (a.megaphoneRatio !== null && a.ownerPosts.value) parts.push(p(esc(s.megaphone(cnt(a.megaphoneRatio, lang, 1)))));
  parts.push(chart('activity'));

  // Responsiveness
  parts.push(h2('responsiveness', s.sections.responsiveness));
  parts.push(
    table(
      ['', esc(s.thisWeek), esc(s.lastWeek), esc(s.baseline)],
      [
        comparedRow(esc(s.respRows.questions), r.questions, 'count', lang),
        comparedRow(esc(s.respRows.responseRate), r.responseRate, 'rate', lang),
        comparedRow(esc(s.respRows.timelyRate), r.timelyRate, 'rate', lang),
        comparedRow(`${esc(s.respRows.median)} (${esc(s.allHours)})`, r.medianH, 'hours', lang),
      ],
    ),
  );
  if (r.responseRateCi.low !== null && r.responseRateCi.high !== null)
    parts.push(p(esc(`${s.respRows.responseRate}: ${s.ci(pct(r.responseRateCi.low, lang), pct(r.responseRateCi.high, lang))}`), SMALL));
  parts.push(p(`<strong>${esc(targetText(v, s, lang))}</strong>`));
  parts.push(
    table(
      ['', esc(s.allHours), esc(s.officeHours)],
      [
        [esc(s.respRows.median), `<strong>${esc(formatHours(r.medianH.value, lang))}</strong>`, esc(formatHours(r.officeMedianH, lang))],
        [esc(s.respRows.p90), esc(formatHours(r.p90H, lang)), esc(formatHours(r.officeP90H, lang))],
      ],
    ),
  );
  parts.push(chart('response'));

  // Open questions
  parts.push(h2('open', s.sections.open));
  if (v.open.count && v.open.oldestAskedAt) {
    parts.push(
      p(esc(s.openText(cnt(v.open.count, lang), formatDateTime(v.open.oldestAskedAt, lang), formatHours(v.open.oldestAgeHours, lang)))),
    );
    if (v.open.stillOpenAtAsOf > 0) parts.push(p(esc(s.stillOpen(cnt(v.open.stillOpenAtAsOf, lang)))));
  } else if (v.open.count) {
    parts.push(p(esc(s.openText(cnt(v.open.count, lang), '–', '–'))));
  } else parts.push(p(esc(s.openNone)));

  if (v.topics) parts.push(topicsSectionHtml(v.topics, lang, { h2, p, table }));

  // Post kinds
  parts.push(h2('post-kinds', s.sections.postKinds));
  const kinds = v.postKinds;
  const top = kinds[0];
  if (top && top.citizenComments > 0) parts.push(p(esc(s.postKindFinding(s.postKindNames[top.kind] ?? top.kind, pct(top.share, lang)))));
  else parts.push(p(esc(s.postKindNone)));
  if (kinds.length > 0) {
    parts.push(
      table(
        [
          esc(s.postKindCols.kind),
          esc(s.postKindCols.posts),
          esc(s.postKindCols.comments),
          esc(s.postKindCols.perPost),
          esc(s.postKindCols.questions),
          esc(s.postKindCols.share),
        ],
        kinds.map((k) => [
          esc(s.postKindNames[k.kind] ?? k.kind),
          cnt(k.posts, lang),
          cnt(k.citizenComments, lang),
          cnt(k.posts > 0 ? k.citizenComments / k.posts : null, lang, 1),
          cnt(k.questions, lang),
          pct(k.share, lang),
        ]),
      ),
    );
  }

  // Threads
  parts.push(h2('threads', s.sections.threads));
  if (v.topThreads.length === 0) parts.push(p(esc(s.threadsNone)));
  else {
    parts.push(
      `<ol style="margin:0 0 8px 0;padding:0 0 0 22px;${F}font-size:14px;line-height:1.45;color:${C.ink};">` +
        v.topThreads
          .map((th) => {
            const head = s.threadLine(formatDate(th.postedAt, lang), platformName(th.platform), s.postKindNames[th.kind] ?? th.kind);
            const quote = th.postText ? `<br><span style="color:${C.ink};">«${esc(truncate(th.postText, 140))}»</span>` : '';
            const link =
              th.permalink && /^https?:\/\//.test(th.permalink)
                ? ` <a href="${esc(th.permalink)}" style="color:#1f5f8b;">${esc(s.openPost)}</a>`
                : '';
            return `<li style="margin:0 0 10px 0;"><span style="${SMALL}">${esc(head)}</span>${quote}<br><strong>${esc(s.threadFigures(cnt(th.citizenItems, lang), cnt(th.citizenAuthors, lang), cnt(th.ownerReplies, lang)))}</strong>${link}</li>`;
          })
          .join('') +
        `</ol>`,
    );
  }

  // Moderation
  parts.push(h2('moderation', s.sections.moderation));
  parts.push(p(esc(s.moderationText(cnt(v.moderation.hidden, lang), cnt(v.moderation.deleted, lang), cnt(v.moderation.abusive, lang)))));

  // Per platform
  if (v.perPlatform.length > 0) {
    parts.push(h2('platforms', s.sections.platforms));
    const c = s.platformCols;
    parts.push(
      table(
        [c.platform, c.posts, c.replies, c.citizen, c.questions, c.rate, c.median, c.coverage].map(esc),
        v.perPlatform.map((pl) => [
          esc(platformName(pl.platform)),
          cnt(pl.ownerPosts, lang),
          cnt(pl.ownerReplies, lang),
          cnt(pl.citizenItems, lang),
          cnt(pl.questions, lang),
          pct(pl.responseRate, lang),
          esc(formatHours(pl.responseTimeMedianH, lang)),
          pct(pl.coverage, lang),
        ]),
      ),
    );
  }

  // About
  parts.push(h2('about', s.sections.about));
  parts.push(p(esc(s.about(String(v.definitionVersion), v.classifierVersion, formatDateTime(v.asOf, lang))), SMALL));
  parts.push(p(esc(s.residentsNote), SMALL));
  if (!o.pdf) parts.push(p(esc(s.pdfNote), SMALL));

  const title = `${muni} – ${weekLabel} · ${s.title}`;
  const pageCss = o.pdf
    ? `<style>@page{size:A4;margin:14mm 14mm 16mm 14mm}body{margin:0}h2{break-after:avoid}figure,tr,li{break-inside:avoid}</style>`
    : '';
  const outerPad = o.pdf ? '0' : '16px 8px';
  return (
    `<!doctype html>\n<html lang="${lang === 'nb' ? 'nb' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light"><title>${esc(title)}</title>${pageCss}</head>` +
    `<body style="margin:0;padding:0;background:${o.pdf ? '#ffffff' : '#eef2f5'};">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;table-layout:fixed;width:100%;background:${o.pdf ? '#ffffff' : '#eef2f5'};"><tr><td align="center" style="padding:${outerPad};">` +
    `<table role="presentation" width="${o.pdf ? '100%' : '680'}" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;table-layout:fixed;width:100%;max-width:${o.pdf ? 'none' : '680px'};background:#ffffff;"><tr><td style="padding:0 0 20px 0;">` +
    `<div style="padding:0;">${parts[0]}</div><div style="padding:0 ${o.pdf ? '0' : '20px'};">${parts.slice(1).join('\n')}</div>` +
    `</td></tr></table></td></tr></table></body></html>\n`
  );
}
