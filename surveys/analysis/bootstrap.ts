/** Stratified bootstrap of the scores: whole forms resampled within each group, every replicate scored by the real scoring function, percentile intervals of points and ranks. */
import { quantileSorted } from 'simple-statistics';
import type { Campaign } from '../campaign';
import { roundHalfAway } from '../decimal';
import { scoreCampaign, type ScoreResult, type SelfPoints, type Tally } from '../scoring';
import { formOf, optionsOf } from '../scope';
import type { CountedForm } from './forms';
import { mulberry32 } from './prng';

export const DEFAULT_REPLICATES = 1000;
export const DEFAULT_SEED = 20261129;

export type CellInterval = { unit: string; criterion: string; points: number | null; low: number | null; high: number | null };
export type UnitInterval = {
  unit: string;
  level: string;
  points: number;
  low: number;
  high: number;
  rank: number;
  rankLow: number;
  rankHigh: number;
  /** For the unit ranked just above (same level): the share of replicates in which that unit scored more than this one. */
  aboveShare: number | null;
  /** The order against the unit just above is not clear at 95 %: it came out ahead in fewer than 95 % of replicates. */
  orderUnclear: boolean;
};
export type BootstrapResult = { replicates: number; seed: number; cells: CellInterval[]; units: UnitInterval[] };

/**
 * Each replicate draws, for every group, as many of its counted forms as it has, with replacement (mulberry32 from
 * `seed`), sums their cells into tallies and calls scoreCampaign: the combining of groups, rounding, NO_DATA and
 * ranking are the scoring code's own. Blank, spoiled and "Không biết" cells are left out of the replicate's tallies
 * because scoring skips them anyway. Intervals are the 2.5 % and 97.5 % quantiles of the replicates.
 */
export function bootstrapScores(
  c: Campaign,
  forms: CountedForm[],
  self: SelfPoints[],
  point: ScoreResult,
  replicates = DEFAULT_REPLICATES,
  seed = DEFAULT_SEED,
): BootstrapResult {
  const { keys, formKeys, strata } = prepare(c, forms);
  const random = mulberry32(seed);
  const nCells = point.cells.length;
  const nUnits = point.units.length;
  const cellPoints = Array.from({ length: nCells }, () => new Float64Array(replicates));
  const unitPoints = Array.from({ length: nUnits }, () => new Float64Array(replicates));
  const unitRanks = Array.from({ length: nUnits }, () => new Float64Array(replicates));
  const counts = new Int32Array(keys.length);
  for (let r = 0; r < replicates; r++) {
    counts.fill(0);
    for (const stratum of strata) {
      for (let i = 0; i < stratum.length; i++) {
        for (const k of formKeys[stratum[Math.floor(random() * stratum.length)]]) counts[k]++;
      }
    }
    const tallies: Tally[] = [];
    for (let k = 0; k < keys.length; k++) {
      if (counts[k] === 0) continue;
      const key = keys[k];
      tallies.push({ group: key.group, unit: key.unit, question: key.question, answer: key.answer, count: counts[k] });
    }
    const rep = scoreCampaign(c, tallies, self);
    // scoreCampaign emits cells and units in campaign order whatever the tallies, so indices line up with `point`.
    for (let i = 0; i < nCells; i++) cellPoints[i][r] = rep.cells[i].points ?? Number.NaN;
    for (let i = 0; i < nUnits; i++) {
      unitPoints[i][r] = rep.units[i].surveyPoints;
      unitRanks[i][r] = rep.units[i].rank;
    }
  }
  const d = c.scoring.decimals;
  const q = (xs: Float64Array, p: number, decimals: number) => roundHalfAway(quantileSorted(Array.from(xs), p), decimals);
  const sorted = (xs: Float64Array) => Float64Array.from(xs).sort();
  const cells = point.cells.map((x, i): CellInterval => {
    const s = sorted(cellPoints[i]).filter((v) => !Number.isNaN(v));
    return { unit: x.unit, criterion: x.criterion, points: x.points, low: s.length ? q(s, 0.025, d) : null, high: s.length ? q(s, 0.975, d) : null };
  });
  const index = new Map(point.units.map((u, i) => [u.unit, i]));
  const units = point.units.map((u, i): UnitInterval => {
    const s = sorted(unitPoints[i]);
    const ranks = sorted(unitRanks[i]);
    return {
      unit: u.unit,
      level: u.level,
      points: u.surveyPoints,
      low: q(s, 0.025, d),
      high: q(s, 0.975, d),
      rank: u.rank,
      rankLow: q(ranks, 0.025, 0),
      rankHigh: q(ranks, 0.975, 0),
      aboveShare: null,
      orderUnclear: false,
    };
  });
  // Adjacent pairs within a level, in rank order: how often the upper unit stays ahead across replicates.
  const byLevel = new Map<string, UnitInterval[]>();
  for (const u of units) byLevel.set(u.level, [...(byLevel.get(u.level) ?? []), u]);
  for (const list of byLevel.values()) {
    const ordered = [...list].sort((a, b) => a.rank - b.rank);
    for (let j = 1; j < ordered.length; j++) {
      const above = unitPoints[index.get(ordered[j - 1].unit)!];
      const here = unitPoints[index.get(ordered[j].unit)!];
      let ahead = 0;
      for (let r = 0; r < replicates; r++) if (above[r] > here[r]) ahead++;
      ordered[j].aboveShare = roundHalfAway(ahead / replicates, 3);
      ordered[j].orderUnclear = ahead / replicates < 0.95;
    }
  }
  return { replicates, seed, cells, units };
}

/** The distinct (group, unit, question, answer) keys with a fraction, each form as its list of keys, and the forms' indices per group. */
function prepare(c: Campaign, forms: CountedForm[]) {
  const scored = new Map(
    c.groups.map((g) => [
      g.code,
      new Set(
        optionsOf(c, formOf(c, g))
          .filter((o) => o.fraction !== null)
          .map((o) => o.code.toUpperCase()),
      ),
    ]),
  );
  const keys: Omit<Tally, 'count'>[] = [];
  const keyIndex = new Map<string, number>();
  const byGroup = new Map<string, number[]>();
  const formKeys = forms.map((f, fi) => {
    const stratum = byGroup.get(f.group);
    if (stratum) stratum.push(fi);
    else byGroup.set(f.group, [fi]);
    const ok = scored.get(f.group);
    const list: number[] = [];
    for (const x of f.cells) {
      if (!ok?.has(x.answer.toUpperCase())) continue;
      const key = `${f.group}\u0000${x.unit}\u0000${x.question}\u0000${x.answer}`;
      let k = keyIndex.get(key);
      if (k === undefined) {
        k = keys.length;
        keyIndex.set(key, k);
        keys.push({ group: f.group, unit: x.unit, question: x.question, answer: x.answer });
      }
      list.push(k);
    }
    return list;
  });
  return { keys, formKeys, strata: [...byGroup.values()] };
}
