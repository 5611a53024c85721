/** The campaign workbook's pure part: a grid of cells read as the person meant it, every problem at once at its sheet, row and column, in English and Vietnamese. */
import { describe, expect, it } from 'vitest';
import { type Campaign, campaignProblemText, campaignWarningText, campaignWarningVi, checkCampaign } from '../../surveys/campaign';
import { checkCampaignGrid, headingKey, levelMaxima, nearestOf, numberOf } from '../../surveys/campaign-workbook';
import type { GridSheet } from '../../surveys/campaign-workbook';
import { miniCampaign } from '../helpers/campaigns';
import { cellAt, gridOf, put } from '../helpers/grid';
import { randomCampaign } from '../helpers/random-campaign';

// The mini campaign's grid (test/fixtures/mini-campaign.json): "Chung" rows 2–14 are code, name, year, province,
// doubleEntry, allowBlanks, spareShare, combine, minValid, warnBelow, maxBlankShare, noData, decimals; "Đơn vị" rows
// 2–3 SA, SB; "Tiêu chí" 2–3 C1, C2; "Bộ phương án" 2–6 options 1, 2, 3, 4, 9; "Mẫu phiếu" 2 F1; "Câu hỏi" 2–4
// questions 1, 2, 3; "Nhóm đối tượng" 2–3 G1, G2.
const mini = () => gridOf(miniCampaign());

const read = (g: GridSheet[]) => checkCampaignGrid(g);
const campaignOf = (g: GridSheet[]): Campaign => {
  const r = read(g);
  if (!r.ok) throw new Error(r.problems.map((p) => campaignProblemText(p, 'en')).join('\n'));
  return r.campaign;
};
const problems = (g: GridSheet[], lang: 'en' | 'vi' = 'en') => {
  const r = read(g);
  return r.ok ? [] : r.problems.map((p) => campaignProblemText(p, lang));
};
const warnings = (g: GridSheet[]) => {
  const r = read(g);
  return r.ok ? r.warnings.map(campaignWarningText) : ['(refused)'];
};

describe('campaign grid: written and read back', () => {
  it('reads the mini campaign back exactly', () => {
    expect(JSON.stringify(campaignOf(mini()))).toBe(JSON.stringify(miniCampaign()));
  });

  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('random campaign, seed %i, comes back the same, order kept', (seed) => {
    const check = checkCampaign(randomCampaign(seed));
    if (!check.ok) throw new Error(`seed ${seed} is not valid`);
    expect(JSON.stringify(campaignOf(gridOf(check.campaign)))).toBe(JSON.stringify(check.campaign));
  });

  it('the empty template is read as a campaign with nothing filled in, every gap named', () => {
    expect(problems(gridOf(null))).toEqual([
      'sheet "Chung", row 2, column "Giá trị": is empty',
      'sheet "Chung", row 3, column "Giá trị": is empty',
      'sheet "Chung", row 4, column "Giá trị": is empty (a number is needed)',
      'sheet "Chung", row 5, column "Giá trị": is empty',
      'sheet "Đơn vị": needs at least one unit',
      'sheet "Tiêu chí": needs at least one criterion',
      'sheet "Bộ phương án": needs at least one option set',
      'sheet "Mẫu phiếu": needs at least one form',
      'sheet "Nhóm đối tượng": needs at least one respondent group',
    ]);
  });
});

