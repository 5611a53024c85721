/** The survey score of domain.md §8 on a tiny campaign, with every expected number worked out by hand beside it. */
import { describe, expect, it } from 'vitest';
import { CampaignSchema, type Campaign, type Scoring } from '../../surveys/campaign';
import { explainCell, scoreCampaign, type CellScore, type SelfPoints, type Tally } from '../../surveys/scoring';
import { HEAD, MD4 } from '../helpers/campaigns';

type Opts = { scoring?: Partial<Scoring>; weights?: { CT01?: number; CT02?: number }; s1Max?: number; bands?: { label: string; minPercent: number }[] };

const SAMPLE_BANDS = [
  { label: 'Tốt', minPercent: 80 },
  { label: 'Khá', minPercent: 65 },
  { label: 'Trung bình', minPercent: 50 },
  { label: 'Yếu', minPercent: 0 },
];

/**
 * Four departments (S1 max 2.25 by default, S2 max 1.5) rated by CT01 (weight 1, form CT-01: q1, q2 → S1, q3 → S2)
 * and CT02 (weight 2, form CT-02: q1 → S1, q2 → S2) on MD4 (1 → 1, 2 → 0.6, 3 → 0.2, 4 → 0, 9 → don't know);
 * two districts (H1 max 27) rated by CH01 on YN (Y → 1, N → 0, K → don't know); one commune, which no criterion scores.
 */
function campaign(o: Opts = {}): Campaign {
  return CampaignSchema.parse({
    ...HEAD,
    scoring: o.scoring ?? {},
    bands: o.bands ?? SAMPLE_BANDS,
    optionSets: [
      MD4,
      {
        code: 'YN',
        options: [
          { code: 'Y', label: 'Có', fraction: 1 },
          { code: 'N', label: 'Không', fraction: 0 },
          { code: 'K', label: 'Không biết', fraction: null },
        ],
      },
    ],
    units: [
      { code: 'SNV', name: 'Sở Nội vụ', level: 'so' },
      { code: 'STC', name: 'Sở Tài chính', level: 'so' },
      { code: 'SKH', name: 'Sở Kế hoạch và Đầu tư', level: 'so' },
      { code: 'SXD', name: 'Sở Xây dựng', level: 'so' },
      { code: 'TDU', name: 'UBND huyện Tam Đường', level: 'huyen' },
      { code: 'MKH', name: 'UBND huyện Mường Khương', level: 'huyen' },
      { code: 'TDU-BL', name: 'UBND xã Bình Lư', level: 'xa', parent: 'TDU' },
    ],
    criteria: [
      { code: 'S1', level: 'so', name: 'Lãnh đạo CCHC', maxPoints: o.s1Max ?? 2.25 },
      { code: 'S2', level: 'so', name: 'Thủ tục hành chính', maxPoints: 1.5 },
      { code: 'H1', level: 'huyen', name: 'Lãnh đạo CCHC', maxPoints: 27 },
    ],
    forms: [
      {
        code: 'CT-01',
        title: 'Phiếu đại biểu',
        targetLevel: 'so',
        optionSet: 'MD4',
        questions: [
          { code: 'q1', text: 'Câu 1', criterion: 'S1' },
          { code: 'q2', text: 'Câu 2', criterion: 'S1' },
          { code: 'q3', text: 'Câu 3', criterion: 'S2' },
        ],
      },
      {
        code: 'CT-02',
        title: 'Phiếu công chức',
        targetLevel: 'so',
        optionSet: 'MD4',
        questions: [
          { code: 'q1', text: 'Câu 1', criterion: 'S1' },
          { code: 'q2', text: 'Câu 2', criterion: 'S2' },
        ],
      },
      { code: 'CH-01', title: 'Phiếu huyện', targetLevel: 'huyen', optionSet: 'YN', questions: [{ code: 'q1', text: 'Câu 1', criterion: 'H1' }] },
    ],
    groups: [
      { code: 'CT01', name: 'Đại biểu HĐND tỉnh', form: 'CT-01', home: 'province', scope: 'all', quota: 41, weight: o.weights?.CT01 ?? 1 },
      { code: 'CT02', name: 'Công chức các sở', form: 'CT-02', home: 'so', scope: 'own', quota: 15, weight: o.weights?.CT02 ?? 2 },
      { code: 'CH01', name: 'Đại biểu HĐND huyện', form: 'CH-01', home: 'huyen', scope: 'own', quota: 15 },
    ],
  });
}

