/** The analysis statistics on tiny inputs, every expected number worked by hand in the comment beside it. */
import { describe, expect, it } from 'vitest';
import { scoreCampaign, type CellScore, type UnitSummary } from '../../surveys/scoring';
import { bootstrapScores } from '../../surveys/analysis/bootstrap';
import { distributions } from '../../surveys/analysis/distributions';
import { talliesOf, type CountedForm } from '../../surveys/analysis/forms';
import { groupIntervals, tInterval } from '../../surveys/analysis/group-intervals';
import { dontKnowShares, straightLined } from '../../surveys/analysis/quality';
import { cronbachAlpha, reliability } from '../../surveys/analysis/reliability';
import { responseRows } from '../../surveys/analysis/response';
import { unitsWithoutData, yearOnYear } from '../../surveys/analysis/year-on-year';
import { miniCampaign } from '../helpers/campaigns';

/** One form of the mini campaign (form F1: q1, q2 → C1 max 2.25, q3 → C2 max 1.5; MD4) from `unit: [q1, q2, q3]`. */
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
// R1 and R2 are G1 delegates rating both departments; R3 a G2 civil servant of SA rating SA.
const FORMS = [
  form('R1', 'G1', null, { SA: ['1', '2', '9'], SB: ['1', '', '*'] }),
  form('R2', 'G1', null, { SA: ['1', '1', '1'], SB: ['2', '2', '4'] }),
  form('R3', 'G2', 'SA', { SA: ['3', '4', '1'] }),
];

describe('answer distributions', () => {
  const rows = distributions(c, FORMS);
  const pick = (question: string, group: string | null) =>
    Object.fromEntries(rows.filter((r) => r.question === question && r.group === group).map((r) => [r.answer, [r.count, r.cells, r.percent]]));
  it.each([
    // q1, all groups: 5 cells (R1 2, R2 2, R3 1); "1" three times = 60 %, "2" and "3" once = 20 % each.
    ['1', null, { 1: [3, 5, 60], 2: [1, 5, 20], 3: [1, 5, 20], 4: [0, 5, 0], 9: [0, 5, 0], '': [0, 5, 0], '*': [0, 5, 0] }],
    // q2, G1 only: 4 cells: "2" (R1 SA, R2 SB) 50 %, "1" 25 %, blank (R1 SB) 25 %.
    ['2', 'G1', { 1: [1, 4, 25], 2: [2, 4, 50], 3: [0, 4, 0], 4: [0, 4, 0], 9: [0, 4, 0], '': [1, 4, 25], '*': [0, 4, 0] }],
    // q3, all: 9, *, 1, 4, 1 → "1" 2/5 = 40 %, "4", "9" (Không biết) and spoiled 20 % each.
    ['3', null, { 1: [2, 5, 40], 2: [0, 5, 0], 3: [0, 5, 0], 4: [1, 5, 20], 9: [1, 5, 20], '': [0, 5, 0], '*': [1, 5, 20] }],
    // q1, G2 only: R3's one cell.
    ['1', 'G2', { 1: [0, 1, 0], 2: [0, 1, 0], 3: [1, 1, 100], 4: [0, 1, 0], 9: [0, 1, 0], '': [0, 1, 0], '*': [0, 1, 0] }],
  ])('question %s, group %s', (q, g, expected) => {
    expect(pick(q, g)).toEqual(expected);
  });
  it('marks the option without a fraction as Không biết', () => {
    expect(rows.filter((r) => r.dontKnow).every((r) => r.answer === '9')).toBe(true);
  });
});

