/** Issue 10 item 6 through the real CLI: names and codes as they arrive composed or decomposed, with invisible characters, and after Excel. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, tableCounts, tempDir } from '../helpers/cli';

const NFC = 'Ho\u00E0'; // "Hoà" typed on Windows: one code point
const NFD = 'Hoa\u0300'; // "Hoà" typed on a Mac or pasted from a PDF: a + combining grave

/** A fresh database with the mini campaign (units SA, SB; G1 rates both on questions 1–3), units renamed by `codes`. */
function setUp(codes: Record<string, string> = {}, campaignCode = 'MINI-2026') {
  const dir = tempDir();
  const db = join(dir, 'cchc.db');
  let text = readFileSync(fixture('mini-campaign.json'), 'utf8').replace('"MINI-2026"', `"${campaignCode}"`);
  for (const [from, to] of Object.entries(codes)) text = text.replace(`"code": "${from}"`, `"code": "${to}"`);
  writeFileSync(join(dir, 'campaign.json'), text);
  const load = runCli(db, ['campaign', 'load', join(dir, 'campaign.json')]);
  expect(load.status, load.stderr).toBe(0);
  const out = runCli(db, ['issue', campaignCode]);
  const serial = Papa.parse<Record<string, string>>(out.stdout.slice(1), { header: true, skipEmptyLines: true }).data.find((r) => r.group === 'G1')!.serial;
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  return { db, dir, serial, load, file, campaignCode };
}

/** Every cell of the G1 form: units × questions 1–3, all answered 2. */
const cells = (serial: string, units: string[], end = '') => units.flatMap((u) => ['1', '2', '3'].map((q) => `${serial},${u},${q},2${end}`));

describe('one person, however their name was typed', () => {
  it('refuses pass 2 by "Hoa\\u0300" (decomposed) after pass 1 by "Hoà" (composed) as the same operator', () => {
    const { db, serial, file } = setUp();
    const csv = file('keyed.csv', ['serial,unit,question,answer', ...cells(serial, ['SA', 'SB'])].join('\n') + '\n');
    expect(runCli(db, ['entry', 'import', 'MINI-2026', csv, '--pass', '1', '--operator', NFC]).status).toBe(0);
    const before = tableCounts(db);
    const second = runCli(db, ['entry', 'import', 'MINI-2026', csv, '--pass', '2', '--operator', NFD]);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`pass 2 of form ${serial} must be keyed by another operator than pass 1 (${NFC})`);
    expect(tableCounts(db)).toEqual(before);
    // An invisible character pasted with the name changes nothing either.
    const third = runCli(db, ['entry', 'import', 'MINI-2026', csv, '--pass', '2', '--operator', `\u200B${NFC}\u00A0`]);
    expect(third.stderr).toContain('must be keyed by another operator');
  });

  it('user add refuses "Hoa\\u0300" when "Hoà" exists, naming the existing account, and logs in either spelling as it', () => {
    const { db } = setUp();
    const first = runCli(db, ['user', 'add', NFC, '--role', 'keyer', '--password-stdin'], 'a-long-password\n');
    expect(first.status, first.stderr).toBe(0);
    const again = runCli(db, ['user', 'add', NFD, '--role', 'keyer', '--password-stdin'], 'a-long-password\n');
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toBe(`user ${NFC} already exists`);
    const upper = runCli(db, ['user', 'add', 'HOÀ', '--role', 'keyer', '--password-stdin'], 'a-long-password\n');
    expect(upper.stderr.trim()).toBe(`user ${NFC} already exists`);
  });
});

