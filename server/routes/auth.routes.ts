/** Login and logout for staff (admins, supervisors, keyers); failed logins are limited per account and per address. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../../db/audit.repo';
import { endSession, startSession } from '../../db/sessions.repo';
import { authenticate, logoutEverywhere, type Role } from '../../db/users.repo';
import { operatorKey } from '../../surveys/ledger';

const LoginSchema = z.object({ name: z.string().trim().min(1), password: z.string().min(1), next: z.string().optional() });

/**
 * Failed logins allowed per window before further attempts are refused with 429 until the window has passed: per account
 * name (whoever tries it, so guessing one password from many addresses stops too) and per client address (so one client
 * cannot go through many names). Successful logins never count: a whole office behind one address logs in freely.
 */
export const LOGIN_LIMITS = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 } as const;

/** The account a login attempt names, however it was spelled (unknown names count too, so a lock says nothing about who exists). */
const accountKey = (req: FastifyRequest) => {
  const name = (req.body as { name?: unknown } | undefined)?.name;
  // The same key as the operator rule: cleaned (NFC, invisible characters) and without case, as logins look names up.
  return `account:${typeof name === 'string' ? operatorKey(name) : ''}`;
};

/** Where each role starts after login. */
const HOME: Record<Role, string> = { admin: '/admin', supervisor: '/admin', keyer: '/entry' };

/**
 * Only local paths, so a crafted link cannot send a user elsewhere after login: one "/" then anything but "/" or "\"
 * (browsers read "/\host" as "//host"), and no control characters (browsers drop tabs and newlines: "/\t/host").
 */
const safeNext = (next: unknown) => (typeof next === 'string' && /^\/(?![/\\])[^\u0000-\u001f\u007f]*$/.test(next) ? next : undefined);

const authRoutes: FastifyPluginAsync = async (app) => {
  const window = { timeWindow: LOGIN_LIMITS.windowMs };
  const accountFailures = app.createRateLimit({ ...window, max: LOGIN_LIMITS.perAccount, keyGenerator: accountKey });
  const addressFailures = app.createRateLimit({ ...window, max: LOGIN_LIMITS.perAddress });

  /** The lock in force for this attempt, if any: its failures are used up (a peek, which counts nothing). */
  async function locked(req: FastifyRequest) {
    for (const [limit, who] of [
      [accountFailures, 'account'],
      [addressFailures, 'address'],
    ] as const) {
      const state = await limit(req, { increment: false });
      if (!state.isAllowed && (state.isExceeded || state.remaining === 0))
        return { who, minutes: Math.max(1, Math.ceil(state.ttlInSeconds / 60)), seconds: state.ttlInSeconds };
    }
    return undefined;
  }

  const loginPage = (reply: FastifyReply, status: number, error: string, name: string, next: unknown) =>
    reply.status(status).view('pages/login', { title: 'Đăng nhập', csrf: reply.generateCsrf(), error, name, next: safeNext(next) });

  app.get<{ Querystring: { next?: string } }>('/login', async (req, reply) => {
    return reply.view('pages/login', { title: 'Đăng nhập', csrf: reply.generateCsrf(), next: safeNext(req.query.next) });
  });

  app.post('/login', { preHandler: app.csrfProtection }, async (req, reply) => {
    const parsed = LoginSchema.safeParse(req.body);
    const name = parsed.success ? parsed.data.name : '';
    // Checked before the password, so that a locked account's right password is not confirmed either.
    const lock = await locked(req);
    if (lock) {
      const error =
        lock.who === 'account'
          ? `Tài khoản này đã bị nhập sai mật khẩu quá nhiều lần. Vui lòng đợi khoảng ${lock.minutes} phút rồi thử lại.`
          : `Máy này đã đăng nhập sai quá nhiều lần. Vui lòng đợi khoảng ${lock.minutes} phút rồi thử lại.`;
      return loginPage(reply.header('retry-after', String(lock.seconds)), 429, error, name, parsed.data?.next);
    }
    const user = parsed.success ? await authenticate(app.db, parsed.data.name, parsed.data.password) : undefined;
    if (!user) {
      await accountFailures(req);
      await addressFailures(req);
      return loginPage(reply, 401, 'Tên đăng nhập hoặc mật khẩu không đúng.', name, parsed.data?.next);
    }
    req.session.set('sid', startSession(app.db, user.id));
    audit(app.db, { actor: user.name, action: 'user.login' });
    return reply.redirect(safeNext(parsed.data?.next) ?? HOME[user.role]);
  });

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
