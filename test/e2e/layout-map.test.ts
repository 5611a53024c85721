/** The layout map against the printed page: forms printed to PDF by Chromium, rasterised at 300 dpi, every mark, tick box and QR code found where the map says, within 0.5 mm. */
import jsQR from 'jsqr';
import { beforeAll, describe, expect, it } from 'vitest';
import { printableForms } from '../../db/forms.repo';
import { openDb } from '../../db/open';
import { measureForms, measureLayoutMap } from '../../server/render/layout-map';
import { htmlToPdf } from '../../server/render/pdf';
import { pdfPagesToGrey } from '../../server/render/pdf-raster';
import { renderPrintRun } from '../../server/render/render';
import type { Campaign } from '../../surveys/campaign';
import { type LayoutMap, type PageMap, qrPayload, type Rect, registrationMarks } from '../../surveys/omr/layout-map';
import type { GreyImage } from '../../surveys/omr/reading';
import type { PrintableForm } from '../../surveys/print-layout';
import { SAMPLE_CAMPAIGN, seedCampaign } from '../helpers/seed';

const DPI = 300;
const px = DPI / 25.4; // pixels a mm: 11.81
/** How far the map may be from the paper. */
const TOLERANCE = 0.5;

/** The mean grey of a rectangle given in mm (0 black, 255 white). */
function mean(img: GreyImage, x: number, y: number, w: number, h: number): number {
  const x0 = Math.round(x * px);
  const y0 = Math.round(y * px);
  const x1 = Math.max(x0 + 1, Math.round((x + w) * px));
  const y1 = Math.max(y0 + 1, Math.round((y + h) * px));
  let sum = 0;
  for (let j = y0; j < y1; j++) for (let i = x0; i < x1; i++) sum += img.data[j * img.width + i];
  return sum / ((x1 - x0) * (y1 - y0));
}

/** The darkest and lightest pixel of a rectangle in mm. */
function range(img: GreyImage, r: Rect): { min: number; max: number } {
  let min = 255;
  let max = 0;
  for (let j = Math.round(r.y * px); j < Math.round((r.y + r.h) * px); j++)
    for (let i = Math.round(r.x * px); i < Math.round((r.x + r.w) * px); i++) {
      min = Math.min(min, img.data[j * img.width + i]);
      max = Math.max(max, img.data[j * img.width + i]);
    }
  return { min, max };
}

const grow = (r: Rect, d: number): Rect => ({ x: r.x - d, y: r.y - d, w: r.w + 2 * d, h: r.h + 2 * d });

/**
 * Where a box's border line crosses the middle half of one side, searched within ±0.5 mm of the mapped edge: the
 * line's outer edge in mm, or null. The border is 0.3 mm of pure black, so a strip 1 pixel across its middle is
 * below 50; the option code printed inside banded boxes is grey (#555, 85), never that dark.
 */
function edge(img: GreyImage, b: Rect, side: 'left' | 'right' | 'top' | 'bottom'): number | null {
  const vertical = side === 'left' || side === 'right';
  const mapped = side === 'left' ? b.x : side === 'right' ? b.x + b.w : side === 'top' ? b.y : b.y + b.h;
  const inward = side === 'left' || side === 'top' ? 1 : -1;
  const step = 1 / px;
  let best: { at: number; grey: number } | null = null;
  for (let d = -TOLERANCE; d <= TOLERANCE; d += step) {
    // A one-pixel strip at the middle of a 0.3 mm line whose outer edge is at mapped + d.
    const at = mapped + d + inward * 0.15;
    const grey = vertical ? mean(img, at, b.y + b.h / 4, step, b.h / 2) : mean(img, b.x + b.w / 4, at, b.w / 2, step);
    if (grey < 50 && (!best || grey < best.grey)) best = { at: mapped + d, grey };
  }
  return best?.at ?? null;
}