/** Excel's habits, each read as the person meant it: [what, change to the mini grid, what the campaign then holds]. */
const habits: [string, (g: GridSheet[]) => void, (c: Campaign) => unknown, unknown][] = [
  // A cell formatted "0.00" shows 1.10 for the number 1.1: what it shows is the code.
  ['a code shown with its zeros', (g) => put(g, 'Câu hỏi', 2, 'Mã câu', 1.1, '1.10'), (c) => c.forms[0].questions[0].code, '1.10'],
  ['a decimal comma', (g) => put(g, 'Bộ phương án', 3, 'Tỷ lệ điểm', '0,6'), (c) => c.optionSets[0].options[1].fraction, 0.6],
  ['a number stored as text, with spaces', (g) => put(g, 'Nhóm đối tượng', 2, 'Chỉ tiêu', ' 12 '), (c) => c.groups[0].quota, 12],
  ['a formula (its value)', (g) => put(g, 'Tiêu chí', 2, 'Điểm tối đa', 2.25, '2.25', '1+1.25'), (c) => c.criteria[0].maxPoints, 2.25],
  ['no-break and trailing spaces around a code', (g) => put(g, 'Đơn vị', 2, 'Mã', 'SA\u00A0 '), (c) => c.units[0].code, 'SA'],
  // "Ho" + "a" + U+0300 (NFD, as a Mac or a PDF gives it) is "Hoà" with one code point.
  ['NFD Vietnamese', (g) => put(g, 'Đơn vị', 2, 'Tên đơn vị', 'Sở Hoa\u0300 Bi\u0300nh'), (c) => c.units[0].name, 'Sở Hoà Bình'],
  [
    'a line break inside a question (kept)',
    (g) => put(g, 'Câu hỏi', 2, 'Nội dung', 'Dòng một\nDòng hai'),
    (c) => c.forms[0].questions[0].text,
    'Dòng một\nDòng hai',
  ],
  [
    'how scanned forms complete, by its label in another case (row 15, the last setting)',
    (g) => put(g, 'Chung', 15, 'Giá trị', 'Máy đọc, người xác nhận các ô máy chưa chắc'),
    (c) => c.scanCompletion,
    'verify',
  ],
  // A workbook made before the setting existed has no row 15: the campaign keeps what it did before.
  ['a workbook without the scan row', (g) => g[1].rows.splice(14, 1), (c) => c.scanCompletion, 'doubleEntry'],
  ['how scanned forms complete, by its code', (g) => put(g, 'Chung', 15, 'Giá trị', 'verify'), (c) => c.scanCompletion, 'verify'],
  [
    'yes/no typed as x and TRUE',
    (g) => {
      put(g, 'Chung', 6, 'Giá trị', 'x');
      put(g, 'Chung', 7, 'Giá trị', true, 'TRUE');
    },
    (c) => [c.doubleEntry, c.allowBlanks],
    [true, true],
  ],
  ['a blank option-set cell continues the set above', (g) => put(g, 'Bộ phương án', 4, 'Bộ phương án', null), (c) => c.optionSets[0].options.length, 5],
  [
    'empty trailing rows and cells',
    (g) => {
      cellAt(g, 'Đơn vị', 40, 'Mã');
      put(g, 'Đơn vị', 41, 'Tên đơn vị', '  ');
    },
    (c) => c.units.length,
    2,
  ],
  ['former codes in one cell, comma or semicolon', (g) => put(g, 'Đơn vị', 2, 'Mã cũ', 'XA1, XA2;XA3'), (c) => c.units[0].formerly, ['XA1', 'XA2', 'XA3']],
  [
    'headings in another case, without diacritics, spaced',
    (g) => {
      g[3].rows[0][1] = { text: ' TEN  DON VI ', value: ' TEN  DON VI ' };
    },
    (c) => c.units[1].name,
    'Sở Bình',
  ],
  ['an extra hidden sheet', (g) => g.push({ name: 'Ghi chú', hidden: true, rows: [[{ text: 'x', value: 'x' }]] }), (c) => c.code, 'MINI-2026'],
  [
    'cells merged down a run of links (blank: as above)',
    (g) => {
      // G2 (home "so", own scope) made "linked": SA rates SA and SB, SB rates SB; group and home cells left blank below the first.
      put(g, 'Nhóm đối tượng', 3, 'Phạm vi đánh giá', 'linked');
      [
        ['G2', 'SA', 'SA'],
        [null, null, 'SB'],
        [null, 'SB', 'SB'],
      ].forEach(([group, home, unit], i) => {
        put(g, 'Liên kết', i + 2, 'Nhóm', group);
        put(g, 'Liên kết', i + 2, 'Đơn vị công tác', home);
        put(g, 'Liên kết', i + 2, 'Đơn vị được đánh giá', unit);
      });
    },
    (c) => c.groups[1].links,
    { SA: ['SA', 'SB'], SB: ['SB'] },
  ],
  [
    'a sheet name typed without diacritics',
    (g) => {
      g[3].name = 'Don vi';
    },
    (c) => c.units.length,
    2,
  ],
];

