/** CSV building blocks: cells that Excel reads back as written, decimals as people type them, and a header-checked reader. */
import { describe, expect, it } from 'vitest';
import {
  createRecordSplitter,
  csvCell,
  csvText,
  detectDelimiter,
  fieldCountProblem,
  headerCheck,
  isBlankRecord,
  parseDecimal,
  readCsv,
  toCsv,
  type CsvProblem,
  type CsvRead,
} from '../../surveys/csv';

/** Problems in the English the CLI prints, so that the assertions read as the messages people get. */
const en = (p: CsvProblem | null) => (p ? csvText(p, 'en') : null);
const inEnglish = (r: CsvRead) => (r.ok ? r : { ok: false, errors: r.problems.map((p) => csvText(p, 'en')) });

describe('csvCell', () => {
  it.each<[string | number | null, string]>([
    [null, ''],
    ['', ''],
    ['Sở Nội vụ', 'Sở Nội vụ'],
    [12, '12'],
    [-1.5, '-1.5'],
    [0.675, '0.675'],
    ['a,b', '"a,b"'],
    ['a;b', '"a;b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=SUM(A1:A3)', "'=SUM(A1:A3)"],
    ['+84 912', "'+84 912"],
    ['-1.5', "'-1.5"],
    ['@cmd', "'@cmd"],
    ['=1,2', `"'=1,2"`],
    ['a=b', 'a=b'],
  ])('%j -> %j', (v, want) => {
    expect(csvCell(v)).toBe(want);
  });
});

describe('toCsv', () => {
  it('writes a BOM, commas and CRLF line ends', () => {
    expect(
      toCsv(
        ['unit_code', 'points'],
        [
          ['SNV', 1.5],
          ['STC', null],
        ],
      ),
    ).toBe('\uFEFFunit_code,points\r\nSNV,1.5\r\nSTC,\r\n');
  });

  it('writes only the header when there are no rows', () => {
    expect(toCsv(['a', 'b'], [])).toBe('\uFEFFa,b\r\n');
  });

  it('round-trips through readCsv', () => {
    const rows = [['=x', 'Ủy ban "nhân dân", huyện\nTam Đường']];
    const read = readCsv(toCsv(['a', 'b'], rows), ['a', 'b']);
    expect(read).toEqual({ ok: true, delimiter: ',', rows: [{ row: 2, cells: { a: "'=x", b: rows[0][1] } }] });
  });
});

describe('parseDecimal', () => {
  it.each<[string, number | null]>([
    ['1.5', 1.5],
    ['1,5', 1.5],
    [' 12 ', 12],
    ['0', 0],
    ['-0', 0],
    ['-2,25', -2.25],
    ['+3', 3],
    ['.5', 0.5],
    [',5', 0.5],
    ['77.50', 77.5],
    ['1,2,3', null],
    ['1.234,5', null],
    ['1 234', null],
    ['abc', null],
    ['', null],
    ['   ', null],
    ['1.', null],
    ['1e3', null],
    ['12a', null],
  ])('%j -> %j', (s, want) => {
    expect(parseDecimal(s)).toBe(want);
  });
});

describe('detectDelimiter', () => {
  it.each<[string, ',' | ';']>([
    ['serial,unit,question,answer', ','],
    ['serial;unit;question;answer', ';'],
    ['unit_code;self_points;self_max', ';'],
    ['"a;b",c', ','],
    ['"a,b";"c,d";e', ';'],
    ['single', ','],
  ])('%j -> %j', (line, want) => {
    expect(detectDelimiter(line)).toBe(want);
  });
});

describe('headerCheck', () => {
  const want = ['serial', 'unit', 'question', 'answer'];

  it.each([[['serial', 'unit', 'question', 'answer']], [[' Serial ', 'UNIT', 'Question', 'answer ']], [['\uFEFFserial', 'unit', 'question', 'answer']]])(
    'accepts %j',
    (fields) => {
      expect(en(headerCheck(fields, want))).toBeNull();
    },
  );

  it.each([
    [['serial', 'unit', 'answer'], 'the header must be "serial,unit,question,answer", found "serial,unit,answer" (missing "question")'],
    [
      ['serial', 'unit', 'qestion', 'answer'],
      'the header must be "serial,unit,question,answer", found "serial,unit,qestion,answer" (missing "question"; unexpected "qestion")',
    ],
    [
      ['serial', 'unit', 'question', 'answer', 'note'],
      'the header must be "serial,unit,question,answer", found "serial,unit,question,answer,note" (unexpected "note")',
    ],
    [
      ['serial', 'question', 'unit', 'answer'],
      'the header must be "serial,unit,question,answer", found "serial,question,unit,answer" (columns in the wrong order)',
    ],
  ])('refuses %j', (fields, message) => {
    expect(en(headerCheck(fields, want))).toBe(message);
  });
});

describe('record helpers', () => {
  it('treats rows of empty cells as blank', () => {
    expect(isBlankRecord([''])).toBe(true);
    expect(isBlankRecord(['', ' ', ''])).toBe(true);
    expect(isBlankRecord(['', 'x'])).toBe(false);
  });

  it('names the row with the wrong number of fields', () => {
    expect(en(fieldCountProblem(['a', 'b'], ['a', 'b'], 4))).toBeNull();
    expect(en(fieldCountProblem(['a'], ['a', 'b'], 4))).toBe('row 4: expected 2 fields (a,b), found 1');
  });
});

