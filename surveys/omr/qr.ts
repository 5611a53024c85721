/** Finding a scanned page's QR code anywhere on the page at any rotation (jsqr, pure JavaScript) and reading which page it names: the first step of the reader, also used alone to learn which serials a scan holds. */
import jsQRModule from 'jsqr';
import { parseQrPayload } from './layout-map';
import type { GreyImage, PageProblem } from './reading';
import type { Point } from './register';

// jsqr is a UMD bundle: Node's ES module loader hands over module.exports, whose `default` is the function.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as typeof jsQRModule;

/** A QR code found: its text, version, and its symbol's corners (pixels of the image as given; the quiet zone not included). */
export type QrFound = { text: string; version: number; topLeft: Point; topRight: Point; bottomLeft: Point; bottomRight: Point };

/**
 * The least pixels per inch jsqr is first given. The smallest page QR is the 15 mm one beside a banded form's compact
 * heading (21 modules and a quiet zone of one each side read): at 95 dpi it has 2.4 px a module, which jsqr needs on a
 * real printed page (at 67 dpi, a 200 dpi scan shrunk by 3, it lost such pages among the page's text and crossed
 * boxes, its finder-pattern look-alikes). jsqr's time grows with the pixels, so the page is shrunk as far as this allows.
 */
export const QR_DPI = 95;

/** The integer factor a page is shrunk by for jsqr: its dpi guessed from its longer side being an A4 sheet's 297 mm, never brought under `least` (QR_DPI). */
export function qrShrink(width: number, height: number, least: number = QR_DPI): number {
  const dpi = (Math.max(width, height) / 297) * 25.4;
  return Math.max(1, Math.floor(dpi / least));
}

/** A part of the image (pixels), shrunk by an integer factor (mean of each k × k block) as RGBA, the form jsqr takes. */
function shrinkToRgba(
  img: GreyImage,
  k: number,
  part: { x: number; y: number; w: number; h: number },
): { rgba: Uint8ClampedArray; width: number; height: number } {
  const width = Math.floor(part.w / k);
  const height = Math.floor(part.h / k);
  const rgba = new Uint8ClampedArray(width * height * 4);
  const kk = k * k;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let j = 0; j < k; j++) {
        const row = (part.y + y * k + j) * img.width + part.x + x * k;
        for (let i = 0; i < k; i++) s += img.data[row + i];
      }
      const v = s / kk;
      const o = (y * width + x) * 4;
      rgba[o] = v;
      rgba[o + 1] = v;
      rgba[o + 2] = v;
      rgba[o + 3] = 255;
    }
  }
  return { rgba, width, height };
}

/**
 * Where the print run puts a page's QR code: within CORNER of a sheet's width and height from one of its corners (15 mm
 * beside a banded form's heading, top right; 19 mm at the foot, bottom left), so in one corner of the image however
 * the sheet lay on the scanner. CORNER_DPI: a corner is read at about 150 dpi (the QR codes of blurred black-and-white
 * scans, lost at 95 dpi, read there).
 */
const CORNER = 0.3;
const CORNER_DPI = 150;

/**
 * The page's QR code, or null. First each corner of the image (CORNER) at about CORNER_DPI: small, so quick, and free of
 * the crossed tick boxes that mislead jsqr (it keeps only the likeliest finder patterns); then the corners unshrunk (a
 * tester's black-and-white 300 dpi CT-01 page, tilted 2.5° and blurred, read only there). Then the whole page shrunk to
 * QR_DPI or a little more (qrShrink), each quarter of it (overlapping, so a code on a dividing line is whole in one),
 * the same one step coarser, and the whole page at twice the resolution: a code printed elsewhere (a form of another
 * print) or a page shrunk oddly. A page without a QR code pays every try.
 */
export function findQr(img: GreyImage): QrFound | null {
  // Smaller than a business card at 75 dpi: no page of ours (jsqr wants a few modules' worth of pixels).
  if (img.width < 64 || img.height < 64) return null;
  const first = qrShrink(img.width, img.height);
  const whole = { x: 0, y: 0, w: img.width, h: img.height };
  const [qw, qh] = [Math.floor(img.width * 0.6), Math.floor(img.height * 0.6)];
  const quarters = [0, 1].flatMap((j) => [0, 1].map((i) => ({ x: i * (img.width - qw), y: j * (img.height - qh), w: qw, h: qh })));
  // Coarser by one step next: averaging more pixels a block smooths a noisy scan's speckle (a 150 dpi colour scan
  // with noise read at 75 dpi, not at 150).
  const [cw, ch] = [Math.floor(img.width * CORNER), Math.floor(img.height * CORNER)];
  const corners = [0, 1].flatMap((j) => [0, 1].map((i) => ({ x: i * (img.width - cw), y: j * (img.height - ch), w: cw, h: ch })));
  const near = qrShrink(img.width, img.height, CORNER_DPI);
  const tries = [
    ...corners.map((part) => ({ k: near, part })),
    // A blurred black-and-white scan can lose its modules' edges to the averaging: the corners unshrunk.
    ...(near > 1 ? corners.map((part) => ({ k: 1, part })) : []),
    ...[first, first + 1].flatMap((k) => [{ k, part: whole }, ...quarters.map((part) => ({ k, part }))]),
  ];
  if (first > 1) tries.push({ k: Math.round(first / 2), part: whole });
  for (const { k, part } of tries) {
    const { rgba, width, height } = shrinkToRgba(img, k, part);
    const found = jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
    if (!found || found.data === '') continue;
    const at = (p: { x: number; y: number }): Point => ({ x: part.x + p.x * k, y: part.y + p.y * k });
    const l = found.location;
    return {
      text: found.data,
      version: found.version,
      topLeft: at(l.topLeftCorner),
      topRight: at(l.topRightCorner),
      bottomLeft: at(l.bottomLeftCorner),
      bottomRight: at(l.bottomRightCorner),
    };
  }
  return null;
}

/** A page identified by its QR code, or why not. */
export type Identified =
  | { ok: true; serial: string; page: number | null; pages: number | null; campaign: string | null; qr: QrFound }
  | { ok: false; problem: PageProblem };

/**
 * Which page a scan is, from its QR code alone (the costliest step of reading a page: an import that identifies its
 * pages first hands the result to `readIdentified` rather than finding the QR code twice). `page` is null for a QR code from forms printed before issue 15 (the
 * serial alone); whether such a page can be placed depends on the form having one page (readPage).
 */
export function identifyPage(img: GreyImage): Identified {
  const qr = findQr(img);
  if (!qr) return { ok: false, problem: { kind: 'qr-not-found' } };
  const id = parseQrPayload(qr.text);
  if (!id) return { ok: false, problem: { kind: 'qr-not-ours', text: qr.text } };
  return { ok: true, ...id, qr };
}
