/** Service secrets stored in the database, each made once on first use and kept: the session key, the answers-id salt. */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './open';
import { settings } from './schema';

/** 32 random bytes stored under `key` the first time they are asked for; the stored ones ever after (a racing first use keeps one). */
function secret(db: Db, key: string): Buffer {
  const row = db.select().from(settings).where(eq(settings.key, key)).get();
  if (row) return Buffer.from(row.value, 'base64');
  db.insert(settings)
    .values({ key, value: randomBytes(32).toString('base64') })
    .onConflictDoNothing()
    .run();
  return secret(db, key);
}

/** The key that encrypts session cookies. */
export const sessionKey = (db: Db) => secret(db, 'session_key');

/** The salt of the answers export's response ids: stable across exports, yet no id can be traced to a serial. */
export const responseSalt = (db: Db) => secret(db, 'answers_id_salt');
