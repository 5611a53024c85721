/** Headless Chromium for the browser tests, from the app's one resolver: CHROMIUM_PATH (a path or `packaged`), else Debian's, else the packaged one. */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from '../../server/render/chromium';

/** `extraArgs` add to the resolver's flags (e.g. a host-resolver rule for a test that needs a LAN name). */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return launchChromium(process.env.CHROMIUM_PATH, extraArgs);
}

/** A new 360 × 740 phone page (more context options may be added, e.g. acceptDownloads) logged in as `name` at `baseUrl`. */
export async function loginOnPhone(browser: Browser, baseUrl: string, name: string, password: string, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, ...options })).newPage();
  await page.goto(`${baseUrl}/login`);
  await page.fill('#name', name);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
  return page;
}
