/** The start page: the access-code box for respondents, the campaigns by name (no progress figures: the page is public), the staff login. */
import type { FastifyPluginAsync } from 'fastify';
import { listCampaigns } from '../../db/campaigns.repo';
import { publicCampaigns } from '../../surveys/respond-view';

const homeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', async (_req, reply) => {
    return reply.view('pages/home', { title: 'Điều tra xã hội học Chỉ số CCHC', campaigns: publicCampaigns(listCampaigns(app.db, app.definitions)) });
  });
};

export default homeRoutes;