describe('sample and response', () => {
  // G1 (province, quota 2): 3 issued, 3 back (1 web, 2 paper), 2 counted, 1 invalid. G2 (quota 1 per department):
  // SA 2 issued, both back, 1 counted and 1 waiting for reconciliation (conflict); SB 1 issued, none back.
  const { rows, invalidReasons } = responseRows(
    c,
    [
      { group: 'G1', home: null, issued: 3, returned: 3, counted: 2 },
      { group: 'G2', home: 'SA', issued: 2, returned: 2, counted: 1 },
      { group: 'G2', home: 'SB', issued: 1, returned: 0, counted: 0 },
    ],
    [
      { group: 'G1', home: null, web: true, status: 'counted', invalidReason: null, forms: 1 },
      { group: 'G1', home: null, web: false, status: 'counted', invalidReason: null, forms: 1 },
      { group: 'G1', home: null, web: false, status: 'invalid', invalidReason: 'quá nhiều ô trống', forms: 1 },
      { group: 'G2', home: 'SA', web: false, status: 'counted', invalidReason: null, forms: 1 },
      { group: 'G2', home: 'SA', web: false, status: 'conflict', invalidReason: null, forms: 1 },
    ],
  );
  const at = (group: string | null, home: string | null) => rows.find((r) => r.group === group && r.home === home)!;
  it.each([
    // 2 counted / 3 issued = 66.67 → 66.7 %; 2 / quota 2 = 100 %.
    ['G1', null, { issued: 3, returned: 3, returnedWeb: 1, returnedPaper: 2, counted: 2, invalid: 1, pending: 0, responseRate: 66.7, quotaPercent: 100 }],
    // 1 / 2 = 50 %; 1 / 1 = 100 %; returned 2 = 1 counted + 0 invalid + 1 pending.
    ['G2', 'SA', { issued: 2, returned: 2, returnedWeb: 0, returnedPaper: 2, counted: 1, invalid: 0, pending: 1, responseRate: 50, quotaPercent: 100 }],
    ['G2', 'SB', { issued: 1, returned: 0, returnedWeb: 0, returnedPaper: 0, counted: 0, invalid: 0, pending: 0, responseRate: 0, quotaPercent: 0 }],
    // G2 total: 1 counted / 3 issued = 33.3 %; 1 / target 2 = 50 %.
    ['G2', null, { issued: 3, returned: 2, returnedWeb: 0, returnedPaper: 2, counted: 1, invalid: 0, pending: 1, responseRate: 33.3, quotaPercent: 50 }],
    // Campaign: 3 / 6 = 50 %; 3 / target 4 = 75 %.
    [null, null, { issued: 6, returned: 5, returnedWeb: 1, returnedPaper: 4, counted: 3, invalid: 1, pending: 1, responseRate: 50, quotaPercent: 75 }],
  ])('group %s, home %s', (group, home, expected) => {
    expect(at(group, home)).toMatchObject(expected);
  });
  it('has no separate total for a province-wide group, and lists invalid forms by reason', () => {
    expect(rows.filter((r) => r.group === 'G1')).toHaveLength(1);
    expect(invalidReasons).toEqual([
      { group: 'G1', home: null, reason: 'quá nhiều ô trống', forms: 1 },
      { group: null, home: null, reason: 'quá nhiều ô trống', forms: 1 },
    ]);
  });
});

describe('t-interval of a mean', () => {
  it('works [1, 0.6, 0.2, 0] by hand', () => {
    // mean 0.45; squared deviations 0.3025 + 0.0225 + 0.0625 + 0.2025 = 0.59, variance 0.59 / 3, sd 0.443471;
    // t(0.975, 3) = 3.182446; half width 3.182446 × 0.443471 / √4 = 0.705662 → [−0.255662, 1.155662].
    const t = tInterval([1, 0.6, 0.2, 0]);
    expect(t.n).toBe(4);
    expect(t.mean).toBeCloseTo(0.45, 12);
    expect(t.sd).toBeCloseTo(0.443471, 6);
    expect(t.low).toBeCloseTo(-0.255662, 6);
    expect(t.high).toBeCloseTo(1.155662, 6);
  });
  it('gives no spread or interval for one answer', () => {
    expect(tInterval([0.6])).toEqual({ n: 1, mean: 0.6, sd: null, low: null, high: null });
  });
  it('takes each group answer with a fraction, never blank, spoiled or Không biết', () => {
    // SA, C1 (q1, q2), G1: R1 1, 0.6; R2 1, 1 → n 4, mean 0.9. SA, C2 (q3), G1: R1 "9" left out, R2 1 → n 1.
    const rows = groupIntervals(c, FORMS);
    expect(rows.find((r) => r.unit === 'SA' && r.criterion === 'C1' && r.group === 'G1')).toMatchObject({ n: 4, mean: 0.9 });
    expect(rows.find((r) => r.unit === 'SA' && r.criterion === 'C2' && r.group === 'G1')).toMatchObject({ n: 1, mean: 1, sd: null });
    // SB, C2, G1: "*" left out, R2 "4" → 0.
    expect(rows.find((r) => r.unit === 'SB' && r.criterion === 'C2' && r.group === 'G1')).toMatchObject({ n: 1, mean: 0 });
  });
});

describe("Cronbach's alpha", () => {
  it('works a 4 × 3 table by hand', () => {
    // Cases (rows) × items: item variances (sample) 1/3 each, sum 1; totals 3, 2, 1, 0: mean 1.5, variance
    // (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3; alpha = 3/2 × (1 − 1 / (5/3)) = 1.5 × 0.4 = 0.6.
    expect(
      cronbachAlpha([
        [1, 1, 1],
        [1, 0, 1],
        [0, 1, 0],
        [0, 0, 0],
      ]),
    ).toBeCloseTo(0.6, 12);
  });
  it('is undefined without spread, with one item or one case', () => {
    expect(
      cronbachAlpha([
        [1, 1],
        [1, 1],
      ]),
    ).toBeNull();
    expect(cronbachAlpha([[1], [0]])).toBeNull();
    expect(cronbachAlpha([[1, 0, 1]])).toBeNull();
  });
  it('counts as cases only (form, unit) pairs with every question answered with a fraction', () => {
    // R1 SA has "9" on q3 and R1 SB a blank: left out; R2 SA, R2 SB and R3 SA are the 3 cases.
    expect(reliability(c, FORMS)).toEqual([{ form: 'F1', items: 3, n: 3, alpha: expect.any(Number) }]);
  });
});