const t = (group: string, unit: string, question: string, answer: string, count = 1): Tally => ({ group, unit, question, answer, count });

function cellOf(cells: CellScore[], unit: string, criterion: string): CellScore {
  const found = cells.find((x) => x.unit === unit && x.criterion === criterion);
  if (!found) throw new Error(`no cell ${unit}/${criterion}`);
  return found;
}

// 41 CT01 answers all "1" (mean 1) against 15 CT02 answers all "4" (mean 0), on SNV / S1.
const bigVsSmall = [t('CT01', 'SNV', 'q1', '1', 41), t('CT02', 'SNV', 'q1', '4', 15)];
// 10 CT01 "1" (mean 1) and only 4 CT02 "2" (mean 0.6).
const thinCT02 = [t('CT01', 'SNV', 'q1', '1', 10), t('CT02', 'SNV', 'q1', '2', 4)];

type CellCase = { name: string; opts?: Opts; tallies: Tally[]; unit?: string; crit?: string; want: Partial<CellScore> };

const cellCases: CellCase[] = [
  {
    // F = (1×1 + 2×0) / (1+2) = 1/3; 2.25 × 1/3 = 0.75
    name: 'group-equal weighs group means 1:2, not answers',
    tallies: bigVsSmall,
    want: { fraction: 0.333333333, rawPoints: 0.75, points: 0.75, n: 56, status: 'OK', combine: 'group-equal' },
  },
  {
    // F = 41 / 56 = 0.732142857…; 2.25 × 41/56 = 92.25/56 = 1.647321428… → 1.65
    name: 'pooled on the same data lets the 41 outvote the 15',
    opts: { scoring: { combine: 'pooled' } },
    tallies: bigVsSmall,
    want: { fraction: 0.732142857, rawPoints: 1.647321429, points: 1.65, n: 56, status: 'OK', combine: 'pooled' },
  },
  {
    // weights 1:1 → F = (1 + 0) / 2 = 0.5; 2.25 × 0.5 = 1.125 → 1.13 (half away from zero)
    name: 'equal weights give the plain mean of the two group means',
    opts: { weights: { CT01: 1, CT02: 1 } },
    tallies: bigVsSmall,
    want: { fraction: 0.5, rawPoints: 1.125, points: 1.13, n: 56 },
  },
  {
    // pooled ignores weights: still 41/56 although CT02 weighs 5
    name: 'pooled ignores weights',
    opts: { scoring: { combine: 'pooled' }, weights: { CT02: 5 } },
    tallies: bigVsSmall,
    want: { fraction: 0.732142857, points: 1.65 },
  },
  {
    // q1 and q2 both feed S1: 3×1 + 3×0.2 = 3.6 over 6 answers = 0.6; 2.25 × 0.6 = 1.35
    name: 'means are over answers: two questions on one criterion give two answers each',
    tallies: [t('CT01', 'SNV', 'q1', '1', 3), t('CT01', 'SNV', 'q2', '3', 3)],
    want: { fraction: 0.6, rawPoints: 1.35, points: 1.35, n: 6, status: 'OK' },
  },
  {
    // 5 × 0.6 / 5 = 0.6; were "9" a 0 the mean would be 3/12 = 0.25
    name: "don't-know, blank and spoiled answers are left out of mean and n",
    tallies: [t('CT01', 'SNV', 'q1', '2', 5), t('CT01', 'SNV', 'q1', '9', 7), t('CT01', 'SNV', 'q1', '', 2), t('CT01', 'SNV', 'q1', '*', 1)],
    want: { fraction: 0.6, rawPoints: 1.35, points: 1.35, n: 5, status: 'OK' },
  },
  {
    // CT01 said nothing about SNV: F = CT02's mean 0.6 whatever its weight; 1.35
    name: 'a group with no data neither counts nor appears',
    tallies: [t('CT02', 'SNV', 'q1', '2', 5), t('CT01', 'STC', 'q1', '4', 5)],
    want: { fraction: 0.6, points: 1.35, n: 5, status: 'OK' },
  },
  {
    // CT01 has 2 < minValid 3 answers: out; F = CT02's mean 0 → 0 points; CT02 has 5, so OK
    name: 'minValid 3 makes a thin group drop out, and its answers leave n',
    opts: { scoring: { minValid: 3 } },
    tallies: [t('CT01', 'SNV', 'q1', '1', 2), t('CT02', 'SNV', 'q1', '4', 5)],
    want: { fraction: 0, rawPoints: 0, points: 0, n: 5, status: 'OK' },
  },
  {
    // pooled: 3 answers in all reach minValid 3: F = (1+1+0)/3 = 2/3; 2.25 × 2/3 = 1.5; 3 < warnBelow 5
    name: 'pooled applies minValid to the whole cell',
    opts: { scoring: { combine: 'pooled', minValid: 3 } },
    tallies: [t('CT01', 'SNV', 'q1', '1', 2), t('CT02', 'SNV', 'q1', '4', 1)],
    want: { fraction: 0.666666667, rawPoints: 1.5, points: 1.5, n: 3, status: 'LOW_N' },
  },
  {
    // pooled: 2 answers < minValid 3: no F
    name: 'pooled below minValid is NO_DATA',
    opts: { scoring: { combine: 'pooled', minValid: 3 } },
    tallies: [t('CT01', 'SNV', 'q1', '1'), t('CT02', 'SNV', 'q1', '4')],
    want: { fraction: null, rawPoints: null, points: 0, n: 0, status: 'NO_DATA' },
  },
  {
    // F = (1×1 + 2×0.6) / 3 = 2.2/3 = 0.733333333; 2.25 × 2.2/3 = 1.65; CT02 contributes 4 < 5 answers
    name: 'a contributing group below warnBelow makes the cell LOW_N',
    tallies: thinCT02,
    want: { fraction: 0.733333333, rawPoints: 1.65, points: 1.65, n: 14, status: 'LOW_N' },
  },
  {
    // pooled: (10×1 + 4×0.6) / 14 = 12.4/14 = 0.885714285…; 2.25 × 12.4/14 = 27.9/14 = 1.992857142… → 1.99; 14 ≥ 5
    name: 'pooled judges LOW_N on the whole cell',
    opts: { scoring: { combine: 'pooled' } },
    tallies: thinCT02,
    want: { fraction: 0.885714286, rawPoints: 1.992857143, points: 1.99, n: 14, status: 'OK' },
  },
  {
    name: 'warnBelow 0 never flags',
    opts: { scoring: { warnBelow: 0 } },
    tallies: [t('CT01', 'SNV', 'q1', '1')],
    want: { fraction: 1, rawPoints: 2.25, points: 2.25, n: 1, status: 'OK' },
  },
  {
    name: 'NO_DATA under noData "zero": 0 points, no fraction',
    tallies: [t('CT01', 'SNV', 'q1', '9', 4), t('CT01', 'SNV', 'q1', '', 1)],
    want: { fraction: null, rawPoints: null, points: 0, n: 0, status: 'NO_DATA', groups: [] },
  },
  {
    name: 'NO_DATA under noData "exclude": no points at all',
    opts: { scoring: { noData: 'exclude' } },
    tallies: [t('CT01', 'SNV', 'q1', '9', 4)],
    want: { fraction: null, rawPoints: null, points: null, n: 0, status: 'NO_DATA', maxPoints: 2.25 },
  },
  {
    name: 'NO_DATA when the only group is below minValid',
    opts: { scoring: { minValid: 2 } },
    tallies: [t('CT01', 'SNV', 'q1', '1')],
    want: { fraction: null, points: 0, n: 0, status: 'NO_DATA' },
  },
  {
    // (0.6 + 0) / 2 = 0.3; 2.25 × 0.3 = 0.675 (float 0.67499999…) → 0.68
    name: 'rounds the decimal 0.675 up to 0.68',
    tallies: [t('CT01', 'SNV', 'q1', '2'), t('CT01', 'SNV', 'q1', '4')],
    want: { fraction: 0.3, rawPoints: 0.675, points: 0.68 },
  },
  {
    // (1 + 0) / 2 = 0.5; 2.01 × 0.5 = 1.005 (float 1.00499999…) → 1.01
    name: 'rounds the decimal 1.005 up to 1.01',
    opts: { s1Max: 2.01 },
    tallies: [t('CT01', 'SNV', 'q1', '1'), t('CT01', 'SNV', 'q1', '4')],
    want: { fraction: 0.5, rawPoints: 1.005, points: 1.01 },
  },
  {
    // (0.2 + 0) / 2 = 0.1; 1.25 × 0.1 = 0.125 → 0.13
    name: 'rounds 0.125 half away from zero to 0.13',
    opts: { s1Max: 1.25 },
    tallies: [t('CT01', 'SNV', 'q1', '3'), t('CT01', 'SNV', 'q1', '4')],
    want: { fraction: 0.1, rawPoints: 0.125, points: 0.13 },
  },
  {
    // 0.75 → 1 with no decimals
    name: 'decimals 0 (group-equal 0.75)',
    opts: { scoring: { decimals: 0 } },
    tallies: bigVsSmall,
    want: { rawPoints: 0.75, points: 1 },
  },
  {
    // 1.647321428… → 2
    name: 'decimals 0 (pooled 1.6473…)',
    opts: { scoring: { combine: 'pooled', decimals: 0 } },
    tallies: bigVsSmall,
    want: { rawPoints: 1.647321429, points: 2 },
  },
  {
    // 1.647321428… → 1.647
    name: 'decimals 3 (pooled 1.6473…)',
    opts: { scoring: { combine: 'pooled', decimals: 3 } },
    tallies: bigVsSmall,
    want: { points: 1.647 },
  },
  {
    // 1 of 8 answers "1": F = 0.125; 2.25 × 0.125 = 0.28125 → 0.281 (the 0.25 left over is below half)
    name: 'decimals 3 (0.28125)',
    opts: { scoring: { decimals: 3 } },
    tallies: [t('CT01', 'SNV', 'q1', '1'), t('CT01', 'SNV', 'q1', '4', 7)],
    want: { fraction: 0.125, rawPoints: 0.28125, points: 0.281 },
  },
  {
    // 1.5 × 0.125 = 0.1875 → 0.188
    name: 'decimals 3 (0.1875 half away)',
    opts: { scoring: { decimals: 3 } },
    tallies: [t('CT01', 'SNV', 'q3', '1'), t('CT01', 'SNV', 'q3', '4', 7)],
    crit: 'S2',
    want: { rawPoints: 0.1875, points: 0.188 },
  },
  {
    // option codes in any case: y, Y, y = 1; N = 0; k is don't know. F = 3/4; 27 × 0.75 = 20.25; 4 < 5
    name: 'option codes compare case-insensitively (district, YN scale)',
    tallies: [t('CH01', 'TDU', 'q1', 'y', 2), t('CH01', 'TDU', 'q1', 'Y'), t('CH01', 'TDU', 'q1', 'N'), t('CH01', 'TDU', 'q1', 'k', 2)],
    unit: 'TDU',
    crit: 'H1',
    want: { fraction: 0.75, rawPoints: 20.25, points: 20.25, n: 4, status: 'LOW_N', level: 'huyen' },
  },
];

