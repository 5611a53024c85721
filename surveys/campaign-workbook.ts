/** The campaign workbook's pure part: its layout (sheets, Vietnamese headings, guide, dropdown lists), a campaign as a grid of cells, and a grid read back into a checked campaign with every problem at its sheet, row and column. */
import { type Campaign, type CampaignCheck, checkCampaign, SCOPES } from './campaign';
import type { CampaignProblem, CampaignWarning } from './campaign-problems';
import { combineName, homeName, levelName, noDataName, scanCompletionName, scopeName } from './names';
import type { Where } from './problems';

/** One cell as a spreadsheet holds it: what it shows, its value (a formula's result), and the formula if any. */
export type GridCell = { text: string; value: string | number | boolean | Date | null; formula?: string };
/** One sheet as read: `rows[0]` is Excel row 1; a merged range's cells other than its first are empty. */
export type GridSheet = { name: string; hidden?: boolean; rows: GridCell[][] };

/** What a column holds, which decides how a cell is read and how the column is formatted. */
export type ColumnKind = 'code' | 'text' | 'longtext' | 'number' | 'bool' | 'codes';
/** A column: its heading, how it is read and formatted, its guide text and example, its dropdown (a range formula), and whether a workbook may leave it out. */
export type Column = {
  key: string;
  heading: string;
  kind: ColumnKind;
  width: number;
  guide: string;
  example: string;
  list?: string;
  optional?: boolean;
  emptyIsNull?: boolean;
  wholeNumbersKept?: boolean;
  labels?: LabelList;
  numFmt?: string;
};
export type TableKey = 'bands' | 'units' | 'criteria' | 'options' | 'forms' | 'questions' | 'groups' | 'links';
export type TableSpec = { key: TableKey; name: string; guide: string; required: boolean; columns: Column[] };

/** What the writer puts in a cell: a value, or a formula with its result (so that a reader without a calculator sees it too). */
export type OutCell = string | number | null | { formula: string; result: number | string };
/** A sheet to write: its columns (headings, widths, dropdowns) and rows; `frozen` heading rows; `hidden` for the dropdown lists. */
export type OutSheet = {
  name: string;
  columns: Column[];
  rows: OutCell[][];
  frozen: number;
  hidden?: boolean;
  cellLists?: { row: number; column: number; list: string }[];
};

export const GUIDE_SHEET = 'Hướng dẫn';
export const SETTINGS_SHEET = 'Chung';
export const LISTS_SHEET = 'Danh mục';
export const SUMS_SHEET = 'Tổng điểm theo cấp';
const YES = 'Có';
const NO = 'Không';

/** Dropdown lists of the hidden sheet "Danh mục": column letter by list. */
// Column H is the option sets' first-row numbers (below); the scan setting's list came later, in I.
const LIST_COLUMNS = { level: 'A', home: 'B', scope: 'C', combine: 'D', noData: 'E', yesNo: 'F', optionSet: 'G', scanCompletion: 'I' } as const;
/**
 * Rows of «Bộ phương án» whose set codes the option-set dropdown lists, each once: a set has one row per option, so a
 * dropdown over that column named MD4 four times. «Danh mục» column H numbers each code's first row (plain formulas,
 * no array formula, so every Excel and LibreOffice computes them), column G lists the codes in that order.
 */
const OPTION_ROWS = 500;
const KNOWN_LEVELS = ['so', 'huyen', 'xa'];

/** Lists whose codes the workbook shows as the labels the console shows ("UBND cấp xã" for xa, "mọi đơn vị" for all). */
export type LabelList = 'level' | 'home' | 'scope' | 'combine' | 'noData' | 'scanCompletion';
const LABEL_CODES: Record<LabelList, readonly string[]> = {
  level: KNOWN_LEVELS,
  home: ['province', ...KNOWN_LEVELS],
  scope: SCOPES,
  combine: ['group-equal', 'pooled'],
  noData: ['zero', 'exclude'],
  scanCompletion: ['doubleEntry', 'verify'],
};

/** A code as the workbook writes it: the console's Vietnamese label; a level the index does not know keeps its code. */
export function labelOf(list: LabelList, code: string): string {
  if (!LABEL_CODES[list].includes(code)) return code;
  if (list === 'level') return levelName(code);
  if (list === 'home') return homeName(code);
  if (list === 'scope') return scopeName(code as (typeof SCOPES)[number]);
  if (list === 'scanCompletion') return scanCompletionName(code);
  return list === 'combine' ? combineName(code) : noDataName(code);
}

/**
 * A cell of a listed column back to its code: the label ("UBND cấp xã" → xa, "toàn tỉnh" → province) or the code
 * itself, in any case and with or without diacritics ("Xã" → xa); anything else stays as typed, for the check to name.
 */
export function codeOfLabel(list: LabelList, text: string): string {
  const k = headingKey(text);
  return LABEL_CODES[list].find((c) => headingKey(c) === k || headingKey(labelOf(list, c)) === k) ?? text;
}
const listRef = (list: keyof typeof LIST_COLUMNS, rows: number) => `'${LISTS_SHEET}'!$${LIST_COLUMNS[list]}$2:$${LIST_COLUMNS[list]}$${rows + 1}`;
/** A dropdown from another sheet's code column (forms, criteria, option sets, units, groups), up to this many rows. */
const MAX_ROWS = 100_001;
const codeRef = (sheet: string) => `'${sheet}'!$A$2:$A$${MAX_ROWS}`;

const col = (key: string, heading: string, kind: ColumnKind, width: number, guide: string, example: string, list?: string): Column => ({
  key,
  heading,
  kind,
  width,
  guide,
  example,
  ...(list ? { list } : {}),
});
/** A column older or trimmed workbooks may lack: its field is then left out (and takes its default). */
const optional = (c: Column): Column => ({ ...c, optional: true });

