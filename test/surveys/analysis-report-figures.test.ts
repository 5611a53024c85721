/** The figures the report adds to the analysis (group means, question means, the data-limits list, clipped group intervals), worked by hand on the mini campaign. */
import { describe, expect, it } from 'vitest';
import { scoreCampaign, type CellScore } from '../../surveys/scoring';
import type { CellInterval } from '../../surveys/analysis/bootstrap';
import { talliesOf, type CountedForm } from '../../surveys/analysis/forms';
import { groupIntervals } from '../../surveys/analysis/group-intervals';
import { dataLimits, WIDE_INTERVAL_SHARE } from '../../surveys/analysis/limits';
import { groupMeans, questionMeans } from '../../surveys/analysis/means';
import { miniCampaign } from '../helpers/campaigns';

/** One form of the mini campaign (F1: q1, q2 → C1 max 2.25, q3 → C2 max 1.5; MD4 1 → 1, 2 → 0.6, 3 → 0.2, 4 → 0, 9 none). */
function form(id: string, group: string, home: string | null, answers: Record<string, [string, string, string]>): CountedForm {
  return {
    id,
    group,
    home,
    form: 'F1',
    cells: Object.entries(answers).flatMap(([unit, a]) => a.map((answer, i) => ({ unit, question: String(i + 1), answer }))),
  };
}

const c = miniCampaign();
const FORMS = [
  form('R1', 'G1', null, { SA: ['1', '2', '9'], SB: ['1', '', '*'] }),
  form('R2', 'G1', null, { SA: ['1', '1', '1'], SB: ['2', '2', '4'] }),
  form('R3', 'G2', 'SA', { SA: ['3', '4', '1'] }),
];
const scores = scoreCampaign(c, talliesOf(FORMS));

describe('means by respondent group per unit', () => {
  it.each([
    // SA, G1: C1 (q1, q2) 1, 0.6, 1, 1 → n 4, mean 0.9; C2 (q3) "9" left out, 1 → n 1, mean 1.
    // (2.25 × 0.9 + 1.5 × 1) / (2.25 + 1.5) = 3.525 / 3.75 = 0.94 → 94,0 %, n 5.
    ['SA', 'G1', { criteria: 2, n: 5, mean: 0.94, percent: 94 }],
    // SA, G2 (R3): C1 0.2, 0 → mean 0.1; C2 1 → (0.225 + 1.5) / 3.75 = 0.46, n 3.
    ['SA', 'G2', { criteria: 2, n: 3, mean: 0.46, percent: 46 }],
    // SB, G1: C1 1, (blank), 0.6, 0.6 → n 3, mean 2.2 / 3; C2 (spoiled), 0 → n 1, mean 0.
    // (2.25 × 0.733333 + 0) / 3.75 = 1.65 / 3.75 = 0.44, n 4.
    ['SB', 'G1', { criteria: 2, n: 4, mean: 0.44, percent: 44 }],
  ])('%s, group %s', (unit, group, expected) => {
    const row = groupMeans(c, scores.cells).find((r) => r.unit === unit && r.group === group);
    expect(row).toMatchObject({ ...expected, mean: expect.closeTo(expected.mean, 12) });
  });
  it('has no row for a group that did not rate the unit (G2 never rates SB)', () => {
    expect(groupMeans(c, scores.cells).map((r) => `${r.unit}/${r.group}`)).toEqual(['SA/G1', 'SA/G2', 'SB/G1']);
  });
  it('leaves out a criterion where the group has fewer answers than minValid', () => {
    // minValid 2: SA, G2 has one answer on C2 (left out) and two on C1 (mean 0.1): 2.25 × 0.1 / 2.25 = 0.1.
    const strict = miniCampaign((raw) => (raw.scoring.minValid = 2));
    const row = groupMeans(strict, scoreCampaign(strict, talliesOf(FORMS)).cells).find((r) => r.unit === 'SA' && r.group === 'G2');
    expect(row).toMatchObject({ criteria: 1, n: 2, percent: 10 });
  });
});