describe('quality flags', () => {
  const lined = (answers: string[]): CountedForm => ({
    id: 'X',
    group: 'G1',
    home: null,
    form: 'F1',
    cells: answers.map((answer, i) => ({ unit: `U${i}`, question: '1', answer })),
  });
  it.each([
    ['10 answered cells all "2"', Array(10).fill('2'), true],
    ['9 answered cells all "2" (below the minimum)', Array(9).fill('2'), false],
    ['10 answered "2" and a blank and a spoiled cell', [...Array(10).fill('2'), '', '*'], true],
    ['9 "2" and a blank: 9 answered', [...Array(9).fill('2'), ''], false],
    ['10 cells, one of them "1"', [...Array(9).fill('2'), '1'], false],
    ['10 "Không biết"', Array(10).fill('9'), true],
  ])('%s → flagged %s', (_name, answers, flagged) => {
    expect(straightLined([lined(answers)]).length).toBe(flagged ? 1 : 0);
  });
  it('flags units from a share of "Không biết" (30 % by default)', () => {
    // SA: 9 cells (R1 3, R2 3, R3 3), one "9" → 11.1 %; a threshold of 11.1 flags it, 11.2 does not.
    expect(dontKnowShares(c, FORMS).find((r) => r.unit === 'SA')).toEqual({ unit: 'SA', cells: 9, dontKnow: 1, percent: 11.1, flagged: false });
    expect(dontKnowShares(c, FORMS, 11.1).find((r) => r.unit === 'SA')?.flagged).toBe(true);
    expect(dontKnowShares(c, FORMS, 11.2).find((r) => r.unit === 'SA')?.flagged).toBe(false);
  });
});

describe('bootstrap', () => {
  // 12 delegates (G1) and 2 civil servants per department (G2), answers varied by a fixed rule.
  const forms: CountedForm[] = [
    ...Array.from({ length: 12 }, (_, i) =>
      form(`D${i}`, 'G1', null, { SA: [String(1 + (i % 4)), String(1 + ((i * 3) % 4)), '1'], SB: [String(1 + ((i + 1) % 3)), '2', String(1 + (i % 2))] }),
    ),
    ...['SA', 'SB'].flatMap((u) => [0, 1].map((k) => form(`C${u}${k}`, 'G2', u, { [u]: [String(1 + k), String(2 + k), '2'] }))),
  ];
  const point = scoreCampaign(c, talliesOf(forms));
  it('is reproducible from its seed and its intervals contain the point estimates', () => {
    const a = bootstrapScores(c, forms, [], point, 1000, 42);
    expect(bootstrapScores(c, forms, [], point, 1000, 42)).toEqual(a);
    for (const u of a.units) {
      expect(u.low).toBeLessThanOrEqual(u.points);
      expect(u.high).toBeGreaterThanOrEqual(u.points);
      expect(u.rankLow).toBeLessThanOrEqual(u.rank);
      expect(u.rankHigh).toBeGreaterThanOrEqual(u.rank);
    }
    for (const x of a.cells) {
      expect(x.low!).toBeLessThanOrEqual(x.points!);
      expect(x.high!).toBeGreaterThanOrEqual(x.points!);
    }
    expect(a.units.some((u) => u.high > u.low)).toBe(true);
  });
  it('collapses to the point when every form of a group is alike, so replicates are scored as the campaign is', () => {
    const same = [form('A1', 'G1', null, { SA: ['1', '2', '3'], SB: ['2', '2', '4'] }), form('A2', 'G1', null, { SA: ['1', '2', '3'], SB: ['2', '2', '4'] })];
    const p = scoreCampaign(c, talliesOf(same));
    const b = bootstrapScores(c, same, [], p, 200, 1);
    // SA: C1 = 2.25 × (1 + 0.6) / 2 = 1.80, C2 = 1.5 × 0.2 = 0.30 → 2.10; SB: 2.25 × 0.6 = 1.35 + 0 = 1.35.
    expect(b.units.map((u) => [u.unit, u.points, u.low, u.high, u.rankLow, u.rankHigh])).toEqual([
      ['SA', 2.1, 2.1, 2.1, 1, 1],
      ['SB', 1.35, 1.35, 1.35, 2, 2],
    ]);
    // SB is below SA in every replicate: the order is clear.
    expect(b.units[1]).toMatchObject({ aboveShare: 1, orderUnclear: false });
  });
});