/** Settings of the sheet "Chung": one row each, by JSON path. */
export const SETTINGS: {
  path: string;
  label: string;
  kind: ColumnKind;
  guide: string;
  example: string;
  list?: keyof typeof LIST_COLUMNS;
  labels?: LabelList;
}[] = [
  { path: 'code', label: 'Mã đợt điều tra', kind: 'code', guide: 'Mã ngắn, duy nhất: chữ không dấu, số, "-" và "_"', example: 'LCU-2026' },
  { path: 'name', label: 'Tên đợt điều tra', kind: 'text', guide: 'In ở đầu mỗi phiếu', example: 'Điều tra xã hội học Chỉ số CCHC năm 2026' },
  { path: 'year', label: 'Năm', kind: 'number', guide: 'Năm đánh giá', example: '2026' },
  { path: 'province', label: 'Tỉnh, thành phố', kind: 'text', guide: 'Tên tỉnh in trên phiếu', example: 'Lai Châu' },
  { path: 'doubleEntry', label: 'Nhập phiếu giấy hai lần', kind: 'bool', guide: 'Có: mỗi phiếu giấy do hai người nhập độc lập', example: YES, list: 'yesNo' },
  {
    path: 'allowBlanks',
    label: 'Cho phép gửi phiếu trực tuyến còn ô trống',
    kind: 'bool',
    guide: 'Không: người trả lời phải trả lời mọi ô',
    example: NO,
    list: 'yesNo',
  },
  { path: 'spareShare', label: 'Tỷ lệ phiếu dự phòng', kind: 'number', guide: 'Phần phiếu phát thêm so với chỉ tiêu, từ 0 đến 1', example: '0,1' },
  {
    path: 'scoring.combine',
    label: 'Cách tổng hợp các nhóm',
    kind: 'code',
    guide: 'Chọn trong danh sách: bình quân theo nhóm đối tượng (có trọng số), hoặc bình quân chung mọi câu trả lời',
    example: combineName('group-equal'),
    list: 'combine',
    labels: 'combine',
  },
  {
    path: 'scoring.minValid',
    label: 'Số câu trả lời tối thiểu để tính điểm',
    kind: 'number',
    guide: 'Số câu trả lời có điểm tối thiểu của một nhóm',
    example: '1',
  },
  {
    path: 'scoring.warnBelow',
    label: 'Cảnh báo khi nhóm có ít hơn',
    kind: 'number',
    guide: 'Số câu trả lời dưới mức này thì điểm được đánh dấu "ít câu trả lời"',
    example: '5',
  },
  {
    path: 'scoring.maxBlankShare',
    label: 'Tỷ lệ ô trống tối đa của phiếu hợp lệ',
    kind: 'number',
    guide: 'Phiếu có nhiều ô trống hơn tỷ lệ này không được tính, từ 0 đến 1',
    example: '0,5',
  },
  {
    path: 'scoring.noData',
    label: 'Khi không có dữ liệu',
    kind: 'code',
    guide: 'Tiêu chí không có câu trả lời nào: tính 0 điểm, hoặc không tính vào điểm tối đa',
    example: noDataName('zero'),
    list: 'noData',
    labels: 'noData',
  },
  { path: 'scoring.decimals', label: 'Số chữ số thập phân của điểm', kind: 'number', guide: 'Từ 0 đến 6', example: '2' },
  // Last, so that workbooks made before it keep their row numbers; without the row the campaign keeps the default.
  {
    path: 'scanCompletion',
    label: 'Phiếu quét được máy đọc thì hoàn tất khi',
    kind: 'code',
    guide:
      'Chọn trong danh sách: máy đọc là lượt 1 và một người nhập lượt 2 (như nhập hai lần), hoặc máy đọc và người xác nhận các ô máy chưa chắc. Đợt chỉ nhập một lần luôn xác nhận',
    example: scanCompletionName('doubleEntry'),
    list: 'scanCompletion',
    labels: 'scanCompletion',
  },
];
/** Settings without a default: a workbook must have their rows. */
const REQUIRED_SETTINGS = ['code', 'name', 'year', 'province'];
const SETTING_COLUMNS: Column[] = [
  col('label', 'Mục', 'text', 44, 'Tên mục (không sửa)', 'Năm'),
  col('value', 'Giá trị', 'text', 46, 'Giá trị của đợt điều tra', '2026'),
  optional(col('note', 'Giải thích', 'longtext', 70, 'Giải thích (không được đọc)', '')),
];

