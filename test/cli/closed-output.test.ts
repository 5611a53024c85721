/** A CLI command piped into a reader that closes early (`cchc manifest X | head -1`) ends quietly with status 0. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { miniCampaign } from '../helpers/campaigns';
import { repoPath, runCli, tempDir } from '../helpers/cli';

let dbPath: string;
let campaignFile: string;

// 20,000 forms make a manifest of about 1 MB: far more than a pipe holds, so the writer is still writing when
// `head` has printed its line and gone.
beforeAll(() => {
  const dir = tempDir();
  dbPath = join(dir, 'cchc.db');
  campaignFile = join(dir, 'big.json');
  writeFileSync(campaignFile, JSON.stringify(miniCampaign((raw) => (raw.groups[0].quota = 20_000))));
  expect(runCli(dbPath, ['campaign', 'load', campaignFile]).status).toBe(0);
});

/** Runs `cchc <args> | head -1` in bash, as a user types it; returns the CLI's own exit status and stderr, and head's output. */
function pipedIntoHead(args: string[]) {
  const errFile = join(tempDir(), 'stderr.txt');
  const cli = [process.execPath, '--import', 'tsx', 'scripts/cli.ts', ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('bash', ['-c', `${cli} 2>'${errFile}' | head -1; echo "cli-status=\${PIPESTATUS[0]}" >&2; cat '${errFile}' >&2`], {
    cwd: repoPath(),
    env: { ...process.env, DATABASE_PATH: dbPath },
    encoding: 'utf8',
  });
  const status = Number(/cli-status=(\d+)/.exec(r.stderr)?.[1]);
  return { status, head: r.stdout, stderr: r.stderr.replace(/cli-status=\d+\n/, '') };
}

describe('output closed early', () => {
  it('issue | head -1: the forms are issued, the command ends with status 0 and no stack trace', () => {
    const r = pipedIntoHead(['issue', 'MINI-2026', '--channel', 'web']);
    expect(r.head).toBe('\uFEFFserial,access_code,form,group,home_unit,targets,channel,status\r\n');
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(r.status).toBe(0);
    expect(runCli(dbPath, ['quotas', 'MINI-2026']).stdout).toContain('G1,,20000,20000,0,0,0.0');
  });

  it('manifest | head -1 ends with status 0 and nothing on stderr', () => {
    const r = pipedIntoHead(['manifest', 'MINI-2026']);
    expect(r.head).toBe('\uFEFFserial,access_code,form,group,home_unit,targets,channel,status\r\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
