/** Sessions (an encrypted cookie naming a server-side session row), CSRF tokens and role checks; every route that is not public names the roles it admits. */
import csrf from '@fastify/csrf-protection';
import secureSession from '@fastify/secure-session';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { sessionKey } from '../../db/settings.repo';
import { SESSION_HOURS, sessionUser } from '../../db/sessions.repo';
import type { Role, User } from '../../db/users.repo';
import { isApi, wantsJson } from './errors';

/** A role check usable as an onRequest hook (before any body is read) or as a preHandler. */
export type RoleCheck = onRequestAsyncHookHandler & preHandlerAsyncHookHandler;

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Hook admitting a logged-in user of one of `roles`; others get the login page (or 401/403). The user is resolved
     * in onRequest, so the check works there: use it as `onRequest` on routes that take a body, so that nobody
     * unauthorised gets a body read (or a file buffered) first.
     */
    requireRole(...roles: Role[]): RoleCheck;
  }
  interface FastifyRequest {
    user: User | null;
  }
}

declare module '@fastify/secure-session' {
  interface SessionData {
    /** The sessions row (db/sessions.repo.ts): the cookie alone proves nothing once the row is gone. */
    sid: string;
  }
}

export type AuthOptions = { cookieSecure: 'true' | 'false' | 'auto' };

function deny(req: FastifyRequest, reply: FastifyReply, status: 401 | 403) {
  if (isApi(req)) {
    // RFC 9110: a 401 names the scheme that would work (here a bearer token; a console session works too).
    if (status === 401) return reply.status(401).header('www-authenticate', 'Bearer').send({ error: 'Login or a bearer token is required' });
    return reply.status(403).send({ error: 'Forbidden' });
  }
  if (wantsJson(req)) {
    const error =
      status === 401
        ? 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại; phần đã nhập vẫn được giữ trên máy này.'
        : 'Tài khoản đang đăng nhập không có quyền làm việc này.';
    return reply.status(status).send({ error });
  }
  if (status === 401 && req.method === 'GET') return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`);
  if (status === 401) return reply.errorPage(401, 'Cần đăng nhập', 'Vui lòng đăng nhập.');
  return reply.errorPage(403, 'Không có quyền', 'Tài khoản đang đăng nhập không có quyền truy cập trang này.');
}

export default fp<AuthOptions>(
  async (app, opts) => {
    await app.register(secureSession, {
      key: sessionKey(app.db),
      cookieName: 'cchc_session',
      expiry: SESSION_HOURS * 60 * 60,
      cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.cookieSecure === 'auto' ? 'auto' : opts.cookieSecure === 'true' },
    });
    await app.register(csrf, { sessionPlugin: '@fastify/secure-session' });
    app.decorateRequest('user', null);
    app.addHook('onRequest', async (req) => {
      const sid = req.session.get('sid');
      req.user = sid === undefined ? null : (sessionUser(app.db, sid) ?? null);
    });
    app.decorate('requireRole', (...roles: Role[]): RoleCheck => {
      return async (req: FastifyRequest, reply: FastifyReply) => {
        if (!req.user) return deny(req, reply, 401);
        if (!roles.includes(req.user.role)) return deny(req, reply, 403);
      };
    });
  },
  { name: 'auth', dependencies: ['db', 'views', 'errors'] },
);
