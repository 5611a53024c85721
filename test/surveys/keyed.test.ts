/** The keyed paper CSV checker: normalised cells, every refusal with its exact message, and a big file in bounded memory. */
import { describe, expect, it } from 'vitest';
import { CampaignSchema, type Campaign } from '../../surveys/campaign';
import { readCsv } from '../../surveys/csv';
import { createKeyedChecker, KEYED_HEADER, keyedText, MAX_LISTED_ERRORS, type KeyedCell, type KeyedContext, type KeyedRow } from '../../surveys/keyed';
import type { LedgerForm } from '../../surveys/ledger';
import { makeSerial } from '../../surveys/serial';
import { HEAD, MD4 } from '../helpers/campaigns';

const campaign = CampaignSchema.parse({
  ...HEAD,
  optionSets: [
    MD4,
    {
      code: 'CK',
      options: [
        { code: 'C', label: 'Có', fraction: 1 },
        { code: 'K', label: 'Không', fraction: 0 },
      ],
    },
  ],
  units: [
    { code: 'SNV', name: 'Sở Nội vụ', level: 'so' },
    { code: 'STC', name: 'Sở Tài chính', level: 'so' },
    { code: 'TDU', name: 'UBND huyện Tam Đường', level: 'huyen' },
  ],
  criteria: [
    { code: 'S1', level: 'so', name: 'Lãnh đạo', maxPoints: 2 },
    { code: 'H1', level: 'huyen', name: 'Lãnh đạo', maxPoints: 3 },
  ],
  forms: [
    {
      code: 'CT-01',
      title: 'Phiếu sở',
      targetLevel: 'so',
      optionSet: 'MD4',
      questions: [
        { code: '1', text: 'Câu 1', criterion: 'S1' },
        { code: '2', text: 'Câu 2', criterion: 'S1' },
        { code: '3', text: 'Câu 3', criterion: 'S1' },
      ],
    },
    {
      code: 'CH-01',
      title: 'Phiếu huyện',
      targetLevel: 'huyen',
      optionSet: 'CK',
      questions: [
        { code: '1a', text: 'Câu 1a', criterion: 'H1' },
        { code: '1b', text: 'Câu 1b', criterion: 'H1' },
      ],
    },
  ],
  groups: [
    { code: 'CT01-HDND', name: 'Đại biểu HĐND tỉnh', form: 'CT-01', home: 'province', scope: 'all', quota: 2 },
    { code: 'CT02-CC', name: 'Công chức các sở', form: 'CT-01', home: 'so', scope: 'own', quota: 2 },
    { code: 'CH01-HDND', name: 'Đại biểu HĐND huyện', form: 'CH-01', home: 'huyen', scope: 'own', quota: 2 },
  ],
});
const single: Campaign = { ...campaign, code: 'LCU-2020', doubleEntry: false };

const S = (n: number) => makeSerial(n);
const ALL = S(1); // 000013: rates SNV and STC, questions 1-3
const OWN = S(2); // 000021: rates SNV only
const DISTRICT = S(3); // 000037: rates TDU, CK options

function ledgerForm(n: number, over: Partial<LedgerForm> = {}): LedgerForm {
  const base: Record<number, Pick<LedgerForm, 'groupCode' | 'homeUnit' | 'targets'>> = {
    1: { groupCode: 'CT01-HDND', homeUnit: null, targets: ['SNV', 'STC'] },
    2: { groupCode: 'CT02-CC', homeUnit: 'SNV', targets: ['SNV'] },
    3: { groupCode: 'CH01-HDND', homeUnit: 'TDU', targets: ['TDU'] },
  };
  return {
    serial: S(n),
    ...(base[n] ?? base[1]),
    status: 'issued',
    countedFrom: null,
    pass1Operator: null,
    pass2Operator: null,
    pass1LoadedBy: null,
    pass2LoadedBy: null,
    ...over,
  };
}

function ledger(...forms: LedgerForm[]): Map<string, LedgerForm> {
  const all = forms.length ? forms : [ledgerForm(1), ledgerForm(2), ledgerForm(3)];
  return new Map(all.map((f) => [f.serial, f]));
}