export const TABLES: TableSpec[] = [
  {
    key: 'bands',
    name: 'Xếp loại',
    required: false,
    guide: 'Các mức xếp loại theo tỷ lệ phần trăm tổng điểm, từ cao xuống thấp (có thể để trống)',
    columns: [
      col('label', 'Xếp loại', 'text', 24, 'Tên mức xếp loại', 'Tốt'),
      col('minPercent', 'Từ (%)', 'number', 12, 'Tỷ lệ điểm tối thiểu, từ 0 đến 100', '80'),
    ],
  },
  {
    key: 'units',
    name: 'Đơn vị',
    required: true,
    guide: 'Mọi đơn vị được đánh giá hoặc có người trả lời: sở, ban, ngành; UBND cấp xã; ...',
    columns: [
      col('code', 'Mã', 'code', 14, 'Mã đơn vị, duy nhất: chữ không dấu, số, "-" và "_"', 'SNV'),
      col('name', 'Tên đơn vị', 'text', 40, 'Tên in trên phiếu (tối đa 120 ký tự)', 'Sở Nội vụ'),
      {
        ...col(
          'level',
          'Cấp',
          'code',
          16,
          'Cấp đơn vị, chọn trong danh sách: Sở, ban, ngành; UBND cấp xã (UBND cấp huyện chỉ cho đợt trước 01/07/2025)',
          levelName('so'),
          listRef('level', 3),
        ),
        labels: 'level',
      },
      optional(col('parent', 'Đơn vị cha', 'code', 14, 'Mã đơn vị cấp trên (nếu có)', '', codeRef('Đơn vị'))),
      optional(col('formerly', 'Mã cũ', 'codes', 24, 'Mã các đơn vị của đợt trước mà đơn vị này thay thế (sáp nhập), cách nhau bởi dấu phẩy', 'XA-01, XA-02')),
    ],
  },
  {
    key: 'criteria',
    name: 'Tiêu chí',
    required: true,
    guide: 'Các tiêu chí thành phần được chấm bằng điều tra xã hội học, mỗi tiêu chí cho một cấp, với điểm tối đa',
    columns: [
      col('code', 'Mã', 'code', 10, 'Mã tiêu chí: chữ không dấu, số, ".", "-" và "_"', 'S1.3'),
      { ...col('level', 'Cấp', 'code', 16, 'Cấp đơn vị được chấm', levelName('so'), listRef('level', 3)), labels: 'level' },
      col('name', 'Tên tiêu chí', 'longtext', 60, 'Tên tiêu chí', 'Tính năng động của lãnh đạo trong chỉ đạo CCHC'),
      // A number column (not Text) shown with at least two decimals, so that 1,5 typed is the number 1.5 that the sums
      // sheet adds up, and 2,25 shows as typed.
      { ...col('maxPoints', 'Điểm tối đa', 'number', 12, 'Điểm tối đa, lớn hơn 0 (dấu phẩy thập phân)', '1,5'), numFmt: '0.00##' },
    ],
  },
  {
    key: 'options',
    name: 'Bộ phương án',
    required: true,
    guide: 'Thang trả lời: mỗi dòng một phương án; các dòng cùng mã bộ thuộc một bộ',
    columns: [
      col('set', 'Bộ phương án', 'code', 14, 'Mã bộ phương án', 'MD4'),
      { ...col('code', 'Mã', 'code', 8, 'Mã in trên phiếu: một chữ cái hoặc một chữ số', '1'), wholeNumbersKept: true },
      col('label', 'Nhãn', 'text', 24, 'Nhãn in trên phiếu (tối đa 40 ký tự)', 'Rất tốt'),
      { ...col('fraction', 'Tỷ lệ điểm', 'number', 12, 'Phần điểm của tiêu chí, từ 0 đến 1; để trống cho "Không biết"', '0,6'), emptyIsNull: true },
    ],
  },
  {
    key: 'forms',
    name: 'Mẫu phiếu',
    required: true,
    guide: 'Các mẫu phiếu; câu hỏi của từng mẫu ở trang "Câu hỏi"',
    columns: [
      col('code', 'Mã', 'code', 10, 'Mã mẫu phiếu', 'CT-01'),
      col('title', 'Tiêu đề', 'longtext', 44, 'Tiêu đề in trên phiếu', 'Phiếu xin ý kiến đại biểu HĐND tỉnh'),
      optional(col('intro', 'Lời dẫn', 'longtext', 50, 'Đoạn giới thiệu in đầu phiếu (có thể để trống)', 'Xin Ông/Bà cho biết ý kiến ...')),
      { ...col('targetLevel', 'Cấp được đánh giá', 'code', 18, 'Cấp của các đơn vị mà phiếu đánh giá', levelName('so'), listRef('level', 3)), labels: 'level' },
      col('optionSet', 'Bộ phương án', 'code', 14, 'Mã bộ phương án của phiếu', 'MD4', listRef('optionSet', OPTION_ROWS)),
    ],
  },
  {
    key: 'questions',
    name: 'Câu hỏi',
    required: true,
    guide: 'Các câu hỏi theo thứ tự in trên phiếu; mỗi câu cho một tiêu chí của cấp mà phiếu đánh giá',
    columns: [
      col('form', 'Mẫu phiếu', 'code', 10, 'Mã mẫu phiếu', 'CT-01', codeRef('Mẫu phiếu')),
      { ...col('code', 'Mã câu', 'code', 8, 'Mã câu hỏi trong phiếu', '1'), wholeNumbersKept: true },
      col('text', 'Nội dung', 'longtext', 70, 'Nội dung câu hỏi (xuống dòng trong ô bằng Alt+Enter)', 'Lãnh đạo sở quan tâm chỉ đạo CCHC'),
      col('criterion', 'Tiêu chí', 'code', 10, 'Mã tiêu chí mà câu hỏi chấm', 'S1.3', codeRef('Tiêu chí')),
    ],
  },
  {
    key: 'groups',
    name: 'Nhóm đối tượng',
    required: true,
    guide: 'Các nhóm đối tượng khảo sát: mẫu phiếu, nơi công tác, phạm vi đánh giá, chỉ tiêu',
    columns: [
      col('code', 'Mã', 'code', 12, 'Mã nhóm', 'CT01-HDND'),
      col('name', 'Tên nhóm', 'text', 36, 'Tên nhóm in trên phiếu', 'Đại biểu HĐND tỉnh'),
      col('form', 'Mẫu phiếu', 'code', 10, 'Mã mẫu phiếu nhóm trả lời', 'CT-01', codeRef('Mẫu phiếu')),
      {
        ...col(
          'home',
          'Nơi công tác',
          'code',
          16,
          'Toàn tỉnh (chỉ tiêu là tổng số) hoặc một cấp (chỉ tiêu cho mỗi đơn vị)',
          homeName('province'),
          listRef('home', 4),
        ),
        labels: 'home',
      },
      {
        ...col(
          'scope',
          'Phạm vi đánh giá',
          'code',
          20,
          'mọi đơn vị của cấp được đánh giá; đơn vị mình; đơn vị cấp trên; danh sách liên kết (theo trang "Liên kết")',
          scopeName('all'),
          listRef('scope', SCOPES.length),
        ),
        labels: 'scope',
      },
      col('quota', 'Chỉ tiêu', 'number', 10, 'Số phiếu (số nguyên)', '25'),
      optional(col('weight', 'Trọng số', 'number', 10, 'Trọng số của nhóm khi tổng hợp, mặc định 1', '1')),
      optional(col('homeUnits', 'Đơn vị công tác', 'codes', 30, 'Chỉ khảo sát các đơn vị này (mã, cách nhau bởi dấu phẩy); để trống: mọi đơn vị của cấp', '')),
    ],
  },
  {
    key: 'links',
    name: 'Liên kết',
    required: false,
    guide: 'Chỉ cho nhóm có phạm vi «danh sách liên kết»: mỗi dòng một đơn vị được đánh giá của một đơn vị công tác',
    columns: [
      col('group', 'Nhóm', 'code', 12, 'Mã nhóm đối tượng', 'CT03-PH', codeRef('Nhóm đối tượng')),
      col('home', 'Đơn vị công tác', 'code', 16, 'Mã đơn vị nơi người trả lời công tác', 'TDU', codeRef('Đơn vị')),
      col('unit', 'Đơn vị được đánh giá', 'code', 20, 'Mã đơn vị được đánh giá', 'STC', codeRef('Đơn vị')),
    ],
  },
];
const table = (key: TableKey) => TABLES.find((t) => t.key === key)!;

// ---------------------------------------------------------------------------------------------------------------
// Writing

const yesNo = (b: boolean) => (b ? YES : NO);
const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const joinCodes = (codes: string[] | undefined) => (codes?.length ? codes.join(', ') : null);

