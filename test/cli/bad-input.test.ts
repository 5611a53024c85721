/** Bad input through the CLI: exit status 1, every problem on stderr, and not one row written. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSerial } from '../../surveys/serial';
import { fixture, runCli, tableCounts, tempDir } from '../helpers/cli';

const dir = tempDir();
const db = join(dir, 'cchc.db');
const CAMPAIGN = 'MINI-2026';
let serials: { g1a: string; g1b: string; g2a: string };

const snapshot = () => tableCounts(db);

function write(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A complete, correct pass for the G1 form `serial` (rates SA and SB on questions 1–3). */
function fullForm(serial: string, answer = '2'): string[] {
  return ['SA', 'SB'].flatMap((u) => ['1', '2', '3'].map((q) => `${serial},${u},${q},${answer}`));
}

beforeAll(() => {
  expect(runCli(db, ['campaign', 'load', fixture('mini-campaign.json')]).status).toBe(0);
  const out = runCli(db, ['issue', CAMPAIGN]);
  const rows = Papa.parse<Record<string, string>>(out.stdout.slice(1), { header: true, skipEmptyLines: true }).data;
  const g1 = rows.filter((r) => r.group === 'G1');
  serials = { g1a: g1[0].serial, g1b: g1[1].serial, g2a: rows.find((r) => r.home_unit === 'SA')!.serial };
});