describe('scoreCampaign: one cell', () => {
  it.each(cellCases)('$name', ({ opts, tallies, unit, crit, want }) => {
    const { cells } = scoreCampaign(campaign(opts), tallies);
    expect(cellOf(cells, unit ?? 'SNV', crit ?? 'S1')).toMatchObject(want);
  });
});

describe('scoreCampaign: group parts of a cell', () => {
  it.each([
    {
      name: 'group-equal, both groups',
      opts: {},
      tallies: bigVsSmall,
      // CT01: 41 answers summing 41, mean 1; CT02: 15 answers summing 0, mean 0
      want: [
        { group: 'CT01', weight: 1, n: 41, sum: 41, mean: 1, contributes: true, lowN: false },
        { group: 'CT02', weight: 2, n: 15, sum: 0, mean: 0, contributes: true, lowN: false },
      ],
    },
    {
      name: 'minValid 3: the thin group is listed but does not contribute',
      opts: { scoring: { minValid: 3 } },
      tallies: [t('CT01', 'SNV', 'q1', '1', 2), t('CT02', 'SNV', 'q1', '4', 5)],
      want: [
        { group: 'CT01', n: 2, sum: 2, mean: null, contributes: false, lowN: false },
        { group: 'CT02', n: 5, sum: 0, mean: 0, contributes: true, lowN: false },
      ],
    },
    {
      name: 'warnBelow: the thin contributing group is flagged',
      opts: {},
      tallies: thinCT02,
      // CT02: 4 × 0.6 = 2.4, mean 0.6
      want: [
        { group: 'CT01', n: 10, sum: 10, mean: 1, contributes: true, lowN: false },
        { group: 'CT02', n: 4, sum: 2.4, mean: 0.6, contributes: true, lowN: true },
      ],
    },
    {
      name: 'pooled: every listed group contributes; LOW_N belongs to the cell',
      opts: { scoring: { combine: 'pooled' as const } },
      tallies: thinCT02,
      want: [
        { group: 'CT01', n: 10, contributes: true, lowN: false },
        { group: 'CT02', n: 4, contributes: true, lowN: false },
      ],
    },
    {
      name: 'only groups with an answer that has a fraction are listed',
      opts: {},
      tallies: [t('CT01', 'SNV', 'q1', '9', 3), t('CT02', 'SNV', 'q1', '2', 5)],
      want: [{ group: 'CT02', n: 5, sum: 3, mean: 0.6, contributes: true }],
    },
  ])('$name', ({ opts, tallies, want }) => {
    const { cells } = scoreCampaign(campaign(opts), tallies);
    const groups = cellOf(cells, 'SNV', 'S1').groups;
    expect(groups).toHaveLength(want.length);
    want.forEach((w, i) => expect(groups[i]).toMatchObject(w));
  });
});