describe('year on year', () => {
  const now = miniCampaign((raw) => {
    raw.units.push({ code: 'SM', name: 'Sở Mới', level: 'so', formerly: ['OLD1', 'OLD2'] });
    raw.units.push({ code: 'SN', name: 'Sở Nhập', level: 'so', formerly: ['OLD3', 'OLD4'] });
  });
  const unit = (code: string, surveyPoints: number, surveyMax: number): UnitSummary => ({
    unit: code,
    unitName: code,
    level: 'so',
    surveyPoints,
    surveyMax,
    rank: 1,
    self: null,
  });
  const allData = { now: new Set<string>(), earlier: new Set<string>() };
  it('takes changes between the rounded figures shown', () => {
    // SN: OLD3 1.01 and OLD4 1.02 → mean 1.015, shown 1.02; now 2: change 2 − 1.02 = 0.98 (not 0.985 → 0.99).
    // Percents: 1.01 / 3.75 = 26.9333, 1.02 / 3.75 = 27.2 → mean 27.0667, shown 27.07; now 2 / 3.75 = 53.33;
    // change 53.33 − 27.07 = 26.26 (not 26.2667 → 26.27).
    const [row] = yearOnYear(now, [unit('SN', 2, 3.75)], [unit('OLD3', 1.01, 3.75), unit('OLD4', 1.02, 3.75)], allData);
    expect([row.earlierPoints, row.pointsChange, row.percent, row.earlierPercent, row.percentChange]).toEqual([1.02, 0.98, 53.33, 27.07, 26.26]);
  });
  it('matches by code, through formerly by the mean of the former units, or not at all', () => {
    // SA: 3 of 3.75 = 80 % now, 2.25 of 3.75 = 60 % then: +0.75 points, +20 points of percent.
    // SM: 3 of 3.75 = 80 %; OLD1 1.5 (40 %) and OLD2 3 (80 %) → mean 2.25 and 60 %: +0.75, +20.
    const rows = yearOnYear(
      now,
      [unit('SA', 3, 3.75), unit('SB', 1, 3.75), unit('SM', 3, 3.75)],
      [unit('SA', 2.25, 3.75), unit('OLD1', 1.5, 3.75), unit('OLD2', 3, 3.75)],
      allData,
    );
    expect(rows.map((r) => [r.unit, r.matchedBy, r.earlierUnits, r.percent, r.earlierPoints, r.earlierPercent, r.pointsChange, r.percentChange])).toEqual([
      ['SA', 'code', ['SA'], 80, 2.25, 60, 0.75, 20],
      ['SB', 'none', [], 26.67, null, null, null, null],
      ['SM', 'formerly', ['OLD1', 'OLD2'], 80, 2.25, 60, 0.75, 20],
    ]);
  });
  it('does not compare a unit without counted answers, then or now, as if it scored 0 (issue 14, finding 3)', () => {
    // Then: SA and OLD1 had no counted answers (0 points under noData "zero"). Now: SB has none.
    // SA: not compared (then empty). SB: 1,50 then, 0 now: no change, since 0 is not a score.
    // SM: only OLD2 had data: compared with OLD2 alone, 3 → 3: 0 change (not the mean with OLD1's 0, 1.5).
    const rows = yearOnYear(
      now,
      [unit('SA', 3, 3.75), unit('SB', 0, 3.75), unit('SM', 3, 3.75)],
      [unit('SA', 0, 3.75), unit('SB', 1.5, 3.75), unit('OLD1', 0, 3.75), unit('OLD2', 3, 3.75)],
      { now: new Set(['SB']), earlier: new Set(['SA', 'OLD1']) },
    );
    expect(rows.map((r) => [r.unit, r.matchedBy, r.noData, r.earlierUnits, r.earlierPoints, r.pointsChange, r.percentChange])).toEqual([
      ['SA', 'no_data', 'earlier', [], null, null, null],
      ['SB', 'no_data', 'now', ['SB'], 1.5, null, null],
      ['SM', 'formerly', null, ['OLD2'], 3, 0, 0],
    ]);
  });
  it('finds the units whose every cell has no data', () => {
    const cell = (unit: string, status: 'OK' | 'LOW_N' | 'NO_DATA') => ({ unit, status }) as CellScore;
    expect([...unitsWithoutData([cell('A', 'NO_DATA'), cell('A', 'LOW_N'), cell('B', 'NO_DATA'), cell('B', 'NO_DATA'), cell('C', 'OK')])]).toEqual(['B']);
  });
});
