/** The keying desk's rules: which pass a keyer gets for a form, which keys mean blank, and what the desk says, in Vietnamese. */
import { formPlan } from './answer-schema';
import type { Campaign, Option } from './campaign';
import { BLANK, SPOILED, type FormStatus } from './ledger';
import { homeLabel, keyingOrder, layoutFor } from './print-layout';
import { catalogue, problemText, type Lang, type Where } from './problems';
import { formOf, groupByCode, optionsOf } from './scope';
import { checkSerial, type SerialProblem } from './serial';
import type { SettleProblem } from './settle';
import { cleanText } from './text';

/** What people read for each ledger status. */
export const STATUS_LABELS: Record<FormStatus, string> = {
  issued: 'Đã phát',
  draft: 'Đang trả lời trực tuyến',
  keyed_once: 'Đã nhập một lượt',
  conflict: 'Hai lượt nhập lệch nhau',
  counted: 'Đã tính',
  invalid: 'Không hợp lệ',
  void: 'Đã hủy',
};

/** The reasons offered when marking a form invalid (domain.md §5); free text is allowed besides. */
export const INVALID_REASONS = ['Mã phiếu không hợp lệ', 'Phiếu trùng', 'Nộp sau hạn', 'Phiếu bị tẩy xóa, hư hỏng', 'Quá nhiều ô trống'] as const;

/** Why a form cannot be marked invalid: an expected outcome, returned by the ledger. */
export type InvalidateProblem =
  | { kind: 'unknown-serial'; serial: string; where?: Where }
  | { kind: 'void'; serial: string; where?: Where }
  | { kind: 'already-invalid'; serial: string; reason: string | null; where?: Where }
  | { kind: 'no-reason'; serial: string; where?: Where };

/** English for the CLI; Vietnamese sentences for the ledger and the campaign page. */
export const INVALIDATE_TEXT = catalogue<InvalidateProblem>({
  'unknown-serial': { en: (p) => `unknown serial ${p.serial}`, vi: (p) => `Không có phiếu số ${p.serial} trong đợt điều tra này.` },
  void: { en: (p) => `form ${p.serial} is void`, vi: (p) => `Phiếu ${p.serial} đã bị hủy.` },
  'already-invalid': { en: (p) => `form ${p.serial} is already invalid (${p.reason})`, vi: (p) => `Phiếu ${p.serial} đã được đánh dấu không hợp lệ.` },
  'no-reason': { en: () => 'a reason is required', vi: () => 'Hãy ghi lý do.' },
});

export const invalidateText = (p: InvalidateProblem, lang: Lang) => problemText(INVALIDATE_TEXT, p, lang);

/** The desk's own words for a serial it cannot read, spoken to the keyer (the keyed-file words name a row). */
export const DESK_SERIAL_VI: { [K in SerialProblem['kind']]: (p: Extract<SerialProblem, { kind: K }>) => string } = {
  'serial-empty': () => 'Vui lòng nhập hoặc quét số phiếu.',
  'serial-not-digits': (p) => `Số phiếu “${p.input}” chỉ gồm chữ số.`,
  'serial-too-short': (p) => `Số phiếu "${p.input}" quá ngắn. Vui lòng xem lại trên phiếu.`,
  'serial-check': (p) => `Số phiếu "${p.input}" sai ký tự kiểm tra (gõ nhầm?). Vui lòng xem lại trên phiếu.`,
};

export function deskSerialVi(p: SerialProblem): string {
  return (DESK_SERIAL_VI[p.kind] as (p: SerialProblem) => string)(p);
}

export type SerialRead = { ok: true; serial: string } | { ok: false; problem: SerialProblem };

/**
 * A typed or scanned serial, read by checkSerial after the desk's cleaning (invisible characters, Unicode form); a
 * wrong check character is reported before anything is looked up, as the desk's script does before asking.
 */
export function readDeskSerial(input: string): SerialRead {
  const typed = cleanText(input);
  if (typed.replace(/[\s-]/g, '') === '') return { ok: false, problem: { kind: 'serial-empty' } };
  const check = checkSerial(typed);
  return check.ok ? { ok: true, serial: check.serial } : { ok: false, problem: check.problem };
}

/** Keys that mean "blank": space always, and `0` where `0` is not an option code of the form. */
export function blankKeys(options: Option[]): string[] {
  return options.some((o) => o.code === '0') ? [' '] : [' ', '0'];
}

/** How a cell value reads on screen: the code, or words for blank and spoiled. */
export function answerLabel(answer: string, options: Option[]): string {
  if (answer === BLANK) return 'để trống';
  if (answer === SPOILED) return 'hỏng (*)';
  const o = options.find((x) => x.code === answer);
  return o ? `${o.code} – ${o.label}` : answer;
}

