/** Answer distributions: per (form, question), and per (form, question, group), the count and share of each option, "Không biết", blank and spoiled, over the cells of counted forms. */
import type { Campaign } from '../campaign';
import { roundHalfAway } from '../decimal';
import { BLANK, SPOILED } from '../ledger';
import { optionsOf } from '../scope';
import type { CountedForm } from './forms';

export type DistributionRow = {
  form: string;
  question: string;
  /** null for all groups together. */
  group: string | null;
  /** An option code, '' for blank, '*' for spoiled. */
  answer: string;
  label: string;
  /** The option carries no fraction ("Không biết"). */
  dontKnow: boolean;
  count: number;
  /** Cells of counted forms to this question (each form × rated unit): the denominator. */
  cells: number;
  /** 100 × count / cells, one decimal; null when there are no cells. */
  percent: number | null;
};

/** Every option of the form's set (in set order), then blank and spoiled, even at count 0, so tables line up. */
export function distributions(c: Campaign, forms: CountedForm[]): DistributionRow[] {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const f of forms) {
    for (const x of f.cells) {
      const answer = x.answer === BLANK || x.answer === SPOILED ? x.answer : x.answer.toUpperCase();
      for (const g of ['', f.group]) {
        add(`${f.form}\u0000${x.question}\u0000${g}\u0000${answer}`);
        add(`${f.form}\u0000${x.question}\u0000${g}`);
      }
    }
  }
  const rows: DistributionRow[] = [];
  for (const form of c.forms) {
    const options = optionsOf(c, form);
    const groups = [null, ...c.groups.filter((g) => g.form === form.code).map((g) => g.code)];
    for (const q of form.questions) {
      for (const g of groups) {
        const base = `${form.code}\u0000${q.code}\u0000${g ?? ''}`;
        const cells = counts.get(base) ?? 0;
        const row = (answer: string, label: string, dontKnow: boolean) => {
          const count = counts.get(`${base}\u0000${answer.toUpperCase()}`) ?? 0;
          rows.push({
            form: form.code,
            question: q.code,
            group: g,
            answer,
            label,
            dontKnow,
            count,
            cells,
            percent: cells ? roundHalfAway((100 * count) / cells, 1) : null,
          });
        };
        for (const o of options) row(o.code, o.label, o.fraction === null);
        row(BLANK, 'Để trống', false);
        row(SPOILED, 'Ô hỏng', false);
      }
    }
  }
  return rows;
}
