/** The form ledger: issuing form instances to fill quotas, the dispatch manifest, and the ledger view the checks use. */
import { randomInt } from 'node:crypto';
import { and, asc, eq, inArray, max, ne, sql } from 'drizzle-orm';
import { makeAccessCode } from '../surveys/access-code';
import { homeKey, planIssue, type IssueNeed } from '../surveys/issue-plan';
import { PASS_KINDS, type Channel, type LedgerForm, type PassKind } from '../surveys/ledger';
import type { PrintableForm } from '../surveys/print-layout';
import { makeSerial } from '../surveys/serial';
import { audit } from './audit.repo';
import type { StoredCampaign } from './campaigns.repo';
import { inTransaction, type Db } from './open';
import { formInstances, importBatches, submissions } from './schema';

export type IssueOutcome = { issued: number; total: number; plan: IssueNeed[] };

/** Tops every (group, home unit) up to ceil(quota × (1 + spareShare)); running it again issues only what is missing. */
export function issueForms(db: Db, c: StoredCampaign, channel: Channel, actor: string): IssueOutcome {
  return inTransaction(db, () => {
    const counts = db
      .select({ groupCode: formInstances.groupCode, homeUnit: formInstances.homeUnit, n: sql<number>`count(*)` })
      .from(formInstances)
      .where(and(eq(formInstances.campaignId, c.id), ne(formInstances.status, 'void')))
      .groupBy(formInstances.groupCode, formInstances.homeUnit)
      .all();
    const existing = new Map(counts.map((r) => [homeKey(r.groupCode, r.homeUnit), Number(r.n)]));
    const plan = planIssue(c.def, existing);
    let seq = Number(
      db
        .select({ m: max(formInstances.seq) })
        .from(formInstances)
        .where(eq(formInstances.campaignId, c.id))
        .get()?.m ?? 0,
    );
    let issued = 0;
    for (const need of plan) {
      for (let i = 0; i < need.toIssue; i++) {
        seq += 1;
        db.insert(formInstances)
          .values({
            campaignId: c.id,
            seq,
            serial: makeSerial(seq),
            accessCode: makeAccessCode(randomInt),
            formCode: need.form,
            groupCode: need.group,
            homeUnit: need.home,
            targets: need.targets,
            channel,
          })
          .run();
        issued += 1;
      }
    }
    audit(db, { actor, action: 'forms.issue', campaignId: c.id, detail: { issued, channel } });
    const total = db.select({ n: sql<number>`count(*)` }).from(formInstances).where(eq(formInstances.campaignId, c.id)).get()?.n ?? 0;
    return { issued, total: Number(total), plan };
  });
}

export type FormRow = typeof formInstances.$inferSelect;

export function listForms(db: Db, campaignId: number, filter: { group?: string; home?: string } = {}): FormRow[] {
  const conds = [eq(formInstances.campaignId, campaignId)];
  if (filter.group) conds.push(eq(formInstances.groupCode, filter.group));
  if (filter.home) conds.push(eq(formInstances.homeUnit, filter.home));
  return db
    .select()
    .from(formInstances)
    .where(and(...conds))
    .orderBy(asc(formInstances.seq))
    .all();
}

export function getFormBySerial(db: Db, campaignId: number, serial: string): FormRow | undefined {
  return db
    .select()
    .from(formInstances)
    .where(and(eq(formInstances.campaignId, campaignId), eq(formInstances.serial, serial)))
    .get();
}

/** What settling a stored form needs: its id, group and the units it rates. */
export const settlingForm = (f: FormRow) => ({ id: f.id, groupCode: f.groupCode, targets: f.targets });

/**
 * The plain view of the forms of a campaign, with the operators of their keyed passes, for the keyed-CSV checker;
 * `serial` narrows it to one form (the keying desk's save must not read a 100,000-form ledger inside its transaction).
 */
export function ledgerForms(db: Db, campaignId: number, serial?: string): Map<string, LedgerForm & { id: number }> {
  const one = serial === undefined ? undefined : getFormBySerial(db, campaignId, serial);
  const forms = serial === undefined ? listForms(db, campaignId) : one ? [one] : [];
  const passes = db
    .select({ formId: submissions.formId, kind: submissions.kind, actor: submissions.actor, loadedBy: importBatches.loadedBy })
    .from(submissions)
    .innerJoin(formInstances, eq(submissions.formId, formInstances.id))
    .leftJoin(importBatches, eq(submissions.batchId, importBatches.id))
    .where(
      and(eq(formInstances.campaignId, campaignId), serial === undefined ? undefined : eq(formInstances.serial, serial), inArray(submissions.kind, PASS_KINDS)),
    )
    .all();
  type Pass = { operator: string; loadedBy: string | null };
  const byForm = new Map<number, Partial<Record<PassKind, Pass>>>();
  for (const p of passes) {
    if (p.kind !== 'pass1' && p.kind !== 'pass2') continue; // the query reads only passes; this tells the type so
    const entry = byForm.get(p.formId) ?? {};
    entry[p.kind] = { operator: p.actor, loadedBy: p.loadedBy };
    byForm.set(p.formId, entry);
  }
  return new Map(
    forms.map((f) => [
      f.serial,
      {
        id: f.id,
        serial: f.serial,
        groupCode: f.groupCode,
        homeUnit: f.homeUnit,
        targets: f.targets,
        status: f.status,
        countedFrom: f.countedFrom,
        pass1Operator: byForm.get(f.id)?.pass1?.operator ?? null,
        pass2Operator: byForm.get(f.id)?.pass2?.operator ?? null,
        pass1LoadedBy: byForm.get(f.id)?.pass1?.loadedBy ?? null,
        pass2LoadedBy: byForm.get(f.id)?.pass2?.loadedBy ?? null,
      },
    ]),
  );
}

/** The forms of a print run in ledger order; void forms are never printed. */
export function printableForms(db: Db, campaignId: number, sel: { group?: string; home?: string }): PrintableForm[] {
  return listForms(db, campaignId, sel)
    .filter((f) => f.status !== 'void')
    .map((f) => ({ serial: f.serial, accessCode: f.accessCode, groupCode: f.groupCode, homeUnit: f.homeUnit, targets: f.targets }));
}
