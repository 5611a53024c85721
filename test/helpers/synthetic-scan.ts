/** Synthetic scans of printed forms for the scan reader's tests and bench: a page (drawn from its layout map, or a real printed page rasterised), respondents' marks of many kinds with the truth, then the scanner's rotation, skew, scale, noise, blur, JPEG and binarisation, all from a seed. */
import QRCode from 'qrcode';
import sharp from 'sharp';
import { type BoxMap, type PageMap, qrPayload, type Rect, registrationMarks } from '../../surveys/omr/layout-map';
import type { GreyImage } from '../../surveys/omr/reading';
import type { Affine } from '../../surveys/omr/register';
import { mulberry32 } from '../../surveys/analysis/prng';

/** A seeded PRNG (mulberry32, the bootstrap's): the same seed draws the same page, so a failure reproduces. */
export const prng = mulberry32;

/** The campaign code whose tag the QR codes of pages drawn from a map carry. */
export const SYNTHETIC_CAMPAIGN = 'SYN-2026';
type Rng = () => number;
const between = (r: Rng, a: number, b: number) => a + (b - a) * r();
const pick = <T>(r: Rng, list: readonly T[]) => list[Math.floor(r() * list.length)];

export const OPTIONS = ['1', '2', '3', '4', '9'] as const;

/**
 * A page map shaped like the print run's (surveys/print-layout.ts, print-css.hbs) until the measured map lands:
 * `columns` one unit per row and one 3.2 mm box per option column 17 mm apart (34 cells, 170 boxes; landscape 23);
 * `stacked` units side by side, each cell's five 3 mm boxes stacked 3.9 mm apart (90 cells, 450 boxes; landscape 15
 * units × 6 questions). QR code 19 mm at the top right.
 */
export function syntheticPageMap(opts: {
  serial: string;
  page?: number;
  pages?: number;
  layout: 'columns' | 'stacked';
  orientation?: 'portrait' | 'landscape';
  /** Banded: the option code printed inside each box (3.5 mm in stacked pages, as the print run's banded forms). */
  codeInside?: boolean;
}): PageMap & { serial: string } {
  const landscape = opts.orientation === 'landscape';
  const [width, height] = landscape ? [297, 210] : [210, 297];
  const boxes: BoxMap[] = [];
  if (opts.layout === 'columns') {
    for (let row = 0; row < (landscape ? 23 : 34); row++) {
      OPTIONS.forEach((answer, k) =>
        boxes.push({
          x: 112 + k * 17,
          y: 50 + row * 6.5,
          w: 3.2,
          h: 3.2,
          unit: `U${row + 1}`,
          question: '1',
          answer,
          ...(opts.codeInside ? { codeInside: true as const } : {}),
        }),
      );
    }
  } else {
    for (let q = 0; q < (landscape ? 6 : 10); q++) {
      for (let u = 0; u < (landscape ? 15 : 9); u++) {
        OPTIONS.forEach((answer, k) =>
          boxes.push({
            x: 80 + u * 13.5,
            y: 50 + q * 23 + k * 3.9,
            ...(opts.codeInside ? { w: 3.5, h: 3.5, codeInside: true as const } : { w: 3, h: 3 }),
            unit: `U${u + 1}`,
            question: String(q + 1),
            answer,
          }),
        );
      }
    }
  }
  return {
    serial: opts.serial,
    page: opts.page ?? 1,
    pages: opts.pages ?? 1,
    orientation: landscape ? 'landscape' : 'portrait',
    width,
    height,
    marks: registrationMarks(width, height),
    qr: { x: width - 37, y: 14, w: 19, h: 19 },
    boxes,
  };
}

/** A blank grey page: `dpi` pixels per inch, `mm` its sheet size. */
function blank(widthMm: number, heightMm: number, dpi: number): GreyImage {
  const s = dpi / 25.4;
  const width = Math.round(widthMm * s);
  const height = Math.round(heightMm * s);
  return { width, height, data: new Uint8Array(width * height).fill(255) };
}

/** Paints a rectangle (mm) at grey `ink`, darkening only. */
function rect(img: GreyImage, dpi: number, r: Rect, ink: number): void {
  const s = dpi / 25.4;
  const x0 = Math.max(0, Math.round(r.x * s));
  const y0 = Math.max(0, Math.round(r.y * s));
  const x1 = Math.min(img.width, Math.round((r.x + r.w) * s));
  const y1 = Math.min(img.height, Math.round((r.y + r.h) * s));
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (img.data[y * img.width + x] > ink) img.data[y * img.width + x] = ink;
}

