/** The keyed paper CSV checker: fed one row at a time, it keeps state per form only, so a file of any length is checked in memory bounded by the forms. */
import type { Campaign, Form } from './campaign';
import { answerReader, type AnswerReader } from './answer-schema';
import { CSV_TEXT, type CsvProblem } from './csv';
import type { LedgerForm } from './ledger';
import { PASS_TEXT, passProblem, type PassProblem } from './passes';
import { catalogue, problemText, type Lang, type Where } from './problems';
import { optionsOf } from './scope';
import { checkSerial, SERIAL_TEXT, SERIAL_WIDTH, type SerialProblem } from './serial';
import { cleanText, matchCode } from './text';

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
  why !== 'leading-zeros' ? '' : lang === 'en' ? ` (Excel drops leading zeros: format the ${column} column as Text)` : ` (Excel bỏ số 0 ở đầu: hãy định dạng cột ${column} là Text)`;

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

/** What is shared by every form instance of one paper form (CT-01 ...). */
type Plan = {
  form: Form;
  questions: string[];
  questionIndex: Map<string, number>; // exact and upper-cased codes
  /** The cell reader every channel shares (answer-schema.ts), with '*' for spoiled paper cells. */
  read: AnswerReader;
  codes: string;
};

type FormState = {
  serial: string;
  ledger: LedgerForm;
  plan: Plan | null;
  /** Exact target code -> index, shared by every form with the same targets. */
  targetOf: Map<string, number>;
  /** First row number of each (target, question) cell, 0 while unseen; index = target * questions + question. */
  firstRow: Uint32Array | null;
  seen: number;
  /** A form-level error was reported on its first row; its rows cannot be loaded. */
  refused: boolean;
};

function buildPlans(c: Campaign): Map<string, Plan> {
  const plans = new Map<string, Plan>();
  for (const form of c.forms) {
    const set = optionsOf(c, form);
    const questionIndex = new Map<string, number>();
    form.questions.forEach((q, i) => {
      if (!questionIndex.has(q.code)) questionIndex.set(q.code, i);
    });
    form.questions.forEach((q, i) => {
      const up = q.code.toUpperCase();
      if (!questionIndex.has(up)) questionIndex.set(up, i);
    });
    const read = answerReader(set, { spoiled: true });
    plans.set(form.code, { form, questions: form.questions.map((q) => q.code), questionIndex, read, codes: set.map((o) => o.code).join(', ') });
  }
  return plans;
}

/** The location of a row's problem; built only when there is a problem, never on the path of a clean row. */
const at = (row: number) => ({ row });

