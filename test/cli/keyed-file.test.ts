/** `entry import` on files that break the CSV reader: rows it cannot split share the checker's cap and count, and a stray quote stays on its row. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, tableCounts, tempDir } from '../helpers/cli';

const dir = tempDir();
const db = join(dir, 'cchc.db');
let serial = '';

beforeAll(() => {
  expect(runCli(db, ['campaign', 'load', fixture('mini-campaign.json')]).status).toBe(0);
  const out = runCli(db, ['issue', 'MINI-2026']);
  serial = Papa.parse<Record<string, string>>(out.stdout.slice(1), { header: true, skipEmptyLines: true }).data.find((r) => r.group === 'G1')!.serial;
});

function importFile(name: string, lines: string[]) {
  const path = join(dir, name);
  writeFileSync(path, ['serial,unit,question,answer', ...lines].join('\r\n') + '\r\n');
  return runCli(db, ['entry', 'import', 'MINI-2026', path, '--pass', '1', '--operator', 'lan']);
}

describe('entry import, rows the CSV reader refuses', () => {
  it('lists at most 1,000 of them, then a count, and never claims the file has no rows', () => {
    const before = tableCounts(db);
    const r = importFile(
      'short-rows.csv',
      Array.from({ length: 1500 }, () => `${serial},SA,1`),
    );
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => /^row \d+: expected 4 fields/.test(l))).toHaveLength(1000);
    expect(r.stderr).toContain('… 500 more problems not listed');
    expect(r.stderr).not.toContain('no data rows');
    expect(tableCounts(db)).toEqual(before);
  });

  it('reports a stray quote inside an unquoted field on its own row, reading the rows after it normally', () => {
    const before = tableCounts(db);
    const cells = ['SA', 'SB'].flatMap((u) => ['1', '2', '3'].map((q) => `${serial},${u},${q},2`));
    cells[1] = `${serial},SA,2,2"`;
    const r = importFile('stray-quote.csv', cells);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^row 3: answer "2"" is not an option/)]);
    expect(tableCounts(db)).toEqual(before);
  });
});
