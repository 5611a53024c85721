/** buildApp: registers every plugin and route explicitly; never listens and never reads the environment. */
import compress from '@fastify/compress';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import type { Db } from '../db/open';
import type { Config } from './config';
import { logRedaction } from './log-redact';
import auth from './plugins/auth';
import campaigns from './plugins/campaigns';
import dbPlugin from './plugins/db';
import errors from './plugins/errors';
import headers from './plugins/headers';
import offload from './plugins/offload';
import views from './plugins/views';
import authRoutes from './routes/auth.routes';
import entryRoutes from './routes/entry.routes';
import homeRoutes from './routes/home.routes';
import printRoutes from './routes/print.routes';
import adminRoutes from './routes/admin.routes';
import adminAnalysisRoutes from './routes/admin-analysis.routes';
import adminCampaignsRoutes from './routes/admin-campaigns.routes';
import adminKeyedRoutes from './routes/admin-keyed.routes';
import adminScansRoutes from './routes/admin-scans.routes';
import scanVerifyRoutes from './routes/scan-verify.routes';
import { realScanDeps, type ScanDeps } from './scan/import-scans';
import { offloadedReader } from './work/offloaded-reader';
import adminUsersRoutes from './routes/admin-users.routes';
import apiRoutes from './routes/api.routes';
import respondRoutes from './routes/respond.routes';

/** `scanDeps`: the scan reader and layout measurement (tests give constructed ones; by default the real ones). */
export type AppOptions = { config: Config; db: Db; logger?: FastifyServerOptions['logger']; scanDeps?: ScanDeps };

export async function buildApp({ config, db, logger = false, scanDeps }: AppOptions) {
  const app = Fastify({
    // Whatever logger the caller asks for, access codes and credentials never reach it.
    logger: logger && { ...(logger === true ? {} : logger), ...logRedaction },
    // Request lines are off unless asked for (LOG_REQUESTS): they drowned the first-start password and real errors.
    logController: new LogController({ disableRequestLogging: !config.logRequests }),
    trustProxy: config.trustProxy,
    // A client that trickles its request is cut off (408) once requestTimeout passes. Node enforces it only when the
    // headers' own timeout is not longer (its 60 s default is fixed when fastify creates the server, before fastify sets
    // requestTimeout), and looks for such clients every connectionsCheckingInterval (30 s by default).
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.connectionTimeoutMs,
    http: { headersTimeout: Math.min(60_000, config.requestTimeoutMs), connectionsCheckingInterval: Math.min(30_000, config.requestTimeoutMs / 4) },
  });
  await app.register(headers, { cookieSecure: config.cookieSecure });
  // Pages go to phones on mobile data: a 20-unit questionnaire is 212 KB of HTML and about 7 % of that compressed.
  // Only text and JSON are compressed (PDF, xlsx and images already are); bodies under 1 KB are sent as they are,
  // where compressing gains nothing. Clients that send no Accept-Encoding (inject() in tests) get plain bodies.
  // Compressed request bodies are not inflated: no form or upload of ours sends one, and inflating invites bombs.
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'], globalDecompression: false });
  await app.register(rateLimit, { global: false });
  await app.register(formbody);
  // Browser scripts and styles; pages work without them (plain form posts), scripts only make them faster.
  await app.register(fastifyStatic, { root: fileURLToPath(new URL('./public', import.meta.url)), prefix: '/static/' });
  await app.register(dbPlugin, { db });
  await app.register(campaigns);
  await app.register(offload, { databasePath: config.databasePath });
  await app.register(views);
  await app.register(errors);
  await app.register(auth, { cookieSecure: config.cookieSecure });
  // Pages show who is logged in, with a logout button that needs its own CSRF token. The token is made only when a
  // page is rendered (the getter runs when the view merges its locals), not for every JSON or API answer. In onRequest
  // (after the user is resolved), so that the 401/403 pages of role checks that run in onRequest show it too.
  app.addHook('onRequest', async (req, reply) => {
    if (!req.user) return;
    reply.locals.user = req.user;
    // On the console and the desk the header names the area after the product name (« › Bảng điều khiển »); elsewhere
    // (home page, forms) the same link sits with the account, as the way back in.
    reply.locals.inStaffArea = /^\/(admin|entry)([/?]|$)/.test(req.url);
    Object.defineProperty(reply.locals, 'logoutCsrf', { enumerable: true, get: () => reply.generateCsrf() });
  });

  await app.register(homeRoutes);
  await app.register(authRoutes);
  // Feature areas (one encapsulated plugin each) are registered below.
  await app.register(entryRoutes);
  await app.register(printRoutes, { chromiumPath: config.chromiumPath, publicUrl: config.publicUrl });
  await app.register(adminRoutes);
  await app.register(adminAnalysisRoutes, { chromiumPath: config.chromiumPath, analysisWaitMs: config.analysisWaitMs });
  await app.register(adminCampaignsRoutes);
  await app.register(adminUsersRoutes);
  await app.register(adminKeyedRoutes);
  await app.register(scanVerifyRoutes, { scansPath: config.scansPath });
  await app.register(adminScansRoutes, { scansPath: config.scansPath, deps: scanDeps ?? realScanDeps(db, config.chromiumPath, offloadedReader(app.offload)) });
  await app.register(apiRoutes);
  await app.register(respondRoutes);
  return app;
}
