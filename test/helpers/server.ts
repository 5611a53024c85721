/** Starts the real server (server/main.ts) as a child process on a free port with its own database, for browser tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { csrfOf } from './app';
import { repoPath, tempDir } from './cli';

export type RunningServer = { url: string; dbPath: string; adminPassword: string; stop(): Promise<void>; kill(): Promise<void> };

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

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dbPath = env.DATABASE_PATH ?? join(tempDir(), 'cchc.db');
  const adminPassword = 'admin-test-password';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoPath(),
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: dbPath, ADMIN_PASSWORD: adminPassword, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(url + '/')).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return { url, dbPath, adminPassword, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
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
