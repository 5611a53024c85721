/** `scan import` through the CLI as a process: what it refuses before reading (nothing written), and, once the reader lands, a printed run read back. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

  // READER: needs the real reader (surveys/omr/read-page.ts) and the layout map (server/render/layout-map.ts), which
  // are placeholders on this branch; complete at merge. The mini run printed to PDF, every box left empty, read back:
  // each form a pass by omr with every cell blank and sure, no problem, and nothing queued in doubleEntry mode.
  it.skip('reads a printed run back: every form a pass by omr, nothing unsure, no problem', () => {
    const pdf = join(dir, 'mini.pdf');
    expect(runCli(db, ['print', 'MINI-2026', '--out', pdf]).status).toBe(0);
    const r = runCli(db, ['scan', 'import', 'MINI-2026', pdf, '--operator', 'Hoa'], undefined, env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\d+ pages: (\d+) forms read \(pass 1: \1, pass 2: 0\), 0 cells sent to verification, 0 problems\n$/);
  });
});
