/** What can be wrong with a campaign file (JSON or workbook) as problem values, and their wording in English and Vietnamese. */
import { numberVi } from './format-vi';
import { catalogue, problemText, whereText, type Lang, type Where } from './problems';

/** Why a file given as a workbook cannot be read as one. */
export type NotWorkbookReason = 'csv' | 'xls' | 'encrypted' | 'too-large' | 'not-zip' | 'damaged' | 'not-utf8' | 'file-too-large' | 'empty';

/**
 * Every refusal of a campaign file. `schema` carries a zod issue: its code, the parameters our wording needs, and
 * the schema's message (ours where surveys/campaign.ts gives one, else zod's, which is never shown). The rest are the cross-reference
 * rules of contract.md, then what only a workbook can get wrong.
 */
export type CampaignProblem =
  | {
      kind: 'schema';
      issue: string;
      message: string;
      expected?: string;
      origin?: string;
      minimum?: number;
      maximum?: number;
      inclusive?: boolean;
      keys?: string[];
      values?: string[];
      missing?: boolean;
      /** The text read where something else was expected ("25 phiếu", "20%"), to say what was read and what to type. */
      input?: string;
      where: Where;
    }
  | { kind: 'not-json'; detail: string; line?: number; column?: number; end?: boolean; where: Where }
  | { kind: 'duplicate-code'; code: string; first: Where; where: Where }
  | { kind: 'no-fraction'; where: Where }
  | { kind: 'duplicate-band'; label: string; where: Where }
  | { kind: 'unknown-unit'; code: string; where: Where }
  | { kind: 'own-parent'; where: Where }
  | { kind: 'parent-same-level'; parent: string; level: string; where: Where }
  | { kind: 'parent-cycle'; where: Where }
  | { kind: 'no-such-level'; level: string; where: Where }
  | { kind: 'unknown-option-set'; code: string; where: Where }
  | { kind: 'unknown-criterion'; code: string; where: Where }
  | { kind: 'criterion-level'; criterion: string; level: string; target: string; where: Where }
  | { kind: 'criterion-not-fed'; code: string; where: Where }
  | { kind: 'unknown-form'; code: string; where: Where }
  | { kind: 'unknown-group'; code: string; where: Where }
  | { kind: 'home-units-of-province'; where: Where }
  | { kind: 'scope-needs-level'; scope: string; where: Where }
  | { kind: 'unit-level'; code: string; level: string; expected: string; where: Where }
  | { kind: 'links-not-linked'; where: Where }
  | { kind: 'own-level'; home: string; target: string; where: Where }
  | { kind: 'no-parent-of-level'; code: string; target: string; where: Where }
  | { kind: 'no-links'; code: string; where: Where }
  | { kind: 'not-a-home-unit'; code: string; where: Where }
  | { kind: 'link-level'; code: string; level: string; target: string; where: Where }
  | { kind: 'form-too-large'; units: number; questions: number; limit: number; where: Where }
  | { kind: 'not-a-workbook'; reason: NotWorkbookReason; limit?: number; where?: undefined }
  | { kind: 'missing-sheet'; sheet: string; typed?: string; where: Where }
  | { kind: 'missing-column'; column: string; typed?: string; where: Where }
  | { kind: 'unknown-setting'; label: string; nearest?: string; where: Where }
  | { kind: 'missing-setting'; label: string; where: Where };

/**
 * What a loadable file may still be warned about: a unit or question code that Excel changes when it opens a CSV
 * file (`twins`: the codes it then cannot be told from); in a workbook, a code cell Excel holds as a number or a date
 * (it may already have changed what was typed: 1.10 → 1.1, 007 → 7), and sheets or columns that are not read.
 */
export type CampaignWarning =
  | { kind: 'excel-shortens'; code: string; twins: string[]; where: Where }
  | { kind: 'number-code'; code: string; zerosByFormat?: boolean; where: Where }
  | { kind: 'date-cell'; text: string; where: Where }
  | { kind: 'ignored-sheet'; where: Where }
  | { kind: 'ignored-column'; where: Where };

