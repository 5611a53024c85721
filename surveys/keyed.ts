/** The keyed paper CSV checker: fed one row at a time, it keeps state per form only, so a file of any length is checked in memory bounded by the forms. */
import type { Campaign } from './campaign';
import { formPlan, instancePlan, type AnswerPlan, type FormPlan } from './answer-schema';
import { CSV_TEXT, type CsvProblem } from './csv';
import type { LedgerForm } from './ledger';
import { campaignAsk, PASS_TEXT, passProblem, type PassProblem } from './passes';
import { catalogue, problemText, type Lang, type Where } from './problems';
import { checkSerial, SERIAL_TEXT, SERIAL_WIDTH, type SerialProblem } from './serial';
import { cleanText } from './text';

type Why = 'case' | 'leading-zeros';

/** Why a keyed file, or one of its rows, cannot be loaded: the CSV reader's, the serial's and the pass rule's problems, and the checker's own. */
export type KeyedProblem =
  | CsvProblem
  | SerialProblem
  | PassProblem
  | { kind: 'operator-empty'; where?: Where }
  | { kind: 'serial-unknown'; input: string; where?: Where }
  | { kind: 'unit-empty'; serial: string; targets: string[]; where?: Where }
  | { kind: 'unit-ambiguous'; input: string; candidates: string[]; why: Why; serial: string; where?: Where }
  | { kind: 'unit-not-rated'; input: string; serial: string; targets: string[]; where?: Where }
  | { kind: 'unit-unknown'; input: string; serial: string; targets: string[]; where?: Where }
  | { kind: 'question-empty'; where?: Where }
  | { kind: 'question-ambiguous'; input: string; candidates: string[]; why: Why; form: string; where?: Where }
  | { kind: 'question-unknown'; input: string; form: string; where?: Where }
  | { kind: 'answer-not-option'; input: string; optionSet: string; codes: string; where?: Where }
  | { kind: 'cell-repeated'; firstRow: number; serial: string; unit: string; question: string; where?: Where }
  | { kind: 'cells-missing'; serial: string; missing: number; example: string; where?: Where };

/** Why a code of digits fits several codes, said after the message: Excel dropped its leading zeros. */
export const zerosNote = (why: Why, column: string, lang: Lang) =>
  why !== 'leading-zeros'
    ? ''
    : lang === 'en'
      ? ` (Excel drops leading zeros: format the ${column} column as Text)`
      : ` (Excel bỏ số 0 ở đầu: hãy định dạng cột ${column} là Text)`;