export type DeskView = {
  serial: string;
  pass: 1 | 2;
  doubleEntry: boolean;
  formCode: string;
  formTitle: string;
  groupName: string;
  homeName: string;
  units: { code: string; name: string }[];
  questions: { code: string; text: string }[];
  options: { code: string; label: string }[];
  blankKeys: string[];
  /** The printed pages, so the desk walks the cells in the order the keyer reads them on paper. */
  pages: { units: number[]; questions: number[] }[];
};

/** What the desk shows for a form it may key: heading and matrix, never any keyed value. */
export function deskView(c: Campaign, f: { serial: string; groupCode: string; homeUnit: string | null; targets: string[] }, pass: 1 | 2): DeskView {
  const group = groupByCode(c, f.groupCode)!;
  const form = formOf(c, group);
  const options = optionsOf(c, form);
  const unitName = new Map(c.units.map((u) => [u.code, u.name]));
  const layout = layoutFor(c, form, f.targets);
  return {
    serial: f.serial,
    pass,
    doubleEntry: c.doubleEntry,
    formCode: form.code,
    formTitle: form.title,
    groupName: group.name,
    homeName: homeLabel(c, f.homeUnit),
    units: f.targets.map((t) => ({ code: t, name: unitName.get(t) ?? t })),
    questions: form.questions.map((q) => ({ code: q.code, text: q.text })),
    options: options.map((o) => ({ code: o.code, label: o.label })),
    blankKeys: blankKeys(options),
    pages: layout.pages.map((p) => ({ units: p.units, questions: p.questions })),
  };
}

/**
 * Every cell of a form instance as `unit.question`, in the order the keyer reads the paper: page by page, row
 * (question) by row, left to right (unit by unit). The desk walks these cells and reconciliation lists them so.
 */
export function paperCellOrder(c: Campaign, groupCode: string, targets: string[]): string[] {
  const form = formOf(c, groupByCode(c, groupCode)!);
  return keyingOrder(layoutFor(c, form, targets)).map(({ unit, question }) => `${targets[unit]}.${form.questions[question].code}`);
}

/** An option code in its campaign spelling, '*' or ''; undefined when the answer is none of these (the cell reader of every channel). */
export function canonicalAnswer(c: Campaign, groupCode: string, answer: string): string | undefined {
  return formPlan(c, formOf(c, groupByCode(c, groupCode)!)).reader(true)(answer);
}

export type Decision = { unit: string; question: string; answer: string };
export type DecisionsRead = { decisions: Decision[]; problems: SettleProblem[]; chosen: Record<string, string>; others: Record<string, string> };

/**
 * A supervisor's post on a conflict page, read against the form's open differences: for each cell `d.<unit>.<question>`
 * is pass1, pass2, other (then `o.<unit>.<question>` holds a code, or "blank") or nothing yet; a code in `o.` with no
 * radio ticked counts as "other", and a code in `o.` beside a ticked pass is refused as contradictory. What was chosen and
 * typed comes back too, so that a refused post shows the page as it was.
 */
export function readDecisions(
  c: Campaign,
  groupCode: string,
  open: { unit: string; question: string; pass1: string; pass2: string }[],
  body: Record<string, unknown>,
): DecisionsRead {
  const out: DecisionsRead = { decisions: [], problems: [], chosen: {}, others: {} };
  for (const d of open) {
    const field = `${d.unit}.${d.question}`;
    const other = String(body[`o.${field}`] ?? '');
    // A value chosen in "another value" is that decision even when its radio button was not ticked (issue 10).
    const pick = String(body[`d.${field}`] ?? '') || (other === '' ? '' : 'other');
    out.chosen[field] = pick;
    out.others[field] = other;
    if (pick === '') continue;
    let answer: string | undefined;
    if ((pick === 'pass1' || pick === 'pass2') && other !== '') {
      out.problems.push({ kind: 'decision-both', unit: d.unit, question: d.question, pass: pick === 'pass1' ? 1 : 2 });
    } else if (pick === 'pass1') answer = d.pass1;
    else if (pick === 'pass2') answer = d.pass2;
    else if (pick === 'other') {
      answer = other === '' ? undefined : canonicalAnswer(c, groupCode, other === 'blank' ? '' : other);
      if (answer === undefined) out.problems.push({ kind: 'decision-no-code', unit: d.unit, question: d.question });
    }
    if (answer !== undefined) out.decisions.push({ unit: d.unit, question: d.question, answer });
  }
  if (!out.problems.length && !out.decisions.length) out.problems.push({ kind: 'decision-none' });
  return out;
}