describe('refused whole, nothing written', () => {
  const wrongCheck = () => serials.g1a.slice(0, -1) + String((Number(serials.g1a.slice(-1)) + 1) % 10);

  const cases: [string, () => string[], string[] | (() => string[])][] = [
    [
      'campaign file with broken references',
      () => {
        const c = JSON.parse(readFileSync(fixture('mini-campaign.json'), 'utf8'));
        c.code = 'OTHER';
        c.groups[1].scope = 'parent';
        c.forms[0].questions[2].criterion = 'C7';
        return ['campaign', 'load', write('bad-campaign.json', JSON.stringify(c))];
      },
      ['groups[1].scope: scope "parent": home unit "SA" has no parent of level "so"', 'forms[0].questions[2].criterion: unknown criterion "C7"'],
    ],
    ['campaign file that is not JSON', () => ['campaign', 'load', write('broken.json', '{ "code": "X", ')], ['(file): not valid JSON']],
    ['missing campaign file', () => ['campaign', 'load', join(dir, 'nope.json')], ['cannot read']],
    ['unknown campaign', () => ['scores', 'NOPE'], ['unknown campaign "NOPE" (known: MINI-2026)']],
    [
      'keyed file with one bad row among good ones',
      () => {
        const rows = fullForm(serials.g1a);
        rows[3] = `${serials.g1a},SB,1,7`;
        return [
          'entry',
          'import',
          CAMPAIGN,
          write('bad-answer.csv', ['serial,unit,question,answer', ...rows, ...fullForm(serials.g1b)].join('\n')),
          '--pass',
          '1',
          '--operator',
          'lan',
        ];
      },
      ['row 5: answer "7" is not an option of MD4'],
    ],
    [
      'keyed file with a mistyped serial, an unknown unit and a missing cell',
      () => {
        const rows = fullForm(serials.g1a).slice(0, 5);
        return [
          'entry',
          'import',
          CAMPAIGN,
          write('many.csv', ['serial,unit,question,answer', ...rows, `${wrongCheck()},SA,1,1`, `${serials.g2a},SB,1,1`].join('\n')),
          '--pass',
          '1',
          '--operator',
          'lan',
        ];
      },
      () => ['has a wrong check character', 'row 8: unit "SB" is not rated by form', `form ${serials.g1a}: 1 cell missing (SB 3)`],
    ],
    [
      'keyed file with a repeated cell',
      () => {
        const rows = fullForm(serials.g1a);
        return [
          'entry',
          'import',
          CAMPAIGN,
          write('repeat.csv', ['serial,unit,question,answer', ...rows, rows[0]].join('\n')),
          '--pass',
          '1',
          '--operator',
          'lan',
        ];
      },
      ['row 8: repeats row 2'],
    ],
    [
      'keyed file with a wrong header',
      () => ['entry', 'import', CAMPAIGN, write('header.csv', 'serial,unit,answer\n1,2,3\n'), '--pass', '1', '--operator', 'lan'],
      ['row 1: '],
    ],
    [
      'keyed file in Windows-1258',
      () => [
        'entry',
        'import',
        CAMPAIGN,
        write(
          'cp1258.csv',
          Buffer.concat([Buffer.from('serial,unit,question,answer\n' + fullForm(serials.g1a).join('\n') + '\n'), Buffer.from([0x53, 0xe0, 0x0a])]),
        ),
        '--pass',
        '1',
        '--operator',
        'lan',
      ],
      ['the file is not UTF-8 text'],
    ],
    [
      'keyed file with a missing --operator',
      () => ['entry', 'import', CAMPAIGN, write('ok.csv', ['serial,unit,question,answer', ...fullForm(serials.g1a)].join('\n')), '--pass', '1'],
      ['--operator NAME is required'],
    ],
    ['keyed file with --pass 3', () => ['entry', 'import', CAMPAIGN, join(dir, 'ok.csv'), '--pass', '3', '--operator', 'lan'], ['--pass must be one of 1, 2']],
    ['resolve with no conflict', () => ['entry', 'resolve', CAMPAIGN, serials.g1a, 'SA', '1', '2', '--operator', 'hoa'], ['has no unsettled differences']],
    ['resolve with a mistyped serial', () => ['entry', 'resolve', CAMPAIGN, wrongCheck(), 'SA', '1', '2', '--operator', 'hoa'], ['wrong check character']],
    ['invalidate without a reason', () => ['invalidate', CAMPAIGN, serials.g1a], ['a reason is required']],
    ['invalidate an unknown serial', () => ['invalidate', CAMPAIGN, makeSerial(99999), '--reason', 'x'], () => [`unknown serial ${makeSerial(99999)}`]],
    [
      'self-assessment file with errors on several rows',
      () => ['self', 'import', CAMPAIGN, write('self.csv', 'unit_code,self_points,self_max\nSA,80,77.5\nZZ,1,2\nSB,abc,77.5\n')],
      ['row 2', 'row 3', 'row 4'],
    ],
    ['an unknown option', () => ['scores', CAMPAIGN, '--bogus'], ["Unknown option '--bogus'"]],
    ['a format that does not exist', () => ['quotas', CAMPAIGN, '--format', 'xml'], ['--format must be one of csv, json']],
    ['user with a short password', () => ['user', 'add', 'lan', '--role', 'keyer', '--password-stdin'], ['password must be at least 10 characters']],
    ['user with an unknown role', () => ['user', 'add', 'lan', '--role', 'boss', '--password-stdin'], ['--role must be one of admin, supervisor, keyer']],
  ];

  it.each(cases)('%s', (_name, args, messages) => {
    const before = snapshot();
    const r = runCli(db, args(), 'short\n');
    expect(r.status, r.stderr).toBe(1);
    for (const m of typeof messages === 'function' ? messages() : messages) expect(r.stderr).toContain(m);
    expect(snapshot()).toEqual(before);
  });

  it('refuses a common password for a new user, however it is spelled, and adds a long passphrase', () => {
    const before = snapshot();
    const r = runCli(db, ['user', 'add', 'lan', '--role', 'keyer', '--password-stdin'], 'Mật khẩu 123\n');
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('password is too common');
    expect(snapshot()).toEqual(before);
    const ok = runCli(db, ['user', 'add', 'lan', '--role', 'keyer', '--password-stdin'], 'ruộng bậc thang Mù Cang Chải mùa lúa chín\n');
    expect(ok.status, ok.stderr).toBe(0);
  });

  it('keys pass 2 only in a campaign with double entry', () => {
    const c = JSON.parse(readFileSync(fixture('mini-campaign.json'), 'utf8'));
    c.code = 'SINGLE';
    c.doubleEntry = false;
    expect(runCli(db, ['campaign', 'load', write('single.json', JSON.stringify(c))]).status).toBe(0);
    const manifest = runCli(db, ['issue', 'SINGLE']).stdout;
    const serial = Papa.parse<Record<string, string>>(manifest.slice(1), { header: true }).data[0].serial;
    const file = write('single.csv', ['serial,unit,question,answer', ...fullForm(serial)].join('\n'));
    const before = snapshot();
    const r = runCli(db, ['entry', 'import', 'SINGLE', file, '--pass', '2', '--operator', 'lan']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('campaign SINGLE has no double entry: there is no pass 2');
    expect(snapshot()).toEqual(before);
    // Pass 1 alone counts the form when double entry is off.
    expect(runCli(db, ['entry', 'import', 'SINGLE', file, '--pass', '1', '--operator', 'lan']).status).toBe(0);
    expect(runCli(db, ['quotas', 'SINGLE']).stdout).toContain('G1,,2,2,1,1,50.0');
  });
});

describe('exit statuses outside a command', () => {
  it('an unknown command: exit 1, the usage on stderr, and no database opened', () => {
    const fresh = join(tempDir(), 'never.db');
    const r = runCli(fresh, ['frobnicate', 'MINI-2026']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unknown command "frobnicate"');
    expect(r.stderr).toContain('usage: cchc <command> ...');
    expect(r.stderr).toContain('  campaign load <file.xlsx|file.json> | campaign list');
    expect(existsSync(fresh)).toBe(false);
  });

  it('a database that cannot be opened (its folder is a file): exit 2 with the error on stderr, the file untouched', () => {
    const notAFolder = write('not-a-folder', 'plain file\n');
    const r = runCli(join(notAFolder, 'cchc.db'), ['campaign', 'list']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr).toMatch(/EEXIST|ENOTDIR/);
    expect(r.stderr).toContain(notAFolder);
    expect(readFileSync(notAFolder, 'utf8')).toBe('plain file\n');
  });
});
