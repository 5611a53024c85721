/** Accounts: names, roles and scrypt password hashes. */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { AccountProblem } from '../surveys/accounts';
import { checkPassword, PASSWORD_MAX, passwordLength, type PasswordProblem } from '../surveys/password-policy';
import { audit } from './audit.repo';
import { inTransaction, type Db } from './open';
import { users } from './schema';
import { endSessions } from './sessions.repo';
import { operatorKey } from '../surveys/ledger';
import type { Role, User } from '../surveys/roles';
import { cleanText } from '../surveys/text';

// The roles live in surveys/ (db/schema.ts types the users table with them); re-exported for the callers of this module.
export { ROLES, type Role, type User } from '../surveys/roles';

const N = 16384;
const KEYLEN = 32;

function scrypt(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, KEYLEN, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/**
 * Hashed in Unicode NFC: a Vietnamese password typed on a keyboard that composes "ậ" from parts (NFD, as macOS and
 * some Android keyboards send it) is the same password as one typed precomposed.
 */
async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, { N, r: 8, p: 1 });
  return `scrypt$${N}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Checks the NFC form first; a password typed decomposed is also checked as typed, for hashes set before NFC was applied. */
async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64');
  const matches = async (typed: string) => {
    const key = await scrypt(typed, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
    return key.length === expected.length && timingSafeEqual(key, expected);
  };
  const nfc = password.normalize('NFC');
  return (await matches(nfc)) || (nfc !== password && (await matches(password)));
}

/**
 * Checked against when the account does not exist or is disabled, so that a wrong name costs the same hash work as a
 * wrong password and the answer time does not tell which names exist. Made once, on the first need.
 */
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword(randomBytes(16).toString('base64')));

const refused = (password: PasswordProblem) => ({ ok: false as const, problem: { kind: 'password-refused', password } as const });

/** A refusal is a problem value, worded at the edge (accountText). */
export type AddUserOutcome = { ok: true; user: User } | { ok: false; problem: AccountProblem };

export async function addUser(db: Db, name: string, role: Role, password: string, actor: string): Promise<AddUserOutcome> {
  const clean = cleanText(name);
  if (!/^[\p{L}\p{N}._-]{2,40}$/u.test(clean)) return { ok: false, problem: { kind: 'user-name-invalid' } };
  const problem = checkPassword(password, clean);
  if (problem) return refused(problem);
  // One person, one account: names that the ledger takes for the same operator ("Lan" and "lan") are one name.
  const existing = () =>
    db
      .select({ name: users.name })
      .from(users)
      .all()
      .find((u) => operatorKey(u.name) === operatorKey(clean))?.name;
  const taken = (other: string): AddUserOutcome => ({ ok: false, problem: { kind: 'user-exists', name: other } });
  const before = existing();
  if (before !== undefined) return taken(before);
  const passwordHash = await hashPassword(password);
  // Checked again after the hash: another add of the same name may have landed while it was computed.
  return inTransaction(db, (): AddUserOutcome => {
    const now = existing();
    if (now !== undefined) return taken(now);
    const row = db.insert(users).values({ name: clean, role, passwordHash }).returning().get();
    audit(db, { actor, action: 'user.add', detail: { name: clean, role } });
    return { ok: true, user: { id: row.id, name: row.name, role: row.role } };
  });
}

export function countUsers(db: Db): number {
  return Number(db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0);
}

/**
 * The user for a name and password, or undefined; disabled users cannot log in. Every attempt does the same hash work:
 * an unknown or disabled name is checked against a decoy hash, and a password longer than any allowed one is checked
 * cut to that length (it cannot match: no password that long was ever set).
 */
export async function authenticate(db: Db, name: string, password: string): Promise<User | undefined> {
  const row = db
    .select()
    .from(users)
    .where(eq(users.name, cleanText(name)))
    .get();
  const usable = row !== undefined && !row.disabled;
  const tooLong = passwordLength(password) > PASSWORD_MAX;
  const matches = await verifyPassword(tooLong ? [...password].slice(0, PASSWORD_MAX).join('') : password, usable ? row.passwordHash : await decoy());
  return usable && matches && !tooLong ? { id: row.id, name: row.name, role: row.role } : undefined;
}

export type UserListing = { id: number; name: string; role: Role; disabled: boolean; createdAt: string };

export function listUsers(db: Db): UserListing[] {
  return db
    .select({ id: users.id, name: users.name, role: users.role, disabled: users.disabled, createdAt: users.createdAt })
    .from(users)
    .orderBy(users.name)
    .all();
}

export type UserChangeOutcome = { ok: true; name: string } | { ok: false; problem: AccountProblem };

/** Disables or enables an account; a disabled user's sessions end (enabling does not bring them back) and API tokens stop working. */
export function setDisabled(db: Db, id: number, disabled: boolean, actor: string): UserChangeOutcome {
  return inTransaction(db, (): UserChangeOutcome => {
    const row = db.select().from(users).where(eq(users.id, id)).get();
    if (!row) return { ok: false, problem: { kind: 'user-unknown', id } };
    if (row.disabled === disabled) return { ok: true, name: row.name };
    db.update(users).set({ disabled }).where(eq(users.id, id)).run();
    if (disabled) endSessions(db, id);
    audit(db, { actor, action: disabled ? 'user.disable' : 'user.enable', detail: { name: row.name, role: row.role } });
    return { ok: true, name: row.name };
  });
}

/**
 * Sets a new password and ends the account's sessions (but `keep`, the browser of a user who changes their own); the
 * audit row names the account, never the password.
 */
export async function setPassword(db: Db, id: number, password: string, actor: string, keep?: string): Promise<UserChangeOutcome> {
  const row = db.select().from(users).where(eq(users.id, id)).get();
  if (!row) return { ok: false, problem: { kind: 'user-unknown', id } };
  const problem = checkPassword(password, row.name);
  if (problem) return refused(problem);
  const passwordHash = await hashPassword(password);
  inTransaction(db, () => {
    db.update(users).set({ passwordHash }).where(eq(users.id, id)).run();
    endSessions(db, id, keep);
    audit(db, { actor, action: 'user.password', detail: { name: row.name } });
  });
  return { ok: true, name: row.name };
}

/** "Log out everywhere": ends every session of an account but `keep`; audited with how many ended. */
export function logoutEverywhere(db: Db, id: number, actor: string, keep?: string): UserChangeOutcome {
  return inTransaction(db, (): UserChangeOutcome => {
    const row = db.select().from(users).where(eq(users.id, id)).get();
    if (!row) return { ok: false, problem: { kind: 'user-unknown', id } };
    const sessions = endSessions(db, id, keep);
    audit(db, { actor, action: 'user.logout_all', detail: { name: row.name, sessions } });
    return { ok: true, name: row.name };
  });
}
