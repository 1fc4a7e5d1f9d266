import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { useTestDb } from '../../helpers/test-db.js';
import { buildWorld, type World } from './fixture.js';
import { CHROMIUM, launchChromium } from '../../helpers/chromium.js';

/**
 * The sector page's county table in headless Chromium (issue #23): measured municipalities beside the register
 * count, hidden figures and their footnotes on screen, no sideways scrolling at phone width, no axe-core
 * violations. Screenshots: docs/screenshots/sector-counties-{1280,390}.png. Skips without chromium.
 */
type Pw = typeof import('playwright-core');
const SHOTS = path.resolve(import.meta.dirname, '../../../docs/screenshots');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
type AxeResult = { passes: unknown[]; violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> };

let pw: Pw | null = null;
try {
  pw = await import('playwright-core');
  readFileSync(CHROMIUM);
} catch (err) {
  pw = null;
  console.warn(`browser tests skipped: ${(err as Error).message.split('\n')[0]} (needs playwright-core and ${CHROMIUM})`);
}

describe.skipIf(!pw)('sector page county table in a browser', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  let w: World;
  let base = '';
  let browser: Awaited<ReturnType<Pw['chromium']['launch']>>;

  beforeAll(async () => {
    t = await useTestDb();
    w = await buildWorld(t.db);
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

  for (const width of [1280, 390] as const) {
    test(`sector key at ${width} px: the county table with its footnotes, no axe violations`, async () => {
      // bypassCSP only lets the test inject axe-core; the page itself loads nothing from elsewhere.
      const ctx = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 }, bypassCSP: true });
      const page = await ctx.newPage();
      await page.goto(`${base}/login`);
      await page.getByLabel('API-nøkkel').fill(w.keys.sector);
      await page.getByRole('button', { name: 'Logg inn' }).click();
      await page.goto(`${base}/sector?from=2026-W40&to=2026-W47`);
      await expect.poll(() => page.locator('[data-chart="chart-di"] .chart-canvas').getAttribute('data-points')).toBe('16');
      const table = page.locator('#county-table');
      await expect.poll(() => table.locator('thead').textContent()).toContain('Målte kommuner');
      const oslo = (await table.locator('tbody tr', { hasText: 'Oslo' }).first().locator('td').allTextContents()).map((s) => s.trim());
      expect(oslo.slice(0, 4)).toEqual(['1', '1', 'skjult', 'for få kommuner']);
      expect(await page.locator('#counties-notes').textContent()).toContain('færre enn 5');
      await table.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `sector-counties-${width}.png`), fullPage: true });
      await page.addScriptTag({ path: AXE });
      const r = (await page.evaluate(
        "axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
      )) as AxeResult;
      expect(r.passes.length, 'axe ran its checks').toBeGreaterThan(10);
      expect(r.violations.map((v) => `${v.id} (${v.impact}) ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual([]);
      expect(await page.evaluate('document.documentElement.scrollWidth'), 'the page scrolls sideways').toBeLessThanOrEqual(width);
      await ctx.close();
    }, 60_000);
  }
});
