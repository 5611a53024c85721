/** No module keeps data between calls: caches belong to whoever builds the app (a plugin) or to the call that needs one. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Statements prepared once per SQLite connection hold compiled SQL, never data, and go away with the connection:
 * the hot answer writes and the web post's reads (db/answer-writes.ts, db/web.repo.ts; README, Benchmarks).
 */
const PREPARED_STATEMENTS = ['db/answer-writes.ts', 'db/web.repo.ts'];

it('no module-level WeakMap or memo in server/, surveys/, db/ or scripts/ besides prepared statements', () => {
  const files = ['server', 'surveys', 'db', 'scripts'].flatMap(sources);
  expect(files).toContain('db/campaigns.repo.ts');
  const found = files.flatMap((f) =>
    readFileSync(join(root, f), 'utf8')
      .split('\n')
      .map((line, i) => ({ line, at: `${f}:${i + 1}` }))
      .filter(({ line }) => /^(export )?(const|let) \w+(: [^=]+)? = new WeakMap\b/.test(line))
      .map(({ at }) => at),
  );
  expect(found.filter((at) => !PREPARED_STATEMENTS.some((f) => at.startsWith(`${f}:`)))).toEqual([]);
});
