import { describe, expect, test } from 'vitest';

import { activityChart, niceMax, reportCharts, responseChart, trendChart } from '../../../src/reports/charts.js';
import { renderHtml } from '../../../src/reports/render-html.js';
import { renderText } from '../../../src/reports/render-text.js';
import { followerBand, percentileRank, sizeGroup } from '../../../src/indicators/peers.js';
import { buildWeeklyReport } from '../../../src/reports/weekly-report.js';
import type { ReportInputs, StoredFigures } from '../../../src/store/report-inputs.js';
import { valuesOf } from '../../fixtures/reports/dataset.js';

const figures = (v: Record<string, number | string | null>, extra: Partial<StoredFigures> = {}): StoredFigures => ({
  values: valuesOf(v),
  n: { followers: 3000 },
  flags: {},
  coverage: 1,
  gapAccounts: [],
  provisional: false,
  computedAt: '2026-11-30T05:00:00.000Z',
  ...extra,
});

function inputs(over: Partial<ReportInputs> = {}): ReportInputs {
  const weeks = Array.from({ length: 12 }, (_, i) => `2026-W${String(36 + i).padStart(2, '0')}`);
  return {
    week: '2026-W47',
    asOf: '2026-11-30T06:00:00.000Z',
    definitionVersion: 1,
    classifierVersion: 'rules-1',
    municipality: {
      code: '4601',
      name: 'Bergen',
      countyCode: '46',
      countyName: 'Vestland',
      population: null,
      populationYear: null,
      officeHours: null,
      responseTargetOfficeHours: null,
      peerSet: [],
    },
    accounts: [{ id: '1', platform: 'facebook', handle: 'bergen', externalId: 'b' }],
    series: weeks.map((week, i) => ({
      week,
      figures: figures({
        owner_posts: 10,
        owner_replies: i,
        questions: 10,
        questions_answered: i < 11 ? 5 : 9,
        response_rate: i < 11 ? 0.5 : 0.9,
        dialogue_index: 30 + i,
      }),
    })),
    accountRows: [],
    peers: [
      { code: '4601', countyCode: '46', population: null, followers: 3000, dialogueIndex: 41, responseRate: 0.9 },
      { code: '4602', countyCode: '46', population: 9000, followers: 2500, dialogueIndex: 20, responseRate: 0.3 },
      { code: '4603', countyCode: '46', population: 9000, followers: 2500, dialogueIndex: 41, responseRate: 0.5 },
      { code: '4604', countyCode: '46', population: 9000, followers: 50_000, dialogueIndex: 60, responseRate: 0.7 },
      { code: '4605', countyCode: '46', population: 9000, followers: 4000, dialogueIndex: null, responseRate: null },
    ],
    questions: [],
    postKinds: [],
    topThreads: [],
    ...over,
  };
}

