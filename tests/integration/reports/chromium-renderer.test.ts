import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { AppError } from '../../../src/errors.js';
import { findChromium, startChromium, type Renderer } from '../../../src/reports/chromium.js';

/** Width and height in pixels from a PNG's IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

let missing: string | null = null;
try {
  findChromium();
} catch (err) {
  missing = (err as Error).message;
}

// Boxes of known CSS size; #half follows the layout width (half of it), so it shows which width was laid out.
const HTML = `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0}div{background:#c33}
#fixed{width:300px;height:120px}#half{width:50vw;height:40px}</style></head>
<body><div id="fixed"></div><p>text</p><div id="half"></div><div style="height:3000px"></div><div id="far" style="width:100px;height:10px"></div></body></html>`;

describe.skipIf(missing !== null)('Chromium renderer: chart PNGs', () => {
  let renderer: Renderer;
  beforeAll(async () => {
    renderer = await startChromium({ lanes: 1 });
  });
  afterAll(async () => {
    await renderer?.close();
  });

  test("a PNG is its element's box × the device scale (2), laid out at the width asked for, also below the viewport", async () => {
    const sels = ['#fixed', '#half', '#far'];
    const at720 = await renderer.htmlToPdfAndPngs(HTML, { selectors: sels, width: 720 });
    expect(at720.pngs.map(pngSize)).toEqual([
      { width: 600, height: 240 },
      { width: 720, height: 80 },
      { width: 200, height: 20 },
    ]);
    expect(at720.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The same tab at another width, then back: each call gets the width it asks for.
    const at400 = await renderer.htmlToPdfAndPngs(HTML, { selectors: ['#half'], width: 400 });
    expect(at400.pngs.map(pngSize)).toEqual([{ width: 400, height: 80 }]);
    await renderer.htmlToPdf(HTML);
    const again = await renderer.htmlToPdfAndPngs(HTML, { selectors: ['#half'], width: 720 });
    expect(again.pngs.map(pngSize)).toEqual([{ width: 720, height: 80 }]);
  });

  test('a selector without an element is a retryable render failure, and the tab renders the next report', async () => {
    const err = await renderer.htmlToPdfAndPngs(HTML, { selectors: ['#fixed', '#nowhere'], width: 720 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'DELIVERY_FAILED', retryable: true, message: expect.stringContaining('#nowhere') });
    const ok = await renderer.htmlToPdfAndPngs(HTML, { selectors: ['#fixed'], width: 720 });
    expect(ok.pngs.map(pngSize)).toEqual([{ width: 600, height: 240 }]);
  });
});
