/** A registered page's tick boxes measured together: each kind of box's print learned from the page and taken off, the usual ink of each band, and whether the print inside a banded box can be trusted (issue 15). */
import { THRESHOLDS } from './decide';
import type { BoxMap } from './layout-map';
import { glyphInk, type Levels, learnPrint, measureBox, samplePatch } from './measure';
import type { GreyImage } from './reading';
import { median, type Affine } from './register';

/**
 * Fewest boxes of one kind (option code, size, code inside or not) on a page to learn their print from: eight where the
 * code is printed inside (the learned glyph is taken off the respondents' marks), three for the print around a box.
 */
const LEARN_MIN = { inside: 8, around: 3 } as const;

/**
 * A code printed inside its boxes is a small digit, about as much ink as any other code's: a learned glyph darker than
 * twice the page's usual glyph (plus this) holds respondents' marks (most boxes of that code ticked alike), and its
 * boxes go to a person (why 'print'). So do boxes where the print hides more than half of the inside (`SEEN_MIN`).
 */
const GLYPH_EXCESS = 0.03;
const SEEN_MIN = 0.5;

const upperQuartile = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor((v.length * 3) / 4)];

/** A kind of box: boxes of one kind have the same print in and around them wherever they sit in a table. */
const kindOf = (b: BoxMap) => `${b.answer}|${b.w.toFixed(1)}|${b.h.toFixed(1)}|${b.codeInside ? 1 : 0}`;

/**
 * Every box of the page measured with its kind's print taken off (measure.ts learnPrint), and whether the print under
 * it can be trusted: false for a box whose code is printed inside when its kind has too few boxes to learn the glyph,
 * when the learned glyph is too dark to be print alone (GLYPH_EXCESS), or when it hides most of the box (SEEN_MIN).
 * Found by the real-print bench: a black-and-white scan of a banded form turns the grey code black, which read as a
 * mark in every box (95 silent errors in 5,152 cells before any of this).
 */
export function measurePage(
  image: GreyImage,
  t: Affine,
  levels: Levels,
  boxes: BoxMap[],
): { fill: number; ring: number; edge: number; edges: number[]; trusted: boolean }[] {
  const patches = boxes.map((b) => samplePatch(image, t, b, levels));
  const byKind = new Map<string, number[]>();
  boxes.forEach((b, i) => {
    const k = kindOf(b);
    const list = byKind.get(k);
    if (list) list.push(i);
    else byKind.set(k, [i]);
  });
  const prints = new Map<string, Float32Array | null>();
  for (const [k, idx] of byKind) {
    const b = boxes[idx[0]];
    prints.set(
      k,
      learnPrint(
        idx.map((i) => patches[i]),
        b,
        !!b.codeInside,
        b.codeInside ? LEARN_MIN.inside : LEARN_MIN.around,
      ),
    );
  }
  const measured = boxes.map((b, i) => measureBox(patches[i], b, prints.get(kindOf(b))!));
  // Print that varies from box to box (the question's text just above a banded form's first line of boxes) is not
  // learned: in each band of each kind of box (the four outside, the one along the inside of the border, its four
  // sides), ink that a quarter of the kind's unmarked boxes show is taken as print too (marked boxes left out: their
  // marks reach the border and beyond).
  const bandsOf = (m: (typeof measured)[number]) => [...m.ring, m.edge, ...m.edges];
  const usualBands = new Map<string, number[]>();
  for (const [k, idx] of byKind) {
    const unmarked = idx.filter((i) => measured[i].fill < THRESHOLDS.blank).map((i) => bandsOf(measured[i]));
    usualBands.set(
      k,
      bandsOf(measured[idx[0]]).map((_, band) => (unmarked.length < LEARN_MIN.around ? 0 : upperQuartile(unmarked.map((v) => v[band])))),
    );
  }
  const glyphs = [...byKind].flatMap(([k, idx]) => (boxes[idx[0]].codeInside && prints.get(k) ? [glyphInk(prints.get(k)!, boxes[idx[0]])] : []));
  const usual = median(glyphs) ?? 0;
  return boxes.map((b, i) => {
    const print = prints.get(kindOf(b))!;
    const m = measured[i];
    const usualOf = usualBands.get(kindOf(b))!;
    const bands = bandsOf(m).map((v, band) => v - usualOf[band]);
    const trusted = !b.codeInside || (print !== null && glyphInk(print, b) <= 2 * usual + GLYPH_EXCESS && m.seen >= SEEN_MIN);
    return { fill: m.fill, ring: Math.max(...bands.slice(0, 4)), edge: bands[4], edges: bands.slice(5), trusted };
  });
}
