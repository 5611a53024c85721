/** Admin-only console pages: accounts (add, disable, enable, reset password, log out everywhere), API tokens, and the read-only audit log. */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { auditActions, pageAudit } from '../../db/audit.repo';
import { listCampaigns } from '../../db/campaigns.repo';
import { createToken, listTokens, revokeToken } from '../../db/tokens.repo';
import { addUser, listUsers, logoutEverywhere, ROLES, setDisabled, setPassword } from '../../db/users.repo';
import { accountText, type AccountProblem } from '../../surveys/accounts';
import { auditView, tokenOwners, usersView } from '../../surveys/account-views';
import { PASSWORD_MIN } from '../../surveys/password-policy';
import { typedFields, typedText } from '../form-fields';

const AddUserForm = z.object({ name: z.string().trim().default(''), role: z.enum(ROLES), password: z.string().default('') });
const PasswordForm = z.object({ password: z.string().default('') });
const TokenForm = z.object({ name: z.string().trim().default(''), userId: z.coerce.number().int().positive() });
const IdParams = z.object({ id: z.coerce.number().int().positive() });
const AuditQuery = z.object({
  action: z.string().trim().max(60).optional(),
  actor: z.string().trim().max(60).optional(),
  before: z.coerce.number().int().positive().optional(),
});

const vi = (out: { problem: AccountProblem }) => accountText(out.problem, 'vi');