type Line = [serial: string, unit: string, question: string, answer: string];

/** Every cell of a form, all with one answer. */
function cellsOf(serial: string, targets: string[], questions: string[], answer = '1'): Line[] {
  return targets.flatMap((u) => questions.map((q): Line => [serial, u, q, answer]));
}

function run(lines: Line[], ctx: Partial<KeyedContext> = {}) {
  const checker = createKeyedChecker({ campaign, forms: ledger(), pass: 1, operator: 'nam', ...ctx });
  const cells: (KeyedCell | null)[] = lines.map(([serial, unit, question, answer], i) => checker.push({ serial, unit, question, answer }, i + 2));
  const out = checker.finish();
  // In the English the CLI prints, so that the assertions read as the messages people get.
  return { cells, ...out, errors: out.problems.map((p) => keyedText(p, 'en')) };
}

describe('createKeyedChecker: clean files', () => {
  it('returns normalised cells and the forms in file order', () => {
    const lines = [...cellsOf(OWN, ['SNV'], ['1', '2', '3'], '9'), ...cellsOf(ALL, ['SNV', 'STC'], ['1', '2', '3'])];
    const out = run(lines);
    expect(out.errors).toEqual([]);
    expect(out.errorCount).toBe(0);
    expect(out.forms).toEqual([OWN, ALL]);
    expect(out.cells).toHaveLength(9);
    expect(out.cells[0]).toEqual({ serial: OWN, unit: 'SNV', question: '1', answer: '9' });
    expect(out.cells[8]).toEqual({ serial: ALL, unit: 'STC', question: '3', answer: '1' });
  });

  it('normalises serials, units, questions and option codes, and keeps blank and spoiled cells', () => {
    const out = run([
      [' 000-037 ', 'tdu', '1A', 'c'],
      ['37', '', ' 1b ', '*'],
      [OWN, '', '1', ''],
      [OWN, 'snv', '2', ' 4 '],
      [OWN, ' SNV ', '3', '*'],
    ]);
    expect(out.errors).toEqual([]);
    expect(out.cells).toEqual([
      { serial: DISTRICT, unit: 'TDU', question: '1a', answer: 'C' },
      { serial: DISTRICT, unit: 'TDU', question: '1b', answer: '*' },
      { serial: OWN, unit: 'SNV', question: '1', answer: '' },
      { serial: OWN, unit: 'SNV', question: '2', answer: '4' },
      { serial: OWN, unit: 'SNV', question: '3', answer: '*' },
    ]);
    expect(out.forms).toEqual([DISTRICT, OWN]);
  });

  it('allows pass 2 before pass 1, and the other pass by another operator', () => {
    const lines = cellsOf(OWN, ['SNV'], ['1', '2', '3']);
    expect(run(lines, { pass: 2 }).errors).toEqual([]);
    const keyedOnce = ledger(ledgerForm(2, { status: 'keyed_once', pass1Operator: 'nam' }));
    expect(run(lines, { forms: keyedOnce, pass: 2, operator: 'lan' }).errors).toEqual([]);
    const pass2First = ledger(ledgerForm(2, { status: 'keyed_once', pass2Operator: 'lan' }));
    expect(run(lines, { forms: pass2First, pass: 1, operator: 'nam' }).errors).toEqual([]);
  });

  it('accepts pass 1 in a campaign without double entry, and a web draft', () => {
    const lines = cellsOf(OWN, ['SNV'], ['1', '2', '3']);
    expect(run(lines, { campaign: single }).errors).toEqual([]);
    expect(run(lines, { forms: ledger(ledgerForm(2, { status: 'draft' })) }).errors).toEqual([]);
  });

  it('checks rows read by readCsv from a `;` file with a BOM', () => {
    const text = '\uFEFFSerial;Unit;Question;Answer\r\n000021;;1;1\r\n000021;SNV;2;"2"\r\n\r\n000021; snv ;3;9\r\n';
    const read = readCsv(text, KEYED_HEADER);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const checker = createKeyedChecker({ campaign, forms: ledger(), pass: 1, operator: 'nam' });
    const cells = read.rows.map((r) => checker.push(r.cells as KeyedRow, r.row));
    expect(checker.finish()).toEqual({ problems: [], errorCount: 0, forms: [OWN] });
    expect(cells.map((c) => c?.unit)).toEqual(['SNV', 'SNV', 'SNV']);
    expect(read.rows.map((r) => r.row)).toEqual([2, 3, 5]);
  });
});

