import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { buildApp } from '../../../src/api/app.js';
import { CLASSIFIER_VERSION } from '../../../src/classifier/version.js';
import { fixedClock } from '../../../src/clock.js';
import { computeIndicators } from '../../../src/jobs/compute-indicators.js';
import { createApiKey } from '../../../src/store/api-keys.js';
import type { Db } from '../../../src/store/db.js';
import { importPopulation } from '../../../src/store/population.js';
import { insertAccount, insertItem } from '../../helpers/builders.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';
import { CHROMIUM, launchChromium } from '../../helpers/chromium.js';

/**
 * The sector pages of #23 part B in headless Chromium (as tests/integration/api/browser.test.ts): the post-type
 * page, the size-band page and the annual summary at 1280 and 390 px, with axe-core (from npm) and no request
 * leaving the server. Screenshots go to docs/screenshots/. The world: fourteen municipalities of three sizes
 * posting six kinds of posts for two weeks, indicators computed by the real engine.
 */
type Pw = typeof import('playwright-core');
const SHOTS = path.resolve(import.meta.dirname, '../../../docs/screenshots');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
type AxeResult = { passes: unknown[]; violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> };
const NOW = new Date('2026-11-25T12:00:00Z');

let pw: Pw | null = null;
try {
  pw = await import('playwright-core');
  readFileSync(CHROMIUM);
} catch (err) {
  pw = null;
  console.warn(`sector browser tests skipped: ${(err as Error).message.split('\n')[0]}`);
}

/** Comments per kind of post: [comments, of which questions, of which answered]. */
const PATTERN: Record<string, [number, number, number]> = {
  smalltalk: [4, 0, 0],
  service_info: [2, 1, 1],
  event: [1, 0, 0],
  crisis: [3, 2, 1],
  dialogue_invitation: [5, 1, 1],
  other: [0, 0, 0],
};

async function buildSectorWorld(db: Db): Promise<void> {
  await importPopulation(db);
  const codes = ['1111', '1112', '1114', '1133', '1134', '1135', '1145', '1122', '1130', '1146', '1160', '1119', '0301', '1103'];
  for (const [m, code] of codes.entries()) {
    const acct = await insertAccount(db, { municipality: code, platform: 'facebook', externalId: `fb-${code}` });
    await db.query(
      `insert into harvest_runs (account_id, stream, slot, status, started_at, finished_at, covered_from, covered_to) values ($1, 'all', 's', 'succeeded', $2, $2, '2026-11-01T00:00:00Z', $2)`,
      [Number(acct), NOW],
    );
    let n = 0;
    for (const [d, day] of ['2026-11-10', '2026-11-12', '2026-11-17', '2026-11-19'].entries()) {
      for (const [j, [k, [comments, questions, answered]]] of Object.entries(PATTERN).entries()) {
        if ((d + j + m) % 3 === 0 && k !== 'smalltalk') continue;
        const root = `${code}_${n++}`;
        const at = `${day}T09:00:00Z`;
        const pid = await insertItem(db, {
          accountId: acct,
          platform: 'facebook',
          externalId: root,
          role: 'owner',
          author: 'page',
          createdAt: at,
          text: k,
        });
        await db.query(`insert into classifications (item_id, classifier_version, post_kind, classified_at) values ($1, $2, $3, $4)`, [
          pid,
          CLASSIFIER_VERSION,
          k,
          NOW,
        ]);
        for (let c = 0; c < comments + (m % 2); c++) {
          const id = `${root}_c${c}`;
          const cat = new Date(Date.parse(at) + (c + 1) * 3_600_000);
          const cid = await insertItem(db, {
            accountId: acct,
            platform: 'facebook',
            externalId: id,
            parent: root,
            root,
            branch: id,
            author: `r${m}_${c}`,
            createdAt: cat,
          });
          await db.query(
            `insert into classifications (item_id, classifier_version, needs_answer, kind, classified_at) values ($1, $2, $3, 'other', $4)`,
            [cid, CLASSIFIER_VERSION, c < questions, NOW],
          );
          if (c < answered && (m + c) % 4 !== 0)
            await insertItem(db, {
              accountId: acct,
              platform: 'facebook',
              externalId: `${id}_a`,
              parent: id,
              root,
              branch: id,
              role: 'owner',
              author: 'page',
              createdAt: new Date(cat.getTime() + 2 * 3_600_000),
            });
        }
      }
    }
  }
  await computeIndicators(
    { weeks: ['2026-W46', '2026-W47'] },
    { db, log: silentLogger, clock: fixedClock(NOW), classifierVersion: CLASSIFIER_VERSION },
  );
}

describe.skipIf(!pw)('sector pages in a browser', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  let app: FastifyInstance;
  let base = '';
  let key = '';
  let browser: Awaited<ReturnType<Pw['chromium']['launch']>>;

  beforeAll(async () => {
    t = await useTestDb();
    await buildSectorWorld(t.db);
    key = (await createApiKey(t.db, { role: 'sector', municipality: null, name: 'ks' }, NOW)).key;
    app = buildApp({ db: t.db, log: silentLogger, clock: fixedClock(NOW), secret: 'sector-browser-secret-0123456789abcdef' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium(pw as Pw);
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.drop();
  });

  for (const width of [1280, 390] as const) {
    test(`post types, size bands and the annual summary at ${width} px: no axe violations, nothing from elsewhere`, async () => {
      const ctx = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 }, bypassCSP: true });
      const page = await ctx.newPage();
      const blocked: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(base)) blocked.push(r.url());
      });
      await page.goto(`${base}/login`);
      await page.getByLabel('API-nøkkel').fill(key);
      await page.getByRole('button', { name: 'Logg inn' }).click();
      await expect.poll(() => page.url()).toContain('/sector');
      const axe = async (name: string) => {
        await page.addScriptTag({ path: AXE });
        const r = (await page.evaluate(
          "axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
        )) as AxeResult;
        expect(r.passes.length, 'axe ran its checks').toBeGreaterThan(10);
        expect(r.violations.map((v) => `${name}: ${v.id} (${v.impact}) ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual([]);
      };
      const suffix = width === 390 ? '-390' : '';

      await page.goto(`${base}/sector/post-kinds?from=2026-W46&to=2026-W47`);
      expect(await page.locator('h1').textContent()).toBe('Hvilke innlegg åpner for dialog?');
      expect(await page.locator('ul.findings').textContent()).toContain('Småprat som «god helg» er nr. 2 av 6');
      await page.screenshot({ path: path.join(SHOTS, `post-kinds${suffix}.png`), fullPage: true });
      await axe('post-kinds');

      await page.goto(`${base}/sector/size-bands?from=2026-W46&to=2026-W47`);
      await expect.poll(() => page.locator('[data-chart="chart-bands"] .chart-canvas').getAttribute('data-points')).not.toBeNull();
      await page.screenshot({ path: path.join(SHOTS, `size-bands${suffix}.png`), fullPage: true });
      await axe('size-bands');

      await page.goto(`${base}/sector/annual?year=2026`);
      expect(await page.locator('h1').textContent()).toBe('Dialog i kommunesektoren 2026');
      await page.screenshot({ path: path.join(SHOTS, `annual-summary${suffix}.png`), fullPage: true });
      await axe('annual');
      expect(blocked).toEqual([]);
      await ctx.close();
    }, 120_000);
  }
});