describe('mean fraction per question', () => {
  it('takes the cells answered with a fraction over every group and unit', () => {
    // q1: 1, 1, 1, 0.6, 0.2 → 3.8 / 5 = 0.76. q2: 0.6, (blank), 1, 0.6, 0 → 2.2 / 4 = 0.55.
    // q3: (9), (*), 1, 0, 1 → 2 / 3 = 0.666667 → 66,7 %.
    const rows = questionMeans(c, FORMS);
    expect(rows.map((r) => [r.question, r.criterion, r.n, r.percent])).toEqual([
      ['1', 'C1', 5, 76],
      ['2', 'C1', 4, 55],
      ['3', 'C2', 3, 66.7],
    ]);
    expect(rows[2].mean).toBeCloseTo(2 / 3, 12);
  });
  it('gives no mean for a question nobody answered with a fraction', () => {
    expect(questionMeans(c, [form('X', 'G1', null, { SA: ['9', '', '*'] })]).map((r) => r.mean)).toEqual([null, null, null]);
  });
});

describe('the data-limits list', () => {
  const cell = (unit: string, criterion: string, maxPoints: number, status: CellScore['status'], points: number | null): CellScore => ({
    unit,
    unitName: unit,
    level: 'so',
    criterion,
    criterionName: criterion,
    maxPoints,
    fraction: null,
    rawPoints: null,
    points,
    n: 3,
    status,
    combine: 'group-equal',
    groups: [],
  });
  const iv = (unit: string, criterion: string, low: number | null, high: number | null): CellInterval => ({ unit, criterion, points: null, low, high });
  it('lists LOW_N and NO_DATA cells, then intervals wider than 25 % of the maximum (strictly)', () => {
    expect(WIDE_INTERVAL_SHARE).toBe(0.25);
    const cells = [cell('SA', 'C1', 2, 'OK', 1.5), cell('SA', 'C2', 2, 'OK', 1), cell('SB', 'C1', 2, 'LOW_N', 1.2), cell('SB', 'C2', 2, 'NO_DATA', 0)];
    // SA C1: 1.25–1.75 = 0.50 = exactly 25 % of 2: not listed. SA C2: 0.70–1.21 = 0.51 = 25,5 %: listed.
    // SB C1: 0.20–1.80 = 1.60 = 80 %: LOW_N and wide. SB C2: no interval.
    const rows = dataLimits(cells, [iv('SA', 'C1', 1.25, 1.75), iv('SA', 'C2', 0.7, 1.21), iv('SB', 'C1', 0.2, 1.8), iv('SB', 'C2', null, null)]);
    expect(rows.map((r) => [r.unit, r.criterion, r.kind, r.widthPercent])).toEqual([
      ['SB', 'C1', 'LOW_N', 80],
      ['SB', 'C2', 'NO_DATA', null],
      ['SA', 'C2', 'WIDE', 25.5],
      ['SB', 'C1', 'WIDE', 80],
    ]);
  });
  it('names the groups under the minimum of a LOW_N cell with their own n, not only the cell total (issue 14, finding 6)', () => {
    const part = (group: string, n: number, lowN: boolean) => ({ group, groupName: `Nhóm ${group}`, weight: 1, n, sum: 0, mean: 0, contributes: true, lowN });
    // 111 answers in all: G1 108, G2 only 3 (under warnBelow 5): the short group is G2 with 3, not the 111.
    const thin = { ...cell('SA', 'C1', 2, 'LOW_N', 1.2), n: 111, groups: [part('G1', 108, false), part('G2', 3, true)] };
    const [row] = dataLimits([thin], [iv('SA', 'C1', 1.1, 1.3)]);
    expect(row).toMatchObject({ kind: 'LOW_N', n: 111, shortGroups: [{ group: 'G2', groupName: 'Nhóm G2', n: 3 }] });
  });
});

describe('group intervals stay within [0, 1]', () => {
  it('clips the t-interval of a mean fraction', () => {
    // SA, C1, G1: 1, 0.6, 1, 1 → mean 0.9, sd 0.2, t(0.975, 3) 3.182446 × 0.2 / 2 = 0.318245 → [0.581755, 1.218245],
    // clipped to [0.581755, 1].
    const row = groupIntervals(c, FORMS).find((r) => r.unit === 'SA' && r.criterion === 'C1' && r.group === 'G1')!;
    expect(row.low).toBeCloseTo(0.581755, 6);
    expect(row.high).toBe(1);
    // SA, C1, G2: 0.2, 0 → mean 0.1, sd 0.141421, t(0.975, 1) 12.706205 × 0.141421 / √2 = 1.270620 → [−1.170620, 1.370620] → [0, 1].
    expect(groupIntervals(c, FORMS).find((r) => r.unit === 'SA' && r.criterion === 'C1' && r.group === 'G2')).toMatchObject({ low: 0, high: 1 });
  });
});
