/** The web answer validator and the keyed-file checker read the same cells the same way: one plan, accept/refuse alike, the same problem for the same mistake. */
import { describe, expect, it } from 'vitest';
import { answerPlan, answerSchema, type AnswerProblem } from '../../surveys/answer-schema';
import { createKeyedChecker, type KeyedProblem } from '../../surveys/keyed';
import type { LedgerForm } from '../../surveys/ledger';
import { makeSerial } from '../../surveys/serial';
import type { z } from 'zod';
import { miniCampaign } from '../helpers/campaigns';

/**
 * The mini campaign with codes people and Excel get wrong: unit 00118 (Excel keeps 118), units 027 and 0027 (both
 * "27" once Excel has read them), question 01 (Excel keeps 1) and question "a" (typed "A").
 */
const c = miniCampaign((raw) => {
  raw.units.push(
    { code: '00118', name: 'Sở Mười Tám', level: 'so' },
    { code: '027', name: 'Sở Hai Bảy', level: 'so' },
    { code: '0027', name: 'Sở Không Hai Bảy', level: 'so' },
  );
  raw.forms[0].questions[0].code = '01';
  raw.forms[0].questions[2].code = 'a';
});
const g1 = c.groups.find((g) => g.code === 'G1')!;
const serial = makeSerial(1);
const ledgerOf = (targets: string[]): LedgerForm => ({
  serial,
  groupCode: 'G1',
  homeUnit: null,
  targets,
  status: 'issued',
  countedFrom: null,
  pass1Operator: null,
  pass2Operator: null,
  pass1LoadedBy: null,
  pass2LoadedBy: null,
});

type Verdict = { cell: string } | { problem: string };

/** The kind of the problem a zod issue of answerSchema carries. */
const kindOf = (i: z.core.$ZodIssue) => (i.code === 'custom' ? ((i.params?.problem as AnswerProblem | undefined)?.kind ?? i.code) : i.code);

/** The web validator on a paper-shaped record of one cell: the cell it took, or the problem it gives that key. */
function web(targets: string[], unit: string, question: string, value: string): Verdict {
  const key = `${unit}.${question}`;
  const r = answerSchema(answerPlan(c, g1, targets), { complete: false, spoiled: true }).safeParse({ [key]: value });
  if (!r.success) return { problem: kindOf(r.error.issues[0]) };
  // Every other cell of the record is blank: the one that is not (or, for a blank, the one named) is the one read.
  const taken = r.data.find((x) => x.answer !== '') ?? r.data.find((x) => `${x.unit}.${x.question}`.toUpperCase() === key.toUpperCase());
  return { cell: taken ? `${taken.unit}.${taken.question}=${taken.answer}` : '(none)' };
}

/** The keyed checker on one row (row 2 of a file): the cell it took, or the problem it gives that row. */
function keyed(targets: string[], unit: string, question: string, answer: string): Verdict {
  const checker = createKeyedChecker({ campaign: c, forms: new Map([[serial, ledgerOf(targets)]]), pass: 1, operator: 'lan' });
  const cell = checker.push({ serial, unit, question, answer }, 2);
  if (cell) return { cell: `${cell.unit}.${cell.question}=${cell.answer}` };
  const rowProblems = checker.finish().problems.filter((p: KeyedProblem) => p.where && 'row' in p.where && p.where.row === 2);
  return { problem: rowProblems[0]?.kind ?? '(none)' };
}

const TWO = ['SA', '00118', '027', '0027'];

