/** The keyed paper CSV checker: fed one row at a time, it keeps state per form only, so a file of any length is checked in memory bounded by the forms. */
import type { Campaign, Form } from './campaign';
import { BLANK, operatorKey, SPOILED, type LedgerForm } from './ledger';
import { optionsOf } from './scope';
import { checkSerial, SERIAL_WIDTH } from './serial';
import { cleanText, matchCode } from './text';

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
export type KeyedResult = { errors: string[]; errorCount: number; forms: string[] };
export type KeyedChecker = {
  push(row: KeyedRow, rowNumber: number): KeyedCell | null;
  /** The same as push, for a record whose fields are in KEYED_HEADER order (as a CSV reader gives them). */
  pushFields(fields: readonly string[], rowNumber: number): KeyedCell | null;
  /** A row the CSV reader could not split into fields (its message names the row): counted and listed like the others. */
  reject(message: string): void;
  finish(): KeyedResult;
};

/** What is shared by every form instance of one paper form (CT-01 ...). */
type Plan = {
  form: Form;
  questions: string[];
  questionIndex: Map<string, number>; // exact and upper-cased codes
  options: Map<string, string>; // any case -> canonical code
  optionHelp: string;
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
    const options = new Map<string, string>();
    for (const o of set) {
      options.set(o.code, o.code);
      options.set(o.code.toUpperCase(), o.code);
      options.set(o.code.toLowerCase(), o.code);
    }
    const codes = set.map((o) => o.code).join(', ');
    plans.set(form.code, {
      form,
      questions: form.questions.map((q) => q.code),
      questionIndex,
      options,
      optionHelp: `${form.optionSet} (${codes}; "" blank, "*" spoiled)`,
    });
  }
  return plans;
}

/** Why a code of digits fits several codes, said after the message: Excel dropped its leading zeros. */
export const zerosNote = (why: 'case' | 'leading-zeros', column: string) =>
  why === 'leading-zeros' ? ` (Excel drops leading zeros: format the ${column} column as Text)` : '';

/** The row prefix of a message; built only when there is a message, never on the path of a clean row. */
const at = (rowNumber: number) => `row ${rowNumber}: `;

