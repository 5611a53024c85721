/** The data-quality list of the report's section III: score cells on thin or no data, and criterion points whose bootstrap interval is wide. */
import { roundHalfAway } from '../decimal';
import type { CellScore } from '../scoring';
import type { CellInterval } from './bootstrap';

/**
 * A criterion's points are "uncertain" when their 95 % bootstrap interval is wider than this share of the criterion's
 * maximum: with 25 %, a 2.25-point criterion whose points could lie anywhere in a 0.57-point span is listed.
 */
export const WIDE_INTERVAL_SHARE = 0.25;

export type LimitRow = {
  unit: string;
  criterion: string;
  /** LOW_N and NO_DATA as scoring marks the cell; WIDE when the interval is wider than the threshold. */
  kind: 'LOW_N' | 'NO_DATA' | 'WIDE';
  n: number;
  /**
   * LOW_N: the groups under scoring.warnBelow that made the cell thin, each with its own count (group-equal and
   * weighted; pooled flags the cell as a whole, so the list is empty and `n` is the short count).
   */
  shortGroups: { group: string; groupName: string; n: number }[];
  points: number | null;
  maxPoints: number;
  low: number | null;
  high: number | null;
  /** 100 × (high − low) / maxPoints, one decimal; null without an interval. */
  widthPercent: number | null;
};

/**
 * Every LOW_N or NO_DATA cell, then every cell whose interval width exceeds `share` × its maximum (strictly), each list
 * in the scoring's order; a LOW_N cell with a wide interval appears in both, since they say different things.
 */
export function dataLimits(cells: CellScore[], intervals: CellInterval[], share = WIDE_INTERVAL_SHARE): LimitRow[] {
  const width = (i: CellInterval | undefined) => (i && i.low !== null && i.high !== null ? i.high - i.low : null);
  const row = (x: CellScore, kind: LimitRow['kind'], i: CellInterval | undefined): LimitRow => {
    const w = width(i);
    return {
      unit: x.unit,
      criterion: x.criterion,
      kind,
      n: x.n,
      shortGroups: kind === 'LOW_N' ? x.groups.filter((g) => g.lowN).map((g) => ({ group: g.group, groupName: g.groupName, n: g.n })) : [],
      points: x.points,
      maxPoints: x.maxPoints,
      low: i?.low ?? null,
      high: i?.high ?? null,
      widthPercent: w === null ? null : roundHalfAway((100 * w) / x.maxPoints, 1),
    };
  };
  // scoreCampaign and the bootstrap emit cells in the same order, so index i matches.
  const thin = cells.flatMap((x, i) => (x.status === 'OK' ? [] : [row(x, x.status, intervals[i])]));
  const wide = cells.flatMap((x, i) => {
    const w = width(intervals[i]);
    // Bounds are rounded decimals: a width of exactly the threshold may come out a hair above it in binary.
    return w !== null && w > share * x.maxPoints + 1e-9 ? [row(x, 'WIDE', intervals[i])] : [];
  });
  return [...thin, ...wide];
}
