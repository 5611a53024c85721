/** Scanned files to grey pages: PNG, JPEG, multi-page TIFF (sharp) and PDF (pdfjs at 200 dpi), made here with sharp and pdf-lib; the stored page PNG is lossless and named by its hash; the crop of a sheet rectangle comes out upright however the page lay. */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cropSheetRect } from '../../surveys/omr/crop';
import type { GreyImage } from '../../surveys/omr/reading';
import { decodeScanFile, PDF_DPI, scanFileKind } from '../../server/scan/decode';
import { loadPageImage, storePageImage } from '../../server/scan/images';

/** A white W × H grey image with a black 4 × 4 square whose top-left pixel is (x, y). */
function withSquare(w: number, h: number, x: number, y: number): Buffer {
  const px = Buffer.alloc(w * h, 255);
  for (let j = y; j < y + 4; j++) for (let i = x; i < x + 4; i++) px[j * w + i] = 0;
  return px;
}
const raw = (w: number, h: number, channels: 1 | 3 = 1) => ({ raw: { width: w, height: h, channels } });

async function pages(bytes: Uint8Array): Promise<GreyImage[]> {
  const out: GreyImage[] = [];
  for await (const p of decodeScanFile(bytes)) out.push(p);
  return out;
}
const darkAt = (img: GreyImage, x: number, y: number) => img.data[y * img.width + x] < 128;

describe('decodeScanFile', () => {
  it('PNG: one grey page, pixels where they were', async () => {
    const png = await sharp(withSquare(60, 40, 10, 20), raw(60, 40))
      .png()
      .toBuffer();
    expect(scanFileKind(png)).toBe('png');
    const [p, ...more] = await pages(png);
    expect(more).toEqual([]);
    expect([p.width, p.height, darkAt(p, 11, 21), darkAt(p, 30, 10)]).toEqual([60, 40, true, false]);
  });

  it('JPEG in colour: one grey page (the square survives compression)', async () => {
    const rgbPixels = Buffer.alloc(60 * 40 * 3, 255);
    for (let j = 20; j < 28; j++) for (let i = 10; i < 18; i++) rgbPixels.fill(0, (j * 60 + i) * 3, (j * 60 + i) * 3 + 3);
    const jpeg = await sharp(rgbPixels, raw(60, 40, 3))
      .jpeg({ quality: 80 })
      .toBuffer();
    expect(scanFileKind(jpeg)).toBe('jpeg');
    const [p] = await pages(jpeg);
    expect([p.width, p.height, darkAt(p, 13, 23), darkAt(p, 40, 5)]).toEqual([60, 40, true, false]);
  });

  it('TIFF with three pages: three pages in order, each its own square', async () => {
    const w = 40;
    const h = 30;
    const roll = Buffer.concat([0, 1, 2].map((n) => withSquare(w, h, 5 + 10 * n, 5)));
    const tiff = await sharp(roll, { raw: { width: w, height: h * 3, channels: 1, pageHeight: h } })
      .tiff()
      .toBuffer();
    expect(scanFileKind(tiff)).toBe('tiff');
    const got = await pages(tiff);
    expect(got.map((p) => [p.width, p.height, darkAt(p, 6, 6), darkAt(p, 16, 6), darkAt(p, 26, 6)])).toEqual([
      [40, 30, true, false, false],
      [40, 30, false, true, false],
      [40, 30, false, false, true],
    ]);
  });

  it('black-and-white TIFF (1 bit, CCITT G4, as office scanners write it): grey 0 and 255', async () => {
    const tiff = await sharp(withSquare(64, 40, 8, 8), raw(64, 40))
      .toColourspace('b-w')
      .tiff({ bitdepth: 1, compression: 'ccittfax4' })
      .toBuffer();
    expect((await sharp(tiff).metadata()).bitsPerSample).toBe(1);
    const [p] = await pages(tiff);
    expect([p.width, p.height, p.data[9 * 64 + 9], p.data[30 * 64 + 40]]).toEqual([64, 40, 0, 255]);
  });

  it(`PDF with two A4 pages: drawn at ${PDF_DPI} dpi (1654 × 2339), a 10 mm black square where it was drawn`, async () => {
    const doc = await PDFDocument.create();
    const mm = 72 / 25.4;
    for (const x of [20, 100]) {
      const page = doc.addPage([210 * mm, 297 * mm]);
      // pdf-lib's origin is the bottom-left corner: a square 30 mm from the top is at y = 297 − 30 − 10.
      page.drawRectangle({ x: x * mm, y: (297 - 40) * mm, width: 10 * mm, height: 10 * mm, color: rgb(0, 0, 0) });
    }
    const pdf = await doc.save();
    expect(scanFileKind(pdf)).toBe('pdf');
    const got = await pages(pdf);
    const px = (v: number) => Math.round((v * PDF_DPI) / 25.4);
    expect(got.map((p) => [p.width, p.height, darkAt(p, px(25), px(35)), darkAt(p, px(105), px(35))])).toEqual([
      [1654, 2339, true, false],
      [1654, 2339, false, true],
    ]);
  }, 60_000);

  it('anything else is not a scan (decided from the bytes, not the name)', async () => {
    expect(scanFileKind(Buffer.from('serial,unit,question,answer\n'))).toBeNull();
    expect(scanFileKind(new Uint8Array())).toBeNull();
    await expect(pages(Buffer.from('GIF89a'))).rejects.toThrow(/not a PDF, PNG, JPEG or TIFF/);
  });
});