/** What does not match the map on one rasterised page, as readable lines (an empty list when all is where it says). */
function pageProblems(img: GreyImage, serial: string, page: PageMap): string[] {
  const problems: string[] = [];
  const where = `${serial}/${page.page}`;
  expect(Math.abs(img.width / px - page.width)).toBeLessThan(0.2);
  page.marks.forEach((m, k) => {
    // Solid black inside (0.5 mm in from each edge), white around it (0.5 to 1 mm out): its edges are within 0.5 mm.
    if (range(img, grow(m, -TOLERANCE)).max > 80) problems.push(`${where}: mark ${k} is not solid dark at its rect`);
    const around = grow(m, 2 * TOLERANCE);
    const ring = [
      { x: around.x, y: around.y, w: around.w, h: TOLERANCE },
      { x: around.x, y: m.y + m.h + TOLERANCE, w: around.w, h: TOLERANCE },
      { x: around.x, y: around.y, w: TOLERANCE, h: around.h },
      { x: m.x + m.w + TOLERANCE, y: around.y, w: TOLERANCE, h: around.h },
    ];
    if (ring.some((r) => range(img, r).min < 150)) problems.push(`${where}: mark ${k} is bigger than or not at its rect`);
  });
  for (const b of page.boxes) {
    const name = `${where} box ${b.unit}.${b.question}=${b.answer}`;
    const left = edge(img, b, 'left');
    const right = edge(img, b, 'right');
    const top = edge(img, b, 'top');
    const bottom = edge(img, b, 'bottom');
    if (left === null || right === null || top === null || bottom === null) {
      const missing = Object.entries({ left, right, top, bottom }).filter(([, e]) => e === null);
      problems.push(`${name}: no border line within ${TOLERANCE} mm of its ${missing.map(([side]) => side).join(', ')} side`);
      continue;
    }
    // Between the lines found, nothing black: they are this box's own sides, not a neighbour's (the code inside is grey).
    const inner = { x: left + 0.45, y: top + 0.45, w: right - left - 0.9, h: bottom - top - 0.9 };
    for (let x = inner.x; x < inner.x + inner.w; x += 1 / px)
      if (mean(img, x, inner.y, 1 / px, inner.h) < 60) {
        problems.push(`${name}: a dark line inside the box`);
        break;
      }
    if (mean(img, inner.x, inner.y, inner.w, inner.h) < 170) problems.push(`${name}: the inside is not light`);
  }
  // The QR code: decoded from the mapped rect and 2 mm around, its symbol 4 modules in from the rect (the quiet zone of the SVG).
  const qr = readQr(img, DPI, grow(page.qr, 2));
  // Every form here is of the sample campaign (patched forms keep its code).
  if (qr?.text !== qrPayload(serial, page.page, page.pages, 'LCU-2020')) problems.push(`${where}: the QR code at its rect reads ${JSON.stringify(qr?.text)}`);
  else {
    // A version 1 code (21 modules: "serial/page/pages/tag" is at most 20 characters of its alphanumeric mode) and 4 modules of quiet zone each side.
    const symbol = grow(page.qr, -(page.qr.w * 4) / 29);
    const expected = [
      { x: symbol.x, y: symbol.y },
      { x: symbol.x + symbol.w, y: symbol.y },
      { x: symbol.x + symbol.w, y: symbol.y + symbol.h },
      { x: symbol.x, y: symbol.y + symbol.h },
    ];
    if (qr.corners.some((p, k) => Math.hypot(p.x - expected[k].x, p.y - expected[k].y) > TOLERANCE)) problems.push(`${where}: the QR code is not at its rect`);
  }
  return problems;
}

/** The forms printed to PDF as `print --out F.pdf` does, and each page rasterised at 300 dpi. */
async function printedPages(c: Campaign, forms: PrintableForm[]): Promise<{ pdf: Buffer; pages: GreyImage[] }> {
  const pdf = await htmlToPdf(await renderPrintRun(c, forms));
  const pages: GreyImage[] = [];
  for await (const img of pdfPagesToGrey(pdf, DPI)) pages.push(img);
  return { pdf, pages };
}

