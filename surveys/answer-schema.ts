/** One answer validator derived from a form definition (campaign + group + rated units), shared by the web form, the keying desk, keyed CSV files, reconciliation and the API. */
import { z } from 'zod';
import type { Campaign, Form, Group, Option, Question } from './campaign';
import { BLANK, SPOILED } from './ledger';
import { catalogue, problemText, type Lang, type Where } from './problems';
import { formOf, optionsOf } from './scope';
import { cleanText, codeMatcher, type CodeMatch } from './text';
import type { Cell } from './settle';

/** Cell key in an answer record and in error paths: `<unit>.<question>` (unit codes have no dot, question codes may). */
export const cellKey = (unit: string, question: string) => `${unit}.${question}`;

/** The web form's field name for one cell. */
export const WEB_FIELD_PREFIX = 'a.';
export const webField = (unit: string, question: string) => WEB_FIELD_PREFIX + cellKey(unit, question);

/** Which of a plan's codes a typed code means: text.ts's codeMatcher (case, Excel's lost leading zeros), or nothing typed. */
export type CodeRead = Readonly<{ ok: true; index: number } | { ok: false; kind: 'empty' } | Extract<CodeMatch, { ok: false }>>;

/**
 * The reader of one list of codes. `empty` is what nothing typed means (the only unit of a one-unit form), or null
 * when it means nothing. Worked by hand over ["1", "01", "Q"]: "1" → 0; "q" → 2; "001" → ambiguous (1, 01);
 * "" → empty; "2" → unknown.
 */
function codeReader(codes: readonly string[], empty: number | null): (raw: string) => CodeRead {
  const match = codeMatcher(codes);
  const blank: CodeRead = empty === null ? { ok: false, kind: 'empty' } : match(codes[empty]);
  // The exact code (nearly every row of a keyed file) is one look-up of an answer made once.
  const exact = new Map(codes.map((code) => [code, match(code)]));
  return (raw) => exact.get(raw) ?? (raw === '' ? blank : match(raw));
}

/**
 * What every instance of one paper form (CT-01 ...) shares: its questions in paper order, its options with the
 * spellings a cell may take, its "don't know" codes. The keyed checker builds one per form of a file.
 */
export type FormPlan = {
  form: Form;
  questions: Question[];
  questionCodes: string[];
  options: Option[];
  /** Option codes without a fraction ("don't know"): an answer, never a blank. */
  dontKnow: string[];
  /** The option codes as the keyed-file problems list them: "1, 2, 3, 4, 9". */
  codes: string;
  question: (raw: string) => CodeRead;
  /** The cell reader, with '*' (spoiled: two marks or illegible, which only paper has) or without. */
  reader: (spoiled: boolean) => AnswerReader;
};

export function formPlan(c: Campaign, form: Form): FormPlan {
  const options = optionsOf(c, form);
  const questionCodes = form.questions.map((q) => q.code);
  const paper = answerReader(options, { spoiled: true });
  const web = answerReader(options, { spoiled: false });
  return {
    form,
    questions: form.questions,
    questionCodes,
    options,
    dontKnow: options.filter((o) => o.fraction === null).map((o) => o.code),
    codes: options.map((o) => o.code).join(', '),
    question: codeReader(questionCodes, null),
    reader: (spoiled) => (spoiled ? paper : web),
  };
}

/**
 * One form instance's cells: its rated units (the ledger's targets) × its questions, unit by unit, each cell at
 * `index = unit × questions + question`. Web posts, the desk, keyed CSV rows and the API find a cell through `unit`
 * and `question` (or `cellOf` for a `<unit>.<question>` key), read its value with `reader`, and ask `missing` which
 * cells were never given; no channel has a rule of its own about which cells a form has.
 */
export type AnswerPlan = FormPlan & {
  units: string[];
  /** units × questions. */
  cells: number;
  /** An empty unit is the only unit of a one-unit form (paper rows leave it out). */
  unit: (raw: string) => CodeRead;
  /** The cell of a `<unit>.<question>` key (unit codes have no dot, question codes may), or -1 when the form has none. */
  cellOf: (key: string) => number;
  /** The `<unit>.<question>` key of a cell index. */
  keyOf: (index: number) => string;
  /** How many cells `given` leaves at 0, and the first of them as "<unit> <question>" (for the keyed file's "cells missing"). */
  missing: (given: ArrayLike<number>) => { count: number; first: string } | null;
};

