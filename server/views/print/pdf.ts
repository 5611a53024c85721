/** HTML to PDF through the system Chromium (Debian /usr/bin/chromium, driven by playwright-core; fonts from fonts-noto-core). */
import { existsSync } from 'node:fs';

// Flags keep the browser off this machine's closed network and quiet: it only lays out the HTML it is handed.
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Renders one self-contained HTML document to PDF; the document's CSS @page rules decide size and orientation. */
export async function htmlToPdf(html: string, chromiumPath: string): Promise<Buffer> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: install the Debian "chromium" and "fonts-noto-core" packages`);
  // Loaded here, not at module load: playwright-core is a dev dependency, and the server must start without it.
  const { chromium } = await import('playwright-core').catch((err: unknown) => {
    throw new Error('PDF output needs the playwright-core package (npm install playwright-core)', { cause: err });
  });
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
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
