/** The Sở Nội vụ console: campaigns, issuing, quota dashboard, scores with drill-down, self-assessment, invalid forms. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listCampaigns, type StoredCampaign } from '../../db/campaigns.repo';
import { invalidateForm } from '../../db/entry.repo';
import { issueForms } from '../../db/forms.repo';
import { loadQuotaCounts, saveSelfPoints } from '../../db/scores.repo';
import { campaignPageView, campaignSummary, cellDetail, quotaPageView, scoreLevelsWithCharts } from '../../surveys/console-views';
import { invalidateText } from '../../surveys/keying-desk';
import { levelName } from '../../surveys/names';
import { CHANNELS } from '../../surveys/ledger';
import { quotaRows } from '../../surveys/quotas';
import { explainCell } from '../../surveys/scoring';
import { checkSelfPoints, selfPointsText } from '../../surveys/self-points';
import { typedFields } from '../form-fields';
import { campaignFromUrl, campaignNotFoundPage, campaignOf } from '../plugins/campaign-param';

type Params = { code: string };

const IssueForm = z.object({ channel: z.enum(CHANNELS) });
// Each field's message covers every way it can be wrong (missing or repeated too): zod's own messages are English.
const InvalidateForm = z.object({
  serial: z.string({ error: 'Nhập số phiếu.' }).trim().min(1, 'Nhập số phiếu.'),
  reason: z.string({ error: 'Nhập lý do.' }).trim().min(1, 'Nhập lý do.'),
});
const SelfForm = z.object({ csv: z.string().default(''), fileName: z.string().trim().max(200).default('') });

/** A form post whose fields do not have the expected shape (a field sent twice, say): refused without a stack trace. */
const BAD_POST = 'Dữ liệu gửi lên không hợp lệ. Vui lòng tải lại trang rồi thử lại.';