export function createKeyedChecker(ctx: KeyedContext): KeyedChecker {
  const { campaign, forms, pass } = ctx;
  const operator = cleanText(ctx.operator);
  const loadedBy = ctx.loadedBy ? cleanText(ctx.loadedBy) : null;
  const plans = buildPlans(campaign);
  const groups = new Map(campaign.groups.map((g) => [g.code, g]));
  let unitCodes: Set<string> | null = null;

  const errors: string[] = [];
  let errorCount = 0;
  const add = (msg: string) => {
    errorCount++;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(msg);
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
  if (operator === '') add('the operator name is empty');

  const sameOperator = (a: string | null) => a !== null && operatorKey(a) === operatorKey(operator);

  /** The single form-level problem of a form, or null when this pass may be keyed. */
  function formProblem(f: LedgerForm, serial: string, plan: Plan | null): string | null {
    if (!plan) return `form ${serial} belongs to group "${f.groupCode}", which has no form in campaign ${campaign.code}`;
    if (f.status === 'void') return `form ${serial} is void`;
    if (f.status === 'invalid') return `form ${serial} is invalid`;
    if (f.status === 'counted' && f.countedFrom === 'web') return `form ${serial} is already counted from the web`;
    if (noPass2) return null; // reported once for the file
    const mine = pass === 1 ? f.pass1Operator : f.pass2Operator;
    const other = pass === 1 ? f.pass2Operator : f.pass1Operator;
    if (mine !== null) return `pass ${pass} of form ${serial} is already keyed`;
    if (f.status === 'counted') return `form ${serial} is already counted`;
    if (sameOperator(other)) {
      return `pass ${pass} of form ${serial} must be keyed by another operator than pass ${3 - pass} (${other})`;
    }
    const otherLoader = pass === 1 ? f.pass2LoadedBy : f.pass1LoadedBy;
    if (loadedBy && otherLoader !== null && operatorKey(otherLoader) === operatorKey(loadedBy)) {
      return `pass ${pass} of form ${serial} must be loaded by another person than pass ${3 - pass} (${otherLoader})`;
    }
    return null;
  }

  /** Reads a serial; Excel drops leading zeros, which carry no check information, so short digit strings are padded. */
  function normaliseSerial(raw: string): { serial: string } | { error: string } {
    const direct = checkSerial(raw);
    if (direct.ok) return { serial: direct.serial };
    const digits = raw.replace(/[\s-]/g, '');
    if (/^[0-9]+$/.test(digits) && digits.length < SERIAL_WIDTH + 1) {
      const padded = checkSerial(digits.padStart(SERIAL_WIDTH + 1, '0'));
      if (padded.ok) return { serial: padded.serial };
      return { error: `serial "${raw}" has a wrong check character (mistyped?)` };
    }
    return { error: direct.message };
  }

  function rememberBad(raw: string) {
    if (badSerials.size < MAX_REMEMBERED_BAD_SERIALS) badSerials.add(raw);
  }

  function resolve(raw: string, rowNumber: number): FormState | null {
    if (raw === lastRaw) return lastState;
    if (raw === '') {
      add(`${at(rowNumber)}serial is empty`);
      return null;
    }
    let state: FormState | null = null;
    if (!badSerials.has(raw)) {
      const n = normaliseSerial(raw);
      if ('error' in n) {
        add(at(rowNumber) + n.error);
        rememberBad(raw);
      } else {
        state = states.get(n.serial) ?? null;
        if (!state) {
          const ledger = forms.get(n.serial);
          if (!ledger) {
            add(`${at(rowNumber)}unknown serial "${raw}"`);
            rememberBad(raw);
          } else {
            const groupForm = groups.get(ledger.groupCode)?.form;
            const plan = (groupForm !== undefined ? plans.get(groupForm) : undefined) ?? null;
            const problem = formProblem(ledger, n.serial, plan);
            if (problem) add(at(rowNumber) + problem);
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
      add(`${at(rowNumber)}campaign ${campaign.code} has no double entry: there is no pass 2`);
    }
    const state = resolve(cleanText(serialField), rowNumber);
    if (!state?.plan) return null;
    const { plan, ledger, serial } = state;
    const targets = ledger.targets;

    const unitRaw = cleanText(unitField);
    let ti = -1;
    if (unitRaw === '') {
      if (targets.length === 1) ti = 0;
      else add(`${at(rowNumber)}unit is empty, but form ${serial} rates ${targets.length} units (${targets.join(', ')})`);
    } else {
      // The exact code first (a map lookup per row); then case and the leading zeros Excel drops (118 for 00118).
      const exact = state.targetOf.get(unitRaw);
      const match = exact !== undefined ? ({ ok: true, index: exact } as const) : matchCode(unitRaw, targets);
      if (match.ok) ti = match.index;
      else if (match.kind === 'ambiguous') {
        add(`${at(rowNumber)}unit "${unitRaw}" could be ${match.candidates.join(' or ')} on form ${serial}${zerosNote(match.why, 'unit')}`);
      } else {
        unitCodes ??= new Set(campaign.units.map((u) => u.code.toUpperCase()));
        add(
          unitCodes.has(unitRaw.toUpperCase())
            ? `${at(rowNumber)}unit "${unitRaw}" is not rated by form ${serial} (it rates: ${targets.join(', ')})`
            : `${at(rowNumber)}unknown unit "${unitRaw}" (form ${serial} rates: ${targets.join(', ')})`,
        );
      }
    }

    const questionRaw = cleanText(questionField);
    let qi = -1;
    if (questionRaw === '') add(`${at(rowNumber)}question is empty`);
    else {
      qi = plan.questionIndex.get(questionRaw) ?? plan.questionIndex.get(questionRaw.toUpperCase()) ?? -1;
      if (qi < 0) {
        // Question "01" that Excel shortened to 1.
        const match = matchCode(questionRaw, plan.questions);
        if (match.ok) qi = match.index;
        else if (match.kind === 'ambiguous') {
          add(`${at(rowNumber)}question "${questionRaw}" could be ${match.candidates.join(' or ')} on form ${plan.form.code}${zerosNote(match.why, 'question')}`);
        } else add(`${at(rowNumber)}question "${questionRaw}" is not on form ${plan.form.code}`);
      }
    }

    const answerRaw = cleanText(answerField);
    let answer: string | undefined;
    if (answerRaw === BLANK || answerRaw === SPOILED) answer = answerRaw;
    else {
      answer = plan.options.get(answerRaw);
      if (answer === undefined) add(`${at(rowNumber)}answer "${answerRaw}" is not an option of ${plan.optionHelp}`);
    }

    if (ti >= 0 && qi >= 0 && state.firstRow) {
      const k = ti * plan.questions.length + qi;
      const first = state.firstRow[k];
      if (first !== 0) add(`${at(rowNumber)}repeats row ${first} (${serial} ${targets[ti]} ${plan.questions[qi]})`);
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
      const cell = `${s.ledger.targets[Math.floor(k / nq)]} ${s.plan.questions[k % nq]}`;
      add(missing === 1 ? `form ${s.serial}: 1 cell missing (${cell})` : `form ${s.serial}: ${missing} cells missing (e.g. ${cell})`);
    }
    if (rowsSeen === 0) add(`the file has no data rows below the header "${KEYED_HEADER.join(',')}"`);
    return { errors: [...errors], errorCount, forms: [...states.keys()] };
  }

  const reject = (message: string) => {
    rowsSeen++;
    add(message);
  };

  return { push, pushFields, reject, finish };
}
