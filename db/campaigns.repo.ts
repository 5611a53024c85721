/** Campaign storage: load (create or replace while no answers exist), look up and list campaigns. */
import { and, eq, ne, sql } from 'drizzle-orm';
import { CampaignSchema, type Campaign } from '../surveys/campaign';
import { ORPHANS_LISTED, type CampaignLoadProblem } from '../surveys/campaign-load-problems';
import { homeUnitsOf, indexUnits, targetsOf } from '../surveys/scope';
import { unscoredSelfUnits } from '../surveys/scoring';
import { audit } from './audit.repo';
import { inTransaction, type Db } from './open';
import { loadSelfPoints } from './scores.repo';
import type { StoredCampaign } from './records';
import { campaigns, campaignVersions, formInstances, submissions } from './schema';

export type { StoredCampaign };

export type LoadOutcome = { ok: true; code: string; replaced: boolean; version: number; unchanged?: true } | { ok: false; problems: CampaignLoadProblem[] };

/**
 * Parsed definitions by campaign id, reused while the stored version is unchanged: parsing a national campaign
 * (100,000 units, 5.7 MB of JSON) takes about 160 ms, too much for every request (the sample takes 0.4 ms). Every
 * change of a definition bumps `version` (loadCampaign), so a stale entry is never served; definitions are deeply
 * frozen so that no caller can change the shared copy. The web app owns one per database (server/plugins/campaigns.ts)
 * and passes it in; the CLI, which reads a campaign once per run, passes none.
 */
export type DefinitionCache = Map<number, { version: number; def: Campaign }>;

function definitionOf(db: Db, id: number, version: number, cache: DefinitionCache | undefined): Campaign {
  const hit = cache?.get(id);
  if (hit && hit.version === version) return hit.def;
  const row = db.select({ definition: campaigns.definition }).from(campaigns).where(eq(campaigns.id, id)).get();
  if (!row) throw new Error(`campaign ${id} vanished while it was read`);
  // Stored definitions were checked on load; parsing again only restores defaults and types.
  const def = deepFreeze(CampaignSchema.parse(JSON.parse(row.definition)));
  cache?.set(id, { version, def });
  return def;
}

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

const listed = { id: campaigns.id, code: campaigns.code, name: campaigns.name, year: campaigns.year, province: campaigns.province, version: campaigns.version };

export function getCampaign(db: Db, code: string, cache?: DefinitionCache): StoredCampaign | undefined {
  const row = db.select(listed).from(campaigns).where(eq(campaigns.code, code)).get();
  return row ? { id: row.id, code: row.code, name: row.name, version: row.version, def: definitionOf(db, row.id, row.version, cache) } : undefined;
}

function campaignHasAnswers(db: Db, campaignId: number): boolean {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(submissions)
    .innerJoin(formInstances, eq(submissions.formId, formInstances.id))
    .where(eq(formInstances.campaignId, campaignId))
    .get();
  return (row?.n ?? 0) > 0;
}

/** Stores a checked campaign. An existing code is replaced only while it has no answers, and only if its issued forms still fit. */
export function loadCampaign(db: Db, c: Campaign, actor: string): LoadOutcome {
  return inTransaction(db, () => {
    const existing = db.select().from(campaigns).where(eq(campaigns.code, c.code)).get();
    const definition = JSON.stringify(c);
    if (!existing) {
      const row = db
        .insert(campaigns)
        .values({ code: c.code, name: c.name, year: c.year, province: c.province, definition })
        .returning({ id: campaigns.id })
        .get();
      db.insert(campaignVersions).values({ campaignId: row.id, version: 1, definition, loadedBy: actor }).run();
      audit(db, { actor, action: 'campaign.load', campaignId: row.id, detail: { code: c.code, version: 1 } });
      return { ok: true, code: c.code, replaced: false, version: 1 };
    }
    // The stored definition again (a second click, the same file uploaded again): nothing to store, no new version.
    if (existing.definition === definition) return { ok: true, code: c.code, replaced: false, version: existing.version, unchanged: true };
    if (campaignHasAnswers(db, existing.id)) {
      return { ok: false, problems: [{ kind: 'frozen', code: c.code }] };
    }
    const orphans = unscoredSelfUnits(c, loadSelfPoints(db, existing.id));
    if (orphans.length) {
      return { ok: false, problems: [{ kind: 'self-points-orphaned', units: orphans }] };
    }
    const problems = retarget(db, existing.id, c);
    if (problems.length) return { ok: false, problems };
    const version = existing.version + 1;
    db.update(campaigns)
      .set({ name: c.name, year: c.year, province: c.province, definition, version, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
      .where(eq(campaigns.id, existing.id))
      .run();
    db.insert(campaignVersions).values({ campaignId: existing.id, version, definition, loadedBy: actor }).run();
    audit(db, { actor, action: 'campaign.replace', campaignId: existing.id, detail: { code: c.code, version } });
    return { ok: true, code: c.code, replaced: true, version };
  });
}

/** Stores `c` only under a code not yet in use (a copy never replaces a campaign), in one transaction with that check. */
export function createCampaign(db: Db, c: Campaign, actor: string): LoadOutcome {
  return inTransaction(db, (): LoadOutcome => {
    if (db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.code, c.code)).get())
      return { ok: false, problems: [{ kind: 'code-taken', code: c.code }] };
    return loadCampaign(db, c, actor);
  });
}