describe('scoreCampaign: shape', () => {
  it('has one cell per (unit, criterion of its level) in campaign order, and no unit without criteria', () => {
    const r = scoreCampaign(campaign(), []);
    expect(r.cells.map((x) => `${x.unit}/${x.criterion}`)).toEqual([
      'SNV/S1',
      'SNV/S2',
      'STC/S1',
      'STC/S2',
      'SKH/S1',
      'SKH/S2',
      'SXD/S1',
      'SXD/S2',
      'TDU/H1',
      'MKH/H1',
    ]);
    expect(r.units.map((u) => u.unit)).toEqual(['SNV', 'STC', 'SKH', 'SXD', 'TDU', 'MKH']);
    expect(r.cells.every((x) => x.status === 'NO_DATA' && x.points === 0)).toBe(true);
    expect(cellOf(r.cells, 'TDU', 'H1')).toMatchObject({ unitName: 'UBND huyện Tam Đường', level: 'huyen', criterionName: 'Lãnh đạo CCHC', maxPoints: 27 });
  });

  it.each([
    ['unknown group', t('CT09', 'SNV', 'q1', '1')],
    ['unknown unit', t('CT01', 'SXX', 'q1', '1')],
    ['unit of another level than the form rates', t('CT01', 'TDU', 'q1', '1')],
    ["question not on the group's form", t('CT02', 'SNV', 'q3', '1')],
    ['answer not in the option set', t('CT01', 'SNV', 'q1', '5')],
    ['answer from another option set', t('CT01', 'SNV', 'q1', 'Y')],
    ['negative count', t('CT01', 'SNV', 'q1', '1', -1)],
  ])('throws on a tally with an %s', (_, tally) => {
    expect(() => scoreCampaign(campaign(), [tally])).toThrow();
  });
});

