/** A rectangle of the printed sheet cut out of a scanned page, upright whatever way the page lay on the scanner: the image a person checks a cell against. */
import type { Rect } from './layout-map';
import type { GreyImage, PageReading } from './reading';

type Transform = Extract<PageReading, { ok: true }>['transform'];

/**
 * The sheet rectangle `rect` (mm), widened by `padMm` on every side, as an upright grey image of `pxPerMm` pixels a
 * millimetre. Each output pixel is the sheet point it stands for, mapped through the page's mm→pixel transform and
 * sampled bilinearly, so rotation (quarter turns and skew) and the scan's own scale are undone in one step; points
 * outside the scan are white.
 */
export function cropSheetRect(image: GreyImage, transform: Transform, rect: Rect, opts: { pxPerMm: number; padMm: number }): GreyImage {
  const [a, b, c, d, e, f] = transform;
  const { pxPerMm: s, padMm: pad } = opts;
  const x0 = rect.x - pad;
  const y0 = rect.y - pad;
  const width = Math.max(1, Math.round((rect.w + 2 * pad) * s));
  const height = Math.max(1, Math.round((rect.h + 2 * pad) * s));
  const out = new Uint8Array(width * height);
  const { width: W, height: H, data } = image;
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= W || y >= H ? 255 : data[y * W + x]);
  for (let v = 0; v < height; v++) {
    const y = y0 + (v + 0.5) / s;
    for (let u = 0; u < width; u++) {
      const x = x0 + (u + 0.5) / s;
      // Pixel centres sit at half-integers: shift by 0.5 to interpolate between the four nearest.
      const px = a * x + c * y + e - 0.5;
      const py = b * x + d * y + f - 0.5;
      const ix = Math.floor(px);
      const iy = Math.floor(py);
      const fx = px - ix;
      const fy = py - iy;
      const top = at(ix, iy) * (1 - fx) + at(ix + 1, iy) * fx;
      const bottom = at(ix, iy + 1) * (1 - fx) + at(ix + 1, iy + 1) * fx;
      out[v * width + u] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width, height, data: out };
}
