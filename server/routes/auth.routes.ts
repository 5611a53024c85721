/** Login and logout for staff (admins, supervisors, keyers); login attempts are rate limited. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { audit } from '../../db/audit.repo';
import { endSession, startSession } from '../../db/sessions.repo';
import { authenticate, logoutEverywhere, type Role } from '../../db/users.repo';

const LoginSchema = z.object({ name: z.string().trim().min(1), password: z.string().min(1), next: z.string().optional() });

/** Where each role starts after login. */
const HOME: Record<Role, string> = { admin: '/admin', supervisor: '/admin', keyer: '/entry' };

/**
 * Only local paths, so a crafted link cannot send a user elsewhere after login: one "/" then anything but "/" or "\"
 * (browsers read "/\host" as "//host"), and no control characters (browsers drop tabs and newlines: "/\t/host").
 */
const safeNext = (next: unknown) => (typeof next === 'string' && /^\/(?![/\\])[^\u0000-\u001f\u007f]*$/.test(next) ? next : undefined);

const authRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { next?: string } }>('/login', async (req, reply) => {
    return reply.view('pages/login', { title: 'Đăng nhập', csrf: reply.generateCsrf(), next: safeNext(req.query.next) });
  });

  app.post(
    '/login',
    { preHandler: app.csrfProtection, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const parsed = LoginSchema.safeParse(req.body);
      const user = parsed.success ? await authenticate(app.db, parsed.data.name, parsed.data.password) : undefined;
      if (!user) {
        return reply.status(401).view('pages/login', {
          title: 'Đăng nhập',
          csrf: reply.generateCsrf(),
          error: 'Tên đăng nhập hoặc mật khẩu không đúng.',
          name: parsed.success ? parsed.data.name : '',
          next: safeNext(parsed.data?.next),
        });
      }
      req.session.set('sid', startSession(app.db, user.id));
      audit(app.db, { actor: user.name, action: 'user.login' });
      return reply.redirect(safeNext(parsed.data?.next) ?? HOME[user.role]);
    },
  );

  // Ends this session's row, so a copy of the cookie is dead too; "everywhere" (a second button) ends all of the user's.
  app.post('/logout', { preHandler: app.csrfProtection }, async (req, reply) => {
    const sid = req.session.get('sid');
    if (req.user && (req.body as { everywhere?: unknown } | undefined)?.everywhere === '1') logoutEverywhere(app.db, req.user.id, req.user.name);
    else if (sid !== undefined) endSession(app.db, sid);
    req.session.delete();
    return reply.redirect('/');
  });
};

export default authRoutes;
