/** drizzle-kit settings: migrations are generated from db/schema.ts into db/migrations and committed. */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
});