/*
 * Per department, S1 (max 2.25) from q1 and S2 (max 1.5) from q3:
 *   SNV: 1 → 2.25;        1 → 1.5                 = 3.75
 *   STC: 2 → 1.35;        3 → 0.3                 = 1.65 (as floats 1.35 + 0.3 = 1.6500000000000001)
 *   SKH: 3 → 0.45;        1, 2 → F 0.8 → 1.2      = 1.65
 *   SXD: 4 → 0;           4 → 0                   = 0
 * Districts (H1 max 27): TDU Y → 27, MKH N → 0.
 */
const rankTallies = [
  t('CT01', 'SNV', 'q1', '1'),
  t('CT01', 'SNV', 'q3', '1'),
  t('CT01', 'STC', 'q1', '2'),
  t('CT01', 'STC', 'q3', '3'),
  t('CT01', 'SKH', 'q1', '3'),
  t('CT01', 'SKH', 'q3', '1'),
  t('CT01', 'SKH', 'q3', '2'),
  t('CT01', 'SXD', 'q1', '4'),
  t('CT01', 'SXD', 'q3', '4'),
  t('CH01', 'TDU', 'q1', 'Y'),
  t('CH01', 'MKH', 'q1', 'N'),
];

describe('scoreCampaign: unit summaries', () => {
  it.each([
    // decimals 0: SNV 2 + 2 = 4; STC 1 + 0 = 1; SKH 0 + 1 = 1; SXD 0
    { decimals: 0, points: [4, 1, 1, 0, 27, 0] },
    { decimals: 2, points: [3.75, 1.65, 1.65, 0, 27, 0] },
    { decimals: 3, points: [3.75, 1.65, 1.65, 0, 27, 0] },
  ])('survey points and ranks 1, 2, 2, 4 within each level (decimals $decimals)', ({ decimals, points }) => {
    const r = scoreCampaign(campaign({ scoring: { decimals } }), rankTallies);
    expect(r.units.map((u) => [u.unit, u.surveyPoints, u.surveyMax, u.rank])).toEqual([
      ['SNV', points[0], 3.75, 1],
      ['STC', points[1], 3.75, 2],
      ['SKH', points[2], 3.75, 2],
      ['SXD', points[3], 3.75, 4],
      ['TDU', points[4], 27, 1],
      ['MKH', points[5], 27, 2],
    ]);
    expect(r.units.every((u) => u.self === null)).toBe(true);
  });

  it.each([
    // SXD has S1 data (0 points) but nothing on S2
    { noData: 'zero' as const, s2Points: 0, sxdMax: 3.75 },
    { noData: 'exclude' as const, s2Points: null, sxdMax: 2.25 },
  ])('NO_DATA under "$noData": S2 points $s2Points, unit max $sxdMax', ({ noData, s2Points, sxdMax }) => {
    const r = scoreCampaign(campaign({ scoring: { noData } }), [t('CT01', 'SXD', 'q1', '4', 5)]);
    expect(cellOf(r.cells, 'SXD', 'S2')).toMatchObject({ points: s2Points, maxPoints: 1.5, status: 'NO_DATA' });
    expect(r.units.find((u) => u.unit === 'SXD')).toMatchObject({ surveyPoints: 0, surveyMax: sxdMax });
  });
});

