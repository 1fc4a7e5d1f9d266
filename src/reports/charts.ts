import { escapeHtml, formatNumber, formatPercent, weekNumber, type Lang } from './format.js';
import { t } from './i18n.js';
import type { ReportView } from './report-view.js';

/**
 * The report's charts as self-contained SVG strings, built by hand (no browser, no library): a 12-week trend
 * of the dialogue index and response rate, posts vs resident items by week, and the response-time
 * distribution of the week's questions. Each carries <title> and <desc> (its alt text, with the numbers), and
 * the same text is returned for <img alt>. E-mail gets them as PNG (captured by chromium.ts); the PDF embeds
 * the SVG itself, so it stays vector.
 */
export type Chart = { id: 'trend' | 'activity' | 'response'; width: number; height: number; title: string; desc: string; svg: string };

export const FONT = "'Liberation Sans', Arial, Helvetica, sans-serif";
export const COLORS = {
  ink: '#1b2733',
  muted: '#5d6b78',
  grid: '#dde3e9',
  index: '#1f4e79',
  rate: '#c8641e',
  posts: '#1f4e79',
  replies: '#7fa7d1',
  citizen: '#2f8f5b',
  unanswered: '#b03a2e',
  bands: { megafon: '#fbeaea', oppslagstavle: '#fdf3e3', samtalepartner: '#eaf4ec', høreapparat: '#e3f0f7' } as Record<string, string>,
} as const;

const W = 640;
const r1 = (x: number) => Math.round(x * 10) / 10;

function frame(id: string, width: number, height: number, title: string, desc: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t ${id}-d" font-family="${FONT}"><title id="${id}-t">${escapeHtml(title)}</title><desc id="${id}-d">${escapeHtml(desc)}</desc><rect width="${width}" height="${height}" fill="#ffffff"/>${body}</svg>`;
}

const text = (x: number, y: number, s: string, attrs = '') => `<text x="${r1(x)}" y="${r1(y)}" ${attrs}>${escapeHtml(s)}</text>`;
const list = (xs: readonly (number | null)[], fmt: (x: number) => string, none: string) =>
  xs.map((x) => (x === null ? none : fmt(x))).join(', ');

/** A 1-2-5 step axis maximum at or above `max` (at least `floor`). */
export function niceMax(max: number, floor = 4): number {
  const m = Math.max(max, floor);
  const mag = 10 ** Math.floor(Math.log10(m));
  for (const s of [1, 2, 2.5, 5, 10]) if (s * mag >= m) return s * mag;
  return 10 * mag;
}

function legend(
  items: ReadonlyArray<{ label: string; color: string; dashed?: boolean; kind: 'line' | 'box' }>,
  x0: number,
  y: number,
): string {
  let x = x0;
  return items
    .map((it) => {
      const mark =
        it.kind === 'line'
          ? `<line x1="${x}" y1="${y - 4}" x2="${x + 22}" y2="${y - 4}" stroke="${it.color}" stroke-width="3"${it.dashed ? ' stroke-dasharray="6 4"' : ''}/>`
          : `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${it.color}"/>`;
      const lx = x + (it.kind === 'line' ? 28 : 17);
      const out = mark + text(lx, y, it.label, `font-size="12" fill="${COLORS.ink}"`);
      x = lx + it.label.length * 6.4 + 18;
      return out;
    })
    .join('');
}

