/** The campaign commands as a user runs them: the template, a workbook with mistakes refused whole (every problem, nothing written), export to a workbook and back, next year's copy. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { campaignWorkbook } from '../../server/render/campaign-workbook';
import { checkCampaignText } from '../../surveys/campaign';
import { miniCampaign } from '../helpers/campaigns';
import { repoPath, runCli, tableCounts, tempDir } from '../helpers/cli';

const dir = tempDir();
const db = join(dir, 'cchc.db');
const sampleJson = repoPath('surveys', 'samples', 'two-tier-2026.json');

/** The mini campaign's workbook with three mistakes on three sheets, typed into its cells as a clerk would. */
async function workbookWithMistakes(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    (await campaignWorkbook(miniCampaign())) as unknown as ArrayBuffer,
    { ignoreNodes: ['dataValidations'] } as unknown as ExcelJS.XlsxReadOptions,
  );
  wb.getWorksheet('Đơn vị')!.getCell('A3').value = 'SA';
  wb.getWorksheet('Câu hỏi')!.getCell('D4').value = 'C9';
  wb.getWorksheet('Nhóm đối tượng')!.getCell('F3').value = 'mười';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('campaign commands', () => {
  it('template: the empty workbook', () => {
    const out = join(dir, 'mau.xlsx');
    const r = runCli(db, ['campaign', 'template', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('load: a workbook with several mistakes is refused with every one, by sheet, row and column, and nothing is written', async () => {
    expect(runCli(db, ['campaign', 'load', sampleJson]).status).toBe(0);
    const file = join(dir, 'loi.xlsx');
    writeFileSync(file, await workbookWithMistakes());
    const before = tableCounts(db);
    const r = runCli(db, ['campaign', 'load', file]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'sheet "Đơn vị", row 3, column "Mã": duplicate code "SA" (first at row 2)',
      'sheet "Tiêu chí", row 3: no question feeds criterion "C2"',
      'sheet "Câu hỏi", row 4, column "Tiêu chí": unknown criterion "C9"',
      'sheet "Nhóm đối tượng", row 3, column "Chỉ tiêu": "mười" is not a number: write a number, such as 25 or 1,5',
    ]);
    expect(tableCounts(db)).toEqual(before);
  });

  it('export to a workbook, load it back, export JSON: the same definition', () => {
    const xlsx = join(dir, 'LCU-2026.xlsx');
    const json = join(dir, 'LCU-2026.json');
    expect(runCli(db, ['campaign', 'export', 'LCU-2026', '--out', xlsx]).status).toBe(0);
    const load = runCli(db, ['campaign', 'load', xlsx]);
    expect(load.status, load.stderr).toBe(0);
    expect(load.stdout.trim()).toBe('LCU-2026');
    // The workbook holds the stored definition exactly, so loading it stores nothing and makes no new version.
    expect(load.stderr).toContain('no changes: the file is the stored definition of LCU-2026 (version 1); nothing stored');
    expect(runCli(db, ['campaign', 'export', 'LCU-2026', '--out', json]).status).toBe(0);
    const original = checkCampaignText(readFileSync(sampleJson, 'utf8'));
    expect(original.ok && JSON.parse(readFileSync(json, 'utf8'))).toEqual(original.ok && original.campaign);
  });

  it("copy: next year's campaign under a new code, nothing issued", () => {
    const r = runCli(db, ['campaign', 'copy', 'LCU-2026', '--to', 'LCU-2027']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('LCU-2027');
    const list = runCli(db, ['campaign', 'list']).stdout;
    expect(list).toMatch(/^LCU-2027\t[^\t]*2027[^\t]*\t\d+ units\t\d+ forms\t0 issued\t0 counted$/m);
    expect(runCli(db, ['campaign', 'copy', 'LCU-2026', '--to', 'LCU-2027']).stderr).toContain('campaign "LCU-2027" exists already');
    expect(existsSync(db)).toBe(true);
  });
});