describe('scoreCampaign: self-assessment', () => {
  /*
   * SNV: total 70 + 3.75 = 73.75 of 77.5 + 3.75 = 81.25 → 100 × 73.75 / 81.25 = 90.769… → 90.77, Tốt
   * STC: total 60.25 + 1.65 = 61.9 of 81.25 → 6190 / 81.25 = 76.184… → 76.18, Khá
   * SKH: no self points → no total
   * TDU: total 53 + 27 = 80 of 73 + 27 = 100 → 80.00, exactly Tốt's floor
   */
  const self: SelfPoints[] = [
    { unit: 'SNV', selfPoints: 70, selfMax: 77.5 },
    { unit: 'STC', selfPoints: 60.25, selfMax: 77.5 },
    { unit: 'TDU', selfPoints: 53, selfMax: 73 },
  ];

  it.each([
    ['SNV', { selfPoints: 70, selfMax: 77.5, total: 73.75, totalMax: 81.25, percent: 90.77, band: 'Tốt', totalRank: 1 }],
    ['STC', { selfPoints: 60.25, selfMax: 77.5, total: 61.9, totalMax: 81.25, percent: 76.18, band: 'Khá', totalRank: 2 }],
    ['SKH', null],
    ['SXD', null],
    ['TDU', { selfPoints: 53, selfMax: 73, total: 80, totalMax: 100, percent: 80, band: 'Tốt', totalRank: 1 }],
    ['MKH', null],
  ])('%s', (unit, want) => {
    const r = scoreCampaign(campaign(), rankTallies, self);
    expect(r.units.find((u) => u.unit === unit)?.self).toEqual(want);
  });

  it.each([
    // 132.99 + 27 = 159.99 of 173 + 27 = 200 → 79.995 → 80.00: the rounded percent reaches Tốt
    { name: 'a percent rounding up to a band floor reaches it', bands: SAMPLE_BANDS, selfPoints: 132.99, selfMax: 173, percent: 80, band: 'Tốt' },
    // 53 + 27 = 80 of 100 → 80.00, but the only band starts at 90
    { name: 'no band reached', bands: [{ label: 'Xuất sắc', minPercent: 90 }], selfPoints: 53, selfMax: 73, percent: 80, band: null },
    // 52.99 + 27 = 79.99 of 100 → 79.99 < 80 → Khá
    { name: 'just below a floor', bands: SAMPLE_BANDS, selfPoints: 52.99, selfMax: 73, percent: 79.99, band: 'Khá' },
  ])('$name', ({ bands, selfPoints, selfMax, percent, band }) => {
    const r = scoreCampaign(campaign({ bands }), rankTallies, [{ unit: 'TDU', selfPoints, selfMax }]);
    expect(r.units.find((u) => u.unit === 'TDU')?.self).toMatchObject({ percent, band });
  });

  it('gives no percent or band when the total maximum is 0', () => {
    // MKH has no survey data under "exclude" (survey max 0) and a self maximum of 0
    const r = scoreCampaign(campaign({ scoring: { noData: 'exclude' } }), [], [{ unit: 'MKH', selfPoints: 0, selfMax: 0 }]);
    expect(r.units.find((u) => u.unit === 'MKH')).toMatchObject({
      surveyPoints: 0,
      surveyMax: 0,
      self: { total: 0, totalMax: 0, percent: null, band: null, totalRank: 1 },
    });
  });

  it('ranks totals 1, 2, 2, 4 among units with self points only', () => {
    // totals: SXD 20 + 0 = 20 (1); SNV 10 + 3.75 = 13.75 and STC 12.1 + 1.65 = 13.75 (2, 2); SKH 10 + 1.65 = 11.65 (4); TDU, MKH have none
    const r = scoreCampaign(campaign(), rankTallies, [
      { unit: 'SNV', selfPoints: 10, selfMax: 50 },
      { unit: 'STC', selfPoints: 12.1, selfMax: 50 },
      { unit: 'SKH', selfPoints: 10, selfMax: 50 },
      { unit: 'SXD', selfPoints: 20, selfMax: 50 },
    ]);
    expect(r.units.filter((u) => u.level === 'so').map((u) => [u.unit, u.self?.total, u.self?.totalRank])).toEqual([
      ['SNV', 13.75, 2],
      ['STC', 13.75, 2],
      ['SKH', 11.65, 4],
      ['SXD', 20, 1],
    ]);
  });

  it.each([
    ['a unit the campaign does not have', [{ unit: 'SXX', selfPoints: 1, selfMax: 2 }]],
    ['a unit no criterion scores', [{ unit: 'TDU-BL', selfPoints: 1, selfMax: 2 }]],
    [
      'a unit given twice',
      [
        { unit: 'SNV', selfPoints: 1, selfMax: 2 },
        { unit: 'SNV', selfPoints: 1, selfMax: 2 },
      ],
    ],
  ])('throws on self points for %s', (_, rows) => {
    expect(() => scoreCampaign(campaign(), [], rows)).toThrow();
  });
});