describe('Excel habits are read as meant', () => {
  it.each(habits)('%s', (_name, change, pick, expected) => {
    const g = mini();
    change(g);
    expect(pick(campaignOf(g))).toEqual(expected);
  });

  it('warns where Excel holds a code as a number (it may have dropped zeros already), as a date, or where a sheet is not read', () => {
    const g = mini();
    put(g, 'Câu hỏi', 3, 'Mã câu', 2.1, '2.10');
    g.push({ name: 'Ghi chú', rows: [] });
    expect(warnings(g)).toEqual([
      'sheet "Ghi chú": this sheet is not part of the campaign and is not read',
      'sheet "Câu hỏi", row 3, column "Mã câu": code read as "2.10", but Excel holds the cell as a number and may have changed what was typed (1.10 → 1.1, 007 → 7): format the column as Text and type the code again if it is not "2.10"',
    ]);
  });

  it.each([
    // what, change, warnings
    [
      'option and question codes 1, 2, 9 held as numbers: nothing Excel can have changed',
      (g: GridSheet[]) => {
        put(g, 'Bộ phương án', 2, 'Mã', 1);
        put(g, 'Bộ phương án', 6, 'Mã', 9);
        put(g, 'Câu hỏi', 3, 'Mã câu', 2);
      },
      [],
    ],
    // The system's own export writes codes as text: a re-uploaded "007" is what was typed, and CSV files are not in play.
    ['a unit code "007" in a text cell', (g: GridSheet[]) => put(g, 'Đơn vị', 2, 'Mã', '007'), []],
    [
      'a unit code 7 in a number cell formatted 000: one warning',
      (g: GridSheet[]) => put(g, 'Đơn vị', 2, 'Mã', 7, '007'),
      [
        'sheet "Đơn vị", row 2, column "Mã": code "007" is a number whose leading zeros are shown only by the cell\'s format: it is read as "007", but copying the cell elsewhere or changing its format drops them: format the column as Text and type "007" again',
      ],
    ],
    [
      'a unit code 7 in a General number cell: Excel may have dropped zeros',
      (g: GridSheet[]) => put(g, 'Đơn vị', 2, 'Mã', 7),
      [
        'sheet "Đơn vị", row 2, column "Mã": code read as "7", but Excel holds the cell as a number and may have changed what was typed (1.10 → 1.1, 007 → 7): format the column as Text and type the code again if it is not "7"',
      ],
    ],
    // Twins stay a true warning (a keyed CSV file cannot tell them apart), given once per cell.
    [
      'units "007" and "7" as text: twins',
      (g: GridSheet[]) => {
        put(g, 'Đơn vị', 2, 'Mã', '007');
        put(g, 'Đơn vị', 3, 'Mã', '7');
      },
      [
        'sheet "Đơn vị", row 2, column "Mã": code "007" loses its leading zeros in Excel and then cannot be told from "7": keyed and self-assessment files must keep such cells as Text',
      ],
    ],
    [
      'units 7 formatted 000 and "7": the twins warning alone, not also the number cell\'s',
      (g: GridSheet[]) => {
        put(g, 'Đơn vị', 2, 'Mã', 7, '007');
        put(g, 'Đơn vị', 3, 'Mã', '7');
      },
      [
        'sheet "Đơn vị", row 2, column "Mã": code "007" loses its leading zeros in Excel and then cannot be told from "7": keyed and self-assessment files must keep such cells as Text',
      ],
    ],
  ] as const)('%s', (_what, change, expected) => {
    const g = mini();
    change(g);
    expect(warnings(g)).toEqual(expected);
  });
});

