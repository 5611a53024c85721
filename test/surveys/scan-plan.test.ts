/** The scan import's plan, pure: pages grouped into forms, the machine's pass, the cells that wait for a person, and every page that cannot be used named by file and page. */
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../surveys/campaign';
import type { LedgerForm } from '../../surveys/ledger';
import type { CellReading, PageReading } from '../../surveys/omr/reading';
import { planScanImport, rescanHelps, type ScanProblem, scanText, type ScannedPage } from '../../surveys/omr/scan-plan';
import { scanJobView } from '../../surveys/omr/scan-view';
import { readVerifyAnswer } from '../../surveys/omr/verify';
import { makeSerial } from '../../surveys/serial';
import { miniCampaign } from '../helpers/campaigns';

// The mini campaign: group G1 fills form F1, rating SA and SB on questions 1, 2, 3 (6 cells). Printed here on two
// pages: page 1 holds questions 1 and 2 (4 cells), page 2 question 3 (2 cells).
const S1 = makeSerial(1);
const S2 = makeSerial(2);
const S3 = makeSerial(3);
const UNKNOWN = makeSerial(99);

const ROW = { x: 100, y: 50, w: 40, h: 5 };
const cell = (unit: string, question: string, answer: string, sure = true, why?: CellReading['why']): CellReading => ({
  unit,
  question,
  answer,
  sure,
  ...(why ? { why } : {}),
  fill: [],
  row: ROW,
});
const TRANSFORM: [number, number, number, number, number, number] = [7.87, 0, 0, 7.87, 0, 0];
function page(serial: string, n: number, cells: CellReading[], pages = 2): PageReading {
  return { ok: true, id: { serial, page: n, pages }, rotation: 0, skew: 0, dpi: 200, transform: TRANSFORM, cells };
}
const page1 = (serial: string, q1 = '1', sure = true) =>
  page(serial, 1, [cell('SA', '1', q1, sure, sure ? undefined : 'faint'), cell('SB', '1', '2'), cell('SA', '2', '3'), cell('SB', '2', '')]);
const page2 = (serial: string) => page(serial, 2, [cell('SA', '3', '*', false, 'several'), cell('SB', '3', '9')]);

const at = (file: string, n: number) => ({ file, page: n });
const scanned = (...list: [string, number, PageReading][]): ScannedPage[] => list.map(([file, n, reading]) => ({ at: at(file, n), reading }));

function ledgerOf(...forms: Partial<LedgerForm>[]): Map<string, LedgerForm> {
  return new Map(
    forms.map((f) => {
      const full: LedgerForm = {
        serial: S1,
        groupCode: 'G1',
        homeUnit: null,
        targets: ['SA', 'SB'],
        status: 'issued',
        countedFrom: null,
        pass1Operator: null,
        pass2Operator: null,
        pass1LoadedBy: null,
        pass2LoadedBy: null,
        ...f,
      };
      return [full.serial, full];
    }),
  );
}

const doubleEntry = miniCampaign();
const verify: Campaign = { ...doubleEntry, scanCompletion: 'verify' };
const single: Campaign = { ...doubleEntry, doubleEntry: false };