const adminUsersRoutes: FastifyPluginAsync = async (app) => {
  // In onRequest, before any body is read.
  app.addHook('onRequest', app.requireRole('admin'));
  const write = { preHandler: app.csrfProtection };

  const usersPage = (req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) =>
    reply.view('pages/admin/users', {
      title: 'Tài khoản',
      csrf: reply.generateCsrf(),
      ...usersView(listUsers(app.db), req.user!.id),
      passwordMin: PASSWORD_MIN,
      done: (req.query as { done?: string }).done,
      ...extra,
    });

  app.get('/admin/users', async (req, reply) => usersPage(req, reply));

  app.post('/admin/users', write, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, string>;
    const form = AddUserForm.safeParse(body);
    const typed = { ...typedFields(body, ['name']), role: typedText(body.role) || 'keyer' };
    if (!form.success) return usersPage(req, reply.status(400), { addError: 'Chọn vai trò.', typed });
    const out = await addUser(app.db, form.data.name, form.data.role, form.data.password, req.user!.name);
    if (!out.ok) return usersPage(req, reply.status(400), { addError: vi(out), typed });
    return reply.redirect(`/admin/users?done=${encodeURIComponent(`Đã thêm tài khoản ${out.user.name}.`)}`);
  });

  // Someone who keys paper offline (a postal keyer without a login) is still a known person: a keyer account with a
  // random password nobody is shown, so that the console's keyed upload can name them (issue 11). An admin may give
  // them a login later by setting a password.
  app.post('/admin/users/offline', write, async (req, reply) => {
    const name = z.object({ name: z.string().trim().default('') }).safeParse(req.body ?? {}).data?.name ?? '';
    const out = await addUser(app.db, name, 'keyer', randomBytes(24).toString('base64url'), req.user!.name);
    if (!out.ok) return usersPage(req, reply.status(400), { offlineError: vi(out), typedOffline: name });
    return reply.redirect(`/admin/users?done=${encodeURIComponent(`Đã thêm người nhập ${out.user.name} (không đăng nhập).`)}`);
  });

  const toggle = (disabled: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
    const p = IdParams.safeParse(req.params);
    if (!p.success) return reply.callNotFound();
    // An admin who disables themselves locks the console; another admin must do it.
    if (disabled && p.data.id === req.user!.id) return usersPage(req, reply.status(400), { rowError: 'Không thể tự khóa tài khoản của mình.' });
    const out = setDisabled(app.db, p.data.id, disabled, req.user!.name);
    if (!out.ok) return usersPage(req, reply.status(404), { rowError: vi(out) });
    return reply.redirect(`/admin/users?done=${encodeURIComponent(`${disabled ? 'Đã khóa' : 'Đã mở khóa'} tài khoản ${out.name}.`)}`);
  };
  app.post('/admin/users/:id/disable', write, toggle(true));
  app.post('/admin/users/:id/enable', write, toggle(false));

  app.post('/admin/users/:id/password', write, async (req, reply) => {
    const p = IdParams.safeParse(req.params);
    if (!p.success) return reply.callNotFound();
    const form = PasswordForm.safeParse(req.body ?? {});
    if (!form.success) return usersPage(req, reply.status(400), { rowError: 'Mật khẩu mới không hợp lệ. Vui lòng nhập lại một mật khẩu.' });
    // An admin who resets their own password stays logged in here; every other session of the account ends.
    const out = await setPassword(app.db, p.data.id, form.data.password, req.user!.name, p.data.id === req.user!.id ? req.session.get('sid') : undefined);
    if (!out.ok) return usersPage(req, reply.status(out.problem.kind === 'user-unknown' ? 404 : 400), { rowError: vi(out) });
    return reply.redirect(`/admin/users?done=${encodeURIComponent(`Đã đặt lại mật khẩu của ${out.name}.`)}`);
  });

  app.post('/admin/users/:id/logout', write, async (req, reply) => {
    const p = IdParams.safeParse(req.params);
    if (!p.success) return reply.callNotFound();
    const out = logoutEverywhere(app.db, p.data.id, req.user!.name);
    if (!out.ok) return usersPage(req, reply.status(404), { rowError: vi(out) });
    // An admin who ends their own sessions has ended this one too.
    if (p.data.id === req.user!.id) return reply.redirect('/login');
    return reply.redirect(`/admin/users?done=${encodeURIComponent(`Đã đăng xuất tài khoản ${out.name} trên mọi máy.`)}`);
  });

  const tokensPage = (req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) =>
    reply.view('pages/admin/tokens', {
      title: 'Mã truy cập API',
      csrf: reply.generateCsrf(),
      owners: tokenOwners(listUsers(app.db), req.user!.id),
      tokens: listTokens(app.db),
      campaign: listCampaigns(app.db, app.definitions)[0]?.code ?? 'LCU-2020',
      ...extra,
    });

  app.get('/admin/tokens', async (req, reply) => tokensPage(req, reply));

  app.post('/admin/tokens', write, async (req, reply) => {
    const form = TokenForm.safeParse(req.body);
    if (!form.success) return tokensPage(req, reply.status(400), { error: 'Nhập tên và chọn tài khoản.' });
    const out = createToken(app.db, form.data.userId, form.data.name, req.user!.name);
    if (!out.ok) return tokensPage(req, reply.status(400), { error: vi(out), typedName: form.data.name });
    // Shown once on this response only (never cached: server/plugins/headers.ts); the database keeps just its SHA-256.
    return tokensPage(req, reply, { created: out.token });
  });

  app.post('/admin/tokens/:id/revoke', write, async (req, reply) => {
    const p = IdParams.safeParse(req.params);
    if (!p.success) return reply.callNotFound();
    if (!revokeToken(app.db, p.data.id, req.user!.name))
      return tokensPage(req, reply.status(404), { error: 'Không có mã truy cập này hoặc mã đã bị thu hồi.' });
    return reply.redirect('/admin/tokens');
  });

  app.get('/admin/audit', async (req, reply) => {
    const q = AuditQuery.safeParse(req.query);
    const filter = q.success ? q.data : {};
    const page = pageAudit(app.db, { action: filter.action || undefined, actor: filter.actor || undefined, before: filter.before, limit: 100 });
    return reply.view('pages/admin/audit', {
      title: 'Nhật ký thao tác',
      ...auditView(page.rows, auditActions(app.db), filter.action),
      actor: filter.actor ?? '',
      action: filter.action ?? '',
      nextBefore: page.nextBefore,
    });
  });
};

export default adminUsersRoutes;
