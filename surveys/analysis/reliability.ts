/** Cronbach's alpha of each form's questions: items are the questions, cases are (form, rated unit) pairs with every question answered with a fraction. */
import { sampleVariance } from 'simple-statistics';
import type { Campaign } from '../campaign';
import { fractionsOf } from '../scope';
import type { CountedForm } from './forms';

export type ReliabilityRow = { form: string; items: number; n: number; alpha: number | null };

/** alpha = k / (k − 1) × (1 − Σ var(item) / var(total)), sample variances; null with fewer than 2 items or cases, or no spread in the totals. */
export function cronbachAlpha(cases: number[][]): number | null {
  const k = cases[0]?.length ?? 0;
  if (k < 2 || cases.length < 2) return null;
  const itemVariances = Array.from({ length: k }, (_, i) => sampleVariance(cases.map((row) => row[i])));
  const totalVariance = sampleVariance(cases.map((row) => row.reduce((s, x) => s + x, 0)));
  if (totalVariance === 0) return null;
  return (k / (k - 1)) * (1 - itemVariances.reduce((s, x) => s + x, 0) / totalVariance);
}

export function reliability(c: Campaign, forms: CountedForm[]): ReliabilityRow[] {
  return c.forms.map((form) => {
    const fractionOf = fractionsOf(c, form);
    const position = new Map(form.questions.map((q, i) => [q.code, i]));
    const k = form.questions.length;
    const cases: number[][] = [];
    for (const f of forms.filter((x) => x.form === form.code)) {
      const byUnit = new Map<string, (number | null)[]>();
      for (const x of f.cells) {
        const i = position.get(x.question);
        if (i === undefined) continue;
        const row = byUnit.get(x.unit) ?? Array<number | null>(k).fill(null);
        row[i] = fractionOf.get(x.answer.toUpperCase()) ?? null;
        byUnit.set(x.unit, row);
      }
      for (const row of byUnit.values()) if (row.every((v) => v !== null)) cases.push(row as number[]);
    }
    return { form: form.code, items: k, n: cases.length, alpha: cronbachAlpha(cases) };
  });
}
