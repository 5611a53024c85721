/** Headless Chromium for the browser tests, from the app's one resolver: CHROMIUM_PATH (a path or `packaged`), else Debian's, else the packaged one. */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../server/views/print/chromium';

export function launchBrowser(): Promise<Browser> {
  return launchChromium(process.env.CHROMIUM_PATH);
}
