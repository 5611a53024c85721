/** Install scripts: every dependency that has one is reviewed in package.json `allowScripts`, so npm neither warns nor (in a stricter npm) skips it. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../helpers/cli';

describe('allowScripts', () => {
  it('approves better-sqlite3 (its native binding) and esbuild (tsx, vitest) by name, for every version', () => {
    const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8'));
    expect(pkg.allowScripts).toEqual({ 'better-sqlite3': true, esbuild: true });
  });

  it('leaves no installed package with an unreviewed install script (what `npm ci` would warn about)', (ctx) => {
    const r = spawnSync('npm', ['install-scripts', 'ls'], { cwd: repoPath(), encoding: 'utf8' });
    // npm 10 (bundled with Node 20) has no install-script policy: it runs every install script and has nothing to check.
    if (/Unknown command/i.test(r.stderr + r.stdout)) ctx.skip();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('No packages with unreviewed install scripts.');
  }, 60_000);
});
