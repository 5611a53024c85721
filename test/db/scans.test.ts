/** A scan import on a real SQLite with constructed readings: machine passes by `omr` through the keyed-file path, pages and cells kept, the verification queue and settling, doubleEntry mode's reconciliation, and nothing written on a refusal. */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyerAccuracy } from '../../db/accuracy.repo';
import { importKeyedRows, listConflicts, resolveCell } from '../../db/entry.repo';
import { getFormBySerial, ledgerForms } from '../../db/forms.repo';
import { openDb, type Db } from '../../db/open';
import { nextToVerify, scanCellImage, verifyCell } from '../../db/scans.repo';
import { auditLog, scanCells, scanPages, scanVerifications, submissionCells, submissions } from '../../db/schema';
import { importScans } from '../../server/scan/import-scans';
import { imagePath } from '../../server/scan/images';
import type { PageReading } from '../../surveys/omr/reading';
import { placedKeyedText, scanText } from '../../surveys/omr/scan-plan';
import { verifyText } from '../../surveys/omr/verify';
import { seedCampaign, serialsOf } from '../helpers/seed';
import { fakeDeps, readCell, readPageOf, scanPng, scanTiff } from '../helpers/scans';

// The mini campaign's G1 forms rate SA and SB on questions 1–3 (6 cells), printed here on two pages: page 1 holds
// questions 1 and 2, page 2 question 3.
function setup(scanCompletion: 'doubleEntry' | 'verify', doubleEntry = true) {
  const db = openDb(':memory:');
  const { c, forms } = seedCampaign(db, {
    patch: (raw) => {
      raw.scanCompletion = scanCompletion;
      raw.doubleEntry = doubleEntry;
    },
  });
  const [a, b] = serialsOf(forms, 'G1', null);
  return { db, c, a, b, dir: mkdtempSync(join(tmpdir(), 'scans-')) };
}

const page1 = (sa1: string, unsure?: 'faint') => [
  readCell('SA', '1', sa1, 40, unsure),
  readCell('SB', '1', '2', 50),
  readCell('SA', '2', '3', 60),
  readCell('SB', '2', '', 70),
];
const page2 = (unsure?: 'several') => [readCell('SA', '3', '*', 40, unsure), readCell('SB', '3', '9', 50)];
const formPages = (serial: string, opts: { sa1?: string; faint?: boolean; several?: boolean } = {}): PageReading[] => [
  readPageOf(serial, 1, 2, page1(opts.sa1 ?? '1', opts.faint ? 'faint' : undefined)),
  readPageOf(serial, 2, 2, page2(opts.several ? 'several' : undefined)),
];

async function run(db: Db, s: ReturnType<typeof setup>, readings: PageReading[], by: string | null = null) {
  return importScans(db, s.c, [{ name: 'lo-1.tif', bytes: await scanTiff(readings) }], { scannedBy: 'Hoa', by }, { scansDir: s.dir, deps: fakeDeps(readings) });
}

