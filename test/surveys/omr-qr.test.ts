/** How far the reader shrinks a page before looking for its QR code: never so far that the 15 mm code of a banded form's compact heading drops under 2.4 px a module. */
import { describe, expect, it } from 'vitest';
import { QR_DPI, qrShrink } from '../../surveys/omr/qr';

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
