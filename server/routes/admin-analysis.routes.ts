/** The console's analysis page of a campaign: the analysis tables and charts, optionally compared with an earlier campaign. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { listCampaigns } from '../../db/campaigns.repo';
import { analysisView, type AnalysisDoc } from '../../surveys/analysis/analysis-view';
import { DEFAULT_REPLICATES, DEFAULT_SEED } from '../../surveys/analysis/bootstrap';
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

const adminAnalysisRoutes: FastifyPluginAsync = async (app) => {
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
};

export default adminAnalysisRoutes;
