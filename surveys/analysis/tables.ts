/** The analysis as named tables of export rows, one shape for JSON (numbers) and CSV (fixed decimals, one file per table). */
import { ACCURACY_COLUMNS, accuracyExportRows } from '../accuracy';
import { maxNum, type Num, type Row } from '../exports';
import type { Analysis } from './analysis';

export type AnalysisTable = { name: string; columns: string[]; rows: Row[] };

const yes = (b: boolean) => (b ? 'yes' : 'no');

/** Every table of the analysis in a fixed order; year_on_year only when a campaign was compared. */
export function analysisTables(a: Analysis, decimals: number, num: Num): AnalysisTable[] {
  const nameOf = new Map(a.scores.units.map((u) => [u.unit, u.unitName]));
  const tables: AnalysisTable[] = [
    {
      name: 'distributions',
      columns: ['form', 'question', 'group', 'answer', 'label', 'dont_know', 'count', 'cells', 'percent'],
      rows: a.distributions.map((r) => ({
        form: r.form,
        question: r.question,
        group: r.group,
        answer: r.answer,
        label: r.label,
        dont_know: yes(r.dontKnow),
        count: r.count,
        cells: r.cells,
        percent: num(r.percent, 1),
      })),
    },
    {
      name: 'response',
      columns: [
        'group',
        'home_unit',
        'home_unit_name',
        'target',
        'issued',
        'returned',
        'returned_web',
        'returned_paper',
        'counted',
        'invalid',
        'response_rate',
        'quota_percent',
        // Added after the others so that readers of the earlier columns are not shifted.
        'pending',
      ],
      rows: a.response.map((r) => ({
        group: r.group,
        home_unit: r.home,
        home_unit_name: r.homeName,
        target: r.target,
        issued: r.issued,
        returned: r.returned,
        returned_web: r.returnedWeb,
        returned_paper: r.returnedPaper,
        counted: r.counted,
        invalid: r.invalid,
        response_rate: num(r.responseRate, 1),
        quota_percent: num(r.quotaPercent, 1),
        pending: r.pending,
      })),
    },
    {
      name: 'invalid_reasons',
      columns: ['group', 'home_unit', 'reason', 'forms'],
      rows: a.invalidReasons.map((r) => ({ group: r.group, home_unit: r.home, reason: r.reason, forms: r.forms })),
    },
    {
      name: 'group_intervals',
      columns: ['unit_code', 'criterion_code', 'group', 'n', 'mean', 'sd', 'ci_low', 'ci_high'],
      rows: a.groupIntervals.map((r) => ({
        unit_code: r.unit,
        criterion_code: r.criterion,
        group: r.group,
        n: r.n,
        mean: num(r.mean, 6),
        sd: num(r.sd, 6),
        ci_low: num(r.low, 6),
        ci_high: num(r.high, 6),
      })),
    },
    {
      name: 'score_intervals',
      columns: ['unit_code', 'criterion_code', 'points', 'ci_low', 'ci_high'],
      rows: a.bootstrap.cells.map((r) => ({
        unit_code: r.unit,
        criterion_code: r.criterion,
        points: num(r.points, decimals),
        ci_low: num(r.low, decimals),
        ci_high: num(r.high, decimals),
      })),
    },
    {
      name: 'unit_intervals',
      columns: ['unit_code', 'unit_name', 'level', 'survey_points', 'ci_low', 'ci_high', 'rank', 'rank_low', 'rank_high', 'above_share', 'order_unclear'],
      rows: a.bootstrap.units.map((r) => ({
        unit_code: r.unit,
        unit_name: nameOf.get(r.unit) ?? r.unit,
        level: r.level,
        survey_points: num(r.points, decimals),
        ci_low: num(r.low, decimals),
        ci_high: num(r.high, decimals),
        rank: r.rank,
        rank_low: r.rankLow,
        rank_high: r.rankHigh,
        above_share: num(r.aboveShare, 3),
        order_unclear: yes(r.orderUnclear),
      })),
    },
    {
      name: 'reliability',
      columns: ['form', 'items', 'n', 'alpha'],
      rows: a.reliability.map((r) => ({ form: r.form, items: r.items, n: r.n, alpha: num(r.alpha, 3) })),
    },
    {
      name: 'straight_lined',
      columns: ['response_id', 'group', 'home_unit', 'form', 'answered', 'answer'],
      rows: a.straightLined.map((r) => ({ response_id: r.id, group: r.group, home_unit: r.home, form: r.form, answered: r.answered, answer: r.answer })),
    },
    {
      name: 'dont_know',
      columns: ['unit_code', 'cells', 'dont_know', 'percent', 'flagged'],
      rows: a.dontKnow.map((r) => ({ unit_code: r.unit, cells: r.cells, dont_know: r.dontKnow, percent: num(r.percent, 1), flagged: yes(r.flagged) })),
    },
    { name: 'accuracy', columns: ACCURACY_COLUMNS, rows: accuracyExportRows([...a.accuracy.keyers, a.accuracy.total], num) },
    {
      name: 'group_means',
      columns: ['unit_code', 'unit_name', 'group', 'criteria', 'n', 'mean', 'percent'],
      rows: a.groupMeans.map((r) => ({
        unit_code: r.unit,
        unit_name: nameOf.get(r.unit) ?? r.unit,
        group: r.group,
        criteria: r.criteria,
        n: r.n,
        mean: num(r.mean, 6),
        percent: num(r.percent, 1),
      })),
    },
    {
      name: 'question_means',
      columns: ['form', 'question', 'criterion_code', 'n', 'mean', 'percent'],
      rows: a.questionMeans.map((r) => ({
        form: r.form,
        question: r.question,
        criterion_code: r.criterion,
        n: r.n,
        mean: num(r.mean, 6),
        percent: num(r.percent, 1),
      })),
    },
    {
      name: 'data_limits',
      // short_groups / short_groups_n added last: the groups under the minimum of a LOW_N cell ("G3;G4", "2;4").
      columns: [
        'unit_code',
        'criterion_code',
        'kind',
        'n_counted',
        'points',
        'max_points',
        'ci_low',
        'ci_high',
        'width_percent',
        'short_groups',
        'short_groups_n',
      ],
      rows: a.limits.map((r) => ({
        unit_code: r.unit,
        criterion_code: r.criterion,
        kind: r.kind,
        n_counted: r.n,
        points: num(r.points, decimals),
        max_points: maxNum(num)(r.maxPoints, decimals),
        ci_low: num(r.low, decimals),
        ci_high: num(r.high, decimals),
        width_percent: num(r.widthPercent, 1),
        short_groups: r.shortGroups.map((g) => g.group).join(';'),
        short_groups_n: r.shortGroups.map((g) => g.n).join(';'),
      })),
    },
  ];
  if (a.yearOnYear) {
    tables.push({
      name: 'year_on_year',
      columns: [
        'unit_code',
        'unit_name',
        'level',
        'matched_by',
        'earlier_units',
        'survey_points',
        'percent',
        'earlier_points',
        'earlier_percent',
        'points_change',
        'percent_change',
        // Added last so that readers of the earlier columns are not shifted: now, earlier, both or empty.
        'no_data',
      ],
      rows: a.yearOnYear.rows.map((r) => ({
        unit_code: r.unit,
        unit_name: r.unitName,
        level: r.level,
        matched_by: r.matchedBy,
        earlier_units: r.earlierUnits.join(';'),
        survey_points: num(r.points, decimals),
        percent: num(r.percent, decimals),
        earlier_points: num(r.earlierPoints, decimals),
        earlier_percent: num(r.earlierPercent, decimals),
        points_change: num(r.pointsChange, decimals),
        percent_change: num(r.percentChange, decimals),
        no_data: r.noData,
      })),
    });
  }
  return tables;
}

/** The JSON document of the CLI and the API: the run's settings, then every table's rows. */
export function analysisJson(a: Analysis, decimals: number, num: Num) {
  return {
    campaign: a.campaign,
    replicates: a.bootstrap.replicates,
    seed: a.bootstrap.seed,
    compare: a.yearOnYear?.compare ?? null,
    tables: Object.fromEntries(analysisTables(a, decimals, num).map((t) => [t.name, t.rows])),
  };
}