/** The place of a problem of the whole file (it is not JSON), as surveys/campaign.ts writes it. */
export const FILE_PATH = '(file)';

const q = (s: string) => `"${s}"`;
const list = (xs: string[]) => xs.map(q).join(', ');
const nearest = (n: string | undefined, lang: Lang) => (n === undefined ? '' : lang === 'en' ? ` (did you mean "${n}"?)` : ` (có phải là "${n}"?)`);
/** A heading or sheet name that is there but misspelt: "Tên đơn vj" for "Tên đơn vị". */
const misspelt = (what: 'heading' | 'sheet', typed: string | undefined, lang: Lang) =>
  typed === undefined
    ? ''
    : lang === 'en'
      ? ` (the ${what} "${typed}" looks misspelt)`
      : ` (${what === 'heading' ? 'tiêu đề' : 'trang'} "${typed}" có vẻ viết sai)`;
/** A location inside a message ("first at units[0]", "đầu tiên ở dòng 4"): the path, or the row of the same sheet. */
const placeEn = (w: Where) => ('path' in w ? w.path : 'row' in w && w.row !== undefined ? `row ${w.row}` : whereText(w, 'en').replace(/: $/, ''));
const placeVi = (w: Where) => ('path' in w ? w.path : 'row' in w && w.row !== undefined ? `dòng ${w.row}` : whereText(w, 'vi').replace(/: $/, ''));

const EXPECTED_VI: Record<string, string> = {
  number: 'một số',
  int: 'một số nguyên',
  string: 'chữ',
  boolean: 'Có hoặc Không',
  array: 'một danh sách',
  object: 'một mục có các trường',
  record: 'một danh sách theo mã',
};

/** Our own regex and refine messages (surveys/campaign.ts), by a phrase of their English. */
const CUSTOM_VI: [string, string][] = [
  ['one letter or digit', 'phải là một chữ cái hoặc một chữ số (một phím khi nhập phiếu)'],
  ['letters, digits, ".", "_" and "-"', 'chỉ được gồm chữ cái không dấu, chữ số, ".", "_" và "-"'],
  ['letters, digits, "_" and "-"', 'chỉ được gồm chữ cái không dấu, chữ số, "_" và "-"'],
  [
    'lower-case level name',
    'phải là một cấp đơn vị: "Sở, ban, ngành" (so), "UBND cấp huyện" (huyen), "UBND cấp xã" (xa), hoặc tên cấp khác viết thường, không dấu',
  ],
  [
    '"province" (the whole province) or the code of a unit level',
    'phải là "Toàn tỉnh" (province) hoặc một cấp đơn vị: "Sở, ban, ngành" (so), "UBND cấp huyện" (huyen), "UBND cấp xã" (xa)',
  ],
  ['"province" is not a unit level', '"province" (toàn tỉnh) không phải là một cấp đơn vị'],
];

type Schema = Extract<CampaignProblem, { kind: 'schema' }>;

const EXPECTED_EN: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'yes or no',
  array: 'a list',
  object: 'an entry with fields',
  record: 'a list by code',
};

/** zod's own English ("Invalid input: expected number, received string"), as opposed to a message of our schema. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized)\b/;

/** A number written with a decimal comma, as a person types it in a workbook: 0.2 → "0,2". */
const shorten = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);

/**
 * What was read where a number belongs, and what to type instead: "20%" is a fraction (0,2), "25 phiếu" the number
 * alone (25), "2.5." one decimal comma (2,5), a date Excel made of 1.5 (01/05/2026 → 1,5); in JSON, a number in
 * quotes ("0,6") is written 0.6 without them. Workbook numbers take the decimal comma, JSON the point.
 * Worked: 20 / 100 = 0.2 → "0,2" (JSON 0.2); 12,5% → 12.5 / 100 = 0.125 → "0,125".
 */
