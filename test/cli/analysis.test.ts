/** `analysis` through the real CLI on the hand-worked mini campaign (SA 2.25 survey points, SB 1.58): one CSV per table, JSON, bad settings. */
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
const parse = (text: string) => Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;

beforeAll(() => {
  const handle = openDb(db);
  seedMini(handle);
  closeDb(handle);
});

describe('analysis', () => {
  it('writes one CSV file per table, whose figures are the scores and their bootstrap intervals', () => {
    const out = join(dir, 'analysis');
    const r = runCli(db, ['analysis', 'MINI-2026', '--format', 'csv', '--out', out, '--replicates', '200', '--seed', '5']);
    expect(r.status, r.stderr).toBe(0);
    for (const t of [
      'distributions',
      'response',
      'invalid_reasons',
      'group_intervals',
      'score_intervals',
      'unit_intervals',
      'reliability',
      'straight_lined',
      'dont_know',
      'accuracy',
      'group_means',
      'question_means',
      'data_limits',
    ]) {
      expect(existsSync(join(out, `MINI-2026-${t}.csv`)), t).toBe(true);
    }
    const units = parse(readFileSync(join(out, 'MINI-2026-unit_intervals.csv'), 'utf8'));
    expect(units.map((u) => [u.unit_code, u.survey_points, u.rank])).toEqual([
      ['SA', '2.25', '1'],
      ['SB', '1.58', '2'],
    ]);
    for (const u of units) {
      expect(Number(u.ci_low)).toBeLessThanOrEqual(Number(u.survey_points));
      expect(Number(u.ci_high)).toBeGreaterThanOrEqual(Number(u.survey_points));
    }
    // Three forms counted of the G1 pair and the SA civil servant; keyed twice, by lan and minh, nothing changed.
    const response = parse(readFileSync(join(out, 'MINI-2026-response.csv'), 'utf8'));
    expect(response.at(-1)).toMatchObject({ group: '', home_unit: '', counted: '3', returned_paper: '3', returned_web: '0' });
    const accuracy = parse(readFileSync(join(out, 'MINI-2026-accuracy.csv'), 'utf8'));
    expect(accuracy.map((a) => [a.keyer, a.cells, a.changed])).toEqual([
      ['lan', '15', '0'],
      ['minh', '15', '0'],
      ['Tổng', '30', '0'],
    ]);
  });

  it('gives the same JSON for the same seed, and the workbook its figures; refuses bad settings with exit status 1', async () => {
    const args = ['analysis', 'MINI-2026', '--replicates', '150', '--seed', '9'];
    const a = runCli(db, args);
    expect(a.status, a.stderr).toBe(0);
    const json = JSON.parse(a.stdout);
    expect(json).toMatchObject({ campaign: 'MINI-2026', replicates: 150, seed: 9, compare: null });
    expect(runCli(db, args).stdout).toBe(a.stdout);
    // The workbook: one sheet per table, the same figures.
    const xlsx = join(dir, 'analysis.xlsx');
    expect(runCli(db, [...args, '--format', 'xlsx', '--out', xlsx]).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.keys(json.tables));
    const sheet = wb.getWorksheet('unit_intervals')!;
    expect([sheet.getCell('A2').value, sheet.getCell('D2').value]).toEqual(['SA', json.tables.unit_intervals[0].survey_points]);
    const bad = runCli(db, ['analysis', 'MINI-2026', '--replicates', '5', '--format', 'csv']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--replicates');
  });
});
