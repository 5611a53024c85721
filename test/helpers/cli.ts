/** Runs the real CLI as a child process on a given database, the way a user does. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type CliResult = { status: number; stdout: string; stderr: string };

export function runCli(dbPath: string, args: string[], input?: string): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: dbPath },
    input,
    encoding: 'utf8',
    // Manifests of big campaigns run to megabytes.
    maxBuffer: 256 * 2 ** 20,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'cchc-test-'));
}

export function fixture(name: string): string {
  return join(ROOT, 'test', 'fixtures', name);
}

export function repoPath(...parts: string[]): string {
  return join(ROOT, ...parts);
}

/** Row counts of every table of a database file: equal before and after means nothing was written. */
export function tableCounts(dbPath: string): Record<string, number> {
  const conn = new Database(dbPath, { readonly: true });
  try {
    const tables = conn.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as { name: string }[];
    return Object.fromEntries(tables.map((t) => [t.name, (conn.prepare(`select count(*) n from "${t.name}"`).get() as { n: number }).n]));
  } finally {
    conn.close();
  }
}