describe('planScanImport: whole forms become passes', () => {
  it('two forms, pages in any order and interleaved across two files, read in page order with the unsure cells listed', () => {
    const plan = planScanImport(scanned(['a.pdf', 1, page2(S2)], ['a.pdf', 2, page1(S1, '4', false)], ['b.tif', 1, page2(S1)], ['b.tif', 2, page1(S2)]), {
      campaign: verify,
      ledger: ledgerOf({ serial: S1 }, { serial: S2 }),
      loadedBy: null,
    });
    expect(plan.problems).toEqual([]);
    // S2 comes first: its page 2 is the scan's first page. Page 1's cells come before page 2's, whatever the scan order.
    expect(plan.forms.map((f) => [f.serial, f.pass, f.pages, f.verify])).toEqual([
      [S2, 1, [3, 0], true],
      [S1, 1, [1, 2], true],
    ]);
    expect(plan.forms[1].rows).toEqual([
      { serial: S1, unit: 'SA', question: '1', answer: '4' },
      { serial: S1, unit: 'SB', question: '1', answer: '2' },
      { serial: S1, unit: 'SA', question: '2', answer: '3' },
      { serial: S1, unit: 'SB', question: '2', answer: '' },
      { serial: S1, unit: 'SA', question: '3', answer: '*' },
      { serial: S1, unit: 'SB', question: '3', answer: '9' },
    ]);
    // S1: the faint 4 of SA/1 and the two marks of SA/3; S2: only SA/3.
    expect(plan.forms[1].unsure).toEqual([
      { unit: 'SA', question: '1', answer: '4', why: 'faint' },
      { unit: 'SA', question: '3', answer: '*', why: 'several' },
    ]);
    expect(plan.forms[0].unsure).toHaveLength(1);
  });

  it.each([
    // [mode, campaign, ledger of S1, expected pass, unsure cells wait for a person]
    ['doubleEntry: the machine is pass 1, a person keys pass 2 blind', doubleEntry, {}, 1, false],
    ['doubleEntry, pass 1 keyed by a person: the machine is pass 2', doubleEntry, { pass1Operator: 'lan', status: 'keyed_once' as const }, 2, false],
    ['verify: the machine is pass 1 and its unsure cells are verified', verify, {}, 1, true],
    [
      'verify, pass 1 keyed by a person: the machine is pass 2 and the passes are compared',
      verify,
      { pass1Operator: 'lan', status: 'keyed_once' as const },
      2,
      false,
    ],
    ['no double entry: always verified', single, {}, 1, true],
  ])('%s', (_name, campaign, ledger, pass, waits) => {
    const plan = planScanImport(scanned(['a.pdf', 1, page1(S1)], ['a.pdf', 2, page2(S1)]), {
      campaign,
      ledger: ledgerOf({ serial: S1, ...ledger }),
      loadedBy: null,
    });
    expect(plan.problems).toEqual([]);
    expect(plan.forms.map((f) => [f.pass, f.verify])).toEqual([[pass, waits]]);
  });
});

