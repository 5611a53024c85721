/** The web questionnaire as plain view data: the same questions, units and option codes as the paper form, with what was typed and what is wrong. */
import { formatAccessCode } from './access-code';
import { answerPlan, cellKey, webField } from './answer-schema';
import type { Campaign } from './campaign';
import { groupByCode, indexUnits, unitByCode } from './scope';
import { numberVi } from './format-vi';

/**
 * The campaigns on the public start page: only their names. How many forms are issued or counted is for the Sở Nội
 * vụ, not for anyone who opens the page.
 */
export function publicCampaigns(campaigns: { name: string; province: string; year: number }[]) {
  return campaigns.map((c) => ({ name: c.name, province: c.province, year: c.year }));
}

/** How the pages address the respondent: the campaign's own choice, read from its texts (default Ông/Bà). */
export type Address = 'Ông/Bà' | 'Quý vị';

/**
 * The form of address of a campaign: "Quý vị" only when its forms' texts use it and never "Ông/Bà", so that our
 * sentences match the province's introduction on one page.
 */
export function addressOf(c: Campaign): Address {
  const text = c.forms.map((f) => `${f.title} ${f.intro ?? ''}`).join(' ');
  return /quý vị/i.test(text) && !/ông\s*\/\s*bà/i.test(text) ? 'Quý vị' : 'Ông/Bà';
}

/** Words in a sentence that tell a paper respondent how to mark or post the sheet, meaningless on a screen. */
const PAPER_ONLY = /đánh dấu|\(\s*x\s*\)|khoanh tròn|tích vào|gạch chéo|ô vuông|phiếu giấy|bưu điện|bưu chính|không đọc được/i;

/**
 * The form's introduction for the web: the paper introduction less its sentences about marking boxes and posting
 * the sheet (the page gives its own instructions for choosing on screen). Sentences end at . ! ? followed by a space.
 */
export function webIntro(intro: string | undefined): string {
  if (!intro) return '';
  return intro
    .split(/\n/)
    .map((para) =>
      para
        .split(/(?<=[.!?…])\s+/)
        .filter((sentence) => !PAPER_ONLY.test(sentence))
        .join(' '),
    )
    .filter((para) => para.trim() !== '')
    .join('\n');
}

/**
 * Where to bring the respondent back after saving: the cell or question they were at (`at`, sent by the page's
 * script) when it is one of this form's, else the first cell left unanswered (where to go on), else the submit bar.
 * Cells are `c<unit>-<question>` and questions `q<question>`, by position, as in questionnaireView.
 */
export function returnAnchor(units: string[], questions: string[], answered: (cell: string) => boolean, at: string | undefined): string {
  const m = /^(?:q(\d+)|c(\d+)-(\d+))$/.exec(at ?? '');
  if (m && (m[1] !== undefined ? Number(m[1]) < questions.length : Number(m[2]) < units.length && Number(m[3]) < questions.length)) return at!;
  for (let qi = 0; qi < questions.length; qi++) {
    for (let ui = 0; ui < units.length; ui++) if (!answered(cellKey(units[ui], questions[qi]))) return `c${ui}-${qi}`;
  }
  return 'gui';
}

/** A web form instance as the page needs it. */
export type QuestionnaireForm = { formCode: string; groupCode: string; homeUnit: string | null; accessCode: string };

/**
 * The questionnaire page's data: heading, and every question × rated unit with its options, the answer shown as
 * chosen (`values`, by cell key, as posted or saved) and its error; the template only prints it.
 */
export function questionnaireView(
  c: Campaign,
  form: QuestionnaireForm,
  targets: string[],
  values: Map<string, string | string[]>,
  errors: Map<string, string>,
) {
  const group = groupByCode(c, form.groupCode)!;
  const plan = answerPlan(c, group, targets);
  const formDef = c.forms.find((f) => f.code === form.formCode) ?? c.forms.find((f) => f.code === group.form)!;
  const units = indexUnits(c);
  const unitName = (code: string) => unitByCode(c, code, units)?.name ?? code;
  // What was posted or saved, read as the validator reads it: an option in its campaign spelling, else nothing chosen.
  const read = plan.reader(false);
  const answeredCells = new Set<string>();
  const questions = plan.questions.map((q, qi) => ({
    code: q.code,
    text: q.text,
    id: `q${qi}`,
    units: plan.units.map((u, ui) => {
      const key = cellKey(u, q.code);
      const raw = values.get(key);
      const chosen = read(Array.isArray(raw) ? raw[0] : (raw ?? ''));
      const id = `c${ui}-${qi}`;
      if (chosen) answeredCells.add(key);
      return {
        id,
        name: unitName(u),
        error: errors.get(key),
        options: plan.options.map((o, oi) => ({
          id: `${id}-${oi}`,
          field: webField(u, q.code),
          code: o.code,
          label: o.label,
          checked: chosen === o.code,
          dontKnow: plan.dontKnow.includes(o.code),
        })),
      };
    }),
  }));
  const total = plan.units.length * plan.questions.length;
  const errorItems = plan.units.flatMap((u, ui) =>
    plan.questions.flatMap((q, qi) => {
      const e = errors.get(cellKey(u, q.code));
      return e ? [{ href: `#c${ui}-${qi}`, text: `Câu ${q.code} — ${unitName(u)}: ${e}` }] : [];
    }),
  );
  return {
    title: `${formDef.code} — ${formDef.title}`,
    province: c.province,
    campaignName: c.name,
    year: c.year,
    formCode: formDef.code,
    formTitle: formDef.title,
    groupName: group.name,
    homeName: form.homeUnit ? unitName(form.homeUnit) : null,
    code: formatAccessCode(form.accessCode),
    you: addressOf(c),
    webIntro: webIntro(formDef.intro),
    options: plan.options.map((o) => ({ code: o.code, label: o.label, dontKnow: plan.dontKnow.includes(o.code) })),
    multiUnit: plan.units.length > 1,
    questions,
    answered: numberVi(answeredCells.size),
    total: numberVi(total),
    // The "next unanswered" link without JavaScript: the first empty cell when the page was made.
    nextEmpty: returnAnchor(
      plan.units,
      plan.questions.map((q) => q.code),
      (cell) => answeredCells.has(cell),
      undefined,
    ),
    allowBlanks: c.allowBlanks,
    errorCount: errorItems.length,
    errorCountText: numberVi(errorItems.length),
    errorItems: errorItems.slice(0, 20),
    errorMore: Math.max(0, errorItems.length - 20),
    errorMoreText: numberVi(Math.max(0, errorItems.length - 20)),
  };
}
