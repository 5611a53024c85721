/** Per (unit, criterion, group): n, mean fraction, standard deviation and the 95 % t-interval of the mean (clipped to [0, 1]), from the answers with a fraction. */
import jStat from 'jstat';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { Campaign } from '../campaign';
import { formOf, fractionsOf } from '../scope';
import type { CountedForm } from './forms';

export type GroupIntervalRow = {
  unit: string;
  criterion: string;
  group: string;
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); null when n < 2. */
  sd: number | null;
  /** mean ± t(0.975, n − 1) × sd / √n, clipped to [0, 1] (a mean fraction cannot leave it); null when n < 2. */
  low: number | null;
  high: number | null;
};

/** Two-sided 95 % t-interval of a mean; each answer counts once (answers of one form to several questions are not independent, which the bootstrap accounts for and this does not). */
export function tInterval(values: number[]): { n: number; mean: number; sd: number | null; low: number | null; high: number | null } {
  const n = values.length;
  const m = mean(values);
  if (n < 2) return { n, mean: m, sd: null, low: null, high: null };
  const sd = sampleStandardDeviation(values);
  const half = (jStat.studentt.inv(0.975, n - 1) * sd) / Math.sqrt(n);
  return { n, mean: m, sd, low: m - half, high: m + half };
}

const clip = (x: number | null) => (x === null ? null : Math.min(1, Math.max(0, x)));

/** Rows in campaign order of units, criteria and groups; only where the group gave at least one answer with a fraction. */
export function groupIntervals(c: Campaign, forms: CountedForm[]): GroupIntervalRow[] {
  const lookup = new Map(
    c.groups.map((g) => {
      const form = formOf(c, g);
      return [
        g.code,
        {
          criterionOf: new Map(form.questions.map((q) => [q.code, q.criterion])),
          fractionOf: fractionsOf(c, form),
        },
      ];
    }),
  );
  const values = new Map<string, number[]>();
  for (const f of forms) {
    const g = lookup.get(f.group);
    if (!g) continue;
    for (const x of f.cells) {
      const fraction = g.fractionOf.get(x.answer.toUpperCase());
      const criterion = g.criterionOf.get(x.question);
      if (fraction === undefined || fraction === null || criterion === undefined) continue;
      const key = `${x.unit}\u0000${criterion}\u0000${f.group}`;
      const list = values.get(key);
      if (list) list.push(fraction);
      else values.set(key, [fraction]);
    }
  }
  const rows: GroupIntervalRow[] = [];
  for (const u of c.units) {
    for (const crit of c.criteria.filter((x) => x.level === u.level)) {
      for (const g of c.groups) {
        const v = values.get(`${u.code}\u0000${crit.code}\u0000${g.code}`);
        if (!v) continue;
        const t = tInterval(v);
        rows.push({ unit: u.code, criterion: crit.code, group: g.code, ...t, low: clip(t.low), high: clip(t.high) });
      }
    }
  }
  return rows;
}
