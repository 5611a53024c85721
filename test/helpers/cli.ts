/** Runs the real CLI as a child process on a given database, the way a user does. */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type CliResult = { status: number; stdout: string; stderr: string };

export function runCli(dbPath: string, args: string[], input?: string, env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: dbPath, ...env },
    input,
    encoding: 'utf8',
    // Manifests of big campaigns run to megabytes.
    maxBuffer: 256 * 2 ** 20,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** What a CLI run started with runCliAsync ended with; `signal` names the signal that killed it, if one did. */
export type AsyncCliResult = CliResult & { signal: NodeJS.Signals | null };

/** A CLI run in progress: await it for the result; `child` is the process, to watch or kill it meanwhile. */
export type RunningCli = Promise<AsyncCliResult> & { child: ChildProcessWithoutNullStreams };

/**
 * Runs the CLI as a child process without blocking the event loop (runCli does), so that the test's own requests to a
 * server keep going while the command runs. The promise settles when the process has exited and its output is read.
 */
export function runCliAsync(dbPath: string, args: string[], input?: string): RunningCli {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: dbPath },
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(input);
  const done = new Promise<AsyncCliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status, signal) => resolve({ status: status ?? -1, signal, stdout, stderr }));
  });
  return Object.assign(done, { child });
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