/** The rows of each table of a campaign, in the campaign's order (the order that is read back). */
function tableRows(c: Campaign): Record<TableKey, OutCell[][]> {
  return {
    bands: c.bands.map((b) => [b.label, b.minPercent]),
    units: c.units.map((u) => [u.code, u.name, labelOf('level', u.level), orNull(u.parent), joinCodes(u.formerly)]),
    criteria: c.criteria.map((x) => [x.code, labelOf('level', x.level), x.name, x.maxPoints]),
    options: c.optionSets.flatMap((s) => s.options.map((o) => [s.code, o.code, o.label, o.fraction])),
    forms: c.forms.map((f) => [f.code, f.title, f.intro, labelOf('level', f.targetLevel), f.optionSet]),
    questions: c.forms.flatMap((f) => f.questions.map((q) => [f.code, q.code, q.text, q.criterion])),
    groups: c.groups.map((g) => [g.code, g.name, g.form, labelOf('home', g.home), labelOf('scope', g.scope), g.quota, g.weight, joinCodes(g.homeUnits)]),
    links: c.groups.flatMap((g) => Object.entries(g.links ?? {}).flatMap(([home, units]) => units.map((u) => [g.code, home, u]))),
  };
}

function settingValue(c: Campaign, s: (typeof SETTINGS)[number]): OutCell {
  const v = s.path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], c);
  if (s.labels) return labelOf(s.labels, v as string);
  return typeof v === 'boolean' ? yesNo(v) : (v as string | number);
}

/**
 * The survey's maximum points per level: the sum of its criteria's maxima and how many there are, in the order the
 * criteria name their levels (the workbook's sums sheet and the campaign page show the same figures). Summed in
 * thousandths, so the sum is the decimal one: Lai Châu's 15 department criteria of 1.5 make 22.5, and
 * 1.5 + 1.25 + 0.75 is exactly 3.5.
 */
export function levelMaxima(c: Campaign): { level: string; maxPoints: number; criteria: number }[] {
  const out = new Map<string, { level: string; thousandths: number; criteria: number }>();
  for (const x of c.criteria) {
    const s = out.get(x.level) ?? { level: x.level, thousandths: 0, criteria: 0 };
    s.thousandths += Math.round(x.maxPoints * 1000);
    s.criteria += 1;
    out.set(x.level, s);
  }
  return [...out.values()].map((s) => ({ level: s.level, maxPoints: s.thousandths / 1000, criteria: s.criteria }));
}

/** Levels for the dropdowns: the three the index knows, then any other the campaign uses. */
const levelsOf = (c: Campaign | null) => [...new Set([...KNOWN_LEVELS, ...(c?.units.map((u) => u.level) ?? []), ...(c?.criteria.map((x) => x.level) ?? [])])];

/**
 * A campaign as sheets to write (null: the empty template). Order: the guide, the settings, the tables in the order
 * a person fills them, the per-level sums of criterion maxima (formulas, with their results), the hidden lists.
 */
export function campaignSheets(c: Campaign | null): OutSheet[] {
  const levels = levelsOf(c);
  const rows = c ? tableRows(c) : null;
  // Dropdowns of levels name as many rows as there are levels.
  const withLevels = (cols: Column[]) =>
    cols.map((x) =>
      x.list === listRef('level', 3)
        ? { ...x, list: listRef('level', levels.length) }
        : x.list === listRef('home', 4)
          ? { ...x, list: listRef('home', levels.length + 1) }
          : x,
    );
  const settings: OutSheet = {
    name: SETTINGS_SHEET,
    columns: SETTING_COLUMNS,
    frozen: 1,
    rows: SETTINGS.map((s) => [s.label, c ? settingValue(c, s) : null, `${s.guide}. Ví dụ: ${s.example}`]),
    cellLists: SETTINGS.flatMap((s, i) => (s.list ? [{ row: i + 2, column: 2, list: listRef(s.list, 2) }] : [])),
  };
  const tables: OutSheet[] = TABLES.map((t) => ({ name: t.name, columns: withLevels(t.columns), frozen: 1, rows: rows ? rows[t.key] : [] }));
  const crit = `'${table('criteria').name}'`;
  const sums: OutSheet = {
    name: SUMS_SHEET,
    frozen: 1,
    columns: [col('level', 'Cấp', 'code', 12, '', ''), col('sum', 'Tổng điểm tối đa', 'number', 18, '', ''), col('count', 'Số tiêu chí', 'number', 12, '', '')],
    rows: levels.map((level, i) => {
      const r = i + 2;
      const sum = (c ? levelMaxima(c) : []).find((x) => x.level === level) ?? { maxPoints: 0, criteria: 0 };
      return [
        labelOf('level', level),
        { formula: `SUMIF(${crit}!$B:$B,A${r},${crit}!$D:$D)`, result: sum.maxPoints },
        { formula: `COUNTIF(${crit}!$B:$B,A${r})`, result: sum.criteria },
      ];
    }),
  };
  // The set code on each row of «Bộ phương án», and the distinct codes in order: the formulas' results as written.
  const setRows = (rows?.options ?? []).map((r) => String(r[0] ?? ''));
  const setCodes = [...new Set(setRows.filter(Boolean))];
  const lists: OutSheet = {
    name: LISTS_SHEET,
    hidden: true,
    frozen: 1,
    columns: [
      col('level', 'Cấp', 'code', 10, '', ''),
      col('home', 'Nơi công tác', 'code', 12, '', ''),
      col('scope', 'Phạm vi', 'code', 10, '', ''),
      col('combine', 'Cách tổng hợp', 'code', 14, '', ''),
      col('noData', 'Không có dữ liệu', 'code', 14, '', ''),
      col('yesNo', 'Có/Không', 'code', 10, '', ''),
      col('optionSet', 'Bộ phương án', 'code', 14, '', ''),
      col('firstRow', 'Thứ tự bộ', 'number', 10, '', ''),
      col('scanCompletion', 'Phiếu quét hoàn tất khi', 'code', 24, '', ''),
    ],
    rows: Array.from({ length: Math.max(levels.length + 1, SCOPES.length, OPTION_ROWS) }, (_, i) => [
      levels.map((l) => labelOf('level', l))[i] ?? null,
      ['province', ...levels].map((h) => labelOf('home', h))[i] ?? null,
      SCOPES.map((x) => labelOf('scope', x))[i] ?? null,
      LABEL_CODES.combine.map((x) => labelOf('combine', x))[i] ?? null,
      LABEL_CODES.noData.map((x) => labelOf('noData', x))[i] ?? null,
      [YES, NO][i] ?? null,
      ...(i < OPTION_ROWS ? optionSetListCells(i, setCodes, setRows) : [null, null]),
      LABEL_CODES.scanCompletion.map((x) => labelOf('scanCompletion', x))[i] ?? null,
    ]),
  };
  return [guideSheet(), settings, ...tables, sums, lists];
}

