/** PDF pages to grey pixels through pdfjs-dist and @napi-rs/canvas (no browser): scanned returns for the reader, printed forms for the layout check and the synthetic scans. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { GreyImage } from '../../surveys/omr/reading';

const require = createRequire(import.meta.url);
// The standard fonts (for PDFs that do not embed theirs) and CMaps ship inside pdfjs-dist: read from disk, never fetched.
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));
// In Node pdfjs reads these with fs from a plain path (a file: URL fails to load).
const STANDARD_FONTS = join(pdfjsRoot, 'standard_fonts') + '/';
const CMAPS = join(pdfjsRoot, 'cmaps') + '/';

/** Luminance of RGBA pixels (ITU-R BT.601 weights, integer), one byte a pixel, alpha composed over white. */
export function rgbaToGrey(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): GreyImage {
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; j < data.length; i += 4, j++) {
    const a = rgba[i + 3];
    const y = (299 * rgba[i] + 587 * rgba[i + 1] + 114 * rgba[i + 2]) / 1000;
    data[j] = Math.round((y * a + 255 * (255 - a)) / 255);
  }
  return { width, height, data };
}

/** How many pages a PDF has. Throws on a file that is not a PDF. */
export async function pdfPageCount(pdf: Uint8Array): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: STANDARD_FONTS, cMapUrl: CMAPS, cMapPacked: true }).promise;
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

/**
 * Every page of a PDF as a grey image at `dpi` pixels per inch (an A4 page at 200 dpi: 1654 × 2339), in order, one at
 * a time so a 200-page scan never sits in memory whole. Throws on a file that is not a PDF.
 */
export async function* pdfPagesToGrey(pdf: Uint8Array, dpi: number): AsyncGenerator<GreyImage> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: STANDARD_FONTS, cMapUrl: CMAPS, cMapPacked: true }).promise;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: dpi / 72 });
      const width = Math.ceil(viewport.width);
      const height = Math.ceil(viewport.height);
      const canvasFactory = doc.canvasFactory as { create(w: number, h: number): { canvas: unknown; context: CanvasRenderingContext2D } };
      const { canvas, context } = canvasFactory.create(width, height);
      context.fillStyle = '#fff';
      context.fillRect(0, 0, width, height);
      await page.render({ canvas: canvas as HTMLCanvasElement, canvasContext: context, viewport }).promise;
      yield rgbaToGrey(context.getImageData(0, 0, width, height).data, width, height);
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
}
