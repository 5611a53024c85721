/** SVG charts to PNG pictures at print resolution through Chromium, with the Noto fonts embedded so Vietnamese labels keep every diacritic (Word and LibreOffice each draw SVG text in fonts of their own). */
import { launchChromium } from './chromium';
import { embeddedFontsCss } from './fonts';

/** A chart as SVG markup and the size in millimetres it takes on the page. */
export type ChartPicture = { svg: string; width: number; height: number };

export type ChartPngOptions = {
  /** CHROMIUM_PATH: a browser path, `packaged`, or unset (as chromium.ts decides). */
  chromium?: string;
  /** Pixels per inch of the picture; 300 is what a printer needs for sharp 12 px labels. */
  dpi?: number;
};

/**
 * Millimetres as whole CSS pixels (96 to the inch). The picture is drawn in a box of whole pixels and the document
 * frames it in the same whole pixels, so picture and frame have the same proportions.
 */
export function cssPx(mm: number): number {
  return Math.round((mm * 96) / 25.4);
}

/**
 * Each chart as a PNG exactly `width` × `height` mm at `dpi`: the SVG is stretched to fill a box of that size (its
 * viewBox keeps its proportions, centred), so the picture fits the space the document gives it. One browser and one
 * page serve every chart of a document; none is launched when there are no charts.
 */
export async function chartPngs(charts: ChartPicture[], opts: ChartPngOptions = {}): Promise<Buffer[]> {
  if (charts.length === 0) return [];
  const browser = await launchChromium(opts.chromium);
  try {
    const context = await browser.newContext({ deviceScaleFactor: (opts.dpi ?? 300) / 96 });
    const page = await context.newPage();
    // A document with many charts on a busy machine can be slow; being slow is not an error here.
    page.setDefaultTimeout(600_000);
    const boxes = charts.map((c, i) => `<div class="chart" id="c${i}" style="width:${cssPx(c.width)}px;height:${cssPx(c.height)}px">${c.svg}</div>`).join('');
    // The charts' own width="100%" and max-width are overridden so that each SVG fills its box.
    await page.setContent(
      `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>${embeddedFontsCss()}
html,body{margin:0;padding:0;background:#fff}
.chart{overflow:hidden;background:#fff}
.chart>svg{display:block;width:100%!important;height:100%!important;max-width:none!important}
</style></head><body>${boxes}</body></html>`,
      { waitUntil: 'load' },
    );
    // A label drawn before its face has loaded would be drawn in a fallback font, or not at all (font-display: block).
    await page.evaluate('document.fonts.ready.then(() => true)');
    const pngs: Buffer[] = [];
    for (let i = 0; i < charts.length; i++) pngs.push(await page.locator(`#c${i}`).screenshot({ type: 'png' }));
    await context.close();
    return pngs;
  } finally {
    await browser.close();
  }
}