const adminRoutes: FastifyPluginAsync = async (app) => {
  // In onRequest, before a body is read: nobody unauthorised should get a form post read.
  app.addHook('onRequest', app.requireRole('admin', 'supervisor'));
  campaignFromUrl(app, 'code', campaignNotFoundPage);
  const adminOnly = app.requireRole('admin');
  const adminWrite = { onRequest: adminOnly, preHandler: app.csrfProtection };

  const page = (req: FastifyRequest, reply: FastifyReply, view: string, data: Record<string, unknown>) =>
    reply.view(`pages/admin/${view}`, { ...data, isAdmin: req.user?.role === 'admin', csrf: reply.generateCsrf() });

  const home = (req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) =>
    page(req, reply, 'index', { title: 'Bảng điều khiển Sở Nội vụ', campaigns: listCampaigns(app.db, app.definitions), ...extra });

  app.get('/admin', async (req, reply) => home(req, reply));

  const campaignPage = (req: FastifyRequest<{ Params: Params }>, reply: FastifyReply, c: StoredCampaign, extra: Record<string, unknown> = {}) => {
    const q = req.query as { loaded?: string; issued?: string; channel?: string; invalidated?: string; copied?: string };
    return page(req, reply, 'campaign', { ...campaignPageView(c.def, c.version, q), ...extra });
  };

  app.get<{ Params: Params }>('/admin/campaigns/:code', async (req, reply) => {
    return campaignPage(req, reply, campaignOf(req));
  });

  app.post<{ Params: Params }>('/admin/campaigns/:code/issue', adminWrite, async (req, reply) => {
    const c = campaignOf(req);
    const form = IssueForm.safeParse(req.body);
    if (!form.success) return campaignPage(req, reply.status(400), c, { issueError: 'Chọn hình thức phát phiếu.' });
    const out = issueForms(app.db, c, form.data.channel, req.user!.name);
    return reply.redirect(`/admin/campaigns/${encodeURIComponent(c.code)}?issued=${out.issued}&channel=${form.data.channel}`);
  });

  // Supervisors mark invalid forms too (domain.md §2): a defaced paper, a late return.
  app.post<{ Params: Params }>('/admin/campaigns/:code/invalidate', { preHandler: app.csrfProtection }, async (req, reply) => {
    const c = campaignOf(req);
    const form = InvalidateForm.safeParse(req.body ?? {});
    const typed = typedFields(req.body, ['serial', 'reason']);
    if (!form.success) return campaignPage(req, reply.status(400), c, { invalidateError: form.error.issues.map((i) => i.message).join(' '), typed });
    const out = invalidateForm(app.db, c, form.data.serial, form.data.reason, req.user!.name);
    if (!out.ok) return campaignPage(req, reply.status(400), c, { invalidateError: invalidateText(out.problem, 'vi'), typed });
    return reply.redirect(`/admin/campaigns/${encodeURIComponent(c.code)}?invalidated=${encodeURIComponent(form.data.serial)}`);
  });

  app.get<{ Params: Params; Querystring: { group?: string; short?: string } }>('/admin/campaigns/:code/quotas', async (req, reply) => {
    const c = campaignOf(req);
    const rows = quotaRows(c.def, loadQuotaCounts(app.db, c.id));
    return page(req, reply, 'quotas', {
      title: `Tiến độ theo chỉ tiêu — ${c.code}`,
      code: c.code,
      ...quotaPageView(c.def, rows, req.query.group, req.query.short === '1'),
    });
  });

  app.get<{ Params: Params; Querystring: { self?: string } }>('/admin/campaigns/:code/scores', async (req, reply) => {
    const c = campaignOf(req);
    const view = await app.offload({ kind: 'scoresView', code: c.code });
    if (!view) return reply.errorPage(404, 'Không tìm thấy', 'Không có đợt điều tra này.');
    const levels = scoreLevelsWithCharts(c.def, view);
    // The self-assessment import lands here with the number of units it loaded.
    const selfLoaded = /^[1-9]\d{0,5}$/.test(req.query.self ?? '') ? Number(req.query.self) : undefined;
    return page(req, reply, 'scores', { title: `Điểm theo đơn vị — ${c.code}`, code: c.code, levels, bands: campaignSummary(c.def).bands, selfLoaded });
  });

  app.get<{ Params: Params & { unit: string; criterion: string } }>('/admin/campaigns/:code/scores/:unit/:criterion', async (req, reply) => {
    const c = campaignOf(req);
    const cell = await app.offload({ kind: 'scoreCell', code: c.code, unit: req.params.unit, criterion: req.params.criterion });
    if (!cell) return reply.errorPage(404, 'Không tìm thấy', 'Không có ô điểm này trong đợt điều tra.');
    return page(req, reply, 'cell', {
      title: `${cell.unitName} — tiêu chí ${cell.criterion}`,
      code: c.code,
      level: levelName(cell.level),
      cell: cellDetail(c.def, cell),
      explanation: explainCell(c.def, cell),
      minValid: c.def.scoring.minValid,
      warnBelow: c.def.scoring.warnBelow,
    });
  });

  const selfPage = (req: FastifyRequest<{ Params: Params }>, reply: FastifyReply, c: StoredCampaign, extra: Record<string, unknown> = {}) =>
    page(req, reply, 'self', { title: `Điểm tự đánh giá — ${c.code}`, code: c.code, ...extra });

  app.get<{ Params: Params }>('/admin/campaigns/:code/self', { onRequest: adminOnly }, async (req, reply) => {
    return selfPage(req, reply, campaignOf(req));
  });

  app.post<{ Params: Params }>('/admin/campaigns/:code/self', { ...adminWrite, bodyLimit: 2 * 1024 * 1024 }, async (req, reply) => {
    const c = campaignOf(req);
    const parsed = SelfForm.safeParse(req.body ?? {});
    if (!parsed.success) {
      return selfPage(req, reply.status(400), c, { ...typedFields(req.body, ['csv', 'fileName']), errors: [BAD_POST] });
    }
    const form = parsed.data;
    const check = checkSelfPoints(c.def, form.csv);
    if (!check.ok)
      return selfPage(req, reply.status(400), c, { csv: form.csv, fileName: form.fileName, errors: check.problems.map((p) => selfPointsText(p, 'vi')) });
    saveSelfPoints(app.db, c, check.rows, form.fileName || 'console', req.user!.name);
    return reply.redirect(`/admin/campaigns/${encodeURIComponent(c.code)}/scores?self=${check.rows.length}`);
  });
};

export default adminRoutes;
