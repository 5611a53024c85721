/** One answer validator derived from a form definition (campaign + group + rated units), shared by the web form, the keying desk and the API. */
import { z } from 'zod';
import type { Campaign, Group, Option, Question } from './campaign';
import { BLANK, SPOILED } from './ledger';
import { catalogue, problemText, type Lang, type Where } from './problems';
import { formOf, optionsOf } from './scope';
import type { Cell } from './settle';

/** Cell key in an answer record and in error paths: `<unit>.<question>` (unit codes have no dot, question codes may). */
export const cellKey = (unit: string, question: string) => `${unit}.${question}`;

/** The web form's field name for one cell. */
export const WEB_FIELD_PREFIX = 'a.';
export const webField = (unit: string, question: string) => WEB_FIELD_PREFIX + cellKey(unit, question);

export type AnswerPlan = {
  units: string[];
  questions: Question[];
  options: Option[];
  /** Option codes without a fraction ("don't know"): an answer, never a blank. */
  dontKnow: string[];
};

export type AnswerSchemaOptions = {
  /** Every cell must hold an option (a "don't know" option included); false for drafts and campaigns with allowBlanks. */
  complete: boolean;
  /** Accept '*' (spoiled: two marks or illegible), which only paper has. */
  spoiled?: boolean;
};

export function answerPlan(c: Campaign, g: Group, targets: string[]): AnswerPlan {
  const form = formOf(c, g);
  const options = optionsOf(c, form);
  return { units: [...targets], questions: form.questions, options, dontKnow: options.filter((o) => o.fraction === null).map((o) => o.code) };
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
    const v = raw.trim();
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

/**
 * The zod schema of one form's answers: a record `{ "<unit>.<question>": "<option code>" }` in, every cell of the
 * form out in form order (units × questions), with option codes in their campaign spelling and '' for blank.
 * Codes match case-insensitively; unknown cells, repeated values and non-options are refused, each at its own path.
 */
export function answerSchema(plan: AnswerPlan, opts: AnswerSchemaOptions) {
  const read = answerReader(plan.options, { spoiled: opts.spoiled === true });
  const keys = plan.units.flatMap((u) => plan.questions.map((q) => ({ key: cellKey(u, q.code), unit: u, question: q.code })));
  const known = new Set(keys.map((k) => k.key));
  return Raw.transform((raw, ctx): Cell[] => {
    for (const k of Object.keys(raw)) {
      if (!known.has(k)) issue(ctx, k, { kind: 'cell-not-on-form' });
    }
    const cells: Cell[] = [];
    for (const { key, unit, question } of keys) {
      let value = raw[key];
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
      else cells.push({ unit, question, answer });
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