describe('page images on disk', () => {
  it('are stored once per content, named by the SHA-256 of the PNG, and read back exactly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scans-'));
    const data = new Uint8Array(withSquare(30, 20, 3, 4));
    data[7] = 77; // a grey pixel: lossless means this exact value comes back
    const image = { width: 30, height: 20, data };
    const hash = await storePageImage(dir, image);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await storePageImage(dir, image)).toBe(hash);
    expect(readdirSync(dir)).toEqual([`${hash}.png`]);
    const back = await loadPageImage(dir, hash);
    expect([back.width, back.height, Buffer.from(back.data).equals(Buffer.from(data))]).toEqual([30, 20, true]);
  });
});

describe('cropSheetRect', () => {
  // A 40 × 30 mm sheet scanned at 4 px/mm, with a 2 × 2 mm black square at (10, 6) mm: a crop of the rectangle
  // (8, 4, 6, 6) mm at 4 px/mm without padding is 24 × 24 px with the square at pixels 8–15 both ways, whichever way the
  // page lay, because the transform says how it lay.
  const S = 4;
  const sheet = (x: number, y: number) => (x >= 10 && x < 12 && y >= 6 && y < 8 ? 0 : 255);
  /** Scans the sheet through a mm→px transform: each pixel takes the sheet point it shows (the inverse map). */
  function scan(t: [number, number, number, number, number, number], w: number, h: number): GreyImage {
    const [a, b, c, d, e, f] = t;
    const det = a * d - b * c;
    const data = new Uint8Array(w * h);
    for (let py = 0; py < h; py++)
      for (let px = 0; px < w; px++) {
        const X = px + 0.5 - e;
        const Y = py + 0.5 - f;
        data[py * w + px] = sheet((d * X - c * Y) / det, (-b * X + a * Y) / det);
      }
    return { width: w, height: h, data };
  }
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const cases: [string, [number, number, number, number, number, number], number, number][] = [
    ['upright', [S, 0, 0, S, 0, 0], 160, 120],
    // Turned a quarter clockwise: the sheet's top edge runs down the image's right side: px = (30 − y)·S, py = x·S.
    ['a quarter turn clockwise', [0, S, -S, 0, 30 * S, 0], 120, 160],
    ['upside down', [-S, 0, 0, -S, 40 * S, 30 * S], 160, 120],
    ['skewed 3° with a margin', [S * Math.cos(rad(3)), S * Math.sin(rad(3)), -S * Math.sin(rad(3)), S * Math.cos(rad(3)), 20, 10], 200, 160],
  ];
  it.each(cases)('%s', (_name, t, w, h) => {
    const crop = cropSheetRect(scan(t, w, h), t, { x: 8, y: 4, w: 6, h: 6 }, { pxPerMm: 4, padMm: 0 });
    expect([crop.width, crop.height]).toEqual([24, 24]);
    const dark = (u: number, v: number) => crop.data[v * 24 + u] < 128;
    expect([dark(9, 9), dark(14, 14), dark(12, 10)]).toEqual([true, true, true]);
    expect([dark(5, 5), dark(18, 18), dark(9, 18), dark(18, 9)]).toEqual([false, false, false, false]);
  });

  it('outside the scan is white', () => {
    const t: [number, number, number, number, number, number] = [S, 0, 0, S, 0, 0];
    const crop = cropSheetRect(scan(t, 160, 120), t, { x: -10, y: -10, w: 5, h: 5 }, { pxPerMm: 2, padMm: 0 });
    expect(crop.data.every((v) => v === 255)).toBe(true);
  });
});
