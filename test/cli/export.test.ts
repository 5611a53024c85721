/** `export answers` through the real CLI: anonymised answers CSV with its codebook beside it, or one workbook. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeDb, openDb } from '../../db/open';
import { seedMini } from '../server/admin-seed';
import { runCli, tempDir } from '../helpers/cli';

const dir = tempDir();
const db = join(dir, 'cchc.db');
let serials: string[] = [];

const parse = (text: string) => Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;

beforeAll(() => {
  const handle = openDb(db);
  serials = seedMini(handle).serials;
  closeDb(handle);
});

describe('export answers', () => {
  it('writes answers and the codebook as CSV files, with stable ids and no serials', () => {
    const out = join(dir, 'answers.csv');
    const r = runCli(db, ['export', 'answers', 'MINI-2026', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('15 answered cells of 3 counted forms exported');
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parse(text);
    expect(rows).toHaveLength(15);
    for (const s of serials) expect(text).not.toContain(s);
    const codebook = parse(readFileSync(join(dir, 'answers.codebook.csv'), 'utf8'));
    expect(codebook.find((x) => x.section === 'unit' && x.code === 'SB')!.label).toBe('Sở Bình');
    const stdout = runCli(db, ['export', 'answers', 'MINI-2026']);
    expect(parse(stdout.stdout)).toEqual(rows);
  });

  it('writes one workbook with sheets answers and codebook for an .xlsx name', async () => {
    const out = join(dir, 'answers.xlsx');
    expect(runCli(db, ['export', 'answers', 'MINI-2026', '--out', out]).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['answers', 'codebook']);
    expect(wb.getWorksheet('answers')!.rowCount).toBe(16);
  });

  it('refuses --codebook with an .xlsx --out, which holds the codebook as a sheet, and writes nothing', () => {
    const out = join(dir, 'both.xlsx');
    const cb = join(dir, 'both.codebook.csv');
    const r = runCli(db, ['export', 'answers', 'MINI-2026', '--out', out, '--codebook', cb]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`--codebook cannot be used with --out ${out}`);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(cb)).toBe(false);
  });

  it('refuses an unknown campaign or sub-command with exit 1', () => {
    expect(runCli(db, ['export', 'answers', 'NOPE']).status).toBe(1);
    expect(runCli(db, ['export', 'scores', 'MINI-2026']).status).toBe(1);
  });
});