describe('one cell, two channels', () => {
  // unit, question, value as typed; what both take, or the keyed file's problem and the web's problem for it.
  it.each([
    ['SA', '01', '1', 'SA.01=1'],
    ['SA', '01', ' 4 ', 'SA.01=4'],
    ['SA', '01', '\u200B2\u00A0', 'SA.01=2'],
    ['sa', '01', '2', 'SA.01=2'],
    ['118', '01', '3', '00118.01=3'],
    ['00118', '1', '9', '00118.01=9'],
    ['SA', 'A', '', 'SA.a='],
    ['SA', '2', '*', 'SA.2=*'],
  ])('%j %j %j: both take %s', (unit, question, value, cell) => {
    expect(keyed(TWO, unit, question, value)).toEqual({ cell });
    expect(web(TWO, unit, question, value)).toEqual({ cell });
  });

  it.each([
    ['SA', '01', '7', 'answer-not-option', 'cell-not-an-option'],
    ['SA', '01', 'x', 'answer-not-option', 'cell-not-an-option'],
    ['SB', '01', '1', 'unit-not-rated', 'cell-not-on-form'],
    ['XYZ', '01', '1', 'unit-unknown', 'cell-not-on-form'],
    ['27', '01', '1', 'unit-ambiguous', 'cell-not-on-form'],
    ['', '01', '1', 'unit-empty', 'cell-not-on-form'],
    ['SA', '5', '1', 'question-unknown', 'cell-not-on-form'],
    ['SA', '', '1', 'question-empty', 'cell-not-on-form'],
  ] as [string, string, string, KeyedProblem['kind'], AnswerProblem['kind']][])(
    '%j %j %j: the file says %s, the web %s',
    (unit, question, value, fileKind, webKind) => {
      expect(keyed(TWO, unit, question, value)).toEqual({ problem: fileKind });
      expect(web(TWO, unit, question, value)).toEqual({ problem: webKind });
    },
  );

  it('takes an empty unit as the only unit of a one-unit form, in both', () => {
    expect(keyed(['00118'], '', '01', '1')).toEqual({ cell: '00118.01=1' });
    expect(web(['00118'], '', '01', '1')).toEqual({ cell: '00118.01=1' });
  });

  it('refuses a cell named twice, in any spelling, in both', () => {
    const checker = createKeyedChecker({ campaign: c, forms: new Map([[serial, ledgerOf(TWO)]]), pass: 1, operator: 'lan' });
    checker.push({ serial, unit: 'SA', question: '01', answer: '1' }, 2);
    checker.push({ serial, unit: 'sa', question: '1', answer: '1' }, 3);
    expect(
      checker
        .finish()
        .problems.filter((p) => p.where && 'row' in p.where && p.where.row === 3)
        .map((p) => p.kind),
    ).toEqual(['cell-repeated']);
    const r = answerSchema(answerPlan(c, g1, TWO), { complete: false, spoiled: true }).safeParse({ 'SA.01': '1', 'sa.1': '1' });
    expect(r.error?.issues.map((i) => [i.path[0], kindOf(i)])).toEqual([['SA.01', 'cell-two-values']]);
    // However many spellings name it (a count that wrapped at 256 would take the cell again).
    const many = Object.fromEntries(Array.from({ length: 256 }, (_, n) => [`${'0'.repeat(n)}118.01`, '1']));
    const m = answerSchema(answerPlan(c, g1, TWO), { complete: false, spoiled: true }).safeParse(many);
    expect(m.error?.issues.map((i) => [i.path[0], kindOf(i)])).toEqual([['00118.01', 'cell-two-values']]);
  });
});

describe('which cells a form needs, in both', () => {
  // The cells given (all "1"); a complete web post refuses the others as blank, a keyed file says which are missing.
  it.each([
    [['SA.01', 'SA.2', 'SA.a', '00118.01', '00118.2', '00118.a'], 0, null],
    [['SA.01', 'SA.2', 'SA.a', '00118.01', '00118.2'], 1, '00118 a'],
    [['SA.2', '00118.a'], 4, 'SA 01'],
  ] as [string[], number, string | null][])('%j: %i missing, first %s', (given, missing, first) => {
    const targets = ['SA', '00118'];
    const checker = createKeyedChecker({ campaign: c, forms: new Map([[serial, ledgerOf(targets)]]), pass: 1, operator: 'lan' });
    given.forEach((k, i) => {
      const [unit, question] = k.split('.');
      checker.push({ serial, unit, question, answer: '1' }, i + 2);
    });
    const fileMissing = checker.finish().problems.filter((p) => p.kind === 'cells-missing');
    expect(fileMissing).toEqual(first === null ? [] : [{ kind: 'cells-missing', serial, missing, example: first }]);

    const r = answerSchema(answerPlan(c, g1, targets), { complete: true }).safeParse(Object.fromEntries(given.map((k) => [k, '1'])));
    const blanks = r.success ? [] : r.error.issues.filter((i) => kindOf(i) === 'cell-blank').map((i) => String(i.path[0]));
    expect(blanks.length).toBe(missing);
    expect(blanks[0]?.replace('.', ' ') ?? null).toBe(first);
  });
});
