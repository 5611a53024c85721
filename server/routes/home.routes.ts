/** The start page: the access-code box for respondents, the campaigns by name (no progress figures: the page is public), the staff login. */
import type { FastifyPluginAsync } from 'fastify';
import { listCampaigns } from '../../db/campaigns.repo';

const homeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', async (_req, reply) => {
    // Only names: how many forms are issued or counted is for the Sở Nội vụ, not for anyone who opens the page.
    const campaigns = listCampaigns(app.db, app.definitions).map((c) => ({ name: c.name, province: c.province, year: c.year }));
    return reply.view('pages/home', { title: 'Điều tra xã hội học Chỉ số CCHC', campaigns });
  });
};

export default homeRoutes;