export function numberHint(input: string, json: boolean): { en: string; vi: string } {
  const t = input.trim();
  const typed = shorten(t);
  const mark = (n: string) => (json ? n.replace(',', '.') : n.replace('.', ','));
  const percent = /^(-?\d+(?:[.,]\d+)?)\s*%$/.exec(t);
  if (percent) {
    const f = mark(String(Math.round((Number(percent[1].replace(',', '.')) / 100) * 1e9) / 1e9));
    return { en: `"${typed}" is a percentage: write the fraction ${f}`, vi: `"${typed}" là tỷ lệ phần trăm: hãy ghi dạng số thập phân ${f}` };
  }
  const date = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (date && !json) {
    const meant = `${Number(date[1])},${Number(date[2])}`;
    return {
      en: `Excel changed what was typed into a date (${typed}): if ${meant} was meant, type ${meant} with the decimal comma, or format the cell as Text first`,
      vi: `Excel đã đổi điều được gõ thành ngày tháng (${typed}): nếu định gõ ${meant} thì hãy gõ ${meant} với dấu phẩy thập phân, hoặc định dạng ô là Text trước khi gõ`,
    };
  }
  if (json && /^-?\d+(?:[.,]\d+)?$/.test(t)) {
    return {
      en: `"${typed}" is text, not a number: write ${mark(t)} without quotes`,
      vi: `"${typed}" là chữ, không phải số: hãy ghi ${mark(t)} không có dấu ngoặc kép`,
    };
  }
  const words = /^(-?\d+(?:[.,]\d+)?)\s*[^\d\s.,%].*$/s.exec(t);
  if (words) {
    return {
      en: `"${typed}" is not a number: write the number alone, ${mark(words[1])}`,
      vi: `"${typed}" không phải là số: chỉ ghi con số, không kèm chữ: ${mark(words[1])}`,
    };
  }
  const stray = /^[.,]*(-?\d+(?:[.,]\d+)?)[.,]+$|^[.,]+(\d+(?:[.,]\d+)?)$/.exec(t);
  if (stray) {
    // ".5" means 0,5: a leading mark is a decimal without its zero.
    const meant = mark(stray[1] ?? (/[.,]/.test(stray[2]) ? stray[2] : `0.${stray[2]}`));
    const en = json ? 'a single decimal point' : 'a single decimal comma';
    const vi = json ? 'một dấu chấm thập phân' : 'một dấu phẩy thập phân';
    return {
      en: `"${typed}" is not a number: write the number with ${en}, such as ${meant}`,
      vi: `"${typed}" không phải là số: hãy ghi số với ${vi}, ví dụ ${meant}`,
    };
  }
  const example = json ? '25 or 1.5' : '25 hoặc 1,5';
  return {
    en: `"${typed}" is not a number: write a number, such as ${example.replace('hoặc', 'or')}`,
    vi: `"${typed}" không phải là số: hãy ghi một số, ví dụ ${example.replace(' or ', ' hoặc ')}`,
  };
}

/** A zod issue in English, from its code and parameters; our schema's own messages are kept as written. */
function schemaEn(p: Schema): string {
  const printed = p.message.includes('printed') ? ' (it is printed on the paper form)' : '';
  const what = EXPECTED_EN[p.expected ?? ''] ?? p.expected ?? '';
  if (p.issue === 'invalid_type' && (p.expected === 'number' || p.expected === 'int') && p.input !== undefined)
    return numberHint(p.input, 'path' in p.where).en;
  if (!ZOD_DEFAULT.test(p.message)) return p.message;
  switch (p.issue) {
    case 'invalid_type':
      if (p.missing) return p.expected === 'string' ? 'is empty' : `is empty (${what} is needed)`;
      return `must be ${what}`;
    case 'too_small':
      if (p.origin === 'string') return 'must not be empty';
      if (p.origin === 'array') return p.minimum === 1 ? 'needs at least one entry' : `needs at least ${p.minimum} entries`;
      return p.inclusive === false ? `must be greater than ${p.minimum}` : `must be at least ${p.minimum}`;
    case 'too_big':
      if (p.origin === 'string') return `must be at most ${p.maximum} characters${printed}`;
      if (p.origin === 'array') return `must have at most ${p.maximum} entries`;
      return p.inclusive === false ? `must be less than ${p.maximum}` : `must be at most ${p.maximum}`;
    case 'unrecognized_keys':
      return `has fields that are not used: ${list(p.keys ?? [])}`;
    case 'invalid_value':
      return `must be one of: ${list(p.values ?? [])}`;
    case 'invalid_union':
      return 'must be "province" (the whole province) or a unit level';
    case 'not_multiple_of':
      return 'must be a whole number';
    case 'invalid_key':
      return 'has an invalid code (only letters, digits, "_" and "-")';
    default:
      return 'is not valid';
  }
}

