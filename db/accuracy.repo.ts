/** Keyer accuracy from the stored passes, resolutions and scan verifications: cells each keyer (the machine too) keyed, and the decisions whose answer differs from that keyer's value. */
import { accuracyRows, type AccuracyRow, type KeyerCounts } from '../surveys/accuracy';
import { PASS_KINDS } from '../surveys/ledger';
import type { Db } from './open';

// The pass kinds as SQL literals, from the same constants the schema types the column with (plain identifiers, no quotes).
const [PASS1] = PASS_KINDS;
const PASSES = PASS_KINDS.map((k) => `'${k}'`).join(', ');

// Passes keyed per operator (web desk and CSV import alike: both store pass1/pass2 submissions with the operator).
const KEYED_SQL = `
  SELECT s.actor AS keyer, count(DISTINCT s.id) AS forms, count(sc.submission_id) AS cells
  FROM submissions s
  JOIN form_instances f ON f.id = s.form_id
  LEFT JOIN submission_cells sc ON sc.submission_id = s.id
  WHERE f.campaign_id = ? AND s.kind IN (${PASSES})
  GROUP BY s.actor`;

// A resolution changed a keyer's cell when the decided answer differs from the value that keyer's pass held.
const CHANGED_SQL = `
  SELECT s.actor AS keyer,
         sum(CASE WHEN r.answer <> (CASE s.kind WHEN '${PASS1}' THEN r.pass1 ELSE r.pass2 END) THEN 1 ELSE 0 END) AS changed
  FROM resolutions r
  JOIN form_instances f ON f.id = r.form_id
  JOIN submissions s ON s.form_id = r.form_id AND s.kind IN (${PASSES})
  WHERE f.campaign_id = ?
  GROUP BY s.actor`;

// A person's verification changed the machine's cell when the answer differs from what the machine read (issue 15):
// the machine (operator omr, pass 1) is reported as a keyer is, whether a reconciliation or a verification caught it.
const VERIFIED_SQL = `
  SELECT s.actor AS keyer, sum(CASE WHEN v.answer <> v.machine THEN 1 ELSE 0 END) AS changed
  FROM scan_verifications v
  JOIN form_instances f ON f.id = v.form_id
  JOIN submissions s ON s.form_id = v.form_id AND s.kind = '${PASS1}'
  WHERE f.campaign_id = ?
  GROUP BY s.actor`;

/** The accuracy report of one campaign, one row per keyer; the admin console reuses it. */
export function keyerAccuracy(db: Db, campaignId: number): AccuracyRow[] {
  const keyed = db.$client.prepare(KEYED_SQL).all(campaignId) as { keyer: string; forms: number; cells: number }[];
  const changed = db.$client.prepare(CHANGED_SQL).all(campaignId) as { keyer: string; changed: number }[];
  const verified = db.$client.prepare(VERIFIED_SQL).all(campaignId) as { keyer: string; changed: number }[];
  const changedBy = new Map(changed.map((r) => [r.keyer, Number(r.changed)]));
  for (const r of verified) changedBy.set(r.keyer, (changedBy.get(r.keyer) ?? 0) + Number(r.changed));
  const counts: KeyerCounts[] = keyed.map((r) => ({ keyer: r.keyer, forms: Number(r.forms), cells: Number(r.cells), changed: changedBy.get(r.keyer) ?? 0 }));
  return accuracyRows(counts);
}