describe('readCsv', () => {
  const header = ['unit_code', 'self_points', 'self_max'];

  it('reads a plain comma file with spreadsheet row numbers', () => {
    const read = readCsv('unit_code,self_points,self_max\nSNV,70,77.5\nSTC,60.25,77.5\n', header);
    expect(read).toEqual({
      ok: true,
      delimiter: ',',
      rows: [
        { row: 2, cells: { unit_code: 'SNV', self_points: '70', self_max: '77.5' } },
        { row: 3, cells: { unit_code: 'STC', self_points: '60.25', self_max: '77.5' } },
      ],
    });
  });

  it('strips a BOM, reads `;` files with decimal commas, CRLF and stray spaces', () => {
    const read = readCsv('\uFEFF Unit_Code ; SELF_POINTS;self_max\r\n SNV ; 70,5 ;77,5\r\n', header);
    expect(read).toEqual({
      ok: true,
      delimiter: ';',
      rows: [{ row: 2, cells: { unit_code: 'SNV', self_points: '70,5', self_max: '77,5' } }],
    });
  });

  it('keeps a quoted line break inside one row and counts rows as a spreadsheet does', () => {
    const read = readCsv('a,b\r\n"two\r\nlines",1\r\n\r\n,\r\nx,2\r\n', ['a', 'b']);
    expect(read).toEqual({
      ok: true,
      delimiter: ',',
      rows: [
        { row: 2, cells: { a: 'two\r\nlines', b: '1' } },
        { row: 5, cells: { a: 'x', b: '2' } },
      ],
    });
  });

  it('skips blank lines before the header', () => {
    const read = readCsv('\n\na,b\n1,2', ['a', 'b']);
    expect(read).toEqual({ ok: true, delimiter: ',', rows: [{ row: 4, cells: { a: '1', b: '2' } }] });
  });

  it('accepts a file with only the header', () => {
    expect(readCsv('a,b\r\n', ['a', 'b'])).toEqual({ ok: true, delimiter: ',', rows: [] });
  });

  it.each([
    ['', 'the file is empty: expected the header "unit_code,self_points,self_max"'],
    ['\uFEFF\r\n  \r\n', 'the file is empty: expected the header "unit_code,self_points,self_max"'],
    [
      'unit,self_points,self_max\nSNV,1,2',
      'row 1: the header must be "unit_code,self_points,self_max", found "unit,self_points,self_max" (missing "unit_code"; unexpected "unit")',
    ],
    ['unit_code,self_points\nSNV,1', 'row 1: the header must be "unit_code,self_points,self_max", found "unit_code,self_points" (missing "self_max")'],
  ])('refuses %j', (text, message) => {
    expect(inEnglish(readCsv(text, header))).toEqual({ ok: false, errors: [message] });
  });

  it('lists every row with the wrong number of fields', () => {
    const read = inEnglish(readCsv('unit_code,self_points,self_max\nSNV,1\nSTC,1,2\nSKH,1,2,3\n', header));
    expect(read).toEqual({
      ok: false,
      errors: ['row 2: expected 3 fields (unit_code,self_points,self_max), found 2', 'row 4: expected 3 fields (unit_code,self_points,self_max), found 4'],
    });
  });

  it('names the row of an unclosed quote', () => {
    const read = inEnglish(readCsv('a,b\n1,2\n"open,3\n4,5\n', ['a', 'b']));
    expect(read).toEqual({ ok: false, errors: ["row 3: a quoted field is never closed (a stray '\"'?)"] });
  });
});

describe('createRecordSplitter', () => {
  /** Each chunk's scan result, fed in order to one splitter. */
  const ends = (...chunks: string[]) => {
    const s = createRecordSplitter();
    return chunks.map((c) => s.scan(c));
  };

  it.each<[string, string[], number[]]>([
    ['plain lines', ['a,b\nc,d\n'], [8]],
    ['no line end yet', ['a,b'], [-1]],
    ['CRLF', ['a,b\r\nc,d\r\ne'], [10]],
    ['a line end inside quotes belongs to the field', ['a,"x\ny"\n'], [8]],
    ['a doubled quote stays inside the field', ['a,"say ""hi""\n"\nb'], [16]],
    ['a quoted field split across chunks', ['a,"x\n', 'y"\nb'], [-1, 3]],
    ['a doubled quote split across chunks', ['a,"x"', '"\n"\n'], [-1, 4]],
    ['a stray quote inside an unquoted field is text', ['a,3"\nb,c\n'], [9]],
    ['a stray quote does not swallow later chunks', ['1,2,3"\n', 'x,y\n'], [7, 4]],
    ['a quote opens after ;', ['a;"x\n"\n'], [7]],
    ['an unclosed quote at a field start holds every later line end', ['a,"x\n', 'b\n'], [-1, -1]],
  ])('%s', (_name, chunks, expected) => {
    expect(ends(...chunks)).toEqual(expected);
  });
});
