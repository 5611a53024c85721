/** The `invitations` and `access-codes` commands, run as a user runs them: the base address, the files written, the refusals. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, tempDir } from '../helpers/cli';

let dir: string;
let db: string;
let manifest: string[][];

beforeAll(() => {
  dir = tempDir();
  db = join(dir, 'cchc.db');
  expect(runCli(db, ['campaign', 'load', fixture('mini-campaign.json')]).status).toBe(0);
  const issued = runCli(db, ['issue', 'MINI-2026', '--channel', 'web']);
  expect(issued.status).toBe(0);
  manifest = issued.stdout
    .replace('\uFEFF', '')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(','));
});

describe('invitations', () => {
  it('writes one invitation per web form, with links at --base-url', () => {
    const out = join(dir, 'giay-moi.html');
    const r = runCli(db, ['invitations', 'MINI-2026', '--base-url', 'https://ks.example.gov.vn/', '--out', out]);
    expect(r.stderr).toBe(`wrote 4 invitations to ${out}\n`);
    expect(r.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    for (const [serial, code] of manifest) {
      expect(html).toContain(`data-serial="${serial}"`);
      expect(html).toContain(`<div class="code">${code}</div>`);
      expect(html).toContain(`<div class="link">https://ks.example.gov.vn/r/${code.replace(/-/g, '')}</div>`);
    }
  });

  it('takes PUBLIC_URL when --base-url is not given, and --group/--home narrow the run', () => {
    const out = join(dir, 'sa.html');
    const r = runCli(db, ['invitations', 'MINI-2026', '--group', 'G2', '--home', 'SA', '--out', out], undefined, { PUBLIC_URL: 'http://10.0.0.5:3000' });
    expect(r.status).toBe(0);
    const sa = manifest.filter((m) => m[3] === 'G2' && m[4] === 'SA');
    expect([...readFileSync(out, 'utf8').matchAll(/data-serial="(\d+)"/g)].map((m) => m[1])).toEqual(sa.map((m) => m[0]));
    expect(readFileSync(out, 'utf8')).toContain(`http://10.0.0.5:3000/r/${sa[0][1].replace(/-/g, '')}`);
  });

  it.each([
    [['--out', 'x.html'], 'the links need the address respondents open: pass --base-url https://… or set PUBLIC_URL'],
    [['--base-url', 'ks.example.gov.vn', '--out', 'x.html'], '--base-url must be an http:// or https:// address'],
    [['--base-url', 'https://ks.example.gov.vn'], '--out F.html or F.pdf is required'],
    [['--group', 'NOPE', '--base-url', 'https://ks.example.gov.vn', '--out', 'x.html'], 'unknown group "NOPE"'],
  ])('refuses %j with status 1 and writes nothing', (args, message) => {
    const r = runCli(db, ['invitations', 'MINI-2026', ...args.map((a) => (a === 'x.html' ? join(dir, 'x.html') : a))]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(message);
    expect(() => readFileSync(join(dir, 'x.html'))).toThrow();
  });

  it('refuses a run issued on paper only', () => {
    const paperDb = join(tempDir(), 'paper.db');
    runCli(paperDb, ['campaign', 'load', fixture('mini-campaign.json')]);
    runCli(paperDb, ['issue', 'MINI-2026', '--channel', 'paper']);
    const r = runCli(paperDb, ['invitations', 'MINI-2026', '--base-url', 'https://ks.example.gov.vn', '--out', join(dir, 'none.html')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no forms issued on the web or mixed channel in MINI-2026');
  });
});

describe('access-codes', () => {
  it('prints the list on stdout, or writes it to --out', () => {
    const r = runCli(db, ['access-codes', 'MINI-2026', '--base-url', 'https://ks.example.gov.vn']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\r\n');
    expect(lines[0]).toBe('\uFEFFserial,access_code,link,form,group,home_unit,home_unit_name,channel,status');
    expect(lines.slice(1, -1).map((l) => l.split(',').slice(0, 3))).toEqual(
      manifest.map(([serial, code]) => [serial, code, `https://ks.example.gov.vn/r/${code.replace(/-/g, '')}`]),
    );
    const out = join(dir, 'codes.csv');
    expect(runCli(db, ['access-codes', 'MINI-2026', '--base-url', 'https://ks.example.gov.vn', '--out', out]).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(r.stdout);
  });

  it('needs a base address', () => {
    const r = runCli(db, ['access-codes', 'MINI-2026']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('pass --base-url https://… or set PUBLIC_URL');
  });
});
