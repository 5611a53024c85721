/** Scanned returns in the database (issue 15): one import's pages, cells and machine passes in one transaction, the queue of cells a person verifies, verifications, and where a cell's image is. */
import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { scanMode } from '../surveys/campaign';
import { MACHINE_OPERATOR } from '../surveys/ledger';
import type { Rect } from '../surveys/omr/layout-map';
import type { CellReading, PageReading } from '../surveys/omr/reading';
import {
  planScanImport,
  type PlacedKeyedProblem,
  type EarlierPage,
  type EarlierPages,
  type PlannedForm,
  type ScanPlace,
  type ScanProblem,
} from '../surveys/omr/scan-plan';
import { readVerifyAnswer, type QueuedCell, type VerifyProblem } from '../surveys/omr/verify';
import type { KeyedProblem } from '../surveys/keyed';
import { formOf, groupByCode, optionsOf } from '../surveys/scope';
import { mergeResolutions } from '../surveys/settle';
import { insertAnswers } from './answer-writes';
import { audit } from './audit.repo';
import type { StoredCampaign } from './campaigns.repo';
import { cellsOf, createKeyedImport, passesOf, ROLLBACK, settle } from './entry.repo';
import { getFormBySerial, ledgerForms, settlingForm } from './forms.repo';
import { inTransaction, type Db } from './open';
import { scanCells, scanPages, scanVerifications } from './schema';

/** A page as the import read it: where it came from, its stored image and the reader's answer. */
export type ReadScanPage = { at: ScanPlace; hash: string; width: number; height: number; reading: PageReading };

/** A page an earlier upload read and kept for its form (which lacked pages then), and who scanned and loaded it. */
type KeptPage = ReadScanPage & { kept: EarlierPage & { scannedBy: string; loadedBy: string | null } };

export type ScanImportResult =
  | {
      ok: true;
      pages: number;
      /** `kept`: pages of earlier uploads that completed the form. */
      forms: { serial: string; pass: 1 | 2; cells: number; unsure: number; queued: number; kept?: EarlierPages }[];
      /** Cells sent to a person. */
      queued: number;
      problems: ScanProblem[];
    }
  | { ok: false; problems: PlacedKeyedProblem[]; errorCount: number };

/** `scannedBy` scanned the paper; `by` is the signed-in person who ran the import (null from the CLI, audited as "cli"). */
export type ScanImportWho = { scannedBy: string; by: string | null; fileName: string };

/**
 * Plans and stores one import in one write transaction: every page (those that could not be used too, with why),
 * every cell read, and each whole form as a keyed pass by `omr` through the keyed-file path (same checks). When
 * that path refuses a form, nothing at all is written and its problems are returned.
 */
