/** Fills a campaign with counted paper answers through the app's own writes: every issued form, every cell, from a fixed-seed generator. */
import { insertAnswers, setFormSettled } from '../../db/answer-writes';
import { eq } from 'drizzle-orm';
import { getCampaign } from '../../db/campaigns.repo';
import type { Db } from '../../db/open';
import { formInstances } from '../../db/schema';
import { formOf } from '../../surveys/scope';
import type { Cell } from '../../surveys/settle';

/** Answers drawn in turn (by a linear congruential generator, seed 7) for every cell; returns the number of cells written. */
export function answerEveryForm(db: Db, code: string, answers = ['1', '2', '3', '4', '9', '2', '1', '']): number {
  const c = getCampaign(db, code)!;
  const sql = db.$client;
  const forms = db
    .select({ id: formInstances.id, groupCode: formInstances.groupCode, targets: formInstances.targets })
    .from(formInstances)
    .where(eq(formInstances.campaignId, c.id))
    .all();
  const questionsOf = new Map(c.def.groups.map((g) => [g.code, formOf(c.def, g).questions]));
  let cells = 0;
  let seed = 7;
  sql.transaction(() => {
    for (const f of forms) {
      const keyed: Cell[] = [];
      for (const unit of f.targets) {
        for (const q of questionsOf.get(f.groupCode)!) {
          seed = (seed * 1103515245 + 12345) % 2147483648;
          keyed.push({ unit, question: q.code, answer: answers[seed % answers.length] });
        }
      }
      const sid = insertAnswers(db, { formId: f.id, kind: 'pass1', actor: 'seed', definitionVersion: c.version }, keyed);
      setFormSettled(db, f.id, { status: 'counted', countedFrom: 'paper', invalidReason: null, submissionId: sid });
      cells += keyed.length;
    }
  })();
  return cells;
}
