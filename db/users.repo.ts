/** Accounts: names, roles and scrypt password hashes. */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { audit } from './audit.repo';
import { inTransaction, type Db } from './open';
import { users } from './schema';
import { operatorKey } from '../surveys/ledger';
import { cleanText } from '../surveys/text';

export const ROLES = ['admin', 'supervisor', 'keyer'] as const;
export type Role = (typeof ROLES)[number];
export type User = { id: number; name: string; role: Role };

const N = 16384;
const KEYLEN = 32;

function scrypt(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, KEYLEN, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, { N, r: 8, p: 1 });
  return `scrypt$${N}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt') return false;
  const key = await scrypt(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  const expected = Buffer.from(hash, 'base64');
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export type AddUserOutcome = { ok: true; user: User } | { ok: false; message: string };

export async function addUser(db: Db, name: string, role: Role, password: string, actor: string): Promise<AddUserOutcome> {
  const clean = cleanText(name);
  if (!/^[\p{L}\p{N}._-]{2,40}$/u.test(clean)) return { ok: false, message: 'user name must be 2–40 letters, digits, ".", "_" or "-"' };
  if (password.length < 8) return { ok: false, message: 'password must be at least 8 characters' };
  // One person, one account: names that the ledger takes for the same operator ("Lan" and "lan") are one name.
  const existing = () => db.select({ name: users.name }).from(users).all().find((u) => operatorKey(u.name) === operatorKey(clean))?.name;
  const taken = (other: string): AddUserOutcome => ({ ok: false, message: `user ${other} already exists` });
  const before = existing();
  if (before !== undefined) return taken(before);
  const passwordHash = await hashPassword(password);
  // Checked again after the hash: another add of the same name may have landed while it was computed.
  return inTransaction(db, (): AddUserOutcome => {
    const now = existing();
    if (now !== undefined) return taken(now);
    const row = db.insert(users).values({ name: clean, role, passwordHash }).returning().get();
    audit(db, { actor, action: 'user.add', detail: { name: clean, role } });
    return { ok: true, user: { id: row.id, name: row.name, role: row.role as Role } };
  });
}

export function countUsers(db: Db): number {
  return Number(db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0);
}

/** The user for a name and password, or undefined; disabled users cannot log in. */
export async function authenticate(db: Db, name: string, password: string): Promise<User | undefined> {
  const row = db.select().from(users).where(eq(users.name, cleanText(name))).get();
  if (!row || row.disabled) return undefined;
  return (await verifyPassword(password, row.passwordHash)) ? { id: row.id, name: row.name, role: row.role as Role } : undefined;
}

/** An enabled user by id, as a session names it. */
export function getUser(db: Db, id: number): User | undefined {
  const row = db.select().from(users).where(eq(users.id, id)).get();
  return row && !row.disabled ? { id: row.id, name: row.name, role: row.role as Role } : undefined;
}

export type UserListing = { id: number; name: string; role: Role; disabled: boolean; createdAt: string };

export function listUsers(db: Db): UserListing[] {
  return db
    .select({ id: users.id, name: users.name, role: users.role, disabled: users.disabled, createdAt: users.createdAt })
    .from(users)
    .orderBy(users.name)
    .all()
    .map((u) => ({ ...u, role: u.role as Role }));
}

export type UserChangeOutcome = { ok: true; name: string } | { ok: false; message: string };

/** Disables or enables an account; a disabled user's sessions and API tokens stop working at once. */
export function setDisabled(db: Db, id: number, disabled: boolean, actor: string): UserChangeOutcome {
  return inTransaction(db, (): UserChangeOutcome => {
    const row = db.select().from(users).where(eq(users.id, id)).get();
    if (!row) return { ok: false, message: `no user with id ${id}` };
    if (row.disabled === disabled) return { ok: true, name: row.name };
    db.update(users).set({ disabled }).where(eq(users.id, id)).run();
    audit(db, { actor, action: disabled ? 'user.disable' : 'user.enable', detail: { name: row.name, role: row.role } });
    return { ok: true, name: row.name };
  });
}

/** Sets a new password; the audit row names the account, never the password. */
export async function setPassword(db: Db, id: number, password: string, actor: string): Promise<UserChangeOutcome> {
  const row = db.select().from(users).where(eq(users.id, id)).get();
  if (!row) return { ok: false, message: `no user with id ${id}` };
  if (password.length < 8) return { ok: false, message: 'password must be at least 8 characters' };
  const passwordHash = await hashPassword(password);
  inTransaction(db, () => {
    db.update(users).set({ passwordHash }).where(eq(users.id, id)).run();
    audit(db, { actor, action: 'user.password', detail: { name: row.name } });
  });
  return { ok: true, name: row.name };
}
