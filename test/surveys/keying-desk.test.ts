/** Reconciliation posts read as decisions: pass 1, pass 2, another code in any case, blank, or nothing chosen yet. */
import { describe, expect, it } from 'vitest';
import { canonicalAnswer, paperCellOrder, readDecisions as read, readDeskSerial } from '../../surveys/keying-desk';
import { settleText } from '../../surveys/settle';

/** The decisions read, with the refusals in the words the reconciliation page shows. */
const readDecisions = (...args: Parameters<typeof read>) => {
  const out = read(...args);
  return { ...out, errors: out.problems.map((p) => settleText(p, 'vi')) };
};
import { miniCampaign } from '../helpers/campaigns';

const mini = miniCampaign();
const open = [
  { unit: 'SA', question: '1', pass1: '1', pass2: '2' },
  { unit: 'SA', question: '2', pass1: '', pass2: '3' },
  { unit: 'SB', question: '1', pass1: '*', pass2: '4' },
  { unit: 'SB', question: '3', pass1: '9', pass2: '1' },
];

describe('paperCellOrder', () => {
  it('walks a form as printed: row by row (question), left to right (unit), not unit by unit', () => {
    // G1 rates SA and SB on questions 1–3; one portrait page with a column per unit.
    expect(paperCellOrder(mini, 'G1', ['SA', 'SB'])).toEqual(['SA.1', 'SB.1', 'SA.2', 'SB.2', 'SA.3', 'SB.3']);
    expect(paperCellOrder(mini, 'G1', ['SB', 'SA'])).toEqual(['SB.1', 'SA.1', 'SB.2', 'SA.2', 'SB.3', 'SA.3']);
  });
});

describe('readDeskSerial', () => {
  it('reads a pasted serial with invisible characters and no-break spaces as typed', () => {
    expect(readDeskSerial('\u200B000013\uFEFF')).toEqual({ ok: true, serial: '000013' });
    expect(readDeskSerial('\u00A00000\u00AD13')).toEqual({ ok: true, serial: '000013' });
  });
});

describe('canonicalAnswer', () => {
  it.each([
    ['2', '2'],
    [' 9 ', '9'],
    ['', ''],
    ['*', '*'],
    ['7', undefined],
    ['x', undefined],
  ])('%j → %j', (typed, answer) => {
    expect(canonicalAnswer(mini, 'G1', typed)).toBe(answer);
  });
});

describe('readDecisions', () => {
  it('takes pass 1, pass 2, another code or blank per cell, and leaves undecided cells for later', () => {
    const out = readDecisions(mini, 'G1', open, { 'd.SA.1': 'pass2', 'd.SA.2': 'pass1', 'd.SB.1': 'other', 'o.SB.1': 'blank' });
    expect(out.errors).toEqual([]);
    expect(out.decisions).toEqual([
      { unit: 'SA', question: '1', answer: '2' },
      { unit: 'SA', question: '2', answer: '' },
      { unit: 'SB', question: '1', answer: '' },
    ]);
    expect(out.chosen).toEqual({ 'SA.1': 'pass2', 'SA.2': 'pass1', 'SB.1': 'other', 'SB.3': '' });
  });

  it('takes a value chosen in "another value" without its radio button, and refuses it beside a ticked pass', () => {
    const alone = readDecisions(mini, 'G1', open, { 'o.SA.1': '3', 'd.SB.1': '', 'o.SB.1': 'blank' });
    expect(alone.errors).toEqual([]);
    expect(alone.decisions).toEqual([
      { unit: 'SA', question: '1', answer: '3' },
      { unit: 'SB', question: '1', answer: '' },
    ]);
    expect(alone.chosen).toMatchObject({ 'SA.1': 'other', 'SB.1': 'other' });
    const both = readDecisions(mini, 'G1', open, { 'd.SA.1': 'pass1', 'o.SA.1': '3', 'd.SA.2': 'pass2' });
    expect(both.errors).toEqual(['Ô SA / câu 1: đã chọn lượt 1 và cả giá trị khác; hãy giữ một lựa chọn.']);
    expect(both.others).toMatchObject({ 'SA.1': '3' });
  });

  it('refuses "other" without a code of the form, naming the cell, and keeps what was typed', () => {
    const out = readDecisions(mini, 'G1', open, { 'd.SA.1': 'other', 'o.SA.1': '7', 'd.SB.3': 'other', 'o.SB.3': '' });
    expect(out.errors).toEqual(['Ô SA / câu 1: hãy chọn mã khác.', 'Ô SB / câu 3: hãy chọn mã khác.']);
    expect(out.others).toMatchObject({ 'SA.1': '7', 'SB.3': '' });
  });

  it('says so when nothing is chosen, and ignores fields for cells that are not in conflict', () => {
    expect(readDecisions(mini, 'G1', open, { 'd.SA.3': 'pass1' })).toMatchObject({ decisions: [], errors: ['Chưa chọn quyết định nào.'] });
  });
});
