import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

import { AppError } from '../errors.js';

/**
 * Headless Chromium as a renderer: SVG → PNG (charts for e-mail, where SVG does not display) and HTML → PDF
 * (A4, tagged, with a document outline). One browser process serves many pages: it is driven over the
 * DevTools protocol on a pipe (`--remote-debugging-pipe`: NUL-delimited JSON on fds 3 and 4), so no
 * WebSocket client, no open port and no npm browser driver are needed. Starting Chromium costs ~0.5 s;
 * a rendered page then costs tens of milliseconds, which is what makes 357 reports a minute's work.
 */
export type Renderer = {
  /** PNG of an SVG document `width` × `height` CSS pixels, rendered at `scale` device pixels per CSS pixel. */
  svgToPng(svg: string, size: { width: number; height: number; scale?: number }): Promise<Buffer>;
  /** PNGs of several SVG documents (one page load for all), in order; `scale` as above. @default scale 2 */
  svgsToPng(charts: ReadonlyArray<{ svg: string; width: number; height: number }>, scale?: number): Promise<Buffer[]>;
  /** PNG of an HTML page `width` CSS pixels wide, as tall as its content (capped at `maxHeight`). */
  htmlToPng(html: string, opts: { width: number; maxHeight?: number; scale?: number }): Promise<Buffer>;
  /** A4 PDF of an HTML page; the page's own `@page` rules win. Tagged (accessible) with an outline. */
  htmlToPdf(html: string): Promise<Buffer>;
  /**
   * One page load for both: PNGs of the elements matching `selectors` (as laid out on a `width`-wide screen,
   * at `scale` device pixels per CSS pixel), then the A4 PDF of the same document.
   */
  htmlToPdfAndPngs(html: string, opts: { selectors: readonly string[]; width: number; scale?: number }): Promise<{ pdf: Buffer; pngs: Buffer[] }>;
  close(): Promise<void>;
};

export type ChromiumOptions = {
  /** Browser binary. @default the first of /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome that exists */
  executable?: string;
  /** Per-call deadline in milliseconds. @default 30000 */
  timeoutMs?: number;
  /** Tabs rendering at once (one renderer process each). @default 2 */
  lanes?: number;
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

/** Flags for a quiet, isolated, offline browser (no first-run, sync, updates or QUIC). */
export function chromiumFlags(userDataDir: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--disable-extensions',
    '--disable-default-apps',
    '--mute-audio',
    '--hide-scrollbars',
    '--font-render-hinting=none',
    // Every tab renders as if in front: a background tab would wait for frames that never come.
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--disable-backgrounding-occluded-windows',
    `--user-data-dir=${userDataDir}`,
  ];
}

/** A4, backgrounds printed, no browser header/footer, tagged for accessibility, outline from the headings. */
const PDF_OPTIONS = {
  printBackground: true,
  preferCSSPageSize: true,
  paperWidth: 8.27,
  paperHeight: 11.69,
  displayHeaderFooter: false,
  generateTaggedPDF: true,
  generateDocumentOutline: true,
} as const;

type Pending = { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void; method: string };

const renderFailed = (message: string, cause?: unknown) =>
  new AppError('DELIVERY_FAILED', `report rendering failed: ${message}`, { retryable: true, cause, context: { renderer: 'chromium' } });

