/** The whole analysis of one campaign from its stored inputs: distributions, response, intervals, reliability, quality flags, year on year, and the means and limits the report reads. */
import { accuracyTotal, type AccuracyRow } from '../accuracy';
import type { Campaign } from '../campaign';
import type { QuotaCount } from '../quotas';
import { scoreCampaign, type ScoreResult, type SelfPoints } from '../scoring';
import type { AnsweredCell } from '../answers-export';
import { bootstrapScores, DEFAULT_REPLICATES, DEFAULT_SEED, type BootstrapResult } from './bootstrap';
import { distributions, type DistributionRow } from './distributions';
import { formsOf, talliesOf } from './forms';
import { groupIntervals, type GroupIntervalRow } from './group-intervals';
import { dataLimits, type LimitRow } from './limits';
import { groupMeans, questionMeans, type GroupMeanRow, type QuestionMeanRow } from './means';
import { dontKnowShares, straightLined, type DontKnowRow, type StraightLineRow } from './quality';
import { reliability, type ReliabilityRow } from './reliability';
import { responseRows, type InvalidReasonRow, type ResponseRow, type ReturnCount } from './response';
import { unitsWithoutData, yearOnYear, type YearOnYearRow } from './year-on-year';

export type AnalysisInput = {
  campaign: Campaign;
  /** Settled cells of counted forms (db/answers.repo loadAnsweredCells): the tallies scoring reads are their counts. */
  cells: AnsweredCell[];
  self: SelfPoints[];
  quota: QuotaCount[];
  returns: ReturnCount[];
  accuracy: AccuracyRow[];
  /**
   * Cells whose answer is still undecided: differences between two keyed passes awaiting reconciliation, and scanned
   * cells awaiting a person's verification. Keying accuracy covers decided cells only; the report says how many wait.
   */
  undecided?: Undecided;
  /** An earlier campaign and its scores, for year on year. */
  compare?: { code: string; scores: ScoreResult };
  replicates?: number;
  seed?: number;
};

export type Undecided = { reconcile: number; verify: number };

export type Analysis = {
  campaign: string;
  scores: ScoreResult;
  distributions: DistributionRow[];
  response: ResponseRow[];
  invalidReasons: InvalidReasonRow[];
  groupIntervals: GroupIntervalRow[];
  bootstrap: BootstrapResult;
  reliability: ReliabilityRow[];
  straightLined: StraightLineRow[];
  dontKnow: DontKnowRow[];
  accuracy: { keyers: AccuracyRow[]; total: AccuracyRow; undecided: Undecided };
  yearOnYear: { compare: string; rows: YearOnYearRow[] } | null;
  groupMeans: GroupMeanRow[];
  questionMeans: QuestionMeanRow[];
  limits: LimitRow[];
};

export function analyse(input: AnalysisInput): Analysis {
  const c = input.campaign;
  const forms = formsOf(input.cells);
  const scores = scoreCampaign(c, talliesOf(forms), input.self);
  const response = responseRows(c, input.quota, input.returns);
  const bootstrap = bootstrapScores(c, forms, input.self, scores, input.replicates ?? DEFAULT_REPLICATES, input.seed ?? DEFAULT_SEED);
  return {
    campaign: c.code,
    scores,
    distributions: distributions(c, forms),
    response: response.rows,
    invalidReasons: response.invalidReasons,
    groupIntervals: groupIntervals(c, forms),
    bootstrap,
    reliability: reliability(c, forms),
    straightLined: straightLined(forms),
    dontKnow: dontKnowShares(c, forms),
    accuracy: { keyers: input.accuracy, total: accuracyTotal(input.accuracy), undecided: input.undecided ?? { reconcile: 0, verify: 0 } },
    yearOnYear: input.compare
      ? {
          compare: input.compare.code,
          rows: yearOnYear(c, scores.units, input.compare.scores.units, {
            now: unitsWithoutData(scores.cells),
            earlier: unitsWithoutData(input.compare.scores.cells),
          }),
        }
      : null,
    groupMeans: groupMeans(c, scores.cells),
    questionMeans: questionMeans(c, forms),
    limits: dataLimits(scores.cells, bootstrap.cells),
  };
}
