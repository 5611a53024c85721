/** Paper entry: keyed passes stored as append-only submissions, pass comparison, supervisor resolutions and settling. */
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Campaign } from '../surveys/campaign';
import type { CsvProblem, CsvRecord } from '../surveys/csv';
import { createKeyedChecker, type KeyedCell, type KeyedProblem, type KeyedRow } from '../surveys/keyed';
import { answerPlan } from '../surveys/answer-schema';
import { paperCellOrder, type InvalidateProblem } from '../surveys/keying-desk';
import { groupByCode } from '../surveys/scope';
import { PASS_KINDS, type CountedFrom } from '../surveys/ledger';
import { cleanText } from '../surveys/text';
import { diffPasses, mergeResolutions, settledOutcome, type Cell, type CellDiff, type SettleProblem, type SettlingForm } from '../surveys/settle';
import { insertAnswers, insertCell, insertSubmission, setFormSettled, setFormStatus } from './answer-writes';
import { audit } from './audit.repo';
import type { StoredCampaign } from './campaigns.repo';
import { getFormBySerial, ledgerForms, settlingForm, type FormRow } from './forms.repo';
import { inTransaction, type Db } from './open';
import { formInstances, importBatches, invalidations, resolutions, submissionCells, submissions } from './schema';

/** The file name of the one-form batches that the keying desk stores, one per saved pass. */
export const DESK_BATCH = 'web-desk';

export type KeyedImportResult = { ok: true; forms: number; cells: number; batchId: number } | { ok: false; problems: KeyedProblem[]; errorCount: number };

/**
 * `operator` keyed the file (pass 2 must be someone else); `by` is the signed-in person who loads it (a console upload,
 * the desk), absent from the CLI. The two passes of a form must come from two operators and from two signed-in people.
 */
export type KeyedImportOptions = {
  pass: 1 | 2;
  operator: string;
  fileName: string;
  by?: string;
  /** The one form every row names (the keying desk): only its ledger entry is read, not the campaign's. */
  serial?: string;
  /**
   * A machine pass 1 read from a scan in a campaign that completes such forms by verification (issue 15): a form is
   * settled from this pass at once, unless it is in `waiting` (cells read unsure wait for a person).
   */
  verified?: { waiting: ReadonlySet<string> };
};

/**
 * A keyed-CSV import as a sink: push rows one by one, then finish. The caller owns the transaction (a whole
 * file is one transaction) and must roll back when finish() reports errors; rows are written only while the
 * file is still clean, so a bad file costs no more writes than needed.
 */
export function createKeyedImport(db: Db, c: StoredCampaign, options: KeyedImportOptions) {
  // The operator is stored as one spelling whichever edge typed it (CLI, console upload, desk login).
  const opts = { ...options, operator: cleanText(options.operator) };
  const forms = ledgerForms(db, c.id, opts.serial);
  const loadedBy = opts.by === undefined ? null : cleanText(opts.by);
  const checker = createKeyedChecker({ campaign: c.def, forms, pass: opts.pass, operator: opts.operator, loadedBy });
  const batchId = db
    .insert(importBatches)
    .values({ campaignId: c.id, kind: 'keyed', fileName: opts.fileName, pass: opts.pass, operator: opts.operator, loadedBy, rows: 0 })
    .returning({ id: importBatches.id })
    .get().id;
  const kind = `pass${opts.pass}` as const;
  const submissionOf = new Map<string, number>();
  let clean = true;
  let cells = 0;

  function store(cell: KeyedCell | null): void {
    if (!cell) clean = false;
    if (!cell || !clean) return;
    let sid = submissionOf.get(cell.serial);
    if (sid === undefined) {
      sid = insertSubmission(db, { formId: forms.get(cell.serial)!.id, kind, actor: opts.operator, definitionVersion: c.version, batchId });
      submissionOf.set(cell.serial, sid);
    }
    insertCell(db, sid, cell.unit, cell.question, cell.answer);
    cells += 1;
  }

  return {
    push(row: KeyedRow, rowNumber: number): void {
      store(checker.push(row, rowNumber));
    },
    /** push() for fields in KEYED_HEADER order, as the streamed CSV reader yields them. */
    pushFields(fields: readonly string[], rowNumber: number): void {
      store(checker.pushFields(fields, rowNumber));
    },
    /** A row the CSV reader refused: the file can no longer load, and the problem joins the checker's (same cap and count). */
    reject(problem: CsvProblem): void {
      clean = false;
      checker.reject(problem);
    },
    finish(): KeyedImportResult {
      const done = checker.finish();
      if (done.errorCount > 0) return { ok: false, problems: done.problems, errorCount: done.errorCount };
      db.update(importBatches).set({ rows: cells }).where(eq(importBatches.id, batchId)).run();
      for (const serial of done.forms) {
        if (opts.verified) afterMachinePass(db, c, forms.get(serial)!, opts.verified.waiting.has(serial));
        else afterPass(db, c, forms.get(serial)!);
      }
      audit(db, {
        actor: opts.by ?? opts.operator,
        action: 'entry.import',
        campaignId: c.id,
        detail: { file: opts.fileName, pass: opts.pass, operator: opts.operator, forms: done.forms.length, cells, batchId },
      });
      return { ok: true, forms: done.forms.length, cells, batchId };
    },
  };
}

