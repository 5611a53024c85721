/** What scoring and quotas read: tallies of settled answers of counted forms, ledger counts, self-assessment points. */
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { RETURNED_STATUSES } from '../surveys/ledger';
import type { QuotaCount } from '../surveys/quotas';
import { scoreCampaign, type ScoreResult, type SelfPoints, type Tally } from '../surveys/scoring';
import { audit } from './audit.repo';
import type { StoredCampaign } from './records';
import { inTransaction, type Db } from './open';
import { formInstances, importBatches, selfPoints, submissionCells } from './schema';

/** Counts of settled cells of counted forms by (group, unit, question, answer): all that scoring needs. */
export function loadTallies(db: Db, campaignId: number): Tally[] {
  return db
    .select({
      group: formInstances.groupCode,
      unit: submissionCells.unit,
      question: submissionCells.question,
      answer: submissionCells.answer,
      count: sql<number>`count(*)`,
    })
    .from(formInstances)
    .innerJoin(submissionCells, eq(submissionCells.submissionId, formInstances.finalSubmissionId))
    .where(and(eq(formInstances.campaignId, campaignId), eq(formInstances.status, 'counted')))
    .groupBy(formInstances.groupCode, submissionCells.unit, submissionCells.question, submissionCells.answer)
    .all();
}

/** Ledger counts per (group, home unit); returned means the form came back (keyed, submitted, or judged invalid). */
export function loadQuotaCounts(db: Db, campaignId: number): QuotaCount[] {
  const s = formInstances.status;
  return db
    .select({
      group: formInstances.groupCode,
      home: formInstances.homeUnit,
      issued: sql<number>`sum(${ne(s, 'void')})`,
      returned: sql<number>`sum(${inArray(s, RETURNED_STATUSES)})`,
      counted: sql<number>`sum(${eq(s, 'counted')})`,
    })
    .from(formInstances)
    .where(eq(formInstances.campaignId, campaignId))
    .groupBy(formInstances.groupCode, formInstances.homeUnit)
    .all()
    .map((r) => ({ ...r, issued: Number(r.issued), returned: Number(r.returned), counted: Number(r.counted) }));
}

/** The self-assessment points in force: those of the newest import of the campaign. */
export function loadSelfPoints(db: Db, campaignId: number): SelfPoints[] {
  const latest = db
    .select({ id: importBatches.id })
    .from(importBatches)
    .where(and(eq(importBatches.campaignId, campaignId), eq(importBatches.kind, 'self')))
    .orderBy(desc(importBatches.id))
    .limit(1)
    .get();
  if (!latest) return [];
  return db
    .select({ unit: selfPoints.unit, selfPoints: selfPoints.selfPoints, selfMax: selfPoints.selfMax })
    .from(selfPoints)
    .where(eq(selfPoints.batchId, latest.id))
    .all();
}

/** Stores a checked self-assessment file as a new batch; earlier batches stay for the record. */
export function saveSelfPoints(db: Db, c: StoredCampaign, rows: SelfPoints[], fileName: string, actor: string): number {
  return inTransaction(db, () => {
    const batchId = db
      .insert(importBatches)
      .values({ campaignId: c.id, kind: 'self', fileName, operator: actor, rows: rows.length })
      .returning({ id: importBatches.id })
      .get().id;
    for (const r of rows)
      db.insert(selfPoints)
        .values({ campaignId: c.id, batchId, ...r })
        .run();
    audit(db, { actor, action: 'self.import', campaignId: c.id, detail: { file: fileName, rows: rows.length, batchId } });
    return batchId;
  });
}

/** Every score of a campaign, recomputed from the stored answers (never cached, so never stale). */
export function scoreStored(db: Db, c: StoredCampaign): ScoreResult {
  return scoreCampaign(c.def, loadTallies(db, c.id), loadSelfPoints(db, c.id));
}
