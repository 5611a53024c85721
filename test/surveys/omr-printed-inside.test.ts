/** Boxes with their option code printed inside (banded forms: a grey code in each 3.5 mm box): the print is not a respondent's mark. */
import { describe, expect, it } from 'vitest';
import type { GreyImage, PageId } from '../../surveys/omr/reading';
import { printedInside, printTooDark, readPage } from '../../surveys/omr/read-page';
import { CLEAN, drawAnswers, drawPage, scanPage, syntheticPageMap } from '../helpers/synthetic-scan';

describe('printedInside', () => {
  // Ten boxes of code 4: eight print-only (0.08), two marked (0.3, 0.4): the lower quartile (sorted index 10/4 = 2) is
  // 0.08. Code 9: eight of ten marked: the quartile 0.3 is a mark, not print, so nothing is taken off. Code 1: 5 boxes,
  // too few to tell. Code 2: quartile 0.11, just under MARK (0.12): taken.
  it.each([
    ['print under most boxes', [...Array(8).fill(0.08), 0.3, 0.4], '4', 0.08],
    ['most boxes marked', [0.05, 0.06, ...Array(8).fill(0.3)], '9', undefined],
    ['too few boxes', Array(5).fill(0.08), '1', undefined],
    ['just lighter than a mark', [...Array(9).fill(0.11), 0.5], '2', 0.11],
  ])('%s', (_name, fills, code, expected) => {
    expect(printedInside((fills as number[]).map((fill) => ({ code, fill }))).get(code)).toBe(expected);
  });
});

describe('printTooDark', () => {
  // Code 4's lower quartile (sorted index 10/4 = 2) is 0.13, at or over MARK (0.12): print as dark as a mark. 0.11: not.
  // Too few boxes (5) of a dark code: not judged.
  it.each([
    ['black print under most boxes', [...Array(8).fill(0.13), 0.3, 0.4], true],
    ['grey print', [...Array(8).fill(0.11), 0.3, 0.4], false],
    ['too few boxes', Array(5).fill(0.2), false],
  ])('%s', (_name, fills, expected) => {
    expect(printTooDark((fills as number[]).map((fill) => ({ code: '4', fill })))).toBe(expected);
  });
});

/** A page drawn from its map with each box's code printed inside at grey `level`, `every` pixel in n of its glyph's area. */
function pageWithCodes(level: number, every: number) {
  const map = syntheticPageMap({ serial: '012344', layout: 'stacked' });
  const dpi = 300;
  const page: GreyImage = drawPage(map, dpi, 3);
  const s = dpi / 25.4;
  for (const b of map.boxes)
    for (let y = Math.round((b.y + b.h / 2 - 0.8) * s); y < (b.y + b.h / 2 + 0.8) * s; y++)
      for (let x = Math.round((b.x + b.w / 2 - 0.55) * s); x < (b.x + b.w / 2 + 0.55) * s; x++)
        if ((x + y) % every === 0) page.data[y * page.width + x] = level;
  return { map, dpi, page };
}

describe('a page whose boxes carry their option code inside', () => {
  it('sends every cell to a person when the printed code reads as dark as a mark (a black-and-white scan), never reading one wrong', async () => {
    const { map, dpi, page } = pageWithCodes(0, 2);
    const truth = drawAnswers(page, dpi, map, 11, { tick: 55, cross: 25, blank: 8 });
    const scan = await scanPage(page, dpi, map, { ...CLEAN, mode: 'bw' }, 12);
    const r = await readPage(scan.image, (id: PageId) => (id.serial === map.serial ? map : null));
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    expect(r.cells.filter((c, i) => c.sure && c.answer !== truth[i].answer)).toEqual([]);
    expect(new Set(r.cells.map((c) => `${c.sure} ${c.why}`))).toEqual(new Set(['false print']));
  });

  it('reads every ordinary mark sure and right, not as faint (a grey code inside each box reads 0.06–0.11)', async () => {
    const map = syntheticPageMap({ serial: '012344', layout: 'stacked' });
    const dpi = 300;
    const page: GreyImage = drawPage(map, dpi, 3);
    // The code as banded forms print it: grey #555 (85), a 1.1 × 1.6 mm glyph's worth in the middle of the box.
    const s = dpi / 25.4;
    for (const b of map.boxes)
      for (let y = Math.round((b.y + b.h / 2 - 0.8) * s); y < (b.y + b.h / 2 + 0.8) * s; y++)
        for (let x = Math.round((b.x + b.w / 2 - 0.55) * s); x < (b.x + b.w / 2 + 0.55) * s; x++) if ((x + y) % 4 === 0) page.data[y * page.width + x] = 85;
    const truth = drawAnswers(page, dpi, map, 11, { tick: 55, cross: 25, blank: 8 });
    const scan = await scanPage(page, dpi, map, CLEAN, 12);
    const r = await readPage(scan.image, (id: PageId) => (id.serial === map.serial ? map : null));
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    const off = r.cells.flatMap((c, i) => (c.sure && c.answer === truth[i].answer ? [] : [`${c.unit}.${c.question}: ${c.answer} ${c.why ?? ''} ${c.fill}`]));
    expect(off).toEqual([]);
  });
});
