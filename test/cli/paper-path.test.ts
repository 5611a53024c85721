/** The whole paper path through the CLI as a process: load → issue → manifest → pass 1 and 2 → conflicts → resolve → invalidate → self import → scores. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, tempDir, type CliResult } from '../helpers/cli';

const dir = tempDir();
const db = join(dir, 'cchc.db');
const CAMPAIGN = 'MINI-2026';

function ok(r: CliResult): string {
  if (r.status !== 0) throw new Error(`exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

function parse(csv: string): Record<string, string>[] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data;
}

/** Writes a keyed CSV: one row per cell, from `{ serial: { 'UNIT/Q': answer } }`. */
function keyed(name: string, forms: Record<string, Record<string, string>>, sep = ','): string {
  const lines = ['serial,unit,question,answer'.replaceAll(',', sep)];
  for (const [serial, cells] of Object.entries(forms)) {
    for (const [cell, answer] of Object.entries(cells)) {
      const [unit, q] = cell.split('/');
      lines.push([serial, unit, q, answer].join(sep));
    }
  }
  const path = join(dir, name);
  writeFileSync(path, '\uFEFF' + lines.join('\r\n') + '\r\n');
  return path;
}

let s: { g1a: string; g1b: string; g2a: string; g2b: string };

// Hand-worked answers (MD4: 1→1, 2→0.6, 3→0.2, 4→0, 9→don't know). See the expected scores below.
const FORM1 = { 'SA/1': '1', 'SA/2': '2', 'SA/3': '9', 'SB/1': '2', 'SB/2': '4', 'SB/3': '2' };
const FORM2 = { 'SA/1': '2', 'SA/2': '2', 'SA/3': '1', 'SB/1': '9', 'SB/2': '9', 'SB/3': '' };
const FORM3 = { '/1': '4', '/2': '1', '/3': '3' };

