/** How the scan reader turns the measured darkness of a cell's tick boxes into an answer, '' blank, '*' spoiled, or a cell for a person: pure rules, thresholds relative to the page's own paper and ink. */
import type { CellReading } from './reading';

/**
 * One box as measured (measure.ts, print taken off): `fill` the darkness of its inside (printed border excluded, 0
 * paper to 1 ink as measured on the same page), `ring` of the thin bands just outside it (the darkest side), `edge` of
 * the band just inside its border, less what the page's unmarked boxes of the kind usually show there, so only ink the
 * respondent added shows. `near`: for each of the cell's other boxes printed within NEAR_MM of this one (banded forms:
 * 0.5–0.8 mm apart, where one mark can run from box to box), the ink along this box's border on the side facing it.
 */
export type BoxMeasure = { code: string; fill: number; ring: number; edge?: number; near?: Readonly<Record<string, number>> };

/**
 * The thresholds on `fill` (share of the box's inside covered by ink of full strength), set from the synthetic scans
 * (README, «Đọc phiếu quét»): an empty box reads under 0.025 even on a noisy JPEG scan, a pen tick 0.15–0.46, a pen
 * cross 0.30–0.68, a box filled in 0.77–1.
 * - below BLANK: nothing there;
 * - BLANK to MARK: faint (a light pencil mark, a smudge, the tail of a neighbour's mark): a person looks;
 * - MARK to DENSE: a mark;
 * - DENSE to FILLED: a heavy mark that may be a box filled in: a mark alone, a person looks when there is another;
 * - FILLED and above: a box filled in, which cancels it (SDAPS's reading: filling a ticked box is how a respondent
 *   takes an answer back).
 * RING: ink outside an unmarked box that may be a mark drawn beside it; EDGE: ink along the inside of its border, a
 * large mark drawn round the part of the box that `fill` measures (an oversized tick read 0.052 inside, 0.13 outside and
 * 0.2 along the border on the synthetic bench, and blank before this rule). WEAK: two marks whose weaker is under this
 * share of the stronger are not read as two marks (spoiled) without a person; nor are they when the weaker is light
 * (under TAIL) and has ink outside its box, or, next to the stronger, along its border on the side facing it while under
 * NEAR_WEAK of the stronger (ink ≥ TOUCH, lower than RING: a stroke crossing a band fills only part of it): the tail
 * of one mark that ran into the next box read 0.125–0.142 with 0.14–0.27 outside on the real-print bench; on a banded form the print between boxes 0.5 mm apart hides that ink,
 * and a tester found three oversized ticks in box 9 whose stroke ran up into box 3 (0.12–0.17 beside 0.22–0.36, 46–54 %)
 * read spoiled, sure; ordinary double ticks next to each other measured 66–95 % on the real-print bench.
 */
/** Boxes whose printed edges are at most this far apart (mm) are next to each other (BoxMeasure.near). */
export const NEAR_MM = 1.2;

export const THRESHOLDS = {
  blank: 0.06,
  mark: 0.12,
  dense: 0.68,
  filled: 0.74,
  ring: 0.15,
  edge: 0.08,
  weak: 0.45,
  tail: 0.2,
  touch: 0.08,
  nearWeak: 0.6,
} as const;

type Decision = Pick<CellReading, 'answer' | 'sure' | 'why'>;

const guessOf = (marked: BoxMeasure[]) => (marked.length === 0 ? '' : marked.length === 1 ? marked[0].code : '*');

/**
 * A cell's answer from its boxes, in this order:
 * 1. A box filled in (fill ≥ FILLED) is a correction. With exactly one ordinary mark elsewhere (MARK ≤ fill < DENSE)
 *    and nothing faint, that mark is the answer, sure. Anything else with a box filled in (the filled box alone, which
 *    may be a respondent filling boxes to answer; two filled boxes; a filled box beside a heavy or faint mark or
 *    several marks) goes to a person with why 'correction' (guess: the other marks; with none, the filled box when it is the only one).
 * 2. Any faint box: a person, why 'faint' (guess: the clear marks, else the faint box when there is one).
 * 3. No mark: blank, unless ink sits just outside a box (ring ≥ RING) or along the inside of its border (edge ≥
 *    EDGE): a person, why 'overflow', guess blank (no box holds a mark: a person who presses Enter keeps it blank; the
 *    band above a banded form's boxes catches the question's text now and then).
 * 4. One mark: its code, sure.
 * 5. Several marks: spoiled '*', sure, when they are of like strength; when the weakest is under WEAK × the strongest,
 *    or a light one (under TAIL) has ink outside its box or, next to the strongest, along its border facing it (a mark
 *    that ran into the next box), a person, why 'several' (guess the strongest); when one is heavy (DENSE… FILLED, a half-filled box), a
 *    person, why 'correction' (guess '*').
 */
export function decideCell(boxes: BoxMeasure[], t: Record<keyof typeof THRESHOLDS, number> = THRESHOLDS): Decision {
  const filled = boxes.filter((b) => b.fill >= t.filled);
  const marked = boxes.filter((b) => b.fill >= t.mark && b.fill < t.filled);
  const faint = boxes.filter((b) => b.fill >= t.blank && b.fill < t.mark);
  const heavy = marked.filter((b) => b.fill >= t.dense);
  if (filled.length > 0) {
    if (marked.length === 1 && heavy.length === 0 && faint.length === 0) return { answer: marked[0].code, sure: true };
    return { answer: marked.length > 0 ? guessOf(marked) : filled.length === 1 ? filled[0].code : '', sure: false, why: 'correction' };
  }
  if (faint.length > 0) return { answer: marked.length > 0 ? guessOf(marked) : faint.length === 1 ? faint[0].code : '', sure: false, why: 'faint' };
  if (marked.length === 0) {
    const beside = boxes.some((b) => b.ring >= t.ring || (b.edge ?? 0) >= t.edge);
    return beside ? { answer: '', sure: false, why: 'overflow' } : { answer: '', sure: true };
  }
  if (marked.length === 1) return { answer: marked[0].code, sure: true };
  const strongest = marked.reduce((a, b) => (b.fill > a.fill ? b : a));
  if (
    marked.some(
      (b) =>
        b.fill < t.weak * strongest.fill ||
        (b !== strongest && b.fill < t.tail && (b.ring >= t.touch || ((b.near?.[strongest.code] ?? 0) >= t.touch && b.fill < t.nearWeak * strongest.fill))),
    )
  )
    return { answer: strongest.code, sure: false, why: 'several' };
  if (heavy.length > 0) return { answer: '*', sure: false, why: 'correction' };
  return { answer: '*', sure: true };
}
