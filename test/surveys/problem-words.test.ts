/** Every kind of problem is worded in English and in Vietnamese, and the Vietnamese carries no English message words. */
import { describe, expect, it } from 'vitest';
import { ACCOUNT_TEXT, type AccountProblem } from '../../surveys/accounts';
import { ANSWER_TEXT, type AnswerProblem } from '../../surveys/answer-schema';
import { CAMPAIGN_LOAD_TEXT, type CampaignLoadProblem } from '../../surveys/campaign-load-problems';
import { CSV_TEXT, csvText, readCsv, type CsvProblem } from '../../surveys/csv';
import { KEYED_HEADER, KEYED_TEXT, keyedText, type KeyedProblem } from '../../surveys/keyed';
import { DESK_SERIAL_VI, INVALIDATE_TEXT, type InvalidateProblem } from '../../surveys/keying-desk';
import { DESK_PASS_VI, PASS_TEXT, type PassProblem } from '../../surveys/passes';
import { SELECTION_TEXT, type SelectionProblem } from '../../surveys/print-layout';
import { SCAN_TEXT, type ScanProblem } from '../../surveys/omr/scan-plan';
import { problemText, type Catalogue, type Problem } from '../../surveys/problems';
import { SELF_POINTS_TEXT, type SelfPointsProblem } from '../../surveys/self-points';
import { SERIAL_TEXT, type SerialProblem } from '../../surveys/serial';
import { SETTLE_TEXT, type SettleProblem } from '../../surveys/settle';

/** One sample of every kind of a union: a kind without a sample fails the type check. */
type Samples<P extends Problem> = { [K in P['kind']]: Omit<Extract<P, { kind: K }>, 'kind'> };

const csv: Samples<CsvProblem> = {
  'csv-empty': { header: KEYED_HEADER },
  'csv-no-header': {},
  'csv-not-utf8': {},
  'csv-header': { expected: KEYED_HEADER, found: ['ma', 'don_vi'], missing: ['serial'], unexpected: ['ma'], where: { row: 1 } },
  'csv-unclosed-quote': { where: { row: 3 } },
  'csv-text-after-quote': { where: { row: 3 } },
  'csv-unreadable': { where: { row: 3 } },
  'csv-field-count': { expected: KEYED_HEADER, found: 5, decimalComma: true, where: { row: 4 } },
  'csv-no-rows': { header: KEYED_HEADER },
};
const serial: Samples<SerialProblem> = {
  'serial-empty': { where: { row: 2 } },
  'serial-not-digits': { input: 'A00013' },
  'serial-too-short': { input: '13' },
  'serial-check': { input: '000014' },
};
const pass: Samples<PassProblem> = {
  'form-void': { serial: '000013' },
  'form-invalid': { serial: '000013' },
  'form-counted-web': { serial: '000013' },
  'no-group-form': { serial: '000013', group: 'CT09', campaign: 'LCU-2020' },
  'no-pass-2': { campaign: 'LCU-2020' },
  'pass-keyed': { serial: '000013', pass: 2 },
  'passes-keyed': { serial: '000013', doubleEntry: true },
  'form-counted': { serial: '000013' },
  'same-operator': { serial: '000013', pass: 2, other: 'lan' },
  'same-loader': { serial: '000013', pass: 2, other: 'hoa' },
  'read-by-machine': { serial: '000013' },
};
const keyed: Samples<KeyedProblem> = {
  ...csv,
  ...serial,
  ...pass,
  'operator-empty': {},
  'serial-unknown': { input: '000999', where: { row: 9 } },
  'unit-empty': { serial: '000013', targets: ['SNV', 'STC'], where: { row: 2 } },
  'unit-ambiguous': { input: '118', candidates: ['0118', '00118'], why: 'leading-zeros', serial: '000013', where: { row: 5 } },
  'unit-not-rated': { input: 'STC', serial: '000013', targets: ['SNV'], where: { row: 2 } },
  'unit-unknown': { input: 'XYZ', serial: '000013', targets: ['SNV'], where: { row: 2 } },
  'question-empty': {},
  'question-ambiguous': { input: '1', candidates: ['01', '001'], why: 'leading-zeros', form: 'F1', where: { row: 6 } },
  'question-unknown': { input: '11', form: 'CT-01' },
  'answer-not-option': { input: '7', optionSet: 'MD4', codes: '1, 2, 3, 4, 9' },
  'cell-repeated': { firstRow: 4, serial: '000013', unit: 'SNV', question: '3', where: { row: 5 } },
  'cells-missing': { serial: '000013', missing: 4, example: 'SNV 1' },
};
const self: Samples<SelfPointsProblem> = {
  ...csv,
  'self-unit-empty': {},
  'self-unit-ambiguous': { input: '118', candidates: ['0118', '00118'], why: 'leading-zeros' },
  'self-unit-unknown': { input: 'XYZ' },
  'self-unit-repeated': { unit: 'SNV', firstRow: 2 },
  'self-unit-unscored': { unit: 'TDU-BL', level: 'xa', campaign: 'LCU-2020' },
  'self-number-empty': { column: 'self_max' },
  'self-not-a-number': { column: 'self_points', input: 'x' },
  'self-negative': { input: '-1' },
  'self-max-not-positive': { input: '0' },
  'self-over-max': { points: '90', max: '73' },
};
const settle: Samples<SettleProblem> = {
  'form-unknown': { serial: '000999' },
  'not-in-conflict': { serial: '000013', status: 'counted' },
  'cell-not-open': { serial: '000013', unit: 'SNV', question: '2' },
  'decision-not-option': { answer: '7' },
  'decision-both': { unit: 'SA', question: '1', pass: 1 },
  'decision-no-code': { unit: 'SA', question: '1' },
  'decision-none': {},
};
const answer: Samples<AnswerProblem> = {
  'cell-blank': { where: { field: 'SA.1' } },
  'cell-not-an-option': { value: '7', where: { field: 'SA.1' } },
  'cell-two-values': { where: { field: 'SA.1' } },
  'cell-not-on-form': { where: { field: 'SC.1' } },
};
const selection: Samples<SelectionProblem> = {
  'unknown-group': { group: 'CT09', known: ['CT01', 'CT02'] },
  'unknown-home': { home: 'XYZ' },
};
const account: Samples<AccountProblem> = {
  'password-refused': { password: { kind: 'password_too_short', min: 10, where: 'password' } },
  'user-name-invalid': {},
  'user-exists': { name: 'lan' },
  'user-unknown': { id: 7 },
  'token-owner-disabled': {},
  'token-owner-role': {},
  'token-name-length': {},
};
const invalidate: Samples<InvalidateProblem> = {
  'unknown-serial': { serial: '000999' },
  void: { serial: '000013' },
  'already-invalid': { serial: '000013', reason: 'Phiếu trùng' },
  'no-reason': { serial: '000013' },
};
const campaignLoad: Samples<CampaignLoadProblem> = {
  frozen: { code: 'LCU-2020' },
  'self-points-orphaned': { units: ['TDU-BL', 'SNV'] },
  'form-orphaned': { serial: '000013', group: 'CT09', home: 'SNV' },
  'more-forms': { count: 1143 },
  'code-taken': { code: 'LCU-2021' },
};