/** The QR code found in a rectangle (mm) of a page rasterised at `dpi`: its text and its symbol's corners in mm on the page (top-left, top-right, bottom-right, bottom-left), or null. */
function readQr(img: GreyImage, dpi: number, r: Rect): { text: string; corners: { x: number; y: number }[] } | null {
  const s = dpi / 25.4;
  const x0 = Math.round(r.x * s);
  const y0 = Math.round(r.y * s);
  const w = Math.round(r.w * s);
  const h = Math.round(r.h * s);
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let j = 0; j < h; j++)
    for (let i = 0; i < w; i++) {
      const g = img.data[(y0 + j) * img.width + x0 + i];
      rgba.set([g, g, g, 255], (j * w + i) * 4);
    }
  const qr = jsQR(rgba, w, h, { inversionAttempts: 'dontInvert' });
  if (!qr) return null;
  const { topLeftCorner, topRightCorner, bottomRightCorner, bottomLeftCorner } = qr.location;
  return {
    text: qr.data,
    corners: [topLeftCorner, topRightCorner, bottomRightCorner, bottomLeftCorner].map((p) => ({ x: (x0 + p.x) / s, y: (y0 + p.y) / s })),
  };
}

/** Forms of the sample of every kind the printer lays out, and a copy whose long forms take three pages. */
function sampleForms(patch?: (raw: Record<string, any>) => void): { c: Campaign; forms: PrintableForm[] } {
  const db = openDb(':memory:');
  const { c } = seedCampaign(db, { file: SAMPLE_CAMPAIGN, patch });
  return { c: c.def, forms: printableForms(db, c.id, {}) };
}
/** A form's questions `times` over (codes 1.1 … 3.10): a sample form that needs more than one page. */
function longer(raw: Record<string, any>, form: string, times: number) {
  const f = raw.forms.find((x: { code: string }) => x.code === form);
  f.questions = Array.from({ length: times }, (_, k) => f.questions.map((q: { code: string }) => ({ ...q, code: `${k + 1}.${q.code}` }))).flat();
}

type Printed = { map: LayoutMap; pdf: Buffer; pages: GreyImage[] };
const printed: Printed[] = [];

beforeAll(async () => {
  // CT-01: 20 departments banded on one landscape page, the QR code beside the compact heading; CT-02: one unit, a
  // column per option; CH-02: 8 districts stacked two boxes a line (portrait).
  const sample = sampleForms();
  const one = ['CT-01', 'CT-02', 'CH-02'].map((code) => sample.forms.find((f) => sample.c.groups.find((g) => g.code === f.groupCode)!.form === code)!);
  // CT-03 three times as long: banded over three landscape pages, the later ones with a footer; CH-03 four times: a
  // one-unit form over three portrait pages.
  const long = sampleForms((raw) => {
    longer(raw, 'CT-03', 3);
    longer(raw, 'CH-03', 4);
  });
  const many = ['CT-03', 'CH-03'].map((code) => long.forms.find((f) => long.c.groups.find((g) => g.code === f.groupCode)!.form === code)!);
  for (const { c, forms } of [
    { c: sample.c, forms: one },
    { c: long.c, forms: many },
  ])
    printed.push({ map: await measureLayoutMap(c, forms), ...(await printedPages(c, forms)) });
}, 300_000);