export function instancePlan(fp: FormPlan, targets: readonly string[]): AnswerPlan {
  const units = [...targets];
  const nq = fp.questionCodes.length;
  const unit = codeReader(units, units.length === 1 ? 0 : null);
  const keyOf = (i: number) => cellKey(units[Math.floor(i / nq)], fp.questionCodes[i % nq]);
  return {
    ...fp,
    units,
    cells: units.length * nq,
    unit,
    cellOf: (key) => {
      const dot = key.indexOf('.');
      if (dot < 0) return -1;
      const u = unit(cleanText(key.slice(0, dot)));
      const q = u.ok ? fp.question(cleanText(key.slice(dot + 1))) : u;
      return u.ok && q.ok ? u.index * nq + q.index : -1;
    },
    keyOf,
    missing: (given) => {
      let count = 0;
      let first = -1;
      for (let i = 0; i < given.length; i++) {
        if (given[i] !== 0) continue;
        if (first < 0) first = i;
        count++;
      }
      return count === 0 ? null : { count, first: `${units[Math.floor(first / nq)]} ${fp.questionCodes[first % nq]}` };
    },
  };
}

/** The plan of the form that group `g` answers, for one instance's rated units. */
export function answerPlan(c: Campaign, g: Group, targets: readonly string[]): AnswerPlan {
  return instancePlan(formPlan(c, formOf(c, g)), targets);
}

/**
 * What one web post of a form may weigh, so that a post is refused before it costs anything (issue 11): one field per
 * cell plus a few hidden ones (`_csrf`, `action`, `at`), each cell field at most 96 bytes ("a." + a 40-character unit
 * code + "." + a 40-character question code + "=" + a one-character option + "&"; codes are ASCII, see
 * campaign.ts), and 4 KB for the hidden fields. A 20-unit × 10-question form: 208 fields, 23,296 bytes.
 */
export function webPostLimits(cells: number): { fields: number; bytes: number } {
  return { fields: cells + 8, bytes: 4096 + 96 * cells };
}

/**
 * How one typed cell value reads against a form's options, the same for a web post, a desk cell, a keyed CSV row and
 * a reconciliation decision: its option code in the campaign's spelling (any case), '' for blank, '*' for spoiled
 * where paper allows it, or undefined when it is none of these.
 */
export type AnswerReader = (raw: string) => string | undefined;

export function answerReader(options: readonly Option[], opts: { spoiled: boolean }): AnswerReader {
  const exact = new Map(options.map((o) => [o.code, o.code]));
  const anyCase = new Map(options.map((o) => [o.code.toUpperCase(), o.code]));
  return (raw) => {
    // As every channel cleans what people type (text.ts): a pasted "\u200B2" is 2 on the web as in a keyed file.
    const v = cleanText(raw);
    if (v === BLANK) return BLANK;
    if (v === SPOILED) return opts.spoiled ? SPOILED : undefined;
    // The exact code first: one map look-up for the common case, on the path of every row of a big keyed file.
    return exact.get(v) ?? anyCase.get(v.toUpperCase());
  };
}

/** Why one cell of a post cannot be taken; `where.field` is the cell key, beside which a page shows the text. */
export type AnswerProblem =
  | { kind: 'cell-blank'; where?: Where }
  | { kind: 'cell-not-an-option'; value: string; where?: Where }
  | { kind: 'cell-two-values'; where?: Where }
  | { kind: 'cell-not-on-form'; where?: Where };

/** Respondents read the Vietnamese beside the cell; the API and logs get the English with the cell's key. */
export const ANSWER_TEXT = catalogue<AnswerProblem>({
  'cell-blank': {
    en: () => 'no answer: choose the "don\'t know" option when the unit cannot be rated',
    vi: () => 'Chưa trả lời. Nếu không đánh giá được, hãy chọn phương án "Không biết".',
  },
  'cell-not-an-option': { en: (p) => `"${p.value}" is not an option of this question`, vi: (p) => `"${p.value}" không phải là một phương án của câu hỏi này.` },
  'cell-two-values': { en: () => 'only one option may be chosen', vi: () => 'Chỉ được chọn một phương án.' },
  'cell-not-on-form': { en: () => 'this cell is not on the form', vi: () => 'Ô này không có trong phiếu.' },
});

