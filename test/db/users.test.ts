/** Accounts on a real SQLite: two adds of one name at once, each change with its audit row in the same transaction; passwords the same however the keyboard composed them. */
import { describe, expect, it } from 'vitest';
import { pageAudit } from '../../db/audit.repo';
import { openDb } from '../../db/open';
import { addUser, authenticate, listUsers } from '../../db/users.repo';
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

describe('authenticate', () => {
  // "Mật khẩu dài" precomposed (NFC: "ậ" is one code point) and decomposed (NFD: "a" + circumflex + dot below), as
  // macOS and some phone keyboards send it: the same password to the person typing it.
  const NFC = 'Mật-khẩu-dài-2026';
  const NFD = NFC.normalize('NFD');

  it.each([
    ['set precomposed, typed decomposed', NFC, NFD],
    ['set decomposed, typed precomposed', NFD, NFC],
    ['set and typed decomposed', NFD, NFD],
  ])('logs in with a password %s', async (_, set, typed) => {
    expect(NFD).not.toBe(NFC);
    const db = openDb(':memory:');
    await addUser(db, 'lan', 'keyer', set, 'an');
    expect(await authenticate(db, 'lan', typed)).toMatchObject({ name: 'lan' });
    expect(await authenticate(db, 'lan', `${typed}x`)).toBeUndefined();
  });
});
