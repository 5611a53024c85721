/** The audit log: one append-only row for every write, with who, when and what. */
import { desc, eq } from 'drizzle-orm';
import type { Db } from './open';
import { auditLog } from './schema';

export type AuditEntry = { actor: string; action: string; campaignId?: number | null; detail?: Record<string, unknown> };

export function audit(db: Db, e: AuditEntry): void {
  db.insert(auditLog)
    .values({ actor: e.actor, action: e.action, campaignId: e.campaignId ?? null, detail: JSON.stringify(e.detail ?? {}) })
    .run();
}

export function listAudit(db: Db, opts: { campaignId?: number; limit?: number } = {}) {
  const q = db.select().from(auditLog);
  const filtered = opts.campaignId === undefined ? q : q.where(eq(auditLog.campaignId, opts.campaignId));
  return filtered.orderBy(desc(auditLog.id)).limit(opts.limit ?? 200).all();
}
