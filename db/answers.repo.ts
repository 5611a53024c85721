/** The settled cells of counted forms for the anonymised answers export, each form named by a keyed hash (the salt is in settings.repo). */
import { createHmac } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { AnsweredCell } from '../surveys/answers-export';
import type { Db } from './open';
import { formInstances, submissionCells } from './schema';
import { responseSalt } from './settings.repo';

/** Every settled cell of every counted form of a campaign; the form is named only by its keyed-hash response id. */
export function loadAnsweredCells(db: Db, campaignId: number): AnsweredCell[] {
  const salt = responseSalt(db);
  const rows = db
    .select({
      formId: formInstances.id,
      group: formInstances.groupCode,
      home: formInstances.homeUnit,
      form: formInstances.formCode,
      unit: submissionCells.unit,
      question: submissionCells.question,
      answer: submissionCells.answer,
    })
    .from(formInstances)
    .innerJoin(submissionCells, eq(submissionCells.submissionId, formInstances.finalSubmissionId))
    .where(and(eq(formInstances.campaignId, campaignId), eq(formInstances.status, 'counted')))
    .all();
  const ids = new Map<number, string>();
  const idOf = (formId: number) => {
    let id = ids.get(formId);
    if (!id) {
      id = 'R' + createHmac('sha256', salt).update(`${campaignId}:${formId}`).digest('hex').slice(0, 12).toUpperCase();
      ids.set(formId, id);
    }
    return id;
  };
  return rows.map(({ formId, ...r }) => ({ responseId: idOf(formId), ...r }));
}