describe('planScanImport: every page that cannot be used is listed at its file and page', () => {
  const ledger = ledgerOf(
    { serial: S1 },
    { serial: S2, status: 'void' },
    { serial: S3, status: 'counted', countedFrom: 'paper', pass1Operator: 'omr', pass2Operator: 'lan' },
  );
  const cases: [string, ScannedPage[], Campaign, string[], string[]][] = [
    [
      'a page without a QR code, and one whose QR code is not ours',
      scanned(['a.pdf', 1, { ok: false, problem: { kind: 'qr-not-found' } }], ['a.pdf', 2, { ok: false, problem: { kind: 'qr-not-ours', text: 'http://x' } }]),
      verify,
      [],
      ['a.pdf page 1: cannot read the page: no QR code found', 'a.pdf page 2: cannot read the page: the QR code "http://x" is not one of our forms'],
    ],
    [
      'a serial of another campaign (the reader had no map for it)',
      scanned(['a.pdf', 4, { ok: false, problem: { kind: 'page-unknown', serial: UNKNOWN, page: 1 } }]),
      verify,
      [],
      [`a.pdf page 4: form ${UNKNOWN} is not a form of this campaign`],
    ],
    [
      'a page number the form does not have',
      scanned(['a.pdf', 1, { ok: false, problem: { kind: 'page-unknown', serial: S1, page: 3 } }]),
      verify,
      [],
      [`a.pdf page 1: form ${S1} has no page 3`],
    ],
    [
      'marks not found: the page is named, the form is not read (its page 2 alone is missing page 1)',
      scanned(['a.pdf', 1, { ok: false, problem: { kind: 'marks-not-found', serial: S1, page: 1 } }], ['a.pdf', 2, page2(S1)]),
      verify,
      [],
      [
        `a.pdf page 1: cannot read the page: form ${S1} page 1: the corner marks were not found (torn, folded or cut off?)`,
        `a.pdf page 2: form ${S1} lacks page 1 of 2; the form is not read yet: its other pages are kept and it is read when page 1 is loaded`,
      ],
    ],
    [
      'a page scanned twice: both places named, the form held back',
      scanned(['a.pdf', 1, page1(S1)], ['a.pdf', 2, page2(S1)], ['b.pdf', 1, page1(S1)]),
      verify,
      [],
      [
        `b.pdf page 1: page 1 of form ${S1} is scanned twice (also a.pdf page 1); the form is not read`,
        // A tester's finding: a page twice and a page missing asked for the missing one only, then for the doubled one.
        `a.pdf page 1: form ${S1} has page 1 twice; the form is not read yet: its other pages are kept and it is read when page 1 is loaded (once)`,
      ],
    ],
    [
      'a void form and a form already counted; the good form still goes in',
      scanned(
        ['a.pdf', 1, page1(S2)],
        ['a.pdf', 2, page2(S2)],
        ['a.pdf', 3, page1(S3)],
        ['a.pdf', 4, page2(S3)],
        ['a.pdf', 5, page1(S1)],
        ['a.pdf', 6, page2(S1)],
      ),
      verify,
      [S1],
      [`a.pdf page 1: form ${S2} is void`, `a.pdf page 3: both passes of form ${S3} are already keyed`],
    ],
  ];
  it.each(cases)('%s', (_name, pages, campaign, read, words) => {
    const plan = planScanImport(pages, { campaign, ledger, loadedBy: null });
    expect(plan.forms.map((f) => f.serial)).toEqual(read);
    expect(plan.problems.map((p) => scanText(p, 'en'))).toEqual(words);
  });

  // Loading the same stack twice (issue 15, finding 7): the pages were read, a rescan would change nothing.
  const BEFORE = { file: 'lô 1.pdf', at: '2026-11-29T07:04:00.000Z' }; // 14:04 in Vietnam (UTC+7)
  const earlier = (bySerial: [string, typeof BEFORE][], byHash: [string, typeof BEFORE][] = []) => ({ bySerial: new Map(bySerial), byHash: new Map(byHash) });
  it.each([
    ['double entry, machine pass 1', doubleEntry, { status: 'keyed_once', pass1Operator: 'omr' }],
    ['verify mode, waiting for a person', verify, { status: 'keyed_once', pass1Operator: 'omr' }],
    ['counted after a person keyed pass 1 and the machine pass 2', doubleEntry, { status: 'counted', pass1Operator: 'lan', pass2Operator: 'omr' }],
  ] as [string, Campaign, Partial<LedgerForm>][])(
    'the same form scanned again after its machine pass (%s): already read, with when and which file',
    (_n, campaign, f) => {
      const plan = planScanImport(scanned(['lô 2.pdf', 1, page1(S1)], ['lô 2.pdf', 2, page2(S1)]), {
        campaign,
        ledger: ledgerOf({ serial: S1, ...f }),
        loadedBy: null,
        earlier: earlier([[S1, BEFORE]]),
      });
      expect(plan.forms).toEqual([]);
      expect(plan.problems.map((p) => [scanText(p, 'vi'), rescanHelps(p)])).toEqual([
        [`Tệp lô 2.pdf, trang 1: trang này đã được đọc lúc 29/11/2026 14:04 (tệp lô 1.pdf), phiếu ${S1} đã có lượt máy đọc; không cần làm gì thêm`, false],
        [`Tệp lô 2.pdf, trang 2: trang này đã được đọc lúc 29/11/2026 14:04 (tệp lô 1.pdf), phiếu ${S1} đã có lượt máy đọc; không cần làm gì thêm`, false],
      ]);
      expect(scanText(plan.problems[0], 'en')).toBe(
        `lô 2.pdf page 1: this page was already read on 29/11/2026 14:04 (file lô 1.pdf): form ${S1} has its machine pass; nothing to do`,
      );
    },
  );

  it('the same image loaded again is already read, even when its form is keyed by people since; a page that was not used is planned again', () => {
    const plan = planScanImport(
      [
        { at: at('b.pdf', 1), reading: page1(S1), hash: 'h1' },
        { at: at('b.pdf', 2), reading: { ok: false, problem: { kind: 'qr-not-found' } }, hash: 'h9' },
        { at: at('b.pdf', 3), reading: page1(S2), hash: 'h3' },
        { at: at('b.pdf', 4), reading: page2(S2), hash: 'h4' },
      ],
      {
        campaign: doubleEntry,
        ledger: ledgerOf({ serial: S1, status: 'counted', pass1Operator: 'lan', pass2Operator: 'minh' }, { serial: S2 }),
        loadedBy: null,
        earlier: earlier([], [['h1', BEFORE]]),
      },
    );
    expect(plan.forms.map((f) => f.serial)).toEqual([S2]);
    expect(plan.problems.map((p) => [p.kind, p.page, rescanHelps(p)])).toEqual([
      ['already-read', 1, false],
      ['page-unidentified', 2, true],
    ]);
  });

  // Tester's finding (issue 15): page 1 in one upload, page 2 in the next: each upload lacked a page and the form was
  // never read unless both were loaded again together.
  it('a form whose other page an earlier upload kept: read with it; a page of this upload wins over a kept one', () => {
    const KEPT = { file: 'trang-1.png', at: '2026-11-29T07:04:00.000Z' };
    const ctx = { campaign: doubleEntry, ledger: ledgerOf({ serial: S1 }, { serial: S2 }), loadedBy: null };
    const kept1 = { at: at('trang-1.png', 1), reading: page1(S1, '4'), kept: KEPT };
    const plan = planScanImport([...scanned(['trang-2.png', 1, page2(S1)]), kept1], ctx);
    expect(plan.problems).toEqual([]);
    expect(plan.forms.map((f) => [f.serial, f.pages, f.rows.find((r) => r.unit === 'SA' && r.question === '1')?.answer])).toEqual([[S1, [1, 0], '4']]);
    // Page 1 scanned again with page 2: the new scan is read, the kept one left alone.
    const again = planScanImport([...scanned(['lô.pdf', 1, page1(S1, '2')], ['lô.pdf', 2, page2(S1)]), kept1], ctx);
    expect(again.forms.map((f) => [f.pages, f.rows.find((r) => r.unit === 'SA' && r.question === '1')?.answer])).toEqual([[[0, 1], '2']]);
    // A kept page of a form this upload does not touch is no problem of this upload.
    expect(planScanImport([...scanned(['x.pdf', 1, page1(S2)], ['x.pdf', 2, page2(S2)]), kept1], ctx)).toMatchObject({ problems: [], forms: [{ serial: S2 }] });
  });

  it('a form still lacking a page: its pages are kept, and the pages that came earlier are named', () => {
    const three = (serial: string, n: number) => ({ ...page1(serial), id: { serial, page: n, pages: 3 } });
    const kept = { at: at('trang-1.png', 1), reading: three(S1, 1), kept: { file: 'trang-1.png', at: '2026-11-29T07:04:00.000Z' } };
    const plan = planScanImport([...scanned(['trang-2.png', 1, three(S1, 2)]), kept], {
      campaign: doubleEntry,
      ledger: ledgerOf({ serial: S1 }),
      loadedBy: null,
    });
    expect(plan.forms).toEqual([]);
    // The page of this upload is stored with the form's problem, so it is kept in turn; the kept page is not stored again.
    expect(plan.pageProblems.map((p) => p?.kind ?? null)).toEqual(['pages-missing', null]);
    expect(plan.problems.map((p) => [scanText(p, 'vi'), rescanHelps(p)])).toEqual([
      [
        `Tệp trang-2.png, trang 1: phiếu ${S1} thiếu trang 3 (trong 3 trang); phiếu chưa được đọc: các trang đã có được giữ lại, phiếu sẽ được đọc khi nạp trang 3 (trang 1 đã nạp trước: tệp trang-1.png, lúc 29/11/2026 14:04)`,
        true,
      ],
    ]);
  });

  // A tester's page of another campaign was listed under «Quét lại các trang này»: a rescan shows the same QR code.
  it.each([
    [{ kind: 'page-unidentified', problem: { kind: 'qr-not-found' } }, true],
    [{ kind: 'page-unidentified', problem: { kind: 'marks-not-found', serial: S1, page: 1 } }, true],
    [{ kind: 'page-unidentified', problem: { kind: 'qr-not-ours', text: 'https://dichvucong.gov.vn' } }, false],
    [{ kind: 'page-unidentified', problem: { kind: 'campaign-other', serial: S1, page: 1, other: 'LCU-2020' } }, false],
    [{ kind: 'page-twice', serial: S1, formPage: 1, firstFile: 'a.pdf', firstPage: 1 }, true],
    [{ kind: 'pages-missing', serial: S1, missing: [2], pages: 2 }, true],
    [{ kind: 'serial-unknown', serial: '999999' }, false],
    [{ kind: 'already-read', serial: S1, readFile: 'a.pdf', readAt: '2026-11-29T07:04:00.000Z' }, false],
  ] as const)('rescanHelps %j: %s', (p, helps) => {
    expect(rescanHelps({ ...p, file: 'b.pdf', page: 3 } as ScanProblem)).toBe(helps);
  });

  it('verify mode: a form read by the machine takes no keyed pass 2 (the desk and keyed files are refused)', () => {
    const waiting = ledgerOf({ serial: S1, status: 'keyed_once', pass1Operator: 'omr' });
    const plan = planScanImport(scanned(['a.pdf', 1, page1(S1)], ['a.pdf', 2, page2(S1)]), { campaign: verify, ledger: waiting, loadedBy: null });
    expect(plan.problems.map((p) => p.kind === 'form-refused' && p.problem.kind)).toEqual(['read-by-machine']);
  });
});

