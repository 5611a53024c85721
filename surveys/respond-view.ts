/** The web questionnaire as plain view data: the same questions, units and option codes as the paper form, with what was typed and what is wrong. */
import { formatAccessCode } from './access-code';
import { answerPlan, cellKey, webField } from './answer-schema';
import type { Campaign } from './campaign';
import { groupByCode } from './scope';

/** A web form instance as the page needs it. */
export type QuestionnaireForm = { formCode: string; groupCode: string; homeUnit: string | null; accessCode: string };

/**
 * The questionnaire page's data: heading, and every question × rated unit with its options, the answer shown as
 * chosen (`values`, by cell key, as posted or saved) and its error; the template only prints it.
 */
export function questionnaireView(c: Campaign, form: QuestionnaireForm, targets: string[], values: Map<string, string | string[]>, errors: Map<string, string>) {
  const group = groupByCode(c, form.groupCode)!;
  const plan = answerPlan(c, group, targets);
  const formDef = c.forms.find((f) => f.code === form.formCode) ?? c.forms.find((f) => f.code === group.form)!;
  const unitName = (code: string) => c.units.find((u) => u.code === code)?.name ?? code;
  const canonical = new Map(plan.options.map((o) => [o.code.toUpperCase(), o.code]));
  let answered = 0;
  const questions = plan.questions.map((q, qi) => ({
    code: q.code,
    text: q.text,
    id: `q${qi}`,
    units: plan.units.map((u, ui) => {
      const key = cellKey(u, q.code);
      const raw = values.get(key);
      const chosen = canonical.get((Array.isArray(raw) ? raw[0] : (raw ?? '')).trim().toUpperCase());
      if (chosen) answered += 1;
      const id = `c${ui}-${qi}`;
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
    intro: formDef.intro,
    groupName: group.name,
    homeName: form.homeUnit ? unitName(form.homeUnit) : null,
    code: formatAccessCode(form.accessCode),
    options: plan.options.map((o) => ({ code: o.code, label: o.label })),
    multiUnit: plan.units.length > 1,
    questions,
    answered,
    total,
    allowBlanks: c.allowBlanks,
    errorCount: errorItems.length,
    errorItems: errorItems.slice(0, 20),
    errorMore: Math.max(0, errorItems.length - 20),
  };
}
