/** Starts the real server (server/main.ts) as a child process on a free port with its own database, for browser tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { csrfOf } from './app';
import { repoPath, tempDir } from './cli';

export type RunningServer = {
  url: string;
  dbPath: string;
  /** The admin's password; '' when the caller unset ADMIN_PASSWORD (the server then prints the one it made on stderr). */
  adminPassword: string;
  /** What the server has written to stdout and stderr so far. */
  stdout(): string;
  stderr(): string;
  stop(): Promise<void>;
  kill(): Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * Starts server/main.ts on a free port with a new database (unless DATABASE_PATH is given) and waits until it answers.
 * `env` adds to this process's environment; a variable set to undefined is removed (ADMIN_PASSWORD: undefined makes a
 * first start generate the admin's password).
 */
export async function startServer(env: Record<string, string | undefined> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dbPath = env.DATABASE_PATH ?? join(tempDir(), 'cchc.db');
  const all: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_PATH: dbPath,
    ADMIN_PASSWORD: 'admin-test-password',
    ...env,
  };
  const adminPassword = all.ADMIN_PASSWORD ?? '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoPath(),
    env: Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const output = () => `${stdout}\n${stderr}`;
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      if ((await fetch(url + '/')).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in 30 s:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return { url, dbPath, adminPassword, stdout: () => stdout, stderr: () => stderr, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}

/** The cookie header to send back, from a fetch Response's set-cookie headers. */
export function cookieOfResponse(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Logs in through the real login form of a running server, as a browser does; returns the session cookie. */
export async function loginOver(baseUrl: string, name: string, password: string): Promise<string> {
  const page = await fetch(`${baseUrl}/login`);
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookieOfResponse(page) },
    body: new URLSearchParams({ name, password, _csrf: csrfOf(await page.text()) }),
  });
  if (res.status !== 302) throw new Error(`login of ${name} failed: ${res.status} ${await res.text()}`);
  const cookie = cookieOfResponse(res);
  if (!cookie) throw new Error(`login of ${name} set no session cookie`);
  return cookie;
}
