/** `scan import` through the CLI as a process: what it refuses before reading (nothing written), and a printed run read back. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, tableCounts, tempDir } from '../helpers/cli';

const dir = tempDir();
const db = join(dir, 'cchc.db');
const env = { SCANS_PATH: join(dir, 'scans') };

beforeAll(() => {
  expect(runCli(db, ['campaign', 'load', fixture('mini-campaign.json')]).status).toBe(0);
  expect(runCli(db, ['issue', 'MINI-2026']).status).toBe(0);
});

describe('scan import refuses before reading, writing nothing', () => {
  it.each([
    ['no operator', ['scan', 'import', 'MINI-2026', 'a.png'], '--operator NAME is required (who scanned the paper)'],
    ['no files', ['scan', 'import', 'MINI-2026', '--operator', 'Hoa'], 'name the scanned files (PDF, TIFF, PNG or JPEG)'],
    ['an unknown campaign', ['scan', 'import', 'XYZ', 'a.png', '--operator', 'Hoa'], 'unknown campaign "XYZ" (known: MINI-2026)'],
    ['a missing file', ['scan', 'import', 'MINI-2026', join(dir, 'none.pdf'), '--operator', 'Hoa'], `cannot read ${join(dir, 'none.pdf')}: ENOENT`],
    ['no subcommand', ['scan', 'MINI-2026'], 'usage: scan import <campaign> <files...> --operator NAME'],
  ])('%s', (_name, args, message) => {
    const before = tableCounts(db);
    const r = runCli(db, args, undefined, env);
    expect([r.status, r.stderr.trim()]).toEqual([1, message]);
    expect(tableCounts(db)).toEqual(before);
  });

  it('a file that is not a scan (a keyed CSV), beside a real PNG: every such file named, exit 1', async () => {
    const png = join(dir, 'trang-1.png');
    writeFileSync(
      png,
      await sharp({ create: { width: 50, height: 70, channels: 3, background: '#fff' } })
        .png()
        .toBuffer(),
    );
    const csv = join(dir, 'nhap.csv');
    writeFileSync(csv, 'serial,unit,question,answer\n');
    const before = tableCounts(db);
    const r = runCli(db, ['scan', 'import', 'MINI-2026', png, csv, '--operator', 'Hoa'], undefined, env);
    expect([r.status, r.stderr.trim()]).toEqual([1, 'nhap.csv: not a PDF, TIFF, PNG or JPEG file']);
    expect(tableCounts(db)).toEqual(before);
  });

  // A tester's finding: a PDF cut short in the upload failed the import with pdfjs's stack trace (exit 2), naming no file.
  it('a PDF cut short, beside a good PNG: the file named, nothing read, exit 1', () => {
    const pdf = join(dir, 'cut.pdf');
    expect(runCli(db, ['print', 'MINI-2026', '--out', pdf]).status).toBe(0);
    const whole = readFileSync(pdf);
    writeFileSync(pdf, whole.subarray(0, Math.floor(whole.length / 3)));
    const before = tableCounts(db);
    const r = runCli(db, ['scan', 'import', 'MINI-2026', join(dir, 'trang-1.png'), pdf, '--operator', 'Hoa'], undefined, env);
    expect([r.status, r.stderr.trim()]).toEqual([1, 'cut.pdf: the file is damaged or cut short and cannot be opened; nothing was read']);
    expect(tableCounts(db)).toEqual(before);
  });

  // The mini run printed to PDF through the real print path, every box left empty, read back by the real reader against
  // the layout measured in Chromium: each of the 4 issued forms (G1 × 2 at the province, G2 × 1 at each of 2 sở) a
  // pass by omr with every cell blank and sure, no problem, and nothing queued in doubleEntry mode.
  it('reads a printed run back: every form a pass by omr, nothing unsure, no problem', () => {
    const pdf = join(dir, 'mini.pdf');
    expect(runCli(db, ['print', 'MINI-2026', '--out', pdf]).status).toBe(0);
    const r = runCli(db, ['scan', 'import', 'MINI-2026', pdf, '--operator', 'Hoa'], undefined, env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('4 pages: 4 forms read (pass 1: 4, pass 2: 0), 0 cells sent to verification, 0 problems\n');
    // 3 questions: G1 forms rate both sở (2 × 6 cells), G2 forms their own (2 × 3): 18 cells, every one read blank and sure, and the passes keyed by omr blank too.
    const sql = new Database(db, { readonly: true });
    try {
      const cells = sql.prepare('SELECT answer, sure FROM scan_cells').all() as { answer: string; sure: number }[];
      expect(cells).toHaveLength(18);
      expect(cells.every((c) => c.answer === '' && c.sure === 1)).toBe(true);
      const keyed = sql.prepare("SELECT c.answer FROM submission_cells c JOIN submissions s ON s.id = c.submission_id WHERE s.actor = 'omr'").all() as {
        answer: string;
      }[];
      expect(keyed.map((c) => c.answer)).toEqual(Array(18).fill(''));
    } finally {
      sql.close();
    }
  });
});
