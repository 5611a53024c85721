/** Export rows: the contract's columns, numbers at the campaign's decimals, maxima never rounded away, formula-safe text. */
import { describe, expect, it } from 'vitest';
import { ACCURACY_COLUMNS, accuracyExportRows } from '../../surveys/accuracy';
import { toCsv } from '../../surveys/csv';
import { csvNum, jsonNum, SCORE_COLUMNS, scoreRows, summaryRows, toMatrix } from '../../surveys/exports';
import { scoreCampaign } from '../../surveys/scoring';
import { miniCampaign } from '../helpers/campaigns';

const campaign = miniCampaign;

describe('export rows', () => {
  it('keeps maxima exact when scores have no decimals', () => {
    const c = campaign((x) => (x.scoring.decimals = 0));
    // One G1 answer "2" (0.6) for SA on question 1: C1 = 2.25 × 0.6 = 1.35 → 1 point at 0 decimals.
    const r = scoreCampaign(c, [{ group: 'G1', unit: 'SA', question: '1', answer: '2', count: 1 }]);
    expect(scoreRows(c, r, csvNum)[0]).toMatchObject({ max_points: '2.25', points: '1', fraction: '0.600000', n_counted: 1, status: 'LOW_N' });
    expect(summaryRows(c, r, csvNum).rows[0]).toMatchObject({ survey_points: '1', survey_max: '3.75', rank: 1 });
    expect(summaryRows(c, r, jsonNum).rows[0]).toMatchObject({ survey_points: 1, survey_max: 3.75 });
  });

  it('leaves NO_DATA points at 0 and the fraction empty; exclude empties the points', () => {
    const zero = campaign();
    expect(scoreRows(zero, scoreCampaign(zero, []), csvNum)[0]).toMatchObject({ points: '0.00', fraction: null, n_counted: 0, status: 'NO_DATA' });
    const excl = campaign((x) => (x.scoring.noData = 'exclude'));
    const r = scoreCampaign(excl, []);
    expect(scoreRows(excl, r, csvNum)[0]).toMatchObject({ points: null, max_points: '2.25', status: 'NO_DATA' });
    expect(summaryRows(excl, r, csvNum).rows[0]).toMatchObject({ survey_points: '0.00', survey_max: '0.00' });
  });

  it('neutralises a unit name that looks like a formula', () => {
    const c = campaign((x) => (x.units[0].name = '=HYPERLINK("http://x","y")'));
    const csv = toCsv(SCORE_COLUMNS, toMatrix(SCORE_COLUMNS, scoreRows(c, scoreCampaign(c, []), csvNum)));
    expect(csv.split('\r\n')[1]).toBe(`SA,"'=HYPERLINK(""http://x"",""y"")",so,C1,Chỉ đạo điều hành CCHC,2.25,0.00,,0,NO_DATA`);
  });
});

describe('keyer accuracy rows', () => {
  // lan: 2 forms, 12 cells, 1 changed → 1000 × 1 / 12 = 83.33 per thousand, 100 × 11 / 12 = 91.67 %.
  const rows = [
    { keyer: 'lan', forms: 2, cells: 12, changed: 1, changedPerThousand: 83.33, accuracyPercent: 91.67 },
    { keyer: 'minh', forms: 0, cells: 0, changed: 0, changedPerThousand: null, accuracyPercent: null },
  ];
  it.each([
    ['csv', csvNum, ['83.33', '91.67']],
    ['json', jsonNum, [83.33, 91.67]],
  ])('as %s: figures to two decimals, empty where nothing was keyed', (_name, num, figures) => {
    const out = accuracyExportRows(rows, num);
    expect(Object.keys(out[0])).toEqual(ACCURACY_COLUMNS);
    expect([out[0].changed_per_thousand, out[0].accuracy_percent]).toEqual(figures);
    expect([out[1].changed_per_thousand, out[1].accuracy_percent]).toEqual([null, null]);
  });
});