export const KEYED_TEXT = catalogue<KeyedProblem>({
  ...CSV_TEXT,
  ...SERIAL_TEXT,
  ...PASS_TEXT,
  'operator-empty': { en: () => 'the operator name is empty', vi: () => 'chưa có tên người nhập' },
  'serial-unknown': { en: (p) => `unknown serial "${p.input}"`, vi: (p) => `không có phiếu số "${p.input}"` },
  'unit-empty': {
    en: (p) => `unit is empty, but form ${p.serial} rates ${p.targets.length} units (${p.targets.join(', ')})`,
    vi: (p) => `thiếu mã đơn vị, mà phiếu ${p.serial} đánh giá ${p.targets.length} đơn vị (${p.targets.join(', ')})`,
  },
  'unit-ambiguous': {
    en: (p) => `unit "${p.input}" could be ${p.candidates.join(' or ')} on form ${p.serial}${zerosNote(p.why, 'unit', 'en')}`,
    vi: (p) => `mã đơn vị "${p.input}" có thể là ${p.candidates.join(' hoặc ')} trên phiếu ${p.serial}${zerosNote(p.why, 'unit', 'vi')}`,
  },
  'unit-not-rated': {
    en: (p) => `unit "${p.input}" is not rated by form ${p.serial} (it rates: ${p.targets.join(', ')})`,
    vi: (p) => `phiếu ${p.serial} không đánh giá đơn vị "${p.input}" (phiếu đánh giá: ${p.targets.join(', ')})`,
  },
  'unit-unknown': {
    en: (p) => `unknown unit "${p.input}" (form ${p.serial} rates: ${p.targets.join(', ')})`,
    vi: (p) => `không có đơn vị mã "${p.input}" (phiếu ${p.serial} đánh giá: ${p.targets.join(', ')})`,
  },
  'question-empty': { en: () => 'question is empty', vi: () => 'thiếu mã câu hỏi' },
  'question-ambiguous': {
    en: (p) => `question "${p.input}" could be ${p.candidates.join(' or ')} on form ${p.form}${zerosNote(p.why, 'question', 'en')}`,
    vi: (p) => `mã câu "${p.input}" có thể là ${p.candidates.join(' hoặc ')} trên mẫu phiếu ${p.form}${zerosNote(p.why, 'question', 'vi')}`,
  },
  'question-unknown': { en: (p) => `question "${p.input}" is not on form ${p.form}`, vi: (p) => `mẫu phiếu ${p.form} không có câu "${p.input}"` },
  'answer-not-option': {
    en: (p) => `answer "${p.input}" is not an option of ${p.optionSet} (${p.codes}; "" blank, "*" spoiled)`,
    vi: (p) => `"${p.input}" không phải phương án của bộ ${p.optionSet} (${p.codes}; để trống nếu ô trống, "*" nếu ô hỏng)`,
  },
  'cell-repeated': {
    en: (p) => `repeats row ${p.firstRow} (${p.serial} ${p.unit} ${p.question})`,
    vi: (p) => `trùng với dòng ${p.firstRow} (phiếu ${p.serial}, đơn vị ${p.unit}, câu ${p.question})`,
  },
  'cells-missing': {
    en: (p) => (p.missing === 1 ? `form ${p.serial}: 1 cell missing (${p.example})` : `form ${p.serial}: ${p.missing} cells missing (e.g. ${p.example})`),
    vi: (p) => (p.missing === 1 ? `phiếu ${p.serial}: thiếu 1 ô (${p.example})` : `phiếu ${p.serial}: thiếu ${p.missing} ô (ví dụ ${p.example})`),
  },
});

/** A keyed-file problem in words: English for the CLI and logs, Vietnamese for the console and the desk. */
export const keyedText = (p: KeyedProblem, lang: Lang) => problemText(KEYED_TEXT, p, lang);

export const KEYED_HEADER = ['serial', 'unit', 'question', 'answer'];

/** Errors kept for listing; `errorCount` still counts them all, so a wholly wrong file cannot flood memory. */
export const MAX_LISTED_ERRORS = 1000;
// Bad serials are remembered so each is reported once; the cap keeps a file of a million random serials bounded.
const MAX_REMEMBERED_BAD_SERIALS = 10_000;

/** A row as keyed; once checked (KeyedCell) it holds serial digits, canonical unit, question and option codes, and '' blank, '*' spoiled. */
export type KeyedRow = { serial: string; unit: string; question: string; answer: string };
export type KeyedCell = KeyedRow;
/**
 * `operator` keyed the pass; `loadedBy` is the signed-in person who loads it (a console upload or the desk), null
 * from the CLI: one person may not load both passes of a form, whatever operator names they give (issue 11).
 */
export type KeyedContext = { campaign: Campaign; forms: Map<string, LedgerForm>; pass: 1 | 2; operator: string; loadedBy?: string | null };
export type KeyedResult = { problems: KeyedProblem[]; errorCount: number; forms: string[] };
export type KeyedChecker = {
  push(row: KeyedRow, rowNumber: number): KeyedCell | null;
  /** The same as push, for a record whose fields are in KEYED_HEADER order (as a CSV reader gives them). */
  pushFields(fields: readonly string[], rowNumber: number): KeyedCell | null;
  /** A row the CSV reader could not split into fields (the problem names the row): counted and listed like the others. */
  reject(problem: CsvProblem): void;
  finish(): KeyedResult;
};

type FormState = {
  serial: string;
  /** Its cells, units and questions (answer-schema.ts, the plan every channel reads cells by); null when its group has no form. */
  plan: AnswerPlan | null;
  /** First row number of each cell, 0 while unseen; indexed as the plan's cells. */
  firstRow: Uint32Array | null;
  seen: number;
  /** A form-level error was reported on its first row; its rows cannot be loaded. */
  refused: boolean;
};