/** A pen stroke (mm) from one point to another, `width` mm wide, antialiased, at grey `ink`. */
function stroke(img: GreyImage, dpi: number, x1: number, y1: number, x2: number, y2: number, width: number, ink: number): void {
  const s = dpi / 25.4;
  const [ax, ay, bx, by] = [x1 * s, y1 * s, x2 * s, y2 * s];
  const hw = (width * s) / 2;
  const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - hw - 1));
  const xe = Math.min(img.width - 1, Math.ceil(Math.max(ax, bx) + hw + 1));
  const y0 = Math.max(0, Math.floor(Math.min(ay, by) - hw - 1));
  const ye = Math.min(img.height - 1, Math.ceil(Math.max(ay, by) + hw + 1));
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy || 1;
  for (let y = y0; y <= ye; y++) {
    for (let x = x0; x <= xe; x++) {
      const t = Math.max(0, Math.min(1, ((x + 0.5 - ax) * dx + (y + 0.5 - ay) * dy) / len2));
      const d = Math.hypot(x + 0.5 - ax - t * dx, y + 0.5 - ay - t * dy);
      const cover = Math.max(0, Math.min(1, hw - d + 0.5));
      if (cover <= 0) continue;
      const k = y * img.width + x;
      const v = img.data[k] - (img.data[k] - ink) * cover;
      if (v < img.data[k]) img.data[k] = v;
    }
  }
}

/** A rectangle's outline (mm) `line` mm thick. */
function outline(img: GreyImage, dpi: number, r: Rect, line: number, ink: number): void {
  rect(img, dpi, { x: r.x, y: r.y, w: r.w, h: line }, ink);
  rect(img, dpi, { x: r.x, y: r.y + r.h - line, w: r.w, h: line }, ink);
  rect(img, dpi, { x: r.x, y: r.y, w: line, h: r.h }, ink);
  rect(img, dpi, { x: r.x + r.w - line, y: r.y, w: line, h: r.h }, ink);
}

/** A few grey "words" on a line: text as a scanner sees it from afar. */
function textLine(img: GreyImage, dpi: number, x: number, y: number, width: number, r: Rng): void {
  for (let at = x; at < x + width; ) {
    const w = between(r, 3, 12);
    rect(img, dpi, { x: at, y, w: Math.min(w, x + width - at), h: 1.6 }, 70);
    at += w + 1.5;
  }
}

/**
 * The printed page drawn from its map, as the print run prints it: the four registration marks, the QR code (the
 * qrcode package's matrix, error correction M, a quiet zone of one module inside the map's rectangle; `qrText` null
 * for none, or another text than the page's), every box's
 * 0.3 mm border with its option code before it, table rules between rows, and grey lines of text.
 */
export function drawPage(
  map: PageMap & { serial: string },
  dpi: number,
  seed = 1,
  qrText: string | null = qrPayload(map.serial, map.page, map.pages, SYNTHETIC_CAMPAIGN),
): GreyImage {
  const r = prng(seed);
  const img = blank(map.width, map.height, dpi);
  for (const m of map.marks) rect(img, dpi, m, 0);
  const qr = qrText === null ? null : QRCode.create(qrText, { errorCorrectionLevel: 'M' });
  const n = qr?.modules.size ?? 0;
  const mod = map.qr.w / (n + 2);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++)
      if (qr?.modules.get(row, col)) rect(img, dpi, { x: map.qr.x + (col + 1) * mod, y: map.qr.y + (row + 1) * mod, w: mod, h: mod }, 0);
  }
  for (let y = 15; y < 32; y += 4) textLine(img, dpi, 15, y, 140, r);
  const rows = new Set<number>();
  for (const b of map.boxes) {
    outline(img, dpi, b, 0.3, 0);
    if (b.codeInside) digit(img, dpi, b.answer, b.x + b.w / 2, b.y + b.h / 2);
    else {
      // The option code: a digit-sized stroke pair 0.7 mm left of the box.
      stroke(img, dpi, b.x - 1.5, b.y + 0.3, b.x - 1.5, b.y + b.h - 0.2, 0.25, 20);
      stroke(img, dpi, b.x - 2.1, b.y + 0.8, b.x - 1.5, b.y + 0.3, 0.25, 20);
    }
    if (b.answer === OPTIONS[0]) rows.add(b.y);
  }
  const stacked = map.boxes.length > 1 && map.boxes[1].y !== map.boxes[0].y;
  for (const y of rows) {
    const top = stacked ? y - 1.5 : y - 1.65;
    rect(img, dpi, { x: 12, y: top, w: map.width - 24, h: 0.25 }, 0);
    for (let l = 0; l < (stacked ? 3 : 1); l++) textLine(img, dpi, 15, top + 1.2 + l * 3, stacked ? 55 : 85, r);
  }
  return img;
}

