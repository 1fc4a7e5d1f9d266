import { accessSync, constants } from 'node:fs';

import type { Browser, CDPSession, Page } from 'playwright-core';

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
const PDF_OPTIONS = {
  format: 'A4',
  printBackground: true,
  preferCSSPageSize: true,
  displayHeaderFooter: false,
  tagged: true,
  outline: true,
} as const;

/** Layout and fonts settle before capture: data: URL images decode asynchronously. */
const SETTLE =
  'document.fonts.ready.then(() => Promise.all([...document.images].map((i) => i.decode().catch(() => null)))).then(() => true)';

type Box = { x: number; y: number; width: number; height: number };
type PageGlobals = {
  document: {
    fonts: { ready: Promise<unknown> };
    images: ArrayLike<{ decode(): Promise<void> }>;
    querySelector(q: string): { getBoundingClientRect(): { left: number; top: number; width: number; height: number } } | null;
  };
  scrollX: number;
  scrollY: number;
};

/**
 * SETTLE, then the document-coordinate box of the first element matching each selector (or null), in one
 * round trip. Runs in the page (self-contained: playwright sends its source).
 */
const SETTLED_BOXES = async (selectors: readonly string[]): Promise<Array<Box | null>> => {
  const w = globalThis as unknown as PageGlobals;
  await w.document.fonts.ready;
  await Promise.all(Array.from(w.document.images, (i) => i.decode().catch(() => null)));
  return selectors.map((q) => {
    const r = w.document.querySelector(q)?.getBoundingClientRect();
    return r ? { x: r.left + w.scrollX, y: r.top + w.scrollY, width: r.width, height: r.height } : null;
  });
};

/**
 * The tab's screen: `width` CSS pixels wide, an A4-tall viewport, `scale` device pixels per CSS pixel. Set
 * through the lane's own CDP session, which captures the PNGs: Chromium applies a capture's device scale
 * from the emulation of the session that asks, so the session that captures must own the metrics (the
 * context has no playwright viewport, so only this session sets them). Same values playwright would send.
 */
const metrics = (width: number, scale: number) => ({
  mobile: false,
  width,
  height: VIEWPORT_HEIGHT,
  screenWidth: width,
  screenHeight: VIEWPORT_HEIGHT,
  deviceScaleFactor: scale,
  screenOrientation: { angle: 0, type: 'landscapePrimary' as const },
});
const VIEWPORT_HEIGHT = 1123;

const renderFailed = (message: string, cause?: unknown) =>
  new AppError('DELIVERY_FAILED', `report rendering failed: ${message}`, { retryable: true, cause, context: { renderer: 'chromium' } });

const asRenderError = (err: unknown): AppError =>
  err instanceof AppError ? err : renderFailed(err instanceof Error ? err.message : String(err), err);

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
  const scale = opts.scale ?? 2;
  // No playwright viewport: each lane's CDP session sets the tab's metrics (see `metrics`).
  const context = await browser.newContext({ viewport: null });
  context.setDefaultTimeout(timeoutMs);

  // Tabs are reused: opening one starts a renderer (~0.3 s), loading a document into a live one costs ~10 ms.
  // One tab per lane; calls queue for a free lane, so `lanes` pages render at once.
  type Lane = { page: Page; cdp: CDPSession; width: number | null };
  const laneCount = Math.max(1, opts.lanes ?? 2);
  let opened = 0;
  const free: Lane[] = [];
  const waiting: Array<(l: Lane) => void> = [];
  const acquire = async (): Promise<Lane> => {
    const l = free.pop();
    if (l) return l;
    if (opened < laneCount) {
      opened++;
      try {
        const page = await context.newPage();
        return { page, cdp: await context.newCDPSession(page), width: null };
      } catch (err) {
        opened--;
        throw asRenderError(err);
      }
    }
    return new Promise<Lane>((resolve) => waiting.push(resolve));
  };
  const release = (l: Lane) => {
    const w = waiting.shift();
    if (w) w(l);
    else free.push(l);
  };

  /** Loads `html` into a free tab `width` CSS pixels wide and runs fn (which waits for fonts and images). */
  const withPage = async <T>(html: string, width: number, fn: (lane: Lane) => Promise<T>): Promise<T> => {
    const lane = await acquire();
    try {
      // Only when it changes: the metrics stay with the tab, and every report asks for the same width.
      if (lane.width !== width) {
        lane.width = null;
        await lane.cdp.send('Emulation.setDeviceMetricsOverride', metrics(width, scale));
        lane.width = width;
      }
      await lane.page.setContent(html, { waitUntil: 'load' });
      return await fn(lane);
    } catch (err) {
      throw asRenderError(err);
    } finally {
      release(lane);
    }
  };

  /**
   * PNG of a document-coordinate box at the tab's device scale. Page.captureScreenshot directly: playwright's
   * page.screenshot() adds four page evaluations and a layout-metrics call to every shot (fonts, caret and
   * animation preparation, the full-page size) — the same capture command underneath, with the same bytes out.
   */
  const shoot = async (cdp: CDPSession, box: Box): Promise<Buffer> => {
    const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', clip: { ...box, scale: 1 }, captureBeyondViewport: true });
    return Buffer.from(data, 'base64');
  };

  return {
    htmlToPdf: (html) =>
      withPage(html, 794, async ({ page }) => {
        await page.evaluate(SETTLE);
        return page.pdf(PDF_OPTIONS);
      }),
    htmlToPdfAndPngs: (html, o) =>
      withPage(html, o.width, async ({ page, cdp }) => {
        const boxes = await page.evaluate(SETTLED_BOXES, o.selectors);
        const pngs: Buffer[] = [];
        // One at a time: each capture beyond the viewport resizes the tab for its duration, and captures
        // that overlap came out with different pixels.
        for (const [i, box] of boxes.entries()) {
          if (!box) throw renderFailed(`no element matches ${o.selectors[i]}`);
          if (!(box.width > 0 && box.height > 0)) throw renderFailed(`${o.selectors[i]} has an empty box (${box.width}×${box.height})`);
          pngs.push(await shoot(cdp, box));
        }
        return { pdf: await page.pdf(PDF_OPTIONS), pngs };
      }),
    async close() {
      await browser.close();
    },
  };
}
