import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { useTestDb } from '../../helpers/test-db.js';
import { buildWorld, OSLO_TEXT, type World } from './fixture.js';
import { CHROMIUM, launchChromium } from '../../helpers/chromium.js';

/**
 * The dashboard in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core): log in, the
 * sector overview with a drawn chart, switch to a municipality, its unanswered questions and alerts, a CSV
 * download.
 * Screenshots go to docs/screenshots/. Skips with a message when playwright-core or chromium is missing.
 */
type Pw = typeof import('playwright-core');
const SHOTS = path.resolve(import.meta.dirname, '../../../docs/screenshots');
/** axe-core from npm (node_modules), injected into the page: no CDN. */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
type AxeResult = { passes: unknown[]; violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> };

let pw: Pw | null = null;
let why = '';
try {
  pw = await import('playwright-core');
  readFileSync(CHROMIUM);
} catch (err) {
  pw = null;
  why = `browser tests skipped: ${(err as Error).message.split('\n')[0]} (needs playwright-core and ${CHROMIUM})`;
  console.warn(why);
}

describe.skipIf(!pw)('dashboard in a browser', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  let w: World;
  let base = '';
  let browser: Awaited<ReturnType<Pw['chromium']['launch']>>;

  beforeAll(async () => {
    t = await useTestDb();
    w = await buildWorld(t.db);
    // An alert on Oslo's open question, sent to the information chief and past its due time.
    await t.db.query(
      `insert into alerts (dedupe_key, municipality_code, account_id, item_id, state, due_at, notified_at, created_at, updated_at)
       select 'unanswered:' || i.id, '0301', i.account_id, i.id, 'notified', '2026-11-24T14:00:00Z', '2026-11-24T14:01:00Z',
              '2026-11-24T10:15:00Z', '2026-11-24T14:01:00Z'
       from items i where i.external_id = 'oslo_q'`,
    );
    await w.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(w.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium(pw as Pw);
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await w?.app.close();
    await t?.drop();
  });

  async function loginAs(page: import('playwright-core').Page, key: string) {
    await page.goto(`${base}/login`);
    await page.getByLabel('API-nøkkel').fill(key);
    await page.getByRole('button', { name: 'Logg inn' }).click();
  }

  test('sector key: log in, overview chart with data, switch to a municipality', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const blocked: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(base)) blocked.push(r.url());
    });
    await loginAs(page, w.keys.sector);
    await page.goto(`${base}/sector?from=2026-W40&to=2026-W47`);
    await expect.poll(() => page.locator('[data-chart="chart-di"] .chart-canvas').getAttribute('data-points')).toBe('16');
    expect(await page.locator('[data-chart="chart-di"] svg path.series').count()).toBe(2);
    expect(await page.locator('[data-chart="chart-di"] svg polygon.band').count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'sector-overview.png'), fullPage: true });
    await page.getByLabel('Kommune', { exact: true }).selectOption('1101');
    await page.getByRole('button', { name: 'Gå' }).click();
    await expect.poll(() => page.url()).toContain('/m/1101');
    await expect.poll(() => page.locator('h1').textContent()).toContain('Eigersund');
    await page.screenshot({ path: path.join(SHOTS, 'municipality-as-sector.png'), fullPage: true });
    expect(blocked).toEqual([]);
    await ctx.close();
  });

  // The information chief's three pages at desktop and phone width: no horizontal scrolling, what matters
  // above the fold, the question text and answer link on screen, chart text readable, and no axe violations.
  for (const width of [1280, 390] as const) {
    test(`municipality, questions and alerts pages at ${width} px: above the fold, readable, no axe violations`, async () => {
      // bypassCSP only lets the test inject axe-core; the pages themselves load nothing from elsewhere.
      const ctx = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 }, bypassCSP: true });
      const page = await ctx.newPage();
      const blocked: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(base)) blocked.push(r.url());
      });
      await loginAs(page, w.keys.oslo);
      await expect.poll(() => page.url()).toContain('/m/0301');
      await expect.poll(() => page.locator('[data-chart="chart-m-di"] .chart-canvas').getAttribute('data-points')).not.toBeNull();
      const axe = async (name: string) => {
        await page.addScriptTag({ path: AXE });
        const r = (await page.evaluate(
          "axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
        )) as AxeResult;
        expect(r.passes.length, 'axe ran its checks').toBeGreaterThan(10);
        expect(r.violations.map((v) => `${name}: ${v.id} (${v.impact}) ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual([]);
        expect(await page.evaluate('document.documentElement.scrollWidth'), `${name} scrolls sideways`).toBeLessThanOrEqual(width);
      };
      const fold = width === 390 ? 844 : 900;
      const above = async (selector: string) => {
        const box = await page.locator(selector).first().boundingBox();
        expect(box, selector).not.toBeNull();
        expect((box?.y ?? Infinity) + (box?.height ?? 0) / 2, `${selector} above the fold at ${width} px`).toBeLessThan(fold);
      };

      // Municipality page: the week named; index, response rate with n, response time, unanswered now with its link.
      expect(await page.locator('#week-line').textContent()).toContain('uke 47/2026');
      expect(await page.locator('#card-rate').textContent()).toContain('15 av 20 spørsmål besvart innen 7 dager');
      expect(await page.locator('#card-open').textContent()).toContain('1');
      for (const sel of ['#card-index', '#card-rate', '#card-time', '#card-open', '#card-peers']) await above(sel);
      expect(await page.locator('#card-peers').textContent()).toContain('i hele landet');
      // Charts start at the first week with figures (W40), not 52 weeks back, and show n.
      expect(await page.locator('[data-chart="chart-m-di"] .chart-canvas').getAttribute('data-points')).toBe('16');
      expect(await page.locator('[data-chart="chart-m-di"] svg text.n').count()).toBeGreaterThan(0);
      // Axis labels drawn at real size (a scaled 720 px drawing made them ~5 px high on a phone).
      const label = await page.locator('[data-chart="chart-m-di"] svg text').first().boundingBox();
      expect(label?.height ?? 0).toBeGreaterThanOrEqual(10);
      await page.screenshot({ path: path.join(SHOTS, `municipality-${width}.png`), fullPage: false });
      await axe('municipality');

      await page.locator('#questions-link').click();
      await expect.poll(() => page.locator('#questions').textContent()).toContain(OSLO_TEXT);
      const answer = await page.getByRole('link', { name: 'Svar på Facebook' }).first().boundingBox();
      expect((answer?.x ?? Infinity) + (answer?.width ?? 0), 'answer link on screen').toBeLessThanOrEqual(width);
      await page.screenshot({ path: path.join(SHOTS, `questions-${width}.png`), fullPage: true });
      await axe('questions');

      await page.goto(`${base}/m/0301/alerts`);
      expect(await page.locator('#alerts').textContent()).toContain(OSLO_TEXT);
      const link = await page.locator('#alerts').getByRole('link', { name: 'Svar på Facebook' }).first().boundingBox();
      expect((link?.x ?? Infinity) + (link?.width ?? 0), 'alert answer link on screen').toBeLessThanOrEqual(width);
      await page.screenshot({ path: path.join(SHOTS, `alerts-${width}.png`), fullPage: true });
      await axe('alerts');
      expect(blocked).toEqual([]);
      await ctx.close();
    });
  }

  test('municipality key on a phone: its page, unanswered questions, CSV download', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
    const page = await ctx.newPage();
    await loginAs(page, w.keys.oslo);
    await expect.poll(() => page.url()).toContain('/m/0301');
    await expect.poll(() => page.locator('[data-chart="chart-m-di"] .chart-canvas').getAttribute('data-points')).not.toBeNull();
    await page.screenshot({ path: path.join(SHOTS, 'municipality.png'), fullPage: true });
    await page.locator('#questions-link').click();
    await expect.poll(() => page.locator('#questions').textContent()).toContain(OSLO_TEXT);
    await page.screenshot({ path: path.join(SHOTS, 'unanswered-questions.png'), fullPage: true });
    await page.getByRole('link', { name: 'Varsler om ubesvarte spørsmål' }).click();
    await expect.poll(() => page.locator('#alerts').textContent()).toContain('Varslet');
    await page.screenshot({ path: path.join(SHOTS, 'alerts.png'), fullPage: true });
    await page.goto(`${base}/m/0301`);
    // Keyboard: the skip link is the first stop.
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').getAttribute('class')).toBe('skip');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).first().click()]);
    const file = await download.path();
    // The first download link is the CSV for Norwegian Excel: BOM, readable header line, then the ids.
    const csv = readFileSync(file, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')[1]).toMatch(/^scope;id;name;county;county_name;week/);
    expect(csv).toContain('municipality;0301;Oslo - Oslove;03;Oslo');
    await ctx.close();
  });
});
