import { platformName } from '../domain/platform-names.js';
import type { PeerPosition } from '../indicators/peers.js';
import { formatDelta, formatHours, formatNumber, formatPercent, type Lang } from './format.js';
import type { Strings } from './i18n.js';
import type { ReportView } from './report-view.js';

/**
 * The report's sentences and key figures as plain text (index changes, peer positions, data quality, the response
 * target, the title), shared by the HTML and text renderers and the dashboard.
 */

export const pct = (x: number | null, lang: Lang) => formatPercent(x, lang);
export const cnt = (x: number | null, lang: Lang, d = 0) => formatNumber(x, lang, d);
const delta = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

/** `+4 poeng mot forrige uke` style change text for the dialogue index. */
export function indexChanges(v: ReportView, s: Strings, lang: Lang): string[] {
  const i = v.dialogue.index;
  const out: string[] = [];
  const d1 = delta(i.value, i.lastWeek);
  const d8 = delta(i.value, i.baseline);
  if (d1 !== null) out.push(`${formatDelta(d1, lang)} ${s.points} ${s.vsLastWeek}`);
  if (d8 !== null) out.push(`${formatDelta(d8, lang)} ${s.points} ${s.vsBaseline}`);
  return out;
}

export function peerText(p: PeerPosition, s: Strings, lang: Lang, rate: boolean): string {
  const where =
    p.group === 'county'
      ? s.peerCounty(p.label)
      : p.group === 'country'
        ? s.peerCountry
        : p.group === 'chosen'
          ? s.peerChosen
          : s.peerSize(
              p.basis === 'followers' ? 'followers' : 'population',
              s.sizeLabels[p.label] ?? p.label,
              p.populationYear ? String(p.populationYear) : null,
            );
  if (p.suppressed) return `${where}: ${s.peerSuppressed(cnt(p.groupSize, lang))}`;
  if (p.percentile === null) return `${where}: ${s.peerOwnMissing}`;
  const med = rate ? pct(p.median, lang) : cnt(p.median, lang);
  return `${where}: ${s.percentileText(cnt(p.percentile, lang), cnt(p.groupSize, lang))} (${s.peerMedian} ${med})`;
}

export function qualityLines(v: ReportView, s: Strings, lang: Lang): { lines: string[]; warn: boolean } {
  const q = v.quality;
  const lines: string[] = [];
  if (!v.hasData) return { lines: [s.noData], warn: true };
  if (q.provisionalReasons.includes('low_coverage')) lines.push(s.quality.lowCoverage(pct(q.coverage, lang)));
  else if (q.provisionalReasons.includes('recent_week')) lines.push(s.quality.recentWeek);
  if (!q.provisional && q.coverage !== null && q.coverage >= 0.999 && q.gaps.length === 0) lines.push(s.quality.ok(pct(q.coverage, lang)));
  if (q.gaps.length > 0) lines.push(s.quality.gaps(q.gaps.map((g) => `${platformName(g.platform)} ${g.handle ?? ''}`.trim()).join(', ')));
  if (q.followersUnknown) lines.push(s.quality.followersUnknown);
  if (q.engagementLate) lines.push(s.quality.engagementLate(cnt(q.engagementLate.posts, lang), cnt(q.engagementLate.medianDays, lang)));
  if (q.missingWeeks.length > 0) lines.push(s.quality.missingWeeks(cnt(q.missingWeeks.length, lang)));
  return { lines, warn: q.provisional || q.gaps.length > 0 || q.missingWeeks.length > 0 };
}

/** "3 av 12 spørsmål besvart innen målet (én arbeidsdag)." */
export function targetText(v: ReportView, s: Strings, lang: Lang): string {
  const tg = v.responsiveness.target;
  return s.targetLine(
    cnt(tg.withinTarget, lang),
    cnt(tg.questions, lang),
    tg.custom ? s.targetHours(cnt(tg.officeHours, lang, 1)) : s.targetDefault,
  );
}

/** The summary's key figures; the response rate names its n and the median how many answers it rests on. */
export function keyFigures(v: ReportView, s: Strings, lang: Lang): Array<{ label: string; value: string; note: string | null }> {
  const r = v.responsiveness;
  const asked = r.questions.value;
  const answered = r.questionsAnswered;
  const nOfM = asked !== null && answered !== null ? s.nOfM(cnt(answered, lang), cnt(asked, lang)) : null;
  return [
    { label: s.questions, value: cnt(asked, lang), note: null },
    { label: s.answered, value: pct(r.responseRate.value, lang), note: nOfM },
    {
      label: s.medianResponse,
      value: formatHours(r.medianH.value, lang),
      note: asked !== null && answered !== null ? s.medianRests(cnt(answered, lang), cnt(asked, lang)) : null,
    },
    { label: s.openAtWeekEnd, value: cnt(v.open.count, lang), note: null },
  ];
}

export function municipalityTitle(v: ReportView, s: Strings): string {
  const n = v.municipality.name;
  return / kommune$/i.test(n) || / - /.test(n) ? n : `${n} ${s.municipalitySuffix}`;
}