/**
 * Segments (of a seven-segment digit 0.9 × 1.5 mm: a top, b top right, c bottom right, d bottom, e bottom left, f top
 * left, g middle) of each option code.
 */
const SEGMENTS: Record<string, string> = { '1': 'bc', '2': 'abged', '3': 'abgcd', '4': 'fgbc', '9': 'abcdfg' };

/**
 * An option code printed inside its box, as banded forms print it (6.5 pt): grey #555 (85), 0.15 mm strokes, centred on (cx, cy) mm.
 */
function digit(img: GreyImage, dpi: number, code: string, cx: number, cy: number): void {
  const [l, r, t, m, b] = [cx - 0.45, cx + 0.45, cy - 0.75, cy, cy + 0.75];
  const seg: Record<string, [number, number, number, number]> = {
    a: [l, t, r, t],
    b: [r, t, r, m],
    c: [r, m, r, b],
    d: [l, b, r, b],
    e: [l, m, l, b],
    f: [l, t, l, m],
    g: [l, m, r, m],
  };
  for (const k of SEGMENTS[code] ?? 'adef') stroke(img, dpi, ...seg[k], 0.15, 85);
}

/** How a respondent marked a cell. */
export type MarkKind = 'blank' | 'tick' | 'cross' | 'filled' | 'corrected' | 'double' | 'pencil' | 'overflow' | 'stray';
/** What the respondent meant in a cell; `ambiguous` when the marks are made to sit near the reader's limits (a person may well be asked). */
export type CellTruth = { unit: string; question: string; answer: string; kind: MarkKind; ambiguous: boolean };

/** Pen marks only, as most returns are: the clean mix. */
export const ORDINARY: Partial<Record<MarkKind, number>> = { blank: 8, tick: 55, cross: 25, corrected: 3, double: 2, stray: 6, filled: 1 };
/** The hard mix: light pencil, marks overflowing the box, boxes filled in alone, beside the ordinary ones. */
export const HARD: Partial<Record<MarkKind, number>> = { ...ORDINARY, pencil: 8, overflow: 8, filled: 4 };

function tick(img: GreyImage, dpi: number, b: Rect, r: Rng, ink: number, width: number, size = between(r, 0.8, 1.2), shift = { x: 0, y: 0 }): void {
  const cx = b.x + b.w / 2 + between(r, -0.25, 0.25) + shift.x;
  const cy = b.y + b.h / 2 + between(r, -0.25, 0.25) + shift.y;
  const h = (b.w / 2) * size;
  const p = [
    { x: cx - h * 0.75, y: cy + h * 0.05 },
    { x: cx - h * 0.2, y: cy + h * 0.7 },
    { x: cx + h * 0.85, y: cy - h * 0.9 },
  ];
  stroke(img, dpi, p[0].x, p[0].y, p[1].x, p[1].y, width, ink);
  stroke(img, dpi, p[1].x, p[1].y, p[2].x, p[2].y, width, ink);
}

function cross(img: GreyImage, dpi: number, b: Rect, r: Rng, ink: number, width: number): void {
  const size = between(r, 0.8, 1.15);
  const cx = b.x + b.w / 2 + between(r, -0.2, 0.2);
  const cy = b.y + b.h / 2 + between(r, -0.2, 0.2);
  const h = (b.w / 2) * size * 0.85;
  stroke(img, dpi, cx - h, cy - h, cx + h, cy + h, width, ink);
  stroke(img, dpi, cx - h, cy + h, cx + h, cy - h, width, ink);
}

/** A box filled in with a pen: close scribbles over its whole inside. */
function fill(img: GreyImage, dpi: number, b: Rect, r: Rng, ink: number): void {
  for (let y = b.y + 0.2; y < b.y + b.h - 0.2; y += 0.3)
    stroke(img, dpi, b.x + 0.25, y + between(r, -0.05, 0.05), b.x + b.w - 0.25, y + between(r, -0.05, 0.05), 0.45, ink);
}

