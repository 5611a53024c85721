/** CSV in and out for files that Excel on Windows opens and writes: BOM, `,` or `;`, decimal comma, formula-safe cells. */
import Papa from 'papaparse';
import { catalogue, problemText, type Lang, type Where } from './problems';
import { cleanText } from './text';

/** Why a CSV file, or one of its rows, cannot be read; `where` is the spreadsheet row when there is one. */
export type CsvProblem =
  | { kind: 'csv-empty'; header: string[]; where?: Where }
  | { kind: 'csv-no-header'; where?: Where }
  | { kind: 'csv-not-utf8'; where?: Where }
  | { kind: 'csv-header'; expected: string[]; found: string[]; missing: string[]; unexpected: string[]; where?: Where }
  | { kind: 'csv-unclosed-quote'; where?: Where }
  | { kind: 'csv-text-after-quote'; where?: Where }
  | { kind: 'csv-unreadable'; where?: Where }
  | { kind: 'csv-field-count'; expected: string[]; found: number; decimalComma: boolean; where?: Where }
  | { kind: 'csv-no-rows'; header: string[]; where?: Where };

const quoted = (xs: string[]) => xs.map((x) => `"${x}"`).join(', ');

export const CSV_TEXT = catalogue<CsvProblem>({
  'csv-empty': {
    en: (p) => `the file is empty: expected the header "${p.header.join(',')}"`,
    vi: (p) => `tệp trống: cần dòng tiêu đề "${p.header.join(',')}"`,
  },
  'csv-no-header': { en: () => 'the file is empty (no header row)', vi: () => 'tệp trống (không có dòng tiêu đề)' },
  'csv-not-utf8': {
    en: () => 'the file is not UTF-8 text: save it from Excel as "CSV UTF-8 (Comma delimited)" (Windows-1258 and other code pages are not read)',
    vi: () => 'Tệp không phải văn bản UTF-8. Trong Excel, lưu bằng "CSV UTF-8 (Comma delimited)" (không đọc Windows-1258 hay bảng mã khác).',
  },
  'csv-header': {
    en: (p) => {
      const detail: string[] = [];
      if (p.missing.length) detail.push(`missing ${quoted(p.missing)}`);
      if (p.unexpected.length) detail.push(`unexpected ${quoted(p.unexpected)}`);
      return `the header must be "${p.expected.join(',')}", found "${p.found.join(',')}" (${detail.join('; ') || 'columns in the wrong order'})`;
    },
    vi: (p) => {
      const detail: string[] = [];
      if (p.missing.length) detail.push(`thiếu ${quoted(p.missing)}`);
      if (p.unexpected.length) detail.push(`thừa ${quoted(p.unexpected)}`);
      return `dòng tiêu đề phải là "${p.expected.join(',')}", tệp có "${p.found.join(',')}" (${detail.join('; ') || 'các cột sai thứ tự'})`;
    },
  },
  'csv-unclosed-quote': { en: () => "a quoted field is never closed (a stray '\"'?)", vi: () => 'có ô mở dấu ngoặc kép " mà không đóng (thừa một dấu "?)' },
  'csv-text-after-quote': { en: () => 'a quoted field has text after its closing quote', vi: () => 'có ô còn chữ sau dấu ngoặc kép đóng' },
  'csv-unreadable': { en: () => 'the row cannot be split into fields', vi: () => 'không tách được dòng này thành các cột' },
  'csv-field-count': {
    en: (p) =>
      `expected ${p.expected.length} fields (${p.expected.join(',')}), found ${p.found}` +
      (p.decimalComma
        ? ': a number with a decimal comma (2,5) splits into two fields in a "," file: save the file with ";" as separator (Excel "CSV (semicolon delimited)"), put such numbers in quotes ("2,5"), or write them with a point (2.5)'
        : ''),
    vi: (p) =>
      `cần ${p.expected.length} cột (${p.expected.join(',')}), dòng này có ${p.found}` +
      (p.decimalComma
        ? ': số thập phân viết dấu phẩy (2,5) bị tách thành hai cột trong tệp phân cách bằng dấu phẩy; hãy lưu tệp với dấu ";" (Excel "CSV (semicolon delimited)"), đặt số trong ngoặc kép ("2,5") hoặc viết dấu chấm (2.5)'
        : ''),
  },
  'csv-no-rows': {
    en: (p) => `the file has no data rows below the header "${p.header.join(',')}"`,
    vi: (p) => `tệp không có dòng dữ liệu nào dưới dòng tiêu đề "${p.header.join(',')}"`,
  },
});