describe('readVerifyAnswer: what a person types on the verification screen', () => {
  const codes = ['1', '2', '3', '4', '9', 'a'];
  it.each([
    ['', '3', '3', 'nothing typed: the machine was right'],
    ['  ', '*', '*', 'spaces are nothing'],
    ['-', '3', '', 'a dash: blank'],
    ['0', '3', '', '0 is not an option here: blank, as at the desk'],
    ['*', '', '*', 'spoiled'],
    ['2', '3', '2', 'an option code'],
    ['A', '3', 'a', 'in its campaign spelling'],
    ['7', '3', undefined, 'not an option'],
    ['12', '3', undefined, 'two codes'],
  ] as [string, string, string | undefined, string][])('%j (machine read %j) → %j: %s', (typed, machine, expected) => {
    expect(readVerifyAnswer(typed, codes, machine)).toBe(expected);
  });
  it('0 is an option code where the option set has it', () => {
    expect(readVerifyAnswer('0', ['0', '1'], '1')).toBe('0');
  });
});

describe('scanJobView: the console page of an import', () => {
  const started = new Date('2026-11-29T07:04:00Z');
  const job = { fileNames: ['lô 1.pdf'], scannedBy: 'Thu', by: 'hoa', startedAt: started, progress: { pages: 1234, pagesRead: 12 } };
  it('while it runs: pages decoded and read, seconds with a decimal comma, the start in Vietnam time', () => {
    // 07:04:00Z is 14:04 in Hà Nội; now 07:04:41.5Z → 41,5 seconds.
    const v = scanJobView({ ...job, status: 'running' }, new Date('2026-11-29T07:04:41.5Z'));
    expect([v.running, v.startedAt, v.seconds, v.pagesDecoded, v.pagesRead, v.done]).toEqual([true, '29/11/2026 14:04', '41,5', '1.234', '12', null]);
    expect([v.files, v.scannedBy, v.by]).toEqual(['Tệp lô 1.pdf', 'Thu', 'hoa']);
  });
  it('done: forms by pass, cells queued, every problem at its file and page, those a rescan helps apart from the others', () => {
    const v = scanJobView(
      {
        ...job,
        status: 'done',
        finishedAt: new Date('2026-11-29T07:06:00Z'),
        result: {
          ok: true,
          pages: 1234,
          forms: [
            { serial: S1, pass: 1 },
            { serial: S2, pass: 2 },
            { serial: S3, pass: 1 },
          ],
          queued: 1500,
          problems: [
            { kind: 'already-read', serial: S2, readFile: 'lô 0.pdf', readAt: '2026-11-28T01:30:00.000Z', file: 'lô 1.pdf', page: 3 },
            { kind: 'page-unidentified', problem: { kind: 'qr-not-found' }, file: 'lô 1.pdf', page: 9 },
            { kind: 'serial-unknown', serial: UNKNOWN, file: 'lô 1.pdf', page: 10 },
            { kind: 'pages-missing', serial: S3, missing: [2], pages: 2, file: 'lô 1.pdf', page: 11 },
          ],
        },
      },
      new Date('2026-11-29T08:00:00Z'),
    );
    expect([v.running, v.seconds]).toEqual([false, '120,0']);
    expect(v.done).toEqual({
      pages: '1.234',
      forms: '3',
      pass1: '2',
      pass2: '1',
      queued: 1500,
      queuedText: '1.500',
      completed: [],
      problems: 4,
      rescan: [
        'Tệp lô 1.pdf, trang 9: không đọc được trang: không tìm thấy mã QR',
        `Tệp lô 1.pdf, trang 11: phiếu ${S3} thiếu trang 2 (trong 2 trang); phiếu chưa được đọc: các trang đã có được giữ lại, phiếu sẽ được đọc khi nạp trang 2`,
      ],
      other: [
        `Tệp lô 1.pdf, trang 3: trang này đã được đọc lúc 28/11/2026 08:30 (tệp lô 0.pdf), phiếu ${S2} đã có lượt máy đọc; không cần làm gì thêm`,
        `Tệp lô 1.pdf, trang 10: phiếu số ${UNKNOWN} không thuộc đợt điều tra này`,
      ],
    });
  });
  it.each([
    [['a.png', 'b.png'], '2 tệp: a.png, b.png'],
    [['1.png', '2.png', '3.png', '4.png', '5.png', '6.png', '7.png'], '7 tệp: 1.png, 2.png, 3.png và 4 tệp khác'],
  ])('several files of one upload: %j → %s', (fileNames, words) => {
    expect(scanJobView({ ...job, fileNames, status: 'running' }, started).files).toBe(words);
  });
  it('refused: every file that is not a scan, or the keyed checks at their page; nothing written', () => {
    expect(scanJobView({ ...job, status: 'done', result: { ok: false, unreadable: ['a.csv'] } }, started).done).toEqual({
      refused: ['Tệp a.csv không phải PDF, TIFF, PNG hay JPEG.'],
    });
    // A tester's cut-short PDF beside a good PNG: «Không đọc được tệp này…» named no file.
    expect(scanJobView({ ...job, status: 'done', result: { ok: false, unreadable: ['cut.pdf'], damaged: true } }, started).done).toEqual({
      refused: ['Tệp cut.pdf bị hỏng hoặc không đầy đủ, không mở được: quét hoặc xuất lại tệp này.'],
    });
    const refused = scanJobView(
      {
        ...job,
        status: 'done',
        result: {
          ok: false,
          problems: [{ at: { file: 'b.tif', page: 2 }, problem: { kind: 'question-unknown', input: '11', form: 'F1', where: { row: 40 } } }],
          errorCount: 3,
        },
      },
      started,
    );
    expect(refused.done).toEqual({ refused: ['Tệp b.tif, trang 2: mẫu phiếu F1 không có câu "11"'], more: 2 });
  });
});
