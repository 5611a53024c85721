/** Scanned files to grey page images, one at a time: PDF through pdfjs at 200 dpi, PNG, JPEG and TIFF (every page of a multi-page TIFF) through sharp. */
import sharp from 'sharp';
import type { GreyImage } from '../../surveys/omr/reading';
import { pdfPagesToGrey } from '../render/pdf-raster';

/** PDF pages are drawn at this resolution: enough for 3.5 mm boxes (28 px), small enough to read two pages a second. */
export const PDF_DPI = 200;

export type ScanFileKind = 'pdf' | 'png' | 'jpeg' | 'tiff';

/** What a file is, from its first bytes (never from its name): null for anything the scan import does not take. */
export function scanFileKind(bytes: Uint8Array): ScanFileKind | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf'; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  return null;
}

/** One page of an image file as grey pixels: alpha over white, turned as its EXIF orientation says, one byte a pixel. */
async function imagePage(bytes: Uint8Array, page: number): Promise<GreyImage> {
  const { data, info } = await sharp(bytes, { page, limitInputPixels: 20_000 * 20_000 })
    .autoOrient()
    .flatten({ background: '#ffffff' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels === 1) return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  // sharp keeps extra channels in a few layouts (a grey TIFF with alpha): the first is the luminance.
  const grey = new Uint8Array(info.width * info.height);
  for (let i = 0; i < grey.length; i++) grey[i] = data[i * info.channels];
  return { width: info.width, height: info.height, data: grey };
}

/** How a PDF's pages become pixels at PDF_DPI, in order: on this thread by default; the server draws them on a worker. */
export type PdfPages = (bytes: Uint8Array) => AsyncIterable<GreyImage>;

const inThreadPdfPages: PdfPages = (bytes) => pdfPagesToGrey(bytes, PDF_DPI);

/**
 * Every page of a scanned file, in file order. Throws when the file is not one the import takes (check scanFileKind
 * first to refuse it in words) or cannot be decoded. Images go through sharp, whose work runs off the event loop.
 */
export async function* decodeScanFile(bytes: Uint8Array, pdfPages: PdfPages = inThreadPdfPages): AsyncGenerator<GreyImage> {
  const kind = scanFileKind(bytes);
  if (kind === null) throw new Error('not a PDF, PNG, JPEG or TIFF file');
  if (kind === 'pdf') {
    yield* pdfPages(bytes);
    return;
  }
  const pages = kind === 'tiff' ? ((await sharp(bytes).metadata()).pages ?? 1) : 1;
  for (let page = 0; page < pages; page++) yield await imagePage(bytes, page);
}
