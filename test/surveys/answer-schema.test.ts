/** The answer schema derived from a form definition: canonical option codes, whole matrix out, every problem at its cell. */
import { describe, expect, it } from 'vitest';
import { answerPlan, answerSchema, answersFromWebFields, answerText, issuesByCell as byCell } from '../../surveys/answer-schema';
import { createKeyedChecker } from '../../surveys/keyed';
import { canonicalAnswer } from '../../surveys/keying-desk';
import { makeSerial } from '../../surveys/serial';
import type { z } from 'zod';

/** What respondents read: the texts of answerText in Vietnamese, under the names the page used to have. */
const ANSWER_MESSAGES = {
  missing: answerText({ kind: 'cell-blank' }, 'vi'),
  notAnOption: (value: string) => answerText({ kind: 'cell-not-an-option', value }, 'vi'),
  repeated: answerText({ kind: 'cell-two-values' }, 'vi'),
  unknownCell: answerText({ kind: 'cell-not-on-form' }, 'vi'),
};
const issuesByCell = (e: z.ZodError) => byCell(e, 'vi');
import { optionsOf } from '../../surveys/scope';
import { miniCampaign } from '../helpers/campaigns';

const c = miniCampaign();
const g1 = c.groups.find((g) => g.code === 'G1')!;
const plan = answerPlan(c, g1, ['SA', 'SB']);
const full = { 'SA.1': '1', 'SA.2': '2', 'SA.3': '9', 'SB.1': '3', 'SB.2': '4', 'SB.3': '1' };

describe('answerSchema', () => {
  it('returns every cell in form order (units × questions) with canonical codes', () => {
    const out = answerSchema(plan, { complete: true }).parse({ ...full, 'SA.1': ' 1 ' });
    expect(out.map((x) => `${x.unit}.${x.question}=${x.answer}`)).toEqual(['SA.1=1', 'SA.2=2', 'SA.3=9', 'SB.1=3', 'SB.2=4', 'SB.3=1']);
  });

  it('matches option codes ignoring case', () => {
    const lettered = {
      ...c,
      optionSets: [
        {
          code: 'MD4',
          options: [
            { code: 'A', label: 'Tốt', fraction: 1 },
            { code: 'k', label: 'Không biết', fraction: null },
          ],
        },
      ],
    };
    const p = answerPlan(lettered, g1, ['SA']);
    const out = answerSchema(p, { complete: true }).parse({ 'SA.1': 'a', 'SA.2': 'K', 'SA.3': 'k' });
    expect(out.map((x) => x.answer)).toEqual(['A', 'k', 'k']);
    expect(p.dontKnow).toEqual(['k']);
  });

  it('reports each missing cell at its own path when the form must be complete; "don\'t know" is an answer', () => {
    const r = answerSchema(plan, { complete: true }).safeParse({ 'SA.1': '9', 'SB.3': '2' });
    expect(r.success).toBe(false);
    const issues = issuesByCell(r.error!);
    expect([...issues.keys()]).toEqual(['SA.2', 'SA.3', 'SB.1', 'SB.2']);
    expect(issues.get('SA.2')).toBe(ANSWER_MESSAGES.missing);
  });

  it('keeps blanks as "" for drafts', () => {
    const out = answerSchema(plan, { complete: false }).parse({ 'SA.1': '1', 'SB.2': '' });
    expect(out).toHaveLength(6);
    expect(out.filter((x) => x.answer === '')).toHaveLength(5);
  });

  it('refuses unknown cells, non-options, spoiled on the web and repeated values', () => {
    const r = answerSchema(plan, { complete: false }).safeParse({ 'SC.1': '1', 'SA.7': '1', 'SA.1': '7', 'SA.2': '*', 'SA.3': ['1', '2'] });
    const issues = issuesByCell(r.error!);
    expect(issues.get('SC.1')).toBe(ANSWER_MESSAGES.unknownCell);
    expect(issues.get('SA.7')).toBe(ANSWER_MESSAGES.unknownCell);
    expect(issues.get('SA.1')).toBe(ANSWER_MESSAGES.notAnOption('7'));
    expect(issues.get('SA.2')).toBe(ANSWER_MESSAGES.notAnOption('*'));
    expect(issues.get('SA.3')).toBe(ANSWER_MESSAGES.repeated);
  });

  it('words the same problems in English for the API (the cell key is the issue path)', () => {
    const r = answerSchema(plan, { complete: true }).safeParse({ 'SA.1': '7', 'SA.2': '1', 'SA.3': '1', 'SB.1': '1', 'SB.2': '1' });
    expect(r.error!.issues.map((i) => i.message)).toEqual([
      '"7" is not an option of this question',
      'no answer: choose the "don\'t know" option when the unit cannot be rated',
    ]);
    expect(ANSWER_MESSAGES.missing).toBe('Chưa trả lời. Nếu không đánh giá được, hãy chọn phương án "Không biết".');
    expect(ANSWER_MESSAGES.notAnOption('7')).toBe('"7" không phải là một phương án của câu hỏi này.');
  });

  it.each([
    ['1', '1'],
    [' 9 ', '9'],
    ['', ''],
    ['*', '*'],
    ['7', undefined],
    ['x', undefined],
  ])('reads %j as %j on paper in every channel: desk and keyed rows, reconciliation, a paper-shaped answer record', (typed, want) => {
    const record = answerSchema(answerPlan(c, g1, ['SA']), { complete: false, spoiled: true }).safeParse({ 'SA.1': typed });
    expect(record.success ? record.data[0].answer : undefined).toBe(want);
    expect(canonicalAnswer(c, 'G1', typed)).toBe(want);
    const serial = makeSerial(1);
    const ledger = {
      serial,
      groupCode: 'G1',
      homeUnit: null,
      targets: ['SA'],
      status: 'issued' as const,
      countedFrom: null,
      pass1Operator: null,
      pass2Operator: null,
      pass1LoadedBy: null,
      pass2LoadedBy: null,
    };
    const checker = createKeyedChecker({ campaign: c, forms: new Map([[serial, ledger]]), pass: 1, operator: 'lan' });
    expect(checker.push({ serial, unit: 'SA', question: '1', answer: typed }, 2)?.answer).toBe(want);
  });

  it('accepts "*" where paper keying asks for it', () => {
    const out = answerSchema(plan, { complete: false, spoiled: true }).parse({ 'SA.1': '*' });
    expect(out[0].answer).toBe('*');
  });

  it('reads web field names, question codes with dots included', () => {
    expect(answersFromWebFields({ _csrf: 'x', action: 'save', 'a.SA.1': '1', 'a.SB.2.a': '2', other: 'y' })).toEqual({ 'SA.1': '1', 'SB.2.a': '2' });
  });
});

describe('optionsOf', () => {
  it("gives a form's options in campaign order, and names the form when its option set is missing", () => {
    expect(optionsOf(c, c.forms[0]).map((o) => o.code)).toEqual(['1', '2', '3', '4', '9']);
    expect(() => optionsOf(c, { ...c.forms[0], optionSet: 'MD5' })).toThrow('form F1 names unknown option set MD5');
  });
});
