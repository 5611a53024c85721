/** `backup` while the real server runs and writes: the copy is consistent, opens, and holds the data written before it. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli';
import { startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

/** Logs in through the real form and returns the session cookie and a fresh CSRF token. */
async function login(): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${server.url}/login`);
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
  const res = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name: 'admin', password: server.adminPassword, _csrf: csrf }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const admin = await (await fetch(`${server.url}/admin/users`, { headers: { cookie: session } })).text();
  return { cookie: session, csrf: /name="_csrf" value="([^"]+)"/.exec(admin)![1] };
}

describe('backup of a live database', () => {
  it('copies consistently while the server keeps writing', async () => {
    const { cookie, csrf } = await login();
    const addUser = (i: number) =>
      fetch(`${server.url}/admin/users`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ name: `nv-${i}`, role: 'keyer', password: 'mật-khẩu-dài', _csrf: csrf }),
      });
    expect((await addUser(0)).status).toBe(302);

    // Writes keep arriving (issuing the sample campaign's 1,300 forms, adding users) while the backup runs.
    let writing = true;
    let written = 1;
    const writer = (async () => {
      const issue = await fetch(`${server.url}/admin/campaigns/LCU-2020/issue`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ channel: 'mixed', _csrf: csrf }),
      });
      expect(issue.status).toBe(302);
      while (writing) {
        expect((await addUser(written)).status).toBe(302);
        written += 1;
      }
    })();
    const copy = join(tempDir(), 'copy.db');
    const r = runCli(server.dbPath, ['backup', copy]);
    writing = false;
    await writer;
    expect(r.status, r.stderr).toBe(0);

    const db = new Database(copy, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const users = db.prepare("select name from users where name like 'nv-%'").all() as { name: string }[];
    expect(users.map((u) => u.name)).toContain('nv-0');
    expect(users.length).toBeLessThanOrEqual(written);
    expect((db.prepare('select code from campaigns').get() as { code: string }).code).toBe('LCU-2020');
    const forms = (db.prepare('select count(*) as n from form_instances').get() as { n: number }).n;
    // One issue is one transaction with its audit row: the copy has all of its forms or none.
    const issued = db.prepare("select detail from audit_log where action = 'forms.issue'").get() as { detail: string } | undefined;
    expect(forms).toBe(issued ? JSON.parse(issued.detail).issued : 0);
    db.close();
    // The copy is a working database for the CLI too.
    expect(runCli(copy, ['campaign', 'list']).stdout).toContain('LCU-2020');
  });
});
