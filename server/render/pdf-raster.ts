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

type PdfDoc = Awaited<ReturnType<typeof import('pdfjs-dist/legacy/build/pdf.mjs')['getDocument']>['promise']>;

/** Opens a PDF on its own copy of the bytes (pdfjs may detach what it is given; shared memory stays untouched). */
async function openPdf(pdf: Uint8Array): Promise<PdfDoc> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // verbosity 0 (errors only): a damaged file is refused by name (server/scan/import-scans.ts), not with pdfjs's warnings on stderr.
  return pdfjs.getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: STANDARD_FONTS, cMapUrl: CMAPS, cMapPacked: true, verbosity: 0 }).promise;
}

/** Opens a PDF for `use` and closes it after. */
async function withPdf<T>(pdf: Uint8Array, use: (doc: PdfDoc) => Promise<T>): Promise<T> {
  const doc = await openPdf(pdf);
  try {
    return await use(doc);
  } finally {
    await doc.destroy();
  }
}

async function renderPage(doc: PdfDoc, n: number, dpi: number): Promise<GreyImage> {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const canvasFactory = doc.canvasFactory as { create(w: number, h: number): { canvas: unknown; context: CanvasRenderingContext2D } };
  const { canvas, context } = canvasFactory.create(width, height);
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  await page.render({ canvas: canvas as HTMLCanvasElement, canvasContext: context, viewport }).promise;
  const grey = rgbaToGrey(context.getImageData(0, 0, width, height).data, width, height);
  page.cleanup();
  return grey;
}

/** How many pages a PDF has. Throws on a file that is not a PDF. */
export function pdfPageCount(pdf: Uint8Array): Promise<number> {
  return withPdf(pdf, async (doc) => doc.numPages);
}

/** Page `n` (1-based) of a PDF as a grey image at `dpi` pixels per inch: one page of a scan read on a worker thread. */
export function pdfPageToGrey(pdf: Uint8Array, n: number, dpi: number): Promise<GreyImage> {
  return withPdf(pdf, (doc) => renderPage(doc, n, dpi));
}

/**
 * Every page of a PDF as a grey image at `dpi` pixels per inch (an A4 page at 200 dpi: 1654 × 2339), in order, one at
 * a time so a 200-page scan never sits in memory whole. Throws on a file that is not a PDF.
 */
export async function* pdfPagesToGrey(pdf: Uint8Array, dpi: number): AsyncGenerator<GreyImage> {
  const doc = await openPdf(pdf);
  try {
    for (let n = 1; n <= doc.numPages; n++) yield await renderPage(doc, n, dpi);
  } finally {
    await doc.destroy();
  }
}
