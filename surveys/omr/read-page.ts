/** The scan reader (issue 15): a page image and the layout map in, the page's identity, how it lay, its mm→pixel transform and every cell's reading out. */
import { decideCell, NEAR_MM, type BoxMeasure } from './decide';
import { REGISTRATION_MARK, type BoxMap, type PageMap, type Rect } from './layout-map';
import { sideFacing } from './measure';
import { measurePage } from './measure-page';
import { type Identified, identifyPage, type QrFound } from './qr';
import type { CellReading, GreyImage, PageId, PageReading, ReadPage } from './reading';
import { apply, centreOf, findMark, fitAffine, inkAndPaper, scaleOf, worstResidual, type Affine, type Point } from './register';

/**
 * Registration tolerances, in mm: a mark is looked for within SEARCH of where it is predicted; four marks must fit
 * one affine within FIT (a scanner's pixels are square and straight to far better than that); the QR code's centre
 * must land within QR of where the marks put it (jsqr's corners are found on a page shrunk to about 95 dpi).
 */
export const REGISTRATION = { search: 12, fit: 0.5, qr: 2 } as const;

/** The similarity (scale, rotation, shift) taking mm points p1, p2 to pixel points q1, q2. */
function similarity(p1: Point, q1: Point, p2: Point, q2: Point): Affine {
  const dx = p2.x - p1.x;
  const dy = p2.y - p1.y;
  const ex = q2.x - q1.x;
  const ey = q2.y - q1.y;
  const n = dx * dx + dy * dy;
  const ar = (ex * dx + ey * dy) / n;
  const ai = (ey * dx - ex * dy) / n;
  return [ar, ai, -ai, ar, q1.x - ar * p1.x + ai * p1.y, q1.y - ai * p1.x - ar * p1.y];
}

const mid = (qr: QrFound): Point => ({
  x: (qr.topLeft.x + qr.topRight.x + qr.bottomLeft.x + qr.bottomRight.x) / 4,
  y: (qr.topLeft.y + qr.topRight.y + qr.bottomLeft.y + qr.bottomRight.y) / 4,
});

/**
 * A first guess of the mm→pixel map from the QR code alone: its direction gives the rotation, its centre the shift,
 * and the image's size the scale (the image is the sheet, or the bounding box of the sheet turned by the angle).
 */
function firstGuess(img: GreyImage, map: PageMap, qr: QrFound): Affine {
  const theta = Math.atan2(qr.topRight.y - qr.topLeft.y, qr.topRight.x - qr.topLeft.x);
  const spread = Math.abs(Math.cos(theta)) + Math.abs(Math.sin(theta));
  const s = (img.width + img.height) / ((map.width + map.height) * spread);
  const q = mid(qr);
  const c = centreOf(map.qr);
  const ar = s * Math.cos(theta);
  const ai = s * Math.sin(theta);
  return [ar, ai, -ai, ar, q.x - ar * c.x + ai * c.y, q.y - ai * c.x - ar * c.y];
}

type Registered = { t: Affine; found: number } | null;

/**
 * The page's affine from its registration marks, looked for nearest the QR code first; each mark found sharpens the
 * prediction of the next (two points: a similarity with the QR's centre; three or more: an affine). The final fit
 * uses the marks alone. Null when fewer than three marks are found or they do not agree with one another and the QR.
 */
function register(img: GreyImage, map: PageMap, qr: QrFound): Registered {
  const qrMm = centreOf(map.qr);
  const qrPx = mid(qr);
  let t = firstGuess(img, map, qr);
  const order = map.marks
    .map((m, i) => ({ i, c: centreOf(m) }))
    .sort((a, b) => Math.hypot(a.c.x - qrMm.x, a.c.y - qrMm.y) - Math.hypot(b.c.x - qrMm.x, b.c.y - qrMm.y));
  const mm: Point[] = [];
  const px: Point[] = [];
  for (const { c } of order) {
    const s = scaleOf(t);
    const p = findMark(img, apply(t, c.x, c.y), REGISTRATION_MARK.size * s, REGISTRATION.search * s);
    if (!p) continue;
    mm.push(c);
    px.push(p);
    t = (mm.length === 1 ? similarity(qrMm, qrPx, c, p) : fitAffine([qrMm, ...mm], [qrPx, ...px])) ?? t;
  }
  if (mm.length < 3) return null;
  const qrOff = (a: Affine) => Math.hypot(apply(a, qrMm.x, qrMm.y).x - qrPx.x, apply(a, qrMm.x, qrMm.y).y - qrPx.y) / scaleOf(a);
  const all = fitAffine(mm, px);
  if (mm.length === 4 && all && worstResidual(all, mm, px) <= REGISTRATION.fit && qrOff(all) <= REGISTRATION.qr) return { t: all, found: 4 };
  // Three marks fix an affine exactly, with nothing left to check it but the QR code: a mark cut off, or one of four that does not fit.
  const threes = mm.length === 3 ? [[0, 1, 2]] : [0, 1, 2, 3].map((skip) => [0, 1, 2, 3].filter((k) => k !== skip));
  const fits = threes
    .map((k) =>
      fitAffine(
        k.map((i) => mm[i]),
        k.map((i) => px[i]),
      ),
    )
    .filter((a): a is Affine => a !== null)
    .map((a) => ({ a, off: qrOff(a) }))
    .sort((x, y) => x.off - y.off);
  return fits.length > 0 && fits[0].off <= REGISTRATION.qr ? { t: fits[0].a, found: 3 } : null;
}

