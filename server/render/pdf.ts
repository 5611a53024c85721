/** HTML to PDF through Chromium (chosen by chromium.ts): one document, or many printed side by side and joined with pdf-lib. */
import { launchChromium } from './chromium';

export type PdfOptions = {
  /** CHROMIUM_PATH: a browser path, `packaged`, or unset (Debian's chromium if installed, else the packaged one). */
  chromium?: string;
  /** Documents printed at once, each in its own browser context (so its own renderer process): one per core. */
  parallel?: number;
  /** Called as each document is printed, with its index. */
  onPiece?: (index: number) => void;
};

/** Renders one self-contained HTML document to PDF; the document's CSS @page rules decide size and orientation. */
export async function htmlToPdf(html: string, opts: PdfOptions = {}): Promise<Buffer> {
  return htmlPiecesToPdf([html], opts);
}

/**
 * Renders several self-contained HTML documents and joins their pages, in order, into one PDF. Chromium lays a
 * document out on one core, so a long run printed as one document leaves the second core idle and needs gigabytes
 * of renderer memory; pieces printed two at a time use both cores and far less memory.
 */
export async function htmlPiecesToPdf(pieces: string[], opts: PdfOptions = {}): Promise<Buffer> {
  const browser = await launchChromium(opts.chromium);
  try {
    const pdfs: Buffer[] = new Array(pieces.length);
    let next = 0;
    const worker = async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      // A piece can take a while on a busy machine; the default 30 s would fail a run that is merely slow.
      page.setDefaultTimeout(600_000);
      try {
        while (next < pieces.length) {
          const i = next++;
          await page.setContent(pieces[i], { waitUntil: 'load' });
          pdfs[i] = await page.pdf({ preferCSSPageSize: true, printBackground: true });
          opts.onPiece?.(i);
        }
      } finally {
        await context.close();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.parallel ?? 2, pieces.length)) }, worker));
    if (pdfs.length === 1) return pdfs[0];
    return await joinPdfs(pdfs);
  } finally {
    await browser.close();
  }
}

/** The pages of every PDF, in order, in one document. */
async function joinPdfs(pdfs: Buffer[]): Promise<Buffer> {
  const { PDFDocument } = await import('pdf-lib');
  const out = await PDFDocument.create();
  for (const bytes of pdfs) {
    const doc = await PDFDocument.load(bytes);
    for (const p of await out.copyPages(doc, doc.getPageIndices())) out.addPage(p);
  }
  // Plain objects, as Chromium writes them: readable by old PDF tools, and pages countable without inflating streams.
  return Buffer.from(await out.save({ useObjectStreams: false }));
}