describe('files after Excel', () => {
  it('loads a keyed file whose every line ends with an empty column (Excel\'s trailing "," or ";")', () => {
    const { db, serial, file } = setUp();
    const comma = file('trailing-comma.csv', ['serial,unit,question,answer,', ...cells(serial, ['SA', 'SB'], ',')].join('\r\n') + '\r\n');
    const r = runCli(db, ['entry', 'import', 'MINI-2026', comma, '--pass', '1', '--operator', 'lan']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('pass 1: 1 forms, 6 cells keyed by lan');
    const semi = file(
      'trailing-semicolon.csv',
      ['serial;unit;question;answer;;', ...cells(serial, ['SA', 'SB'], ';;').map((l) => l.replace(/,/g, ';'))].join('\r\n'),
    );
    const r2 = runCli(db, ['entry', 'import', 'MINI-2026', semi, '--pass', '2', '--operator', 'minh']);
    expect(r2.stderr).toBe('');
  });

  it('still refuses a row whose extra column holds something, on that row', () => {
    const { db, serial, file } = setUp();
    const lines = cells(serial, ['SA', 'SB'], ',');
    lines[2] = lines[2] + 'ghi chú';
    const r = runCli(db, [
      'entry',
      'import',
      'MINI-2026',
      file('k.csv', ['serial,unit,question,answer,', ...lines].join('\n')),
      '--pass',
      '1',
      '--operator',
      'lan',
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('row 4: expected 4 fields (serial,unit,question,answer), found 5\n');
  });

  it('reads names and codes with invisible characters and no-break spaces as typed', () => {
    const { db, serial, file } = setUp();
    const lines = cells(serial, ['SA', 'SB']).map((l, i) => (i === 0 ? l.replace(',SA,', ',SA\u200B,') : i === 1 ? l.replace(',SA,', ',\u00A0SA\u00AD,') : l));
    const r = runCli(db, [
      'entry',
      'import',
      'MINI-2026',
      file('k.csv', ['\uFEFFserial,unit,question,answer', ...lines].join('\n')),
      '--pass',
      '1',
      '--operator',
      'lan',
    ]);
    expect(r.stderr).toBe('');
  });

  it('gives a decimal comma in an unquoted "," self-assessment file a hint, not only a field count', () => {
    const { db, file } = setUp();
    const r = runCli(db, ['self', 'import', 'MINI-2026', file('self.csv', 'unit_code,self_points,self_max\nSA,2,5,3\nSB,1.5,3\n')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('row 2: expected 3 fields (unit_code,self_points,self_max), found 4');
    expect(r.stderr).toContain('decimal comma (2,5)');
    expect(r.stderr).toContain('";" as separator');
  });
});

describe('codes that Excel shortened', () => {
  it('pads unit 118 back to 00118 when only one code fits, in keyed and self-assessment files; the campaign check warns', () => {
    const { db, serial, file, load } = setUp({ SB: '00118' });
    expect(load.stderr).toContain('warning: units[1].code: code "00118" is changed by Excel');
    const keyed = file('k.csv', ['serial,unit,question,answer', ...cells(serial, ['SA', '118'])].join('\n'));
    const r = runCli(db, ['entry', 'import', 'MINI-2026', keyed, '--pass', '1', '--operator', 'lan']);
    expect(r.stderr).toBe('');
    const self = runCli(db, ['self', 'import', 'MINI-2026', file('self.csv', 'unit_code;self_points;self_max\nSA;2,5;3\n118;1;3\n')]);
    expect(self.stderr).toBe('');
    const scores = runCli(db, ['scores', 'MINI-2026', '--format', 'json']);
    expect(scores.stdout).toContain('"00118"');
  });

  it('refuses 118 with a clear message when 0118 and 00118 are both codes, and the campaign check says why', () => {
    const { db, serial, file, load } = setUp({ SA: '0118', SB: '00118' });
    expect(load.stderr).toContain('code "0118" loses its leading zeros in Excel and then cannot be told from "00118"');
    const before = tableCounts(db);
    const keyed = file('k.csv', ['serial,unit,question,answer', ...cells(serial, ['0118', '118'])].join('\n'));
    const r = runCli(db, ['entry', 'import', 'MINI-2026', keyed, '--pass', '1', '--operator', 'lan']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`row 5: unit "118" could be 0118 or 00118 on form ${serial}`);
    expect(tableCounts(db)).toEqual(before);
    const self = runCli(db, ['self', 'import', 'MINI-2026', file('self.csv', 'unit_code,self_points,self_max\n118,1,3\n')]);
    expect(self.stderr).toContain('row 2: unit "118" could be 0118 or 00118');
  });
});
