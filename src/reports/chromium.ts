import { accessSync, constants } from 'node:fs';

import type { Browser, Page } from 'playwright-core';

import { AppError } from '../errors.js';

/**
 * Headless Chromium as a renderer: HTML → A4 PDF (tagged, with a document outline) and PNGs of the charts in
 * it (for e-mail, where SVG does not display). Driven by playwright-core on the system's Chromium (no browser
 * download). One browser serves many pages: starting it costs ~0.5 s, a rendered page then tens of
 * milliseconds, which is what makes 357 reports a minute's work.
 */
export type Renderer = {
  /** A4 PDF of an HTML page; the page's own `@page` rules win. Tagged (accessible) with an outline. */
  htmlToPdf(html: string): Promise<Buffer>;
  /**
   * One page load for both: PNGs of the elements matching `selectors` (as laid out on a `width`-wide screen),
   * then the A4 PDF of the same document.
   */
  htmlToPdfAndPngs(html: string, opts: { selectors: readonly string[]; width: number }): Promise<{ pdf: Buffer; pngs: Buffer[] }>;
  close(): Promise<void>;
};

export type ChromiumOptions = {
  /** Browser binary. @default the first of /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome that exists */
  executable?: string;
  /** Per-call deadline in milliseconds. @default 30000 */
  timeoutMs?: number;
  /** Tabs rendering at once (one renderer process each). @default 2 */
  lanes?: number;
  /** Device pixels per CSS pixel of the PNGs. @default 2 */
  scale?: number;
};

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'] as const;

/** The browser binary to use, or an AppError that says how to get one. */
export function findChromium(explicit?: string): string {
  const candidates = explicit ? [explicit] : CHROMIUM_CANDIDATES;
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // try the next one
    }
  }
  throw new AppError(
    'CONFIG_INVALID',
    `cannot render reports: no Chromium found at ${candidates.join(', ')}; install it (Debian: apt-get install chromium) — reports need it for chart images and the PDF`,
    { context: { candidates: [...candidates] } },
  );
}

/** Offline and quiet beyond playwright's own defaults: no QUIC, no font hinting (stable glyph metrics). */
const EXTRA_FLAGS = ['--disable-quic', '--font-render-hinting=none', '--hide-scrollbars'];

/** A4, backgrounds printed, no browser header/footer, tagged for accessibility, outline from the headings. */
const PDF_OPTIONS = { format: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false, tagged: true, outline: true } as const;

/** Layout and fonts settle before capture: data: URL images decode asynchronously. */
const SETTLE = 'document.fonts.ready.then(() => Promise.all([...document.images].map((i) => i.decode().catch(() => null)))).then(() => true)';

type Box = { x: number; y: number; width: number; height: number };
type PageGlobals = { document: { querySelector(q: string): { getBoundingClientRect(): { left: number; top: number; width: number; height: number } } | null }; scrollX: number; scrollY: number };

/** The document-coordinate box of the first element matching each selector, or null. Runs in the page. */
const BOXES = (selectors: readonly string[]): Array<Box | null> => {
  const w = globalThis as unknown as PageGlobals;
  return selectors.map((q) => {
    const r = w.document.querySelector(q)?.getBoundingClientRect();
    return r ? { x: r.left + w.scrollX, y: r.top + w.scrollY, width: r.width, height: r.height } : null;
  });
};

const renderFailed = (message: string, cause?: unknown) =>
  new AppError('DELIVERY_FAILED', `report rendering failed: ${message}`, { retryable: true, cause, context: { renderer: 'chromium' } });

const asRenderError = (err: unknown): AppError => (err instanceof AppError ? err : renderFailed(err instanceof Error ? err.message : String(err), err));

/** Starts one headless Chromium and returns a renderer on it. Call close() when done. */
export async function startChromium(opts: ChromiumOptions = {}): Promise<Renderer> {
  const exe = findChromium(opts.executable);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let browser: Browser;
  try {
    // Loaded here, not at module load: the driver costs ~1 CPU-second to import, which CLI commands that never
    // render should not pay.
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: exe, headless: true, args: EXTRA_FLAGS, timeout: timeoutMs });
  } catch (err) {
    throw renderFailed(`cannot start ${exe}: ${(err as Error).message}`, err);
  }
  const context = await browser.newContext({ deviceScaleFactor: opts.scale ?? 2, viewport: { width: 794, height: 1123 } });
  context.setDefaultTimeout(timeoutMs);

  // Tabs are reused: opening one starts a renderer (~0.3 s), loading a document into a live one costs ~10 ms.
  // One tab per lane; calls queue for a free lane, so `lanes` pages render at once.
  const laneCount = Math.max(1, opts.lanes ?? 2);
  const pages: Page[] = [];
  const free: Page[] = [];
  const waiting: Array<(p: Page) => void> = [];
  const acquire = async (): Promise<Page> => {
    const p = free.pop();
    if (p) return p;
    if (pages.length < laneCount) {
      const page = await context.newPage();
      pages.push(page);
      return page;
    }
    return new Promise<Page>((resolve) => waiting.push(resolve));
  };
  const release = (p: Page) => {
    const w = waiting.shift();
    if (w) w(p);
    else free.push(p);
  };

  /** Loads `html` into a free tab `width` CSS pixels wide, waits for fonts and images, and runs fn. */
  const withPage = async <T>(html: string, width: number, fn: (page: Page) => Promise<T>): Promise<T> => {
    const page = await acquire();
    try {
      await page.setViewportSize({ width, height: 1123 });
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(SETTLE);
      return await fn(page);
    } catch (err) {
      throw asRenderError(err);
    } finally {
      release(page);
    }
  };

  return {
    htmlToPdf: (html) => withPage(html, 794, (page) => page.pdf(PDF_OPTIONS)),
    htmlToPdfAndPngs: (html, o) =>
      withPage(html, o.width, async (page) => {
        // Every box in one round trip, in document coordinates (the clip of a full-page screenshot).
        const boxes = await page.evaluate(BOXES, o.selectors);
        const pngs: Buffer[] = [];
        for (const [i, box] of boxes.entries()) {
          if (!box) throw renderFailed(`no element matches ${o.selectors[i]}`);
          pngs.push(await page.screenshot({ type: 'png', fullPage: true, clip: box, caret: 'initial' }));
        }
        return { pdf: await page.pdf(PDF_OPTIONS), pngs };
      }),
    async close() {
      await browser.close();
    },
  };
}