/** Row i (0-based below the heading) of «Danh mục» columns G and H: the i-th distinct set code, and the rank of «Bộ phương án» row i + 2 if a code first appears there. */
function optionSetListCells(i: number, setCodes: string[], setRows: string[]): OutCell[] {
  const r = i + 2;
  const opts = `'${table('options').name}'`;
  const rank = setRows[i] && setRows.indexOf(setRows[i]) === i ? setCodes.indexOf(setRows[i]) + 1 : '';
  return [
    { formula: `IFERROR(INDEX(${opts}!$A$2:$A$${OPTION_ROWS + 1},MATCH(${i + 1},$H$2:$H$${OPTION_ROWS + 1},0)),"")`, result: setCodes[i] ?? '' },
    { formula: `IF(AND(${opts}!$A${r}<>"",COUNTIF(${opts}!$A$2:$A${r},${opts}!$A${r})=1),MAX($H$1:$H${r - 1})+1,"")`, result: rank },
  ];
}

/** "Hướng dẫn": what each sheet is for, then each column with an example, so that nobody needs another document. */
function guideSheet(): OutSheet {
  const rows: OutCell[][] = [
    [
      'Cách dùng',
      '',
      'Điền các trang theo thứ tự từ trái sang phải. Dòng 1 của mỗi trang là tiêu đề cột: không sửa, không xoá. Ô có mũi tên chọn từ danh sách. Số thập phân viết bằng dấu phẩy (0,6). Mã đợt, mã đơn vị, mã mẫu phiếu, mã bộ phương án và mã nhóm chỉ gồm chữ không dấu, số, "-" và "_"; mã tiêu chí và mã câu hỏi còn được có dấu chấm (1.10, S1.3); mã phương án là một chữ cái hoặc một chữ số.',
      '',
    ],
    [
      'Cấp đơn vị',
      '',
      'Từ 01/07/2025 các tỉnh không còn cấp huyện: đơn vị là sở, ban, ngành và UBND cấp xã (phường, xã, đặc khu). Cấp «UBND cấp huyện» chỉ dùng cho đợt điều tra trước ngày đó.',
      '',
    ],
    [
      'Nạp vào hệ thống',
      '',
      'Trên trang quản trị, mục «Đợt điều tra» → «Nạp đợt điều tra từ sổ tính Excel»: chọn tệp này, bấm «Kiểm tra tệp», xem kết quả kiểm tra (mọi lỗi kèm trang, dòng, cột), sửa rồi kiểm tra lại; khi tệp hợp lệ, bấm «Nạp vào hệ thống».',
      '',
    ],
    [SETTINGS_SHEET, '', 'Thông tin chung và cách tính điểm của đợt điều tra: mỗi dòng một mục, điền cột "Giá trị".', ''],
    ...SETTINGS.map((s): OutCell[] => [SETTINGS_SHEET, s.label, s.guide, s.example]),
  ];
  for (const t of TABLES) {
    rows.push([t.name, '', t.guide, '']);
    for (const x of t.columns) rows.push([t.name, x.heading, x.guide, x.example]);
  }
  rows.push([
    SUMS_SHEET,
    '',
    'Tổng điểm tối đa của các tiêu chí theo từng cấp, tự tính từ trang "Tiêu chí" (không cần điền). Chỉ cộng các ô điểm là số: ô điểm lưu dạng chữ (căn trái, có tam giác xanh ở góc) không được cộng ở đây, nhưng vẫn được đọc đúng khi kiểm tra tệp; trang kiểm tra tệp và trang «Định nghĩa đợt» cho tổng đúng.',
    '',
  ]);
  return {
    name: GUIDE_SHEET,
    frozen: 1,
    columns: [
      col('sheet', 'Trang', 'text', 18, '', ''),
      col('column', 'Cột', 'text', 30, '', ''),
      col('guide', 'Ý nghĩa', 'longtext', 90, '', ''),
      col('example', 'Ví dụ', 'longtext', 40, '', ''),
    ],
    rows,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/**
 * A heading or sheet name made comparable the way people mistype it: no diacritics (đ → d), no case, no spaces
 * or punctuation. "Tên  đơn vị " and "ten don vi" match "Tên đơn vị".
 */
export function headingKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9%]/g, '');
}

/** Edit distance, for naming the heading a misspelt one was meant to be. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** The candidate closest to `typed` when it is close enough to be a misspelling (at most a third of its letters off). */
export function nearestOf(typed: string, candidates: string[]): string | undefined {
  const k = headingKey(typed);
  if (!k) return undefined;
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(k, headingKey(c));
    if (!best || d < best.d) best = { c, d };
  }
  return best && best.d <= Math.max(2, Math.floor(headingKey(best.c).length / 3)) ? best.c : undefined;
}

/** A number as people type it in a cell: "0,6", " 12 ", "1 000" (a number stored as text); anything else stays text. */
export function numberOf(text: string): number | string {
  const t = text.replace(/[\s\u00A0\u202F]/g, '');
  if (/^-?\d+([.,]\d+)?$/.test(t)) return Number(t.replace(',', '.'));
  return text;
}

const TRUE = new Set(['co', 'x', 'true', 'yes', '1', 'dung']);
const FALSE = new Set(['khong', 'false', 'no', '0', 'sai']);

type Reader = {
  problems: CampaignProblem[];
  warnings: CampaignWarning[];
  /** JSON path → the cell (or row, or sheet) it came from. */
  places: Map<string, Where>;
  /** Sheets and columns that are missing: the schema's complaints about what they would hold are not repeated. */
  missing: Set<string>;
};

/** One row of a table as read: each known column's cell, and the Excel row number. */
type Row = { excelRow: number; cells: Map<string, GridCell> };

const EMPTY: GridCell = { text: '', value: null };