export function createKeyedChecker(ctx: KeyedContext): KeyedChecker {
  const { campaign, forms, pass } = ctx;
  const operator = cleanText(ctx.operator);
  const loadedBy = ctx.loadedBy ? cleanText(ctx.loadedBy) : null;
  const ask = { pass, operator, loadedBy, doubleEntry: campaign.doubleEntry, campaign: campaign.code };
  const plans = buildPlans(campaign);
  const groups = new Map(campaign.groups.map((g) => [g.code, g]));
  let unitCodes: Set<string> | null = null;

  const problems: KeyedProblem[] = [];
  let errorCount = 0;
  const add = (p: KeyedProblem) => {
    errorCount++;
    if (problems.length < MAX_LISTED_ERRORS) problems.push(p);
  };

  const states = new Map<string, FormState>();
  // Forms of one group and home unit rate the same targets: one index per distinct list, not one per form.
  const targetMaps = new Map<string, Map<string, number>>();
  function targetMapOf(targets: string[]): Map<string, number> {
    const key = targets.join('\u0000');
    let m = targetMaps.get(key);
    if (!m) {
      m = new Map();
      targets.forEach((t, i) => {
        if (!m!.has(t)) m!.set(t, i);
      });
      targetMaps.set(key, m);
    }
    return m;
  }
  const badSerials = new Set<string>();
  let lastRaw: string | null = null;
  let lastState: FormState | null = null;
  let rowsSeen = 0;

  const noPass2 = pass === 2 && !campaign.doubleEntry;
  let noPass2Reported = false;
  if (operator === '') add({ kind: 'operator-empty' });

  /** The single form-level problem of a form, or null when this pass may be keyed (no pass 2 is reported once for the file). */
  function formProblem(f: LedgerForm, serial: string, plan: Plan | null, where: Where): KeyedProblem | null {
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
            const groupForm = groups.get(ledger.groupCode)?.form;
            const plan = (groupForm !== undefined ? plans.get(groupForm) : undefined) ?? null;
            const problem = formProblem(ledger, n.serial, plan, at(rowNumber));
            if (problem) add(problem);
            state = {
              serial: n.serial,
              ledger,
              plan,
              targetOf: targetMapOf(ledger.targets),
              firstRow: plan ? new Uint32Array(ledger.targets.length * plan.questions.length) : null,
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
    const { plan, ledger, serial } = state;
    const targets = ledger.targets;

    const unitRaw = cleanText(unitField);
    let ti = -1;
    if (unitRaw === '') {
      if (targets.length === 1) ti = 0;
      else add({ kind: 'unit-empty', serial, targets, where: at(rowNumber) });
    } else {
      // The exact code first (a map lookup per row); then case and the leading zeros Excel drops (118 for 00118).
      const exact = state.targetOf.get(unitRaw);
      const match = exact !== undefined ? ({ ok: true, index: exact } as const) : matchCode(unitRaw, targets);
      if (match.ok) ti = match.index;
      else if (match.kind === 'ambiguous') {
        add({ kind: 'unit-ambiguous', input: unitRaw, candidates: match.candidates, why: match.why, serial, where: at(rowNumber) });
      } else {
        unitCodes ??= new Set(campaign.units.map((u) => u.code.toUpperCase()));
        add({ kind: unitCodes.has(unitRaw.toUpperCase()) ? 'unit-not-rated' : 'unit-unknown', input: unitRaw, serial, targets, where: at(rowNumber) });
      }
    }

    const questionRaw = cleanText(questionField);
    let qi = -1;
    if (questionRaw === '') add({ kind: 'question-empty', where: at(rowNumber) });
    else {
      qi = plan.questionIndex.get(questionRaw) ?? plan.questionIndex.get(questionRaw.toUpperCase()) ?? -1;
      if (qi < 0) {
        // Question "01" that Excel shortened to 1.
        const match = matchCode(questionRaw, plan.questions);
        if (match.ok) qi = match.index;
        else if (match.kind === 'ambiguous') {
          add({ kind: 'question-ambiguous', input: questionRaw, candidates: match.candidates, why: match.why, form: plan.form.code, where: at(rowNumber) });
        } else add({ kind: 'question-unknown', input: questionRaw, form: plan.form.code, where: at(rowNumber) });
      }
    }

    const answerRaw = cleanText(answerField);
    const answer = plan.read(answerRaw);
    if (answer === undefined) {
      add({ kind: 'answer-not-option', input: answerRaw, optionSet: plan.form.optionSet, codes: plan.codes, where: at(rowNumber) });
    }

    if (ti >= 0 && qi >= 0 && state.firstRow) {
      const k = ti * plan.questions.length + qi;
      const first = state.firstRow[k];
      if (first !== 0) add({ kind: 'cell-repeated', firstRow: first, serial, unit: targets[ti], question: plan.questions[qi], where: at(rowNumber) });
      else {
        state.firstRow[k] = rowNumber;
        state.seen++;
      }
    }

    if (errorCount !== before || state.refused || noPass2 || answer === undefined) return null;
    return { serial, unit: targets[ti], question: plan.questions[qi], answer };
  }

  const push = (row: KeyedRow, rowNumber: number) => check(row.serial, row.unit, row.question, row.answer, rowNumber);
  const pushFields = (f: readonly string[], rowNumber: number) => check(f[0], f[1], f[2], f[3], rowNumber);

  function finish(): KeyedResult {
    for (const s of states.values()) {
      if (!s.plan || !s.firstRow) continue;
      const missing = s.firstRow.length - s.seen;
      if (missing === 0) continue;
      const k = s.firstRow.indexOf(0);
      const nq = s.plan.questions.length;
      add({ kind: 'cells-missing', serial: s.serial, missing, example: `${s.ledger.targets[Math.floor(k / nq)]} ${s.plan.questions[k % nq]}` });
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
