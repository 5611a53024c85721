/** Finding a page's QR code: how far the reader shrinks a page (never so far that the 15 mm code of a banded form's compact heading drops under 2.4 px a module), and the corners it looks in first. */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { qrPayload } from '../../surveys/omr/layout-map';
import { findQr, QR_DPI, qrShrink } from '../../surveys/omr/qr';
import { fixture } from '../helpers/cli';
import { CLEAN, SYNTHETIC_CAMPAIGN, syntheticPageMap, syntheticScan } from '../helpers/synthetic-scan';

describe('qrShrink', () => {
  // A4 scanned at d dpi is round(297 / 25.4 × d) px on its longer side (portrait or landscape alike). The shrunk page
  // must keep QR_DPI = 95: 15 mm at 95 dpi is 56 px for 23 modules (21 and a quiet module each side), 2.4 px a module.
  // The import decodes PDFs at 200 dpi: shrunk by 2 (100 dpi), not by 3 (67 dpi, 1.6 px a module: real printed
  // CT-01 pages were lost as «no QR code found»).
  it.each([
    ['150 dpi portrait', 1240, 1754, 1],
    ["200 dpi portrait (the import's PDF pages)", 1654, 2339, 2],
    ['200 dpi landscape', 2339, 1654, 2],
    ['200 dpi turned 2° (its bounding box)', 1735, 2395, 2],
    ['300 dpi portrait', 2480, 3508, 3],
    ['600 dpi portrait', 4961, 7016, 6],
  ])('%s: %i × %i px shrunk by %i', (_name, w, h, k) => {
    expect(qrShrink(w, h)).toBe(k);
    const shrunkDpi = (Math.max(w, h) / k / 297) * 25.4;
    expect(shrunkDpi).toBeGreaterThanOrEqual(QR_DPI);
    expect(((15 / 25.4) * shrunkDpi) / 23).toBeGreaterThanOrEqual(2.4);
  });
});

describe('findQr', () => {
  // Found by the real-print bench: black-and-white 300 dpi scans with a Gaussian blur of 1.5 px lost their QR code at
  // 100 dpi (the whole page shrunk by 3) and every later try; the corner where the print run puts it, read at 150 dpi,
  // finds it.
  it.each([0, 90, 180, 270] as const)('finds the 15 mm code of a blurred black-and-white 300 dpi scan of a banded page turned %i°', async (quarter) => {
    const banded = syntheticPageMap({ serial: '012344', layout: 'stacked', orientation: 'landscape', codeInside: true });
    const map = { ...banded, qr: { x: banded.width - 32.5, y: 17.9, w: 15, h: 15 } };
    const scan = await syntheticScan({ map, distortion: { ...CLEAN, dpi: 300, quarter, angle: 0.3, blur: 1.5, noise: 8, mode: 'bw' }, seed: 78 });
    expect(findQr(scan.image)?.text).toBe(qrPayload('012344', 1, 1, SYNTHETIC_CAMPAIGN));
  });

  // A tester's scan (issue 15): the printed CT-01 page of LCU-2020, marked, scanned black and white at 300 dpi,
  // tilted 2.5° and blurred 1 px. Its code decodes in its corner unshrunk, not at 150 dpi nor on the whole page.
  it('finds the code of a real black-and-white CT-01 page, tilted and blurred, in its corner unshrunk', async () => {
    const { data, info } = await sharp(fixture('scans/ct01-bw-300dpi-tilted.png')).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect(findQr({ width: info.width, height: info.height, data: new Uint8Array(data) })?.text).toBe('000101/1/1/WUAM');
  });
});