function findSheet(sheets: GridSheet[], name: string): GridSheet | undefined {
  const k = headingKey(name);
  return sheets.find((s) => headingKey(s.name) === k);
}

/** The rows of one table sheet under its heading row (the first of the first ten rows that holds a known heading). */
function readTable(sheet: GridSheet, spec: { name: string; columns: Column[] }, r: Reader): Row[] {
  const known = new Map(spec.columns.map((c) => [headingKey(c.heading), c]));
  let headingRow = sheet.rows.slice(0, 10).findIndex((row) => (row ?? []).some((cell) => known.has(headingKey(cell?.text ?? ''))));
  if (headingRow < 0) headingRow = 0;
  const heads = sheet.rows[headingRow] ?? [];
  const byIndex = new Map<number, Column>();
  const unmatched: { text: string; index: number }[] = [];
  heads.forEach((cell, i) => {
    if (!cell) return;
    const c = known.get(headingKey(cell.text));
    if (c && ![...byIndex.values()].includes(c)) byIndex.set(i, c);
    else if (cell.text.trim()) unmatched.push({ text: cell.text.trim(), index: i });
  });
  const found = new Set(byIndex.values());
  // A required column whose heading is misspelt: near in spelling, or else an unknown heading standing in the
  // template's place of that column ("Nơi làm việc" in column D for "Nơi công tác"). Its heading is a problem, but its
  // cells are still read as that column so that the sheet's other mistakes show now, not after the heading is fixed.
  const absent = spec.columns.filter((c) => !found.has(c) && !c.optional);
  const nearAny = (u: { text: string }) => spec.columns.some((c) => nearestOf(u.text, [c.heading]) === c.heading);
  const misspelt = new Map<Column, { text: string; index: number }>();
  const taken = (u: { text: string; index: number }) => [...misspelt.values()].includes(u);
  for (const c of absent) {
    const near = unmatched.find((u) => nearestOf(u.text, [c.heading]) === c.heading && !taken(u));
    if (near) misspelt.set(c, near);
  }
  for (const c of absent) {
    const inPlace = unmatched.find((u) => u.index === spec.columns.indexOf(c) && !taken(u) && !nearAny(u));
    if (!misspelt.has(c) && inPlace) misspelt.set(c, inPlace);
  }
  for (const c of absent) {
    const typed = misspelt.get(c);
    r.problems.push({ kind: 'missing-column', column: c.heading, ...(typed ? { typed: typed.text } : {}), where: { sheet: sheet.name, row: headingRow + 1 } });
    if (typed) byIndex.set(typed.index, c);
    else r.missing.add(`${sheet.name}|${c.heading}`);
  }
  for (const u of unmatched) {
    if (!taken(u) && !nearAny(u)) r.warnings.push({ kind: 'ignored-column', where: { sheet: sheet.name, row: headingRow + 1, column: u.text } });
  }
  const out: Row[] = [];
  sheet.rows.forEach((row, i) => {
    if (i <= headingRow) return;
    const cells = new Map<string, GridCell>();
    for (const [index, c] of byIndex) cells.set(c.key, row[index] ?? EMPTY);
    if ([...cells.values()].every((cell) => cell.text.trim() === '')) return;
    out.push({ excelRow: i + 1, cells });
  });
  return out;
}

/**
 * Whether Excel, holding a code cell as a number, can have changed what was typed: trailing decimal zeros (1.10 →
 * 1.1), leading zeros shown only by the cell's format (007 under "000"), digits past 15, or leading zeros of a whole
 * number where codes carry them (unit codes such as 00118). Option and question codes are numbered 1, 2, 9 without
 * zeros (`wholeNumbersKept`), so a whole number there is what was typed.
 */
function excelMayHaveChanged(text: string, wholeNumbersKept: boolean): boolean {
  const t = text.trim();
  if (/[.,eE]/.test(t) || /^-?0\d/.test(t) || t.replace(/\D/g, '').length > 15) return true;
  return !wholeNumbersKept;
}

/** A cell read as its column's kind says, with warnings where Excel may already have changed a code. */
function readCell(cell: GridCell, kind: ColumnKind, where: Where, r: Reader, wholeNumbersKept = false): unknown {
  const text = cell.text;
  if (text.trim() === '' && (cell.value === null || cell.value === '')) return undefined;
  if (kind === 'number') return typeof cell.value === 'number' ? cell.value : numberOf(text);
  if (kind === 'bool') {
    if (typeof cell.value === 'boolean') return cell.value;
    const k = headingKey(text);
    return TRUE.has(k) ? true : FALSE.has(k) ? false : text;
  }
  if (cell.value instanceof Date) r.warnings.push({ kind: 'date-cell', text, where });
  else if (typeof cell.value === 'number' && (kind === 'code' || kind === 'codes') && excelMayHaveChanged(text, wholeNumbersKept)) {
    r.warnings.push({ kind: 'number-code', code: text.trim(), ...(/^-?0\d/.test(text.trim()) ? { zerosByFormat: true } : {}), where });
  }
  if (kind === 'codes') {
    const codes = text
      .split(/[,;\n]/)
      .map((s) => s.trim())
      .filter(Boolean);
    return codes.length ? codes : undefined;
  }
  return text;
}

/**
 * Reads a row's cells into an object at `path`, recording where each field came from. `same` lists the columns
 * whose empty cell means "as the row above" (the option set of a run of options).
 */
function readRow(row: Row, sheet: string, columns: Column[], path: string, r: Reader): Record<string, unknown> {
  r.places.set(path, { sheet, row: row.excelRow });
  const obj: Record<string, unknown> = {};
  for (const c of columns) {
    const cell = row.cells.get(c.key);
    const where: Where = { sheet, row: row.excelRow, column: c.heading };
    r.places.set(`${path}.${c.key}`, where);
    if (!cell) continue;
    const read = readCell(cell, c.kind, where, r, c.wholeNumbersKept);
    const v = c.labels && typeof read === 'string' ? codeOfLabel(c.labels, read) : read;
    if (v !== undefined) obj[c.key] = v;
    else if (c.emptyIsNull) obj[c.key] = null;
    if (Array.isArray(v)) v.forEach((_, k) => r.places.set(`${path}.${c.key}[${k}]`, where));
  }
  return obj;
}

