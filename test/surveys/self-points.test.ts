/** Self-assessment points file: accepted shapes and every refusal, each named by its spreadsheet row. */
import { describe, expect, it } from 'vitest';
import { CampaignSchema, type Campaign } from '../../surveys/campaign';
import { checkSelfPoints, selfPointsText } from '../../surveys/self-points';
import { HEAD, MD4 } from '../helpers/campaigns';

/** The check with its problems in the English the CLI prints, so that the assertions read as the messages people get. */
function check(c: Campaign, text: string) {
  const out = checkSelfPoints(c, text);
  return out.ok ? out : { ok: false, errors: out.problems.map((p) => selfPointsText(p, 'en')) };
}

const campaign = CampaignSchema.parse({
  ...HEAD,
  optionSets: [MD4],
  units: [
    { code: 'SNV', name: 'Sở Nội vụ', level: 'so' },
    { code: 'STC', name: 'Sở Tài chính', level: 'so' },
    { code: 'TDU', name: 'UBND huyện Tam Đường', level: 'huyen' },
    { code: 'TDU-BL', name: 'UBND xã Bình Lư', level: 'xa', parent: 'TDU' },
  ],
  criteria: [
    { code: 'S1', level: 'so', name: 'Lãnh đạo', maxPoints: 22.5 },
    { code: 'H1', level: 'huyen', name: 'Lãnh đạo', maxPoints: 27 },
  ],
  forms: [
    { code: 'CT-01', title: 'Phiếu sở', targetLevel: 'so', optionSet: 'MD4', questions: [{ code: '1', text: 'Câu 1', criterion: 'S1' }] },
    { code: 'CH-01', title: 'Phiếu huyện', targetLevel: 'huyen', optionSet: 'MD4', questions: [{ code: '1', text: 'Câu 1', criterion: 'H1' }] },
  ],
  groups: [
    { code: 'CT01', name: 'Đại biểu', form: 'CT-01', home: 'province', scope: 'all', quota: 2 },
    { code: 'CH01', name: 'Đại biểu', form: 'CH-01', home: 'huyen', scope: 'own', quota: 2 },
  ],
});

/** One line of a file (after the header) and the one problem it must be refused with. */
const REFUSALS: [string, string][] = [
  ['XYZ,1,2', 'row 2: unknown unit "XYZ"'],
  [',1,2', 'row 2: unit_code is empty'],
  ['SNV,abc,77.5', 'row 2: self_points "abc" is not a number'],
  ['SNV,70,1.234,5', 'row 2: expected 3 fields (unit_code,self_points,self_max), found 4'],
  ['SNV,,77.5', 'row 2: self_points is empty'],
  ['SNV,70,', 'row 2: self_max is empty'],
  ['SNV,"1,2,3",77.5', 'row 2: self_points "1,2,3" is not a number'],
  ['SNV,-1,77.5', 'row 2: self_points -1 is negative'],
  ['SNV,0,0', 'row 2: self_max 0 must be greater than 0'],
  ['SNV,0,-5', 'row 2: self_max -5 must be greater than 0'],
  ['SNV,80,77.5', 'row 2: self_points 80 is greater than self_max 77.5'],
  ['TDU-BL,5,10', 'row 2: unit "TDU-BL" is of level "xa", which has no criteria in campaign TST-2024'],
];

describe('checkSelfPoints', () => {
  it('reads a comma file', () => {
    expect(check(campaign, 'unit_code,self_points,self_max\nSNV,70,77.5\nTDU,60.25,73\n')).toEqual({
      ok: true,
      rows: [
        { unit: 'SNV', selfPoints: 70, selfMax: 77.5 },
        { unit: 'TDU', selfPoints: 60.25, selfMax: 73 },
      ],
    });
  });

  it('reads a `;` file from a Vietnamese Excel: BOM, decimal comma, spaces, lower-case codes', () => {
    const text = '\uFEFFunit_code;self_points;self_max\r\n snv ; 70,5 ; 77,5 \r\n;;\r\nSTC;77,5;77,5\r\n';
    expect(check(campaign, text)).toEqual({
      ok: true,
      rows: [
        { unit: 'SNV', selfPoints: 70.5, selfMax: 77.5 },
        { unit: 'STC', selfPoints: 77.5, selfMax: 77.5 },
      ],
    });
  });

  it('accepts zero self points', () => {
    expect(check(campaign, 'unit_code,self_points,self_max\nSNV,0,77.5')).toEqual({
      ok: true,
      rows: [{ unit: 'SNV', selfPoints: 0, selfMax: 77.5 }],
    });
  });

  it.each(REFUSALS)('refuses %j', (line, message) => {
    expect(check(campaign, `unit_code,self_points,self_max\n${line}\n`)).toEqual({ ok: false, errors: [message] });
  });

  it('names the first row of a repeated unit', () => {
    const text = 'unit_code,self_points,self_max\nSNV,70,77.5\nSTC,60,77.5\nsnv,71,77.5\n';
    expect(check(campaign, text)).toEqual({ ok: false, errors: ['row 4: unit "SNV" is repeated (first at row 2)'] });
  });

  it('lists every error, several on one row, in row order', () => {
    const text = 'unit_code;self_points;self_max\nXYZ;-1;0\nSNV;70;77,5\nSNV;x;77,5\nTDU;90;73\n';
    expect(check(campaign, text)).toEqual({
      ok: false,
      errors: [
        'row 2: unknown unit "XYZ"',
        'row 2: self_points -1 is negative',
        'row 2: self_max 0 must be greater than 0',
        'row 4: unit "SNV" is repeated (first at row 3)',
        'row 4: self_points "x" is not a number',
        'row 5: self_points 90 is greater than self_max 73',
      ],
    });
  });

  it('refuses a wrong header and an empty file', () => {
    expect(check(campaign, 'unit,points,max\nSNV,1,2')).toEqual({
      ok: false,
      errors: [
        'row 1: the header must be "unit_code,self_points,self_max", found "unit,points,max" (missing "unit_code", "self_points", "self_max"; unexpected "unit", "points", "max")',
      ],
    });
    expect(check(campaign, '')).toEqual({
      ok: false,
      errors: ['the file is empty: expected the header "unit_code,self_points,self_max"'],
    });
    expect(check(campaign, 'unit_code,self_points,self_max\r\n')).toEqual({
      ok: false,
      errors: ['the file has no data rows below the header "unit_code,self_points,self_max"'],
    });
  });
});

describe('messages on the console', () => {
  it('has Vietnamese for every way a self-assessment file is refused', () => {
    const english = /\b(row|unit|is|not|the|empty|negative|greater|repeated|level|number)\b/;
    const problems = [
      ...REFUSALS.map((r) => `unit_code,self_points,self_max\n${r[0]}\n`),
      ...([
        'unit_code,self_points,self_max\nSNV,70,77.5\nsnv,71,77.5\n',
        'unit_code,self_points,self_max\n00118,1,2\n',
        'unit,points,max\nSNV,1,2',
        '',
      ] as const),
    ].flatMap((text) => {
      const out = checkSelfPoints(campaign, text);
      return out.ok ? [] : out.problems;
    });
    expect(problems.length).toBeGreaterThan(12);
    expect(
      problems.map((p) => selfPointsText(p, 'vi')).filter((m) => english.test(m.replace(/"[^"]*"/g, '').replace(/self_points|self_max|unit_code/g, ''))),
    ).toEqual([]);
  });
});
