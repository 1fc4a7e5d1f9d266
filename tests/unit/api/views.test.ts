import { describe, expect, test } from 'vitest';

import { coverageGaps } from '../../../src/api/routes/harvest-health.js';
import { esc, html, jsonForScript, raw } from '../../../src/api/dashboard/html.js';
import { resolveWeekRange } from '../../../src/api/params.js';
import { rowJson, viewRows } from '../../../src/api/views.js';
import { INDICATOR_IDS, type IndicatorValues } from '../../../src/indicators/definitions.js';
import type { IndicatorRowOut } from '../../../src/store/indicator-values.js';

const values = (o: Record<string, number>) =>
  Object.assign(Object.fromEntries(INDICATOR_IDS.map((id) => [id, 1])), o) as unknown as IndicatorValues;
const row = (scope: IndicatorRowOut['scope'], scopeId: string, o: Record<string, number>, n: Record<string, number>): IndicatorRowOut => ({
  scope,
  scopeId,
  week: '2026-W47',
  definitionVersion: 1,
  values: values(o),
  n,
  flags: {},
  coverage: 1,
  gapAccounts: [7],
  provisional: false,
  distribution: null,
  computedAt: new Date(0),
  platform: null,
  externalId: null,
  municipality: scope === 'municipality' ? scopeId : null,
  county: null,
});

describe('role views of indicator rows', () => {
  const small = row(
    'municipality',
    '1101',
    { questions: 3, questions_answered: 2, response_rate: 0.66 },
    { response_rate: 3, dialogue_index: 3 },
  );
  const county = row('county', '03', { dialogue_index: 40 }, { municipalities: 1 });

  test('admin gets rows as stored', () => {
    const [r] = viewRows({ keyId: '1', role: 'admin', municipality: null }, [small]);
    expect(r?.values.response_rate).toBe(0.66);
    expect(r?.gapAccounts).toEqual([7]);
  });

  test('sector: small-question ratios and their numerators suppressed, gaps hidden', () => {
    const [r] = viewRows({ keyId: '1', role: 'sector', municipality: null }, [small]);
    expect(r?.values.response_rate).toBeNull();
    expect(r?.values.questions_answered).toBeNull();
    expect(r?.values.questions).toBe(3);
    expect(r?.gapAccounts).toEqual([]);
    expect(rowJson(r!, ['response_rate', 'questions'])).toMatchObject({ values: { response_rate: null, questions: 3 }, suppressed: true });
    expect(rowJson(r!, ['questions'])).not.toHaveProperty('suppressed');
  });

  test('municipality: own rows as stored, wider scopes suppressed', () => {
    const p = { keyId: '1', role: 'municipality' as const, municipality: '1101' };
    expect(viewRows(p, [small])[0]?.values.response_rate).toBe(0.66);
    expect(viewRows(p, [county])[0]?.values.dialogue_index).toBeNull();
  });
});

describe('week ranges', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  test('defaults to the last complete week and a span; refuses reversed, too long and future ranges', () => {
    expect(resolveWeekRange({}, now, 4)).toMatchObject({ from: '2026-W44', to: '2026-W47' });
    expect(resolveWeekRange({}, now, 1)).toMatchObject({ from: '2026-W47', to: '2026-W47' });
    expect(resolveWeekRange({ to: '2026-W48' }, now, 1)).toMatchObject({ to: '2026-W48' });
    expect(resolveWeekRange({ to: '2026-W49' }, now, 1)).toEqual({
      error: "query parameter 'to': week 2026-W49 has not started yet (this week is 2026-W48)",
    });
    expect(resolveWeekRange({ from: '2026-W47', to: '2026-W40' }, now, 4)).toHaveProperty('error');
    expect(resolveWeekRange({ from: '2020-W01', to: '2026-W47' }, now, 4)).toHaveProperty('error');
    expect(resolveWeekRange({ from: '2025-W52', to: '2026-W02' }, now, 4)).toMatchObject({ weeks: ['2025-W52', '2026-W01', '2026-W02'] });
  });
});

describe('harvest gaps', () => {
  const h = (s: string) => new Date(`2026-11-2${s}Z`);
  test('uncovered stretches of an hour or more, including time since the last run', () => {
    const spans = [
      { accountId: '1', stream: 'posts', coveredFrom: h('0T00:00:00'), coveredTo: h('0T12:00:00') },
      { accountId: '1', stream: 'comments', coveredFrom: h('0T11:00:00'), coveredTo: h('0T12:30:00') },
      { accountId: '1', stream: 'posts', coveredFrom: h('0T15:00:00'), coveredTo: h('1T00:00:00') },
    ];
    expect(coverageGaps(spans, h('0T00:00:00'), h('1T00:30:00')).map((g) => g.hours)).toEqual([2.5]);
    expect(coverageGaps(spans, h('0T00:00:00'), h('1T03:00:00')).map((g) => g.hours)).toEqual([2.5, 3]);
    expect(coverageGaps([], h('0T00:00:00'), h('1T03:00:00'))).toEqual([]);
  });
});

describe('html', () => {
  test('interpolations are escaped unless raw; JSON cannot close its script block', () => {
    expect(esc(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    expect(html`<p>${'<b>'}${raw('<i>')}${['<', raw('>')]}</p>`.__html).toBe('<p>&lt;b&gt;<i>&lt;></p>');
    expect(jsonForScript({ t: '</script><!--' })).not.toMatch(/<|>/);
  });
});

describe('ISO week arithmetic without a zone library (src/indicators/iso-week.ts)', () => {
  test('agrees with the indicator engine’s weeks over 30 years', async () => {
    const { isoWeekOf, weekIndex, weekOfIndex } = await import('../../../src/indicators/iso-week.js');
    // Every Thursday noon (Oslo) from 2004 to 2033 through the zone library, against the plain arithmetic.
    const ours = [] as string[];
    const engine = [] as string[];
    for (let i = weekIndex('2004-W01') as number; i <= (weekIndex('2033-W52') as number); i++) {
      ours.push(weekOfIndex(i));
      engine.push(isoWeekOf(new Date(Date.UTC(1970, 0, 1, 11) + (i * 7 + 0) * 86_400_000)));
    }
    expect(ours).toEqual(engine);
    expect(ours).toHaveLength(30 * 52 + 6); // 53-week years: 2004, 2009, 2015, 2020, 2026, 2032;
    expect(weekIndex('2025-W53')).toBeNull();
    expect(weekIndex('2026-W53')).not.toBeNull();
    expect(weekIndex('2020-W53')).not.toBeNull();
    expect(weekIndex('2026-W00')).toBeNull();
  }, 60_000);
});

describe('aggregate cache', () => {
  test('reuses an answer within the TTL, shares concurrent loads, forgets failures, and can be off', async () => {
    const { makeAggregateCache } = await import('../../../src/api/aggregate-cache.js');
    let t = 0;
    let loads = 0;
    const c = makeAggregateCache(5_000, () => new Date(t));
    const load = async () => ++loads;
    expect(await Promise.all([c.get('k', load), c.get('k', load)])).toEqual([1, 1]);
    t = 4_999;
    expect(await c.get('k', load)).toBe(1);
    t = 5_000;
    expect(await c.get('k', load)).toBe(2);
    await expect(
      c.get('bad', async () => {
        throw new Error('x');
      }),
    ).rejects.toThrow('x');
    expect(await c.get('bad', load)).toBe(3);
    const off = makeAggregateCache(0, () => new Date(0));
    expect([await off.get('k', load), await off.get('k', load)]).toEqual([4, 5]);
  });
});
