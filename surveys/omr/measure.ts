/** Measuring a tick box on a registered page: how dark its inside is (printed border left out) and how dark a thin band just outside it is, both relative to the page's paper and ink. */
import type { Rect } from './layout-map';
import type { GreyImage } from './reading';
import { apply, scaleOf, type Affine } from './register';

/**
 * The printed border of a box is 0.3 mm; the inside is measured from 0.3 mm + MARGIN in from the box's edge, so
 * that a registration error of up to MARGIN or a blurred border never counts as ink (a 3 mm box leaves 1.7 mm square).
 * The band outside runs from RING_IN to RING_OUT beyond the box's edge on its top, right and bottom sides: the
 * option code is printed to the left of each box, and a neighbouring box's border sits 0.9 mm away in stacked cells.
 */
export const BOX = { border: 0.3, margin: 0.35, ringIn: 0.3, ringOut: 0.65 } as const;

export type Levels = { ink: number; paper: number };

/** Mean darkness (0 paper … 1 ink) over a rectangle in mm, sampled about once a pixel. */
function darkness(img: GreyImage, t: Affine, r: Rect, lv: Levels): number {
  const s = scaleOf(t);
  const nx = Math.max(3, Math.ceil(r.w * s));
  const ny = Math.max(3, Math.ceil(r.h * s));
  const span = Math.max(1, lv.paper - lv.ink);
  let sum = 0;
  let n = 0;
  const { width, height, data } = img;
  for (let j = 0; j < ny; j++) {
    const y = r.y + ((j + 0.5) * r.h) / ny;
    for (let i = 0; i < nx; i++) {
      const p = apply(t, r.x + ((i + 0.5) * r.w) / nx, y);
      const px = Math.floor(p.x);
      const py = Math.floor(p.y);
      if (px < 0 || py < 0 || px >= width || py >= height) continue;
      const d = (lv.paper - data[py * width + px]) / span;
      sum += d < 0 ? 0 : Math.min(d, 1);
      n++;
    }
  }
  return n === 0 ? 0 : sum / n;
}

/** How dark a box's inside is (0…1). */
export function boxFill(img: GreyImage, t: Affine, box: Rect, lv: Levels): number {
  const inset = BOX.border + BOX.margin;
  return darkness(img, t, { x: box.x + inset, y: box.y + inset, w: box.w - 2 * inset, h: box.h - 2 * inset }, lv);
}

/** How dark the band just outside a box is (0…1): the darkest of its top, right and bottom strips. */
export function boxRing(img: GreyImage, t: Affine, box: Rect, lv: Levels): number {
  const d = BOX.ringOut - BOX.ringIn;
  return Math.max(
    darkness(img, t, { x: box.x, y: box.y - BOX.ringOut, w: box.w, h: d }, lv),
    darkness(img, t, { x: box.x + box.w + BOX.ringIn, y: box.y, w: d, h: box.h }, lv),
    darkness(img, t, { x: box.x, y: box.y + box.h + BOX.ringIn, w: box.w, h: d }, lv),
  );
}
