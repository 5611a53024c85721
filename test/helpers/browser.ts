/** Headless Chromium for the browser tests, from the app's one resolver: CHROMIUM_PATH (a path or `packaged`), else Debian's, else the packaged one. */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../server/render/chromium';

/** `extraArgs` add to the resolver's flags (e.g. a host-resolver rule for a test that needs a LAN name). */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return launchChromium(process.env.CHROMIUM_PATH, extraArgs);
}
