/** The console's campaign files: upload a workbook or JSON file, read the check, then load it; the definition page; downloads; next year's copy. */
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createCampaign, loadCampaign, previewLoad, type StoredCampaign } from '../../db/campaigns.repo';
import { campaignProblemText, campaignWarningText, checkCampaign } from '../../surveys/campaign';
import { copyCampaign, nextCode } from '../../surveys/campaign-copy';
import { campaignLoadText } from '../../surveys/campaign-load-problems';
import { campaignDefinitionView, checkCopyForm, checkedFileView, fileProblemsView } from '../../surveys/campaign-definition-view';
import { campaignSummary } from '../../surveys/console-views';
import type { CampaignFileCheck } from '../render/campaign-workbook';
import { typedFields } from '../form-fields';
import { campaignFromUrl, campaignNotFoundPage, campaignOf } from '../plugins/campaign-param';
import { CheckedFiles } from '../checked-files';
import { acceptOneFile, type Upload, uploadField } from '../file-upload';

/** A campaign file's size cap: the national sample (100,000 units) is 5.6 MB of JSON and less as a workbook. */
export const MAX_CAMPAIGN_UPLOAD = 10 * 1024 * 1024;
/** How long a checked file waits on the server for its «Nạp vào hệ thống», and how many wait at once (memory bound). */
const PENDING_MINUTES = 30;
const PENDING_FILES = 5;

type Params = { code: string };

const UploadForm = z.object({ file: uploadField('Chọn tệp đợt điều tra (.xlsx hoặc .json).') });
const LoadForm = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/) });
/** A download name holding only safe characters: campaign codes already do, this keeps a header from ever breaking. */
const safeName = (code: string) => code.replace(/[^A-Za-z0-9_-]/g, '_');

