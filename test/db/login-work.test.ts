/** Every login attempt costs the same hash work, so the answer time does not tell which account names exist. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scrypt } from 'node:crypto';
import { openDb, type Db } from '../../db/open';
import { addUser, authenticate, setDisabled } from '../../db/users.repo';

// Counts the hash computations; each is passed through to the real scrypt.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, scrypt: vi.fn(real.scrypt) };
});

let db: Db;
beforeEach(async () => {
  db = openDb(':memory:');
  await addUser(db, 'lan', 'keyer', 'mật-khẩu-dài', 'test');
  await addUser(db, 'minh', 'keyer', 'mật-khẩu-dài', 'test');
  setDisabled(db, 2, true, 'test');
  // The decoy hash for unknown names is made once, on first need: make it now, so each attempt below is counted alone.
  await authenticate(db, 'nobody-yet', 'warm-up-password');
  vi.mocked(scrypt).mockClear();
});
afterEach(() => db.$client.close());

/** The scrypt work one attempt did: how many hashes, with which cost parameters, on how many characters. */
async function workOf(name: string, password: string) {
  vi.mocked(scrypt).mockClear();
  const user = await authenticate(db, name, password);
  const calls = vi.mocked(scrypt).mock.calls;
  return { user: user?.name, hashes: calls.length, params: calls.map((c) => c[3]), longest: Math.max(...calls.map((c) => String(c[0]).length)) };
}

describe('authenticate', () => {
  it('does one hash of the same cost for a right password, a wrong one, an unknown name and a disabled account', async () => {
    const cost = [{ N: 16384, r: 8, p: 1 }];
    expect(await workOf('lan', 'mật-khẩu-dài')).toEqual({ user: 'lan', hashes: 1, params: cost, longest: 12 });
    expect(await workOf('lan', 'sai-mật-khẩu')).toEqual({ user: undefined, hashes: 1, params: cost, longest: 12 });
    expect(await workOf('không-có-ai', 'sai-mật-khẩu')).toEqual({ user: undefined, hashes: 1, params: cost, longest: 12 });
    expect(await workOf('minh', 'mật-khẩu-dài')).toEqual({ user: undefined, hashes: 1, params: cost, longest: 12 });
  });

  it('hashes at most 128 characters of a huge password, and never lets it in', async () => {
    const huge = 'mật-khẩu-dài' + 'x'.repeat(100_000);
    expect(await workOf('lan', huge)).toEqual({ user: undefined, hashes: 1, params: [{ N: 16384, r: 8, p: 1 }], longest: 128 });
  });
});