/**
 * Marks every cell of the page by a seeded draw from `mix` (weights by kind) and returns the truth. Pen ink is grey
 * 10–60, a pen line 0.3–0.5 mm; light pencil grey 110–150. `stray` is a pen answer plus a scribble in the question's
 * row, at least 1.5 mm from every box of the page. `always` marks that option code in every cell (a respondent who
 * gives every unit the same answer).
 */
export function drawAnswers(
  img: GreyImage,
  dpi: number,
  map: PageMap,
  seed: number,
  mix: Partial<Record<MarkKind, number>> = ORDINARY,
  always?: string,
): CellTruth[] {
  const r = prng(seed);
  const kinds = Object.entries(mix) as [MarkKind, number][];
  const total = kinds.reduce((s, [, w]) => s + w, 0);
  const cells = new Map<string, BoxMap[]>();
  for (const b of map.boxes) {
    const key = `${b.unit}\u0000${b.question}`;
    cells.set(key, [...(cells.get(key) ?? []), b]);
  }
  const truth: CellTruth[] = [];
  for (const boxes of cells.values()) {
    let roll = r() * total;
    const kind = kinds.find(([, w]) => (roll -= w) < 0)?.[0] ?? 'blank';
    const pen = between(r, 10, 60);
    const width = between(r, 0.3, 0.5);
    const drawn = Math.floor(r() * boxes.length);
    const k =
      always === undefined
        ? drawn
        : Math.max(
            0,
            boxes.findIndex((x) => x.answer === always),
          );
    const b = boxes[k];
    const other = boxes[(k + 1 + Math.floor(r() * (boxes.length - 1))) % boxes.length];
    let answer = b.answer;
    let ambiguous = false;
    if (kind === 'blank') answer = '';
    else if (kind === 'tick' || kind === 'stray') tick(img, dpi, b, r, pen, width);
    else if (kind === 'cross') cross(img, dpi, b, r, pen, width);
    else if (kind === 'filled') {
      fill(img, dpi, b, r, pen);
      ambiguous = true;
    } else if (kind === 'corrected') {
      fill(img, dpi, other, r, pen);
      (r() < 0.5 ? tick : cross)(img, dpi, b, r, pen, width);
    } else if (kind === 'double') {
      tick(img, dpi, b, r, pen, width);
      tick(img, dpi, other, r, pen, width);
      answer = '*';
    } else if (kind === 'pencil') {
      tick(img, dpi, b, r, between(r, 110, 150), between(r, 0.4, 0.6));
      ambiguous = true;
    } else if (kind === 'overflow') {
      tick(img, dpi, b, r, pen, width, between(r, 1.5, 2), { x: between(r, 0.4, 0.9), y: -between(r, 0.4, 0.9) });
      ambiguous = true;
    }
    if (kind === 'stray') {
      // In the row's text, away from every box: on a real banded page the unit columns start at 15 mm, where the
      // synthetic layout has text, so a stroke over boxes is drawn elsewhere along the row (or not at all).
      for (let attempt = 0; attempt < 20; attempt++) {
        const x = attempt === 0 ? between(r, 20, 50) : between(r, 12, map.width - 22);
        const y = b.y + between(r, -0.5, 2);
        const x1 = x + between(r, 3, 10);
        const y1 = y + between(r, -1, 1);
        const near = (q: Rect) =>
          Math.min(x, x1) < q.x + q.w + 1.5 && Math.max(x, x1) > q.x - 1.5 && Math.min(y, y1) < q.y + q.h + 1.5 && Math.max(y, y1) > q.y - 1.5;
        if (map.boxes.some(near)) continue;
        stroke(img, dpi, x, y, x1, y1, width, pen);
        break;
      }
    }
    truth.push({ unit: b.unit, question: b.question, answer, kind, ambiguous });
  }
  return truth;
}

/** How the scanner saw the page. */
export type Distortion = {
  dpi: number;
  /** Quarter turns clockwise, then a few degrees more (positive clockwise). */
  quarter: 0 | 90 | 180 | 270;
  angle: number;
  /** Shear of the sheet's y axis along x (tan of the angle), and a scale error of the scanner. */
  shear: number;
  scale: number;
  /** Standard deviation of grey noise, of a Gaussian blur (px); JPEG quality (null: none). */
  noise: number;
  blur: number;
  jpeg: number | null;
  mode: 'grey' | 'colour' | 'bw';
  /** Part of the sheet lost: its top 12 mm, or a 15 mm square at the image's top-left corner. */
  cut?: 'top' | 'corner';
};

