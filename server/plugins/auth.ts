/** Sessions (encrypted cookie), CSRF tokens and role checks; every route that is not public names the roles it admits. */
import csrf from '@fastify/csrf-protection';
import secureSession from '@fastify/secure-session';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { sessionKey } from '../../db/settings.repo';
import { getUser, type Role, type User } from '../../db/users.repo';

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler admitting a logged-in user of one of `roles`; others get the login page (or 401/403). */
    requireRole(...roles: Role[]): preHandlerAsyncHookHandler;
  }
  interface FastifyRequest {
    user: User | null;
  }
}

declare module '@fastify/secure-session' {
  interface SessionData {
    uid: number;
  }
}

export type AuthOptions = { cookieSecure: 'true' | 'false' | 'auto' };

const isApi = (req: FastifyRequest) => req.url.startsWith('/api/');
/** The keying desk's fetch calls ask for JSON: a redirect to the login page would reach them as a page they cannot read. */
const wantsJson = (req: FastifyRequest) => (req.headers.accept ?? '').startsWith('application/json');

function deny(req: FastifyRequest, reply: FastifyReply, status: 401 | 403) {
  if (isApi(req)) return reply.status(status).send({ error: status === 401 ? 'Login or a bearer token is required' : 'Forbidden' });
  if (wantsJson(req)) {
    const error = status === 401 ? 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại; phần đã nhập vẫn được giữ trên máy này.' : 'Tài khoản của bạn không có quyền làm việc này.';
    return reply.status(status).send({ error });
  }
  if (status === 401 && req.method === 'GET') return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`);
  return reply
    .status(status)
    .view('pages/error', { title: status === 401 ? 'Cần đăng nhập' : 'Không có quyền', status, message: status === 401 ? 'Vui lòng đăng nhập.' : 'Tài khoản của bạn không có quyền truy cập trang này.' });
}

export default fp<AuthOptions>(
  async (app, opts) => {
    await app.register(secureSession, {
      key: sessionKey(app.db),
      cookieName: 'cchc_session',
      expiry: 12 * 60 * 60,
      cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.cookieSecure === 'auto' ? 'auto' : opts.cookieSecure === 'true' },
    });
    await app.register(csrf, { sessionPlugin: '@fastify/secure-session' });
    app.decorateRequest('user', null);
    app.addHook('onRequest', async (req) => {
      const uid = req.session.get('uid');
      req.user = uid === undefined ? null : (getUser(app.db, uid) ?? null);
    });
    app.decorate('requireRole', (...roles: Role[]): preHandlerAsyncHookHandler => {
      return async (req, reply) => {
        if (!req.user) return deny(req, reply, 401);
        if (!roles.includes(req.user.role)) return deny(req, reply, 403);
      };
    });
  },
  { name: 'auth', dependencies: ['db', 'views'] },
);