describe('paper path through the CLI', () => {
  beforeAll(() => {
    expect(ok(runCli(db, ['campaign', 'load', fixture('mini-campaign.json')])).trim()).toBe(CAMPAIGN);
    const manifest = parse(ok(runCli(db, ['issue', CAMPAIGN, '--channel', 'paper'])));
    expect(manifest).toHaveLength(4);
    const by = (g: string, home: string) => manifest.filter((r) => r.group === g && r.home_unit === home).map((r) => r.serial);
    const [g1a, g1b] = by('G1', '');
    s = { g1a, g1b, g2a: by('G2', 'SA')[0], g2b: by('G2', 'SB')[0] };
  });

  it('lists the campaign and tops up only what is missing on a second issue', () => {
    expect(ok(runCli(db, ['campaign', 'list']))).toContain('MINI-2026\tĐiều tra thử nghiệm');
    const again = runCli(db, ['issue', CAMPAIGN]);
    expect(again.stderr).toContain('issued 0 new forms (4 in the ledger)');
  });

  it('replaces a loaded campaign while it has no answers: version 2, its issued forms kept, audited', () => {
    const c = JSON.parse(readFileSync(fixture('mini-campaign.json'), 'utf8'));
    c.name = 'Điều tra thử nghiệm (bản 2)';
    const file = join(dir, 'mini-v2.json');
    writeFileSync(file, JSON.stringify(c));
    expect(ok(runCli(db, ['campaign', 'load', file])).trim()).toBe(CAMPAIGN);
    expect(ok(runCli(db, ['campaign', 'list']))).toContain('MINI-2026\tĐiều tra thử nghiệm (bản 2)\t');
    const conn = new Database(db, { readonly: true });
    try {
      const row = conn.prepare('select id, name, version from campaigns where code = ?').get(CAMPAIGN) as { id: number; name: string; version: number };
      expect(row).toMatchObject({ name: c.name, version: 2 });
      expect(conn.prepare('select version, loaded_by from campaign_versions where campaign_id = ? order by version').all(row.id)).toEqual([
        { version: 1, loaded_by: 'cli' },
        { version: 2, loaded_by: 'cli' },
      ]);
      const replaced = conn.prepare("select actor, campaign_id, detail from audit_log where action = 'campaign.replace'").all() as {
        actor: string;
        campaign_id: number;
        detail: string;
      }[];
      expect(replaced).toHaveLength(1);
      expect(replaced[0]).toMatchObject({ actor: 'cli', campaign_id: row.id });
      expect(JSON.parse(replaced[0].detail)).toEqual({ code: CAMPAIGN, version: 2 });
      // The forms issued under version 1 are still there, with the same serials.
      const serials = (conn.prepare('select serial from form_instances where campaign_id = ? order by seq').all(row.id) as { serial: string }[]).map(
        (r) => r.serial,
      );
      expect(serials.sort()).toEqual(Object.values(s).sort());
    } finally {
      conn.close();
    }
  });

  it('writes the manifest with the contract columns', () => {
    const out = join(dir, 'manifest.csv');
    ok(runCli(db, ['manifest', CAMPAIGN, '--out', out]));
    const rows = parse(readFileSync(out, 'utf8'));
    expect(Object.keys(rows[0])).toEqual(['serial', 'access_code', 'form', 'group', 'home_unit', 'targets', 'channel', 'status']);
    expect(rows.find((r) => r.serial === s.g1a)).toMatchObject({
      form: 'F1',
      group: 'G1',
      home_unit: '',
      targets: 'SA;SB',
      channel: 'paper',
      status: 'issued',
    });
    expect(rows.find((r) => r.serial === s.g2b)).toMatchObject({ home_unit: 'SB', targets: 'SB' });
    expect(rows[0].access_code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
  });

  it('keys, reconciles, invalidates and scores exactly as hand-computed', async () => {
    ok(runCli(db, ['entry', 'import', CAMPAIGN, keyed('p1.csv', { [s.g1a]: FORM1, [s.g1b]: FORM2, [s.g2a]: FORM3 }), '--pass', '1', '--operator', 'lan']));

    // Pass 2 by the pass-1 keyer is refused whole and writes nothing.
    const p2 = keyed('p2.csv', { [s.g1a]: FORM1, [s.g1b]: { ...FORM2, 'SA/1': '3' }, [s.g2a]: FORM3 }, ';');
    const same = runCli(db, ['entry', 'import', CAMPAIGN, p2, '--pass', '2', '--operator', 'lan']);
    expect(same.status).toBe(1);
    expect(same.stderr).toContain('must be keyed by another operator than pass 1 (lan)');
    expect(parse(ok(runCli(db, ['entry', 'conflicts', CAMPAIGN])))).toEqual([]);

    ok(runCli(db, ['entry', 'import', CAMPAIGN, p2, '--pass', '2', '--operator', 'minh']));
    const conflicts = JSON.parse(ok(runCli(db, ['entry', 'conflicts', CAMPAIGN, '--format', 'json'])));
    expect(conflicts).toEqual([{ serial: s.g1b, unit: 'SA', question: '1', pass1: '2', pass2: '3' }]);

    const resolved = ok(runCli(db, ['entry', 'resolve', CAMPAIGN, s.g1b, 'SA', '1', '2', '--operator', 'hoa']));
    expect(resolved).toContain(`form ${s.g1b} settled: counted`);
    expect(parse(ok(runCli(db, ['entry', 'conflicts', CAMPAIGN])))).toEqual([]);

    ok(runCli(db, ['invalidate', CAMPAIGN, s.g2b, '--reason', 'Phiếu bị tẩy xóa']));
    const selfCsv = join(dir, 'self.csv');
    writeFileSync(selfCsv, 'unit_code;self_points;self_max\r\nSA;70;77,5\r\nSB;60,5;77,5\r\n');
    ok(runCli(db, ['self', 'import', CAMPAIGN, selfCsv]));

    // SA C1: G1 (1, .6, .6, .6) mean .7, G2 (0, 1) mean .5 → F .6 → 2.25 × .6 = 1.35
    // SA C2: G1 (don't know, 1) mean 1, G2 (.2) → F .6 → .90 ; SB C1: G1 (.6, 0) → .3 → 0.675 → 0.68 ; SB C2: G1 (.6, blank) → .90
    const scores = parse(ok(runCli(db, ['scores', CAMPAIGN])));
    expect(scores.map((r) => [r.unit_code, r.criterion_code, r.max_points, r.points, r.fraction, r.n_counted, r.status])).toEqual([
      ['SA', 'C1', '2.25', '1.35', '0.600000', '6', 'LOW_N'],
      ['SA', 'C2', '1.50', '0.90', '0.600000', '2', 'LOW_N'],
      ['SB', 'C1', '2.25', '0.68', '0.300000', '2', 'LOW_N'],
      ['SB', 'C2', '1.50', '0.90', '0.600000', '1', 'LOW_N'],
    ]);
    // Totals: SA 70 + 2.25 = 72.25 of 81.25 → 88.92 % Tốt; SB 60.5 + 1.58 = 62.08 → 76.41 % Khá.
    const summary = parse(ok(runCli(db, ['scores', CAMPAIGN, '--summary'])));
    expect(summary).toEqual([
      {
        unit_code: 'SA',
        unit_name: 'Sở An',
        level: 'so',
        survey_points: '2.25',
        survey_max: '3.75',
        rank: '1',
        self_points: '70.00',
        self_max: '77.50',
        total: '72.25',
        total_max: '81.25',
        percent: '88.92',
        band: 'Tốt',
        total_rank: '1',
      },
      {
        unit_code: 'SB',
        unit_name: 'Sở Bình',
        level: 'so',
        survey_points: '1.58',
        survey_max: '3.75',
        rank: '2',
        self_points: '60.50',
        self_max: '77.50',
        total: '62.08',
        total_max: '81.25',
        percent: '76.41',
        band: 'Khá',
        total_rank: '2',
      },
    ]);
    const json = JSON.parse(ok(runCli(db, ['scores', CAMPAIGN, '--format', 'json'])));
    expect(json[2]).toMatchObject({ unit_code: 'SB', points: 0.68, fraction: 0.3, n_counted: 2 });
    const xlsx = join(dir, 'scores.xlsx');
    ok(runCli(db, ['scores', CAMPAIGN, '--format', 'xlsx', '--out', xlsx]));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Điểm theo tiêu chí', 'Tổng hợp theo đơn vị', 'Tiến độ theo chỉ tiêu']);
    expect(wb.getWorksheet('Điểm theo tiêu chí')!.getRow(4).values).toEqual([
      undefined,
      'SB',
      'Sở Bình',
      'Sở, ban, ngành',
      'C1',
      'Chỉ đạo điều hành CCHC',
      2.25,
      0.68,
      0.3,
      2,
      'Ít câu trả lời',
    ]);

    const quotas = parse(ok(runCli(db, ['quotas', CAMPAIGN])));
    expect(quotas).toEqual([
      { group: 'G1', home_unit: '', target: '2', issued: '2', returned: '2', counted: '2', percent: '100.0' },
      { group: 'G2', home_unit: 'SA', target: '1', issued: '1', returned: '1', counted: '1', percent: '100.0' },
      { group: 'G2', home_unit: 'SB', target: '1', issued: '1', returned: '1', counted: '0', percent: '0.0' },
    ]);
  });

  it('writes the quotas as JSON, and to a file with --out', () => {
    // The rows of the CSV above, with numbers as numbers.
    const json = ok(runCli(db, ['quotas', CAMPAIGN, '--format', 'json']));
    expect(JSON.parse(json)).toEqual([
      { group: 'G1', home_unit: '', target: 2, issued: 2, returned: 2, counted: 2, percent: 100 },
      { group: 'G2', home_unit: 'SA', target: 1, issued: 1, returned: 1, counted: 1, percent: 100 },
      { group: 'G2', home_unit: 'SB', target: 1, issued: 1, returned: 1, counted: 0, percent: 0 },
    ]);
    // --out writes the file, and nothing to stdout.
    const csvFile = join(dir, 'quotas.csv');
    expect(ok(runCli(db, ['quotas', CAMPAIGN, '--out', csvFile]))).toBe('');
    expect(parse(readFileSync(csvFile, 'utf8'))).toEqual([
      { group: 'G1', home_unit: '', target: '2', issued: '2', returned: '2', counted: '2', percent: '100.0' },
      { group: 'G2', home_unit: 'SA', target: '1', issued: '1', returned: '1', counted: '1', percent: '100.0' },
      { group: 'G2', home_unit: 'SB', target: '1', issued: '1', returned: '1', counted: '0', percent: '0.0' },
    ]);
    const jsonFile = join(dir, 'quotas.json');
    expect(ok(runCli(db, ['quotas', CAMPAIGN, '--format', 'json', '--out', jsonFile]))).toBe('');
    expect(readFileSync(jsonFile, 'utf8')).toBe(json);
  });

  it('refuses a loaded campaign file once answers exist', () => {
    const r = runCli(db, ['campaign', 'load', fixture('mini-campaign.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('already has answers; its definition is frozen');
  });

  it('copies the live database with backup', () => {
    const copy = join(dir, 'copy.db');
    ok(runCli(db, ['backup', copy]));
    expect(parse(ok(runCli(copy, ['quotas', CAMPAIGN])))).toHaveLength(3);
  });
});