/** A zod issue in Vietnamese, from its code and parameters (zod's own messages are English). */
function schemaVi(p: Schema): string {
  // Limits with a decimal comma and no thousands dots (they are years, points and counts: 2000, 0,5).
  const n = (x = 0) => String(x).replace('.', ',');
  const printed = p.message.includes('printed') ? ' (được in trên phiếu giấy)' : '';
  switch (p.issue) {
    case 'invalid_type': {
      const what = EXPECTED_VI[p.expected ?? ''] ?? p.expected ?? '';
      if ((p.expected === 'number' || p.expected === 'int') && p.input !== undefined) return numberHint(p.input, 'path' in p.where).vi;
      if (p.expected === 'int') return 'phải là một số nguyên';
      if (p.missing) return p.expected === 'string' ? 'chưa điền' : `chưa điền (cần ${what})`;
      return `phải là ${what}`;
    }
    case 'too_small':
      if (p.origin === 'string') return 'không được để trống';
      if (p.origin === 'array') return `cần ít nhất ${n(p.minimum)} mục`;
      return p.inclusive === false ? `phải lớn hơn ${n(p.minimum)}` : `không được nhỏ hơn ${n(p.minimum)}`;
    case 'too_big':
      if (p.origin === 'string') return `dài quá ${n(p.maximum)} ký tự${printed}`;
      if (p.origin === 'array') return `có nhiều nhất ${n(p.maximum)} mục`;
      return p.inclusive === false ? `phải nhỏ hơn ${n(p.maximum)}` : `không được lớn hơn ${n(p.maximum)}`;
    case 'unrecognized_keys':
      return `có trường không dùng đến: ${list(p.keys ?? [])}`;
    case 'invalid_value':
      return `phải là một trong: ${list(p.values ?? [])}`;
    case 'invalid_union':
      return 'phải là "province" (toàn tỉnh) hoặc một cấp đơn vị';
    case 'not_multiple_of':
      return 'phải là một số nguyên';
    case 'invalid_key':
      return 'có mã không hợp lệ (chỉ được gồm chữ cái không dấu, chữ số, "_" và "-")';
    default: {
      const custom = CUSTOM_VI.find(([en]) => p.message.includes(en));
      return custom ? custom[1] : 'không hợp lệ';
    }
  }
}

