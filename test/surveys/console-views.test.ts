/** What the console shows: maxima keep their own decimals beside scores rounded to the campaign's, and codes get Vietnamese names. */
import { describe, expect, it } from 'vitest';
import { campaignPageView, campaignSummary, cellDetail, printChoices, quotaPageView, scoresView } from '../../surveys/console-views';
import { quotaRows } from '../../surveys/quotas';
import { scoreCampaign } from '../../surveys/scoring';
import { miniCampaign } from '../helpers/campaigns';

const campaign = miniCampaign;

describe('console views', () => {
  it('keeps maxima exact when scores have no decimals (2.25 stays 2.25, not 2)', () => {
    const c = campaign((x) => (x.scoring.decimals = 0));
    // One G1 answer "2" (0.6) for SA on question 1: C1 = 2.25 × 0.6 = 1.35 → 1 point at 0 decimals.
    const r = scoreCampaign(c, [{ group: 'G1', unit: 'SA', question: '1', answer: '2', count: 1 }]);
    const [so] = scoresView(c, r);
    expect(so.criteria.map((x) => x.maxPoints)).toEqual(['2,25', '1,5']);
    const sa = so.units.find((u) => u.unit === 'SA')!;
    expect([sa.surveyPoints, sa.surveyMax]).toEqual(['1', '3,75']);
    expect(sa.cells[0].points).toBe('1');
    const cell = r.cells.find((x) => x.unit === 'SA' && x.criterion === 'C1')!;
    expect(cellDetail(c, cell)).toMatchObject({ maxText: '2,25', pointsText: '1' });
    expect(campaignSummary(c).levels).toEqual([{ level: 'so', name: 'Sở, ban, ngành', units: 2, criteria: 2, maxPoints: '3,75' }]);
  });

  it("gives each level bars in the table's order, with the exact maximum and a flag for thin data", () => {
    const c = campaign((x) => (x.scoring.decimals = 0));
    // SB answers "1" (1.0) on question 1, the only answered question of C1: C1 = 2.25 × 1 → 2 points, first; SA has none.
    const [so] = scoresView(c, scoreCampaign(c, [{ group: 'G1', unit: 'SB', question: '1', answer: '1', count: 1 }]));
    expect(so.units.map((u) => u.unit)).toEqual(['SB', 'SA']);
    expect(so.bars.map((b) => [b.label, b.value, b.suffix])).toEqual([
      ['Sở Bình', 2, ' / 3,75'],
      ['Sở An', null, ' (chưa có dữ liệu)'],
    ]);
    expect(so.bars.map((b) => b.flag)).toEqual(so.units.map((u) => u.flagged > 0));
    expect(so.scaleMax).toBe(3.75);
  });

  it('pads maxima to the campaign decimals when those are more', () => {
    const c = campaign((x) => (x.scoring.decimals = 3));
    const [so] = scoresView(c, scoreCampaign(c, []));
    expect(so.criteria.map((x) => x.maxPoints)).toEqual(['2,250', '1,500']);
  });

  it('shows units without any answer as having no data, not as sharing first place', () => {
    // Nobody has answered: under noData "zero" every unit has 0 points and the engine ranks them all 1st.
    const c = campaign();
    const [so] = scoresView(c, scoreCampaign(c, []));
    expect(so.units.map((u) => [u.unit, u.rank, u.noData, u.flagged])).toEqual([
      ['SA', '—', true, 0],
      ['SB', '—', true, 0],
    ]);
    expect(so.bars.map((b) => b.value)).toEqual([null, null]);
    // One answer for SB: SB is ranked 1st and scored; SA still has no data (and no rank shared with SB).
    const [one] = scoresView(c, scoreCampaign(c, [{ group: 'G1', unit: 'SB', question: '1', answer: '1', count: 1 }]));
    expect(one.units.map((u) => [u.unit, u.rank, u.noData])).toEqual([
      ['SB', 1, false],
      ['SA', '—', true],
    ]);
  });

  it('writes numbers with a decimal comma and statuses and the combining rule in Vietnamese', () => {
    // SB: C1 = 2.25 × 1 = 2.25; C2 has no answer (0 points): survey points 2.25 of 3.75.
    const c = campaign();
    const r = scoreCampaign(c, [{ group: 'G1', unit: 'SB', question: '1', answer: '1', count: 1 }]);
    const [so] = scoresView(c, r);
    const sb = so.units.find((u) => u.unit === 'SB')!;
    expect([sb.surveyPoints, sb.surveyMax]).toEqual(['2,25', '3,75']);
    expect(sb.cells.map((x) => [x.points, x.statusName])).toEqual([
      ['2,25', 'Ít câu trả lời'], // one answer, fewer than warnBelow = 5
      ['0,00', 'Chưa có dữ liệu'],
    ]);
    const cell = cellDetail(c, r.cells.find((x) => x.unit === 'SB' && x.criterion === 'C1')!);
    expect([cell.fractionText, cell.statusName]).toEqual(['1,000000', 'Ít câu trả lời']);
    expect(campaignSummary(c).combine).toBe('bình quân theo nhóm đối tượng (có trọng số)');
  });

  it('names levels and scopes in Vietnamese', () => {
    const s = campaignSummary(campaign());
    expect(s.groups.map((g) => [g.home, g.scope])).toEqual([
      ['Toàn tỉnh', 'mọi đơn vị'],
      ['Sở, ban, ngành', 'đơn vị mình'],
    ]);
  });

  it.each([
    // group, home units offered — why
    ['G1', []], // the province as a whole: no unit to choose
    ['G2', ['SA', 'SB']], // home "so": every department
  ])('offers %s the home units %j when printing', (group, homes) => {
    const choices = printChoices(campaign());
    const offered = choices.homeLevels
      .flatMap((l) => l.units)
      .filter((u) => u.groups.split(' ').includes(group))
      .map((u) => u.code);
    expect(offered).toEqual(homes);
  });

  it('lists home units by level with their groups, and only units some group works in', () => {
    // homeUnits restricts G2 to SB: SA is nobody's home unit and is not offered.
    const c = campaign((x) => (x.groups[1].homeUnits = ['SB']));
    expect(printChoices(c)).toEqual({
      groups: [
        { code: 'G1', name: 'Đại biểu HĐND tỉnh', home: 'Toàn tỉnh' },
        { code: 'G2', name: 'Công chức các sở', home: 'Sở, ban, ngành' },
      ],
      homeLevels: [{ name: 'Sở, ban, ngành', units: [{ code: 'SB', name: 'Sở Bình', groups: 'G2' }] }],
    });
  });
});

