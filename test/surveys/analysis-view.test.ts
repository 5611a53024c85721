/** The analysis page's view model: rows of the analysis JSON worded and formatted in Vietnamese, charts escaped. */
import { describe, expect, it } from 'vitest';
import { analysisView, type AnalysisDoc } from '../../surveys/analysis/analysis-view';
import { intervalChart, stackedChart } from '../../surveys/charts';
import { miniCampaign } from '../helpers/campaigns';

const c = miniCampaign();

/** A hand-made analysis of the mini campaign (Sở An, Sở Bình; groups G1, G2; form F1, questions 1–3). */
function doc(over: Partial<AnalysisDoc['tables']> = {}, compare: string | null = null): AnalysisDoc {
  return {
    campaign: c.code,
    replicates: 1000,
    seed: 7,
    compare,
    tables: {
      response: [
        {
          group: 'G1',
          home_unit: null,
          home_unit_name: null,
          target: 8,
          issued: 8,
          returned: 7,
          returned_web: 3,
          returned_paper: 4,
          counted: 7,
          invalid: 0,
          response_rate: 87.5,
          quota_percent: 87.5,
        },
        {
          group: null,
          home_unit: null,
          home_unit_name: null,
          target: 1200,
          issued: 1193,
          returned: 0,
          returned_web: 0,
          returned_paper: 0,
          counted: 0,
          invalid: 0,
          response_rate: 0,
          quota_percent: null,
        },
      ],
      unit_intervals: [
        {
          unit_code: 'SA',
          unit_name: 'Sở An',
          level: 'so',
          survey_points: 2.25,
          ci_low: 1.875,
          ci_high: 2.6,
          rank: 1,
          rank_low: 1,
          rank_high: 2,
          above_share: 0.912,
          order_unclear: 'yes',
        },
        {
          unit_code: 'SB',
          unit_name: 'Sở Bình',
          level: 'so',
          survey_points: 1.58,
          ci_low: 1.2,
          ci_high: 1.9,
          rank: 2,
          rank_low: 2,
          rank_high: 2,
          above_share: null,
          order_unclear: 'no',
        },
      ],
      distributions: [
        { form: 'F1', question: '1', group: null, answer: '1', label: 'Rất tốt', dont_know: 'no', count: 3, cells: 8, percent: 37.5 },
        { form: 'F1', question: '1', group: null, answer: '', label: '', dont_know: 'no', count: 5, cells: 8, percent: 62.5 },
        { form: 'F1', question: '1', group: 'G1', answer: '1', label: 'Rất tốt', dont_know: 'no', count: 3, cells: 3, percent: 100 },
      ],
      reliability: [{ form: 'F1', items: 3, n: 12, alpha: 0.8125 }],
      ...over,
    },
  };
}