/** Nothing stored yet under the code, or the stored campaign (its version, forms issued, whether answered) and what loading would do. */
export type LoadPreview = { existing: null } | { existing: { version: number; issued: number; answered: boolean }; outcome: LoadOutcome };

const ROLLBACK = Symbol('preview rollback');

/**
 * What loading `c` would do, by the same rules as loadCampaign: it runs loadCampaign itself in a transaction that is
 * rolled back, so that the console's check can never promise what the load then refuses.
 */
export function previewLoad(db: Db, c: Campaign): LoadPreview {
  const existing = db.select({ id: campaigns.id, version: campaigns.version }).from(campaigns).where(eq(campaigns.code, c.code)).get();
  if (!existing) return { existing: null };
  const issued = db
    .select({ n: sql<number>`count(*)` })
    .from(formInstances)
    .where(and(eq(formInstances.campaignId, existing.id), ne(formInstances.status, 'void')))
    .get();
  let outcome: LoadOutcome | undefined;
  try {
    inTransaction(db, () => {
      outcome = loadCampaign(db, c, 'preview');
      throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  return {
    existing: { version: existing.version, issued: Number(issued?.n ?? 0), answered: campaignHasAnswers(db, existing.id) },
    outcome: outcome!,
  };
}

/** Re-resolves the targets of already issued forms under a new definition; refuses if a form's group or home unit is gone. */
function retarget(db: Db, campaignId: number, c: Campaign): CampaignLoadProblem[] {
  const forms = db
    .select({ id: formInstances.id, serial: formInstances.serial, groupCode: formInstances.groupCode, homeUnit: formInstances.homeUnit })
    .from(formInstances)
    .where(and(eq(formInstances.campaignId, campaignId), ne(formInstances.status, 'void')))
    .all();
  const problems: CampaignLoadProblem[] = [];
  const updates: { id: number; targets: string[]; formCode: string }[] = [];
  // Targets depend only on (group, home unit): resolved once per pair, so replacing stays linear in forms.
  const units = indexUnits(c);
  const groups = new Map(c.groups.map((g) => [g.code, { group: g, homes: new Set(homeUnitsOf(c, g, units)) }]));
  const targets = new Map<string, string[]>();
  for (const f of forms) {
    const entry = groups.get(f.groupCode);
    if (!entry?.homes.has(f.homeUnit)) {
      problems.push({ kind: 'form-orphaned', serial: f.serial, group: f.groupCode, home: f.homeUnit });
      continue;
    }
    const key = `${f.groupCode}\u0000${f.homeUnit ?? ''}`;
    let t = targets.get(key);
    if (t === undefined) targets.set(key, (t = targetsOf(c, entry.group, f.homeUnit, units)));
    updates.push({ id: f.id, targets: t, formCode: entry.group.form });
  }
  if (problems.length > ORPHANS_LISTED) return [...problems.slice(0, ORPHANS_LISTED), { kind: 'more-forms', count: problems.length - ORPHANS_LISTED }];
  if (problems.length) return problems;
  for (const u of updates) db.update(formInstances).set({ targets: u.targets, formCode: u.formCode }).where(eq(formInstances.id, u.id)).run();
  return [];
}

export type CampaignListing = {
  code: string;
  name: string;
  year: number;
  province: string;
  version: number;
  units: number;
  forms: number;
  issued: number;
  counted: number;
  /** Forms whose two keyed passes differ: the supervisor's queue. */
  conflicts: number;
};

export function listCampaigns(db: Db, cache?: DefinitionCache): CampaignListing[] {
  const rows = db.select(listed).from(campaigns).orderBy(campaigns.code).all();
  const counts = db
    .select({
      campaignId: formInstances.campaignId,
      issued: sql<number>`sum(${ne(formInstances.status, 'void')})`,
      counted: sql<number>`sum(${eq(formInstances.status, 'counted')})`,
      conflicts: sql<number>`sum(${eq(formInstances.status, 'conflict')})`,
    })
    .from(formInstances)
    .groupBy(formInstances.campaignId)
    .all();
  const byId = new Map(counts.map((r) => [r.campaignId, r]));
  return rows.map((r) => {
    const def = definitionOf(db, r.id, r.version, cache);
    return {
      code: r.code,
      name: r.name,
      year: r.year,
      province: r.province,
      version: r.version,
      units: def.units.length,
      forms: def.forms.length,
      issued: Number(byId.get(r.id)?.issued ?? 0),
      counted: Number(byId.get(r.id)?.counted ?? 0),
      conflicts: Number(byId.get(r.id)?.conflicts ?? 0),
    };
  });
}