/** Workbooks with mistakes: [what, change, every problem in English]. */
const mistakes: [string, (g: GridSheet[]) => void, string[]][] = [
  [
    'three mistakes on three sheets, all at once',
    (g) => {
      put(g, 'Nhóm đối tượng', 3, 'Chỉ tiêu', 'mười');
      put(g, 'Câu hỏi', 4, 'Tiêu chí', 'C9');
      put(g, 'Đơn vị', 3, 'Mã', 'SA');
    },
    [
      'sheet "Đơn vị", row 3, column "Mã": duplicate code "SA" (first at row 2)',
      'sheet "Tiêu chí", row 3: no question feeds criterion "C2"',
      'sheet "Câu hỏi", row 4, column "Tiêu chí": unknown criterion "C9"',
      'sheet "Nhóm đối tượng", row 3, column "Chỉ tiêu": "mười" is not a number: write a number, such as 25 or 1,5',
    ],
  ],
  [
    'a misspelt heading names the one it was meant to be',
    (g) => {
      g[3].rows[0][1] = { text: 'Tên đơn vj', value: 'Tên đơn vj' };
    },
    ['sheet "Đơn vị", row 1: no column "Tên đơn vị" (the heading "Tên đơn vj" looks misspelt)'],
  ],
  ['a missing sheet', (g) => g.splice(7, 1), ['sheet "Câu hỏi": the workbook has no sheet "Câu hỏi"']],
  [
    'a misspelt sheet name',
    (g) => {
      g[7].name = 'Cau hoj';
    },
    ['sheet "Câu hỏi": the workbook has no sheet "Câu hỏi" (the sheet "Cau hoj" looks misspelt)'],
  ],
  [
    'a misspelt setting',
    (g) => put(g, 'Chung', 5, 'Mục', 'Tinh thanh phoo'),
    ['sheet "Chung", row 5, column "Mục": unknown setting "Tinh thanh phoo" (did you mean "Tỉnh, thành phố"?)'],
  ],
  ['a setting row deleted', (g) => g[1].rows.splice(1, 1), ['sheet "Chung": no row "Mã đợt điều tra"']],
  [
    'a question of a form that does not exist',
    (g) => put(g, 'Câu hỏi', 4, 'Mẫu phiếu', 'F2'),
    ['sheet "Tiêu chí", row 3: no question feeds criterion "C2"', 'sheet "Câu hỏi", row 4, column "Mẫu phiếu": unknown form "F2"'],
  ],
  [
    'a link of a group that does not exist',
    (g) => {
      put(g, 'Liên kết', 2, 'Nhóm', 'G9');
      put(g, 'Liên kết', 2, 'Đơn vị công tác', 'SA');
      put(g, 'Liên kết', 2, 'Đơn vị được đánh giá', 'SB');
    },
    ['sheet "Liên kết", row 2, column "Nhóm": unknown group "G9"'],
  ],
  [
    'links for a group whose scope is not "linked"',
    (g) => {
      put(g, 'Liên kết', 2, 'Nhóm', 'G2');
      put(g, 'Liên kết', 2, 'Đơn vị công tác', 'SA');
      put(g, 'Liên kết', 2, 'Đơn vị được đánh giá', 'SB');
    },
    ['sheet "Liên kết", row 2: only a group with scope "linked" can have links'],
  ],
  [
    'a two-key option code and a fraction above 1',
    (g) => {
      put(g, 'Bộ phương án', 2, 'Mã', '10');
      put(g, 'Bộ phương án', 3, 'Tỷ lệ điểm', '1,2');
    },
    [
      'sheet "Bộ phương án", row 2, column "Mã": must be one letter or digit (one key at the keying desk)',
      'sheet "Bộ phương án", row 3, column "Tỷ lệ điểm": must lie in [0, 1]',
    ],
  ],
  [
    'a scope outside the list',
    (g) => put(g, 'Nhóm đối tượng', 2, 'Phạm vi đánh giá', 'some'),
    ['sheet "Nhóm đối tượng", row 2, column "Phạm vi đánh giá": must be one of: "all", "own", "parent", "linked"'],
  ],
];

