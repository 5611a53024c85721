/** The start page: which survey campaigns this service runs. */
import type { FastifyPluginAsync } from 'fastify';
import { listCampaigns } from '../../db/campaigns.repo';

const homeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', async (_req, reply) => {
    return reply.view('pages/home', { title: 'Điều tra xã hội học Chỉ số CCHC', campaigns: listCampaigns(app.db) });
  });
};

export default homeRoutes;
