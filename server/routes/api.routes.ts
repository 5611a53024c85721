/** /api/v1: the exports (scores, summary, quotas, conflicts, anonymised answers, workbooks) for a bearer token or an admin/supervisor session. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { keyerAccuracy } from '../../db/accuracy.repo';
import { listCampaigns } from '../../db/campaigns.repo';
import type { ExportName } from '../work/tasks';
import { listConflicts } from '../../db/entry.repo';
import { loadQuotaCounts } from '../../db/scores.repo';
import { userForToken } from '../../db/tokens.repo';
import { CODEBOOK_COLUMNS, codebookRows } from '../../surveys/answers-export';
import { toCsv } from '../../surveys/csv';
import { CONFLICT_COLUMNS, csvNum, jsonNum, QUOTA_COLUMNS, quotaExportRows, toMatrix, type Row } from '../../surveys/exports';
import { quotaRows } from '../../surveys/quotas';
import { ACCURACY_COLUMNS, accuracyExportRows } from '../../surveys/accuracy';
import { campaignFromUrl, campaignOf } from '../plugins/campaign-param';
import { ApiAnalysisSettingsSchema } from '../../surveys/analysis/settings';

const FormatQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });

type Params = { code: string };

const apiRoutes: FastifyPluginAsync = async (app) => {
  /** A bearer token, if one is presented, decides alone; otherwise an admin or supervisor session is needed. */
  const authenticate = async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers.authorization;
    if (header === undefined) return app.requireRole('admin', 'supervisor').call(app, req, reply);
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const user = m ? userForToken(app.db, m[1]) : undefined;
    if (!user) return reply.status(401).header('www-authenticate', 'Bearer error="invalid_token"').send({ error: 'Invalid or revoked token' });
    req.user = user;
  };
  app.addHook('onRequest', authenticate);

  campaignFromUrl(app, 'code', (_req, reply, code) => reply.status(404).send({ error: `Unknown campaign ${code}` }));
  const formatOf = (req: FastifyRequest, reply: FastifyReply) => {
    const q = FormatQuery.safeParse(req.query);
    if (!q.success) void reply.status(400).send({ error: 'format must be json or csv' });
    return q.success ? q.data.format : undefined;
  };
  const csv = (reply: FastifyReply, fileName: string, text: string) =>
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}.csv"`).send(text);
  const table = (reply: FastifyReply, format: 'json' | 'csv', fileName: string, columns: string[], rows: Row[]) =>
    format === 'json' ? reply.send(rows) : csv(reply, fileName, toCsv(columns, toMatrix(columns, rows)));
  const num = (format: 'json' | 'csv') => (format === 'json' ? jsonNum : csvNum);
  const xlsx = (reply: FastifyReply, fileName: string, body: Buffer) =>
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${fileName}.xlsx"`)
      .send(body);
  /** An export that grows with the campaign, made on a worker thread: JSON rows, or the finished CSV text. */
  const bigTable = async (req: FastifyRequest<{ Params: Params }>, reply: FastifyReply, what: ExportName) => {
    const format = formatOf(req, reply);
    if (!format) return reply;
    const c = campaignOf(req);
    const out = await app.offload({ kind: 'export', code: c.code, what, format });
    if (out === undefined) return reply.status(404).send({ error: `Unknown campaign ${c.code}` });
    return typeof out === 'string' ? csv(reply, `${c.code}-${what}`, out) : reply.send(out);
  };
  const workbook = async (req: FastifyRequest<{ Params: Params }>, reply: FastifyReply, what: 'scores' | 'answers') => {
    const c = campaignOf(req);
    const bytes = await app.offload({ kind: 'workbook', code: c.code, what });
    if (!bytes) return reply.status(404).send({ error: `Unknown campaign ${c.code}` });
    return xlsx(reply, `${c.code}-${what}`, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  };

  app.get('/api/v1/campaigns', async () => listCampaigns(app.db, app.definitions));

  app.get<{ Params: Params }>('/api/v1/campaigns/:code/scores', (req, reply) => bigTable(req, reply, 'scores'));

  app.get<{ Params: Params }>('/api/v1/campaigns/:code/summary', (req, reply) => bigTable(req, reply, 'summary'));

  app.get<{ Params: Params }>('/api/v1/campaigns/:code/quotas', async (req, reply) => {
    const format = formatOf(req, reply);
    if (!format) return reply;
    const c = campaignOf(req);
    const rows = quotaExportRows(quotaRows(c.def, loadQuotaCounts(app.db, c.id)), num(format));
    return table(reply, format, `${c.code}-quotas`, QUOTA_COLUMNS, rows);
  });

  app.get<{ Params: Params }>('/api/v1/campaigns/:code/conflicts', async (req, reply) => {
    const format = formatOf(req, reply);
    if (!format) return reply;
    const c = campaignOf(req);
    return table(reply, format, `${c.code}-conflicts`, CONFLICT_COLUMNS, listConflicts(app.db, c));
  });

  app.get<{ Params: Params }>('/api/v1/campaigns/:code/answers', (req, reply) => bigTable(req, reply, 'answers'));

  app.get<{ Params: Params }>('/api/v1/campaigns/:code/codebook', async (req, reply) => {
    const format = formatOf(req, reply);
    if (!format) return reply;
    const c = campaignOf(req);
    return table(reply, format, `${c.code}-codebook`, CODEBOOK_COLUMNS, codebookRows(c.def));
  });

  // Cells changed at reconciliation per keyer (db/accuracy.repo.ts, the keying desk's figures).
  app.get<{ Params: Params }>('/api/v1/campaigns/:code/accuracy', async (req, reply) => {
    const format = formatOf(req, reply);
    if (!format) return reply;
    const c = campaignOf(req);
    return table(reply, format, `${c.code}-accuracy`, ACCURACY_COLUMNS, accuracyExportRows(keyerAccuracy(app.db, c.id), num(format)));
  });

  // The analysis (README, Analysis): JSON only, its tables as the CLI's; the bootstrap runs on a worker thread.
  app.get<{ Params: Params }>('/api/v1/campaigns/:code/analysis', async (req, reply) => {
    const q = ApiAnalysisSettingsSchema.safeParse(req.query);
    if (!q.success)
      return reply.status(400).send({ error: 'Invalid analysis settings', details: q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    const c = campaignOf(req);
    const out = await app.offload({ kind: 'analysis', code: c.code, ...q.data });
    if (out === undefined) return reply.status(404).send({ error: `Unknown campaign ${c.code}` });
    if ('kind' in out) return reply.status(400).send({ error: `Unknown campaign ${out.code} to compare with` });
    return reply.send(out);
  });

  app.get<{ Params: Params }>('/api/v1/campaigns/:code/workbook.xlsx', (req, reply) => workbook(req, reply, 'scores'));

  app.get<{ Params: Params }>('/api/v1/campaigns/:code/answers.xlsx', (req, reply) => workbook(req, reply, 'answers'));
};

export default apiRoutes;