describe('explainCell', () => {
  it.each([
    {
      name: 'group-equal',
      opts: {},
      tallies: bigVsSmall,
      lines: [
        'Sở Nội vụ (SNV), tiêu chí S1 "Lãnh đạo CCHC": tối đa 2,25 điểm.',
        '- Nhóm CT01 "Đại biểu HĐND tỉnh", trọng số 1: n = 41, tổng = 41, bình quân = 1.',
        '- Nhóm CT02 "Công chức các sở", trọng số 2: n = 15, tổng = 0, bình quân = 0.',
        'Tỷ lệ đạt = (1 × 1 + 2 × 0) / (1 + 2) = 0,333333 (n = 56).',
        'Điểm = 2,25 × 0,333333333 = 0,75, làm tròn 2 chữ số thập phân (nửa xa số 0): 0,75.',
        'Trạng thái: đủ dữ liệu; mọi nhóm được tính có ít nhất 5 câu trả lời.',
      ],
    },
    {
      name: 'pooled',
      opts: { scoring: { combine: 'pooled' as const } },
      tallies: bigVsSmall,
      lines: [
        '- Nhóm CT01 "Đại biểu HĐND tỉnh": n = 41, tổng = 41, bình quân = 1.',
        'Tỷ lệ đạt = 41 / 56 = 0,732143 (n = 56).',
        'Điểm = 2,25 × 0,732142857 = 1,647321429, làm tròn 2 chữ số thập phân (nửa xa số 0): 1,65.',
        'Trạng thái: đủ dữ liệu; ô có 56 câu trả lời, không ít hơn 5.',
      ],
    },
    {
      name: 'LOW_N',
      opts: {},
      tallies: thinCT02,
      lines: [
        '- Nhóm CT02 "Công chức các sở", trọng số 2: n = 4, tổng = 2,4, bình quân = 0,6; ít hơn 5 câu trả lời (ít câu trả lời).',
        'Tỷ lệ đạt = (1 × 1 + 2 × 0,6) / (1 + 2) = 0,733333 (n = 14).',
        'Trạng thái: ít câu trả lời; nhóm CT02 có ít hơn 5 câu trả lời.',
      ],
    },
    {
      name: 'a group below minValid',
      opts: { scoring: { minValid: 3 } },
      tallies: [t('CT01', 'SNV', 'q1', '1', 2), t('CT02', 'SNV', 'q1', '4', 5)],
      lines: [
        '- Nhóm CT01 "Đại biểu HĐND tỉnh", trọng số 1: n = 2, tổng = 2; không tính vì nhóm có ít hơn 3 câu trả lời (số tối thiểu để tính).',
        'Tỷ lệ đạt = 2 × 0 / 2 = 0 (n = 5).',
      ],
    },
    {
      name: 'NO_DATA excluded',
      opts: { scoring: { noData: 'exclude' as const } },
      tallies: [],
      lines: [
        'Không nhóm nào có câu trả lời có điểm cho ô này.',
        'Không tính được tỷ lệ đạt: ô để trống điểm và không tính vào điểm tối đa của đơn vị.',
        'Trạng thái: chưa có dữ liệu; không nhóm nào có đủ 1 câu trả lời có điểm (số tối thiểu để tính).',
      ],
    },
    {
      name: 'NO_DATA zero',
      opts: {},
      tallies: [],
      lines: ['Không tính được tỷ lệ đạt: ô được 0 điểm.'],
    },
  ])('$name', ({ opts, tallies, lines }) => {
    const c = campaign(opts);
    const text = explainCell(c, cellOf(scoreCampaign(c, tallies).cells, 'SNV', 'S1'));
    for (const line of lines) expect(text).toContain(line);
    // Issue 10: the explanation is for people; the scoring codes stay in the exports.
    expect(text.join('\n')).not.toMatch(/group-equal|pooled|minValid|LOW_N|NO_DATA|\bF\b|\d\.\d/);
  });
});