const NOT_WORKBOOK_EN: Record<NotWorkbookReason, (limit?: number) => string> = {
  csv: () => 'this is a text (CSV) file, not an Excel workbook: open it in Excel and save it as "Excel Workbook (.xlsx)"',
  xls: () => 'this is an old Excel file (.xls): open it in Excel and save it as "Excel Workbook (.xlsx)"',
  encrypted: () =>
    'the workbook is protected with a password: remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it) and save it again',
  'too-large': (limit) => `the workbook unpacks to more than ${(limit ?? 0).toLocaleString('en')} bytes, far more than a campaign needs`,
  'not-zip': () => 'this is neither an Excel workbook (.xlsx) nor a JSON file',
  damaged: () => 'the workbook is damaged or incomplete: save it again from Excel',
  'not-utf8': () => 'the file is not UTF-8 text: save it as UTF-8 (Windows-1258 and other code pages are not read)',
  'file-too-large': (limit) => `the file is larger than ${(limit ?? 0).toLocaleString('en')} bytes, far more than a campaign needs`,
  empty: () => 'the file is empty (0 bytes): it was not saved completely or not copied whole; save it again',
};
const NOT_WORKBOOK_VI: Record<NotWorkbookReason, (limit?: number) => string> = {
  csv: () => 'đây là tệp văn bản (CSV), không phải sổ tính Excel: hãy mở bằng Excel rồi lưu dưới dạng "Excel Workbook (.xlsx)"',
  xls: () => 'đây là tệp Excel đời cũ (.xls): hãy mở bằng Excel rồi lưu dưới dạng "Excel Workbook (.xlsx)"',
  encrypted: () =>
    'sổ tính đang đặt mật khẩu: hãy gỡ mật khẩu rồi lưu lại (Excel tiếng Việt: Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xoá mật khẩu; Excel tiếng Anh: File → Info → Protect Workbook → Encrypt with Password)',
  'too-large': (limit) => `sổ tính khi giải nén lớn hơn ${numberVi(limit ?? 0)} byte, quá lớn so với một đợt điều tra`,
  'not-zip': () => 'tệp này không phải sổ tính Excel (.xlsx) cũng không phải tệp JSON',
  damaged: () => 'sổ tính bị hỏng hoặc chưa lưu xong: hãy lưu lại từ Excel',
  'not-utf8': () => 'tệp không phải văn bản UTF-8: hãy lưu lại với mã UTF-8 (không đọc được Windows-1258 hay bảng mã khác)',
  'file-too-large': (limit) => `tệp lớn hơn ${numberVi(limit ?? 0)} byte, quá lớn so với một đợt điều tra`,
  empty: () => 'tệp rỗng (0 byte): tệp chưa được lưu xong hoặc chép chưa đủ; hãy lưu lại rồi chọn lại',
};