export function storeScanImport(db: Db, c: StoredCampaign, pages: readonly ReadScanPage[], who: ScanImportWho): ScanImportResult {
  let out: ScanImportResult | undefined;
  try {
    inTransaction(db, () => {
      const serials = new Set(pages.flatMap((p) => (p.reading.ok ? [p.reading.id.serial] : [])));
      const all: (ReadScanPage | KeptPage)[] = [...pages, ...keptPages(db, c.id, serials)];
      const plan = planScanImport(all, { campaign: c.def, ledger: ledgerForms(db, c.id), loadedBy: who.by, earlier: earlierReads(db, c.id) });
      const batchOf = new Map<1 | 2, number>();
      for (const pass of [1, 2] as const) {
        const forms = plan.forms.filter((f) => f.pass === pass);
        if (!forms.length) continue;
        const verified = scanMode(c.def) === 'verify' && pass === 1;
        const sink = createKeyedImport(db, c, {
          pass,
          operator: MACHINE_OPERATOR,
          fileName: who.fileName,
          by: who.by ?? undefined,
          ...(verified ? { verified: { waiting: new Set(forms.filter((f) => f.unsure.length > 0).map((f) => f.serial)) } } : {}),
        });
        // The rows' numbers point back at the scanned page of their cell, so a refusal names the page, not a row.
        // A form's rows are its pages' cells in page order (planScanImport), so row n is the n-th cell pushed.
        const placeOfRow: ScanPlace[] = [];
        for (const f of forms) {
          for (const i of f.pages) {
            const r = all[i].reading;
            if (r.ok) placeOfRow.push(...r.cells.map(() => all[i].at));
          }
        }
        let row = 0;
        for (const f of forms) for (const r of f.rows) sink.push(r, ++row);
        const done = sink.finish();
        if (!done.ok) {
          const at = (p: KeyedProblem) => (p.where && 'row' in p.where && p.where.row !== undefined ? (placeOfRow[p.where.row - 1] ?? null) : null);
          out = { ok: false, problems: done.problems.map((p) => ({ at: at(p), problem: p })), errorCount: done.errorCount };
          throw ROLLBACK;
        }
        batchOf.set(pass, done.batchId);
      }
      storePages(db, c, all, plan.forms, plan.pageProblems, batchOf, who);
      const queued = plan.forms.reduce((n, f) => n + (f.verify ? f.unsure.length : 0), 0);
      audit(db, {
        actor: who.by ?? 'cli',
        action: 'scan.import',
        campaignId: c.id,
        detail: { file: who.fileName, scannedBy: who.scannedBy, pages: pages.length, forms: plan.forms.length, queued, problems: plan.problems.length },
      });
      out = {
        ok: true,
        pages: pages.length,
        forms: plan.forms.map((f) => ({
          serial: f.serial,
          pass: f.pass,
          ...(f.kept ? { kept: f.kept } : {}),
          cells: f.rows.length,
          unsure: f.unsure.length,
          queued: f.verify ? f.unsure.length : 0,
        })),
        queued,
        problems: plan.problems,
      };
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  return out!;
}

/** The pages earlier imports of the campaign fed into passes, by serial (the first one), by "serial/page" and by image hash. */
function earlierReads(db: Db, campaignId: number) {
  const rows = db
    .select({ serial: scanPages.serial, page: scanPages.page, hash: scanPages.imageHash, file: scanPages.fileName, at: scanPages.createdAt })
    .from(scanPages)
    .where(and(eq(scanPages.campaignId, campaignId), isNotNull(scanPages.batchId)))
    .orderBy(scanPages.id)
    .all();
  const bySerial = new Map<string, EarlierPage>();
  const byPage = new Map<string, EarlierPage>();
  const byHash = new Map<string, EarlierPage>();
  for (const r of rows) {
    const before = { file: r.file, at: r.at };
    if (r.serial !== null && !bySerial.has(r.serial)) bySerial.set(r.serial, before);
    if (r.serial !== null && r.page !== null && !byPage.has(`${r.serial}/${r.page}`)) byPage.set(`${r.serial}/${r.page}`, before);
    if (!byHash.has(r.hash)) byHash.set(r.hash, before);
  }
  return { bySerial, byPage, byHash };
}

/**
 * The newest stored row of each page that earlier uploads kept for a form still lacking pages (no pass from any scan of
 * it yet; not a page that came twice in its upload, whose right copy is not known), of `serials` or of every form.
 */
function keptRows(db: Db, campaignId: number, serials?: ReadonlySet<string>) {
  const fed = new Set(
    db
      .selectDistinct({ serial: scanPages.serial })
      .from(scanPages)
      .where(and(eq(scanPages.campaignId, campaignId), isNotNull(scanPages.batchId)))
      .all()
      .map((r) => r.serial),
  );
  const rows = db
    .select()
    .from(scanPages)
    .where(and(eq(scanPages.campaignId, campaignId), isNull(scanPages.batchId), isNotNull(scanPages.serial), isNotNull(scanPages.transform)))
    .orderBy(desc(scanPages.id))
    .all()
    .filter(
      (r) =>
        (serials?.has(r.serial!) ?? true) &&
        !fed.has(r.serial) &&
        r.problem?.kind === 'pages-missing' &&
        !((r.problem.twice as number[] | undefined) ?? []).includes(r.page!),
    );
  const newest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!newest.has(`${r.serial}/${r.page}`)) newest.set(`${r.serial}/${r.page}`, r);
  return [...newest.values()];
}

/** A form waiting for its missing pages: the pages kept for it (page numbers), of how many, and the newest upload that brought one. */
export type AwaitingForm = { serial: string; pages: number[]; of: number; file: string; at: string };

/** Every form of the campaign whose scanned pages are kept waiting for the rest, by serial (the console lists them). */
export function formsAwaitingPages(db: Db, campaignId: number): AwaitingForm[] {
  const bySerial = new Map<string, AwaitingForm>();
  for (const r of keptRows(db, campaignId)) {
    const f = bySerial.get(r.serial!) ?? { serial: r.serial!, pages: [], of: r.pages!, file: r.fileName, at: r.createdAt };
    f.pages.push(r.page!);
    if (r.createdAt > f.at) Object.assign(f, { file: r.fileName, at: r.createdAt });
    bySerial.set(f.serial, f);
  }
  return [...bySerial.values()].map((f) => ({ ...f, pages: f.pages.sort((a, b) => a - b) })).sort((a, b) => a.serial.localeCompare(b.serial));
}

/**
 * The pages of `serials` that earlier uploads read and kept because their form lacked pages (no pass yet, problem
 * pages-missing), the newest of each page, as they were read: the planner completes a form of this upload with them.
 */
function keptPages(db: Db, campaignId: number, serials: ReadonlySet<string>): KeptPage[] {
  if (!serials.size) return [];
  const rows = keptRows(db, campaignId, serials);
  // Every kept page's cells in one query, in the order they were stored.
  const ids = rows.map((r) => r.id);
  const stored = ids.length ? db.select().from(scanCells).where(inArray(scanCells.pageId, ids)).orderBy(sql`rowid`).all() : [];
  const cellsByPage = new Map<number, typeof stored>();
  for (const x of stored) cellsByPage.set(x.pageId, [...(cellsByPage.get(x.pageId) ?? []), x]);
  return rows.map((r) => {
    const cells = cellsByPage.get(r.id) ?? [];
    return {
      at: { file: r.fileName, page: r.filePage },
      hash: r.imageHash,
      width: r.width,
      height: r.height,
      reading: {
        ok: true,
        id: { serial: r.serial!, page: r.page!, pages: r.pages! },
        rotation: r.rotation as 0 | 90 | 180 | 270,
        skew: r.skew!,
        dpi: r.dpi!,
        transform: r.transform!,
        cells: cells.map((x) => ({
          unit: x.unit,
          question: x.question,
          answer: x.answer,
          sure: x.sure,
          ...(x.why ? { why: x.why as NonNullable<CellReading['why']> } : {}),
          fill: x.fill,
          row: x.row,
        })),
      },
      kept: { file: r.fileName, at: r.createdAt, scannedBy: r.scannedBy, loadedBy: r.loadedBy },
    };
  });
}

/**
 * Stores the import's pages and their cells. A kept page (an earlier upload's) is stored again only when it fed a form
 * now, as a page of this import's pass; its first row stays as that upload's record.
 */
function storePages(
  db: Db,
  c: StoredCampaign,
  pages: readonly (ReadScanPage | KeptPage)[],
  forms: PlannedForm[],
  pageProblems: readonly (ScanProblem | null)[],
  batchOf: ReadonlyMap<1 | 2, number>,
  who: ScanImportWho,
): void {
  const formOfPage = new Map<number, PlannedForm>();
  for (const f of forms) for (const i of f.pages) formOfPage.set(i, f);
  pages.forEach((p, i) => {
    const r = p.reading;
    const form = formOfPage.get(i);
    const kept = 'kept' in p ? p.kept : null;
    if (kept && !form) return;
    const id = r.ok ? r.id : 'serial' in r.problem ? { serial: r.problem.serial, page: r.problem.page, pages: null } : null;
    const problem = form ? null : (pageProblems[i] ?? (r.ok ? null : r.problem));
    const pageId = db
      .insert(scanPages)
      .values({
        campaignId: c.id,
        batchId: form ? batchOf.get(form.pass)! : null,
        fileName: p.at.file,
        filePage: p.at.page,
        imageHash: p.hash,
        width: p.width,
        height: p.height,
        serial: id?.serial ?? null,
        page: id?.page ?? null,
        pages: id?.pages ?? null,
        ...(r.ok ? { rotation: r.rotation, skew: r.skew, dpi: r.dpi, transform: r.transform } : {}),
        problem: problem as Record<string, unknown> | null,
        scannedBy: kept?.scannedBy ?? who.scannedBy,
        loadedBy: kept ? kept.loadedBy : who.by,
        // A kept page was loaded then: «already read» names its own file and time.
        ...(kept ? { createdAt: kept.at } : {}),
      })
      .returning({ id: scanPages.id })
      .get().id;
    if (!r.ok || r.cells.length === 0) return;
    const queue = form?.verify === true;
    db.insert(scanCells)
      .values(
        r.cells.map((x) => ({
          pageId,
          unit: x.unit,
          question: x.question,
          answer: x.answer,
          sure: x.sure,
          why: x.why ?? null,
          fill: x.fill,
          row: x.row,
          queued: queue && !x.sure,
        })),
      )
      .run();
  });
}

// Cells queued for a person on forms still waiting (keyed once: not settled, invalidated or voided since), without a
// verification yet; in ledger order, then page and map order (the order the reader stored them).
const WAITING_SQL = `
  FROM scan_cells sc
  JOIN scan_pages sp ON sp.id = sc.page_id
  JOIN form_instances f ON f.campaign_id = sp.campaign_id AND f.serial = sp.serial
  WHERE sc.queued = 1 AND f.status = 'keyed_once'
    AND NOT EXISTS (SELECT 1 FROM scan_verifications v WHERE v.form_id = f.id AND v.unit = sc.unit AND v.question = sc.question)`;
const QUEUE_SQL = `${WAITING_SQL} AND sp.campaign_id = ?`;

/** The next cell a person verifies and how many wait (this one included); null when none. */
export function nextToVerify(db: Db, campaignId: number): { cell: QueuedCell | null; remaining: number } {
  const client = db.$client;
  const remaining = Number((client.prepare(`SELECT count(*) AS n ${QUEUE_SQL}`).get(campaignId) as { n: number }).n);
  const cell = client
    .prepare(
      `SELECT f.serial AS serial, f.group_code AS groupCode, sc.unit AS unit, sc.question AS question, sc.answer AS machine, sc.why AS why
       ${QUEUE_SQL} ORDER BY f.seq, sp.page, sc.rowid LIMIT 1`,
    )
    .get(campaignId) as QueuedCell | undefined;
  return { cell: cell ?? null, remaining };
}

/** How many cells wait for a person in each campaign that has any (campaign code → count). */
export function cellsWaiting(db: Db): Map<string, number> {
  const rows = db.$client
    .prepare(`SELECT (SELECT code FROM campaigns WHERE id = sp.campaign_id) AS code, count(*) AS n ${WAITING_SQL} GROUP BY sp.campaign_id`)
    .all() as { code: string; n: number }[];
  return new Map(rows.map((r) => [r.code, r.n]));
}

export type VerifyOutcome = { ok: true; settled: 'counted' | 'invalid' | null; remaining: number } | { ok: false; problem: VerifyProblem };

/**
 * Stores a person's answer for a queued cell (append-only, with who and when). When it was the form's last queued
 * cell, the machine pass with every verified answer becomes the form's settled answers and the form is settled.
 */
export function verifyCell(
  db: Db,
  c: StoredCampaign,
  input: { serial: string; unit: string; question: string; answer: string; operator: string },
): VerifyOutcome {
  return inTransaction(db, (): VerifyOutcome => {
    const form = getFormBySerial(db, c.id, input.serial);
    if (!form) return { ok: false, problem: { kind: 'verify-form-unknown', serial: input.serial } };
    const open = db.$client.prepare(`SELECT sc.unit AS unit, sc.question AS question, sc.answer AS machine ${QUEUE_SQL} AND f.id = ?`).all(c.id, form.id) as {
      unit: string;
      question: string;
      machine: string;
    }[];
    const cell = open.find((x) => x.unit === input.unit && x.question === input.question);
    if (!cell) return { ok: false, problem: { kind: 'verify-cell-not-queued', serial: input.serial, unit: input.unit, question: input.question } };
    const codes = optionsOf(c.def, formOf(c.def, groupByCode(c.def, form.groupCode)!)).map((o) => o.code);
    const answer = readVerifyAnswer(input.answer, codes, cell.machine);
    if (answer === undefined) return { ok: false, problem: { kind: 'verify-not-option', answer: input.answer, codes: codes.join(', ') } };
    db.insert(scanVerifications)
      .values({ formId: form.id, unit: cell.unit, question: cell.question, machine: cell.machine, answer, operator: input.operator })
      .run();
    audit(db, {
      actor: input.operator,
      action: 'scan.verify',
      campaignId: c.id,
      detail: { serial: form.serial, unit: cell.unit, question: cell.question, machine: cell.machine, answer },
    });
    if (open.length > 1) return { ok: true, settled: null, remaining: open.length - 1 };
    const { pass1 } = passesOf(db, form.id);
    const decisions = db
      .select({ unit: scanVerifications.unit, question: scanVerifications.question, answer: scanVerifications.answer })
      .from(scanVerifications)
      .where(eq(scanVerifications.formId, form.id))
      .all();
    const merged = mergeResolutions(cellsOf(db, pass1!.id), decisions);
    const sid = insertAnswers(db, { formId: form.id, kind: 'settled', actor: 'system', definitionVersion: c.version }, merged);
    return { ok: true, settled: settle(db, c.def, settlingForm(form), sid, merged, 'paper'), remaining: 0 };
  });
}

/** Where a cell of a form shows on its newest scanned page that fed a pass: the page image, its transform, the row (mm). */
export function scanCellImage(
  db: Db,
  campaignId: number,
  serial: string,
  unit: string,
  question: string,
): { hash: string; transform: [number, number, number, number, number, number]; row: Rect } | null {
  const r = db
    .select({ hash: scanPages.imageHash, transform: scanPages.transform, row: scanCells.row })
    .from(scanCells)
    .innerJoin(scanPages, eq(scanPages.id, scanCells.pageId))
    .where(
      and(
        eq(scanPages.campaignId, campaignId),
        eq(scanPages.serial, serial),
        isNotNull(scanPages.batchId),
        eq(scanCells.unit, unit),
        eq(scanCells.question, question),
      ),
    )
    .orderBy(desc(scanPages.id))
    .limit(1)
    .get();
  return r?.transform ? { hash: r.hash, transform: r.transform, row: r.row } : null;
}

/** The cells the reader was unsure of on the scanned pages that fed a pass of a form, as `unit.question`. */
export function scanUnsureCells(db: Db, campaignId: number, serial: string): Set<string> {
  const rows = db
    .select({ unit: scanCells.unit, question: scanCells.question })
    .from(scanCells)
    .innerJoin(scanPages, eq(scanPages.id, scanCells.pageId))
    .where(and(eq(scanPages.campaignId, campaignId), eq(scanPages.serial, serial), isNotNull(scanPages.batchId), eq(scanCells.sure, false)))
    .all();
  return new Set(rows.map((r) => `${r.unit}.${r.question}`));
}

/** Whether a form was read from a scan (one of its scanned pages fed a pass): its reconciliation then shows the images. */
export function formWasScanned(db: Db, campaignId: number, serial: string): boolean {
  return (
    db
      .select({ id: scanPages.id })
      .from(scanPages)
      .where(and(eq(scanPages.campaignId, campaignId), eq(scanPages.serial, serial), isNotNull(scanPages.batchId)))
      .limit(1)
      .get() !== undefined
  );
}
