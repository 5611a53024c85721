/** A route area's one hook that resolves the campaign its URLs name, so that handlers neither look it up nor answer 404 themselves. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getCampaign, type StoredCampaign } from '../../db/campaigns.repo';

declare module 'fastify' {
  interface FastifyRequest {
    /** The campaign the URL names, set by the area's hook (`campaignFromUrl`) on routes with that parameter. */
    campaign: StoredCampaign | null;
  }
  interface FastifyContextConfig {
    /**
     * On a route of an area that resolves its campaign from a field (`campaignFromField`): whether the field may be
     * left out (`optional`: the handler then has no campaign and says what to choose) or not (`required`).
     */
    campaignField?: 'optional' | 'required';
  }
}

/**
 * On every route of the (encapsulated) area `app` whose URL has `:<param>`, looks the campaign up once, before the
 * handler (preHandler: after the role checks of onRequest and after the body is parsed), and answers with `notFound`
 * when there is none. Routes without the parameter are left alone.
 */
export function campaignFromUrl(app: FastifyInstance, param: string, notFound: (req: FastifyRequest, reply: FastifyReply, code: string) => FastifyReply) {
  decorate(app);
  app.addHook('preHandler', async (req, reply) => {
    const code = (req.params as Record<string, string | undefined> | undefined)?.[param];
    if (code === undefined) return;
    const c = getCampaign(app.db, code, app.definitions);
    if (!c) return notFound(req, reply, code);
    req.campaign = c;
  });
}

/** An area may resolve campaigns both from its paths and from a field (the desk): `req.campaign` is declared once. */
function decorate(app: FastifyInstance) {
  if (!app.hasRequestDecorator('campaign')) app.decorateRequest('campaign', null);
}

/**
 * For URLs that name their campaign in a field rather than the path (printing's and the desk pages' `?campaign=` of
 * contract.md, and their form posts): on every route of `app` whose config has `campaignField`, looks the campaign up
 * once, before the handler, from the query of a GET or the body of a post, and answers with `notFound` when the code is
 * unknown, or missing on a `required` route (`code` undefined). A page opened without one may get `fallback()`'s (the
 * desk's newest campaign); a post never does, so that it acts only on the campaign it names. Routes without that
 * config are left alone.
 */
export function campaignFromField(
  app: FastifyInstance,
  field: string,
  notFound: (req: FastifyRequest, reply: FastifyReply, code: string | undefined) => FastifyReply,
  fallback?: () => string | undefined,
) {
  decorate(app);
  app.addHook('preHandler', async (req, reply) => {
    const need = req.routeOptions.config.campaignField;
    if (!need) return;
    const source = (req.method === 'GET' ? req.query : req.body) as Record<string, unknown> | undefined;
    const value = source?.[field];
    const code = typeof value === 'string' && value.trim() ? value.trim() : req.method === 'GET' ? fallback?.() : undefined;
    if (code === undefined) return need === 'required' ? notFound(req, reply, undefined) : undefined;
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