const at = { file: 'quet-01.pdf', page: 3 };
const scan: Samples<ScanProblem> = {
  'page-unidentified': { problem: { kind: 'marks-not-found', serial: '000013', page: 2 }, ...at },
  'serial-unknown': { serial: '000999', ...at },
  'page-not-of-form': { serial: '000013', formPage: 4, ...at },
  'page-twice': { serial: '000013', formPage: 1, firstFile: 'quet-00.pdf', firstPage: 7, ...at },
  'pages-missing': { serial: '000013', missing: [2], pages: 2, ...at },
  'form-refused': { serial: '000013', problem: { kind: 'form-void', serial: '000013' }, ...at },
  'already-read': { serial: '000013', readFile: 'quet-00.pdf', readAt: '2026-11-29T07:04:00.000Z', ...at },
};

const problemsOf = <P extends Problem>(s: Samples<P>) => Object.entries(s).map(([kind, rest]) => ({ kind, ...(rest as object) }) as P);

// Names that stay as they are in Vietnamese: our files' column headings, Excel's own menu words, code units.
const KEPT = new Set([
  'serial',
  'unit',
  'question',
  'answer',
  'unit_code',
  'self_points',
  'self_max',
  'excel',
  'csv',
  'utf',
  'text',
  'comma',
  'delimited',
  'semicolon',
  'windows',
  'api',
]);
const words = (s: string) => (s.toLowerCase().match(/[\p{L}_]+/gu) ?? []).filter((w) => w.length > 1);
/** What a text says beyond the values it carries: quoted values and the problem's own parameters taken out. */
function ownWords(text: string, p: Problem): string[] {
  let t = text.replace(/"[^"]*"|“[^”]*”/g, ' ');
  for (const v of Object.values(p).flat()) if (typeof v === 'string' && v.length > 1) t = t.split(v).join(' ');
  return words(t);
}

function checkCatalogue<P extends Problem>(name: string, cat: Catalogue<P>, samples: Samples<P>) {
  it(`${name}: every kind has a sample, and its Vietnamese is not its English`, () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(cat).sort());
    const leaks = problemsOf(samples).flatMap((p) => {
      const en = problemText(cat, p, 'en');
      const vi = problemText(cat, p, 'vi');
      const viWords = new Set(ownWords(vi, p));
      const english = ownWords(en, p).filter((w) => !KEPT.has(w) && viWords.has(w));
      return vi === en || english.length ? [{ kind: p.kind, en, vi, english }] : [];
    });
    expect(leaks).toEqual([]);
  });
}