/** The boxes of each cell, in the map's order. */
function cellsOf(boxes: BoxMap[]): BoxMap[][] {
  const byCell = new Map<string, BoxMap[]>();
  for (const b of boxes) {
    const key = `${b.unit}\u0000${b.question}`;
    const list = byCell.get(key);
    if (list) list.push(b);
    else byCell.set(key, [b]);
  }
  return [...byCell.values()];
}

/** The rectangle of a cell's boxes with room for the option codes printed to their left. */
function rowOf(boxes: Rect[]): Rect {
  const x0 = Math.min(...boxes.map((b) => b.x)) - 3;
  const y0 = Math.min(...boxes.map((b) => b.y)) - 1;
  const x1 = Math.max(...boxes.map((b) => b.x + b.w)) + 1;
  const y1 = Math.max(...boxes.map((b) => b.y + b.h)) + 1;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** The gap (mm) between two rectangles' edges: 0 when they overlap in both directions. */
const gapMm = (a: Rect, b: Rect) => Math.max(0, a.x - (b.x + b.w), b.x - (a.x + a.w), a.y - (b.y + b.h), b.y - (a.y + a.h));

/**
 * Reads one page. A QR code with the serial alone (forms printed before issue 15) names no page: it is read as page 1
 * when `mapOf({ serial, page: 1, pages: 1 })` answers with a one-page map, else it is a problem `page-unknown` with
 * page 0. With three registration marks only, every cell is read but sent to a person (why 'registration').
 */
export const readPage: ReadPage = async (image, mapOf) => readIdentified(image, identifyPage(image), mapOf);

/** readPage after its first step: the page already identified by `identifyPage(image)`. */
export function readIdentified(image: GreyImage, found: Identified, mapOf: (id: PageId) => PageMap | null): PageReading {
  if (!found.ok) return found;
  const { serial, qr } = found;
  const id: PageId = found.page === null ? { serial, page: 1, pages: 1 } : { serial, page: found.page, pages: found.pages! };
  const map = mapOf(id);
  if (!map || map.page !== id.page || (found.page === null && map.pages !== 1))
    return { ok: false, problem: { kind: 'page-unknown', serial, page: found.page ?? 0 } };
  const reg = register(image, map, qr);
  if (!reg) return { ok: false, problem: { kind: 'marks-not-found', serial, page: id.page } };
  const { t } = reg;
  const levels = inkAndPaper(image, t, map.marks);
  const measured = measurePage(image, t, levels, map.boxes);
  const byBox = new Map(map.boxes.map((b, i) => [b, measured[i]]));
  const cells: CellReading[] = cellsOf(map.boxes).map((boxes) => {
    const ms: BoxMeasure[] = boxes.map((b) => ({
      code: b.answer,
      fill: byBox.get(b)!.fill,
      ring: byBox.get(b)!.ring,
      edge: byBox.get(b)!.edge,
      near: Object.fromEntries(boxes.filter((o) => o !== b && gapMm(o, b) <= NEAR_MM).map((o) => [o.answer, byBox.get(b)!.edges[sideFacing(b, o)]])),
    }));
    const d = !boxes.every((b) => byBox.get(b)!.trusted)
      ? { ...decideCell(ms), sure: false, why: 'print' as const }
      : reg.found === 4
        ? decideCell(ms)
        : { ...decideCell(ms), sure: false, why: 'registration' as const };
    return { unit: boxes[0].unit, question: boxes[0].question, ...d, fill: ms.map((m) => round3(m.fill)), row: rowOf(boxes) };
  });
  const angle = (Math.atan2(t[1], t[0]) * 180) / Math.PI;
  const quarter = ((Math.round(angle / 90) % 4) + 4) % 4;
  return {
    ok: true,
    id,
    rotation: (quarter * 90) as 0 | 90 | 180 | 270,
    skew: Math.round((angle - Math.round(angle / 90) * 90) * 100) / 100,
    dpi: Math.round(scaleOf(t) * 25.4),
    transform: t,
    cells,
  };
}
