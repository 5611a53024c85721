/** Opens the SQLite database with the pragmas the service relies on and applies the committed migrations. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

/** Opens (creating the folder if needed) and migrates; `:memory:` gives a private in-memory database. */
export function openDb(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets the web keep reading while an import writes. NORMAL sync: a commit survives a crash of the process; a
  // power loss may lose the last commits (never half of one), as the README says.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 10000');
  const db = drizzle(sqlite, { schema }) as Db;
  try {
    migrateChecked(db);
  } catch (e) {
    sqlite.close();
    throw e;
  }
  sqlite.pragma('foreign_keys = ON');
  return db;
}

/**
 * Applies the migrations with foreign keys off, then checks every reference. drizzle-kit adds a foreign key to a
 * SQLite table by rebuilding it (new table, copy, drop the old one, rename), and drizzle's migrator runs all pending
 * migrations in one transaction, where the `PRAGMA foreign_keys` lines of the generated SQL are no-ops: with foreign
 * keys on, dropping a table that other rows point at fails. This is SQLite's documented procedure for such changes.
 * The check (a scan of every referencing row) runs only when a migration was applied: otherwise every row was
 * written with foreign keys on.
 */
function migrateChecked(db: Db): void {
  const sqlite = db.$client;
  const applied = () =>
    sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get()
      ? Number((sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n)
      : 0;
  const before = applied();
  sqlite.pragma('foreign_keys = OFF');
  migrate(db, { migrationsFolder: MIGRATIONS });
  if (applied() === before) return;
  const broken = sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  if (broken.length > 0) {
    const some = broken
      .slice(0, 5)
      .map((b) => `${b.table} row ${b.rowid} → ${b.parent}`)
      .join(', ');
    throw new Error(`the database has ${broken.length} rows that point at missing rows (${some}); the service will not start on it`);
  }
}

/**
 * A read-only connection to a database that `openDb` has already migrated, for worker threads that read beside the
 * server's own connection (WAL lets them read while it writes; they see each transaction whole).
 */
export function openDbReadonly(path: string): Db {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 10000');
  return drizzle(sqlite, { schema }) as Db;
}

export function closeDb(db: Db): void {
  db.$client.close();
}

/**
 * Runs `fn` in one write transaction (BEGIN IMMEDIATE, so concurrent writers queue instead of failing on upgrade).
 * Repositories call it with the same `db`; nested calls become savepoints.
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  const client = db.$client;
  const tx = client.transaction(fn);
  return client.inTransaction ? tx() : tx.immediate();
}