describe('every kind in both languages', () => {
  checkCatalogue('CSV', CSV_TEXT, csv);
  checkCatalogue('serial', SERIAL_TEXT, serial);
  checkCatalogue('pass rule', PASS_TEXT, pass);
  checkCatalogue('keyed file', KEYED_TEXT, keyed);
  checkCatalogue('self-assessment file', SELF_POINTS_TEXT, self);
  checkCatalogue('reconciliation', SETTLE_TEXT, settle);
  checkCatalogue('invalid forms', INVALIDATE_TEXT, invalidate);
  checkCatalogue('web, desk and API answers', ANSWER_TEXT, answer);
  checkCatalogue('print selection', SELECTION_TEXT, selection);
  checkCatalogue('accounts and API tokens', ACCOUNT_TEXT, account);
  checkCatalogue('campaign load', CAMPAIGN_LOAD_TEXT, campaignLoad);
  checkCatalogue('scan import', SCAN_TEXT, scan);

  it('the desk words every pass and serial refusal without English', () => {
    const english = new Set(
      problemsOf(pass)
        .flatMap((p) => ownWords(problemText(PASS_TEXT, p, 'en'), p))
        .filter((w) => !KEPT.has(w)),
    );
    const desk = [
      ...problemsOf(pass).map((p) => [p, (DESK_PASS_VI[p.kind] as (x: PassProblem) => string)(p)] as const),
      ...problemsOf(serial).map((p) => [p, (DESK_SERIAL_VI[p.kind] as (x: SerialProblem) => string)(p)] as const),
    ];
    expect(desk.filter(([p, vi]) => ownWords(vi, p).some((w) => english.has(w)))).toEqual([]);
  });

  it('catches English left in a Vietnamese text (the check can fail)', () => {
    const p = { kind: 'x', serial: '000013' };
    expect(ownWords('form 000013 is void', p).filter((w) => new Set(ownWords('phiếu 000013 is void', p)).has(w))).toEqual(['is', 'void']);
  });
});

describe('Vietnamese of keyed-file problems', () => {
  const viOf = (text: string) => {
    const r = readCsv(text, KEYED_HEADER);
    return r.ok ? [] : r.problems.map((p) => csvText(p, 'vi'));
  };

  it.each([
    [
      'ma,don_vi,cau,tra_loi\n',
      'Dòng 1: dòng tiêu đề phải là "serial,unit,question,answer", tệp có "ma,don_vi,cau,tra_loi" (thiếu "serial", "unit", "question", "answer"; thừa "ma", "don_vi", "cau", "tra_loi")',
    ],
    ['unit,serial,question,answer\n', 'Dòng 1: dòng tiêu đề phải là "serial,unit,question,answer", tệp có "unit,serial,question,answer" (các cột sai thứ tự)'],
    ['serial,unit,question,answer\n000013,SNV,1\n', 'Dòng 2: cần 4 cột (serial,unit,question,answer), dòng này có 3'],
    ['serial,unit,question,answer\n000013,SNV,1,"1\n', 'Dòng 2: có ô mở dấu ngoặc kép " mà không đóng (thừa một dấu "?)'],
    ['  \n', 'Tệp trống: cần dòng tiêu đề "serial,unit,question,answer"'],
  ])('%j', (text, vi) => {
    expect(viOf(text)).toEqual([vi]);
  });

  it('words a header row with two quote problems, each in Vietnamese (the regex translator left it in English)', () => {
    expect(viOf('"serial"x,unit,question,"answer\n')).toEqual([
      'Dòng 1: có ô còn chữ sau dấu ngoặc kép đóng',
      'Dòng 1: có ô mở dấu ngoặc kép " mà không đóng (thừa một dấu "?)',
    ]);
  });

  it.each([
    [
      { kind: 'unit-ambiguous', input: '118', candidates: ['0118', '00118'], why: 'leading-zeros', serial: '000013', where: { row: 5 } },
      'row 5: unit "118" could be 0118 or 00118 on form 000013 (Excel drops leading zeros: format the unit column as Text)',
      'Dòng 5: mã đơn vị "118" có thể là 0118 hoặc 00118 trên phiếu 000013 (Excel bỏ số 0 ở đầu: hãy định dạng cột unit là Text)',
    ],
    [
      { kind: 'unit-ambiguous', input: 'snv', candidates: ['Snv', 'SNV'], why: 'case', serial: '000013', where: { row: 5 } },
      'row 5: unit "snv" could be Snv or SNV on form 000013',
      'Dòng 5: mã đơn vị "snv" có thể là Snv hoặc SNV trên phiếu 000013',
    ],
    [
      { kind: 'question-ambiguous', input: '1', candidates: ['01', '001'], why: 'leading-zeros', form: 'F1', where: { row: 6 } },
      'row 6: question "1" could be 01 or 001 on form F1 (Excel drops leading zeros: format the question column as Text)',
      'Dòng 6: mã câu "1" có thể là 01 hoặc 001 trên mẫu phiếu F1 (Excel bỏ số 0 ở đầu: hãy định dạng cột question là Text)',
    ],
  ] as [KeyedProblem, string, string][])('codes that fit several: %j', (p, en, vi) => {
    expect(keyedText(p, 'en')).toBe(en);
    expect(keyedText(p, 'vi')).toBe(vi);
  });

  it('keeps values from the file as they are, even when they look like a message', () => {
    expect(keyedText({ kind: 'serial-unknown', input: 'row 2: serial is empty', where: { row: 9 } }, 'vi')).toBe(
      'Dòng 9: không có phiếu số "row 2: serial is empty"',
    );
  });
});