describe('quota page', () => {
  // Mini campaign: G1 (province, quota 2) and G2 (each Sở, quota 1). Counted: G1 2 of 2; G2 SA 1 of 1, SB 0 of 1.
  const c = campaign();
  const rows = quotaRows(c, [
    { group: 'G1', home: null, issued: 2, returned: 2, counted: 2 },
    { group: 'G2', home: 'SA', issued: 1, returned: 1, counted: 1 },
    { group: 'G2', home: 'SB', issued: 1, returned: 0, counted: 0 },
  ]);

  it.each([
    [undefined, false, ['G1/', 'G2/SA', 'G2/SB'], undefined],
    ['G2', false, ['G2/SA', 'G2/SB'], 'G2'],
    ['G2', true, ['G2/SB'], 'G2'],
    ['NOPE', true, ['G2/SB'], undefined],
  ])('group %s, only short %s: rows %j', (group, onlyShort, shown, chosen) => {
    const view = quotaPageView(c, rows, group, onlyShort);
    expect(view.rows.map((r) => `${r.group}/${r.home ?? ''}`)).toEqual(shown);
    expect(view.group).toBe(chosen);
    expect(view.groups.filter((g) => g.selected).map((g) => g.group)).toEqual(chosen ? [chosen] : []);
    expect(view.chart).toContain('<svg');
  });
});

describe('campaign page', () => {
  it.each([
    [
      { issued: '6', channel: 'mixed' },
      { label: 'Giấy và trực tuyến', online: true },
    ],
    [
      { issued: '6', channel: 'paper' },
      { label: 'Phiếu giấy', online: false },
    ],
    [{ issued: '6', channel: 'fax' }, undefined],
    [{ channel: 'web' }, undefined],
  ])('after %j says the channel and whether invitations come next', (q, issuedChannel) => {
    const view = campaignPageView(campaign(), 3, q);
    expect(view.title).toBe('MINI-2026 — Điều tra thử nghiệm');
    expect(view.version).toBe(3);
    expect(view.channels.map((x) => x.label)).toEqual(['Phiếu giấy', 'Trực tuyến', 'Giấy và trực tuyến']);
    expect(view.issuedChannel).toEqual(issuedChannel);
  });
});