/** The location of a row's problem; built only when there is a problem, never on the path of a clean row. */
const at = (row: number) => ({ row });

export function createKeyedChecker(ctx: KeyedContext): KeyedChecker {
  const { campaign, forms, pass } = ctx;
  const operator = cleanText(ctx.operator);
  const loadedBy = ctx.loadedBy ? cleanText(ctx.loadedBy) : null;
  const ask = { pass, operator, loadedBy, ...campaignAsk(campaign) };
  const formByCode = new Map(campaign.forms.map((f) => [f.code, f]));
  const groups = new Map(campaign.groups.map((g) => [g.code, g]));
  // One plan per paper form, and one per distinct list of rated units of it (the forms of one group and home unit share it).
  const formPlans = new Map<string, FormPlan | null>();
  const instancePlans = new Map<string, AnswerPlan>();
  function planOf(ledger: LedgerForm): AnswerPlan | null {
    const code = groups.get(ledger.groupCode)?.form;
    if (code === undefined) return null;
    let fp = formPlans.get(code);
    if (fp === undefined) {
      const form = formByCode.get(code);
      fp = form ? formPlan(campaign, form) : null;
      formPlans.set(code, fp);
    }
    if (!fp) return null;
    const key = `${code}\u0000${ledger.targets.join('\u0000')}`;
    let plan = instancePlans.get(key);
    if (!plan) {
      plan = instancePlan(fp, ledger.targets);
      instancePlans.set(key, plan);
    }
    return plan;
  }
  let unitCodes: Set<string> | null = null;

  const problems: KeyedProblem[] = [];
  let errorCount = 0;
  const add = (p: KeyedProblem) => {
    errorCount++;
    if (problems.length < MAX_LISTED_ERRORS) problems.push(p);
  };

  const states = new Map<string, FormState>();
  const badSerials = new Set<string>();
  let lastRaw: string | null = null;
  let lastState: FormState | null = null;
  let rowsSeen = 0;

  const noPass2 = pass === 2 && !campaign.doubleEntry;
  let noPass2Reported = false;
  if (operator === '') add({ kind: 'operator-empty' });

  /** The single form-level problem of a form, or null when this pass may be keyed (no pass 2 is reported once for the file). */
  function formProblem(f: LedgerForm, serial: string, plan: AnswerPlan | null, where: Where): KeyedProblem | null {
    if (!plan) return { kind: 'no-group-form', serial, group: f.groupCode, campaign: campaign.code, where };
    const problem = passProblem(f, ask);
    return problem && problem.kind !== 'no-pass-2' ? { ...problem, where } : null;
  }

  /** Reads a serial; Excel drops leading zeros, which carry no check information, so short digit strings are padded. */
  function normaliseSerial(raw: string): { serial: string } | { problem: SerialProblem } {
    const direct = checkSerial(raw);
    if (direct.ok) return { serial: direct.serial };
    const digits = raw.replace(/[\s-]/g, '');
    if (/^[0-9]+$/.test(digits) && digits.length < SERIAL_WIDTH + 1) {
      const padded = checkSerial(digits.padStart(SERIAL_WIDTH + 1, '0'));
      if (padded.ok) return { serial: padded.serial };
      return { problem: { kind: 'serial-check', input: raw } };
    }
    return { problem: direct.problem };
  }

  function rememberBad(raw: string) {
    if (badSerials.size < MAX_REMEMBERED_BAD_SERIALS) badSerials.add(raw);
  }

  function resolve(raw: string, rowNumber: number): FormState | null {
    if (raw === lastRaw) return lastState;
    if (raw === '') {
      add({ kind: 'serial-empty', where: at(rowNumber) });
      return null;
    }
    let state: FormState | null = null;
    if (!badSerials.has(raw)) {
      const n = normaliseSerial(raw);
      if ('problem' in n) {
        add({ ...n.problem, where: at(rowNumber) });
        rememberBad(raw);
      } else {
        state = states.get(n.serial) ?? null;
        if (!state) {
          const ledger = forms.get(n.serial);
          if (!ledger) {
            add({ kind: 'serial-unknown', input: raw, where: at(rowNumber) });
            rememberBad(raw);
          } else {
            const plan = planOf(ledger);
            const problem = formProblem(ledger, n.serial, plan, at(rowNumber));
            if (problem) add(problem);
            state = {
              serial: n.serial,
              plan,
              firstRow: plan ? new Uint32Array(plan.cells) : null,
              seen: 0,
              refused: problem !== null,
            };
            states.set(n.serial, state);
          }
        }
      }
    }
    lastRaw = raw;
    lastState = state;
    return state;
  }

  function check(serialField: string, unitField: string, questionField: string, answerField: string, rowNumber: number): KeyedCell | null {
    rowsSeen++;
    const before = errorCount;
    if (noPass2 && !noPass2Reported) {
      noPass2Reported = true;
      add({ kind: 'no-pass-2', campaign: campaign.code, where: at(rowNumber) });
    }
    const state = resolve(cleanText(serialField), rowNumber);
    if (!state?.plan) return null;
    const { plan, serial } = state;
    const targets = plan.units;

    const unitRaw = cleanText(unitField);
    const unit = plan.unit(unitRaw);
    if (!unit.ok) {
      if (unit.kind === 'empty') add({ kind: 'unit-empty', serial, targets, where: at(rowNumber) });
      else if (unit.kind === 'ambiguous') {
        add({ kind: 'unit-ambiguous', input: unitRaw, candidates: unit.candidates, why: unit.why, serial, where: at(rowNumber) });
      } else {
        unitCodes ??= new Set(campaign.units.map((u) => u.code.toUpperCase()));
        add({ kind: unitCodes.has(unitRaw.toUpperCase()) ? 'unit-not-rated' : 'unit-unknown', input: unitRaw, serial, targets, where: at(rowNumber) });
      }
    }

    const questionRaw = cleanText(questionField);
    const question = plan.question(questionRaw);
    if (!question.ok) {
      if (question.kind === 'empty') add({ kind: 'question-empty', where: at(rowNumber) });
      else if (question.kind === 'ambiguous') {
        add({ kind: 'question-ambiguous', input: questionRaw, candidates: question.candidates, why: question.why, form: plan.form.code, where: at(rowNumber) });
      } else add({ kind: 'question-unknown', input: questionRaw, form: plan.form.code, where: at(rowNumber) });
    }

    // The reader cleans the value as it cleans a web post's (text.ts); the cleaned text is needed only to name a refusal.
    const answer = plan.reader(true)(answerField);
    if (answer === undefined) {
      add({ kind: 'answer-not-option', input: cleanText(answerField), optionSet: plan.form.optionSet, codes: plan.codes, where: at(rowNumber) });
    }

    if (unit.ok && question.ok && state.firstRow) {
      const k = unit.index * plan.questionCodes.length + question.index;
      const first = state.firstRow[k];
      if (first !== 0)
        add({ kind: 'cell-repeated', firstRow: first, serial, unit: targets[unit.index], question: plan.questionCodes[question.index], where: at(rowNumber) });
      else {
        state.firstRow[k] = rowNumber;
        state.seen++;
      }
    }

    if (errorCount !== before || state.refused || noPass2 || answer === undefined || !unit.ok || !question.ok) return null;
    return { serial, unit: targets[unit.index], question: plan.questionCodes[question.index], answer };
  }

  const push = (row: KeyedRow, rowNumber: number) => check(row.serial, row.unit, row.question, row.answer, rowNumber);
  const pushFields = (f: readonly string[], rowNumber: number) => check(f[0], f[1], f[2], f[3], rowNumber);

  function finish(): KeyedResult {
    for (const s of states.values()) {
      if (!s.plan || !s.firstRow || s.seen === s.firstRow.length) continue;
      const missing = s.plan.missing(s.firstRow)!;
      add({ kind: 'cells-missing', serial: s.serial, missing: missing.count, example: missing.first });
    }
    if (rowsSeen === 0) add({ kind: 'csv-no-rows', header: KEYED_HEADER });
    return { problems: [...problems], errorCount, forms: [...states.keys()] };
  }

  const reject = (problem: CsvProblem) => {
    rowsSeen++;
    add(problem);
  };

  return { push, pushFields, reject, finish };
}
