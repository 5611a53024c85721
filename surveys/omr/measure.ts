/** Measuring a tick box on a registered page: how much ink a respondent added inside it and in a thin band just outside it, with the page's own print (borders, rules, neighbouring boxes, option codes) learned from its boxes and taken off. */
import type { Rect } from './layout-map';
import type { GreyImage } from './reading';
import { apply, type Affine } from './register';

/**
 * Box geometry, in mm. The printed border of a box is 0.3 mm; the inside is measured from 0.3 mm + MARGIN in from the
 * box's edge, so that a registration error of up to MARGIN or a blurred border never counts as ink (a 3 mm box leaves
 * 1.7 mm square). The band outside runs from RING_IN to RING_OUT beyond the box's edge on all four sides: narrow,
 * because banded forms print the next line of boxes 0.5 mm away and the question's text about as close above. A box's
 * patch reaches PATCH beyond its edge; STEP is its sampling grid (0.1 mm: 254 samples an inch, about a pixel of a
 * 200–300 dpi scan).
 */
export const BOX = { border: 0.3, margin: 0.35, ringIn: 0.3, ringOut: 0.5, patch: 0.7, step: 0.1 } as const;

/**
 * Where an option code printed inside its box (banded forms: a 6.5 pt digit centred in a 3.5 mm box) can sit, in mm
 * either side of the box's centre. Print is learned from the page only inside this zone: elsewhere inside a box any ink
 * is a respondent's, so a page where most boxes of a code are ticked alike cannot have its ticks learned as print.
 */
export const GLYPH_ZONE = { halfWidth: 0.8, halfHeight: 1.05 } as const;

/**
 * A learned print darkness at or above this hides whatever is under it: such samples are left out of a measure rather
 * than measured less the print (a box filled in over a grey code would otherwise read lighter than it is).
 */
const PRINT_HIDES = 0.2;

export type Levels = { ink: number; paper: number };

/** A box's neighbourhood sampled on a STEP grid over the box grown by PATCH on every side: darkness 0 paper … 1 ink. */
export type Patch = { nx: number; ny: number; data: Float32Array };

const sizeOf = (box: Rect) => ({ nx: Math.round((box.w + 2 * BOX.patch) / BOX.step), ny: Math.round((box.h + 2 * BOX.patch) / BOX.step) });

/** Samples a box's patch from the image (bilinear between pixels); samples off the image read as paper. */
export function samplePatch(img: GreyImage, t: Affine, box: Rect, lv: Levels): Patch {
  const { nx, ny } = sizeOf(box);
  const data = new Float32Array(nx * ny);
  const span = Math.max(1, lv.paper - lv.ink);
  const { width, height, data: px } = img;
  const x0 = box.x - BOX.patch + BOX.step / 2;
  const y0 = box.y - BOX.patch + BOX.step / 2;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const p = apply(t, x0 + i * BOX.step, y0 + j * BOX.step);
      const fx = p.x - 0.5;
      const fy = p.y - 0.5;
      const ix = Math.floor(fx);
      const iy = Math.floor(fy);
      if (ix < 0 || iy < 0 || ix + 1 >= width || iy + 1 >= height) continue;
      const ax = fx - ix;
      const ay = fy - iy;
      const k = iy * width + ix;
      const v = (px[k] * (1 - ax) + px[k + 1] * ax) * (1 - ay) + (px[k + width] * (1 - ax) + px[k + width + 1] * ax) * ay;
      const d = (lv.paper - v) / span;
      data[j * nx + i] = Math.min(Math.max(d, 0), 1);
    }
  }
  return { nx, ny, data };
}

/**
 * The print around (and, for `codeInside` boxes, in the glyph zone inside) boxes of one kind, learned from the page:
 * at each sample the lower quartile over the patches (print is under every box of the kind; a respondent marks at most
 * one box a cell, so fewer than three in four boxes of a kind carry a mark at one spot), then widened by one sample
 * each way inside the box and two outside (print lands up to 0.2 mm off from one box to the next: a 0.3 mm border is
 * 3 or 4 pixels of a 300 dpi print). Elsewhere inside a box it is 0. Null with fewer
 * than `min` patches. All patches must be of one size.
 */
export function learnPrint(patches: Patch[], box: Rect, codeInside: boolean, min: number): Float32Array | null {
  if (patches.length < min) return null;
  const { nx, ny } = patches[0];
  const q = Math.floor(patches.length / 4);
  const column = new Float32Array(patches.length);
  const low = new Float32Array(nx * ny);
  for (let k = 0; k < nx * ny; k++) {
    for (let p = 0; p < patches.length; p++) column[p] = patches[p].data[k];
    column.sort();
    low[k] = column[q];
  }
  const out = new Float32Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const { u, v } = offset(i, j);
      const inside = u > 0 && v > 0 && u < box.w && v < box.h;
      const glyph = codeInside && Math.abs(u - box.w / 2) <= GLYPH_ZONE.halfWidth && Math.abs(v - box.h / 2) <= GLYPH_ZONE.halfHeight;
      if (inside && !glyph && !onBorder(box, u, v)) continue;
      const r = inside && !onBorder(box, u, v) ? 1 : 2;
      let m = 0;
      for (let dj = -r; dj <= r; dj++)
        for (let di = -r; di <= r; di++) {
          const ii = i + di;
          const jj = j + dj;
          if (ii >= 0 && jj >= 0 && ii < nx && jj < ny && low[jj * nx + ii] > m) m = low[jj * nx + ii];
        }
      out[j * nx + i] = m;
    }
  }
  return out;
}