/** Reads the workbook's grid into a campaign object (unchecked) and where each of its parts is. */
function readGrid(sheets: GridSheet[]): { json: Record<string, unknown>; r: Reader } {
  const r: Reader = { problems: [], warnings: [], places: new Map(), missing: new Set() };
  const json: Record<string, unknown> = {};
  const ours = [GUIDE_SHEET, SETTINGS_SHEET, SUMS_SHEET, LISTS_SHEET, ...TABLES.map((t) => t.name)].map(headingKey);
  for (const s of sheets) if (!ours.includes(headingKey(s.name))) r.warnings.push({ kind: 'ignored-sheet', where: { sheet: s.name } });
  const sheetNames = sheets.map((s) => s.name);
  const sheetOf = (name: string, required: boolean) => {
    const s = findSheet(sheets, name);
    if (!s && required) {
      const near = nearestOf(
        name,
        sheetNames.filter((n) => !ours.includes(headingKey(n))),
      );
      r.problems.push({ kind: 'missing-sheet', sheet: name, ...(near ? { typed: near } : {}), where: { sheet: name } });
      r.missing.add(name);
    }
    return s;
  };

  const settings = sheetOf(SETTINGS_SHEET, true);
  r.places.set('(file)', { sheet: settings?.name ?? SETTINGS_SHEET });
  if (settings) {
    const rows = readTable(settings, { name: SETTINGS_SHEET, columns: SETTING_COLUMNS }, r);
    const scoring: Record<string, unknown> = {};
    r.places.set('scoring', { sheet: settings.name });
    for (const row of rows) {
      const label = row.cells.get('label')?.text.trim() ?? '';
      const s = SETTINGS.find((x) => headingKey(x.label) === headingKey(label));
      if (!s) {
        if (label)
          r.problems.push({
            kind: 'unknown-setting',
            label,
            ...(nearestOf(
              label,
              SETTINGS.map((x) => x.label),
            )
              ? {
                  nearest: nearestOf(
                    label,
                    SETTINGS.map((x) => x.label),
                  ),
                }
              : {}),
            where: { sheet: settings.name, row: row.excelRow, column: 'Mục' },
          });
        continue;
      }
      const where: Where = { sheet: settings.name, row: row.excelRow, column: 'Giá trị' };
      r.places.set(s.path, where);
      const read = readCell(row.cells.get('value') ?? EMPTY, s.kind, where, r);
      const v = s.labels && typeof read === 'string' ? codeOfLabel(s.labels, read) : read;
      // Settings are read as their own kind: the value column holds codes, numbers and yes/no alike.
      const [head, key] = s.path.split('.');
      if (v === undefined) continue;
      if (key) scoring[key] = v;
      else json[head] = v;
    }
    // A required setting without its row: named once (not again as an empty value); a row whose label was misspelt
    // already names it as the nearest.
    const named = new Set(r.problems.flatMap((p) => (p.kind === 'unknown-setting' && p.nearest ? [p.nearest] : [])));
    r.missing.add(`${settings.name}|Mục`);
    for (const s of SETTINGS) {
      if (r.places.has(s.path)) continue;
      r.places.set(s.path, { sheet: settings.name, column: 'Mục' });
      if (REQUIRED_SETTINGS.includes(s.path) && !named.has(s.label))
        r.problems.push({ kind: 'missing-setting', label: s.label, where: { sheet: settings.name } });
    }
    json.scoring = scoring;
  }

  const rowsOf = (key: TableKey) => {
    const spec = table(key);
    const s = sheetOf(spec.name, spec.required);
    r.places.set(key === 'options' ? 'optionSets' : key, { sheet: s?.name ?? spec.name });
    return s ? { sheet: s.name, rows: readTable(s, spec, r), columns: spec.columns } : { sheet: spec.name, rows: [], columns: spec.columns };
  };
  const simple = (key: 'bands' | 'units' | 'criteria' | 'forms' | 'groups') => {
    const t = rowsOf(key);
    return t.rows.map((row, i) => readRow(row, t.sheet, t.columns, `${key}[${i}]`, r));
  };
  json.bands = simple('bands');
  json.units = simple('units');
  json.criteria = simple('criteria');

  // Options: consecutive rows of one set code form the set; an empty set code continues the set above.
  const opts = rowsOf('options');
  const sets: { code: unknown; options: unknown[] }[] = [];
  const setIndex = new Map<string, number>();
  let current = -1;
  for (const row of opts.rows) {
    const setText = row.cells.get('set')?.text.trim() ?? '';
    if (setText !== '' || current < 0) {
      const known = setIndex.get(setText);
      current = known ?? sets.length;
      if (known === undefined) {
        setIndex.set(setText, current);
        sets.push({
          code: readCell(row.cells.get('set') ?? EMPTY, 'code', { sheet: opts.sheet, row: row.excelRow, column: table('options').columns[0].heading }, r),
          options: [],
        });
        r.places.set(`optionSets[${current}]`, { sheet: opts.sheet, row: row.excelRow });
        r.places.set(`optionSets[${current}].code`, { sheet: opts.sheet, row: row.excelRow, column: table('options').columns[0].heading });
        r.places.set(`optionSets[${current}].options`, { sheet: opts.sheet, row: row.excelRow });
      }
    }
    const set = sets[current];
    set.options.push(readRow(row, opts.sheet, opts.columns.slice(1), `optionSets[${current}].options[${set.options.length}]`, r));
    if (setText === '') r.places.set(`optionSets[${current}].options[${set.options.length - 1}]`, { sheet: opts.sheet, row: row.excelRow });
  }
  json.optionSets = sets;

  const forms = simple('forms');
  json.forms = forms;
  const formIndex = new Map(forms.map((f, i) => [String(f.code ?? '').trim(), i]));
  forms.forEach((f, i) => {
    f.questions = [];
    r.places.set(`forms[${i}].questions`, {
      sheet: table('forms').name,
      row: (r.places.get(`forms[${i}]`) as { row: number }).row,
      column: table('forms').columns[0].heading,
    });
  });
  const qs = rowsOf('questions');
  if (r.missing.has(qs.sheet)) forms.forEach((_, i) => r.places.set(`forms[${i}].questions`, { sheet: qs.sheet }));
  let lastForm = '';
  for (const row of qs.rows) {
    const formText = row.cells.get('form')?.text.trim() || lastForm;
    lastForm = formText;
    const i = formIndex.get(formText);
    const where: Where = { sheet: qs.sheet, row: row.excelRow, column: table('questions').columns[0].heading };
    if (i === undefined) {
      if (!r.missing.has(table('forms').name)) r.problems.push({ kind: 'unknown-form', code: formText, where });
      continue;
    }
    const list = forms[i].questions as unknown[];
    const q = readRow(row, qs.sheet, qs.columns.slice(1), `forms[${i}].questions[${list.length}]`, r);
    list.push(q);
  }

  const groups = simple('groups');
  json.groups = groups;
  const groupIndex = new Map(groups.map((g, i) => [String(g.code ?? '').trim(), i]));
  const links = rowsOf('links');
  // A blank group or home unit continues the one above (cells merged down a run of links read so).
  let above: { group: string; home: GridCell } = { group: '', home: EMPTY };
  for (const row of links.rows) {
    const groupText = row.cells.get('group')?.text.trim() || above.group;
    const homeCell = row.cells.get('home')?.text.trim() ? row.cells.get('home')! : above.home;
    above = { group: groupText, home: homeCell };
    const i = groupIndex.get(groupText);
    const at = (column: number): Where => ({ sheet: links.sheet, row: row.excelRow, column: table('links').columns[column].heading });
    if (i === undefined) {
      r.problems.push({ kind: 'unknown-group', code: groupText, where: at(0) });
      continue;
    }
    const home = readCell(homeCell, 'code', at(1), r);
    const unit = readCell(row.cells.get('unit') ?? EMPTY, 'code', at(2), r);
    const g = groups[i];
    const map = (g.links ??= {}) as Record<string, unknown[]>;
    const key = String(home ?? '');
    const list = (map[key] ??= []);
    if (!r.places.has(`groups[${i}].links`)) r.places.set(`groups[${i}].links`, { sheet: links.sheet, row: row.excelRow });
    if (list.length === 0) r.places.set(`groups[${i}].links.${key}`, at(1));
    r.places.set(`groups[${i}].links.${key}[${list.length}]`, at(2));
    list.push(unit ?? '');
  }
  groups.forEach((_, i) => {
    if (!r.places.has(`groups[${i}].links`)) r.places.set(`groups[${i}].links`, r.places.get(`groups[${i}].scope`) ?? { sheet: links.sheet });
  });
  return { json, r };
}

