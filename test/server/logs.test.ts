/** The server's console on first start: the generated admin password stands out on stderr, and requests are not logged unless LOG_REQUESTS asks. */
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/open';
import { authenticate } from '../../db/users.repo';
import { firstStartNotice } from '../../server/bootstrap';
import { loadConfig } from '../../server/config';
import { startServer } from '../helpers/server';

type Run = { stdout: string; stderr: string; dbPath: string };

/** Starts server/main.ts on a new database with no ADMIN_PASSWORD unless `env` sets one, makes a few requests, stops it with SIGTERM. */
async function firstStart(env: Record<string, string>): Promise<Run> {
  const server = await startServer({ ADMIN_PASSWORD: undefined, ...env });
  try {
    for (const path of ['/', '/login', '/khong-co']) await (await fetch(server.url + path)).text();
  } finally {
    await server.stop();
  }
  return { stdout: server.stdout(), stderr: server.stderr(), dbPath: server.dbPath };
}

describe('first start on the console', () => {
  it('frames the generated admin password on stderr and logs no request by default', async () => {
    const run = await firstStart({});
    const framed = /\n\+-+\+\n\| {2}FIRST START: user "admin" created with password +\|\n\| +\|\n\| {6}(\S+) +\|\n/.exec(run.stderr);
    expect(framed, run.stderr).not.toBeNull();
    const password = framed![1];
    expect(run.stdout).not.toContain(password);
    const db = openDb(run.dbPath);
    expect(await authenticate(db, 'admin', password)).toMatchObject({ name: 'admin', role: 'admin' });
    db.$client.close();
    expect(run.stdout).toContain('loaded the sample campaign LCU-2020');
    expect(run.stdout).toContain('Server listening at');
    expect(run.stdout).not.toMatch(/incoming request|request completed/);
  }, 60_000);

  it('logs each request with LOG_REQUESTS=true, and prints no password when ADMIN_PASSWORD chose it', async () => {
    const run = await firstStart({ LOG_REQUESTS: 'true', ADMIN_PASSWORD: 'chosen-password' });
    expect(run.stdout.match(/"msg":"incoming request"/g)!.length).toBeGreaterThanOrEqual(3);
    expect(run.stdout).toContain('"url":"/khong-co"');
    expect(run.stderr).not.toContain('FIRST START');
    expect(run.stdout + run.stderr).not.toContain('chosen-password');
  }, 60_000);

  it('LOG_LEVEL=warn keeps the info lines out of stdout, not the password block', async () => {
    const run = await firstStart({ LOG_LEVEL: 'warn' });
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('FIRST START');
  }, 60_000);
});

describe('firstStartNotice', () => {
  it('puts the password on a line of its own inside a frame whose lines are all as wide', () => {
    const lines = firstStartNotice('Abc_123-xyz').split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/^\+-+\+$/);
    expect(lines.at(-1)).toBe(lines[0]);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines).toContain(`|      Abc_123-xyz${' '.repeat(lines[0].length - 1 - '|      Abc_123-xyz'.length)}|`);
  });
});

describe('logging and public address settings', () => {
  it.each([
    [{}, { logLevel: 'info', logRequests: false, publicUrl: undefined }],
    [
      { LOG_REQUESTS: 'true', LOG_LEVEL: 'debug' },
      { logLevel: 'debug', logRequests: true },
    ],
    [{ PUBLIC_URL: 'https://khaosat.snv.laichau.gov.vn/' }, { publicUrl: 'https://khaosat.snv.laichau.gov.vn' }],
    [{ PUBLIC_URL: 'http://10.0.0.5:3000/cchc' }, { publicUrl: 'http://10.0.0.5:3000/cchc' }],
  ])('%j', (env, expected) => {
    expect(loadConfig(env)).toMatchObject(expected);
  });

  it.each([{ LOG_REQUESTS: 'yes' }, { LOG_LEVEL: 'verbose' }, { PUBLIC_URL: 'khaosat.vn' }, { PUBLIC_URL: 'ftp://khaosat.vn' }])('refuses %j', (env) => {
    expect(() => loadConfig(env)).toThrow();
  });
});
