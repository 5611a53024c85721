/** A route area's one hook that resolves the campaign its URLs name, so that handlers neither look it up nor answer 404 themselves. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getCampaign, type StoredCampaign } from '../../db/campaigns.repo';

declare module 'fastify' {
  interface FastifyRequest {
    /** The campaign the URL names, set by the area's hook (`campaignFromUrl`) on routes with that parameter. */
    campaign: StoredCampaign | null;
  }
}

/**
 * On every route of the (encapsulated) area `app` whose URL has `:<param>`, looks the campaign up once, before the
 * handler (preHandler: after the role checks of onRequest and after the body is parsed), and answers with `notFound`
 * when there is none. Routes without the parameter are left alone.
 */
export function campaignFromUrl(app: FastifyInstance, param: string, notFound: (req: FastifyRequest, reply: FastifyReply, code: string) => FastifyReply) {
  app.decorateRequest('campaign', null);
  app.addHook('preHandler', async (req, reply) => {
    const code = (req.params as Record<string, string | undefined> | undefined)?.[param];
    if (code === undefined) return;
    const c = getCampaign(app.db, code, app.definitions);
    if (!c) return notFound(req, reply, code);
    req.campaign = c;
  });
}

/** The campaign the area's hook resolved; only called by handlers of routes that have the parameter. */
export function campaignOf(req: FastifyRequest): StoredCampaign {
  if (!req.campaign) throw new Error(`no campaign resolved for ${req.routeOptions.url}`);
  return req.campaign;
}

/** The console's and the desk's answer for a campaign nobody loaded: the Vietnamese 404 page. */
export const campaignNotFoundPage = (_req: FastifyRequest, reply: FastifyReply, code: string): FastifyReply =>
  reply.errorPage(404, 'Không tìm thấy', `Không có đợt điều tra ${code}.`);
