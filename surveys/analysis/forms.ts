/** The analysis's one input shape: the settled cells of counted forms (as the answers export loads them) gathered per form, and the tallies scoring reads, made from them. */
import type { AnsweredCell } from '../answers-export';
import type { Tally } from '../scoring';

export type CountedForm = { id: string; group: string; home: string | null; form: string; cells: { unit: string; question: string; answer: string }[] };

/** Cells gathered per form, in the order the forms first appear. */
export function formsOf(cells: AnsweredCell[]): CountedForm[] {
  const byId = new Map<string, CountedForm>();
  for (const x of cells) {
    let f = byId.get(x.responseId);
    if (!f) byId.set(x.responseId, (f = { id: x.responseId, group: x.group, home: x.home, form: x.form, cells: [] }));
    f.cells.push({ unit: x.unit, question: x.question, answer: x.answer });
  }
  return [...byId.values()];
}

/** The tallies of db/scores.repo loadTallies (count of cells by group, unit, question, answer), from the same cells. */
export function talliesOf(forms: CountedForm[]): Tally[] {
  const byKey = new Map<string, Tally>();
  for (const f of forms) {
    for (const x of f.cells) {
      const key = `${f.group}\u0000${x.unit}\u0000${x.question}\u0000${x.answer}`;
      const t = byKey.get(key);
      if (t) t.count++;
      else byKey.set(key, { group: f.group, unit: x.unit, question: x.question, answer: x.answer, count: 1 });
    }
  }
  return [...byKey.values()];
}
