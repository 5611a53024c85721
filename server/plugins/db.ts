/** Decorates the app with the database it was built with; the DB is passed in, never a module singleton. */
import fp from 'fastify-plugin';
import type { Db } from '../../db/open';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

export default fp<{ db: Db }>(
  async (app, opts) => {
    app.decorate('db', opts.db);
  },
  { name: 'db' },
);