describe('workbook mistakes: every one at once, at its sheet, row and column', () => {
  it.each(mistakes)('%s', (_name, change, expected) => {
    const g = mini();
    change(g);
    expect(problems(g)).toEqual(expected);
  });

  it("a misspelt heading hides none of the sheet's other mistakes, nor those of rows with another mistake", () => {
    const g = mini();
    // "Nơi làm việc" typed for "Nơi công tác": every group lacks its home, yet its other columns are read and checked.
    const groups = g.find((s) => s.name === 'Nhóm đối tượng')!;
    groups.rows[0][groups.rows[0].findIndex((c) => c.text === 'Nơi công tác')] = { text: 'Nơi làm việc', value: 'Nơi làm việc' };
    put(g, 'Nhóm đối tượng', 3, 'Đơn vị công tác', 'SA, SX', 'SA, SX');
    put(g, 'Nhóm đối tượng', 3, 'Mẫu phiếu', 'F9');
    // A unit of a mistyped level still has its parent checked; a criterion with a mistyped maximum still its level.
    put(g, 'Đơn vị', 3, 'Cấp', 'Sở ngành');
    put(g, 'Đơn vị', 3, 'Đơn vị cha', 'SZ');
    put(g, 'Tiêu chí', 3, 'Điểm tối đa', '2.5.');
    put(g, 'Tiêu chí', 3, 'Cấp', 'huyen');
    expect(problems(g)).toEqual([
      'sheet "Đơn vị", row 3, column "Cấp": must be a lower-case level name such as "so", "huyen" or "xa"',
      'sheet "Đơn vị", row 3, column "Đơn vị cha": unknown unit "SZ"',
      'sheet "Tiêu chí", row 3, column "Cấp": no unit has level "huyen"',
      'sheet "Tiêu chí", row 3, column "Điểm tối đa": "2.5." is not a number: write the number with a single decimal comma, such as 2,5',
      'sheet "Nhóm đối tượng", row 1: no column "Nơi công tác" (the heading "Nơi làm việc" looks misspelt)',
      'sheet "Nhóm đối tượng", row 3, column "Mẫu phiếu": unknown form "F9"',
      'sheet "Nhóm đối tượng", row 3, column "Đơn vị công tác": unknown unit "SX"',
    ]);
  });

  it.each([
    // column, row, cell value, text shown, English, Vietnamese
    ['Bộ phương án', 4, 'Tỷ lệ điểm', '20%', '20%', '"20%" is a percentage: write the fraction 0,2', '"20%" là tỷ lệ phần trăm: hãy ghi dạng số thập phân 0,2'],
    [
      'Nhóm đối tượng',
      2,
      'Chỉ tiêu',
      '25 phiếu',
      '25 phiếu',
      '"25 phiếu" is not a number: write the number alone, 25',
      '"25 phiếu" không phải là số: chỉ ghi con số, không kèm chữ: 25',
    ],
    [
      'Tiêu chí',
      2,
      'Điểm tối đa',
      '2.5.',
      '2.5.',
      '"2.5." is not a number: write the number with a single decimal comma, such as 2,5',
      '"2.5." không phải là số: hãy ghi số với một dấu phẩy thập phân, ví dụ 2,5',
    ],
    // 1.5 typed where Excel reads "." as a date separator: the cell holds 1 May 2026.
    [
      'Tiêu chí',
      2,
      'Điểm tối đa',
      new Date(Date.UTC(2026, 4, 1)),
      '01/05/2026',
      'Excel changed what was typed into a date (01/05/2026): if 1,5 was meant, type 1,5 with the decimal comma, or format the cell as Text first',
      'Excel đã đổi điều được gõ thành ngày tháng (01/05/2026): nếu định gõ 1,5 thì hãy gõ 1,5 với dấu phẩy thập phân, hoặc định dạng ô là Text trước khi gõ',
    ],
  ] as const)('a number cell on "%s" row %i, column "%s", holding %j, says what was read and what to type', (sheet, row, heading, value, text, en, vi) => {
    const g = mini();
    put(g, sheet, row, heading, value, text);
    const at = `sheet "${sheet}", row ${row}, column "${heading}": `;
    expect(problems(g).filter((p) => p.startsWith(at))).toEqual([at + en]);
    expect(problems(g, 'vi').filter((p) => p.includes(`dòng ${row}, cột "${heading}"`))).toEqual([`Trang "${sheet}", dòng ${row}, cột "${heading}": ${vi}`]);
  });

  it('words them in Vietnamese for the console', () => {
    const g = mini();
    put(g, 'Nhóm đối tượng', 3, 'Chỉ tiêu', 'mười');
    put(g, 'Câu hỏi', 4, 'Tiêu chí', 'C9');
    put(g, 'Đơn vị', 3, 'Mã', 'SA');
    put(g, 'Đơn vị', 2, 'Tên đơn vị', '');
    expect(problems(g, 'vi')).toEqual([
      'Trang "Đơn vị", dòng 2, cột "Tên đơn vị": chưa điền',
      'Trang "Đơn vị", dòng 3, cột "Mã": mã "SA" bị trùng (đã có ở dòng 2)',
      'Trang "Tiêu chí", dòng 3: chưa có câu hỏi nào cho tiêu chí "C2"',
      'Trang "Câu hỏi", dòng 4, cột "Tiêu chí": không có tiêu chí "C9"',
      'Trang "Nhóm đối tượng", dòng 3, cột "Chỉ tiêu": "mười" không phải là số: hãy ghi một số, ví dụ 25 hoặc 1,5',
    ]);
  });

  it('a warning in Vietnamese', () => {
    const g = mini();
    put(g, 'Đơn vị', 2, 'Mã', 7);
    put(g, 'Nhóm đối tượng', 2, 'Mã', 7);
    const r = read(g);
    // The group's code "7" is fine; the unit "7" is also a code Excel shortens in CSV files.
    expect(r.ok && r.warnings.map(campaignWarningVi)[0]).toBe(
      'Trang "Đơn vị", dòng 2, cột "Mã": mã được đọc là "7", nhưng Excel lưu ô này dưới dạng số và có thể đã đổi điều được gõ (1.10 → 1.1, 007 → 7): nếu mã không phải "7", hãy định dạng cột là Text và gõ lại',
    );
  });
});