/** Imports a whole keyed file from any row source, in one transaction; nothing is written unless every row is clean. */
export function importKeyedRows(db: Db, c: StoredCampaign, rows: Iterable<{ row: number; cells: KeyedRow }>, opts: KeyedImportOptions): KeyedImportResult {
  let result: KeyedImportResult | undefined;
  try {
    inTransaction(db, () => {
      const sink = createKeyedImport(db, c, opts);
      for (const r of rows) sink.push(r.cells, r.row);
      result = sink.finish();
      if (!result.ok) throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  return result!;
}

export const ROLLBACK = Symbol('rollback');

/**
 * Imports a streamed keyed file (batches of CSV records) in one write transaction held open across its reads. Only
 * for a process that is the sole writer on its connection (the CLI): in the server, other requests' writes would
 * join the open transaction, so the console loads whole files with importKeyedRows.
 */
export async function importKeyedStream(db: Db, c: StoredCampaign, batches: AsyncIterable<CsvRecord[]>, opts: KeyedImportOptions): Promise<KeyedImportResult> {
  const client = db.$client;
  client.exec('BEGIN IMMEDIATE');
  try {
    const sink = createKeyedImport(db, c, opts);
    for await (const records of batches) {
      for (const r of records) {
        if ('problem' in r) sink.reject(r.problem);
        else sink.pushFields(r.fields, r.row);
      }
    }
    const result = sink.finish();
    if (result.ok) client.exec('COMMIT');
    return result;
  } finally {
    if (client.inTransaction) client.exec('ROLLBACK');
  }
}

/** Keyed files loaded so far (not the desk's one-form batches), newest first. */
export function listKeyedFiles(db: Db, campaignId: number, limit = 50) {
  return db
    .select()
    .from(importBatches)
    .where(and(eq(importBatches.campaignId, campaignId), eq(importBatches.kind, 'keyed'), ne(importBatches.fileName, DESK_BATCH)))
    .orderBy(desc(importBatches.id))
    .limit(limit)
    .all();
}

export function cellsOf(db: Db, submissionId: number): Cell[] {
  return db
    .select({ unit: submissionCells.unit, question: submissionCells.question, answer: submissionCells.answer })
    .from(submissionCells)
    .where(eq(submissionCells.submissionId, submissionId))
    .all();
}

export function passesOf(db: Db, formId: number) {
  const rows = db
    .select({ id: submissions.id, kind: submissions.kind, actor: submissions.actor })
    .from(submissions)
    .where(and(eq(submissions.formId, formId), inArray(submissions.kind, PASS_KINDS)))
    .all();
  return { pass1: rows.find((r) => r.kind === 'pass1'), pass2: rows.find((r) => r.kind === 'pass2') };
}

/** Moves a paper form on after a pass: keyed once, in conflict, or settled (counted, or invalid for blanks). */
function afterPass(db: Db, c: StoredCampaign, form: SettlingForm & { id: number }): void {
  const formId = form.id;
  const { pass1, pass2 } = passesOf(db, formId);
  if (!c.def.doubleEntry) {
    settle(db, c.def, form, pass1!.id, cellsOf(db, pass1!.id), 'paper');
    return;
  }
  if (!pass1 || !pass2) {
    setFormStatus(db, formId, 'keyed_once');
    return;
  }
  const first = cellsOf(db, pass1.id);
  if (diffPasses(first, cellsOf(db, pass2.id)).length === 0) settle(db, c.def, form, pass1.id, first, 'paper');
  else setFormStatus(db, formId, 'conflict');
}

/** A machine pass that verification completes: the form waits (keyed once) for its unsure cells, or is settled now when none. */
function afterMachinePass(db: Db, c: StoredCampaign, form: SettlingForm & { id: number }, waiting: boolean): void {
  const { pass1 } = passesOf(db, form.id);
  if (waiting) setFormStatus(db, form.id, 'keyed_once');
  else settle(db, c.def, form, pass1!.id, cellsOf(db, pass1!.id), 'paper');
}

/** Makes `submissionId` the form's settled answers and counts the form unless the blank-share rule voids it. */
export function settle(
  db: Db,
  c: Campaign,
  form: SettlingForm & { id: number },
  submissionId: number,
  cells: Cell[],
  from: CountedFrom,
): 'counted' | 'invalid' {
  const out = settledOutcome(c, form, cells);
  setFormSettled(db, form.id, { ...out, countedFrom: out.status === 'counted' ? from : null, submissionId });
  return out.status;
}

export type Conflict = { serial: string; unit: string; question: string; pass1: string; pass2: string };

/** Differing cells not yet settled, for one form or every form in conflict, in ledger and form order. */
export function listConflicts(db: Db, c: StoredCampaign, serial?: string): Conflict[] {
  const conds = [eq(formInstances.campaignId, c.id), eq(formInstances.status, 'conflict')];
  if (serial) conds.push(eq(formInstances.serial, serial));
  const forms = db
    .select()
    .from(formInstances)
    .where(and(...conds))
    .orderBy(asc(formInstances.seq))
    .all();
  return forms.flatMap((f) => openDiffs(db, c.def, f).map((d) => ({ serial: f.serial, ...d })));
}

function openDiffs(db: Db, c: Campaign, f: FormRow): CellDiff[] {
  const { pass1, pass2 } = passesOf(db, f.id);
  if (!pass1 || !pass2) return [];
  const decided = new Set(
    db
      .select({ unit: resolutions.unit, question: resolutions.question })
      .from(resolutions)
      .where(eq(resolutions.formId, f.id))
      .all()
      .map((r) => `${r.unit}\u0000${r.question}`),
  );
  // Paper order, so that a supervisor goes down the paper form once, as the keyers did.
  const paper = new Map(paperCellOrder(c, f.groupCode, f.targets).map((cell, i) => [cell, i]));
  const at = (d: CellDiff) => paper.get(`${d.unit}.${d.question}`) ?? paper.size;
  return diffPasses(cellsOf(db, pass1.id), cellsOf(db, pass2.id))
    .filter((d) => !decided.has(`${d.unit}\u0000${d.question}`))
    .sort((a, b) => at(a) - at(b));
}

export type ResolveOutcome = { ok: true; settled: 'counted' | 'invalid' | null; remaining: number } | { ok: false; problem: SettleProblem };

/** Settles one differing cell; when it was the last one, the merged answers become the form's settled answers. */
export function resolveCell(
  db: Db,
  c: StoredCampaign,
  input: { serial: string; unit: string; question: string; answer: string; operator: string },
): ResolveOutcome {
  return inTransaction(db, () => {
    const form = getFormBySerial(db, c.id, input.serial);
    if (!form) return { ok: false, problem: { kind: 'form-unknown', serial: input.serial } };
    if (form.status !== 'conflict') return { ok: false, problem: { kind: 'not-in-conflict', serial: input.serial, status: form.status } };
    // The cell is named as a keyed row names it (contract.md: "unit as in the keyed CSV"), through the form's one plan.
    const plan = answerPlan(c.def, groupByCode(c.def, form.groupCode)!, form.targets);
    const u = plan.unit(cleanText(input.unit));
    const q = plan.question(cleanText(input.question));
    const unit = u.ok ? plan.units[u.index] : input.unit;
    const question = q.ok ? plan.questionCodes[q.index] : input.question;
    const open = openDiffs(db, c.def, form);
    const diff = open.find((d) => d.unit === unit && d.question === question);
    if (!diff) return { ok: false, problem: { kind: 'cell-not-open', serial: input.serial, unit, question } };
    const answer = plan.reader(true)(input.answer);
    if (answer === undefined) return { ok: false, problem: { kind: 'decision-not-option', answer: input.answer } };
    db.insert(resolutions).values({ formId: form.id, unit, question, pass1: diff.pass1, pass2: diff.pass2, answer, operator: input.operator }).run();
    audit(db, {
      actor: input.operator,
      action: 'entry.resolve',
      campaignId: c.id,
      detail: { serial: form.serial, unit, question, pass1: diff.pass1, pass2: diff.pass2, answer },
    });
    if (open.length > 1) return { ok: true, settled: null, remaining: open.length - 1 };
    return { ok: true, settled: settleResolved(db, c, form), remaining: 0 };
  });
}

/** Writes the merged answers (pass 1 overridden by every decision) as a new 'settled' record and settles the form. */
function settleResolved(db: Db, c: StoredCampaign, form: FormRow): 'counted' | 'invalid' {
  const { pass1 } = passesOf(db, form.id);
  const decisions = db
    .select({ unit: resolutions.unit, question: resolutions.question, answer: resolutions.answer })
    .from(resolutions)
    .where(eq(resolutions.formId, form.id))
    .all();
  const merged = mergeResolutions(cellsOf(db, pass1!.id), decisions);
  const sid = insertAnswers(db, { formId: form.id, kind: 'settled', actor: 'system', definitionVersion: c.version }, merged);
  return settle(db, c.def, settlingForm(form), sid, merged, 'paper');
}

/** A refusal is a problem value, worded at the edge (invalidateText). */
export type InvalidateOutcome = { ok: true } | { ok: false; problem: InvalidateProblem };

/** Marks a form invalid with a reason; it stays in the ledger with its answers (its settled record is kept) but leaves the scores. */
export function invalidateForm(db: Db, c: StoredCampaign, serial: string, reason: string, actor: string): InvalidateOutcome {
  return inTransaction(db, (): InvalidateOutcome => {
    const form = getFormBySerial(db, c.id, serial);
    if (!form) return { ok: false, problem: { kind: 'unknown-serial', serial } };
    if (form.status === 'void') return { ok: false, problem: { kind: 'void', serial } };
    if (form.status === 'invalid') return { ok: false, problem: { kind: 'already-invalid', serial, reason: form.invalidReason } };
    if (!reason.trim()) return { ok: false, problem: { kind: 'no-reason', serial } };
    setFormSettled(db, form.id, { status: 'invalid', countedFrom: null, invalidReason: reason.trim(), submissionId: form.finalSubmissionId });
    db.insert(invalidations).values({ formId: form.id, reason: reason.trim(), actor }).run();
    audit(db, { actor, action: 'form.invalidate', campaignId: c.id, detail: { serial, reason: reason.trim(), previous: form.status } });
    return { ok: true };
  });
}
