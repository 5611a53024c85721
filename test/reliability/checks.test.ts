/** The checks npm test runs before the suite: the lint rules, the format check, the type check and the browser scripts' type check, each script of server/public in it. */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../helpers/cli';

describe('npm test', () => {
  it('lints, checks the format, then type-checks the TypeScript and the browser scripts, then runs the suite', () => {
    const { scripts } = JSON.parse(readFileSync(repoPath('package.json'), 'utf8'));
    expect(scripts.test).toBe('biome lint --error-on-warnings . && biome format . && tsc --noEmit && tsc -p tsconfig.public.json && vitest run');
    expect(scripts.lint).toBe('biome lint --error-on-warnings .');
    expect(scripts['format:check']).toBe('biome format .');
  });

  it('type-checks every browser script of server/public, each marked // @ts-check for editors too', () => {
    const scripts = readdirSync(repoPath('server', 'public')).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const listed = spawnSync(process.execPath, [repoPath('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.public.json', '--listFilesOnly'], {
      cwd: repoPath(),
      encoding: 'utf8',
    });
    expect(listed.status, listed.stderr).toBe(0);
    for (const name of scripts) {
      expect(listed.stdout, name).toContain(`server/public/${name}`);
      expect(
        readFileSync(repoPath('server', 'public', name), 'utf8')
          .split('\n')
          .slice(0, 3),
        name,
      ).toContain('// @ts-check');
    }
  });
});
