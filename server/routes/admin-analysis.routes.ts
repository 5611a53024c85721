/** The console's analysis page of a campaign (the analysis tables and charts, optionally compared with an earlier campaign) and the download of its results report. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { listCampaigns } from '../../db/campaigns.repo';
import { analysisView, type AnalysisDoc } from '../../surveys/analysis/analysis-view';
import { DEFAULT_REPLICATES, DEFAULT_SEED } from '../../surveys/analysis/bootstrap';
import { downloadName } from '../../surveys/print-layout';
import { REPORT_FORMATS, REPORT_MEDIA_TYPES, renderReport } from '../render/report-files';
import { campaignFromUrl, campaignNotFoundPage, campaignOf } from '../plugins/campaign-param';

type Params = { code: string };

// The select's first choice sends an empty compare: no comparison.
const PageQuery = z.object({
  compare: z
    .string()
    .trim()
    .optional()
    .transform((x) => (x ? x : undefined)),
});

const ReportQuery = PageQuery.extend({ format: z.enum(REPORT_FORMATS).default('pdf') });

/** An ASCII name for every browser, and the report's Vietnamese name (RFC 6266 filename*) for those that read it. */
function attachment(asciiName: string, name: string, ext: string): string {
  return `attachment; filename="${asciiName}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${name}.${ext}`)}`;
}

const adminAnalysisRoutes: FastifyPluginAsync<{ chromiumPath?: string }> = async (app, opts) => {
  app.addHook('onRequest', app.requireRole('admin', 'supervisor'));
  campaignFromUrl(app, 'code', campaignNotFoundPage);

  app.get<{ Params: Params }>('/admin/campaigns/:code/analysis', async (req, reply) => {
    const c = campaignOf(req);
    const q = PageQuery.safeParse(req.query);
    if (!q.success) return reply.errorPage(400, 'Yêu cầu không hợp lệ', 'Chọn lại đợt điều tra để so sánh.');
    // The same run as the API's default: the page's numbers equal `analysis` and /api/v1/…/analysis without settings.
    const out = await app.offload({ kind: 'analysis', code: c.code, compare: q.data.compare, replicates: DEFAULT_REPLICATES, seed: DEFAULT_SEED });
    if (out === undefined) return reply.errorPage(404, 'Không tìm thấy', `Không có đợt điều tra ${c.code}.`);
    if ('kind' in out) return reply.errorPage(404, 'Không tìm thấy', `Không có đợt điều tra ${out.code} để so sánh.`);
    const others = listCampaigns(app.db, app.definitions).map((x) => ({ code: x.code, name: x.name }));
    return reply.view('pages/admin/analysis', {
      title: `Phân tích số liệu — ${c.code}`,
      code: c.code,
      isAdmin: req.user?.role === 'admin',
      ...analysisView(c.def, out as AnalysisDoc, others),
    });
  });

  /** The results report, made from the same analysis as the page (default replicates and seed). */
  app.get<{ Params: Params }>('/admin/campaigns/:code/report', async (req, reply) => {
    const c = campaignOf(req);
    const q = ReportQuery.safeParse(req.query);
    if (!q.success) return reply.errorPage(400, 'Yêu cầu không hợp lệ', 'Định dạng báo cáo phải là Word, PDF hoặc HTML.');
    const doc = await app.offload({
      kind: 'report',
      code: c.code,
      compare: q.data.compare,
      replicates: DEFAULT_REPLICATES,
      seed: DEFAULT_SEED,
      now: Date.now(),
    });
    if (doc === undefined) return reply.errorPage(404, 'Không tìm thấy', `Không có đợt điều tra ${c.code}.`);
    if ('kind' in doc) return reply.errorPage(404, 'Không tìm thấy', `Không có đợt điều tra ${doc.code} để so sánh.`);
    const bytes = await renderReport(doc, q.data.format, { chromium: opts.chromiumPath });
    return reply
      .type(REPORT_MEDIA_TYPES[q.data.format])
      .header('content-disposition', attachment(downloadName('bao-cao-ket-qua', c.code, q.data.compare && `so-voi-${q.data.compare}`), doc.name, q.data.format))
      .send(bytes);
  });
};

export default adminAnalysisRoutes;
