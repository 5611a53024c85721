/** HTML to PDF through the system Chromium (Debian /usr/bin/chromium, driven by playwright-core; fonts from fonts-noto-core). */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Flags keep the browser off the network and quiet: it only lays out the HTML it is handed.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Renders one self-contained HTML document to PDF; the document's CSS @page rules decide size and orientation. */
export async function htmlToPdf(html: string): Promise<Buffer> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install the Debian "chromium" and "fonts-noto-core" packages`);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
  try {
    const page = await browser.newPage();
    // A large run takes a while to lay out; the default 30 s is too short for ~1,200 forms.
    await page.setContent(html, { waitUntil: 'load', timeout: 600_000 });
    page.setDefaultTimeout(600_000);
    return await page.pdf({ preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}
