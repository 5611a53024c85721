/** Service settings stored in the database: the session key is made once and kept. */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './open';
import { settings } from './schema';

/** The 32-byte key that encrypts session cookies, created on first use. */
export function sessionKey(db: Db): Buffer {
  const row = db.select().from(settings).where(eq(settings.key, 'session_key')).get();
  if (row) return Buffer.from(row.value, 'base64');
  const key = randomBytes(32);
  db.insert(settings).values({ key: 'session_key', value: key.toString('base64') }).onConflictDoNothing().run();
  return sessionKey(db);
}
