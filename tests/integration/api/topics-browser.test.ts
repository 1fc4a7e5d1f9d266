/**
 * The topic pages of issue 25 in headless Chromium (as browser.test.ts): a simulated sector of 20
 * municipalities × 8 weeks, topic-classified; the municipality page (topics this week and last, and what is
 * unanswered now) and the sector page (trend per topic, response rate by topic, suppressed for the sector
 * role where fewer than 5 municipalities ask). Screenshots to docs/screenshots/, axe with no violations.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { buildApp } from '../../../src/api/app.js';
import { CLASSIFIER_VERSION } from '../../../src/classifier/version.js';
import { fixedClock } from '../../../src/clock.js';
import { weekBounds, weekRange } from '../../../src/indicators/iso-week.js';
import { classifyItemTopics } from '../../../src/jobs/classify-topics.js';
import { groundTruth } from '../../../src/simulator/truth.js';
import { generateWorld } from '../../../src/simulator/world.js';
import { createApiKey } from '../../../src/store/api-keys.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';
import { storeTruth, TEST_CLASSIFIER } from '../indicators/builder.js';
import { CHROMIUM, launchChromium } from '../../helpers/chromium.js';

type Pw = typeof import('playwright-core');
const SHOTS = path.resolve(import.meta.dirname, '../../../docs/screenshots');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
type AxeResult = { passes: unknown[]; violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> };
const WEEKS = weekRange('2026-W02', '2026-W09');
const START = weekBounds(WEEKS[0] as string).start;
const END = weekBounds(WEEKS[WEEKS.length - 1] as string).end;
const NOW = new Date(END.getTime() + 26 * 3_600_000); // Tuesday of W10

let pw: Pw | null = null;
try {
  pw = await import('playwright-core');
  readFileSync(CHROMIUM);
} catch (err) {
  pw = null;
  console.warn(`topic browser tests skipped: ${(err as Error).message.split('\n')[0]} (needs playwright-core and ${CHROMIUM})`);
}

describe.skipIf(!pw)('topic pages in a browser', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  let app: ReturnType<typeof buildApp>;
  let base = '';
  let browser: Awaited<ReturnType<Pw['chromium']['launch']>>;
  const keys = { sector: '', muni: '' };
  let code = '';

  beforeAll(async () => {
    t = await useTestDb();
    const world = generateWorld({ seed: 7, municipalities: 20, start: START, end: END });
    const truth = groundTruth(world, { now: END, passes: [END] });
    await storeTruth(t.db, truth, START, END);
    await t.db.query(
      `update items i set text = x.text from jsonb_to_recordset($1::jsonb) as x(platform text, id text, text text)
       where i.platform = x.platform and i.external_id = x.id`,
      [JSON.stringify(truth.items.map((i) => ({ platform: i.platform, id: i.externalId, text: i.text })))],
    );
    // The truth's question labels stand in for the question classifier's (its errors are not the subject here).
    await t.db.query(`update classifications set classifier_version = $1 where classifier_version = $2`, [
      CLASSIFIER_VERSION,
      TEST_CLASSIFIER,
    ]);
    await classifyItemTopics({}, { db: t.db, log: silentLogger, clock: fixedClock(END) });
    // The municipality with most questions in the last week shown.
    const muniOf = new Map(truth.accounts.map((a) => [a.externalId, a.municipalityCode]));
    const asked = new Map<string, number>();
    for (const i of truth.items) {
      if (i.turnIsQuestion && i.turnExternalId === i.externalId && i.week === WEEKS[WEEKS.length - 1]) {
        const m = muniOf.get(i.accountExternalId) as string;
        asked.set(m, (asked.get(m) ?? 0) + 1);
      }
    }
    code = [...asked].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
    keys.sector = (await createApiKey(t.db, { role: 'sector', municipality: null, name: 'sector' }, NOW)).key;
    keys.muni = (await createApiKey(t.db, { role: 'municipality', municipality: code, name: 'muni' }, NOW)).key;
    app = buildApp({ db: t.db, log: silentLogger, clock: fixedClock(NOW), secret: 'test-secret-0123456789abcdef0123456789' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium(pw as Pw);
    mkdirSync(SHOTS, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.drop();
  });

  async function open(key: string, url: string, width = 1280) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    const page = await ctx.newPage();
    const blocked: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(base)) blocked.push(r.url());
    });
    await page.goto(`${base}/login`);
    await page.getByLabel('API-nøkkel').fill(key);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${base}${url}`);
    const axe = async () => {
      await page.addScriptTag({ path: AXE });
      const r = (await page.evaluate(
        "axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
      )) as AxeResult;
      expect(r.passes.length).toBeGreaterThan(10);
      expect(r.violations.map((v) => `${v.id} (${v.impact}) ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual([]);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
      expect(blocked).toEqual([]);
    };
    return { page, ctx, axe };
  }

  test('municipality: topics last week with figures, unanswered now per topic', async () => {
    const { page, ctx, axe } = await open(keys.muni, `/m/${code}/topics`);
    expect(await page.locator('h1').textContent()).toContain('Dette spør innbyggerne om');
    const rows = await page.locator('#topics-last-week tbody tr').count();
    expect(rows).toBeGreaterThan(1);
    expect(await page.locator('#topics-last-week').textContent()).toMatch(/Vei og brøyting|Kultur og fritid|Renovasjon/u);
    await page.screenshot({ path: path.join(SHOTS, 'topics-municipality.png'), fullPage: true });
    await axe();
    await ctx.close();
  }, 120_000);

  test('sector: trend per topic and response rate by topic, suppressed where fewer than 5 municipalities ask', async () => {
    const { page, ctx, axe } = await open(keys.sector, '/sector/topics');
    await expect.poll(() => page.locator('[data-chart="chart-topics"] .chart-canvas').getAttribute('data-points')).not.toBeNull();
    expect(await page.locator('#topic-trend tbody tr').count()).toBeGreaterThan(2);
    const rates = (await page.locator('#topic-rates').textContent()) ?? '';
    expect(rates).toMatch(/\d+ %/u);
    expect(rates).toContain('skjult (< 5)');
    await page.screenshot({ path: path.join(SHOTS, 'topics-sector.png'), fullPage: true });
    await axe();
    await ctx.close();
  }, 120_000);
});
