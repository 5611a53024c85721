/** Year on year: each unit's survey points and percent of maximum now and in an earlier campaign, matched by code or through `formerly`. */
import type { Campaign } from '../campaign';
import { roundHalfAway } from '../decimal';
import type { CellScore, UnitSummary } from '../scoring';

export type YearOnYearRow = {
  unit: string;
  unitName: string;
  level: string;
  /**
   * `code`: the same code before; `formerly`: the mean of the units it replaced; `none`: no such unit then;
   * `no_data`: such units exist but one side has no counted answers (see `noData`), so nothing is compared.
   */
  matchedBy: 'code' | 'formerly' | 'none' | 'no_data';
  /** The earlier campaign's units compared with (one for `code`, those of `formerly` that were scored then with data). */
  earlierUnits: string[];
  /** Which side has no counted answers for the unit (every cell NO_DATA): its points there are not a score. */
  noData: 'now' | 'earlier' | 'both' | null;
  points: number;
  percent: number | null;
  earlierPoints: number | null;
  earlierPercent: number | null;
  pointsChange: number | null;
  percentChange: number | null;
};

const percentOf = (u: UnitSummary) => (u.surveyMax > 0 ? (100 * u.surveyPoints) / u.surveyMax : null);

/** Units whose every cell is NO_DATA: their points (0 under noData "zero") come from no counted answer. */
export function unitsWithoutData(cells: CellScore[]): Set<string> {
  const withData = new Set(cells.filter((x) => x.status !== 'NO_DATA').map((x) => x.unit));
  return new Set(cells.filter((x) => !withData.has(x.unit)).map((x) => x.unit));
}

/**
 * A unit with `formerly` is compared with the mean of its former units' points and percents (the 2025 mergers);
 * otherwise with the unit of the same code. A unit without counted answers (`unitsWithoutData`), now or then, is not
 * compared: its 0 points would read as a score; a merged unit is compared with those of its former units that had data.
 * Figures are rounded to the campaign's decimals, and changes are taken between the rounded figures.
 */
export function yearOnYear(
  now: Campaign,
  nowUnits: UnitSummary[],
  earlierUnits: UnitSummary[],
  noData: { now: ReadonlySet<string>; earlier: ReadonlySet<string> },
): YearOnYearRow[] {
  const d = now.scoring.decimals;
  const before = new Map(earlierUnits.map((u) => [u.unit, u]));
  const formerlyOf = new Map(now.units.map((u) => [u.code, u.formerly]));
  const r = (x: number | null) => (x === null ? null : roundHalfAway(x, d));
  return nowUnits.map((u) => {
    const formerly = formerlyOf.get(u.unit);
    const existing = (formerly ?? [u.unit]).flatMap((code) => before.get(code) ?? []);
    const matched = existing.filter((x) => !noData.earlier.has(x.unit));
    const earlierEmpty = existing.length > 0 && matched.length === 0;
    const nowEmpty = noData.now.has(u.unit);
    const side = nowEmpty && earlierEmpty ? 'both' : nowEmpty ? 'now' : earlierEmpty ? 'earlier' : null;
    const matchedBy = existing.length === 0 ? 'none' : side ? 'no_data' : formerly ? 'formerly' : 'code';
    const percents = matched.map(percentOf).filter((p): p is number => p !== null);
    const earlierPoints = matched.length ? matched.reduce((s, x) => s + x.surveyPoints, 0) / matched.length : null;
    const earlierPercent = percents.length ? percents.reduce((s, x) => s + x, 0) / percents.length : null;
    const percent = percentOf(u);
    const compared = !nowEmpty;
    return {
      unit: u.unit,
      unitName: u.unitName,
      level: u.level,
      matchedBy,
      earlierUnits: matched.map((x) => x.unit),
      noData: side,
      points: u.surveyPoints,
      percent: r(percent),
      earlierPoints: r(earlierPoints),
      earlierPercent: r(earlierPercent),
      // Changes are differences of the figures shown, so that a reader's subtraction gives the same number.
      pointsChange: !compared || earlierPoints === null ? null : r(u.surveyPoints - r(earlierPoints)!),
      percentChange: !compared || percent === null || earlierPercent === null ? null : r(r(percent)! - r(earlierPercent)!),
    };
  });
}
