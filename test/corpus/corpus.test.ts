/** The bad-input corpus: files wrong in the ways people make them wrong, each with the message it must get and proof that nothing was written. */
import { createWriteStream, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { campaignWorkbook } from '../../server/render/campaign-workbook';
import { miniCampaign } from '../helpers/campaigns';
import { fixture, runCli, tableCounts, tempDir } from '../helpers/cli';
import { zipOf } from '../helpers/zip';

const here = (...p: string[]) => join(fileURLToPath(new URL('.', import.meta.url)), ...p);
const dir = tempDir();
const db = join(dir, 'cchc.db');

// The mini fixture issued with no spares gives serials 000013, 000021 (G1, rating SA and SB), 000037 (G2 SA), 000045 (G2 SB).
beforeAll(() => {
  expect(runCli(db, ['campaign', 'load', fixture('mini-campaign.json')]).status).toBe(0);
  expect(runCli(db, ['issue', 'MINI-2026']).stdout).toContain('000045');
});

const campaignCases: Record<string, string[]> = {
  'trailing-comma.json': ['(file): not valid JSON'],
  'windows-1258.json': ['is not UTF-8 text: save it as UTF-8'],
  'fraction-as-text.json': ['optionSets[0].options[1].fraction: "0,6" is text, not a number: write 0.6 without quotes'],
  'duplicate-unit-with-space.json': ['units[1].code: duplicate code "SA" (first at units[0])'],
  'quota-as-text.json': ['groups[0].quota: "25" is text, not a number: write 25 without quotes'],
  'no-groups.json': ['groups: is empty (a list is needed)'],
  'criterion-wrong-case.json': ['forms[0].questions[0].criterion: unknown criterion "c1"'],
  'level-in-vietnamese.json': ['units[0].level: must be a lower-case level name'],
  'empty.json': ['the file is empty (0 bytes): it was not saved completely or not copied whole; save it again'],
  'excel-export.json': ['(file): not valid JSON'],
};

describe('campaign files', () => {
  it('covers every file of the corpus', () => {
    expect(Object.keys(campaignCases).sort()).toEqual(readdirSync(here('campaign')).sort());
  });

  it.each(Object.entries(campaignCases))('%s', (file, messages) => {
    const before = tableCounts(db);
    const r = runCli(db, ['campaign', 'load', here('campaign', file)]);
    expect(r.status, r.stderr).toBe(1);
    for (const m of messages) expect(r.stderr).toContain(m);
    expect(tableCounts(db)).toEqual(before);
  });
});

// Refused files come first: they key pass 1 of forms that the accepted files key afterwards.
const keyedRefused: Record<string, string[]> = {
  'windows-1258.csv': ['the file is not UTF-8 text: save it from Excel as "CSV UTF-8 (Comma delimited)"'],
  'no-header.csv': ['row 1: the header must be "serial,unit,question,answer"'],
  'quoted-newline.csv': ['row 7: answer "2\n3" is not an option of MD4'],
  'duplicated-serial.csv': ['row 8: repeats row 2 (000013 SA 1)', 'row 13: repeats row 7 (000013 SB 3)'],
  'formula-in-cell.csv': ['row 7: answer "=1+1" is not an option of MD4'],
  'tab-separated.csv': ['row 1: the header must be "serial,unit,question,answer"'],
  'extra-column.csv': ['row 1: the header must be "serial,unit,question,answer"', 'unexpected "note"'],
  'wrong-check-character.csv': ['row 2: serial "000014" has a wrong check character (mistyped?)'],
  'empty.csv': ['the file is empty (no header row)'],
  'header-only.csv': ['the file has no data rows below the header'],
};
const keyedAccepted: Record<string, string> = {
  'ok-semicolon-bom-crlf.csv': 'pass 1: 1 forms, 6 cells keyed by lan',
  'ok-stray-spaces.csv': 'pass 1: 1 forms, 6 cells keyed by lan',
  'ok-leading-zeros-lost.csv': 'pass 1: 1 forms, 3 cells keyed by lan',
};

describe('keyed paper CSV files', () => {
  it('covers every file of the corpus', () => {
    expect([...Object.keys(keyedRefused), ...Object.keys(keyedAccepted)].sort()).toEqual(readdirSync(here('keyed')).sort());
  });

  it.each(Object.entries(keyedRefused))('refuses %s', (file, messages) => {
    const before = tableCounts(db);
    const r = runCli(db, ['entry', 'import', 'MINI-2026', here('keyed', file), '--pass', '1', '--operator', 'lan']);
    expect(r.status, r.stderr).toBe(1);
    for (const m of messages) expect(r.stderr).toContain(m);
    expect(tableCounts(db)).toEqual(before);
  });

  it.each(Object.entries(keyedAccepted))('accepts %s', (file, message) => {
    const r = runCli(db, ['entry', 'import', 'MINI-2026', here('keyed', file), '--pass', '1', '--operator', 'lan']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(message);
  });

  it('refuses a 50 MB file of repeated cells, listing 1,000 problems and counting the rest, writing nothing', async () => {
    const path = join(dir, 'big.csv');
    const out = createWriteStream(path);
    out.write('serial,unit,question,answer\n');
    const block = ['SA', 'SB'].flatMap((u) => ['1', '2', '3'].map((q) => `000045,${u},${q},2\n`)).join('');
    let bytes = 0;
    while (bytes < 50 * 2 ** 20) {
      out.write(block);
      bytes += block.length;
    }
    await new Promise((resolve) => out.end(resolve));
    const before = tableCounts(db);
    const r = runCli(db, ['entry', 'import', 'MINI-2026', path, '--pass', '1', '--operator', 'lan']);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    // 000045 rates only SB, so every SA row is out of scope and every later SB row repeats an earlier one.
    expect(lines[0]).toBe('row 2: unit "SA" is not rated by form 000045 (it rates: SB)');
    expect(lines).toHaveLength(1001);
    expect(lines[1000]).toMatch(/^… \d{7} more problems not listed$/);
    expect(tableCounts(db)).toEqual(before);
  });
});

/** The mini campaign's workbook as a clerk left it: `edit` changes its cells. */
async function miniWorkbook(edit: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    (await campaignWorkbook(miniCampaign())) as unknown as ArrayBuffer,
    { ignoreNodes: ['dataValidations'] } as unknown as ExcelJS.XlsxReadOptions,
  );
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// Built here rather than stored: each is the mini workbook (or a file posing as one) wrong in one of the ways people make it wrong.
const workbookCases: [string, () => Promise<Buffer> | Buffer, string[]][] = [
  [
    'csv-renamed.xlsx',
    () => Buffer.from('code,name,level\nSA,Sở An,so\n'),
    ['this is a text (CSV) file, not an Excel workbook: open it in Excel and save it as "Excel Workbook (.xlsx)"'],
  ],
  [
    'zip-bomb.xlsx',
    () => zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(70 * 2 ** 20) }]),
    ['the workbook unpacks to more than 67,108,864 bytes, far more than a campaign needs'],
  ],
  [
    'typed-by-hand.xlsx',
    () =>
      miniWorkbook((wb) => {
        // A misspelt heading, a fraction of 1,2 typed with a decimal comma, a question of a form that does not exist.
        wb.getWorksheet('Đơn vị')!.getCell('C1').value = 'Cap do';
        wb.getWorksheet('Bộ phương án')!.getCell('D3').value = '1,2';
        wb.getWorksheet('Câu hỏi')!.getCell('A3').value = 'F2';
      }),
    [
      'sheet "Đơn vị", row 1: no column "Cấp" (the heading "Cap do" looks misspelt)',
      'sheet "Bộ phương án", row 3, column "Tỷ lệ điểm": must lie in [0, 1]',
      'sheet "Câu hỏi", row 3, column "Mẫu phiếu": unknown form "F2"',
    ],
  ],
];

describe('campaign workbooks', () => {
  it.each(workbookCases)('%s', async (file, make, messages) => {
    const path = join(dir, file);
    writeFileSync(path, await make());
    const before = tableCounts(db);
    const r = runCli(db, ['campaign', 'load', path]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(messages);
    expect(tableCounts(db)).toEqual(before);
  });
});