/** A sample's place relative to the box's top-left corner, in mm. */
const offset = (i: number, j: number) => ({ u: -BOX.patch + (i + 0.5) * BOX.step, v: -BOX.patch + (j + 0.5) * BOX.step });

const onBorder = (box: Rect, u: number, v: number) => Math.min(u, v, box.w - u, box.h - v) < BOX.border + BOX.margin;

/** Mean learned print over the glyph zone of a box's patch (GLYPH_ZONE): how much ink its printed code has. */
export function glyphInk(print: Float32Array, box: Rect): number {
  const { nx, ny } = sizeOf(box);
  let sum = 0;
  let n = 0;
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      const { u, v } = offset(i, j);
      if (Math.abs(u - box.w / 2) > GLYPH_ZONE.halfWidth || Math.abs(v - box.h / 2) > GLYPH_ZONE.halfHeight) continue;
      sum += print[j * nx + i];
      n++;
    }
  return n === 0 ? 0 : sum / n;
}

/**
 * What a respondent added to one box: `fill` the mean ink above the learned print over the box's inside (border and
 * MARGIN left out), `ring` the same over each band just outside it (top, right, bottom, left), `edge` over the band
 * just inside the border (the MARGIN left out of `fill`, less its first 0.1 mm: a large mark can run round the inside
 * along the border) and `edges` the same band side by side (top, right, bottom, left: where a stroke from the next box
 * comes in), each a mean over the samples that print does not hide; `seen` the share of the inside's samples that
 * print does not hide (1 where nothing is printed inside). With no print learned (`print` null), ink is measured as it is.
 */
export function measureBox(patch: Patch, box: Rect, print: Float32Array | null): { fill: number; ring: Ring; edge: number; edges: Ring; seen: number } {
  const inset = BOX.border + BOX.margin;
  const sums = new Float64Array(9);
  const counts = new Uint32Array(9);
  let insideAll = 0;
  for (let j = 0; j < patch.ny; j++) {
    for (let i = 0; i < patch.nx; i++) {
      const { u, v } = offset(i, j);
      const region =
        u >= inset && v >= inset && u <= box.w - inset && v <= box.h - inset
          ? 0
          : u >= 0 && u <= box.w && v >= -BOX.ringOut && v <= -BOX.ringIn
            ? 1
            : u >= box.w + BOX.ringIn && u <= box.w + BOX.ringOut && v >= 0 && v <= box.h
              ? 2
              : u >= 0 && u <= box.w && v >= box.h + BOX.ringIn && v <= box.h + BOX.ringOut
                ? 3
                : u >= -BOX.ringOut && u <= -BOX.ringIn && v >= 0 && v <= box.h
                  ? 4
                  : u > 0 && v > 0 && u < box.w && v < box.h && Math.min(u, v, box.w - u, box.h - v) >= BOX.border + 0.1
                    ? 5 + nearestSide(u, v, box)
                    : -1;
      if (region < 0) continue;
      if (region === 0) insideAll++;
      const k = j * patch.nx + i;
      const p = print ? print[k] : 0;
      if (p >= PRINT_HIDES) continue;
      const d = patch.data[k] - p;
      sums[region] += Math.max(d, 0);
      counts[region]++;
    }
  }
  const mean = (r: number) => (counts[r] === 0 ? 0 : sums[r] / counts[r]);
  const edgeCount = counts[5] + counts[6] + counts[7] + counts[8];
  return {
    fill: mean(0),
    ring: [mean(1), mean(2), mean(3), mean(4)],
    edge: edgeCount === 0 ? 0 : (sums[5] + sums[6] + sums[7] + sums[8]) / edgeCount,
    edges: [mean(5), mean(6), mean(7), mean(8)],
    seen: insideAll === 0 ? 1 : counts[0] / insideAll,
  };
}

/** Which side of the box a point inside it is nearest: 0 top, 1 right, 2 bottom, 3 left. */
function nearestSide(u: number, v: number, box: Rect): number {
  const d = [v, box.w - u, box.h - v, u];
  return d.indexOf(Math.min(...d));
}

/** The side of box `a` that faces box `b` (0 top, 1 right, 2 bottom, 3 left), by the direction between their centres. */
export function sideFacing(a: Rect, b: Rect): number {
  const dx = b.x + b.w / 2 - (a.x + a.w / 2);
  const dy = b.y + b.h / 2 - (a.y + a.h / 2);
  return Math.abs(dy) >= Math.abs(dx) ? (dy > 0 ? 2 : 0) : dx > 0 ? 1 : 3;
}

/** The ink in the four bands just outside a box: top, right, bottom, left. */
export type Ring = [top: number, right: number, bottom: number, left: number];