describe('weekly report view model', () => {
  test('percentile rank counts the others below and half of the ties', () => {
    expect(percentileRank(41, [20, 41, 60])).toBe(50);
    expect(percentileRank(90, [10, 20])).toBe(100);
    expect(sizeGroup(4999)).toBe('small');
    expect(sizeGroup(20_000)).toBe('large');
    expect(followerBand(2000)).toBe('followers_2000_9999');
  });

  test('baseline ratios come from the 8 weeks’ summed counts, counts from their mean, the index from the median', () => {
    const v = buildWeeklyReport(inputs());
    expect(v.responsiveness.responseRate).toEqual({ value: 0.9, lastWeek: 0.5, baseline: 0.5 });
    expect(v.activity.ownerReplies.baseline).toBe((3 + 4 + 5 + 6 + 7 + 8 + 9 + 10) / 8);
    expect(v.dialogue.index.baseline).toBe(36.5);
    expect(v.dialogue.index.lastWeek).toBe(40);
  });

  test('peers: groups under 5 municipalities with a value are suppressed; follower bands stand in for missing population', () => {
    const v = buildWeeklyReport(inputs());
    const county = v.peers.dialogueIndex.find((p) => p.group === 'county')!;
    expect(county).toMatchObject({ groupSize: 4, suppressed: true, percentile: null });
    const size = v.peers.dialogueIndex.find((p) => p.group === 'size')!;
    expect(size).toMatchObject({ basis: 'followers', label: 'followers_2000_9999' });
    const more = inputs({
      peers: [
        ...inputs().peers,
        { code: '4606', countyCode: '46', population: null, followers: 3100, dialogueIndex: 10, responseRate: 0.2 },
      ],
    });
    const c2 = buildWeeklyReport(more).peers.dialogueIndex.find((p) => p.group === 'county')!;
    expect(c2).toMatchObject({ groupSize: 5, suppressed: false, percentile: 62.5 });
  });

  test('no stored row: the report says so instead of showing zeros', () => {
    const inp = inputs();
    inp.series = inp.series.map((s) => ({ ...s, figures: null }));
    const v = buildWeeklyReport(inp);
    expect(v.hasData).toBe(false);
    expect(v.activity.ownerPosts.value).toBeNull();
    expect(renderText(v, 'nb')).toContain('Det finnes ingen beregnede tall for denne uken ennå.');
    expect(v.quality.missingWeeks).toHaveLength(12);
  });

  test('a week whose engagement was measured late gets the footnote in both languages; an on-time week does not', () => {
    const late = inputs();
    const last = late.series[late.series.length - 1]!;
    last.figures = { ...last.figures!, n: { followers: 3000, posts_engagement_late: 7, engagement_late_median_days: 41.5 } };
    const v = buildWeeklyReport(late);
    expect(v.quality.engagementLate).toEqual({ posts: 7, medianDays: 41.5 });
    const flat = (text: string) => text.replace(/\s+/g, ' '); // the text report wraps its lines
    expect(flat(renderText(v, 'nb'))).toContain('tall målt senere enn 7 dager etter innlegget');
    expect(renderHtml(v, { lang: 'nb', charts: reportCharts(v, 'nb'), source: { mode: 'cid' } })).toContain(
      '7 av ukens innlegg er tall målt senere enn 7 dager etter innlegget (median 42 dager etter)',
    );
    expect(flat(renderText(v, 'en'))).toContain('figures measured later than 7 days after the post');
    const onTime = buildWeeklyReport(inputs());
    expect(onTime.quality.engagementLate).toBeNull();
    expect(flat(renderText(onTime, 'nb'))).not.toContain('7 dager etter innlegget');
  });

  test('charts are SVG with title and desc (alt text) and no script; missing weeks leave gaps', () => {
    const inp = inputs();
    inp.series[5] = { week: inp.series[5]!.week, figures: null };
    const v = buildWeeklyReport(inp);
    for (const c of reportCharts(v, 'nb')) {
      expect(c.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(c.svg).toContain(`<title id="${c.id}-t">`);
      expect(c.svg).toContain(`<desc id="${c.id}-d">`);
      expect(c.svg).not.toMatch(/<script|on\w+=/i);
    }
    const trend = trendChart(v, 'nb');
    expect(trend.desc).toContain('ingen verdi');
    // Two line segments (before and after the gap) per series: a new "M" after the missing week.
    expect((/<path d="([^"]+)"[^>]*stroke="#1f4e79"/.exec(trend.svg)?.[1] ?? '').match(/M/g)).toHaveLength(2);
    expect(activityChart(v, 'en').title).toBe('Municipality posts and replies vs resident items, by week');
    expect(responseChart(v, 'nb').svg).toContain('Ingen spørsmål denne uken');
    expect(niceMax(37)).toBe(50);
    expect(niceMax(0)).toBe(5);
  });

  test('HTML for e-mail has no scripts or SVG and gives every chart alt text', () => {
    const v = buildWeeklyReport(inputs());
    const charts = reportCharts(v, 'nb');
    const html = renderHtml(v, { lang: 'nb', charts, source: { mode: 'cid' } });
    expect(html).not.toMatch(/<script|<svg/i);
    expect(html.match(/<img [^>]*alt="[^"]{20,}"/g)).toHaveLength(3);
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain('<h1 ');
  });
});
