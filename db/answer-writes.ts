/** The writes every answer path shares (web post, keyed file, keying desk, settled merge), as raw statements prepared once per connection. */
import type Database from 'better-sqlite3';
import type { CountedFrom, FormStatus, SubmissionKind } from '../surveys/ledger';
import type { Cell } from '../surveys/settle';
import type { Db } from './open';

// These run once per cell of a web post (160 for a 20-unit form) or of a keyed file (up to millions): drizzle's
// prepared .run() maps named placeholders on every call, about 1.5× the cost of the insert itself, and an unprepared
// drizzle query costs more to build than to run. So the hot writes are plain SQL here, in one place.
const SQL = {
  submission: 'INSERT INTO submissions (form_id, kind, actor, definition_version, batch_id) VALUES (?, ?, ?, ?, ?) RETURNING id',
  cell: 'INSERT INTO submission_cells (submission_id, unit, question, answer) VALUES (?, ?, ?, ?)',
  status: "UPDATE form_instances SET status = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?",
  settled:
    "UPDATE form_instances SET status = ?, counted_from = ?, invalid_reason = ?, final_submission_id = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?",
  audit: 'INSERT INTO audit_log (actor, action, campaign_id, detail) VALUES (?, ?, ?, ?)',
} as const;

type Statements = { [K in keyof typeof SQL]: Database.Statement };
const byConnection = new WeakMap<Database.Database, Statements>();

function statements(db: Db): Statements {
  let s = byConnection.get(db.$client);
  if (!s) {
    const client = db.$client;
    s = Object.fromEntries(Object.entries(SQL).map(([k, q]) => [k, client.prepare(q)])) as Statements;
    byConnection.set(client, s);
  }
  return s;
}

export type NewSubmission = { formId: number; kind: SubmissionKind; actor: string; definitionVersion: number; batchId?: number | null };

/** A new append-only answer record; returns its id. */
export function insertSubmission(db: Db, s: NewSubmission): number {
  const row = statements(db).submission.get(s.formId, s.kind, s.actor, s.definitionVersion, s.batchId ?? null) as { id: number };
  return row.id;
}

export function insertCell(db: Db, submissionId: number, unit: string, question: string, answer: string): void {
  statements(db).cell.run(submissionId, unit, question, answer);
}

/** A submission with all its cells (blank ones too: a record holds the whole matrix as it was given). */
export function insertAnswers(db: Db, s: NewSubmission, cells: readonly Cell[]): number {
  const sid = insertSubmission(db, s);
  const cell = statements(db).cell;
  for (const x of cells) cell.run(sid, x.unit, x.question, x.answer);
  return sid;
}

export function setFormStatus(db: Db, formId: number, status: FormStatus): void {
  statements(db).status.run(status, formId);
}

/** Records which submission holds a form's settled answers (null: none, e.g. a form marked invalid before any came back) and whether the form counts. */
export function setFormSettled(
  db: Db,
  formId: number,
  f: { status: FormStatus; countedFrom: CountedFrom | null; invalidReason: string | null; submissionId: number | null },
): void {
  statements(db).settled.run(f.status, f.countedFrom, f.invalidReason, f.submissionId, formId);
}

/** One audit row; `detail` is stored as JSON. */
export function insertAudit(db: Db, actor: string, action: string, campaignId: number | null, detail: Record<string, unknown>): void {
  statements(db).audit.run(actor, action, campaignId, JSON.stringify(detail));
}
