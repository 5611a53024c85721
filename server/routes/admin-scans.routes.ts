/** The console's scan upload (issue 15): a scanned file of returned forms read in the background, its progress, then what was read, what waits for a person and every page that could not be used. */
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { StoredCampaign } from '../../db/campaigns.repo';
import { getCampaign } from '../../db/campaigns.repo';
import { awaitingText, scanJobView } from '../../surveys/omr/scan-view';
import { formsAwaitingPages } from '../../db/scans.repo';
import { acceptManyFiles, uploadsField } from '../file-upload';
import { campaignFromUrl, campaignNotFoundPage, campaignOf } from '../plugins/campaign-param';
import { importScans, type ScanDeps } from '../scan/import-scans';
import { createScanJobs } from '../scan/scan-jobs';

/** A scanned stack is held in memory while it is read: 100 MB (all files of an upload together) is some 300 pages of a 200 dpi grey PDF. Bigger: the CLI. */
export const MAX_SCAN_UPLOAD = 100 * 1024 * 1024;
/** A scanner that saves one image a page: a 300-page stack. */
const MAX_SCAN_FILES = 1000;

const ScanForm = z.object({
  scannedBy: z.string({ error: 'Ghi tên người đã quét phiếu.' }).trim().min(1, 'Ghi tên người đã quét phiếu.').max(60, 'Tên người quét tối đa 60 ký tự.'),
  file: uploadsField('Chọn tệp ảnh quét (PDF, TIFF, PNG hoặc JPEG).'),
});

type Params = { code: string };

const adminScansRoutes: FastifyPluginAsync<{ scansPath: string; deps: ScanDeps }> = async (app, opts) => {
  // Roles before the body: multipart reads the whole file in preValidation.
  app.addHook('onRequest', app.requireRole('admin', 'supervisor'));
  campaignFromUrl(app, 'code', campaignNotFoundPage);
  await acceptManyFiles(app, { maxBytes: MAX_SCAN_UPLOAD, maxFiles: MAX_SCAN_FILES, fields: 5 });
  const jobs = createScanJobs((err, job) => app.log.error({ err, campaign: job.campaign, files: job.fileNames }, 'scan import failed'));
  app.addHook('onClose', async () => jobs.idle());

  const page = (req: FastifyRequest, reply: FastifyReply, c: StoredCampaign, extra: Record<string, unknown> = {}) => {
    const job = jobs.get(c.code);
    if (job?.status === 'running') reply.header('refresh', '3');
    return reply.view('pages/admin/scans', {
      title: `Đọc phiếu quét — ${c.code}`,
      code: c.code,
      maxMb: MAX_SCAN_UPLOAD / 1024 / 1024,
      job: job ? scanJobView(job, new Date()) : null,
      // Forms with pages kept for the rest, from any upload (the console's or the CLI's): a tester found no list of them.
      awaiting: formsAwaitingPages(app.db, c.id).map(awaitingText),
      isAdmin: req.user!.role === 'admin',
      csrf: reply.generateCsrf(),
      ...extra,
    });
  };

  app.get<{ Params: Params }>('/admin/campaigns/:code/scans', async (req, reply) => page(req, reply, campaignOf(req)));

  // A file over the limit stops while it arrives; the person gets the page back with what to do instead.
  app.setErrorHandler(async (err: FastifyError, req: FastifyRequest<{ Params: Partial<Params> }>, reply) => {
    if (err.code !== 'FST_REQ_FILE_TOO_LARGE' || !req.params.code || !req.user) throw err;
    const c = getCampaign(app.db, req.params.code, app.definitions);
    if (!c) throw err;
    const problems = [`Tệp lớn hơn ${MAX_SCAN_UPLOAD / 1024 / 1024} MB. Quét thành nhiều tệp nhỏ hơn, hoặc đọc bằng dòng lệnh (scan import).`];
    return page(req, reply.status(413), c, { problems });
  });

  app.post<{ Params: Params }>('/admin/campaigns/:code/scans', { preHandler: app.csrfProtection }, async (req, reply) => {
    const c = campaignOf(req);
    const form = ScanForm.safeParse(req.body ?? {});
    const typed = req.body as { scannedBy?: unknown } | undefined;
    if (!form.success)
      return page(req, reply.status(400), c, {
        problems: form.error.issues.map((i) => i.message),
        typedScannedBy: typeof typed?.scannedBy === 'string' ? typed.scannedBy : '',
      });
    const { file: uploads, scannedBy } = form.data;
    // Every page of a form must come in one upload, so a scanner's one-image-a-page files come together.
    const files = uploads.map((f, i) => ({ name: f.fileName || `scan-${i + 1}`, bytes: f.bytes }));
    const by = req.user!.name;
    jobs.start({ campaign: c.code, fileNames: files.map((f) => f.name), scannedBy, by }, (onProgress) =>
      importScans(app.db, c, files, { scannedBy, by }, { scansDir: opts.scansPath, deps: opts.deps, onProgress }),
    );
    return reply.redirect(`/admin/campaigns/${encodeURIComponent(c.code)}/scans`, 303);
  });
};

export default adminScansRoutes;
