/** buildApp: registers every plugin and route explicitly; never listens and never reads the environment. */
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import type { Db } from '../db/open';
import type { Config } from './config';
import auth from './plugins/auth';
import dbPlugin from './plugins/db';
import errors from './plugins/errors';
import views from './plugins/views';
import authRoutes from './routes/auth.routes';
import entryRoutes from './routes/entry.routes';
import homeRoutes from './routes/home.routes';
import printRoutes from './routes/print.routes';
import adminRoutes from './routes/admin.routes';
import adminKeyedRoutes from './routes/admin-keyed.routes';
import adminUsersRoutes from './routes/admin-users.routes';
import apiRoutes from './routes/api.routes';
import respondRoutes from './routes/respond.routes';

export type AppOptions = { config: Config; db: Db; logger?: FastifyServerOptions['logger'] };

export async function buildApp({ config, db, logger = false }: AppOptions) {
  // Request lines are off unless asked for (LOG_REQUESTS): they drowned the first-start password and real errors.
  const app = Fastify({ logger, logController: new LogController({ disableRequestLogging: !config.logRequests }), trustProxy: config.trustProxy });
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'] } },
  });
  await app.register(rateLimit, { global: false });
  await app.register(formbody);
  // Browser scripts and styles; pages work without them (plain form posts), scripts only make them faster.
  await app.register(fastifyStatic, { root: fileURLToPath(new URL('./public', import.meta.url)), prefix: '/static/' });
  await app.register(dbPlugin, { db });
  await app.register(views);
  await app.register(errors);
  await app.register(auth, { cookieSecure: config.cookieSecure });
  // Pages show who is logged in, with a logout button that needs its own CSRF token. The token is made only when a
  // page is rendered (the getter runs when the view merges its locals), not for every JSON or API answer. In onRequest
  // (after the user is resolved), so that the 401/403 pages of role checks that run in onRequest show it too.
  app.addHook('onRequest', async (req, reply) => {
    if (!req.user) return;
    reply.locals.user = req.user;
    Object.defineProperty(reply.locals, 'logoutCsrf', { enumerable: true, get: () => reply.generateCsrf() });
  });

  await app.register(homeRoutes);
  await app.register(authRoutes);
  // Feature areas (one encapsulated plugin each) are registered below.
  await app.register(entryRoutes);
  await app.register(printRoutes, { chromiumPath: config.chromiumPath, publicUrl: config.publicUrl });
  await app.register(adminRoutes);
  await app.register(adminUsersRoutes);
  await app.register(adminKeyedRoutes);
  await app.register(apiRoutes);
  await app.register(respondRoutes);
  return app;
}
