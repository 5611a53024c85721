/** The audit log: one append-only row for every write, with who, when and what. */
import { and, desc, eq, getTableColumns, lt } from 'drizzle-orm';
import { insertAudit } from './answer-writes';
import type { Db } from './open';
import { auditLog, campaigns } from './schema';

export type AuditEntry = { actor: string; action: string; campaignId?: number | null; detail?: Record<string, unknown> };

export function audit(db: Db, e: AuditEntry): void {
  insertAudit(db, e.actor, e.action, e.campaignId ?? null, e.detail ?? {});
}

export function listAudit(db: Db, opts: { campaignId?: number; limit?: number } = {}) {
  const q = db.select().from(auditLog);
  const filtered = opts.campaignId === undefined ? q : q.where(eq(auditLog.campaignId, opts.campaignId));
  return filtered
    .orderBy(desc(auditLog.id))
    .limit(opts.limit ?? 200)
    .all();
}

export type AuditPage = { rows: (typeof auditLog.$inferSelect & { campaign: string | null })[]; nextBefore: number | null };

/** Newest first, optionally of one action or actor, a page at a time (`before` = the last id already shown). */
export function pageAudit(db: Db, opts: { action?: string; actor?: string; campaignId?: number; before?: number; limit?: number } = {}): AuditPage {
  const limit = opts.limit ?? 100;
  const conds = [];
  if (opts.action) conds.push(eq(auditLog.action, opts.action));
  if (opts.actor) conds.push(eq(auditLog.actor, opts.actor));
  if (opts.campaignId !== undefined) conds.push(eq(auditLog.campaignId, opts.campaignId));
  if (opts.before !== undefined) conds.push(lt(auditLog.id, opts.before));
  const rows = db
    .select({ ...getTableColumns(auditLog), campaign: campaigns.code })
    .from(auditLog)
    .leftJoin(campaigns, eq(auditLog.campaignId, campaigns.id))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit + 1)
    .all();
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  return { rows: page, nextBefore: more ? page[page.length - 1].id : null };
}

/** The distinct actions in the log, for the viewer's filter. */
export function auditActions(db: Db): string[] {
  return db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .orderBy(auditLog.action)
    .all()
    .map((r) => r.action);
}
