/** What the analysis reads beyond the score path: returned forms by channel, status and invalid reason, and the whole analysis input of a stored campaign. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { analyse, type Analysis } from '../surveys/analysis/analysis';
import type { ReturnCount } from '../surveys/analysis/response';
import { RETURNED_STATUSES } from '../surveys/ledger';
import { keyerAccuracy } from './accuracy.repo';
import { listConflicts } from './entry.repo';
import { nextToVerify } from './scans.repo';
import { loadAnsweredCells } from './answers.repo';
import type { StoredCampaign } from './records';
import type { Db } from './open';
import { formInstances } from './schema';
import { loadQuotaCounts, loadSelfPoints, scoreStored } from './scores.repo';

/** Returned forms per (group, home unit), apart by channel (a web submission exists) and by status and invalid reason. */
export function loadReturnCounts(db: Db, campaignId: number): ReturnCount[] {
  // The outer column is named with its table: drizzle writes a bare "id" here, which the subquery would read as s.id.
  const web = sql<number>`exists (select 1 from submissions s where s.form_id = "form_instances"."id" and s.kind = 'web_submit')`;
  return db
    .select({
      group: formInstances.groupCode,
      home: formInstances.homeUnit,
      web,
      status: formInstances.status,
      invalidReason: formInstances.invalidReason,
      forms: sql<number>`count(*)`,
    })
    .from(formInstances)
    .where(and(eq(formInstances.campaignId, campaignId), inArray(formInstances.status, RETURNED_STATUSES)))
    .groupBy(formInstances.groupCode, formInstances.homeUnit, web, formInstances.status, formInstances.invalidReason)
    .all()
    .map((r) => ({ ...r, web: Boolean(r.web), forms: Number(r.forms) }));
}

/** The analysis of a stored campaign, recomputed from its stored answers; `compare` is an earlier stored campaign. */
export function analyseStored(db: Db, c: StoredCampaign, opts: { compare?: StoredCampaign; replicates?: number; seed?: number } = {}): Analysis {
  return analyse({
    campaign: c.def,
    cells: loadAnsweredCells(db, c.id),
    self: loadSelfPoints(db, c.id),
    quota: loadQuotaCounts(db, c.id),
    returns: loadReturnCounts(db, c.id),
    accuracy: keyerAccuracy(db, c.id),
    undecided: { reconcile: listConflicts(db, c).length, verify: nextToVerify(db, c.id).remaining },
    compare: opts.compare ? { code: opts.compare.code, scores: scoreStored(db, opts.compare) } : undefined,
    replicates: opts.replicates,
    seed: opts.seed,
  });
}