const adminCampaignsRoutes: FastifyPluginAsync = async (app) => {
  // In onRequest, before a body is read: only admins may send a campaign file (up to 10 MB) or copy a campaign.
  app.addHook('onRequest', app.requireRole('admin', 'supervisor'));
  campaignFromUrl(app, 'code', campaignNotFoundPage);
  const adminOnly = app.requireRole('admin');
  const adminWrite = { onRequest: adminOnly, preHandler: app.csrfProtection };

  // Multipart only in this plugin: it replaces the body of every request of its scope.
  await acceptOneFile(app, { maxBytes: MAX_CAMPAIGN_UPLOAD, fields: 5 });

  // Checked files by their SHA-256, so that «Nạp vào hệ thống» loads exactly the bytes that were checked (and checks
  // them again) without the browser sending them twice or the server trusting a definition the browser sends.
  const checked = new CheckedFiles<Upload, { code: string; version: number }>({ minutes: PENDING_MINUTES, files: PENDING_FILES });

  // Reading and writing campaign workbooks runs on the worker thread: a national workbook takes exceljs seconds.
  // A file task names no stored campaign, so it always has an answer.
  const readFile = async (u: Upload): Promise<CampaignFileCheck> => (await app.offload({ kind: 'campaignFile', bytes: u.bytes, fileName: u.fileName }))!;

  const checkPage = (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) =>
    reply.view('pages/admin/campaign-check', {
      title: 'Kiểm tra tệp đợt điều tra',
      maxMb: MAX_CAMPAIGN_UPLOAD / 1024 / 1024,
      csrf: reply.generateCsrf(),
      isAdmin: req.user?.role === 'admin',
      ...data,
    });

  /** The check page for a file: its summary and what loading it would do, or every problem it has. */
  const showCheck = (req: FastifyRequest, reply: FastifyReply, upload: Upload, check: CampaignFileCheck) => {
    if (!check.ok) return checkPage(req, reply.status(400), { fileName: upload.fileName, ...fileProblemsView(check.problems) });
    const view = checkedFileView(check.campaign, check.warnings, previewLoad(app.db, check.campaign));
    return checkPage(req, reply, { fileName: upload.fileName, ...view, hash: view.preview.loadable ? checked.keep(upload.bytes, upload) : undefined });
  };

  // A file over the cap, or a second file, stops while it arrives; the person gets the check page with what to do.
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    const tooLarge = err.code === 'FST_REQ_FILE_TOO_LARGE';
    if ((!tooLarge && err.code !== 'FST_FILES_LIMIT') || !req.user) throw err;
    const problem = tooLarge
      ? `Tệp lớn hơn ${MAX_CAMPAIGN_UPLOAD / 1024 / 1024} MB, trong khi sổ tính của một tỉnh chỉ khoảng vài chục KB. Hãy lưu lại sổ tính chỉ với các trang của mẫu, bỏ trang phụ và hình ảnh; nếu đợt điều tra thật sự lớn như vậy (cả nước), nhờ cán bộ công nghệ thông tin nạp tệp bằng dòng lệnh (campaign load).`
      : 'Mỗi lần chỉ chọn một tệp.';
    return checkPage(req, reply.status(tooLarge ? 413 : 400), { refusal: problem });
  });

  // The console's form sends the file as multipart/form-data and gets the check page; scripts may send the JSON
  // itself (`?action=check` only checks) with the CSRF token in a header, and get JSON back.
  app.post('/admin/campaigns', { ...adminWrite, bodyLimit: MAX_CAMPAIGN_UPLOAD }, async (req, reply) => {
    if ((req.headers['content-type'] ?? '').startsWith('application/json')) {
      const check = checkCampaign(req.body);
      if (!check.ok) return reply.status(400).send({ ok: false, problems: check.problems.map((p) => ({ ...p, text: campaignProblemText(p, 'en') })) });
      if ((req.query as { action?: string }).action === 'check') {
        return reply.send({ ok: true, summary: campaignSummary(check.campaign), warnings: check.warnings.map(campaignWarningText) });
      }
      const out = loadCampaign(app.db, check.campaign, req.user!.name);
      if (!out.ok) return reply.status(409).send({ ok: false, problems: out.problems.map((p) => ({ ...p, text: campaignLoadText(p, 'en') })) });
      return reply.send({ ok: true, code: out.code, version: out.version, replaced: out.replaced });
    }
    const form = UploadForm.safeParse(req.body ?? {});
    if (!form.success) return checkPage(req, reply.status(400), { refusal: form.error.issues[0].message });
    const upload = form.data.file;
    return showCheck(req, reply, upload, await readFile(upload));
  });

  // «Nạp vào hệ thống»: the checked file, found by its hash, is checked again and loaded.
  app.post('/admin/campaigns/load', adminWrite, async (req, reply) => {
    const form = LoadForm.safeParse(req.body ?? {});
    const upload = form.success ? checked.take(form.data.hash) : undefined;
    const done = form.success ? checked.loadedAs(form.data.hash) : undefined;
    if (!upload && done) return checkPage(req, reply, { alreadyLoaded: done });
    if (!upload) {
      const problem = `Tệp đã kiểm tra không còn trên máy chủ (sau ${PENDING_MINUTES} phút, hoặc máy chủ đã khởi động lại). Chọn lại tệp và bấm «Kiểm tra tệp».`;
      return checkPage(req, reply.status(400), { refusal: problem });
    }
    const check = await readFile(upload);
    if (!check.ok) return showCheck(req, reply, upload, check);
    const out = loadCampaign(app.db, check.campaign, req.user!.name);
    if (!out.ok) return showCheck(req, reply.status(409), upload, check);
    if (form.success) checked.loaded(form.data.hash, { code: out.code, version: out.version });
    return reply.redirect(`/admin/campaigns/${encodeURIComponent(out.code)}?loaded=${out.version}`, 303);
  });

  const definitionPage = (req: FastifyRequest<{ Params: Params }>, reply: FastifyReply, c: StoredCampaign, extra: Record<string, unknown> = {}) => {
    const q = req.query as { level?: string; page?: string };
    const page = /^\d{1,6}$/.test(q.page ?? '') ? Number(q.page) : undefined;
    return reply.view('pages/admin/campaign-definition', {
      title: `Định nghĩa đợt điều tra ${c.code}`,
      version: c.version,
      d: campaignDefinitionView(c.def, { level: q.level, page }),
      // The copy form's defaults, as copyCampaign fills them when a field is left empty.
      nextYear: copyCampaign(c.def, { code: nextCode(c.def) }),
      isAdmin: req.user?.role === 'admin',
      csrf: reply.generateCsrf(),
      ...extra,
    });
  };

  app.get<{ Params: Params }>('/admin/campaigns/:code/definition', async (req, reply) => {
    return definitionPage(req, reply, campaignOf(req));
  });

  // Next year's campaign from this one: the same definition under a new code, nothing issued; never over a stored one.
  app.post<{ Params: Params }>('/admin/campaigns/:code/copy', adminWrite, async (req, reply) => {
    const c = campaignOf(req);
    const typed = typedFields(req.body, ['code', 'year', 'name']);
    const refuse = (copyErrors: string[]) => definitionPage(req, reply.status(400), c, { copyErrors, typed });
    const check = checkCopyForm(c.def, typed);
    if (!check.ok) return refuse(check.errors);
    const out = createCampaign(app.db, check.campaign, req.user!.name);
    if (!out.ok) return refuse(out.problems.map((p) => campaignLoadText(p, 'vi')));
    return reply.redirect(`/admin/campaigns/${encodeURIComponent(out.code)}?copied=${encodeURIComponent(c.code)}`, 303);
  });

  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

  // The empty workbook with its guide and dropdowns: where a province starts its own campaign.
  app.get('/admin/campaign-template.xlsx', { onRequest: adminOnly }, async (_req, reply) => {
    const bytes = (await app.offload({ kind: 'campaignTemplate' }))!;
    return reply.type(XLSX).header('content-disposition', 'attachment; filename="mau-dot-dieu-tra.xlsx"').send(Buffer.from(bytes));
  });

  app.get<{ Params: Params }>('/admin/campaigns/:code/definition.xlsx', { onRequest: adminOnly }, async (req, reply) => {
    const c = campaignOf(req);
    const bytes = await app.offload({ kind: 'campaignWorkbook', code: c.code });
    if (!bytes) return reply.errorPage(404, 'Không tìm thấy', `Không có đợt điều tra ${c.code}.`);
    return reply
      .type(XLSX)
      .header('content-disposition', `attachment; filename="${safeName(c.code)}.xlsx"`)
      .send(Buffer.from(bytes));
  });

  app.get<{ Params: Params }>('/admin/campaigns/:code/definition.json', { onRequest: adminOnly }, async (req, reply) => {
    const c = campaignOf(req);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${safeName(c.code)}.json"`)
      .send(`${JSON.stringify(c.def, null, 2)}\n`);
  });
};

export default adminCampaignsRoutes;
