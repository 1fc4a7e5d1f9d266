import { platformName } from '../domain/platform-names.js';
import { topicsSectionText } from './topics-section.js';
import { reportCharts, type Chart } from './charts.js';
import {
  formatDate,
  formatDateTime,
  formatHours,
  formatNumber,
  formatPercent,
  formatWeek,
  formatWeekSpan,
  truncate,
  type Lang,
} from './format.js';
import { t } from './i18n.js';
import { indexChanges, keyFigures, municipalityTitle, peerText, qualityLines, targetText } from './report-lines.js';
import type { Compared, ReportView } from './report-view.js';

/**
 * The plain-text part of the e-mail: the same sections and figures as the HTML, readable in any client and
 * by screen readers, with the charts' alt text in place of the pictures. Lines stay under 80 characters where
 * the words allow.
 */
export function renderText(v: ReportView, lang: Lang, charts: readonly Chart[] = reportCharts(v, lang)): string {
  const s = t(lang);
  const out: string[] = [];
  const cnt = (x: number | null, d = 0) => formatNumber(x, lang, d);
  const pct = (x: number | null) => formatPercent(x, lang);
  const h = (title: string) => {
    out.push('', title.toUpperCase(), '-'.repeat(Math.min(72, title.length)));
  };
  const wrap = (text: string, indent = '') => {
    const words = text.split(/ +/);
    let line = indent;
    for (const w of words) {
      if (line.trim().length > 0 && (line + ' ' + w).length > 76) {
        out.push(line);
        line = indent + w;
      } else line = line.trim().length === 0 ? indent + w : `${line} ${w}`;
    }
    if (line.trim()) out.push(line);
  };
  const grid = (head: readonly string[], rows: ReadonlyArray<readonly string[]>) => {
    const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => (r[i] ?? '').length)));
    const fmt = (r: readonly string[]) =>
      r
        .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd();
    out.push(fmt(head));
    for (const r of rows) out.push(fmt(r));
  };
  const cmp = (label: string, c: Compared, kind: 'count' | 'rate' | 'hours' | 'index') => {
    const f = (x: number | null) =>
      kind === 'rate'
        ? pct(x)
        : kind === 'hours'
          ? formatHours(x, lang)
          : cnt(x, kind === 'count' && x !== null && !Number.isInteger(x) ? 1 : 0);
    return [label, f(c.value), f(c.lastWeek), f(c.baseline)];
  };
  const chart = (id: Chart['id']) => {
    const c = charts.find((x) => x.id === id);
    if (c) {
      out.push('');
      wrap(`[${c.title}] ${c.desc}`);
    }
  };

  const muni = municipalityTitle(v, s);
  out.push(`${s.product.toUpperCase()} · ${s.title}`);
  out.push(
    `${muni} – ${formatWeek(v.week, lang)} (${formatWeekSpan(v.weekStart, v.weekEnd, lang)})${v.running ? ` – ${s.runningWeek}` : ''}`,
  );

  h(s.sections.summary);
  const di = v.dialogue;
  if (di.index.value !== null && di.band) {
    out.push(`${s.dialogueIndex}: ${cnt(di.index.value)} / 100 – ${s.bands[di.band] ?? di.band}`);
    wrap(s.bandMeaning[di.band] ?? '');
  } else if (v.hasData) wrap(s.insufficient(cnt(di.windowQuestions)));
  else wrap(s.noData);
  for (const c of indexChanges(v, s, lang)) out.push(c);
  const r = v.responsiveness;
  out.push('');
  for (const k of keyFigures(v, s, lang)) out.push(`${k.label}: ${k.value}${k.note ? ` (${k.note})` : ''}`);

  h(s.sections.quality);
  for (const l of qualityLines(v, s, lang).lines) wrap(l);

  h(s.sections.index);
  wrap(s.dialogueIndexHelp);
  out.push('');
  grid(
    ['', s.indexCols.thisWeek, s.indexCols.lastWeek, s.indexCols.baseline],
    [cmp(s.dialogueIndex, di.index, 'index'), ...(['r', 't', 'h', 'v', 'f'] as const).map((k) => cmp(s.parts[k], di.parts[k], 'rate'))],
  );
  chart('trend');
  out.push('');
  wrap(s.baselineNote);

  h(s.sections.peers);
  for (const p of v.peers.dialogueIndex) wrap(`- ${s.metricDialogue} ${peerText(p, s, lang, false)}`, '');
  for (const p of v.peers.responseRate) wrap(`- ${s.metricResponseRate} ${peerText(p, s, lang, true)}`, '');
  wrap(s.peersIntro);

  h(s.sections.activity);
  const a = v.activity;
  grid(
    ['', s.thisWeek, s.lastWeek, s.baseline],
    [
      cmp(s.activityRows.ownerPosts, a.ownerPosts, 'count'),
      cmp(s.activityRows.ownerReplies, a.ownerReplies, 'count'),
      cmp(s.activityRows.citizenItems, a.citizenItems, 'count'),
      cmp(s.activityRows.citizenAuthors, a.citizenAuthors, 'count'),
      cmp(s.activityRows.citizenShare, a.citizenShare, 'rate'),
      cmp(s.activityRows.replyShare, a.replyShare, 'rate'),
    ],
  );
  if (a.megaphoneRatio !== null && a.ownerPosts.value) {
    out.push('');
    wrap(s.megaphone(cnt(a.megaphoneRatio, 1)));
  }
  chart('activity');

  h(s.sections.responsiveness);
  grid(
    ['', s.thisWeek, s.lastWeek, s.baseline],
    [
      cmp(s.respRows.questions, r.questions, 'count'),
      cmp(s.respRows.responseRate, r.responseRate, 'rate'),
      cmp(s.respRows.timelyRate, r.timelyRate, 'rate'),
      cmp(`${s.respRows.median} (${s.allHours})`, r.medianH, 'hours'),
    ],
  );
  if (r.responseRateCi.low !== null && r.responseRateCi.high !== null)
    wrap(`${s.respRows.responseRate}: ${s.ci(pct(r.responseRateCi.low), pct(r.responseRateCi.high))}`);
  wrap(targetText(v, s, lang));
  out.push('');
  grid(
    ['', s.allHours, s.officeHours],
    [
      [s.respRows.median, formatHours(r.medianH.value, lang), formatHours(r.officeMedianH, lang)],
      [s.respRows.p90, formatHours(r.p90H, lang), formatHours(r.officeP90H, lang)],
    ],
  );
  chart('response');

  h(s.sections.open);
  if (v.open.count && v.open.oldestAskedAt) {
    wrap(s.openText(cnt(v.open.count), formatDateTime(v.open.oldestAskedAt, lang), formatHours(v.open.oldestAgeHours, lang)));
    if (v.open.stillOpenAtAsOf > 0) wrap(s.stillOpen(cnt(v.open.stillOpenAtAsOf)));
  } else if (v.open.count) wrap(s.openText(cnt(v.open.count), '–', '–'));
  else wrap(s.openNone);
  if (v.topics) topicsSectionText(v.topics, lang, { h, grid, wrap });

  h(s.sections.postKinds);
  const top = v.postKinds[0];
  if (top && top.citizenComments > 0) wrap(s.postKindFinding(s.postKindNames[top.kind] ?? top.kind, pct(top.share)));
  else wrap(s.postKindNone);
  if (v.postKinds.length > 0) {
    out.push('');
    const c = s.postKindCols;
    grid(
      [c.kind, c.posts, c.comments, c.perPost, c.questions, c.share],
      v.postKinds.map((k) => [
        s.postKindNames[k.kind] ?? k.kind,
        cnt(k.posts),
        cnt(k.citizenComments),
        cnt(k.posts > 0 ? k.citizenComments / k.posts : null, 1),
        cnt(k.questions),
        pct(k.share),
      ]),
    );
  }

  h(s.sections.threads);
  if (v.topThreads.length === 0) wrap(s.threadsNone);
  v.topThreads.forEach((th, i) => {
    out.push(`${i + 1}. ${s.threadLine(formatDate(th.postedAt, lang), platformName(th.platform), s.postKindNames[th.kind] ?? th.kind)}`);
    if (th.postText) wrap(`«${truncate(th.postText, 140)}»`, '   ');
    wrap(s.threadFigures(cnt(th.citizenItems), cnt(th.citizenAuthors), cnt(th.ownerReplies)), '   ');
    if (th.permalink && /^https?:\/\//.test(th.permalink)) out.push(`   ${th.permalink}`);
  });

  h(s.sections.moderation);
  wrap(s.moderationText(cnt(v.moderation.hidden), cnt(v.moderation.deleted), cnt(v.moderation.abusive)));

  if (v.perPlatform.length > 0) {
    h(s.sections.platforms);
    const c = s.platformCols;
    grid(
      [c.platform, c.posts, c.replies, c.citizen, c.questions, c.rate, c.median],
      v.perPlatform.map((p) => [
        platformName(p.platform),
        cnt(p.ownerPosts),
        cnt(p.ownerReplies),
        cnt(p.citizenItems),
        cnt(p.questions),
        pct(p.responseRate),
        formatHours(p.responseTimeMedianH, lang),
      ]),
    );
  }

  h(s.sections.about);
  wrap(s.about(String(v.definitionVersion), v.classifierVersion, formatDateTime(v.asOf, lang)));
  wrap(s.residentsNote);
  wrap(s.pdfNote);
  return out.join('\n') + '\n';
}