const full = (serial: string) => cellsOf(serial, ['SNV'], ['1', '2', '3']);

/** Every way a keyed file is refused: name, rows, context, the exact messages. */
const REFUSALS: [string, Line[], Partial<KeyedContext>, string[]][] = [
  ['wrong check character', [['000128', 'SNV', '1', '1']], {}, ['row 2: serial "000128" has a wrong check character (mistyped?)']],
  ['wrong check character, short', [['128', 'SNV', '1', '1']], {}, ['row 2: serial "128" has a wrong check character (mistyped?)']],
  ['serial not digits', [['A00013', 'SNV', '1', '1']], {}, ['row 2: serial "A00013" must be digits only']],
  ['serial empty', [['', 'SNV', '1', '1']], {}, ['row 2: serial is empty']],
  ['unknown serial', [[S(13), 'SNV', '1', '1']], {}, [`row 2: unknown serial "${S(13)}"`]],
  [
    'unit not rated',
    [
      [DISTRICT, 'SNV', '1a', 'C'],
      [DISTRICT, 'TDU', '1a', 'C'],
      [DISTRICT, 'TDU', '1b', 'C'],
    ],
    {},
    [`row 2: unit "SNV" is not rated by form ${DISTRICT} (it rates: TDU)`],
  ],
  ['unknown unit', [[OWN, 'XYZ', '1', '1'], ...full(OWN)], {}, [`row 2: unknown unit "XYZ" (form ${OWN} rates: SNV)`]],
  [
    'empty unit on a form rating several units',
    [[ALL, '', '1', '1'], ...cellsOf(ALL, ['SNV', 'STC'], ['1', '2', '3'])],
    {},
    [`row 2: unit is empty, but form ${ALL} rates 2 units (SNV, STC)`],
  ],
  ['question not on form', [[OWN, 'SNV', '11', '1'], ...full(OWN)], {}, ['row 2: question "11" is not on form CT-01']],
  ['question empty', [[OWN, 'SNV', '', '1'], ...full(OWN)], {}, ['row 2: question is empty']],
  [
    'answer not an option',
    [
      [OWN, 'SNV', '1', '7'],
      [OWN, 'SNV', '2', '1'],
      [OWN, 'SNV', '3', '1'],
    ],
    {},
    ['row 2: answer "7" is not an option of MD4 (1, 2, 3, 4, 9; "" blank, "*" spoiled)'],
  ],
  [
    'answer of another option set',
    [
      [DISTRICT, 'TDU', '1a', '1'],
      [DISTRICT, 'TDU', '1b', 'k'],
    ],
    {},
    ['row 2: answer "1" is not an option of CK (C, K; "" blank, "*" spoiled)'],
  ],
  ['repeated cell', [...full(OWN), [OWN, '', '3', '2']], {}, [`row 5: repeats row 4 (${OWN} SNV 3)`]],
  ['one cell missing', full(OWN).slice(0, 2), {}, [`form ${OWN}: 1 cell missing (SNV 3)`]],
  [
    'cells missing',
    cellsOf(ALL, ['SNV', 'STC'], ['1', '2', '3']).filter((l) => l[1] === 'SNV' && l[2] !== '1'),
    {},
    [`form ${ALL}: 4 cells missing (e.g. SNV 1)`],
  ],
  [
    'already counted from the web',
    full(OWN),
    { forms: ledger(ledgerForm(2, { status: 'counted', countedFrom: 'web' })) },
    [`row 2: form ${OWN} is already counted from the web`],
  ],
  [
    'counted from paper',
    full(OWN),
    { forms: ledger(ledgerForm(2, { status: 'counted', countedFrom: 'paper', pass1Operator: 'nam', pass2Operator: 'lan' })), pass: 2, operator: 'hoa' },
    [`row 2: pass 2 of form ${OWN} is already keyed`],
  ],
  [
    'pass 1 already keyed',
    full(OWN),
    { forms: ledger(ledgerForm(2, { status: 'keyed_once', pass1Operator: 'lan' })) },
    [`row 2: pass 1 of form ${OWN} is already keyed`],
  ],
  [
    'pass 2 by the pass-1 operator (any case)',
    full(OWN),
    { forms: ledger(ledgerForm(2, { status: 'keyed_once', pass1Operator: 'nam' })), pass: 2, operator: ' Nam ' },
    [`row 2: pass 2 of form ${OWN} must be keyed by another operator than pass 1 (nam)`],
  ],
  [
    'pass 1 by the pass-2 operator',
    full(OWN),
    { forms: ledger(ledgerForm(2, { status: 'keyed_once', pass2Operator: 'nam' })), pass: 1, operator: 'nam' },
    [`row 2: pass 1 of form ${OWN} must be keyed by another operator than pass 2 (nam)`],
  ],
  [
    'pass 2 loaded by the person who loaded pass 1, under another operator name (issue 11)',
    full(OWN),
    { forms: ledger(ledgerForm(2, { status: 'keyed_once', pass1Operator: 'lan', pass1LoadedBy: 'hoa' })), pass: 2, operator: 'minh', loadedBy: 'Hoa' },
    [`row 2: pass 2 of form ${OWN} must be loaded by another person than pass 1 (hoa)`],
  ],
  ['pass 2 without double entry', full(OWN), { campaign: single, pass: 2 }, ['row 2: campaign LCU-2020 has no double entry: there is no pass 2']],
  ['void form', full(OWN), { forms: ledger(ledgerForm(2, { status: 'void' })) }, [`row 2: form ${OWN} is void`]],
  ['invalid form', full(OWN), { forms: ledger(ledgerForm(2, { status: 'invalid' })) }, [`row 2: form ${OWN} is invalid`]],
  [
    'form of an unknown group',
    full(OWN),
    { forms: ledger(ledgerForm(2, { groupCode: 'GONE' })) },
    [`row 2: form ${OWN} belongs to group "GONE", which has no form in campaign TST-2024`],
  ],
  ['empty operator', full(OWN), { operator: ' ' }, ['the operator name is empty']],
  ['no rows', [], {}, ['the file has no data rows below the header "serial,unit,question,answer"']],
];

