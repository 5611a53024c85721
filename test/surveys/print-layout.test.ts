/** Pure paper decisions: orientation, unit blocks, page filling, keying order, the dispatch count sheet, keyer accuracy and the desk's pass rules. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accuracyRows, accuracyTotal } from '../../surveys/accuracy';
import { checkCampaignText, type Campaign } from '../../surveys/campaign';
import { countsCsv, dispatchCounts } from '../../surveys/dispatch';
import { planIssue } from '../../surveys/issue-plan';
import { blankKeys, deskSerialVi, invalidateText, readDeskSerial } from '../../surveys/keying-desk';
import { deskPass, deskPassVi } from '../../surveys/passes';
import { operatorKey, type LedgerForm } from '../../surveys/ledger';
import {
  bandBoxColumns,
  boxColumnsFor,
  buildPrintRun,
  downloadName,
  keyingOrder,
  layoutFor,
  maxUnitsPerBlock,
  planFormLayout,
  splitUnits,
  unitHeadHeight,
} from '../../surveys/print-layout';
import { pdfJobView } from '../../surveys/print-job';
import { makeSerial } from '../../surveys/serial';

const sample = (() => {
  const r = checkCampaignText(readFileSync(new URL('../../surveys/samples/lai-chau-2020.json', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error('sample');
  return r.campaign;
})();

const input = (units: number, questions = 10, text = 60) => ({
  unitNames: Array.from({ length: units }, (_, i) => `Sở số ${i + 1}`),
  questionTexts: Array.from({ length: questions }, () => 'x'.repeat(text)),
  optionCount: 5,
  titleLength: 120,
  introLength: 300,
});

describe('print layout', () => {
  it('prints a one-unit form portrait with one column per option', () => {
    const l = planFormLayout(input(1));
    expect([l.orientation, l.cellStyle, l.pages.length]).toEqual(['portrait', 'columns', 1]);
  });

  it('keeps up to 8 rated units portrait and turns 20 units landscape, in one column block', () => {
    expect(planFormLayout(input(8)).orientation).toBe('portrait');
    const l20 = planFormLayout(input(20));
    expect([l20.orientation, l20.cellStyle, l20.unitBlocks.length]).toEqual(['landscape', 'stacked', 1]);
    expect(maxUnitsPerBlock('landscape')).toBe(20);
    // 21 units are still split into 11 + 10, as on forms printed before the question column narrowed.
    expect(planFormLayout(input(21)).unitBlocks.map((b) => b.length)).toEqual([11, 10]);
  });

  it('splits more units than a page holds into balanced blocks', () => {
    expect(splitUnits(22, 20).map((b) => b.length)).toEqual([11, 11]);
    expect(splitUnits(20, 20)).toHaveLength(1);
    const l = planFormLayout(input(30));
    expect(l.unitBlocks.map((b) => b.length)).toEqual([15, 15]);
    // Every (unit, question) appears on exactly one page.
    const cells = keyingOrder(l).map((x) => `${x.unit}/${x.question}`);
    expect(new Set(cells).size).toBe(30 * 10);
    expect(cells).toHaveLength(300);
  });

  it('fills pages with whole question rows, the first page holding fewer (the heading)', () => {
    const l = planFormLayout(input(20, 30));
    expect(l.pages.length).toBeGreaterThan(1);
    expect(l.pages.flatMap((p) => p.questions)).toEqual(Array.from({ length: 30 }, (_, q) => q));
    expect(l.pages[0].first).toBe(true);
    expect(l.pages.slice(1).every((p) => !p.first)).toBe(true);
    expect(l.pages[0].questions.length).toBeLessThanOrEqual(l.pages[1].questions.length);
  });

  it('leaves room for long option labels above the columns of a one-unit form and in the legend', () => {
    const short = planFormLayout({ ...input(1, 40, 300), optionLabels: ['Rất tốt', 'Tốt', 'Trung bình', 'Kém', 'Không biết'] });
    const long = planFormLayout({ ...input(1, 40, 300), optionLabels: Array(5).fill('x'.repeat(40)) });
    expect(long.pages[0].questions.length).toBeLessThan(short.pages[0].questions.length);
    expect(long.pages.flatMap((p) => p.questions)).toEqual(short.pages.flatMap((p) => p.questions));
  });

  it.each([
    // unit column = (content width − 9 mm code − 62 mm question) / units, less 0.5 mm; two boxes need 2 × 4.9 mm (digits)
    ['landscape', 20, ['1', '2', '3', '4', '9'], 2], // (277 − 71) / 20 = 10.3 → 9.8 ≥ 9.8
    ['landscape', 21, ['1', '2', '3', '4', '9'], 1], // 206 / 21 = 9.81 → 9.31 < 9.8
    ['portrait', 8, ['1', '2', '3', '4', '9'], 2], // (190 − 71) / 8 = 14.9 → 14.4
    ['portrait', 8, ['A', 'B', 'C'], 2], // letters need 2 × 5.6 = 11.2 ≤ 14.4
    ['landscape', 20, ['A', 'B', 'C'], 1], // 9.8 < 11.2
  ] as const)('puts tick boxes two to a line only where they fit: %s, %i units, codes %j → %i', (orientation, units, codes, expected) => {
    expect(boxColumnsFor(orientation, units, [...codes])).toBe(expected);
  });

  it.each([
    // lines = floor((column − 1) / 2.84); need = longest × 1.3 / lines × 1.15 + 1 mm; the next step of 14…34 mm
    [23, 14.9, 14], // 4 lines: 9.6 mm
    [44, 10.3, 26], // 3 lines: 22.9 mm
    [44, 13.5, 18], // 4 lines: 17.4 mm (banded, 20 units)
    [20, 10.3, 14], // 3 lines: 10.97 mm
    [120, 9.4, 34], // 2 lines: 90.7 mm, more than the tallest step
  ])('sizes the unit-name head for %i-character names in %f mm columns: %i mm', (chars, column, head) => {
    expect(unitHeadHeight(['x'.repeat(chars), 'short'], column)).toBe(head);
  });

  it.each([
    // boxes of 4.3 mm in the column less 0.5 mm, at most the options, lines balanced
    [13.5, 5, 3], // 20 units landscape: 13 mm holds three: 3 + 2
    [26.5, 5, 5], // 10 units: one line
    [17.5, 5, 3], // holds four, but 4 + 1 is two lines as 3 + 2 is
    [9.2, 5, 2], // two: 2 + 2 + 1
    [4.0, 5, 0], // not one
  ])('puts %f mm banded cells at %i options %i boxes to a line', (column, options, boxes) => {
    expect(bandBoxColumns(column, options)).toBe(boxes);
  });

  it('packs the sample: 20 departments banded on one landscape page, 8 districts on one portrait page', () => {
    // CT-01 (10 questions) and CT-03 (9) took 3 + 7 and 4 + 5 rows with two boxes a line beside a 62 mm question
    // column, and 2 + 5 + 3 and 2 + 5 + 2 with five boxes stacked.
    const so = sample.units.filter((u) => u.level === 'so').map((u) => u.code);
    const layout = (form: string, targets: string[]) => layoutFor(sample, sample.forms.find((f) => f.code === form)!, targets);
    const pages = (form: string, targets: string[]) => layout(form, targets).pages.map((p) => p.questions.length);
    expect(pages('CT-01', so)).toEqual([10]);
    expect(pages('CT-03', so)).toEqual([9]);
    expect(layout('CT-01', so)).toMatchObject({ band: true, boxColumns: 3, unitHead: 18, orientation: 'landscape' });
    // The keying desk walks the cells as before: question by question, the 20 departments left to right.
    expect(
      keyingOrder(layout('CT-01', so))
        .slice(0, 21)
        .map((c) => `${c.question}.${c.unit}`),
    ).toEqual([...Array.from({ length: 20 }, (_, u) => `0.${u}`), '1.0']);
    // CH-02 (9 questions on 8 districts, short names: a 14 mm head) fits one page unbanded; it took 5 + 4 rows.
    const huyen = sample.units.filter((u) => u.level === 'huyen').map((u) => u.code);
    expect(pages('CH-02', huyen)).toEqual([9]);
    expect(layout('CH-02', huyen).band).toBe(false);
  });

  it('bands a form only where that saves a page', () => {
    // 20 units with 10 short questions and a short heading fit one page either way: not banded.
    expect(planFormLayout(input(20, 4)).band).toBe(false);
    const heading = { optionLabels: ['Rất tốt', 'Tốt', 'Trung bình', 'Kém', 'Không biết'], campaignLength: 64, metaLength: 60 };
    const l = planFormLayout({ ...input(20, 10, 110), ...heading });
    expect(l.band).toBe(true);
    expect(l.pages).toHaveLength(1);
    // Without the heading's lengths the layout assumes long ones (40-character option labels, a 200-character campaign
    // name, 120-character group and unit names): banding then saves no page.
    expect(planFormLayout(input(20, 10, 110)).band).toBe(false);
  });

  it('keys cells in paper order: page by page, row by row, left to right', () => {
    const l = planFormLayout(input(3, 2));
    expect(keyingOrder(l)).toEqual([
      { unit: 0, question: 0 },
      { unit: 1, question: 0 },
      { unit: 2, question: 0 },
      { unit: 0, question: 1 },
      { unit: 1, question: 1 },
      { unit: 2, question: 1 },
    ]);
  });

  it('builds a sheet per form with every page numbered and the heading data', () => {
    const plan = planIssue(sample, new Map())
      .filter((n) => n.group === 'CT01-HDND' || n.group === 'CT02-CC')
      .slice(0, 2);
    const sheets = buildPrintRun(
      sample,
      plan.map((n, i) => ({ serial: makeSerial(i + 1), accessCode: 'ABCDEFGHJKMN', groupCode: n.group, homeUnit: n.home, targets: n.targets })),
    );
    expect(sheets[0]).toMatchObject({
      serial: makeSerial(1),
      formCode: 'CT-01',
      homeName: 'Toàn tỉnh Lai Châu',
      accessCode: 'ABCD-EFGH-JKMN',
      province: 'Lai Châu',
    });
    expect(sheets[0].pages.every((p) => p.orientation === 'landscape' && p.units.length === 20)).toBe(true);
    expect(sheets[0].pages.map((p) => `${p.number}/${p.count}`)).toEqual(sheets[0].pages.map((_, i) => `${i + 1}/${sheets[0].pages.length}`));
    expect(sheets[1]).toMatchObject({ formCode: 'CT-02', homeName: 'Sở Nội vụ' });
    expect(sheets[1].pages[0].columns).toBe(true);
  });
});

describe('PDF job progress', () => {
  it('reports forms done, whole percent and seconds with a decimal comma', () => {
    const job = {
      campaign: 'LCU-2020',
      name: 'phieu-LCU-2020',
      formsDone: 480,
      formsTotal: 1442,
      startedAt: new Date('2026-11-29T07:04:00Z'),
      status: 'running' as const,
    };
    // 100 × 480 / 1442 = 33.29 → 33; 41.5 s after the start.
    expect(pdfJobView(job, new Date('2026-11-29T07:04:41.5Z'))).toEqual({
      status: 'running',
      name: 'phieu-LCU-2020',
      done: '480',
      total: '1.442',
      percent: 33,
      startedAt: '29/11/2026 14:04',
      seconds: '41,5',
    });
    // A finished job counts its seconds to its end, not to now.
    const done = { ...job, formsDone: 1442, status: 'done' as const, finishedAt: new Date('2026-11-29T07:04:52Z') };
    expect(pdfJobView(done, new Date('2026-11-29T08:00:00Z'))).toMatchObject({ percent: 100, seconds: '52,0' });
  });
});

describe('dispatch count sheet', () => {
  it('counts non-void forms per home unit and group, province first, campaign order', () => {
    const c: Campaign = sample;
    const rows = dispatchCounts(c, [
      { groupCode: 'CT02-CC', homeUnit: 'SNV', status: 'issued' },
      { groupCode: 'CT01-HDND', homeUnit: null, status: 'issued' },
      { groupCode: 'CT02-CC', homeUnit: 'SNV', status: 'counted' },
      { groupCode: 'CT02-CC', homeUnit: 'SNV', status: 'void' },
      { groupCode: 'CH02-LDS', homeUnit: 'SNV', status: 'issued' },
    ]);
    expect(rows).toEqual([
      { home_unit: '', home_unit_name: 'Toàn tỉnh Lai Châu', group: 'CT01-HDND', group_name: 'Đại biểu HĐND tỉnh', forms: 1 },
      { home_unit: 'SNV', home_unit_name: 'Sở Nội vụ', group: 'CT02-CC', group_name: 'Công chức phòng chuyên môn các sở, ban, ngành tỉnh', forms: 2 },
      { home_unit: 'SNV', home_unit_name: 'Sở Nội vụ', group: 'CH02-LDS', group_name: 'Lãnh đạo các sở, ban, ngành tỉnh', forms: 1 },
    ]);
  });

  it('writes the count sheet as CSV, one line per envelope line', () => {
    const csv = countsCsv(sample, [
      { groupCode: 'CT02-CC', homeUnit: 'SNV', status: 'issued' },
      { groupCode: 'CT01-HDND', homeUnit: null, status: 'issued' },
      { groupCode: 'CT02-CC', homeUnit: 'SNV', status: 'void' },
    ]);
    expect(csv).toBe(
      '\uFEFFhome_unit,home_unit_name,group,group_name,forms\r\n' +
        ',Toàn tỉnh Lai Châu,CT01-HDND,Đại biểu HĐND tỉnh,1\r\n' +
        'SNV,Sở Nội vụ,CT02-CC,"Công chức phòng chuyên môn các sở, ban, ngành tỉnh",1\r\n',
    );
  });
});

describe('keyer accuracy', () => {
  it('rates changed cells per keyer, adding up one keyer’s rows, names compared without case', () => {
    const rows = accuracyRows([
      { keyer: 'lan', forms: 2, cells: 300, changed: 3 },
      { keyer: 'Lan', forms: 1, cells: 100, changed: 1 },
      { keyer: 'minh', forms: 0, cells: 0, changed: 0 },
    ]);
    expect(rows).toEqual([
      { keyer: 'lan', forms: 3, cells: 400, changed: 4, changedPerThousand: 10, accuracyPercent: 99 },
      { keyer: 'minh', forms: 0, cells: 0, changed: 0, changedPerThousand: null, accuracyPercent: null },
    ]);
    expect(accuracyTotal(rows)).toMatchObject({ cells: 400, changed: 4, changedPerThousand: 10 });
    // 1 of 3 cells: 333.333… per thousand, rounded half away from zero.
    expect(accuracyRows([{ keyer: 'a', forms: 1, cells: 3, changed: 2 }])[0]).toMatchObject({ changedPerThousand: 666.67, accuracyPercent: 33.33 });
  });
});

describe('keying desk rules', () => {
  const form = (over: Partial<LedgerForm> = {}): LedgerForm => ({
    serial: '000013',
    groupCode: 'G',
    homeUnit: null,
    targets: ['SA'],
    status: 'issued',
    countedFrom: null,
    pass1Operator: null,
    pass2Operator: null,
    pass1LoadedBy: null,
    pass2LoadedBy: null,
    ...over,
  });

  /** The desk's reading with its refusal in the desk's words. */
  const deskRead = (typed: string) => {
    const r = readDeskSerial(typed);
    return r.ok ? r : { ok: false, message: deskSerialVi(r.problem) };
  };
  /** The desk's pass for `operator` signed in (loading as themselves); refusals in the desk's words. */
  const decidePass = (f: LedgerForm, operator: string, doubleEntry: boolean) => {
    const d = deskPass(f, { operator, loadedBy: operator, doubleEntry, campaign: 'TST' });
    return d.ok ? d : { ok: false, kind: d.problem.kind, message: deskPassVi(d.problem) };
  };

  it('reads serials: wrong check character, too short, letters', () => {
    expect(deskRead(' 0000-13 ')).toEqual({ ok: true, serial: '000013' });
    expect(deskRead('000014')).toMatchObject({ ok: false, message: expect.stringContaining('sai ký tự kiểm tra') });
    expect(deskRead('13')).toMatchObject({ ok: false, message: expect.stringContaining('quá ngắn') });
    expect(deskRead('00A013')).toMatchObject({ ok: false, message: expect.stringContaining('chỉ gồm chữ số') });
  });

  it('gives pass 1, then pass 2 to someone else, never both to one keyer', () => {
    // The HTTP statuses (409 for these, 404 for a serial not in the ledger) are the desk route's: test/server/entry.test.ts.
    expect(decidePass(form(), 'lan', true)).toEqual({ ok: true, pass: 1 });
    expect(decidePass(form({ pass1Operator: 'lan', status: 'keyed_once' }), 'minh', true)).toEqual({ ok: true, pass: 2 });
    expect(decidePass(form({ pass1Operator: 'lan', status: 'keyed_once' }), ' LAN ', true)).toMatchObject({ ok: false, kind: 'same-operator' });
    expect(decidePass(form({ pass2Operator: 'minh', status: 'keyed_once' }), 'lan', true)).toEqual({ ok: true, pass: 1 });
    expect(decidePass(form({ pass1Operator: 'lan', status: 'counted', countedFrom: 'paper' }), 'minh', false)).toMatchObject({ ok: false });
    expect(decidePass(form({ status: 'counted', countedFrom: 'web' }), 'lan', true)).toMatchObject({
      ok: false,
      message: expect.stringContaining('trực tuyến'),
    });
    expect(decidePass(form({ status: 'void' }), 'lan', true)).toMatchObject({ ok: false, kind: 'form-void' });
    // Loading pass 1 under another keyer's name (a console upload) does not let the same person key pass 2 at the desk.
    expect(decidePass(form({ pass1Operator: 'lan', pass1LoadedBy: 'hoa', status: 'keyed_once' }), 'Hoa', true)).toMatchObject({
      ok: false,
      kind: 'same-loader',
    });
  });

  it('takes operators as one person ignoring surrounding spaces and case', () => {
    expect(operatorKey(' Lan ')).toBe(operatorKey('lan'));
    expect(operatorKey('Lan Anh')).not.toBe(operatorKey('LanAnh'));
  });

  it('says in Vietnamese why a form cannot be marked invalid', () => {
    expect(invalidateText({ kind: 'unknown-serial', serial: '000013' }, 'vi')).toBe('Không có phiếu số 000013 trong đợt điều tra này.');
    expect(invalidateText({ kind: 'void', serial: '000013' }, 'vi')).toBe('Phiếu 000013 đã bị hủy.');
    expect(invalidateText({ kind: 'already-invalid', serial: '000013', reason: 'Phiếu trùng' }, 'vi')).toBe('Phiếu 000013 đã được đánh dấu không hợp lệ.');
    expect(invalidateText({ kind: 'no-reason', serial: '000013' }, 'vi')).toBe('Hãy ghi lý do.');
  });

  it('uses 0 for blank only where 0 is not an option code', () => {
    expect(blankKeys([{ code: '1', label: 'a', fraction: 1 }])).toEqual([' ', '0']);
    expect(blankKeys([{ code: '0', label: 'a', fraction: 0 }])).toEqual([' ']);
  });
});

describe('download names', () => {
  it.each([
    [['phieu', 'LCU-2020', 'CT01', undefined], 'phieu-LCU-2020-CT01'],
    [['giay-moi', 'LCU-2020', undefined, 'SNV'], 'giay-moi-LCU-2020-SNV'],
    // Codes hold only safe characters already; anything else (a quote, a space, a letter with a diacritic) becomes "-".
    [['ma-tra-loi', 'X "2026" Đợt'], 'ma-tra-loi-X-2026-t'],
  ])('%j', (parts, name) => {
    expect(downloadName(...parts)).toBe(name);
  });
});
