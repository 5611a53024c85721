/** Settling a paper form: where the two blind passes differ, what the settled answers are, and the blank-share rule. */
import type { Campaign } from './campaign';
import { BLANK, SPOILED, type FormStatus } from './ledger';
import { catalogue, problemText, type Lang, type Where } from './problems';
import { formOf, groupByCode } from './scope';

/** Why a supervisor's decision on a differing cell cannot be stored. */
export type SettleProblem =
  | { kind: 'form-unknown'; serial: string; where?: Where }
  | { kind: 'not-in-conflict'; serial: string; status: FormStatus; where?: Where }
  | { kind: 'cell-not-open'; serial: string; unit: string; question: string; where?: Where }
  | { kind: 'decision-not-option'; answer: string; where?: Where }
  | { kind: 'decision-both'; unit: string; question: string; pass: 1 | 2; where?: Where }
  | { kind: 'decision-no-code'; unit: string; question: string; where?: Where }
  | { kind: 'decision-none'; where?: Where };

export const SETTLE_TEXT = catalogue<SettleProblem>({
  'form-unknown': { en: (p) => `unknown serial ${p.serial}`, vi: (p) => `không có phiếu số ${p.serial} trong đợt điều tra này.` },
  'not-in-conflict': {
    en: (p) => `form ${p.serial} has no unsettled differences (status ${p.status})`,
    vi: (p) => `phiếu ${p.serial} không có ô lệch nào chờ đối chiếu.`,
  },
  'cell-not-open': {
    en: (p) => `cell ${p.unit} ${p.question} of form ${p.serial} is not an unsettled difference`,
    vi: (p) => `ô ${p.unit} / câu ${p.question} của phiếu ${p.serial} không phải ô lệch đang chờ đối chiếu (có thể người khác vừa quyết định ô này).`,
  },
  'decision-not-option': {
    en: (p) => `answer "${p.answer}" is not an option code, "*" or "" (blank)`,
    vi: (p) => `"${p.answer}" không phải mã phương án, "*" (ô hỏng) hay để trống.`,
  },
  'decision-both': {
    en: (p) => `cell ${p.unit} ${p.question}: both pass ${p.pass} and another value are chosen; keep one`,
    vi: (p) => `Ô ${p.unit} / câu ${p.question}: đã chọn lượt ${p.pass} và cả giá trị khác; hãy giữ một lựa chọn.`,
  },
  'decision-no-code': { en: (p) => `cell ${p.unit} ${p.question}: choose the other code`, vi: (p) => `Ô ${p.unit} / câu ${p.question}: hãy chọn mã khác.` },
  'decision-none': { en: () => 'no decision is chosen', vi: () => 'Chưa chọn quyết định nào.' },
});

export const settleText = (p: SettleProblem, lang: Lang) => problemText(SETTLE_TEXT, p, lang);

export type Cell = { unit: string; question: string; answer: string };
export type CellDiff = { unit: string; question: string; pass1: string; pass2: string };

const key = (c: { unit: string; question: string }) => `${c.unit}\u0000${c.question}`;

/** Cells whose values differ between two complete passes of one form, in pass-1 order. */
export function diffPasses(pass1: Cell[], pass2: Cell[]): CellDiff[] {
  const second = new Map(pass2.map((c) => [key(c), c.answer]));
  const out: CellDiff[] = [];
  for (const c of pass1) {
    const other = second.get(key(c)) ?? BLANK;
    if (other !== c.answer) out.push({ unit: c.unit, question: c.question, pass1: c.answer, pass2: other });
  }
  return out;
}

/** The settled answers: pass 1 where the passes agree, the supervisor's decision where they differ. */
export function mergeResolutions(pass1: Cell[], decisions: Cell[]): Cell[] {
  const decided = new Map(decisions.map((d) => [key(d), d.answer]));
  return pass1.map((c) => ({ ...c, answer: decided.get(key(c)) ?? c.answer }));
}

/** True when the form is void for blanks: blank and spoiled cells are more than `maxBlankShare` of all its cells. */
export function tooManyBlanks(cells: Cell[], totalCells: number, maxBlankShare: number): boolean {
  const empty = cells.filter((c) => c.answer === BLANK || c.answer === SPOILED).length + (totalCells - cells.length);
  // Both sides are correctly rounded doubles of the same real when the share is exactly met (2/4 and 0.5, 1/3 and
  // 0.3333333333333333), so a plain comparison keeps "exactly at the share counts" without scaling tricks.
  return totalCells > 0 && empty / totalCells > maxBlankShare;
}

/** Reason stored on forms voided by the blank-share rule (shown to Vietnamese users). */
export const TOO_MANY_BLANKS = 'Quá nhiều ô để trống hoặc hỏng';

/** The form a settling decision needs: its group (for its questions) and the units it rates. */
export type SettlingForm = { groupCode: string; targets: string[] };

/** How settled answers leave a form: counted, or invalid when blank and spoiled cells pass the campaign's share. */
export function settledOutcome(c: Campaign, form: SettlingForm, cells: Cell[]): { status: 'counted' | 'invalid'; invalidReason: string | null } {
  const total = form.targets.length * formOf(c, groupByCode(c, form.groupCode)!).questions.length;
  return tooManyBlanks(cells, total, c.scoring.maxBlankShare)
    ? { status: 'invalid', invalidReason: TOO_MANY_BLANKS }
    : { status: 'counted', invalidReason: null };
}
