/** Bearer tokens for /api/v1: created once and shown once, stored only as a SHA-256, revoked but never deleted. */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { audit } from './audit.repo';
import { inTransaction, type Db } from './open';
import { apiTokens, users } from './schema';
import type { Role, User } from './users.repo';
import type { AccountProblem } from '../surveys/accounts';
import { TOKEN_ROLES } from '../surveys/roles';

/** A prefix that tells a leaked string is ours (secret scanners look for such prefixes); 32 random bytes follow. */
const PREFIX = 'cchc_';

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export type TokenListing = { id: number; name: string; user: string; role: Role; createdAt: string; revokedAt: string | null };
export type CreateTokenOutcome = { ok: true; id: number; token: string } | { ok: false; problem: AccountProblem };

export function createToken(db: Db, userId: number, name: string, actor: string): CreateTokenOutcome {
  const owner = db.select().from(users).where(eq(users.id, userId)).get();
  if (!owner || owner.disabled) return { ok: false, problem: { kind: 'token-owner-disabled' } };
  if (!TOKEN_ROLES.includes(owner.role)) return { ok: false, problem: { kind: 'token-owner-role' } };
  const clean = name.trim();
  if (clean.length < 1 || clean.length > 80) return { ok: false, problem: { kind: 'token-name-length' } };
  const token = PREFIX + randomBytes(32).toString('base64url');
  return inTransaction(db, () => {
    const row = db
      .insert(apiTokens)
      .values({ userId, name: clean, tokenHash: hashToken(token) })
      .returning({ id: apiTokens.id })
      .get();
    audit(db, { actor, action: 'token.create', detail: { id: row.id, name: clean, user: owner.name } });
    return { ok: true, id: row.id, token };
  });
}

export function listTokens(db: Db): TokenListing[] {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, user: users.name, role: users.role, createdAt: apiTokens.createdAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .innerJoin(users, eq(apiTokens.userId, users.id))
    .orderBy(desc(apiTokens.id))
    .all();
}

export function revokeToken(db: Db, id: number, actor: string): boolean {
  return inTransaction(db, () => {
    const row = db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .get();
    if (!row) return false;
    db.update(apiTokens).set({ revokedAt: new Date().toISOString() }).where(eq(apiTokens.id, id)).run();
    audit(db, { actor, action: 'token.revoke', detail: { id, name: row.name } });
    return true;
  });
}

/** The account a presented token acts for; undefined when unknown, revoked, or its owner is disabled or lost the role. */
export function userForToken(db: Db, token: string): User | undefined {
  const row = db
    .select({ id: users.id, name: users.name, role: users.role, disabled: users.disabled })
    .from(apiTokens)
    .innerJoin(users, eq(apiTokens.userId, users.id))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .get();
  if (!row || row.disabled || !TOKEN_ROLES.includes(row.role)) return undefined;
  return { id: row.id, name: row.name, role: row.role };
}
