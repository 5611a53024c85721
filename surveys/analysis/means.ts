/** Means the report reads beside the scores: each unit's share of points by respondent group, and each question's mean fraction per form. */
import type { Campaign } from '../campaign';
import { roundHalfAway } from '../decimal';
import { fractionsOf } from '../scope';
import type { CellScore } from '../scoring';
import type { CountedForm } from './forms';

export type GroupMeanRow = {
  unit: string;
  group: string;
  /** The unit's criteria on which this group's mean is defined (n ≥ minValid). */
  criteria: number;
  /** Answers with a fraction behind those means. */
  n: number;
  /** Σ maxPoints × F[g,c,u] / Σ maxPoints over those criteria: the share of points this group's answers alone would give. */
  mean: number;
  /** 100 × mean, one decimal. */
  percent: number;
};

/**
 * Per unit and group, from the scoring's own group parts: each criterion counts by its maximum points, so the figure
 * is the share of the (reachable) points the group gives the unit, comparable with the unit's survey points ÷ maximum.
 * Only groups with a defined mean on a criterion (scoring's minValid) enter it; rows in campaign order of units and groups.
 */
export function groupMeans(c: Campaign, cells: CellScore[]): GroupMeanRow[] {
  const acc = new Map<string, { criteria: number; n: number; weighted: number; max: number }>();
  for (const x of cells) {
    for (const g of x.groups) {
      if (g.mean === null) continue;
      const key = `${x.unit}\u0000${g.group}`;
      const a = acc.get(key) ?? { criteria: 0, n: 0, weighted: 0, max: 0 };
      a.criteria++;
      a.n += g.n;
      a.weighted += x.maxPoints * g.mean;
      a.max += x.maxPoints;
      acc.set(key, a);
    }
  }
  return c.units.flatMap((u) =>
    c.groups.flatMap((g) => {
      const a = acc.get(`${u.code}\u0000${g.code}`);
      if (!a || a.max === 0) return [];
      const mean = a.weighted / a.max;
      return [{ unit: u.code, group: g.code, criteria: a.criteria, n: a.n, mean, percent: roundHalfAway(100 * mean, 1) }];
    }),
  );
}

export type QuestionMeanRow = {
  form: string;
  question: string;
  criterion: string;
  /** Cells of counted forms answered with a fraction (blank, spoiled and "Không biết" left out). */
  n: number;
  /** Mean fraction over those cells; null when there are none. */
  mean: number | null;
  /** 100 × mean, one decimal; null when there are no cells. */
  percent: number | null;
};

/** Per (form, question), over every group and rated unit, in the form's order of questions. */
export function questionMeans(c: Campaign, forms: CountedForm[]): QuestionMeanRow[] {
  const fractionOf = new Map(c.forms.map((f) => [f.code, fractionsOf(c, f)]));
  const acc = new Map<string, { n: number; sum: number }>();
  for (const f of forms) {
    const fractions = fractionOf.get(f.form);
    for (const x of f.cells) {
      const v = fractions?.get(x.answer.toUpperCase());
      if (v === undefined || v === null) continue;
      const key = `${f.form}\u0000${x.question}`;
      const a = acc.get(key) ?? { n: 0, sum: 0 };
      a.n++;
      a.sum += v;
      acc.set(key, a);
    }
  }
  return c.forms.flatMap((f) =>
    f.questions.map((q) => {
      const a = acc.get(`${f.code}\u0000${q.code}`);
      const mean = a ? a.sum / a.n : null;
      return { form: f.code, question: q.code, criterion: q.criterion, n: a?.n ?? 0, mean, percent: mean === null ? null : roundHalfAway(100 * mean, 1) };
    }),
  );
}