/** Starts one headless Chromium and returns a renderer on it. Call close() when done (it kills the process). */
export async function startChromium(opts: ChromiumOptions = {}): Promise<Renderer> {
  const exe = findChromium(opts.executable);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'lyttepost-chromium-'));
  let child: ChildProcess;
  try {
    child = spawn(exe, [...chromiumFlags(userDataDir), '--remote-debugging-pipe', 'about:blank'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    });
  } catch (err) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw renderFailed(`cannot start ${exe}`, err);
  }
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let stderrTail = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderrTail = (stderrTail + c.toString('utf8')).slice(-2000);
  });

  let nextId = 1;
  const pending = new Map<number, Pending>();
  let dead: Error | null = null;
  const failAll = (err: Error) => {
    dead = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  child.on('error', (err) => failAll(renderFailed(`chromium: ${err.message}`, err)));
  child.on('exit', (code, signal) => {
    if (!dead) failAll(renderFailed(`chromium exited (${signal ?? code}) ${stderrTail.trim().split('\n').slice(-2).join(' ')}`));
  });
  toBrowser.on('error', () => {});

  let buf: Buffer = Buffer.alloc(0);
  fromBrowser.on('data', (chunk: Buffer) => {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    let end: number;
    while ((end = buf.indexOf(0)) >= 0) {
      const msg = JSON.parse(buf.subarray(0, end).toString('utf8')) as {
        id?: number;
        result?: Record<string, unknown>;
        error?: { message: string };
      };
      buf = buf.subarray(end + 1);
      if (msg.id === undefined) continue; // events: not used
      const p = pending.get(msg.id);
      if (!p) continue;
      pending.delete(msg.id);
      if (msg.error) p.reject(renderFailed(`${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result ?? {});
    }
  });

  const send = <R = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<R> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(renderFailed(`${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        method,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as R);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  };

  try {
    await send('Browser.getVersion');
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }

  // Tabs are reused: creating one starts a renderer (~0.3 s), loading a document into a live one costs ~10 ms.
  // One tab per lane; calls queue for a free lane, so `lanes` pages render at once.
  type Lane = { sessionId: string; frameId: string; targetId: string };
  const lanes: Lane[] = [];
  const free: Lane[] = [];
  const waiting: Array<(l: Lane) => void> = [];
  const laneCount = Math.max(1, opts.lanes ?? 2);
  const openLane = async (): Promise<Lane> => {
    const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url: 'about:blank', newWindow: true });
    const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    await send('Page.enable', {}, sessionId);
    await send('Emulation.setFocusEmulationEnabled', { enabled: true }, sessionId);
    await send('Emulation.setDefaultBackgroundColorOverride', { color: { r: 255, g: 255, b: 255, a: 1 } }, sessionId);
    const { frameTree } = await send<{ frameTree: { frame: { id: string } } }>('Page.getFrameTree', {}, sessionId);
    const lane = { sessionId, frameId: frameTree.frame.id, targetId };
    lanes.push(lane);
    return lane;
  };
  const acquire = async (): Promise<Lane> => {
    const l = free.pop();
    if (l) return l;
    if (lanes.length < laneCount) return openLane();
    return new Promise<Lane>((resolve) => waiting.push(resolve));
  };
  const release = (l: Lane) => {
    const w = waiting.shift();
    if (w) w(l);
    else free.push(l);
  };

  /** Loads `html` into a free tab sized to `viewport`, waits for fonts and images, and runs fn. */
  const withPage = async <T>(html: string, viewport: { width: number; height: number; scale: number }, fn: (session: string) => Promise<T>): Promise<T> => {
    const lane = await acquire();
    try {
      const s = lane.sessionId;
      await send('Emulation.setDeviceMetricsOverride', { width: viewport.width, height: viewport.height, deviceScaleFactor: viewport.scale, mobile: false }, s);
      await send('Page.setDocumentContent', { frameId: lane.frameId, html }, s);
      // Layout and fonts settle before capture: data: URL images decode asynchronously.
      await send('Runtime.evaluate', { expression: 'document.fonts.ready.then(() => Promise.all([...document.images].map((i) => i.decode().catch(() => {})))).then(() => true)', awaitPromise: true }, s);
      return await fn(s);
    } finally {
      release(lane);
    }
  };

  const svgsToPng = async (charts: ReadonlyArray<{ svg: string; width: number; height: number }>, scale = 2): Promise<Buffer[]> => {
      // All charts of a report go into one document, stacked; each is captured by its clip. One document load
      // per report instead of one per chart.
      const width = Math.max(...charts.map((c) => c.width));
      let y = 0;
      const placed = charts.map((c) => {
        const at = { x: 0, y, width: c.width, height: c.height };
        y += c.height;
        return at;
      });
      const html = `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;background:#fff}svg{display:block}</style></head><body>${charts.map((c) => c.svg).join('')}</body></html>`;
      return withPage(html, { width, height: y, scale }, async (s) => {
        const out: Buffer[] = [];
        for (const clip of placed) {
          const { data } = await send<{ data: string }>('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true, clip: { ...clip, scale: 1 } }, s);
          out.push(Buffer.from(data, 'base64'));
        }
        return out;
      });
    };

  return {
    async svgToPng(svg, size) {
      const [png] = await svgsToPng([{ svg, ...size }], size.scale);
      return png as Buffer;
    },
    svgsToPng: (charts, scale) => svgsToPng(charts, scale),
    async htmlToPng(html, o) {
      const scale = o.scale ?? 1;
      return withPage(html, { width: o.width, height: 800, scale }, async (s) => {
        const { result } = await send<{ result: { value: number } }>('Runtime.evaluate', { expression: 'document.documentElement.scrollHeight', returnByValue: true }, s);
        const height = Math.min(o.maxHeight ?? 20_000, Math.ceil(result.value));
        const { data } = await send<{ data: string }>('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true, clip: { x: 0, y: 0, width: o.width, height, scale: 1 } }, s);
        return Buffer.from(data, 'base64');
      });
    },
    async htmlToPdfAndPngs(html, o) {
      return withPage(html, { width: o.width, height: 1123, scale: o.scale ?? 2 }, async (s) => {
        const { result } = await send<{ result: { value: Array<{ x: number; y: number; width: number; height: number } | null> } }>(
          'Runtime.evaluate',
          {
            expression: `(${JSON.stringify(o.selectors)}).map((q) => { const e = document.querySelector(q); if (!e) return null; const r = e.getBoundingClientRect(); return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height }; })`,
            returnByValue: true,
          },
          s,
        );
        const pngs: Buffer[] = [];
        for (const [i, clip] of result.value.entries()) {
          if (!clip) throw renderFailed(`no element matches ${o.selectors[i]}`);
          const { data } = await send<{ data: string }>('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true, captureBeyondViewport: true, clip: { ...clip, scale: 1 } }, s);
          pngs.push(Buffer.from(data, 'base64'));
        }
        const { data } = await send<{ data: string }>('Page.printToPDF', PDF_OPTIONS, s);
        return { pdf: Buffer.from(data, 'base64'), pngs };
      });
    },
    async htmlToPdf(html) {
      return withPage(html, { width: 794, height: 1123, scale: 1 }, async (s) => {
        const { data } = await send<{ data: string }>('Page.printToPDF', PDF_OPTIONS, s);
        return Buffer.from(data, 'base64');
      });
    },
    async close() {
      if (!dead) {
        await send('Browser.close').catch(() => {});
        dead = renderFailed('renderer closed');
      }
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const t = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 3000);
        child.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
