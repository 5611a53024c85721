/** `scan import` of a stack already read (issue 15, finding 7), through the CLI as a process: the pages are named as read before, with when and which file, not as a pass the ledger refuses. */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, tempDir } from '../helpers/cli';

const dir = tempDir();
const db = join(dir, 'cchc.db');
const env = { SCANS_PATH: join(dir, 'scans') };
const pdf = join(dir, 'lo-1.pdf');

beforeAll(() => {
  expect(runCli(db, ['campaign', 'load', fixture('mini-campaign.json')]).status).toBe(0);
  expect(runCli(db, ['issue', 'MINI-2026']).status).toBe(0);
  // The two G1 forms printed (one page each), read back blank: a double-entry campaign, so the machine keys pass 1.
  const printed = runCli(db, ['print', 'MINI-2026', '--group', 'G1', '--out', pdf]);
  expect(printed.status, printed.stderr).toBe(0);
  const first = runCli(db, ['scan', 'import', 'MINI-2026', pdf, '--operator', 'Thu'], undefined, env);
  expect([first.status, first.stdout.split('\n')[0]]).toEqual([0, '2 pages: 2 forms read (pass 1: 2, pass 2: 0), 0 cells sent to verification, 0 problems']);
}, 120_000);

describe('scan import of a stack read before', () => {
  it.each([
    ['the same file again', 'lo-1.pdf'],
    ['a copy under another name', 'lo-1 lan 2.pdf'],
  ])(
    '%s: every page already read, when and in which file; no form read, exit 0',
    (_name, name) => {
      const again = join(dir, name);
      if (name !== 'lo-1.pdf') copyFileSync(pdf, again);
      const r = runCli(db, ['scan', 'import', 'MINI-2026', again, '--operator', 'Thu'], undefined, env);
      expect(r.status, r.stderr).toBe(0);
      const [summary, heading, ...lines] = r.stdout.trim().split('\n');
      expect(summary).toBe('2 pages: 0 forms read (pass 1: 0, pass 2: 0), 0 cells sent to verification, 2 problems');
      expect(heading).toBe('No rescan needed (2):');
      expect(lines).toHaveLength(2);
      lines.forEach((line, i) =>
        expect(line).toMatch(
          new RegExp(
            `^  ${name.replace('.', '\\.')} page ${i + 1}: this page was already read on \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d \\(file lo-1\\.pdf\\): form \\d{6} has its machine pass; nothing to do$`,
          ),
        ),
      );
      expect(r.stdout).not.toContain('another operator');
    },
    60_000,
  );
});
