import { escapeHtml as esc, formatDateTime, formatHours, formatNumber, formatPercent, type Lang } from './format.js';
import { t } from './i18n.js';
import type { PeriodView } from './period-report.js';

/**
 * The month/quarter/year-to-date report as text and as HTML (the PDF's document): the period's figures with
 * what each rests on, the weekly rows they were summed from, and what is missing.
 */
const MONTHS = {
  nb: ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const P = {
  nb: {
    title: 'Rapport for perioden',
    period: (v: PeriodView) =>
      v.period.kind === 'month'
        ? `${MONTHS.nb[(v.period.index ?? 1) - 1]} ${v.period.year}`
        : v.period.kind === 'quarter'
          ? `${v.period.index}. kvartal ${v.period.year}`
          : `${v.period.year} hittil i år`,
    weeks: (first: string, last: string, n: number) =>
      `uke ${Number(first.slice(-2))}–${Number(last.slice(-2))} (${n} uker; en uke hører til måneden torsdagen er i)`,
    questions: 'Spørsmål fra innbyggere',
    answered: 'Besvart innen 7 dager',
    median: 'Median svartid',
    office: 'kontortid',
    allHours: 'alle timer',
    rests: (n: string) => `av ${n} besvarte spørsmål`,
    ownerPosts: 'Kommunens innlegg',
    ownerReplies: 'Kommunens svar',
    citizen: 'Innlegg og kommentarer fra innbyggere',
    replyShare: 'Andel av kommunens innhold som er svar',
    citizenShare: 'Innbyggernes andel av alt innhold',
    index: (w: string) => `Dialogindeks, fire uker t.o.m. uke ${Number(w.slice(-2))}`,
    perWeek: 'Uke for uke',
    week: 'Uke',
    rate: 'Svarandel',
    di: 'Dialogindeks',
    missing: (l: string) => `Uker uten tall (telles ikke som null): ${l}.`,
    provisional: 'Foreløpige tall: minst én uke i perioden er ikke endelig ennå.',
    method:
      'Antall er summert over ukene; andeler er regnet av de summerte tallene, og mediane svartider av periodens besvarte spørsmål, ikke som snitt av ukene.',
    made: (at: string) => `Laget ${at}.`,
  },
  en: {
    title: 'Report for the period',
    period: (v: PeriodView) =>
      v.period.kind === 'month'
        ? `${MONTHS.en[(v.period.index ?? 1) - 1]} ${v.period.year}`
        : v.period.kind === 'quarter'
          ? `Q${v.period.index} ${v.period.year}`
          : `${v.period.year} year to date`,
    weeks: (first: string, last: string, n: number) =>
      `weeks ${Number(first.slice(-2))}–${Number(last.slice(-2))} (${n} weeks; a week belongs to the month its Thursday is in)`,
    questions: 'Questions from residents',
    answered: 'Answered within 7 days',
    median: 'Median response time',
    office: 'office hours',
    allHours: 'all hours',
    rests: (n: string) => `of ${n} answered questions`,
    ownerPosts: 'Municipality posts',
    ownerReplies: 'Municipality replies',
    citizen: 'Posts and comments from residents',
    replyShare: "Share of the municipality's output that is replies",
    citizenShare: "Residents' share of all content",
    index: (w: string) => `Dialogue index, four weeks to week ${Number(w.slice(-2))}`,
    perWeek: 'Week by week',
    week: 'Week',
    rate: 'Response rate',
    di: 'Dialogue index',
    missing: (l: string) => `Weeks without figures (not counted as zero): ${l}.`,
    provisional: 'Provisional: at least one week of the period is not final yet.',
    method:
      "Counts are summed over the weeks; shares are computed from the summed counts, and median response times from the period's answered questions, never averaged over weeks.",
    made: (at: string) => `Made ${at}.`,
  },
};

type Line = { label: string; value: string; note?: string };

function lines(v: PeriodView, lang: Lang): Line[] {
  const p = P[lang];
  const s = t(lang);
  const cnt = (x: number | null) => formatNumber(x, lang);
  const pct = (x: number | null) => formatPercent(x, lang);
  const tg = v.target;
  return [
    { label: p.questions, value: cnt(v.questions) },
    {
      label: p.answered,
      value: pct(v.responseRate),
      note: [
        s.nOfM(cnt(v.answered), cnt(v.questions)),
        v.responseRateCi ? s.ci(pct(v.responseRateCi.low), pct(v.responseRateCi.high)) : null,
      ]
        .filter(Boolean)
        .join(' · '),
    },
    {
      label: p.median,
      value: `${formatHours(v.medianH, lang)} ${p.allHours}`,
      note: `${formatHours(v.officeMedianH, lang)} ${p.office} · ${p.rests(cnt(v.answeredItems))}`,
    },
    {
      label: s
        .targetLine(
          cnt(tg.withinTarget),
          cnt(tg.questions),
          tg.custom ? s.targetHours(formatNumber(tg.officeHours, lang, 1)) : s.targetDefault,
        )
        .replace(/\.$/, ''),
      value: pct(tg.questions > 0 ? tg.withinTarget / tg.questions : null),
    },
    { label: p.ownerPosts, value: cnt(v.ownerPosts) },
    { label: p.ownerReplies, value: cnt(v.ownerReplies) },
    { label: p.citizen, value: cnt(v.citizenItems) },
    { label: p.replyShare, value: pct(v.replyShare) },
    { label: p.citizenShare, value: pct(v.citizenShare) },
    {
      label: p.index(v.lastWindow.week),
      value:
        v.lastWindow.index === null
          ? '–'
          : `${cnt(v.lastWindow.index)} / 100${v.lastWindow.band ? ` – ${s.bands[v.lastWindow.band] ?? v.lastWindow.band}` : ''}`,
    },
  ];
}

const heading = (v: PeriodView, lang: Lang) => `${v.municipality.name} – ${P[lang].period(v)}`;
const span = (v: PeriodView, lang: Lang) =>
  P[lang].weeks(v.period.weeks[0] ?? '', v.period.weeks[v.period.weeks.length - 1] ?? '', v.period.weeks.length);
const notes = (v: PeriodView, lang: Lang) =>
  [
    v.provisional ? P[lang].provisional : null,
    v.missingWeeks.length > 0 ? P[lang].missing(v.missingWeeks.join(', ')) : null,
    P[lang].method,
    P[lang].made(formatDateTime(v.asOf, lang)),
  ].filter((x): x is string => x !== null);

export function renderPeriodText(v: PeriodView, lang: Lang): string {
  const p = P[lang];
  const out = [`LYTTEPOST · ${p.title.toUpperCase()}`, heading(v, lang), span(v, lang), ''];
  for (const l of lines(v, lang)) out.push(`${l.label}: ${l.value}${l.note ? ` (${l.note})` : ''}`);
  out.push('', p.perWeek.toUpperCase());
  for (const w of v.perWeek) {
    out.push(
      `${w.week}  ${p.questions}: ${formatNumber(w.questions, lang)}  ${p.rate}: ${formatPercent(w.responseRate, lang)}  ${p.di}: ${formatNumber(w.dialogueIndex, lang)}`,
    );
  }
  out.push('', ...notes(v, lang));
  return out.join('\n') + '\n';
}

export function renderPeriodHtml(v: PeriodView, lang: Lang): string {
  const p = P[lang];
  const F = 'font-family:Arial,Helvetica,sans-serif;';
  const td = `padding:6px 8px;border-bottom:1px solid #d5dce3;${F}font-size:14px;color:#1b1b1b;`;
  const th = `${td}text-align:left;font-weight:bold;color:#4a4a4a;font-size:12px;`;
  const rows = lines(v, lang)
    .map(
      (l) =>
        `<tr><th scope="row" style="${td}text-align:left;font-weight:normal;">${esc(l.label)}${l.note ? `<br><span style="font-size:12px;color:#4a4a4a;">${esc(l.note)}</span>` : ''}</th><td style="${td}text-align:right;white-space:nowrap;"><strong>${esc(l.value)}</strong></td></tr>`,
    )
    .join('');
  const weeks = v.perWeek
    .map(
      (w) =>
        `<tr><th scope="row" style="${td}text-align:left;font-weight:normal;">${esc(w.week)}</th><td style="${td}text-align:right;">${esc(formatNumber(w.questions, lang))}</td><td style="${td}text-align:right;">${esc(formatPercent(w.responseRate, lang))}</td><td style="${td}text-align:right;">${esc(formatNumber(w.dialogueIndex, lang))}</td></tr>`,
    )
    .join('');
  return (
    `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(heading(v, lang))} · ${esc(p.title)}</title>` +
    `<style>@page{size:A4;margin:14mm}body{margin:0}tr{break-inside:avoid}h2{break-after:avoid}</style></head><body style="margin:0;padding:16px;max-width:680px;${F}color:#1b1b1b;">` +
    `<p style="margin:0;font-size:12px;text-transform:uppercase;letter-spacing:1px;color:#4a4a4a;">Lyttepost · ${esc(p.title)}</p>` +
    `<h1 style="margin:6px 0 2px 0;font-size:24px;color:#14324f;">${esc(heading(v, lang))}</h1><p style="margin:0 0 12px 0;font-size:14px;">${esc(span(v, lang))}</p>` +
    `<table role="table" style="border-collapse:collapse;width:100%;"><tbody>${rows}</tbody></table>` +
    `<h2 style="font-size:17px;color:#14324f;margin:22px 0 8px 0;">${esc(p.perWeek)}</h2>` +
    `<table role="table" style="border-collapse:collapse;width:100%;"><thead><tr><th scope="col" style="${th}">${esc(p.week)}</th><th scope="col" style="${th}text-align:right;">${esc(p.questions)}</th><th scope="col" style="${th}text-align:right;">${esc(p.rate)}</th><th scope="col" style="${th}text-align:right;">${esc(p.di)}</th></tr></thead><tbody>${weeks}</tbody></table>` +
    notes(v, lang)
      .map((n) => `<p style="margin:10px 0 0 0;font-size:12px;color:#4a4a4a;">${esc(n)}</p>`)
      .join('') +
    `</body></html>\n`
  );
}
