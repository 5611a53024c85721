/** Verifying the cells the scan reader was unsure of (issue 15): what the screen shows for one cell, how a typed key becomes a cell value, and the refusals in words. */
import type { Campaign } from '../campaign';
import { answerLabel } from '../keying-desk';
import { BLANK, SPOILED } from '../ledger';
import { catalogue, problemText, type Lang, type Where } from '../problems';
import { formOf, groupByCode, indexUnits, optionsOf } from '../scope';
import type { CellReading } from './reading';

export type VerifyProblem =
  | { kind: 'verify-form-unknown'; serial: string; where?: Where }
  | { kind: 'verify-cell-not-queued'; serial: string; unit: string; question: string; where?: Where }
  | { kind: 'verify-not-option'; answer: string; codes: string; where?: Where };

export const VERIFY_TEXT = catalogue<VerifyProblem>({
  'verify-form-unknown': { en: (p) => `unknown serial ${p.serial}`, vi: (p) => `không có phiếu số ${p.serial} trong đợt điều tra này` },
  'verify-cell-not-queued': {
    en: (p) => `cell ${p.unit} ${p.question} of form ${p.serial} does not wait for verification (already verified?)`,
    vi: (p) => `ô ${p.unit} / câu ${p.question} của phiếu ${p.serial} không còn chờ xác nhận (có thể người khác vừa xác nhận ô này)`,
  },
  'verify-not-option': {
    en: (p) => `"${p.answer}" is not an option code (${p.codes}), "*" (spoiled) or "-" (blank)`,
    vi: (p) => `"${p.answer}" không phải mã phương án (${p.codes}), "*" (ô hỏng) hay "-" (ô trống)`,
  },
});

export const verifyText = (p: VerifyProblem, lang: Lang) => problemText(VERIFY_TEXT, p, lang);

/** Why the reader was unsure, for the person who looks. */
const WHY_VI: Record<NonNullable<CellReading['why']>, string> = {
  faint: 'dấu mờ',
  several: 'có nhiều dấu',
  correction: 'có ô tô kín, có thể là xóa dấu',
  overflow: 'dấu tràn ra ngoài ô',
  registration: 'trang bị lệch, khó định vị',
  print: 'mã in trong ô không tách được khỏi dấu đánh (quá ít ô cùng mã trên trang, hay chữ in che gần hết ô)',
};

/** A cell waiting for a person, as the repository finds it. */
export type QueuedCell = { serial: string; groupCode: string; unit: string; question: string; machine: string; why: string | null };

/**
 * The verification screen for one cell: which form, unit and question, the question's text, the machine's reading,
 * the keys that answer (the form's option codes, blank, spoiled) and how many cells are left, this one included.
 */
export function verifyView(c: Campaign, cell: QueuedCell, remaining: number) {
  const group = groupByCode(c, cell.groupCode);
  const form = group ? formOf(c, group) : undefined;
  const question = form?.questions.find((q) => q.code === cell.question);
  const options = form ? optionsOf(c, form) : [];
  const unit = indexUnits(c).byCode.get(cell.unit);
  return {
    serial: cell.serial,
    unit: cell.unit,
    unitName: unit?.name ?? cell.unit,
    question: cell.question,
    questionText: question?.text ?? '',
    formCode: form?.code ?? '',
    machine: cell.machine,
    machineLabel: answerLabel(cell.machine, options),
    why: cell.why && cell.why in WHY_VI ? WHY_VI[cell.why as keyof typeof WHY_VI] : null,
    options: options.map((o) => ({ code: o.code, label: o.label })),
    // The option codes, and whether 0 is free to mean blank (as at the keying desk).
    keys: JSON.stringify({ codes: options.map((o) => o.code), zeroBlank: !options.some((o) => o.code === '0') }),
    remaining,
  };
}

/**
 * What a person typed for a cell, as a cell value: nothing confirms the machine's reading; `-` (or 0 where 0 is not an
 * option code, as at the keying desk) is blank, `*` spoiled, an option code in any case comes out in its campaign
 * spelling; undefined for anything else.
 */
export function readVerifyAnswer(typed: string, codes: readonly string[], machine: string): string | undefined {
  const t = typed.trim();
  if (t === '') return machine;
  if (t === '-' || (t === '0' && !codes.includes('0'))) return BLANK;
  if (t === SPOILED) return SPOILED;
  return codes.find((code) => code.toLowerCase() === t.toLowerCase());
}

/**
 * The campaign the verification screen opens when none is named: the one with most cells waiting (codes in the order
 * given, the first of equals), undefined when none has any.
 */
export function mostWaiting(codes: readonly string[], waiting: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  for (const code of codes) if ((waiting.get(code) ?? 0) > (best === undefined ? 0 : waiting.get(best)!)) best = code;
  return best;
}

/** The other campaigns with cells waiting, as the screen links them. */
export const othersWaiting = (codes: readonly string[], waiting: ReadonlyMap<string, number>, current: string) =>
  codes.flatMap((code) => (code !== current && waiting.has(code) ? [{ code, count: waiting.get(code)! }] : []));