describe("listed columns take the console's Vietnamese labels", () => {
  it.each([
    // sheet, row, heading, typed, what the campaign then holds
    ['Đơn vị', 2, 'Cấp', 'Sở, ban, ngành', (c: Campaign) => c.units[0].level, 'so'],
    ['Đơn vị', 2, 'Cấp', 'so', (c: Campaign) => c.units[0].level, 'so'], // the code still reads
    ['Nhóm đối tượng', 2, 'Nơi công tác', 'toàn tỉnh', (c: Campaign) => c.groups[0].home, 'province'],
    ['Nhóm đối tượng', 3, 'Phạm vi đánh giá', 'Đơn vị mình', (c: Campaign) => c.groups[1].scope, 'own'],
    ['Nhóm đối tượng', 2, 'Phạm vi đánh giá', 'moi don vi', (c: Campaign) => c.groups[0].scope, 'all'], // without diacritics
    ['Chung', 9, 'Giá trị', 'bình quân chung mọi câu trả lời', (c: Campaign) => c.scoring.combine, 'pooled'],
    ['Chung', 13, 'Giá trị', 'không tính vào điểm tối đa', (c: Campaign) => c.scoring.noData, 'exclude'],
  ] as const)('%s row %i "%s": %j', (sheet, row, heading, typed, pick, code) => {
    const g = mini();
    put(g, sheet, row, heading, typed);
    expect(pick(campaignOf(g))).toBe(code);
  });

  it('writes the labels, and names every value allowed where one is wrong, "Toàn tỉnh" included', () => {
    const g = mini();
    expect(cellAt(g, 'Nhóm đối tượng', 2, 'Nơi công tác').text).toBe('Toàn tỉnh');
    expect(cellAt(g, 'Chung', 9, 'Giá trị').text).toBe('bình quân theo nhóm đối tượng (có trọng số)');
    put(g, 'Nhóm đối tượng', 2, 'Nơi công tác', 'Cả tỉnh');
    expect(problems(g, 'vi')).toEqual([
      'Trang "Nhóm đối tượng", dòng 2, cột "Nơi công tác": phải là "Toàn tỉnh" (province) hoặc một cấp đơn vị: "Sở, ban, ngành" (so), "UBND cấp huyện" (huyen), "UBND cấp xã" (xa)',
    ]);
  });
});

describe('headings as people type them', () => {
  it.each([
    ['Tên đơn vị', 'tendonvi'],
    ['  TÊN ĐƠN  VỊ', 'tendonvi'],
    ['Từ (%)', 'tu%'],
  ])('%s → %s', (typed, key) => expect(headingKey(typed)).toBe(key));

  it.each([
    ['Ten don vj', ['Mã', 'Tên đơn vị', 'Cấp'], 'Tên đơn vị'],
    ['Ghi chú', ['Mã', 'Tên đơn vị', 'Cấp'], undefined],
  ])('nearest of %s', (typed, candidates, nearest) => expect(nearestOf(typed, candidates)).toBe(nearest));

  it.each([
    ['0,6', 0.6],
    [' 12 ', 12],
    ['1\u00A0000', 1000],
    ['mười', 'mười'],
    ['1.2.3', '1.2.3'],
  ])('number of %j', (text, n) => expect(numberOf(text)).toBe(n));
});

describe('maximum points per level', () => {
  it.each([
    // Mini: C1 2.25 + C2 1.5 = 3.75 for "so".
    ['the mini campaign', miniCampaign(), [{ level: 'so', maxPoints: 3.75, criteria: 2 }]],
    // 0.1 + 0.2 is 0.30000000000000004 in floats; in thousandths 100 + 200 = 300 → 0.3.
    [
      'decimal sums and two levels',
      miniCampaign((raw) => {
        raw.criteria[0].maxPoints = 0.1;
        raw.criteria[1].maxPoints = 0.2;
        raw.units.push({ code: 'HA', name: 'Huyện A', level: 'huyen' });
        raw.criteria.push({ code: 'H1', level: 'huyen', name: 'x', maxPoints: 22.5 });
        raw.forms.push({ code: 'F2', title: 't', targetLevel: 'huyen', optionSet: 'MD4', questions: [{ code: '1', text: 'q', criterion: 'H1' }] });
      }),
      [
        { level: 'so', maxPoints: 0.3, criteria: 2 },
        { level: 'huyen', maxPoints: 22.5, criteria: 1 },
      ],
    ],
  ])('%s', (_what, c, expected) => expect(levelMaxima(c)).toEqual(expected));
});