const PROBLEMS = catalogue<CampaignProblem>({
  schema: { en: schemaEn, vi: schemaVi },
  'not-json': {
    en: (p) => `not valid JSON: ${p.detail}`,
    // JavaScript's own detail is English: the page says where the mistake is, from the parameters found with it.
    vi: (p) =>
      p.line !== undefined
        ? `tệp không phải JSON hợp lệ: lỗi ở dòng ${p.line}, cột ${p.column}`
        : p.end
          ? 'tệp không phải JSON hợp lệ: tệp kết thúc giữa chừng (thiếu phần cuối, ví dụ dấu } hoặc ])'
          : 'tệp không phải JSON hợp lệ',
  },
  'duplicate-code': {
    en: (p) => `duplicate code "${p.code}" (first at ${placeEn(p.first)})`,
    vi: (p) => `mã "${p.code}" bị trùng (đã có ở ${placeVi(p.first)})`,
  },
  'no-fraction': { en: () => 'needs at least one option with a fraction', vi: () => 'cần ít nhất một phương án có tỷ lệ điểm' },
  'duplicate-band': { en: (p) => `duplicate band "${p.label}"`, vi: (p) => `xếp loại "${p.label}" bị trùng` },
  'unknown-unit': { en: (p) => `unknown unit "${p.code}"`, vi: (p) => `không có đơn vị mã "${p.code}"` },
  'own-parent': { en: () => 'a unit cannot be its own parent', vi: () => 'đơn vị không thể là đơn vị cha của chính nó' },
  'parent-same-level': {
    en: (p) => `parent "${p.parent}" has the same level "${p.level}"`,
    vi: (p) => `đơn vị cha "${p.parent}" cùng cấp "${p.level}"`,
  },
  'parent-cycle': { en: () => 'parents form a cycle', vi: () => 'các đơn vị cha tạo thành vòng lặp' },
  'no-such-level': { en: (p) => `no unit has level "${p.level}"`, vi: (p) => `không có đơn vị nào thuộc cấp "${p.level}"` },
  'unknown-option-set': { en: (p) => `unknown option set "${p.code}"`, vi: (p) => `không có bộ phương án "${p.code}"` },
  'unknown-criterion': { en: (p) => `unknown criterion "${p.code}"`, vi: (p) => `không có tiêu chí "${p.code}"` },
  'criterion-level': {
    en: (p) => `criterion "${p.criterion}" is for level "${p.level}", but the form rates level "${p.target}"`,
    vi: (p) => `tiêu chí "${p.criterion}" thuộc cấp "${p.level}", nhưng mẫu phiếu đánh giá cấp "${p.target}"`,
  },
  'criterion-not-fed': { en: (p) => `no question feeds criterion "${p.code}"`, vi: (p) => `chưa có câu hỏi nào cho tiêu chí "${p.code}"` },
  'unknown-form': { en: (p) => `unknown form "${p.code}"`, vi: (p) => `không có mẫu phiếu "${p.code}"` },
  'unknown-group': { en: (p) => `unknown group "${p.code}"`, vi: (p) => `không có nhóm đối tượng "${p.code}"` },
  'home-units-of-province': {
    en: () => 'only a group whose home is a unit level can list home units',
    vi: () => 'chỉ nhóm có nơi công tác là một cấp đơn vị mới liệt kê được đơn vị công tác',
  },
  'scope-needs-level': {
    en: (p) => `scope "${p.scope}" needs a home unit level, not "province"`,
    vi: (p) => `phạm vi "${p.scope}" cần nơi công tác là một cấp đơn vị, không phải "province" (toàn tỉnh)`,
  },
  'unit-level': {
    en: (p) => `unit "${p.code}" is of level "${p.level}", not "${p.expected}"`,
    vi: (p) => `đơn vị "${p.code}" thuộc cấp "${p.level}", không phải cấp "${p.expected}"`,
  },
  'links-not-linked': {
    en: () => 'only a group with scope "linked" can have links',
    vi: () => 'chỉ nhóm có phạm vi "linked" (danh sách liên kết) mới có liên kết',
  },
  'own-level': {
    en: (p) => `scope "own" needs home level "${p.home}" to equal the form's target level "${p.target}"`,
    vi: (p) => `phạm vi "own" cần cấp nơi công tác "${p.home}" trùng với cấp được đánh giá của mẫu phiếu "${p.target}"`,
  },
  'no-parent-of-level': {
    en: (p) => `scope "parent": home unit "${p.code}" has no parent of level "${p.target}"`,
    vi: (p) => `phạm vi "parent": đơn vị công tác "${p.code}" không có đơn vị cha cấp "${p.target}"`,
  },
  'no-links': {
    en: (p) => `scope "linked": no links for home unit "${p.code}"`,
    vi: (p) => `phạm vi "linked": đơn vị công tác "${p.code}" chưa có đơn vị được đánh giá nào`,
  },
  'not-a-home-unit': { en: (p) => `"${p.code}" is not a home unit of this group`, vi: (p) => `"${p.code}" không phải đơn vị công tác của nhóm này` },
  'link-level': {
    en: (p) => `unit "${p.code}" is of level "${p.level}", not the form's "${p.target}"`,
    vi: (p) => `đơn vị "${p.code}" thuộc cấp "${p.level}", không phải cấp "${p.target}" của mẫu phiếu`,
  },
  'form-too-large': {
    en: (p) =>
      `one form would have ${p.units.toLocaleString('en')} units × ${p.questions} questions = ${(p.units * p.questions).toLocaleString('en')} cells; at most ${p.limit.toLocaleString('en')} are allowed`,
    vi: (p) => `một phiếu sẽ có ${numberVi(p.units)} đơn vị × ${p.questions} câu hỏi = ${numberVi(p.units * p.questions)} ô; tối đa ${numberVi(p.limit)} ô`,
  },
  'not-a-workbook': { en: (p) => NOT_WORKBOOK_EN[p.reason](p.limit), vi: (p) => NOT_WORKBOOK_VI[p.reason](p.limit) },
  'missing-sheet': {
    en: (p) => `the workbook has no sheet "${p.sheet}"${misspelt('sheet', p.typed, 'en')}`,
    vi: (p) => `sổ tính thiếu trang "${p.sheet}"${misspelt('sheet', p.typed, 'vi')}`,
  },
  'missing-column': {
    en: (p) => `no column "${p.column}"${misspelt('heading', p.typed, 'en')}`,
    vi: (p) => `thiếu cột "${p.column}"${misspelt('heading', p.typed, 'vi')}`,
  },
  'unknown-setting': {
    en: (p) => `unknown setting "${p.label}"${nearest(p.nearest, 'en')}`,
    vi: (p) => `không có mục "${p.label}"${nearest(p.nearest, 'vi')}`,
  },
  'missing-setting': { en: (p) => `no row "${p.label}"`, vi: (p) => `thiếu dòng "${p.label}"` },
});