describe('createKeyedChecker: refusals', () => {
  it.each(REFUSALS)('%s', (_name, lines, ctx, errors) => {
    const out = run(lines, ctx);
    expect(out.errors).toEqual(errors);
    expect(out.errorCount).toBe(errors.length);
  });

  it('returns null for every row of a refused form, and reports the form once', () => {
    const out = run([...full(OWN), ...full(ALL).map((l): Line => [ALL, l[1], l[2], l[3]])], {
      forms: ledger(ledgerForm(1, { status: 'void' }), ledgerForm(2, { status: 'void' })),
    });
    expect(out.cells.every((c) => c === null)).toBe(true);
    expect(out.errors).toEqual([`row 2: form ${OWN} is void`, `row 5: form ${ALL} is void`, `form ${ALL}: 3 cells missing (e.g. STC 1)`]);
  });

  it('reports an unknown or mistyped serial once, even when its rows are not together', () => {
    const out = run([
      [S(13), 'SNV', '1', '1'],
      [S(13), 'SNV', '2', '1'],
      ['000128', 'SNV', '1', '1'],
      ...full(OWN),
      [S(13), 'SNV', '3', '1'],
      ['000128', 'SNV', '2', '1'],
    ]);
    expect(out.errors).toEqual([`row 2: unknown serial "${S(13)}"`, 'row 4: serial "000128" has a wrong check character (mistyped?)']);
    expect(out.forms).toEqual([OWN]);
  });

  it('lists several problems of one row, and of many rows, in row order', () => {
    const out = run([
      [OWN, 'STC', '5', 'x'],
      [OWN, 'SNV', '1', '1'],
      [OWN, 'SNV', '1', '2'],
      [ALL, 'SNV', '1', '1'],
    ]);
    expect(out.errors).toEqual([
      `row 2: unit "STC" is not rated by form ${OWN} (it rates: SNV)`,
      'row 2: question "5" is not on form CT-01',
      'row 2: answer "x" is not an option of MD4 (1, 2, 3, 4, 9; "" blank, "*" spoiled)',
      `row 4: repeats row 3 (${OWN} SNV 1)`,
      `form ${OWN}: 2 cells missing (e.g. SNV 2)`,
      `form ${ALL}: 5 cells missing (e.g. SNV 2)`,
    ]);
    expect(out.cells.map((c) => c !== null)).toEqual([false, true, false, true]);
  });

  it('counts a cell with a bad answer as present, so it is not also missing', () => {
    const out = run([
      [OWN, 'SNV', '1', '5'],
      [OWN, 'SNV', '2', '1'],
      [OWN, 'SNV', '3', '1'],
    ]);
    expect(out.errors).toEqual(['row 2: answer "5" is not an option of MD4 (1, 2, 3, 4, 9; "" blank, "*" spoiled)']);
  });

  it(`lists at most ${MAX_LISTED_ERRORS} errors but counts them all`, () => {
    const lines: Line[] = [];
    for (let i = 0; i < 5000; i++) lines.push([OWN, 'SNV', String(100 + i), '1']);
    const out = run(lines);
    expect(out.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(out.errors[0]).toBe('row 2: question "100" is not on form CT-01');
    expect(out.errorCount).toBe(5001); // and the 3 cells of the form, reported as one
  });
});

describe('createKeyedChecker: a big file', () => {
  it('checks 200,000 rows of a large synthetic ledger in bounded memory', () => {
    const units = Array.from({ length: 20 }, (_, i) => ({ code: `S${String(i + 1).padStart(2, '0')}`, name: `Sở ${i + 1}`, level: 'so' }));
    const questions = Array.from({ length: 10 }, (_, i) => ({ code: String(i + 1), text: `Câu ${i + 1}`, criterion: 'S1' }));
    const big = CampaignSchema.parse({
      ...campaign,
      units,
      criteria: [{ code: 'S1', level: 'so', name: 'Lãnh đạo', maxPoints: 22.5 }],
      forms: [{ code: 'CT-01', title: 'Phiếu sở', targetLevel: 'so', optionSet: 'MD4', questions }],
      groups: [{ code: 'CT01', name: 'Đại biểu', form: 'CT-01', home: 'province', scope: 'all', quota: 1000 }],
    });
    const targets = units.map((u) => u.code);
    const forms = new Map<string, LedgerForm>();
    for (let n = 1; n <= 1000; n++) {
      const serial = makeSerial(n);
      forms.set(serial, {
        serial,
        groupCode: 'CT01',
        homeUnit: null,
        targets,
        status: 'issued',
        countedFrom: null,
        pass1Operator: null,
        pass2Operator: null,
        pass1LoadedBy: null,
        pass2LoadedBy: null,
      });
    }
    const codes = ['1', '2', '3', '4', '9', '', '*'];
    const checker = createKeyedChecker({ campaign: big, forms, pass: 1, operator: 'nam' });
    let row = 1;
    let good = 0;
    for (const serial of forms.keys()) {
      for (const unit of targets) {
        for (const q of questions) {
          row++;
          if (checker.push({ serial, unit, question: q.code, answer: codes[row % codes.length] }, row)) good++;
        }
      }
    }
    const out = checker.finish();
    expect(row - 1).toBe(200_000);
    expect(good).toBe(200_000);
    expect(out.errorCount).toBe(0);
    expect(out.forms).toHaveLength(1000);
  });
});

describe('messages on the console', () => {
  it('has Vietnamese for every way a file is refused', () => {
    const english = /\b(row|form|serial|unit|question|answer|pass|is|not|the|missing|empty)\b/;
    const problems = REFUSALS.flatMap(([, lines, ctx]) => run(lines, ctx).problems);
    expect(problems.length).toBeGreaterThan(20);
    expect(problems.map((p) => keyedText(p, 'vi')).filter((m) => english.test(m.replace(/"[^"]*"/g, '')))).toEqual([]);
  });
});