export function trendChart(v: ReportView, lang: Lang): Chart {
  const s = t(lang);
  const height = 270;
  const left = 44;
  const right = W - 112;
  const top = 36;
  const bottom = height - 34;
  const weeks = v.trend;
  const step = (right - left) / Math.max(1, weeks.length - 1);
  const y = (pct: number) => bottom - (pct / 100) * (bottom - top);
  const x = (i: number) => left + i * step;
  const bandRows = [
    ['megafon', 0, 25],
    ['oppslagstavle', 25, 50],
    ['samtalepartner', 50, 75],
    ['høreapparat', 75, 100],
  ] as const;
  let body = '';
  for (const [band, lo, hi] of bandRows) {
    body += `<rect x="${left}" y="${r1(y(hi))}" width="${r1(right - left)}" height="${r1(y(lo) - y(hi))}" fill="${COLORS.bands[band]}"/>`;
    body += text(right + 8, (y(lo) + y(hi)) / 2 + 4, s.bands[band] ?? band, `font-size="11" fill="${COLORS.muted}"`);
  }
  for (const g of [0, 25, 50, 75, 100]) {
    body += `<line x1="${left}" y1="${r1(y(g))}" x2="${right}" y2="${r1(y(g))}" stroke="${COLORS.grid}" stroke-width="1"/>`;
    body += text(left - 8, y(g) + 4, formatNumber(g, lang), `font-size="11" fill="${COLORS.muted}" text-anchor="end"`);
  }
  weeks.forEach((w, i) => {
    body += text(x(i), bottom + 16, String(weekNumber(w.week)), `font-size="11" fill="${COLORS.muted}" text-anchor="middle"`);
  });
  body += text(left, bottom + 30, s.charts.weekAxis, `font-size="11" fill="${COLORS.muted}"`);
  const series = (vals: readonly (number | null)[], color: string, dashed: boolean) => {
    let d = '';
    let pen = false;
    vals.forEach((val, i) => {
      if (val === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${r1(x(i))} ${r1(y(val))} `;
      pen = true;
    });
    let out = d
      ? `<path d="${d.trim()}" fill="none" stroke="${color}" stroke-width="3" stroke-linejoin="round" stroke-linecap="round"${dashed ? ' stroke-dasharray="7 5"' : ''}/>`
      : '';
    vals.forEach((val, i) => {
      if (val !== null)
        out += `<circle cx="${r1(x(i))}" cy="${r1(y(val))}" r="3.5" fill="${dashed ? '#ffffff' : color}" stroke="${color}" stroke-width="2"/>`;
    });
    return out;
  };
  const idx = weeks.map((w) => (w.dialogueIndex === null ? null : Math.max(0, Math.min(100, w.dialogueIndex))));
  const rate = weeks.map((w) => (w.responseRate === null ? null : w.responseRate * 100));
  body += series(rate, COLORS.rate, true);
  body += series(idx, COLORS.index, false);
  const lastIdx = idx[idx.length - 1];
  if (lastIdx !== null && lastIdx !== undefined) {
    body += text(
      x(idx.length - 1),
      y(lastIdx) - 9,
      formatNumber(lastIdx, lang),
      `font-size="13" font-weight="bold" fill="${COLORS.index}" text-anchor="middle"`,
    );
  }
  body += legend(
    [
      { label: s.charts.seriesIndex, color: COLORS.index, kind: 'line' },
      { label: s.charts.seriesRate, color: COLORS.rate, dashed: true, kind: 'line' },
    ],
    left,
    18,
  );
  const span = `${s.charts.weekAxis} ${weekNumber(weeks[0]?.week ?? v.week)}–${weekNumber(v.week)}`;
  const desc = s.charts.trendDesc(
    span,
    list(idx, (n) => formatNumber(n, lang), s.charts.noValue),
    list(
      weeks.map((w) => w.responseRate),
      (n) => formatPercent(n, lang),
      s.charts.noValue,
    ),
  );
  return {
    id: 'trend',
    width: W,
    height,
    title: s.charts.trendTitle,
    desc,
    svg: frame('trend', W, height, s.charts.trendTitle, desc, body),
  };
}

export function activityChart(v: ReportView, lang: Lang): Chart {
  const s = t(lang);
  const height = 250;
  const left = 44;
  const right = W - 16;
  const top = 36;
  const bottom = height - 34;
  const weeks = v.trend;
  const max = niceMax(Math.max(0, ...weeks.flatMap((w) => [w.ownerPosts ?? 0, w.ownerReplies ?? 0, w.citizenItems ?? 0])));
  const y = (n: number) => bottom - (n / max) * (bottom - top);
  const group = (right - left) / weeks.length;
  const bw = Math.min(12, (group - 8) / 3);
  let body = '';
  for (let i = 0; i <= 4; i++) {
    const g = (max * i) / 4;
    body += `<line x1="${left}" y1="${r1(y(g))}" x2="${right}" y2="${r1(y(g))}" stroke="${COLORS.grid}" stroke-width="1"/>`;
    body += text(
      left - 8,
      y(g) + 4,
      formatNumber(g, lang, Number.isInteger(g) ? 0 : 1),
      `font-size="11" fill="${COLORS.muted}" text-anchor="end"`,
    );
  }
  weeks.forEach((w, i) => {
    const gx = left + i * group + (group - 3 * bw - 4) / 2;
    const bars = [
      [w.ownerPosts, COLORS.posts],
      [w.ownerReplies, COLORS.replies],
      [w.citizenItems, COLORS.citizen],
    ] as const;
    bars.forEach(([val, color], j) => {
      if (val === null) return;
      const h = Math.max(val > 0 ? 1 : 0, bottom - y(val));
      body += `<rect x="${r1(gx + j * (bw + 2))}" y="${r1(bottom - h)}" width="${r1(bw)}" height="${r1(h)}" fill="${color}"/>`;
    });
    body += text(
      left + i * group + group / 2,
      bottom + 16,
      String(weekNumber(w.week)),
      `font-size="11" fill="${COLORS.muted}" text-anchor="middle"`,
    );
  });
  body += `<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="${COLORS.muted}" stroke-width="1"/>`;
  body += text(left, bottom + 30, s.charts.weekAxis, `font-size="11" fill="${COLORS.muted}"`);
  body += legend(
    [
      { label: s.charts.seriesPosts, color: COLORS.posts, kind: 'box' },
      { label: s.charts.seriesReplies, color: COLORS.replies, kind: 'box' },
      { label: s.charts.seriesCitizen, color: COLORS.citizen, kind: 'box' },
    ],
    left,
    18,
  );
  const fmt = (n: number) => formatNumber(n, lang);
  const desc = s.charts.activityDesc(
    list(
      weeks.map((w) => w.ownerPosts),
      fmt,
      s.charts.noValue,
    ),
    list(
      weeks.map((w) => w.ownerReplies),
      fmt,
      s.charts.noValue,
    ),
    list(
      weeks.map((w) => w.citizenItems),
      fmt,
      s.charts.noValue,
    ),
  );
  return {
    id: 'activity',
    width: W,
    height,
    title: s.charts.activityTitle,
    desc,
    svg: frame('activity', W, height, s.charts.activityTitle, desc, body),
  };
}

export function responseChart(v: ReportView, lang: Lang): Chart {
  const s = t(lang);
  const buckets = v.responsiveness.buckets;
  const rowH = 26;
  const top = 14;
  const height = top + buckets.length * rowH + 12;
  const left = 128;
  const right = W - 60;
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  const max = Math.max(1, ...buckets.map((b) => b.count));
  let body = '';
  buckets.forEach((b, i) => {
    const yy = top + i * rowH;
    const w = total === 0 ? 0 : ((right - left) * b.count) / max;
    const color = b.key === 'unanswered' ? COLORS.unanswered : b.key === 'd3to7' || b.key === 'd1to3' ? COLORS.replies : COLORS.index;
    body += text(left - 10, yy + 15, s.buckets[b.key] ?? b.key, `font-size="12" fill="${COLORS.ink}" text-anchor="end"`);
    body += `<rect x="${left}" y="${yy + 3}" width="${r1(right - left)}" height="17" fill="#f3f5f7"/>`;
    if (w > 0) body += `<rect x="${left}" y="${yy + 3}" width="${r1(Math.max(2, w))}" height="17" fill="${color}"/>`;
    const share = total === 0 ? '' : ` (${formatPercent(b.count / total, lang)})`;
    body += text(left + Math.max(2, w) + 6, yy + 16, `${formatNumber(b.count, lang)}${share}`, `font-size="12" fill="${COLORS.ink}"`);
  });
  if (total === 0)
    body += text((left + right) / 2, height / 2, s.charts.responseEmpty, `font-size="14" fill="${COLORS.muted}" text-anchor="middle"`);
  const desc = s.charts.responseDesc(buckets.map((b) => `${s.buckets[b.key]} ${formatNumber(b.count, lang)}`).join(', '));
  return {
    id: 'response',
    width: W,
    height,
    title: s.charts.responseTitle,
    desc,
    svg: frame('response', W, height, s.charts.responseTitle, desc, body),
  };
}

/** The three charts of a report, in the order the report shows them. */
export function reportCharts(v: ReportView, lang: Lang): Chart[] {
  return [trendChart(v, lang), activityChart(v, lang), responseChart(v, lang)];
}
