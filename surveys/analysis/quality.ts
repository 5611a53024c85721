/** Data-quality flags that never drop data: straight-lined forms and units that many respondents cannot judge. */
import type { Campaign } from '../campaign';
import { roundHalfAway } from '../decimal';
import { BLANK, SPOILED } from '../ledger';
import { optionsOf } from '../scope';
import type { CountedForm } from './forms';

/** A form is looked at only with at least this many answered cells: three identical answers say nothing. */
export const STRAIGHT_LINE_MIN_CELLS = 10;
/** A unit is flagged when at least this share (percent) of the cells rating it are "Không biết". */
export const DONT_KNOW_FLAG_PERCENT = 30;

export type StraightLineRow = { id: string; group: string; home: string | null; form: string; answered: number; answer: string };
export type DontKnowRow = { unit: string; cells: number; dontKnow: number; percent: number | null; flagged: boolean };

/** Forms whose answered cells (not blank, not spoiled) all hold one option, with at least `minCells` of them. */
export function straightLined(forms: CountedForm[], minCells = STRAIGHT_LINE_MIN_CELLS): StraightLineRow[] {
  return forms.flatMap((f) => {
    const answered = f.cells.filter((x) => x.answer !== BLANK && x.answer !== SPOILED).map((x) => x.answer.toUpperCase());
    if (answered.length < minCells || answered.some((a) => a !== answered[0])) return [];
    return [{ id: f.id, group: f.group, home: f.home, form: f.form, answered: answered.length, answer: answered[0] }];
  });
}

/** Per rated unit: the share of its cells (over counted forms, blanks included) answered "Không biết", flagged at `flagPercent`. */
export function dontKnowShares(c: Campaign, forms: CountedForm[], flagPercent = DONT_KNOW_FLAG_PERCENT): DontKnowRow[] {
  const dontKnowOf = new Map(
    c.forms.map((form) => [
      form.code,
      new Set(
        optionsOf(c, form)
          .filter((o) => o.fraction === null)
          .map((o) => o.code.toUpperCase()),
      ),
    ]),
  );
  const tally = new Map<string, { cells: number; dontKnow: number }>();
  for (const f of forms) {
    const dk = dontKnowOf.get(f.form);
    for (const x of f.cells) {
      const t = tally.get(x.unit) ?? { cells: 0, dontKnow: 0 };
      t.cells++;
      if (dk?.has(x.answer.toUpperCase())) t.dontKnow++;
      tally.set(x.unit, t);
    }
  }
  return c.units.flatMap((u) => {
    const t = tally.get(u.code);
    if (!t) return [];
    const percent = roundHalfAway((100 * t.dontKnow) / t.cells, 1);
    return [{ unit: u.code, cells: t.cells, dontKnow: t.dontKnow, percent, flagged: percent >= flagPercent }];
  });
}
