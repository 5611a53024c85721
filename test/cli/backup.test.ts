/** `backup` while the real server runs and writes: the copy is consistent, opens, and holds the data written before it. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfOf } from '../helpers/app';
import { runCli, runCliAsync, tempDir } from '../helpers/cli';
import { loginOver, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const PASSWORD = 'mật-khẩu-dài';

/**
 * The admin's writes, in the order the test sends them, one at a time: each is one transaction with its one audit row.
 * nv-0 is added, the sample campaign's forms issued, then nv-0 is disabled and enabled in turn between adds of nv-1, nv-2, …
 */
type Write = { action: 'user.add' | 'forms.issue' | 'user.disable' | 'user.enable'; name?: string };
function writeAt(k: number): Write {
  if (k === 0) return { action: 'user.add', name: 'nv-0' };
  if (k === 1) return { action: 'forms.issue' };
  const m = k - 2;
  if (m % 2 === 1) return { action: 'user.add', name: `nv-${(m + 1) / 2}` };
  return { action: (m / 2) % 2 === 0 ? 'user.disable' : 'user.enable', name: 'nv-0' };
}

/** The database as it is after the first k writes: the nv- users, whether nv-0 is disabled, how many forms there are. */
function stateAfter(k: number, issued: number) {
  const writes = Array.from({ length: k }, (_, i) => writeAt(i));
  return {
    users: writes
      .filter((w) => w.action === 'user.add')
      .map((w) => w.name!)
      .sort(),
    nv0Disabled: writes.filter((w) => w.action === 'user.disable').length > writes.filter((w) => w.action === 'user.enable').length,
    forms: writes.some((w) => w.action === 'forms.issue') ? issued : 0,
  };
}

type Phase = 'before' | 'during' | 'after';

describe('backup of a live database', () => {
  it('copies consistently while the server keeps writing', async () => {
    const cookie = await loginOver(server.url, 'admin', server.adminPassword);
    const usersPage = () => fetch(`${server.url}/admin/users`, { headers: { cookie } }).then((r) => r.text());
    const csrf = csrfOf(await usersPage());
    const post = (path: string, fields: Record<string, string> = {}) =>
      fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie }, body: new URLSearchParams({ ...fields, _csrf: csrf }) });

    // Where the backup is: not started, running (from the CLI's start to its exit), or done.
    let phase = 'before' as Phase;
    let nv0Id = 0;
    let issued = -1;
    const writes: { sent: Phase; acknowledged: Phase }[] = [];
    async function send(w: Write): Promise<void> {
      const sent = phase;
      const res =
        w.action === 'user.add'
          ? await post('/admin/users', { name: w.name!, role: 'keyer', password: PASSWORD })
          : w.action === 'forms.issue'
            ? await post('/admin/campaigns/LCU-2020/issue', { channel: 'mixed' })
            : await post(`/admin/users/${nv0Id}/${w.action === 'user.disable' ? 'disable' : 'enable'}`);
      expect(res.status, `${w.action} ${w.name ?? ''}: ${await res.text()}`).toBe(302);
      if (w.action === 'forms.issue') issued = Number(/[?&]issued=(\d+)/.exec(res.headers.get('location') ?? '')?.[1]);
      writes.push({ sent, acknowledged: phase });
    }

    // The first write is acknowledged before the backup starts; the writes go on, one after another, until it is done.
    await send(writeAt(0));
    nv0Id = Number(/<td>nv-0<\/td>[\s\S]*?action="\/admin\/users\/(\d+)\/disable"/.exec(await usersPage())?.[1]);
    expect(nv0Id).toBeGreaterThan(0);
    const writer = (async () => {
      for (let k = 1; phase !== 'after'; k++) await send(writeAt(k));
    })();
    writer.catch(() => {}); // Its failure is reported where it is awaited, below.

    const copy = join(tempDir(), 'copy.db');
    phase = 'during';
    const r = await runCliAsync(server.dbPath, ['backup', copy]);
    phase = 'after';
    await writer;
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`backup written to ${copy}`);

    // Concurrency, not a quiet copy: writes were sent and acknowledged while the backup command ran.
    const before = writes.filter((w) => w.acknowledged === 'before').length;
    const during = writes.filter((w) => w.sent === 'during' && w.acknowledged === 'during').length;
    expect(before).toBeGreaterThanOrEqual(1);
    expect(during).toBeGreaterThanOrEqual(1);
    expect(issued).toBeGreaterThan(1000);

    const db = new Database(copy, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((db.prepare('select code from campaigns').get() as { code: string }).code).toBe('LCU-2020');
      // The copy is one snapshot of the live database: the state after some first k of the writes, each whole, none half.
      // Every write left exactly one audit row in its transaction, so the copy's audit rows say which k.
      const audited = (
        db
          .prepare(
            "select action, detail from audit_log where actor = 'admin' and action in ('user.add', 'forms.issue', 'user.disable', 'user.enable') order by id",
          )
          .all() as { action: Write['action']; detail: string }[]
      ).map((a) => (a.action === 'forms.issue' ? { action: a.action } : { action: a.action, name: (JSON.parse(a.detail) as { name: string }).name }));
      const k = audited.length;
      expect(audited).toEqual(Array.from({ length: k }, (_, i) => writeAt(i)));
      // Every write acknowledged before the backup started is in; no write that was never sent is.
      expect(k).toBeGreaterThanOrEqual(before);
      expect(k).toBeLessThanOrEqual(writes.length);

      const expected = stateAfter(k, issued);
      const users = db.prepare("select name, disabled from users where name like 'nv-%' order by name").all() as { name: string; disabled: number }[];
      expect(users.map((u) => u.name).sort()).toEqual(expected.users);
      expect(users.map((u) => u.name)).toContain('nv-0');
      expect(Boolean(users.find((u) => u.name === 'nv-0')!.disabled)).toBe(expected.nv0Disabled);
      // One issue is one transaction with its audit row: the copy has all of its forms or none.
      const forms = (db.prepare('select count(*) as n from form_instances').get() as { n: number }).n;
      expect(forms).toBe(expected.forms);
      const issueRow = db.prepare("select detail from audit_log where action = 'forms.issue'").get() as { detail: string } | undefined;
      expect(forms).toBe(issueRow ? (JSON.parse(issueRow.detail) as { issued: number }).issued : 0);
    } finally {
      db.close();
    }
    // The copy is a working database for the CLI too.
    expect(runCli(copy, ['campaign', 'list']).stdout).toContain('LCU-2020');
  });
});