export const answerText = (p: AnswerProblem, lang: Lang) => problemText(ANSWER_TEXT, p, lang);

/** A zod issue that carries its problem value, so that the edge words it in the reader's language. */
function issue(ctx: z.RefinementCtx, key: string, problem: AnswerProblem): void {
  const p = { ...problem, where: { field: key } };
  ctx.addIssue({ code: 'custom', path: [key], message: answerText(p, 'en'), params: { problem: p } });
}

const Raw = z.record(z.string(), z.union([z.string(), z.array(z.string())]).optional());

export type AnswerSchemaOptions = {
  /** Every cell must hold an option (a "don't know" option included); false for drafts and campaigns with allowBlanks. */
  complete: boolean;
  /** Accept '*' (spoiled: two marks or illegible), which only paper has. */
  spoiled?: boolean;
};

/**
 * The zod schema of one form's answers: a record `{ "<unit>.<question>": "<option code>" }` in, every cell of the
 * form out in form order (units × questions), with option codes in their campaign spelling and '' for blank.
 * Keys name cells as keyed rows do (the plan's `cellOf`: codes in any case, Excel's lost leading zeros) and values
 * are read by the plan's reader; unknown cells, cells named twice, repeated values and non-options are refused,
 * each at its own path.
 */
export function answerSchema(plan: AnswerPlan, opts: AnswerSchemaOptions) {
  const read = plan.reader(opts.spoiled === true);
  return Raw.transform((raw, ctx): Cell[] => {
    const given: (string | string[] | undefined)[] = new Array(plan.cells);
    // Two keys that name one cell (SA.1 and sa.1) are refused, as a keyed file's second row for a cell is.
    const named = new Uint8Array(plan.cells);
    for (const [k, v] of Object.entries(raw)) {
      const i = plan.cellOf(k);
      if (i < 0) issue(ctx, k, { kind: 'cell-not-on-form' });
      else {
        if (named[i] < 2) named[i]++;
        given[i] = v;
      }
    }
    const cells: Cell[] = [];
    for (let i = 0; i < plan.cells; i++) {
      const key = plan.keyOf(i);
      let value = given[i];
      if (named[i] > 1) {
        issue(ctx, key, { kind: 'cell-two-values' });
        continue;
      }
      if (Array.isArray(value)) {
        // A browser posts a radio group once; two values mean a crafted post or a duplicated field.
        if (new Set(value.map((v) => v.trim().toUpperCase())).size > 1) {
          issue(ctx, key, { kind: 'cell-two-values' });
          continue;
        }
        value = value[0];
      }
      const answer = read(value ?? '');
      if (answer === undefined) issue(ctx, key, { kind: 'cell-not-an-option', value: (value ?? '').trim() });
      else if (answer === BLANK && opts.complete) issue(ctx, key, { kind: 'cell-blank' });
      else cells.push({ unit: plan.units[Math.floor(i / plan.questionCodes.length)], question: plan.questionCodes[i % plan.questionCodes.length], answer });
    }
    return cells;
  });
}

export type AnswerSchema = ReturnType<typeof answerSchema>;

/** The answer record of a web form post: `a.<unit>.<question>` fields with the prefix taken off; other fields are left out. */
export function answersFromWebFields(body: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(body)) {
    if (!name.startsWith(WEB_FIELD_PREFIX)) continue;
    if (typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
      out[name.slice(WEB_FIELD_PREFIX.length)] = value as string | string[];
    }
  }
  return out;
}

/** The answers as a record keyed by cell, e.g. to show what a person typed or saved. */
export function answersByCell(cells: Cell[]): Map<string, string> {
  return new Map(cells.map((c) => [cellKey(c.unit, c.question), c.answer]));
}

/** Problems of a failed parse, by cell key (the first of each), in words. */
export function issuesByCell(error: z.ZodError, lang: Lang): Map<string, string> {
  const out = new Map<string, string>();
  for (const i of error.issues) {
    const k = String(i.path[0] ?? '');
    const problem = i.code === 'custom' ? (i.params?.problem as AnswerProblem | undefined) : undefined;
    if (!out.has(k)) out.set(k, problem ? answerText(problem, lang) : i.message);
  }
  return out;
}