describe('the layout map', () => {
  it('covers the kinds of printed page: banded, one unit in columns, stacked, and forms of three pages', () => {
    const pages = printed.flatMap((p) => p.map.forms.flatMap((f) => f.pages));
    expect(pages.map((p) => p.orientation)).toContain('landscape');
    expect(pages.map((p) => p.orientation)).toContain('portrait');
    expect(printed[1].map.forms.map((f) => f.pages.length)).toEqual([3, 3]);
    // Every page: the four marks of the shared definition, and as many pages in the PDF as in the map.
    for (const p of printed) {
      expect(p.pages).toHaveLength(p.map.forms.reduce((n, f) => n + f.pages.length, 0));
      for (const page of p.map.forms.flatMap((f) => f.pages)) expect(page.marks).toEqual(registrationMarks(page.width, page.height));
    }
  });

  it('matches the printed pages within 0.5 mm: marks solid at their rects, every box with its four sides, the QR code readable where it says', async () => {
    let boxes = 0;
    const problems: string[] = [];
    for (const p of printed) {
      const pages = p.map.forms.flatMap((f) => f.pages.map((page) => ({ serial: f.serial, page })));
      for (const [k, { serial, page }] of pages.entries()) {
        boxes += page.boxes.length;
        problems.push(...pageProblems(p.pages[k], serial, page));
      }
    }
    expect(problems).toEqual([]);
    expect(boxes).toBeGreaterThan(2000);
  });

  it('finds a box, a mark or a QR code moved by 1 mm', async () => {
    const { map, pages } = printed[0];
    const page = map.forms[0].pages[0];
    const serial = map.forms[0].serial;
    for (const [dx, dy] of [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ]) {
      const moved = (r: Rect) => ({ ...r, x: r.x + dx, y: r.y + dy });
      for (const k of [0, 7, page.boxes.length - 1]) {
        const boxes = page.boxes.map((b, i) => (i === k ? { ...b, ...moved(b) } : b));
        const found = pageProblems(pages[0], serial, { ...page, boxes });
        expect(found.length).toBeGreaterThan(0);
        for (const line of found) expect(line).toContain(`box ${page.boxes[k].unit}.${page.boxes[k].question}=${page.boxes[k].answer}`);
      }
      const marks = page.marks.map((m, i) => (i === 2 ? moved(m) : m)) as PageMap['marks'];
      expect(pageProblems(pages[0], serial, { ...page, marks, boxes: [] })).toContain(`${serial}/1: mark 2 is bigger than or not at its rect`);
      expect(pageProblems(pages[0], serial, { ...page, qr: moved(page.qr), boxes: [] })).toContain(`${serial}/1: the QR code is not at its rect`);
    }
  });

  it('has QR codes that read at 150 dpi, the coarsest scan the reader takes (0.52 mm modules in the 15 mm code)', async () => {
    for (const p of printed) {
      const pages = p.map.forms.flatMap((f) => f.pages.map((page) => ({ serial: f.serial, page })));
      let k = 0;
      for await (const img of pdfPagesToGrey(p.pdf, 150)) {
        const { serial, page } = pages[k++];
        expect(readQr(img, 150, grow(page.qr, 2))?.text).toBe(qrPayload(serial, page.page, page.pages, p.map.campaign));
      }
      expect(k).toBe(pages.length);
    }
  });

  it('is measured once per layout: forms of one group and home unit measure the same but for the serial', async () => {
    const { c, forms } = sampleForms();
    // Two forms of each of three groups at one home unit, their serials and access codes all different.
    const pairs = ['CT01-LDH', 'CH01-HDND', 'CH02-LDS'].flatMap((g) => {
      const same = forms.filter((f) => f.groupCode === g);
      const at = same.filter((f) => f.homeUnit === same[0].homeUnit && f.targets.join() === same[0].targets.join());
      expect(at.length).toBeGreaterThan(1);
      return at.slice(0, 2);
    });
    const each = await measureForms(c, pairs);
    for (let k = 0; k < each.length; k += 2) {
      expect(each[k].serial).not.toBe(each[k + 1].serial);
      expect(each[k + 1].pages).toEqual(each[k].pages);
    }
    // And the map shares the first form's geometry with the others, reporting progress over all the forms.
    const progress: [number, number][] = [];
    const map = await measureLayoutMap(c, pairs, { onProgress: (done, total) => progress.push([done, total]) });
    expect(map.forms.map((f) => f.pages)).toEqual(each.map((f) => f.pages));
    expect(map.forms.map((f) => f.serial)).toEqual(pairs.map((f) => f.serial));
    expect(progress.at(-1)).toEqual([pairs.length, pairs.length]);
  }, 120_000);
});
