/** The page's own print learned from its boxes and taken off what the reader measures: rules and neighbouring boxes round every box, and the option code printed inside banded forms' boxes, in grey or turned black by a black-and-white scan. */
import { describe, expect, it } from 'vitest';
import { learnPrint, measureBox, type Patch } from '../../surveys/omr/measure';
import type { PageId } from '../../surveys/omr/reading';
import { readPage } from '../../surveys/omr/read-page';
import { CLEAN, drawAnswers, drawPage, scanPage, syntheticPageMap } from '../helpers/synthetic-scan';

// A 3.5 mm box's patch reaches 0.7 mm beyond it on a 0.1 mm grid: 49 × 49 samples; sample i sits at u = −0.65 + 0.1·i mm
// from the box's left edge. Inside past the border and margin (0.65 mm): i = 14…34; the glyph zone (centre ± 0.8 mm
// across): i = 16…32. Sample (2, 24) lies in the band left of the box (u = −0.45).
const box = { x: 0, y: 0, w: 3.5, h: 3.5 };
const N = 49;
function patches(count: number, ink: [i: number, j: number, dark: number, inHowMany: number][]): Patch[] {
  return Array.from({ length: count }, (_, p) => {
    const data = new Float32Array(N * N);
    for (const [i, j, dark, inHowMany] of ink) if (p < inHowMany) data[j * N + i] = dark;
    return { nx: N, ny: N, data };
  });
}
const at = (t: Float32Array | null, i: number, j: number) => t![j * N + i];

describe('learnPrint', () => {
  it('learns print that every box of the kind carries, widened two samples outside the box', () => {
    const t = learnPrint(patches(8, [[2, 24, 0.6, 8]]), box, false, 8);
    expect([at(t, 2, 24), at(t, 0, 24), at(t, 4, 26), at(t, 5, 24)]).toEqual([expect.closeTo(0.6), expect.closeTo(0.6), expect.closeTo(0.6), 0]);
  });

  // Lower quartile of 8 is the 3rd lightest (index 2): learned when 6 of 8 boxes carry it, not when 5 do.
  it.each([
    [6, 0.5],
    [5, 0],
  ])('learns a printed code in the glyph zone when %i boxes in 8 carry it', (inHowMany, learned) => {
    const t = learnPrint(patches(8, [[24, 24, 0.5, inHowMany]]), box, true, 8);
    expect(at(t, 24, 24)).toBeCloseTo(learned);
    // Inside the box, widened one sample only.
    expect(at(t, 25, 24)).toBeCloseTo(learned);
    expect(at(t, 26, 24)).toBe(0);
  });

  it('never learns ink inside a box outside the glyph zone, or anywhere inside where no code is printed: a respondent who ticks every box alike', () => {
    expect(at(learnPrint(patches(8, [[14, 24, 0.9, 8]]), box, true, 8), 14, 24)).toBe(0);
    expect(at(learnPrint(patches(8, [[24, 24, 0.9, 8]]), box, false, 8), 24, 24)).toBe(0);
  });

  it('learns nothing from too few boxes', () => {
    expect(learnPrint(patches(7, [[2, 24, 0.6, 7]]), box, false, 8)).toBeNull();
  });
});

describe('measureBox', () => {
  it('measures the inside less the print, leaving out what print of 0.2 or more hides', () => {
    // The inside past border and margin is i, j = 13…34 (u = 0.65…2.75 mm; 2.85 falls between samples): 22 × 22 = 484
    // samples, painted 0.3 dark (with some of the border zone round them, which is not measured). Print 0.1 on row 20
    // (22 samples): measured 0.2 there; print 0.5 on rows 30…34 (110 samples): hidden.
    // fill = (352 × 0.3 + 22 × 0.2) / 374 = 110 / 374 = 0.29412; seen = 374 / 484 = 0.77273; nothing in the bands.
    const [p] = patches(1, []);
    const print = new Float32Array(N * N);
    for (let j = 10; j <= 38; j++)
      for (let i = 10; i <= 38; i++) {
        p.data[j * N + i] = 0.3;
        if (j === 20) print[j * N + i] = 0.1;
        if (j >= 30) print[j * N + i] = 0.5;
      }
    const m = measureBox(p, box, print);
    expect(m.fill).toBeCloseTo(0.29412, 4);
    expect(m.seen).toBeCloseTo(0.77273, 4);
    expect(m.ring).toEqual([0, 0, 0, 0]);
  });
});

describe('a banded page: the option code printed inside every box', () => {
  const map = syntheticPageMap({ serial: '012344', layout: 'stacked', codeInside: true });
  const mapOf = (id: PageId) => (id.serial === map.serial ? map : null);
  const wrongOrUnsure = async (mode: 'grey' | 'bw', always?: string) => {
    const page = drawPage(map, 300, 3);
    const truth = drawAnswers(page, 300, map, 11, { tick: 55, cross: 25, blank: 8 }, always);
    const r = await readPage((await scanPage(page, 300, map, { ...CLEAN, mode }, 12)).image, mapOf);
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    return {
      silent: r.cells.flatMap((c, i) => (c.sure && c.answer !== truth[i].answer ? [`${c.unit}.${c.question}: ${c.answer} for ${truth[i].answer}`] : [])),
      unsure: r.cells.flatMap((c, i) => (c.sure ? [] : [`${c.unit}.${c.question}: ${c.why} ${truth[i].kind} ${c.fill}`])),
    };
  };

  // Found by the real-print bench: a black-and-white scan turns the grey code black; read as a mark in every box it made
  // 95 silent errors in 5,152 cells, and then sent every cell of such pages to a person.
  // The print hides part of each box (a third under a «9»), so a small tick over the code can read faint: one cell in
  // 90 here goes to a person.
  it.each(['grey', 'bw'] as const)('reads the ordinary pen marks of a %s scan right, sure but for a faint few', async (mode) => {
    const { silent, unsure } = await wrongOrUnsure(mode);
    expect(silent).toEqual([]);
    expect(unsure.length).toBeLessThanOrEqual(2);
    for (const u of unsure) expect(u).toMatch(/: faint /);
  });

  it.each(['grey', 'bw'] as const)('never reads wrong a respondent who ticks the same code in every cell (%s)', async (mode) => {
    const { silent, unsure } = await wrongOrUnsure(mode, '4');
    expect(silent).toEqual([]);
    expect(unsure.length).toBeLessThan(map.boxes.length / 5);
  });
});
