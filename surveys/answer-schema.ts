/** One answer validator derived from a form definition (campaign + group + rated units), shared by the web form, the keying desk and the API. */
import { z } from 'zod';
import type { Campaign, Group, Option, Question } from './campaign';
import { BLANK, SPOILED } from './ledger';
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

/** Messages for respondents (Vietnamese); the path of each issue is the cell key, or the offending field name. */
export const ANSWER_MESSAGES = {
  missing: 'Chưa trả lời. Nếu không đánh giá được, hãy chọn phương án "Không biết".',
  notAnOption: (v: string) => `"${v}" không phải là một phương án của câu hỏi này.`,
  repeated: 'Chỉ được chọn một phương án.',
  unknownCell: 'Ô này không có trong phiếu.',
} as const;

const Raw = z.record(z.string(), z.union([z.string(), z.array(z.string())]).optional());

/**
 * The zod schema of one form's answers: a record `{ "<unit>.<question>": "<option code>" }` in, every cell of the
 * form out in form order (units × questions), with option codes in their campaign spelling and '' for blank.
 * Codes match case-insensitively; unknown cells, repeated values and non-options are refused, each at its own path.
 */
export function answerSchema(plan: AnswerPlan, opts: AnswerSchemaOptions) {
  const options = new Map<string, string>();
  for (const o of plan.options) options.set(o.code.toUpperCase(), o.code);
  const keys = plan.units.flatMap((u) => plan.questions.map((q) => ({ key: cellKey(u, q.code), unit: u, question: q.code })));
  const known = new Set(keys.map((k) => k.key));
  return Raw.transform((raw, ctx): Cell[] => {
    for (const k of Object.keys(raw)) {
      if (!known.has(k)) ctx.addIssue({ code: 'custom', path: [k], message: ANSWER_MESSAGES.unknownCell });
    }
    const cells: Cell[] = [];
    for (const { key, unit, question } of keys) {
      let value = raw[key];
      if (Array.isArray(value)) {
        // A browser posts a radio group once; two values mean a crafted post or a duplicated field.
        if (new Set(value.map((v) => v.trim().toUpperCase())).size > 1) {
          ctx.addIssue({ code: 'custom', path: [key], message: ANSWER_MESSAGES.repeated });
          continue;
        }
        value = value[0];
      }
      const v = (value ?? '').trim();
      let answer: string | undefined;
      if (v === BLANK) answer = BLANK;
      else if (v === SPOILED && opts.spoiled) answer = SPOILED;
      else answer = options.get(v.toUpperCase());
      if (answer === undefined) ctx.addIssue({ code: 'custom', path: [key], message: ANSWER_MESSAGES.notAnOption(v) });
      else if (answer === BLANK && opts.complete) ctx.addIssue({ code: 'custom', path: [key], message: ANSWER_MESSAGES.missing });
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

/** Issues of a failed parse, by cell key (the first message of each). */
export function issuesByCell(error: z.ZodError): Map<string, string> {
  const out = new Map<string, string>();
  for (const i of error.issues) {
    const k = String(i.path[0] ?? '');
    if (!out.has(k)) out.set(k, i.message);
  }
  return out;
}
