/** Accounts on a real SQLite: two adds of one name at once, each change with its audit row in the same transaction. */
import { describe, expect, it } from 'vitest';
import { pageAudit } from '../../db/audit.repo';
import { openDb } from '../../db/open';
import { addUser, listUsers } from '../../db/users.repo';
import { accountText } from '../../surveys/accounts';

describe('addUser', () => {
  it('answers "already exists" to the second of two adds of one name made at once, and audits one', async () => {
    const db = openDb(':memory:');
    // Both pass the first name check before either password hash (scrypt, asynchronous) is done.
    const outcomes = await Promise.all([addUser(db, 'lan', 'keyer', 'mật-khẩu-dài', 'an'), addUser(db, 'lan', 'admin', 'mật-khẩu-khác', 'an')]);
    expect(outcomes.map((o) => o.ok).sort()).toEqual([false, true]);
    const refused = outcomes.find((o) => !o.ok);
    expect(refused && !refused.ok && { ok: false, message: accountText(refused.problem, 'en') }).toEqual({ ok: false, message: 'user lan already exists' });
    expect(listUsers(db).map((u) => u.name)).toEqual(['lan']);
    expect(pageAudit(db, { action: 'user.add' }).rows).toHaveLength(1);
  });
});
