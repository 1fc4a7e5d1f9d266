import type { Browser } from 'playwright-core';

/** Debian's Chromium, or the one CHROMIUM_PATH names. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium for the browser tests, launched by the given playwright-core module (each test file loads
 * it itself and skips when it is missing): no sandbox, GPU, background networking, updates, sync or QUIC, so
 * nothing leaves the machine and the pages render the same on every run.
 */
export function launchChromium(pw: typeof import('playwright-core')): Promise<Browser> {
  return pw.chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
