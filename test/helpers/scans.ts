/** Constructed scans for the import's plumbing tests: page images that carry an index in their first pixel, a reader that answers the reading given for that index, and layouts built by hand. */
import sharp from 'sharp';
import type { StoredCampaign } from '../../db/campaigns.repo';
import type { Db } from '../../db/open';
import { importScans, type PageReader, type ScanDeps } from '../../server/scan/import-scans';
import type { FormMap, PageMap } from '../../surveys/omr/layout-map';
import { registrationMarks } from '../../surveys/omr/layout-map';
import type { CellReading, PageReading } from '../../surveys/omr/reading';

/** Page images of a constructed scan are this small (a 210 × 297 mm sheet at 1 px/mm): the fake reader needs one pixel. */
export const PAGE_W = 210;
export const PAGE_H = 297;

/** Page `i`'s image: white, with i in its first pixel and a dark bar across the row of every cell it reads, so crops show something. */
function pagePixels(i: number, reading: PageReading): Buffer {
  const px = Buffer.alloc(PAGE_W * PAGE_H, 255);
  if (reading.ok)
    for (const c of reading.cells)
      for (let y = Math.floor(c.row.y); y < c.row.y + c.row.h; y++) px.fill(40, y * PAGE_W + Math.floor(c.row.x), y * PAGE_W + Math.floor(c.row.x + c.row.w));
  px[0] = i;
  return px;
}

/** All pages as one multi-page TIFF, in the order given (the reader finds each by its first pixel). */
export async function scanTiff(readings: PageReading[]): Promise<Buffer> {
  const roll = Buffer.concat(readings.map((r, i) => pagePixels(i, r)));
  return sharp(roll, { raw: { width: PAGE_W, height: PAGE_H * readings.length, channels: 1, pageHeight: PAGE_H } })
    .tiff({ compression: 'lzw' })
    .toBuffer();
}

/** One page as a PNG. */
export async function scanPng(readings: PageReading[], i: number): Promise<Buffer> {
  return sharp(pagePixels(i, readings[i]), { raw: { width: PAGE_W, height: PAGE_H, channels: 1 } })
    .png()
    .toBuffer();
}

/**
 * A reader that answers readings[first pixel]: a page that was read (ok) is identified by its id as the real reader
 * identifies it by its QR code, and comes back `page-unknown` when no map is given for it; a page that was not is
 * returned as is.
 */
export function fakeReader(readings: PageReading[]): PageReader {
  const corner = { x: 0, y: 0 };
  const qr = { text: '', version: 1, topLeft: corner, topRight: corner, bottomLeft: corner, bottomRight: corner };
  return {
    identify: async (image) => {
      const r = readings[image.data[0]];
      return r.ok ? { ok: true, serial: r.id.serial, page: r.id.page, pages: r.id.pages, campaign: null, qr } : r;
    },
    read: async (image, _found, map) => {
      const r = readings[image.data[0]];
      if (!r.ok) return r;
      return map ? r : { ok: false, problem: { kind: 'page-unknown', serial: r.id.serial, page: r.id.page } };
    },
  };
}

/** A layout with every page the readings name (no boxes: the fake reader does not measure), as measureLayoutMap would give it. */
export function fakeLayout(readings: PageReading[]): ScanDeps['layoutOf'] {
  return async (_c, serials) => {
    const maps = new Map<string, FormMap>();
    for (const r of readings) {
      if (!r.ok || !serials.includes(r.id.serial)) continue;
      const page: PageMap = {
        page: r.id.page,
        pages: r.id.pages,
        orientation: 'portrait',
        width: 210,
        height: 297,
        marks: registrationMarks(210, 297),
        qr: { x: 180, y: 10, w: 20, h: 20 },
        boxes: [],
      };
      const f = maps.get(r.id.serial) ?? { serial: r.id.serial, form: 'F1', group: 'G1', home: null, pages: [] };
      if (!f.pages.some((p) => p.page === page.page)) f.pages.push(page);
      maps.set(r.id.serial, f);
    }
    return maps;
  };
}

export const fakeDeps = (readings: PageReading[]): ScanDeps => ({ ...fakeReader(readings), layoutOf: fakeLayout(readings) });

/** A cell read off a constructed page: its row a 60 × 5 mm band at `y` mm. */
export const readCell = (unit: string, question: string, answer: string, y: number, unsure?: CellReading['why']): CellReading => ({
  unit,
  question,
  answer,
  sure: unsure === undefined,
  ...(unsure ? { why: unsure } : {}),
  fill: [],
  row: { x: 120, y, w: 60, h: 5 },
});

/** A page read upright at 1 px/mm (the constructed images' scale). */
export function readPageOf(serial: string, page: number, pages: number, cells: CellReading[]): PageReading {
  return { ok: true, id: { serial, page, pages }, rotation: 0, skew: 0, dpi: 25.4, transform: [1, 0, 0, 1, 0, 0], cells };
}

/** Imports constructed readings as one scanned TIFF `lo.tif` scanned by Thu (from the CLI: no signed-in person); throws when the import is refused. */
export async function importReadings(db: Db, c: StoredCampaign, readings: PageReading[], scansDir: string) {
  const out = await importScans(
    db,
    c,
    [{ name: 'lo.tif', bytes: await scanTiff(readings) }],
    { scannedBy: 'Thu', by: null },
    { scansDir, deps: fakeDeps(readings) },
  );
  if (!out.ok) throw new Error(JSON.stringify(out));
  return out;
}
