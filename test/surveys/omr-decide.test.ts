/** The scan reader's cell rules over measured box darkness, case by case (thresholds: blank 0.06, mark 0.12, dense 0.68, filled 0.74, ring 0.15, edge 0.08, weak 0.45, tail 0.2, touch 0.08, nearWeak 0.6; boxes within 1.2 mm are near). */
import { describe, expect, it } from 'vitest';
import { decideCell, THRESHOLDS } from '../../surveys/omr/decide';

const CODES = ['1', '2', '3', '4', '9'];
/** Five boxes 1 2 3 4 9 with these fills, and rings (ink just outside, page's usual band already taken off) when given. */
const cell = (fills: number[], rings: number[] = [], edges: number[] = []) =>
  fills.map((fill, i) => ({ code: CODES[i], fill, ring: rings[i] ?? 0, edge: edges[i] ?? 0 }));
/** Box 3 printed next to box 9 (a banded form's two lines of boxes, 0.5 mm apart), with the ink along box 3's border facing box 9. */
const banded = (fills: number[], facing = 0) =>
  cell(fills).map((b) => ({ ...b, near: (b.code === '3' ? { '9': facing } : b.code === '9' ? { '3': 0 } : {}) as Record<string, number> }));

describe('decideCell', () => {
  it.each([
    // fills 1 2 3 4 9                      rings                    answer sure   why
    ['all empty', [0, 0.01, 0.02, 0, 0.03], [], '', true, undefined],
    ['one tick', [0, 0.29, 0, 0, 0], [], '2', true, undefined],
    ['a thin tick just over MARK', [0, 0, 0.13, 0, 0], [], '3', true, undefined],
    ['a cross heavier than DENSE stays a mark when alone', [0.7, 0, 0, 0, 0], [], '1', true, undefined],
    ['two ticks of like strength: spoiled', [0.3, 0, 0.25, 0, 0], [], '*', true, undefined],
    // 0.13 < 0.45 × 0.4 = 0.18: the weaker is the tail of a mark that ran over.
    ['a strong mark and a weak one', [0, 0.4, 0.13, 0, 0], [], '2', false, 'several'],
    // Found by the real-print bench: an oversized tick in box 4 of a banded form ran into box 2 (0.13 beside 0.26, over
    // WEAK × 0.26 = 0.117) and read '*' sure; the ink that entered box 2 shows in its band (0.14 ≥ TOUCH 0.08; 0.13 < TAIL 0.2).
    ['a mark that ran into the next box, ink between them', [0, 0.13, 0, 0.26, 0], [0, 0.14, 0, 0.04, 0], '4', false, 'several'],
    ['two ticks of like strength, a little ink outside the weaker (under TOUCH)', [0.3, 0, 0.15, 0, 0], [0, 0, 0.07, 0, 0], '*', true, undefined],
    ['two ticks of like strength, one poking out of its box (over TAIL)', [0.25, 0, 0.265, 0, 0], [0.12, 0, 0, 0, 0], '*', true, undefined],
    ['two marks, one heavy (half filled)', [0.7, 0.4, 0, 0, 0], [], '*', false, 'correction'],
    ['faint alone (0.06 ≤ 0.09 < 0.12)', [0, 0, 0, 0.09, 0], [], '4', false, 'faint'],
    ['faint beside a mark', [0, 0.09, 0.3, 0, 0], [], '3', false, 'faint'],
    ['a box filled in and a tick: the tick', [0.95, 0, 0, 0.3, 0], [], '4', true, undefined],
    ['a box filled in alone: a person (answer or taken back?)', [0, 0, 0.9, 0, 0], [], '3', false, 'correction'],
    ['two boxes filled in', [0.9, 0.8, 0, 0, 0], [], '', false, 'correction'],
    ['filled, and two ticks', [0.9, 0.3, 0.3, 0, 0], [], '*', false, 'correction'],
    ['filled beside a heavy cross', [0.9, 0.69, 0, 0, 0], [], '2', false, 'correction'],
    ['filled beside a faint mark: the filled box is the guess', [0.9, 0, 0.08, 0, 0], [], '1', false, 'correction'],
    // The guess is blank: no box holds a mark (a tester pressed Enter on «2» for an empty cell whose band caught the
    // question's text above it).
    ['no mark inside, ink just outside box 9', [0, 0, 0, 0, 0.02], [0, 0, 0, 0.05, 0.2], '', false, 'overflow'],
    // EDGE 0.08: ink along the inside of a box's border, none in the middle (a big tick round the measured inside).
    ['no mark inside, ink along the border of box 3', [0, 0, 0.05, 0, 0], [0, 0, 0.13, 0, 0], '', false, 'overflow', [0, 0, 0.18, 0, 0]],
    ['an empty cell, a trace along a border under EDGE', [0, 0, 0.01, 0, 0], [], '', true, undefined, [0, 0, 0.05, 0, 0]],
    ['a mark, and ink outside another box: the mark', [0.3, 0, 0, 0, 0], [0, 0, 0.3, 0, 0], '1', true, undefined],
  ] as const)('%s', (_, fills, rings, answer, sure, why, edges?: readonly number[]) => {
    expect(decideCell(cell([...fills], [...rings], [...(edges ?? [])]))).toEqual(why ? { answer, sure, why } : { answer, sure });
  });

  // A tester's finding on CT-01: an oversized tick in box 9 ran up into box 3 (0.12–0.17 beside 0.22–0.36, over WEAK)
  // and read spoiled, sure; the print between the boxes hides the ink that crossed, but not its way in along box 3's
  // border facing box 9. A light mark with no ink on that side, or in a box away from it, is a second mark.
  it.each([
    ['a light mark next to the stronger, ink along the border facing it: a person', [0, 0, 0.15, 0, 0.3], 0.2, '9', false, 'several'],
    ['a light mark next to the stronger, clear of the border facing it: spoiled', [0, 0, 0.15, 0, 0.3], 0.02, '*', true, undefined],
    ['two ordinary marks next to each other: spoiled', [0, 0, 0.25, 0, 0.3], 0.2, '*', true, undefined],
    // NEAR_WEAK 0.6: 0.17 ≥ 0.6 × 0.26 = 0.156, a second tick of like strength touching the border: spoiled.
    ['a light second tick of like strength next to the stronger: spoiled', [0, 0, 0.17, 0, 0.26], 0.2, '*', true, undefined],
  ] as const)('%s', (_, fills, facing, answer, sure, why) => {
    expect(decideCell(banded([...fills], facing))).toEqual(why ? { answer, sure, why } : { answer, sure });
  });

  it('reads the thresholds it is given', () => {
    expect(decideCell(cell([0.1, 0, 0, 0, 0]), { ...THRESHOLDS, mark: 0.1 })).toEqual({ answer: '1', sure: true });
    expect(decideCell(cell([0.1, 0, 0, 0, 0]))).toEqual({ answer: '1', sure: false, why: 'faint' });
  });
});