/** Where a JSON path of the assembled campaign is in the workbook: its own cell, else the nearest enclosing row or sheet. */
function placeOf(places: Map<string, Where>, path: string): Where {
  for (let p = path; ; ) {
    const w = places.get(p);
    if (w) return w;
    const up = p.replace(/(\[\d+\]|\.[^.[\]]*)$/, '');
    if (up === p || up === '') break;
    p = up;
  }
  return places.get('(file)') ?? { sheet: SETTINGS_SHEET };
}

function relocate<T extends { where?: Where }>(x: T, places: Map<string, Where>): T {
  const moved = x.where && 'path' in x.where ? { ...x, where: placeOf(places, x.where.path) } : x;
  if ('first' in moved && moved.first && typeof moved.first === 'object' && 'path' in (moved.first as Where)) {
    return { ...moved, first: placeOf(places, (moved.first as { path: string }).path) };
  }
  return moved;
}

/** Problems in the order a person goes through the workbook: sheet by sheet as the workbook has them, row by row, column by column. */
function inSheetOrder(problems: CampaignProblem[], sheets: GridSheet[]): CampaignProblem[] {
  const sheetRank = (w: Where | undefined) => {
    if (!w || !('sheet' in w)) return -1;
    const i = sheets.findIndex((s) => s.name === w.sheet);
    return i < 0 ? sheets.length : i;
  };
  const columnRank = (w: Where | undefined) => {
    if (!w || !('sheet' in w) || w.column === undefined) return -1;
    const spec = [...TABLES, { name: SETTINGS_SHEET, columns: SETTING_COLUMNS }].find((t) => t.name === w.sheet);
    return spec?.columns.findIndex((c) => c.heading === w.column) ?? 0;
  };
  const rowOf = (w: Where | undefined) => (w && 'row' in w && w.row !== undefined ? w.row : 0);
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        sheetRank(a.p.where) - sheetRank(b.p.where) || rowOf(a.p.where) - rowOf(b.p.where) || columnRank(a.p.where) - columnRank(b.p.where) || a.i - b.i,
    )
    .map((x) => x.p);
}

/**
 * Reads a workbook's grid and checks it whole: what only a workbook can get wrong (a missing sheet or column, an
 * unknown setting, a question of an unknown form), then every rule of a campaign file, each problem moved from its
 * JSON path to the sheet, Excel row and column it came from.
 */
export function checkCampaignGrid(sheets: GridSheet[]): CampaignCheck {
  const { json, r } = readGrid(sheets);
  const check = checkCampaign(json);
  const missingAt = (w: Where | undefined) =>
    w !== undefined && 'sheet' in w && (r.missing.has(w.sheet) || (w.column !== undefined && r.missing.has(`${w.sheet}|${w.column}`)));
  if (!check.ok || r.problems.length) {
    const questionsMissing = r.missing.has(table('questions').name);
    const moved = (check.ok ? [] : check.problems)
      .map((p) => relocate(p, r.places))
      .filter((p) => !(p.kind === 'schema' && missingAt(p.where)) && !(questionsMissing && p.kind === 'criterion-not-fed'));
    return { ok: false, problems: inSheetOrder([...r.problems, ...moved], sheets) };
  }
  return {
    ok: true,
    campaign: check.campaign,
    warnings: workbookWarnings(
      r.warnings,
      check.warnings.map((w) => relocate(w, r.places)),
    ),
  };
}

/**
 * One warning per cell, each true of a workbook. The file check's "excel-shortens" is about opening CSV files: a code
 * Excel would shorten there is told only when it has twins it cannot then be told from (keyed files must keep such
 * cells as Text); that warning replaces the cell's own number-code warning, which says less.
 */
function workbookWarnings(read: CampaignWarning[], checked: CampaignWarning[]): CampaignWarning[] {
  const twins = checked.filter((w) => w.kind === 'excel-shortens' && w.twins.length > 0);
  const key = (w: Where) => JSON.stringify(w);
  const told = new Set(twins.map((w) => key(w.where)));
  return [...read.filter((w) => !(w.kind === 'number-code' && told.has(key(w.where)))), ...twins];
}