describe('scan import, verify mode', () => {
  it('reads whole forms into pass 1 by omr, counts a sure form at once, queues the unsure cells of the other, keeps every page', async () => {
    const s = setup('verify');
    const { db, c, a, b } = s;
    // a: all sure. b: SA/1 faint, SA/3 several marks. Then a page without a QR code. Pages in any order.
    const readings: PageReading[] = [
      formPages(b, { sa1: '4', faint: true, several: true })[1],
      ...formPages(a),
      formPages(b, { sa1: '4', faint: true, several: true })[0],
      { ok: false, problem: { kind: 'qr-not-found' } },
    ];
    const out = await run(db, s, readings);
    if (!out.ok) throw new Error(JSON.stringify(out));
    expect(out.forms.map((f) => [f.serial, f.pass, f.cells, f.unsure, f.queued])).toEqual([
      [b, 1, 6, 2, 2],
      [a, 1, 6, 0, 0],
    ]);
    expect(out.queued).toBe(2);
    expect(out.problems.map((p) => scanText(p, 'en'))).toEqual(['lo-1.tif page 5: cannot read the page: no QR code found']);

    expect(getFormBySerial(db, c.id, a)).toMatchObject({ status: 'counted', countedFrom: 'paper' });
    expect(getFormBySerial(db, c.id, b)).toMatchObject({ status: 'keyed_once' });
    expect(ledgerForms(db, c.id).get(b)).toMatchObject({ pass1Operator: 'omr', pass2Operator: null });

    // Five pages kept, each image on disk under its hash; the unidentified one with its problem, no batch.
    const pages = db.select().from(scanPages).all();
    expect(pages.map((p) => [p.filePage, p.serial, p.page, p.batchId !== null, p.scannedBy])).toEqual([
      [1, b, 2, true, 'Hoa'],
      [2, a, 1, true, 'Hoa'],
      [3, a, 2, true, 'Hoa'],
      [4, b, 1, true, 'Hoa'],
      [5, null, null, false, 'Hoa'],
    ]);
    expect(pages[4].problem).toEqual({ kind: 'page-unidentified', problem: { kind: 'qr-not-found' }, file: 'lo-1.tif', page: 5 });
    for (const p of pages) expect(existsSync(imagePath(s.dir, p.imageHash))).toBe(true);
    expect(
      db
        .select()
        .from(scanCells)
        .all()
        .filter((x) => x.queued).length,
    ).toBe(2);
    const audits = db
      .select()
      .from(auditLog)
      .all()
      .filter((x) => x.action === 'scan.import');
    expect(audits.map((x) => [x.actor, x.detail])).toEqual([['cli', { file: 'lo-1.tif', scannedBy: 'Hoa', pages: 5, forms: 2, queued: 2, problems: 1 }]]);

    // The queue: b's cells in page order; confirming one, correcting the other settles b with the corrections.
    expect(nextToVerify(db, c.id)).toEqual({ cell: { serial: b, groupCode: 'G1', unit: 'SA', question: '1', machine: '4', why: 'faint' }, remaining: 2 });
    // Nothing typed confirms the machine's reading.
    expect(verifyCell(db, c, { serial: b, unit: 'SA', question: '1', answer: '', operator: 'lan' })).toEqual({ ok: true, settled: null, remaining: 1 });
    const again = verifyCell(db, c, { serial: b, unit: 'SA', question: '1', answer: '3', operator: 'minh' });
    expect(again.ok === false && verifyText(again.problem, 'en')).toBe(`cell SA 1 of form ${b} does not wait for verification (already verified?)`);
    const wrong = verifyCell(db, c, { serial: b, unit: 'SA', question: '3', answer: '7', operator: 'lan' });
    expect(wrong.ok === false && verifyText(wrong.problem, 'en')).toBe('"7" is not an option code (1, 2, 3, 4, 9), "*" (spoiled) or "-" (blank)');
    expect(verifyCell(db, c, { serial: b, unit: 'SA', question: '3', answer: '2', operator: 'lan' })).toEqual({ ok: true, settled: 'counted', remaining: 0 });
    expect(nextToVerify(db, c.id)).toEqual({ cell: null, remaining: 0 });

    const form = getFormBySerial(db, c.id, b)!;
    expect(form).toMatchObject({ status: 'counted', countedFrom: 'paper' });
    const settled = db
      .select()
      .from(submissionCells)
      .all()
      .filter((x) => x.submissionId === form.finalSubmissionId);
    expect(settled.map((x) => `${x.unit}.${x.question}=${x.answer}`).sort()).toEqual(['SA.1=4', 'SA.2=3', 'SA.3=2', 'SB.1=2', 'SB.2=', 'SB.3=9']);
    expect(
      db
        .select()
        .from(scanVerifications)
        .all()
        .map((v) => [v.unit, v.question, v.machine, v.answer, v.operator]),
    ).toEqual([
      ['SA', '1', '4', '4', 'lan'],
      ['SA', '3', '*', '2', 'lan'],
    ]);

    // The machine is reported like a keyer: 12 cells, one changed by verification.
    expect(keyerAccuracy(db, c.id).find((r) => r.keyer === 'omr')).toMatchObject({ forms: 2, cells: 12, changed: 1, changedPerThousand: 83.33 });
    // The crop of a cell: the image and row of the page that fed the pass.
    expect(scanCellImage(db, c.id, b, 'SA', '3')).toEqual({ hash: pages[0].imageHash, transform: [1, 0, 0, 1, 0, 0], row: { x: 120, y: 40, w: 60, h: 5 } });
  });

  it('a campaign without double entry verifies too (no pass 2 would ever check the unsure cells)', async () => {
    const s = setup('doubleEntry', false);
    const out = await run(s.db, s, formPages(s.a, { faint: true }));
    expect(out.ok && [out.queued, getFormBySerial(s.db, s.c.id, s.a)!.status]).toEqual([1, 'keyed_once']);
  });

  it('refused by the keyed-file checks (a cell the form does not have): nothing is written', async () => {
    const s = setup('verify');
    const readings = [readPageOf(s.a, 1, 2, [...page1('1'), readCell('SC', '1', '1', 80)]), readPageOf(s.a, 2, 2, page2())];
    const out = await run(s.db, s, readings);
    // Named at the scanned page that holds the cell, not at a row of rows nobody sees.
    expect(out.ok === false && !out.unreadable && out.problems.map((p) => placedKeyedText(p, 'en'))).toEqual([
      `lo-1.tif page 1: unknown unit "SC" (form ${s.a} rates: SA, SB)`,
    ]);
    expect(out.ok === false && !out.unreadable && out.problems.map((p) => placedKeyedText(p, 'vi'))).toEqual([
      `Tệp lo-1.tif, trang 1: không có đơn vị mã "SC" (phiếu ${s.a} đánh giá: SA, SB)`,
    ]);
    expect([s.db.select().from(scanPages).all().length, s.db.select().from(submissions).all().length, getFormBySerial(s.db, s.c.id, s.a)!.status]).toEqual([
      0,
      0,
      'issued',
    ]);
  });

  it('a file that is not a scan refuses the import before anything is read', async () => {
    const s = setup('verify');
    const readings = formPages(s.a);
    const out = await importScans(
      s.db,
      s.c,
      [
        { name: 'p1.png', bytes: await scanPng(readings, 0) },
        { name: 'keyed.csv', bytes: Buffer.from('serial,unit,question,answer\n') },
      ],
      { scannedBy: 'Hoa', by: null },
      { scansDir: s.dir, deps: fakeDeps(readings) },
    );
    expect(out).toEqual({ ok: false, unreadable: ['keyed.csv'] });
    expect(s.db.select().from(scanPages).all()).toEqual([]);
  });
});

