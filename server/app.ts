/** buildApp: registers every plugin and route explicitly; never listens and never reads the environment. */
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Db } from '../db/open';
import type { Config } from './config';
import dbPlugin from './plugins/db';
import errors from './plugins/errors';
import views from './plugins/views';
import homeRoutes from './routes/home.routes';

export type AppOptions = { config: Config; db: Db; logger?: FastifyServerOptions['logger'] };

export async function buildApp({ db, logger = false }: AppOptions) {
  const app = Fastify({ logger, trustProxy: false });
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'] } },
  });
  await app.register(formbody);
  await app.register(dbPlugin, { db });
  await app.register(views);
  await app.register(errors);
  await app.register(homeRoutes);
  return app;
}
