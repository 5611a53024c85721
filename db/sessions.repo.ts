/** Server-side sessions: the row a session cookie names, so that logout, a password reset or a disabled account ends it. */
import { randomBytes } from 'node:crypto';
import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { Db } from './open';
import { sessions, users } from './schema';
import type { User } from '../surveys/roles';

/** As long as the cookie itself lives (server/plugins/auth.ts). */
export const SESSION_HOURS = 12;

const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();

/** A new session for a user who just logged in; returns its id, for the encrypted cookie. Expired rows are swept here. */
export function startSession(db: Db, userId: number): string {
  const id = randomBytes(32).toString('base64url');
  db.delete(sessions)
    .where(lt(sessions.expiresAt, isoIn(0)))
    .run();
  db.insert(sessions)
    .values({ id, userId, expiresAt: isoIn(SESSION_HOURS * 3600_000) })
    .run();
  return id;
}

/** The enabled user a live session belongs to, or undefined (ended, expired, unknown, or the account is disabled). */
export function sessionUser(db: Db, id: string): User | undefined {
  const row = db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, isoIn(0)), eq(users.disabled, false)))
    .get();
  return row;
}

/** Ends one session (logout): copies of its cookie stop working too. */
export function endSession(db: Db, id: string): void {
  db.delete(sessions).where(eq(sessions.id, id)).run();
}

/** Ends every session of a user, except `keep` (the browser that asked, when it should stay logged in); returns how many ended. */
export function endSessions(db: Db, userId: number, keep?: string): number {
  const mine = eq(sessions.userId, userId);
  return db
    .delete(sessions)
    .where(keep === undefined ? mine : and(mine, ne(sessions.id, keep)))
    .run().changes;
}
