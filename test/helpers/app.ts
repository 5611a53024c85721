/** Builds the real app on a migrated in-memory SQLite, for inject() tests. */
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openDb, type Db } from '../../db/open';

export async function buildTestApp(db: Db = openDb(':memory:')) {
  const config = loadConfig({ DATABASE_PATH: ':memory:' });
  const app = await buildApp({ config, db });
  return app;
}
