/** PDF output: the packaged Chromium (forced, as on a machine without Debian's) prints Vietnamese in the embedded Noto fonts, and a run printed in pieces joins into one PDF, in order. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { printableForms } from '../../db/forms.repo';
import { openDb } from '../../db/open';
import { launchChromium, resolveChromium } from '../../server/render/chromium';
import { htmlPiecesToPdf, htmlToPdf } from '../../server/render/pdf';
import { renderPrintPieces, renderPrintRun } from '../../server/render/render';
import { SAMPLE_CAMPAIGN, seedCampaign } from '../helpers/seed';

/** Every Flate stream of a PDF, inflated (Chromium compresses fonts, content and ToUnicode maps). */
function streams(pdf: Buffer): string[] {
  const out: string[] = [];
  const text = pdf.toString('latin1');
  for (const m of text.matchAll(/\/FlateDecode[\s\S]*?stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = text.indexOf('endstream', start);
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // Not every match is a whole stream (a dictionary naming the filter of another); those are skipped.
    }
  }
  return out;
}

/** Code points that the PDF's fonts map glyphs to (ToUnicode CMaps), as lower-case hex. */
function mappedCodePoints(pdf: Buffer): Set<string> {
  const cps = new Set<string>();
  for (const s of streams(pdf).filter((x) => x.includes('beginbf')))
    for (const m of s.matchAll(/<([0-9A-Fa-f]{4})>\s*(?:\r?\n|$)/gm)) cps.add(m[1].toLowerCase());
  return cps;
}

describe('the packaged Chromium', () => {
  it('is chosen when CHROMIUM_PATH=packaged, whatever is installed, and launches', async () => {
    const resolved = await resolveChromium('packaged');
    expect(resolved.source).toBe('packaged');
    expect(resolved.executablePath).not.toBe('/usr/bin/chromium');
    const browser = await launchChromium('packaged');
    try {
      // @sparticuz/chromium's major version is the Chromium it carries.
      const pkg = join(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '..', 'package.json');
      const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version: string };
      expect(browser.version().split('.')[0]).toBe(version.split('.')[0]);
    } finally {
      await browser.close();
    }
  });

  it('prints a print run with Vietnamese text in the embedded Noto Sans and Noto Serif', async () => {
    const db = openDb(':memory:');
    const { c } = seedCampaign(db);
    const html = await renderPrintRun(c.def, printableForms(db, c.id, {}).slice(0, 1));
    const pdf = await htmlToPdf(html, { chromium: 'packaged' });
    const text = pdf.toString('latin1');
    expect(text).toMatch(/\/BaseFont\s*\/[A-Z]{6}\+NotoSans/);
    expect(text).toMatch(/\/BaseFont\s*\/[A-Z]{6}\+NotoSerif/);
    // Every glyph comes from the embedded faces: a character they lack (the ✗ the instructions once used) would pull in
    // whatever the machine has, or nothing at all on a machine without fonts.
    const fonts = [...text.matchAll(/\/BaseFont\s*\/(?:[A-Z]{6}\+)?([\w-]+)/g)].map((m) => m[1]);
    expect(fonts.filter((f) => !/^Noto(Sans|Serif)-/.test(f))).toEqual([]);
    // "ỦY BAN NHÂN DÂN", "SỞ NỘI VỤ" (upper case by the CSS), "Cách trả lời", "thực", "Đơn vị", "trường" are drawn with
    // glyphs of the embedded fonts: Ủ U+1EE6, Ộ U+1ED8, Ụ U+1EE4, ả U+1EA3, ờ U+1EDD, ự U+1EF1, ế U+1EBF, Đ U+0110,
    // ơ U+01A1, ư U+01B0.
    const cps = mappedCodePoints(pdf);
    for (const cp of ['1ee6', '1ed8', '1ee4', '1ea3', '1edd', '1ef1', '1ebf', '0110', '01a1', '01b0']) expect(cps, `U+${cp.toUpperCase()}`).toContain(cp);
  });
});

describe('a run printed in pieces', () => {
  it('joins every sheet of every piece into one PDF, in order', async () => {
    const db = openDb(':memory:');
    const { c } = seedCampaign(db, { file: SAMPLE_CAMPAIGN });
    // One form of each group: portrait and landscape forms of one, two and three pages.
    const forms = [...new Map(printableForms(db, c.id, {}).map((f) => [f.groupCode, f])).values()];
    const pieces = await renderPrintPieces(c.def, forms, 3);
    expect(pieces.length).toBeGreaterThan(2);
    const done: number[] = [];
    const pdf = await htmlPiecesToPdf(
      pieces.map((p) => p.html),
      { onPiece: (i) => done.push(i) },
    );
    expect(done.sort((a, b) => a - b)).toEqual(pieces.map((_, i) => i));
    // Each sheet's orientation, in the run's order, against the joined pages' shapes.
    const orientations = [...(await renderPrintRun(c.def, forms)).matchAll(/class="sheet (portrait|landscape)"/g)].map((m) => m[1]);
    const doc = await PDFDocument.load(pdf);
    expect(orientations).toContain('landscape');
    expect(orientations).toContain('portrait');
    expect(doc.getPages().map((p) => (p.getWidth() > p.getHeight() ? 'landscape' : 'portrait'))).toEqual(orientations);
  });
});