export const CLEAN: Distortion = { dpi: 200, quarter: 0, angle: 0, shear: 0, scale: 1, noise: 0, blur: 0, jpeg: null, mode: 'grey' };

/** A seeded distortion: the distorted mix of the bench and the tests. */
export function randomDistortion(seed: number, clean = false): Distortion {
  const r = prng(seed);
  const dpi = pick(r, [150, 200, 200, 300, 300, 600]);
  const quarter = pick(r, [0, 0, 0, 90, 180, 270] as const);
  if (clean) return { ...CLEAN, dpi: pick(r, [200, 300]), quarter, angle: between(r, -1, 1) };
  return {
    dpi,
    quarter,
    angle: between(r, -3, 3),
    shear: between(r, -0.01, 0.01),
    scale: between(r, 0.98, 1.02),
    noise: pick(r, [0, 4, 8, 12]),
    blur: pick(r, [0, 0, 0.6, 1]) * (dpi / 200),
    jpeg: pick(r, [null, 90, 75, 60]),
    mode: pick(r, ['grey', 'grey', 'colour', 'bw'] as const),
  };
}

/**
 * The page as scanned. The mm→pixel map of the result is S·R·H (scale, rotation, shear) plus a shift that leaves a
 * 2 mm border of scanner lid (grey 235) round the turned sheet; each output pixel is sampled (bilinear) from `page`,
 * which was drawn at `pageDpi`. Then noise, blur, colour (a cream paper through RGB and back to grey by BT.601, as the
 * import does), JPEG, or a black-and-white threshold. Returns the grey image, the encoded file when JPEG was asked for,
 * and the true transform.
 */
export async function scanPage(
  page: GreyImage,
  pageDpi: number,
  sheet: { width: number; height: number },
  d: Distortion,
  seed: number,
): Promise<{ image: GreyImage; encoded: Buffer | null; transform: Affine }> {
  const r = prng(seed);
  const s = (d.dpi / 25.4) * d.scale;
  const th = ((d.quarter + d.angle) * Math.PI) / 180;
  const [cs, sn] = [Math.cos(th), Math.sin(th)];
  // M = S·R·H with H = [[1, shear], [0, 1]]: columns are where the sheet's x and y axes go.
  const a = s * cs;
  const b = s * sn;
  const c = s * (cs * d.shear - sn);
  const dd = s * (sn * d.shear + cs);
  const corners = [
    [0, 0],
    [sheet.width, 0],
    [0, sheet.height],
    [sheet.width, sheet.height],
  ].map(([x, y]) => [a * x + c * y, b * x + dd * y]);
  const border = 2 * s;
  const e = border - Math.min(...corners.map((p) => p[0]));
  const f = border - Math.min(...corners.map((p) => p[1]));
  const width = Math.ceil(Math.max(...corners.map((p) => p[0])) + e + border);
  let height = Math.ceil(Math.max(...corners.map((p) => p[1])) + f + border);
  const det = a * dd - b * c;
  const ps = pageDpi / 25.4;
  // Inverse map, output pixel centre → page pixel: u = iu·X + ju·Y + ku, stepped along each row.
  const iu = (dd / det) * ps;
  const ju = (-c / det) * ps;
  const iv = (-b / det) * ps;
  const jv = (a / det) * ps;
  const out = new Uint8Array(width * height);
  const p = page.data;
  const pw = page.width;
  for (let y = 0; y < height; y++) {
    const Y = y + 0.5 - f;
    let u = iu * (0.5 - e) + ju * Y - 0.5;
    let v = iv * (0.5 - e) + jv * Y - 0.5;
    for (let x = 0; x < width; x++, u += iu, v += iv) {
      const u0 = Math.floor(u);
      const v0 = Math.floor(v);
      if (u0 < 0 || v0 < 0 || u0 + 1 >= pw || v0 + 1 >= page.height) {
        out[y * width + x] = 235;
        continue;
      }
      const fu = u - u0;
      const fv = v - v0;
      const i = v0 * pw + u0;
      out[y * width + x] = (p[i] * (1 - fu) + p[i + 1] * fu) * (1 - fv) + (p[i + pw] * (1 - fu) + p[i + pw + 1] * fu) * fv;
    }
  }
  let transform: Affine = [a, b, c, dd, e, f];
  let data: Uint8Array = out;
  if (d.cut === 'top') {
    const drop = Math.round(14 * s);
    data = out.subarray(drop * width);
    height -= drop;
    transform = [a, b, c, dd, e, f - drop];
  } else if (d.cut === 'corner') {
    for (let y = 0; y < 17 * s; y++) for (let x = 0; x < 17 * s; x++) data[y * width + x] = 235;
  }
  if (d.noise > 0) {
    // Gaussian noise from a seeded table of 4,096 draws read at seeded offsets: one PRNG call a row, not two a pixel.
    const table = Float32Array.from({ length: 4096 }, () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r()) * d.noise);
    for (let y = 0; y < height; y++) {
      const at = Math.floor(r() * 4096);
      const step = 1 + 2 * Math.floor(r() * 1000);
      for (let x = 0, k = y * width, j = at; x < width; x++, k++, j = (j + step) & 4095) data[k] = Math.max(0, Math.min(255, data[k] + table[j]));
    }
  }
  let img = sharp(Buffer.from(data.buffer, data.byteOffset, data.length), { raw: { width, height, channels: 1 } });
  if (d.blur >= 0.3) img = img.blur(d.blur);
  if (d.mode === 'colour') {
    // Cream paper: the grey page times a paper colour, as a colour scanner would see it.
    const raw = await img.raw().toBuffer({ resolveWithObject: true });
    const grey = raw.info.channels === 1 ? raw.data : toGrey(raw.data, raw.info.channels);
    const rgb = Buffer.alloc(width * height * 3);
    for (let i = 0; i < grey.length; i++) {
      rgb[i * 3] = grey[i];
      rgb[i * 3 + 1] = (grey[i] * 246) / 255;
      rgb[i * 3 + 2] = (grey[i] * 228) / 255;
    }
    img = sharp(rgb, { raw: { width, height, channels: 3 } });
  }
  let encoded: Buffer | null = null;
  let pixels: Buffer;
  if (d.jpeg !== null && d.mode !== 'bw') {
    encoded = await img.jpeg({ quality: d.jpeg }).toBuffer();
    const back = await sharp(encoded).raw().toBuffer({ resolveWithObject: true });
    pixels = back.info.channels === 1 ? back.data : toGrey(back.data, back.info.channels);
  } else {
    const raw = await img.raw().toBuffer({ resolveWithObject: true });
    pixels = raw.info.channels === 1 ? raw.data : toGrey(raw.data, raw.info.channels);
  }
  if (d.mode === 'bw') for (let i = 0; i < pixels.length; i++) pixels[i] = pixels[i] < BW_THRESHOLD ? 0 : 255;
  return { image: { width, height, data: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.length) }, encoded, transform };
}