export const csvText = (p: CsvProblem, lang: Lang) => problemText(CSV_TEXT, p, lang);

const BOM = '\uFEFF';

/** A spreadsheet runs text starting with `=`, `+`, `-` or `@` as a formula; a leading `'` makes it show the text instead. */
export function formulaSafe(s: string): string {
  return /^[=+\-@]/.test(s) ? `'${s}` : s;
}

/** One output cell. Numbers are written as they are; only text is guarded against being read as a formula. */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = formulaSafe(v);
  // `;` is quoted too so that a reader in a `;` locale still sees one cell.
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole file: BOM so that Excel reads UTF-8 (Vietnamese diacritics), CRLF line ends. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  let out = BOM + header.map(csvCell).join(',') + '\r\n';
  for (const row of rows) out += row.map(csvCell).join(',') + '\r\n';
  return out;
}

/**
 * The text of a file's bytes when they are UTF-8, else null: a file saved in Windows-1258 (or another code page)
 * would otherwise load with garbled diacritics, so it is refused rather than guessed at.
 */
export function utf8Text(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * A decimal typed by a person: `1.5` or `1,5` (a Vietnamese Excel writes the comma). Thousands separators are refused
 * because `1.234` would be ambiguous between the two conventions.
 */
export function parseDecimal(s: string): number | null {
  const t = s.trim();
  if (!/^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/.test(t)) return null;
  const n = Number(t.replace(',', '.'));
  return n === 0 ? 0 : n;
}

/** `;` when the header line has more semicolons than commas outside quotes (a `;`-locale Excel export), else `,`. */
export function detectDelimiter(firstLine: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Null when the header matches (trimmed, any case, same order), else the problem naming expected and found columns.
 * The order is fixed on purpose: callers read fields by position, so a reordered file must not pass.
 */
export function headerCheck(fields: string[], expected: string[], row?: number): CsvProblem | null {
  const found = fields.map((f) =>
    f
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
  const want = expected.map((e) => e.toLowerCase());
  if (found.length === want.length && found.every((f, i) => f === want[i])) return null;
  return {
    kind: 'csv-header',
    expected,
    found: fields.map((f) => f.trim()),
    missing: want.filter((w) => !found.includes(w)),
    unexpected: found.filter((f) => !want.includes(f)),
    where: row === undefined ? undefined : { row },
  };
}

/**
 * The record without empty fields past the expected ones: Excel leaves a trailing `,` or `;` on every line (header
 * too) when a column beyond the data was ever touched, and such a column carries nothing, like an empty row. A
 * record whose extra field holds something keeps it, so its field count is reported.
 */
export function withoutEmptyExtraFields(fields: string[], expected: number): string[] {
  if (fields.length <= expected) return fields;
  for (let i = expected; i < fields.length; i++) if (cleanText(fields[i]) !== '') return fields;
  fields.length = expected;
  return fields;
}

/**
 * Whether a record of a `,` file has more fields than expected because a decimal comma split a number
 * (`SNV,2,5,3` for 2,5 and 3). Worked by hand: ["SNV","2","5","3"] for 3 columns → true; ["SNV","x","y","z"] → false.
 */
export function decimalCommaSplit(fields: string[], expected: number, delimiter: ',' | ';'): boolean {
  if (delimiter !== ',' || fields.length <= expected) return false;
  return fields.some((f, i) => i > 0 && /^\s*[+-]?[0-9]+\s*$/.test(fields[i - 1]) && /^[0-9]+\s*$/.test(f));
}

/** Spreadsheets leave rows of empty cells (`,,,`) behind; they carry nothing. */
export function isBlankRecord(fields: string[]): boolean {
  return fields.every((f) => cleanText(f) === '');
}

/** The problem of a record with the wrong number of fields, or null. */
export function fieldCountProblem(fields: string[], expected: string[], row: number, decimalComma = false): CsvProblem | null {
  if (fields.length === expected.length) return null;
  return { kind: 'csv-field-count', expected, found: fields.length, decimalComma, where: { row } };
}

export type CsvRow = { row: number; cells: Record<string, string> };
/** A streamed record: `fields` trimmed and in the order of the expected header (positional, so no object per row of a big file), or the reason the row could not be split. */
export type CsvRecord = { row: number; fields: string[] } | { row: number; problem: CsvProblem };
export type CsvRead = { ok: true; delimiter: ',' | ';'; rows: CsvRow[] } | { ok: false; problems: CsvProblem[] };

// With a fixed delimiter and no header mode papaparse reports only these two; anything else is said in general terms.
const QUOTE_PROBLEMS: Record<string, 'csv-unclosed-quote' | 'csv-text-after-quote' | undefined> = {
  MissingQuotes: 'csv-unclosed-quote',
  InvalidQuotes: 'csv-text-after-quote',
};

/**
 * Reads a whole small file against a fixed header. `row` is the spreadsheet row (the header is row 1, a field with
 * a line break stays one row), so users find the row that an error names. Cells come out cleaned (surveys/text.ts);
 * with `decimals` (a file of numbers), a row split by decimal commas gets a hint besides its field count.
 */
export function readCsv(text: string, expectedHeader: string[], opts: { decimals?: boolean } = {}): CsvRead {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const firstLine = /^[^\r\n]*\S[^\r\n]*/m.exec(body)?.[0];
  if (firstLine === undefined) return { ok: false, problems: [{ kind: 'csv-empty', header: expectedHeader }] };
  const delimiter = detectDelimiter(firstLine);
  const parsed = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false });

  const badRows = new Map<number, CsvProblem['kind'][]>();
  for (const e of parsed.errors) {
    if (e.row === undefined) continue;
    const msg = QUOTE_PROBLEMS[e.code] ?? 'csv-unreadable';
    const list = badRows.get(e.row) ?? [];
    if (!list.includes(msg)) list.push(msg);
    badRows.set(e.row, list);
  }

  const problems: CsvProblem[] = [];
  const rows: CsvRow[] = [];
  let headerSeen = false;
  for (let i = 0; i < parsed.data.length; i++) {
    const fields = withoutEmptyExtraFields(parsed.data[i], expectedHeader.length);
    const row = i + 1;
    if (isBlankRecord(fields)) continue;
    const quotes = badRows.get(i)?.map((kind): CsvProblem => ({ kind, where: { row } }) as CsvProblem);
    if (!headerSeen) {
      headerSeen = true;
      const header = headerCheck(fields, expectedHeader, row);
      // With the wrong columns every row below would only repeat the same complaint.
      if (quotes) return { ok: false, problems: quotes };
      if (header) return { ok: false, problems: [header] };
      continue;
    }
    if (quotes) {
      problems.push(...quotes);
      continue;
    }
    const count = fieldCountProblem(fields, expectedHeader, row, opts.decimals === true && decimalCommaSplit(fields, expectedHeader.length, delimiter));
    if (count) {
      problems.push(count);
      continue;
    }
    const cells: Record<string, string> = {};
    expectedHeader.forEach((name, k) => (cells[name] = cleanText(fields[k])));
    rows.push({ row, cells });
  }
  return problems.length ? { ok: false, problems } : { ok: true, delimiter, rows };
}

/**
 * Finds record boundaries in CSV text fed a chunk at a time, each character read once, the way papaparse reads
 * quotes: a `"` opens a quoted field only at the start of a field, `""` inside one is a literal quote, and a line end
 * inside quotes belongs to the field. (A stray `"` in the middle of a field is text, so it cannot make every later
 * line end look quoted.) `scan` returns the index just past the last record end in the chunk, or -1.
 */
export function createRecordSplitter(): { scan(chunk: string): number } {
  let quoted = false;
  let quoteInQuoted = false; // inside quotes, the last character was a quote: closing, unless another follows
  let fieldStart = true;
  return {
    scan(chunk: string): number {
      let end = -1;
      for (let i = 0; i < chunk.length; i++) {
        const ch = chunk.charCodeAt(i);
        if (quoteInQuoted) {
          quoteInQuoted = false;
          if (ch === 34) continue; // "" is a literal quote
          quoted = false;
        }
        if (quoted) {
          if (ch === 34) quoteInQuoted = true;
          continue;
        }
        if (ch === 34 && fieldStart) {
          quoted = true;
          fieldStart = false;
        } else if (ch === 10) {
          end = i + 1;
          fieldStart = true;
        } else {
          fieldStart = ch === 44 || ch === 59 || ch === 13; // after `,` `;` or the CR of a CRLF
        }
      }
      return end;
    },
  };
}
