/** `user password` and `user logout` from the real CLI process: a new password under the password rule, sessions ended on the database. */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../db/open';
import { sessionUser, startSession } from '../../db/sessions.repo';
import { authenticate } from '../../db/users.repo';
import { runCli, tempDir } from '../helpers/cli';

let dbPath: string;
let db: Db;
beforeEach(() => {
  dbPath = join(tempDir(), 'cchc.db');
  expect(runCli(dbPath, ['user', 'add', 'lan', '--role', 'keyer', '--password-stdin'], 'mật-khẩu-dài\n').status).toBe(0);
  db = openDb(dbPath);
});
afterEach(() => db.$client.close());

describe('user commands', () => {
  it('sets a new password that follows the rule, and ends the account’s sessions', async () => {
    const sid = startSession(db, 1);
    const common = runCli(dbPath, ['user', 'password', 'lan', '--password-stdin'], '123456789a\n');
    expect(common.status).toBe(1);
    expect(common.stderr).toContain('password is too common');
    expect(sessionUser(db, sid)?.name).toBe('lan');
    const ok = runCli(dbPath, ['user', 'password', 'lan', '--password-stdin'], 'bốn mùa hoa ban nở\n');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('password of lan set; its sessions have ended');
    expect(sessionUser(db, sid)).toBeUndefined();
    expect(await authenticate(db, 'lan', 'bốn mùa hoa ban nở')).toMatchObject({ name: 'lan' });
  });

  it('logs an account out everywhere; an unknown name is an input error', () => {
    const sids = [startSession(db, 1), startSession(db, 1)];
    const out = runCli(dbPath, ['user', 'logout', 'lan']);
    expect(out.status, out.stderr).toBe(0);
    expect(sids.map((s) => sessionUser(db, s))).toEqual([undefined, undefined]);
    const unknown = runCli(dbPath, ['user', 'logout', 'ai-đó']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('no user named ai-đó');
  });
});
