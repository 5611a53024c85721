/** Registering a scanned page: the four registration marks found near where the QR code predicts them, the mm→pixel affine fitted to them by least squares, and the page's paper and ink levels measured on them. */
import { REGISTRATION_MARK, type Rect } from './layout-map';
import type { GreyImage } from './reading';

/** px = a·x + c·y + e, py = b·x + d·y + f (the shape of PageReading.transform). */
export type Affine = [a: number, b: number, c: number, d: number, e: number, f: number];
export type Point = { x: number; y: number };

export const apply = (t: Affine, x: number, y: number): Point => ({ x: t[0] * x + t[2] * y + t[4], y: t[1] * x + t[3] * y + t[5] });
/** Pixels per mm of an affine (the square root of its area scale). */
export const scaleOf = (t: Affine) => Math.sqrt(Math.abs(t[0] * t[3] - t[1] * t[2]));

/** Otsu's threshold of the pixels in a window: the grey level that best splits them into dark and light. */
export function otsu(img: GreyImage, x0: number, y0: number, x1: number, y1: number): number {
  const hist = new Array<number>(256).fill(0);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) hist[img.data[y * img.width + x]]++;
  const total = (x1 - x0) * (y1 - y0);
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i];
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let at = 128;
  for (let i = 0; i < 256; i++) {
    wB += hist[i];
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += i * hist[i];
    const between = wB * wF * (sumB / wB - (sum - sumB) / wF) ** 2;
    if (between > best) {
      best = between;
      at = i;
    }
  }
  return at;
}

/**
 * The centre (pixels) of the registration mark in a square window of half-width `radius` px around `near`: the dark
 * connected region (Otsu threshold of the window) whose area and extent fit a `side`-px square, nearest `near`.
 * Regions touching the window's edge are something larger (a table rule, the scan's dark border) or a mark cut off,
 * and are not taken. Null when no region fits.
 */
export function findMark(img: GreyImage, near: Point, side: number, radius: number): Point | null {
  const x0 = Math.max(0, Math.floor(near.x - radius));
  const y0 = Math.max(0, Math.floor(near.y - radius));
  const x1 = Math.min(img.width, Math.ceil(near.x + radius));
  const y1 = Math.min(img.height, Math.ceil(near.y + radius));
  const w = x1 - x0;
  const h = y1 - y0;
  if (w < side || h < side) return null;
  const cut = otsu(img, x0, y0, x1, y1);
  const seen = new Uint8Array(w * h);
  const stack: number[] = [];
  let best: { p: Point; d: number } | null = null;
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      const k = j * w + i;
      if (seen[k] || img.data[(y0 + j) * img.width + x0 + i] > cut) continue;
      // Flood one dark region, keeping its area, centroid sums and extent.
      let area = 0;
      let sx = 0;
      let sy = 0;
      let minX = i;
      let maxX = i;
      let minY = j;
      let maxY = j;
      seen[k] = 1;
      stack.push(k);
      while (stack.length) {
        const q = stack.pop()!;
        const qx = q % w;
        const qy = (q - qx) / w;
        area++;
        sx += qx;
        sy += qy;
        if (qx < minX) minX = qx;
        if (qx > maxX) maxX = qx;
        if (qy < minY) minY = qy;
        if (qy > maxY) maxY = qy;
        for (const n of [q - 1, q + 1, q - w, q + w]) {
          const nx = n % w;
          if (n < 0 || n >= w * h || seen[n] || Math.abs(nx - qx) > 1) continue;
          if (img.data[(y0 + (n - nx) / w) * img.width + x0 + nx] > cut) continue;
          seen[n] = 1;
          stack.push(n);
        }
      }
      const bw = maxX - minX + 1;
      const bh = maxY - minY + 1;
      const touches = minX === 0 || minY === 0 || maxX === w - 1 || maxY === h - 1;
      const fits = area > 0.6 * side * side && area < 1.5 * side * side && bw > 0.75 * side && bw < 1.4 * side && bh > 0.75 * side && bh < 1.4 * side;
      if (touches || !fits || area < 0.7 * bw * bh) continue;
      const p = { x: x0 + sx / area + 0.5, y: y0 + sy / area + 0.5 };
      const d = Math.hypot(p.x - near.x, p.y - near.y);
      if (!best || d < best.d) best = { p, d };
    }
  }
  return best?.p ?? null;
}

/** The affine that maps `from` (mm) onto `to` (px) best in the least-squares sense; null for fewer than 3 points or points in a line. */
export function fitAffine(from: Point[], to: Point[]): Affine | null {
  if (from.length < 3) return null;
  // Normal equations of [x y 1]·(a c e) = px and of [x y 1]·(b d f) = py share one 3×3 matrix.
  const m = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const rx = [0, 0, 0];
  const ry = [0, 0, 0];
  from.forEach((p, i) => {
    const v = [p.x, p.y, 1];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) m[r * 3 + c] += v[r] * v[c];
      rx[r] += v[r] * to[i].x;
      ry[r] += v[r] * to[i].y;
    }
  });
  const sx = solve3(m, rx);
  const sy = solve3(m, ry);
  if (!sx || !sy) return null;
  return [sx[0], sy[0], sx[1], sy[1], sx[2], sy[2]];
}

/** Cramer's rule on a 3×3 system (row-major m); null when singular. */
function solve3(m: number[], r: number[]): number[] | null {
  const det = (a: number[]) => a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6]);
  const d = det(m);
  if (Math.abs(d) < 1e-9 * Math.max(1, Math.abs(m[0] * m[4] * m[8]))) return null;
  return [0, 1, 2].map((col) => det(m.map((v, i) => (i % 3 === col ? r[Math.floor(i / 3)] : v))) / d);
}

/** The largest distance (mm) between where the affine puts each point and where it was found. */
export function worstResidual(t: Affine, from: Point[], to: Point[]): number {
  const s = scaleOf(t);
  return Math.max(...from.map((p, i) => Math.hypot(apply(t, p.x, p.y).x - to[i].x, apply(t, p.x, p.y).y - to[i].y) / s));
}

export const centreOf = (r: Rect): Point => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

/**
 * The page's paper and ink grey levels, measured on the registration marks: ink the median of each mark's middle
 * half, paper the median of a band 1.5–3 mm round it (inside the sheet's blank margin).
 */
export function inkAndPaper(img: GreyImage, t: Affine, marks: Rect[]): { ink: number; paper: number } {
  const ink: number[] = [];
  const paper: number[] = [];
  const s = scaleOf(t);
  const step = Math.max(0.1, 1 / s);
  for (const m of marks) {
    const c = centreOf(m);
    const half = REGISTRATION_MARK.size / 2;
    for (let dy = -half - 3; dy <= half + 3; dy += step) {
      for (let dx = -half - 3; dx <= half + 3; dx += step) {
        const out = Math.max(Math.abs(dx), Math.abs(dy)) - half;
        const inner = Math.max(Math.abs(dx), Math.abs(dy)) < half / 2;
        if (!inner && (out < 1.5 || out > 3)) continue;
        const p = apply(t, c.x + dx, c.y + dy);
        const v = pixel(img, p.x, p.y);
        if (v < 0) continue;
        (inner ? ink : paper).push(v);
      }
    }
  }
  return { ink: median(ink) ?? 0, paper: median(paper) ?? 255 };
}

/** The grey level at a point (nearest pixel), -1 outside the image. */
export function pixel(img: GreyImage, x: number, y: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  return ix < 0 || iy < 0 || ix >= img.width || iy >= img.height ? -1 : img.data[iy * img.width + ix];
}

export function median(v: number[]): number | null {
  if (v.length === 0) return null;
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