describe('scan import, doubleEntry mode', () => {
  it('the machine is pass 1, nothing is queued; a blind pass 2 that differs goes to reconciliation, and the decision counts against omr', async () => {
    const s = setup('doubleEntry');
    const { db, c, a } = s;
    const out = await run(db, s, formPages(a, { faint: true }), 'thu');
    expect(out.ok && [out.queued, out.forms[0].unsure]).toEqual([0, 1]);
    expect(getFormBySerial(db, c.id, a)).toMatchObject({ status: 'keyed_once' });
    expect(ledgerForms(db, c.id).get(a)).toMatchObject({ pass1Operator: 'omr', pass1LoadedBy: 'thu' });
    expect(nextToVerify(db, c.id).remaining).toBe(0);

    const rows = [
      ['SA', '1', '2'],
      ['SB', '1', '2'],
      ['SA', '2', '3'],
      ['SB', '2', ''],
      ['SA', '3', '*'],
      ['SB', '3', '9'],
    ].map(([unit, question, answer], i) => ({ row: i + 2, cells: { serial: a, unit, question, answer } }));
    expect(importKeyedRows(db, c, rows, { pass: 2, operator: 'lan', fileName: 'p2.csv' }).ok).toBe(true);
    expect(listConflicts(db, c)).toEqual([{ serial: a, unit: 'SA', question: '1', pass1: '1', pass2: '2' }]);
    expect(resolveCell(db, c, { serial: a, unit: 'SA', question: '1', answer: '2', operator: 'hoa' })).toMatchObject({ ok: true, settled: 'counted' });
    expect(keyerAccuracy(db, c.id).map((r) => [r.keyer, r.cells, r.changed])).toEqual([
      ['lan', 6, 0],
      ['omr', 6, 1],
    ]);
  });
});
