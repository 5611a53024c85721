/** Response headers for every route: helmet, HTTPS-only headers only over HTTPS, and no caching of anything but static files. */
import helmet from '@fastify/helmet';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export type HeadersOptions = { cookieSecure: 'true' | 'false' | 'auto' };

/** Kept for half a year once a browser has seen it over HTTPS. */
const HSTS = 'max-age=15552000; includeSubDomains';

/**
 * Whether the browser reached us over HTTPS, decided as the session cookie's `Secure` flag is: `true` means a TLS proxy
 * in front (whatever the request says), `auto` reads the request (X-Forwarded-Proto only from a trusted proxy).
 */
const overHttps = (req: FastifyRequest, cookieSecure: HeadersOptions['cookieSecure']) =>
  cookieSecure === 'true' || (cookieSecure === 'auto' && req.protocol === 'https');

export default fp<HeadersOptions>(
  async (app, opts) => {
    // HSTS and upgrade-insecure-requests on a plain-HTTP answer would send a browser that opened the service at a LAN
    // address to https:// for its styles, scripts and form posts, where nothing listens: they are added below, over HTTPS only.
    await app.register(helmet, {
      strictTransportSecurity: false,
      contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null } },
    });
    app.addHook('onRequest', async (req, reply) => {
      if (!overHttps(req, opts.cookieSecure)) return;
      reply.header('strict-transport-security', HSTS);
      const csp = reply.getHeader('content-security-policy');
      if (typeof csp === 'string') reply.header('content-security-policy', `${csp};upgrade-insecure-requests`);
    });
    // Pages and downloads show answers, access codes, accounts and the audit log: no browser or proxy may keep a copy,
    // so nothing is cached unless its route says otherwise (only @fastify/static does: styles and scripts).
    app.addHook('onSend', async (_req, reply) => {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    });
  },
  { name: 'headers' },
);
