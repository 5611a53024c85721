/** The console's analysis page of a campaign (the analysis tables and charts, optionally compared with an earlier campaign) and the download of its results report. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { listCampaigns } from '../../db/campaigns.repo';
import { analysisView, type AnalysisDoc } from '../../surveys/analysis/analysis-view';
import { DEFAULT_REPLICATES, DEFAULT_SEED } from '../../surveys/analysis/bootstrap';
import { downloadName } from '../../surveys/print-layout';
import { REPORT_FORMATS, REPORT_MEDIA_TYPES, renderReport } from '../render/report-files';
import { campaignFromUrl, campaignNotFoundPage, campaignOf } from '../plugins/campaign-param';
import { type BackgroundJob, createJobs } from '../background-jobs';
import type { TaskResult } from '../work/tasks';
import { analysisJobView } from '../../surveys/analysis/analysis-view';

type Params = { code: string };

// The select's first choice sends an empty compare: no comparison.
const CompareQuery = z.object({
  compare: z
    .string()
    .trim()
    .optional()
    .transform((x) => (x ? x : undefined)),
});
/** `job`: the start (ms) of the run a progress page follows; without it the page asks for a run on today's answers. */
const PageQuery = CompareQuery.extend({ job: z.coerce.number().int().optional() });
const ReportQuery = CompareQuery.extend({ format: z.enum(REPORT_FORMATS).default('pdf') });

/** A run of the analysis page's numbers, by campaign and comparison (the job store's `campaign` key holds both). */
type AnalysisJob = BackgroundJob & { code: string; compare?: string; result?: TaskResult['analysis'] };

/** An ASCII name for every browser, and the report's Vietnamese name (RFC 6266 filename*) for those that read it. */
function attachment(asciiName: string, name: string, ext: string): string {
  return `attachment; filename="${asciiName}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${name}.${ext}`)}`;
}

const adminAnalysisRoutes: FastifyPluginAsync<{ chromiumPath?: string; analysisWaitMs: number }> = async (app, opts) => {
  app.addHook('onRequest', app.requireRole('admin', 'supervisor'));
  campaignFromUrl(app, 'code', campaignNotFoundPage);
  // A national campaign's bootstrap runs for a minute or more (README, Analysis): the page shows its progress.
  const jobs = createJobs<AnalysisJob>((err, job) => app.log.error({ err, campaign: job.code, compare: job.compare }, 'analysis failed'));

  app.get<{ Params: Params }>('/admin/campaigns/:code/analysis', async (req, reply) => {
    const c = campaignOf(req);
    const q = PageQuery.safeParse(req.query);
    if (!q.success) return reply.errorPage(400, 'Yêu cầu không hợp lệ', 'Chọn lại đợt điều tra để so sánh.');
    const { compare, job: followed } = q.data;
    const key = `${c.code}\n${compare ?? ''}`;
    // A run under way is followed; a finished one is shown only to the progress page that followed it, so a fresh
    // visit always counts today's answers.
    const job = jobs.startOrFollow({ campaign: key, code: c.code, compare }, followed, async () => ({
      // The same run as the API's default: the page's numbers equal `analysis` and /api/v1/…/analysis without settings.
      result: await app.offload({ kind: 'analysis', code: c.code, compare, replicates: DEFAULT_REPLICATES, seed: DEFAULT_SEED }),
    }));
    await Promise.race([job.settled, new Promise((resolve) => setTimeout(resolve, opts.analysisWaitMs).unref())]);
    if (job.status === 'running') {
      const next = `/admin/campaigns/${encodeURIComponent(c.code)}/analysis?compare=${encodeURIComponent(compare ?? '')}&job=${job.startedAt.getTime()}`;
      reply.header('refresh', `3; url=${next}`);
      return reply.view('pages/admin/analysis-job', {
        title: `Phân tích số liệu — ${c.code}`,
        code: c.code,
        ...analysisJobView(job, new Date(), DEFAULT_REPLICATES),
        next,
      });
    }
    if (job.status === 'failed') return reply.errorPage(500, 'Không tính được phân tích', 'Vui lòng thử lại sau hoặc báo cho quản trị hệ thống.');
    const out = job.result;
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