/**
 * The grey level under which a black-and-white scan prints black. Office scanners' default sits near the middle;
 * one this light keeps a light pencil mark (grey 110–150), which a darker threshold drops from the scan altogether,
 * where neither the reader nor a person can see it (README: scan in grey).
 */
const BW_THRESHOLD = 170;

/** RGB(A) to grey with the import's weights (server/render/pdf-raster.ts rgbaToGrey), alpha ignored. */
function toGrey(px: Buffer, channels: number): Buffer {
  const out = Buffer.alloc(px.length / channels);
  for (let i = 0, j = 0; j < out.length; i += channels, j++) out[j] = Math.round((299 * px[i] + 587 * px[i + 1] + 114 * px[i + 2]) / 1000);
  return out;
}

/**
 * One synthetic scan: the page drawn from `map` (or `page`, a real printed page rasterised at `pageDpi` with
 * server/render/pdf-raster.ts pdfPagesToGrey), marked by `mix`, scanned with `distortion`. Everything follows `seed`.
 */
export async function syntheticScan(opts: {
  map: PageMap & { serial: string };
  distortion: Distortion;
  seed: number;
  mix?: Partial<Record<MarkKind, number>>;
  page?: GreyImage;
  pageDpi?: number;
  qrText?: string | null;
}): Promise<{ image: GreyImage; encoded: Buffer | null; truth: CellTruth[]; transform: Affine }> {
  const pageDpi = opts.pageDpi ?? opts.distortion.dpi;
  const page = opts.page ? { ...opts.page, data: new Uint8Array(opts.page.data) } : drawPage(opts.map, pageDpi, opts.seed, opts.qrText);
  const truth = drawAnswers(page, pageDpi, opts.map, opts.seed + 1, opts.mix);
  const scanned = await scanPage(page, pageDpi, opts.map, opts.distortion, opts.seed + 2);
  return { ...scanned, truth };
}
