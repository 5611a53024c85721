/** Year on year: each unit's survey points and percent of maximum now and in an earlier campaign, matched by code or through `formerly`. */
import type { Campaign } from '../campaign';
import { roundHalfAway } from '../decimal';
import type { UnitSummary } from '../scoring';

export type YearOnYearRow = {
  unit: string;
  unitName: string;
  level: string;
  /** `code`: the same code before; `formerly`: the mean of the units it replaced; `none`: nothing to compare with. */
  matchedBy: 'code' | 'formerly' | 'none';
  /** The earlier campaign's units compared with (one for `code`, those of `formerly` that were scored then). */
  earlierUnits: string[];
  points: number;
  percent: number | null;
  earlierPoints: number | null;
  earlierPercent: number | null;
  pointsChange: number | null;
  percentChange: number | null;
};

const percentOf = (u: UnitSummary) => (u.surveyMax > 0 ? (100 * u.surveyPoints) / u.surveyMax : null);

/**
 * A unit with `formerly` is compared with the mean of its former units' points and percents (the 2025 mergers);
 * otherwise with the unit of the same code. Figures are rounded to the campaign's decimals, and changes are taken between the rounded figures.
 */
export function yearOnYear(now: Campaign, nowUnits: UnitSummary[], earlierUnits: UnitSummary[]): YearOnYearRow[] {
  const d = now.scoring.decimals;
  const before = new Map(earlierUnits.map((u) => [u.unit, u]));
  const formerlyOf = new Map(now.units.map((u) => [u.code, u.formerly]));
  const r = (x: number | null) => (x === null ? null : roundHalfAway(x, d));
  return nowUnits.map((u) => {
    const formerly = formerlyOf.get(u.unit);
    const matched = (formerly ?? [u.unit]).flatMap((code) => before.get(code) ?? []);
    const matchedBy = matched.length === 0 ? 'none' : formerly ? 'formerly' : 'code';
    const percents = matched.map(percentOf).filter((p): p is number => p !== null);
    const earlierPoints = matched.length ? matched.reduce((s, x) => s + x.surveyPoints, 0) / matched.length : null;
    const earlierPercent = percents.length ? percents.reduce((s, x) => s + x, 0) / percents.length : null;
    const percent = percentOf(u);
    return {
      unit: u.unit,
      unitName: u.unitName,
      level: u.level,
      matchedBy,
      earlierUnits: matched.map((x) => x.unit),
      points: u.surveyPoints,
      percent: r(percent),
      earlierPoints: r(earlierPoints),
      earlierPercent: r(earlierPercent),
      // Changes are differences of the figures shown, so that a reader's subtraction gives the same number.
      pointsChange: earlierPoints === null ? null : r(u.surveyPoints - r(earlierPoints)!),
      percentChange: percent === null || earlierPercent === null ? null : r(r(percent)! - r(earlierPercent)!),
    };
  });
}