describe('analysisView', () => {
  // Each case: a table's row in, the words and numbers the page shows out (worked by hand from the row).
  it.each([
    [
      'a group total: its rate 7 / 8 = 87,5\u00a0%',
      (v: ReturnType<typeof analysisView>) => v.response[0],
      { group: 'Đại biểu HĐND tỉnh', home: 'Cộng nhóm', total: true, issued: '8', rate: '87,5\u00a0%', returnedWeb: '3', returnedPaper: '4' },
    ],
    [
      'the campaign total: thousands with a dot, no target share as —',
      (v: ReturnType<typeof analysisView>) => v.response[1],
      { group: 'Tổng cộng', home: '', issued: '1.193', quota: '—', rate: '0,0\u00a0%' },
    ],
    [
      'a unit with an unclear order: interval and rank interval',
      (v: ReturnType<typeof analysisView>) => v.levels[0].units[0],
      { name: 'Sở An', points: '2,25', interval: '1,88 – 2,60', ranks: '1 – 2', above: '91,2\u00a0%', unclear: true },
    ],
    [
      'a unit whose rank is sure: one rank, no share after the last',
      (v: ReturnType<typeof analysisView>) => v.levels[0].units[1],
      { points: '1,58', ranks: '2', above: '—', unclear: false },
    ],
    ['alpha to three decimals', (v: ReturnType<typeof analysisView>) => v.reliability[0], { form: 'F1', items: '3', n: '12', alpha: '0,813' }],
  ])('%s', (_name, pick, expected) => {
    expect(pick(analysisView(c, doc(), []))).toMatchObject(expected);
  });

  it('ranks the units of a level, whatever the order of the table', () => {
    const [sa, sb] = doc().tables.unit_intervals;
    expect(analysisView(c, doc({ unit_intervals: [sb, sa] }), []).levels[0].units.map((u) => u.unit)).toEqual(['SA', 'SB']);
  });

  it('lists distributions over all groups per question, blank named, and draws them stacked', () => {
    const v = analysisView(c, doc(), []);
    const q1 = v.forms[0].questions[0];
    expect(q1.answers).toEqual([
      { name: '1 Rất tốt', count: '3', percent: '37,5\u00a0%' },
      { name: 'Để trống', count: '5', percent: '62,5\u00a0%' },
    ]);
    expect(v.forms[0].chart).toContain('Để trống');
    // 37.5 % of the 520 px bar area (960 − 330 − 110) is 195 px.
    expect(v.forms[0].chart).toContain('width="195.0"');
  });

  it('offers the other campaigns to compare with and shows year on year only when compared', () => {
    const others = [
      { code: 'MINI-2026', name: 'này' },
      { code: 'MINI-2025', name: 'năm trước' },
    ];
    expect(analysisView(c, doc(), others).compareOptions).toEqual([{ code: 'MINI-2025', name: 'năm trước', selected: false }]);
    expect(analysisView(c, doc(), others).yearOnYear).toBeNull();
    const yoy = analysisView(
      c,
      doc(
        {
          year_on_year: [
            {
              unit_code: 'SA',
              unit_name: 'Sở An',
              level: 'so',
              matched_by: 'formerly',
              earlier_units: 'SX;SY',
              survey_points: 2.25,
              percent: 60,
              earlier_points: 2,
              earlier_percent: 53.333333,
              points_change: 0.25,
              percent_change: 6.666667,
            },
          ],
        },
        'MINI-2025',
      ),
      others,
    );
    expect(yoy.compareOptions.find((x) => x.code === 'MINI-2025')?.selected).toBe(true);
    expect(yoy.yearOnYear?.rows[0]).toMatchObject({ matched: 'gộp từ SX, SY', change: '0,25', earlierPercent: '53,3\u00a0%', percentChange: '6,67' });
  });
  it('says which campaign has no counted answers for a unit instead of a change from 0 (issue 14, finding 3)', () => {
    const row = (no_data: string) => ({
      unit_code: 'SA',
      unit_name: 'Sở An',
      level: 'so',
      matched_by: 'no_data',
      earlier_units: '',
      survey_points: 2.25,
      percent: 60,
      earlier_points: null,
      earlier_percent: null,
      points_change: null,
      percent_change: null,
      no_data,
    });
    const view = analysisView(c, doc({ year_on_year: [row('earlier'), row('now')] }, 'MINI-2025'), []);
    expect(view.yearOnYear?.rows.map((r) => r.matched)).toEqual(['chưa có số liệu ở đợt MINI-2025', 'chưa có số liệu ở đợt MINI-2026']);
  });
  it('names the scanner’s row of keyer accuracy in Vietnamese (issue 14, finding 16)', () => {
    const accuracy = [
      { keyer: 'omr', forms: 4, cells: 40, changed: 3, changed_per_thousand: 75, accuracy_percent: 92.5 },
      { keyer: 'lan', forms: 6, cells: 60, changed: 2, changed_per_thousand: 33.33, accuracy_percent: 96.67 },
    ];
    expect(analysisView(c, doc({ accuracy }), []).accuracy.map((r) => r.keyer)).toEqual(['Máy đọc phiếu quét (số ô người kiểm tra sửa)', 'lan']);
  });
});

describe('charts', () => {
  it('draws an interval as a line from low to high with the value as a dot, names escaped', () => {
    // Scale 0–4 over 520 px from x = 330: 1 → 460, 3 → 720, 2 → 590.
    const svg = intervalChart({ title: 'T', rows: [{ label: 'Sở <b>&', value: 2, low: 1, high: 3 }], scaleMax: 4, decimals: 2 });
    expect(svg).toContain('x1="460.0" x2="720.0"');
    expect(svg).toContain('cx="590.0"');
    expect(svg).toContain('Sở &lt;b&gt;&amp;');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('2,00 (1,00–3,00)');
  });

  it('stacks shares to the full width and escapes legend names', () => {
    const svg = stackedChart({ title: 'T', legend: ['<a>', 'b'], rows: [{ label: 'Câu 1', parts: [25, 75] }] });
    // 25 % and 75 % of 520 px: 130 and 390, the second starting where the first ends (330 + 130).
    expect(svg).toContain('x="330.0" y="11.0" width="130.0"');
    expect(svg).toContain('x="460.0" y="11.0" width="390.0"');
    expect(svg).toContain('&lt;a&gt;');
  });
});
