/** The campaign workbook as bytes: exact round trips (random campaigns, the samples, through the database, re-saved by openpyxl), the template's guide, frozen headings and dropdowns, Excel's habits in real cells, and files that are not workbooks refused in bounded memory. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { getCampaign, loadCampaign } from '../../db/campaigns.repo';
import { openDb } from '../../db/open';
import { campaignWorkbook, readCampaignFile, shownNumber, WORKBOOK_LIMITS } from '../../server/render/campaign-workbook';
import { type Campaign, campaignProblemText, checkCampaign, checkCampaignText } from '../../surveys/campaign';
import { miniCampaign } from '../helpers/campaigns';
import { repoPath } from '../helpers/cli';
import { randomCampaign } from '../helpers/random-campaign';
import { zipEntry, zipOf } from '../helpers/zip';

const valid = (json: unknown): Campaign => {
  const r = checkCampaign(json);
  if (!r.ok) throw new Error(r.problems.map((p) => campaignProblemText(p, 'en')).join('\n'));
  return r.campaign;
};
const readBack = async (bytes: Uint8Array, name = 'dot.xlsx'): Promise<Campaign> => {
  const r = await readCampaignFile(bytes, name);
  if (!r.ok) throw new Error(r.problems.map((p) => campaignProblemText(p, 'en')).join('\n'));
  return r.campaign;
};
const problemsOf = async (bytes: Uint8Array, name = 'dot.xlsx') => {
  const r = await readCampaignFile(bytes, name);
  return r.ok ? [] : r.problems.map((p) => campaignProblemText(p, 'en'));
};
const sample = (name: string) => valid(JSON.parse(readFileSync(repoPath('surveys', 'samples', `${name}.json`), 'utf8')));

describe('exact round trip', () => {
  it.each(Array.from({ length: 15 }, (_, i) => 100 + i))('random campaign %i: JSON → workbook → JSON is the same text', async (seed) => {
    const c = valid(randomCampaign(seed));
    expect(JSON.stringify(await readBack(await campaignWorkbook(c)))).toBe(JSON.stringify(c));
  });

  it.each(['lai-chau-2020', 'two-tier-2026'])('the shipped %s.xlsx is its JSON', async (name) => {
    const fromXlsx = await readBack(readFileSync(repoPath('surveys', 'samples', `${name}.xlsx`)));
    expect(JSON.stringify(fromXlsx)).toBe(JSON.stringify(sample(name)));
  });

  it('JSON → load → export xlsx → load → export JSON, through the database', async () => {
    const db = openDb(':memory:');
    for (const c of [sample('two-tier-2026'), valid(randomCampaign(7))]) {
      expect(loadCampaign(db, c, 'test').ok).toBe(true);
      const xlsx = await campaignWorkbook(getCampaign(db, c.code)!.def);
      // The workbook reads back to the stored definition byte for byte: loading it stores nothing.
      expect(loadCampaign(db, await readBack(xlsx), 'test')).toMatchObject({ ok: true, replaced: false, unchanged: true, version: 1 });
      expect(JSON.stringify(getCampaign(db, c.code)!.def)).toBe(JSON.stringify(c));
    }
  });

  // LibreOffice is not installed on the development machine; openpyxl (Debian python3-openpyxl) is. Each test runs
  // where its tool exists; Debian's package serves the system Python, which may not be the first python3 on the PATH.
  const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import openpyxl']).status === 0);
  it.skipIf(!python)('a workbook saved again by openpyxl loads to the same definition', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-wb-'));
    for (const c of [sample('lai-chau-2020'), valid(randomCampaign(11))]) {
      writeFileSync(join(dir, 'in.xlsx'), await campaignWorkbook(c));
      const r = spawnSync(
        python!,
        ['-c', 'import openpyxl,sys; wb = openpyxl.load_workbook(sys.argv[1]); wb.save(sys.argv[2])', join(dir, 'in.xlsx'), join(dir, 'out.xlsx')],
        { encoding: 'utf8' },
      );
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.stringify(await readBack(readFileSync(join(dir, 'out.xlsx'))))).toBe(JSON.stringify(c));
    }
  });

  const soffice = ['libreoffice', 'soffice'].find((x) => spawnSync('which', [x]).status === 0);
  it.skipIf(!soffice)('a workbook saved again by LibreOffice Calc loads to the same definition', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-wb-'));
    const c = sample('two-tier-2026');
    writeFileSync(join(dir, 'in.xlsx'), await campaignWorkbook(c));
    const r = spawnSync(soffice!, ['--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(dir, 'out'), join(dir, 'in.xlsx')], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.stringify(await readBack(readFileSync(join(dir, 'out', 'in.xlsx'))))).toBe(JSON.stringify(c));
  });
});

describe('the workbook a person fills in', () => {
  it("has no cut heading, a numeric maximum column, and a guide that names the console's sections and each code's characters", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await campaignWorkbook(null)) as unknown as ArrayBuffer, { ignoreNodes: ['dataValidations'] } as unknown as ExcelJS.XlsxReadOptions);
    for (const ws of wb.worksheets) {
      ws.getRow(1).eachCell((cell, i) => expect(ws.getColumn(i).width, `${ws.name} «${cell.text}»`).toBeGreaterThan(cell.text.length));
    }
    // «Phạm vi đánh giá» (16 characters) and «Cấp được đánh giá» (17) used to be cut at widths 12.
    const criteria = wb.getWorksheet('Tiêu chí')!;
    expect(criteria.getColumn(4).numFmt).toBe('0.00##');
    const guide = wb
      .getWorksheet('Hướng dẫn')!
      .getSheetValues()
      .map((r) => (Array.isArray(r) ? r.join(' | ') : ''))
      .join('\n');
    expect(guide).toContain('«Nạp đợt điều tra từ sổ tính Excel»');
    expect(guide).not.toContain('Tải đợt điều tra');
    expect(guide).toContain('mã tiêu chí và mã câu hỏi còn được có dấu chấm (1.10, S1.3)');
    expect(guide).toContain('Từ 01/07/2025 các tỉnh không còn cấp huyện');
    expect(guide).toContain('ô điểm lưu dạng chữ');
  });

  it("offers each option set once in the form sheet's dropdown, from formulas over «Bộ phương án»", async () => {
    // Two sets: MD4 (5 options, rows 2–6) and CO2 (2 options, rows 7–8). The dropdown used to list MD4 five times.
    const c = miniCampaign((raw) =>
      raw.optionSets.push({
        code: 'CO2',
        options: [
          { code: '1', label: 'Có', fraction: 1 },
          { code: '2', label: 'Không', fraction: 0 },
        ],
      }),
    );
    const bytes = await campaignWorkbook(c);
    expect(zipEntry(bytes, 'xl/worksheets/sheet7.xml')!.replaceAll('&apos;', "'")).toContain("<formula1>'Danh mục'!$G$2:$G$501</formula1>");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer, { ignoreNodes: ['dataValidations'] } as unknown as ExcelJS.XlsxReadOptions);
    const lists = wb.getWorksheet('Danh mục')!;
    const result = (r: number, col: number) => (lists.getCell(r, col).value as { result?: unknown }).result ?? '';
    expect([2, 3, 4].map((r) => result(r, 7))).toEqual(['MD4', 'CO2', '']);
    // Column H numbers the first row of each set: row 2 (MD4) is 1, row 7 (CO2) is 2, the rows between are empty.
    expect([2, 3, 6, 7, 8].map((r) => result(r, 8))).toEqual([1, '', '', 2, '']);
    expect((lists.getCell(7, 8).value as { formula: string }).formula).toBe(
      `IF(AND('Bộ phương án'!$A7<>"",COUNTIF('Bộ phương án'!$A$2:$A7,'Bộ phương án'!$A7)=1),MAX($H$1:$H6)+1,"")`,
    );
  });

  it('opens on the guide, has every sheet, frozen headings, dropdowns and the sums of maxima per level', async () => {
    const bytes = await campaignWorkbook(miniCampaign());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer, { ignoreNodes: ['dataValidations'] } as unknown as ExcelJS.XlsxReadOptions);
    expect(wb.worksheets.map((w) => `${w.name}${w.state === 'visible' ? '' : ' (hidden)'}`)).toEqual([
      'Hướng dẫn',
      'Chung',
      'Xếp loại',
      'Đơn vị',
      'Tiêu chí',
      'Bộ phương án',
      'Mẫu phiếu',
      'Câu hỏi',
      'Nhóm đối tượng',
      'Liên kết',
      'Tổng điểm theo cấp',
      'Danh mục (hidden)',
    ]);
    // The guide explains each column with an example.
    const guide = wb.getWorksheet('Hướng dẫn')!;
    const scopeRow = guide.getRows(1, guide.rowCount)!.find((r) => r.getCell(1).text === 'Nhóm đối tượng' && r.getCell(2).text === 'Phạm vi đánh giá')!;
    expect(scopeRow.getCell(3).text).toContain('danh sách liên kết (theo trang "Liên kết")');
    expect(scopeRow.getCell(4).text).toBe('mọi đơn vị');
    // Listed columns show the console's labels, not the file's codes (G1 is province-wide, G2 rates its own department).
    const groupRows = wb.getWorksheet('Nhóm đối tượng')!;
    expect([2, 3].map((r) => [groupRows.getCell(r, 4).text, groupRows.getCell(r, 5).text])).toEqual([
      ['Toàn tỉnh', 'mọi đơn vị'],
      ['Sở, ban, ngành', 'đơn vị mình'],
    ]);
    expect(wb.getWorksheet('Đơn vị')!.getCell(2, 3).text).toBe('Sở, ban, ngành');
    expect(wb.getWorksheet('Danh mục')!.getColumn(2).values.slice(1)).toEqual(['Nơi công tác', 'Toàn tỉnh', 'Sở, ban, ngành', 'UBND cấp huyện', 'UBND cấp xã']);
    // Mini: C1 2.25 + C2 1.5 = 3.75 points for level "so", 2 criteria; none for huyen and xa.
    const sums = wb.getWorksheet('Tổng điểm theo cấp')!;
    // (exceljs leaves out a cached result of 0; the workbook asks Excel to recalculate on opening.)
    const result = (r: number, c: number) => (sums.getCell(r, c).value as { result?: number }).result ?? 0;
    expect([2, 3, 4].map((r) => [sums.getCell(r, 1).text, result(r, 2), result(r, 3)])).toEqual([
      ['Sở, ban, ngành', 3.75, 2],
      ['UBND cấp huyện', 0, 0],
      ['UBND cấp xã', 0, 0],
    ]);
    expect(zipEntry(bytes, 'xl/workbook.xml')).toContain('fullCalcOnLoad="1"');
    expect((sums.getCell(2, 2).value as { formula: string }).formula).toBe("SUMIF('Tiêu chí'!$B:$B,A2,'Tiêu chí'!$D:$D)");
    // Sheet 9 is "Nhóm đối tượng": its heading row is frozen, and home and scope (columns D and E) are dropdowns.
    const groupsXml = zipEntry(bytes, 'xl/worksheets/sheet9.xml')!.replaceAll('&apos;', "'");
    expect(groupsXml).toMatch(/<pane[^>]*ySplit="1"[^>]*state="frozen"/);
    // Text columns are formatted as Text ("@"), the quota column is not: a name typed "=..." stays text when edited.
    const groups = wb.getWorksheet('Nhóm đối tượng')!;
    expect([groups.getColumn(2).numFmt, groups.getColumn(6).numFmt]).toEqual(['@', undefined]);
    expect(groupsXml).toContain('sqref="D2:D100001"');
    expect(groupsXml).toContain("<formula1>'Danh mục'!$C$2:$C$5</formula1>");
    expect(groupsXml).toContain("<formula1>'Mẫu phiếu'!$A$2:$A$100001</formula1>");
  });

  it('the template is the same workbook without rows, and reads back as "nothing filled in yet"', async () => {
    const bytes = await campaignWorkbook(null);
    expect(zipEntry(bytes, 'xl/worksheets/sheet9.xml')!.replaceAll('&apos;', "'")).toContain("<formula1>'Danh mục'!$C$2:$C$5</formula1>");
    expect(await problemsOf(bytes)).toContain('sheet "Đơn vị": needs at least one unit');
  });

  it('reads Excel habits in real cells: a code shown with its zeros, a formula, rich text, merged titles above the headings, a hidden sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await campaignWorkbook(miniCampaign())) as unknown as ArrayBuffer,
      { ignoreNodes: ['dataValidations'] } as unknown as ExcelJS.XlsxReadOptions,
    );
    const q = wb.getWorksheet('Câu hỏi')!;
    q.getCell('B2').value = 1.1;
    q.getCell('B2').numFmt = '0.00';
    wb.getWorksheet('Tiêu chí')!.getCell('D2').value = { formula: '1+1.25', result: 2.25 } as ExcelJS.CellFormulaValue;
    wb.getWorksheet('Đơn vị')!.getCell('B2').value = { richText: [{ text: 'Sở ' }, { font: { bold: true }, text: 'An' }] };
    // A title row inserted above the headings and merged across them: the headings are found on row 2.
    const units = wb.getWorksheet('Đơn vị')!;
    units.spliceRows(1, 0, ['Danh sách đơn vị']);
    units.mergeCells('A1:E1');
    units.getCell('A4').value = 'S B';
    wb.getWorksheet('Xếp loại')!.state = 'hidden';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await readCampaignFile(bytes, 'x.xlsx');
    // The unit on Excel row 4 (after the title row) has a space in its code: named at that row.
    expect(r.ok ? [] : r.problems.map((p) => campaignProblemText(p, 'en'))).toEqual([
      'sheet "Đơn vị", row 4, column "Mã": may hold only letters, digits, "_" and "-"',
    ]);
    units.getCell('A4').value = 'SB';
    const c = await readBack(Buffer.from(await wb.xlsx.writeBuffer()));
    expect([c.forms[0].questions[0].code, c.criteria[0].maxPoints, c.units[0].name, c.bands.length]).toEqual(['1.10', 2.25, 'Sở An', 4]);
  });

  it.each([
    [1.1, '0.00', '1.10'],
    [1.1, undefined, '1.1'],
    [0.1 + 0.2, 'General', '0.3'],
    [7, '000', '007'],
    [0.15, '0%', '15%'],
  ])('shows %f with format %s as %s', (v, fmt, text) => expect(shownNumber(v, fmt)).toBe(text));
});

describe('files that are not workbooks are refused with a clear message', () => {
  const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  it.each([
    [
      'a CSV file renamed .xlsx',
      Buffer.from('code,name\nSNV,Sở Nội vụ\n'),
      'dot.xlsx',
      'this is a text (CSV) file, not an Excel workbook: open it in Excel and save it as "Excel Workbook (.xlsx)"',
    ],
    [
      'an old .xls',
      Buffer.concat([OLE, Buffer.alloc(512)]),
      'dot.xls',
      'this is an old Excel file (.xls): open it in Excel and save it as "Excel Workbook (.xlsx)"',
    ],
    [
      'a password-protected workbook',
      Buffer.concat([OLE, Buffer.alloc(100), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(100)]),
      'dot.xlsx',
      'the workbook is protected with a password: remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it) and save it again',
    ],
    ['a truncated workbook', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'dot.xlsx', 'the workbook is damaged or incomplete: save it again from Excel'],
    [
      'a Windows-1258 JSON file',
      Buffer.from([0x7b, 0x22, 0xd2, 0x22, 0x7d]),
      'dot.json',
      'the file is not UTF-8 text: save it as UTF-8 (Windows-1258 and other code pages are not read)',
    ],
  ])('%s', async (_what, bytes, name, message) => {
    expect(await problemsOf(bytes, name)).toEqual([message]);
  });

  it('a zip bomb is refused from its directory, before anything is inflated', async () => {
    // 70 MB of zeros deflate to about 70 KB; the directory says 70 MB, over the 64 MB limit.
    const bomb = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(70 * 2 ** 20) }]);
    expect(bomb.length).toBeLessThan(200_000);
    expect(await problemsOf(bomb)).toEqual([
      `the workbook unpacks to more than ${WORKBOOK_LIMITS.unpacked.toLocaleString('en')} bytes, far more than a campaign needs`,
    ]);
  });

  it('a zip that lies about its sizes is stopped at the size it declared', async () => {
    const liar = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(8 * 2 ** 20), declared: 1000 }]);
    expect(await problemsOf(liar)).toEqual([
      `the workbook unpacks to more than ${WORKBOOK_LIMITS.unpacked.toLocaleString('en')} bytes, far more than a campaign needs`,
    ]);
  });

  it('a file larger than any campaign is refused before it is looked at', async () => {
    expect(await problemsOf(new Uint8Array(WORKBOOK_LIMITS.unpacked + 1))).toEqual([
      `the file is larger than ${WORKBOOK_LIMITS.unpacked.toLocaleString('en')} bytes, far more than a campaign needs`,
    ]);
  });

  it('JSON is read as JSON whatever its name', async () => {
    const json = readFileSync(repoPath('test', 'fixtures', 'mini-campaign.json'));
    expect((await readBack(json, 'campaign.xlsx')).code).toBe('MINI-2026');
    const c = checkCampaignText(json.toString('utf8'));
    expect(c.ok && c.campaign.code).toBe('MINI-2026');
  });
});