const WARNINGS = catalogue<CampaignWarning>({
  'excel-shortens': {
    en: (w) =>
      w.twins.length
        ? `code "${w.code}" loses its leading zeros in Excel and then cannot be told from ${list(w.twins)}: keyed and self-assessment files must keep such cells as Text`
        : `code "${w.code}" is changed by Excel when it opens a CSV file (leading zeros dropped, or read as a number or date); leading zeros are put back on import, anything else must be kept as Text`,
    vi: (w) =>
      w.twins.length
        ? `mã "${w.code}" bị Excel bỏ số 0 ở đầu và khi đó không phân biệt được với ${list(w.twins)}: trong tệp nhập phiếu và tệp tự chấm điểm, hãy định dạng các ô này là Text`
        : `mã "${w.code}" bị Excel đổi khi mở tệp CSV (bỏ số 0 ở đầu, hoặc đọc thành số hay ngày tháng); số 0 ở đầu được bù lại khi nhập, các trường hợp khác phải định dạng ô là Text`,
  },
  'number-code': {
    en: (w) =>
      w.zerosByFormat
        ? `code "${w.code}" is a number whose leading zeros are shown only by the cell's format: it is read as "${w.code}", but copying the cell elsewhere or changing its format drops them: format the column as Text and type "${w.code}" again`
        : `code read as "${w.code}", but Excel holds the cell as a number and may have changed what was typed (1.10 → 1.1, 007 → 7): format the column as Text and type the code again if it is not "${w.code}"`,
    vi: (w) =>
      w.zerosByFormat
        ? `mã "${w.code}" là một số, các số 0 ở đầu chỉ hiện nhờ định dạng ô: mã được đọc là "${w.code}", nhưng khi chép sang chỗ khác hoặc đổi định dạng thì mất các số 0 này: hãy định dạng cột là Text và gõ lại "${w.code}"`
        : `mã được đọc là "${w.code}", nhưng Excel lưu ô này dưới dạng số và có thể đã đổi điều được gõ (1.10 → 1.1, 007 → 7): nếu mã không phải "${w.code}", hãy định dạng cột là Text và gõ lại`,
  },
  'date-cell': {
    en: (w) => `Excel turned this cell into a date (read as "${w.text}"): format the column as Text and type it again`,
    vi: (w) => `Excel đã đổi ô này thành ngày tháng (đọc được "${w.text}"): hãy định dạng cột là Text và gõ lại`,
  },
  'ignored-sheet': { en: () => 'this sheet is not part of the campaign and is not read', vi: () => 'trang này không thuộc mẫu và không được đọc' },
  'ignored-column': { en: () => 'this column is not part of the campaign and is not read', vi: () => 'cột này không thuộc mẫu và không được đọc' },
});

/** A problem in words with its place first: English for the CLI and the API (`units[1].code: duplicate code "SA" (first at units[0])`), Vietnamese for the console. */
export function campaignProblemText(p: CampaignProblem, lang: Lang): string {
  // A file that is not JSON is placed at "(file)" for the CLI; on a page its sentence names the file itself.
  if (lang === 'vi' && p.kind === 'not-json') return problemText(PROBLEMS, { ...p, where: { field: FILE_PATH } }, lang);
  return problemText(PROBLEMS, p, lang);
}

/** A warning in English, for the CLI and the API. */
export function campaignWarningText(w: CampaignWarning): string {
  return problemText(WARNINGS, w, 'en');
}

/** A warning in Vietnamese, for the console. */
export function campaignWarningVi(w: CampaignWarning): string {
  return problemText(WARNINGS, w, 'vi');
}
