/** Printing from the web: a print run (all forms, one group or one home unit) as HTML or PDF, and the dispatch count sheet. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { getCampaign, listCampaigns } from '../../db/campaigns.repo';
import { listForms, printableForms } from '../../db/forms.repo';
import { countsCsv } from '../../surveys/dispatch';
import { selectionProblems } from '../../surveys/print-layout';
import { htmlToPdf } from '../views/print/pdf';
import { renderPrintRun } from '../views/print/render';

const PrintQuerySchema = z.object({
  campaign: z.string().trim().optional(),
  group: z.string().trim().optional(),
  home: z.string().trim().optional(),
  format: z.enum(['html', 'pdf']).default('html'),
});

const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-');

const printRoutes: FastifyPluginAsync<{ chromiumPath?: string }> = async (app, opts) => {
  const admins = app.requireRole('admin', 'supervisor');

  app.get('/admin/print', { onRequest: admins }, async (req, reply) => {
    const q = PrintQuerySchema.safeParse(req.query);
    const c = q.success && q.data.campaign ? getCampaign(app.db, q.data.campaign) : undefined;
    if (!q.success || !c) {
      const campaigns = listCampaigns(app.db).map((x) => ({ ...x, groups: getCampaign(app.db, x.code)!.def.groups }));
      const status = q.success && q.data.campaign ? 404 : 200;
      return reply.status(status).view('print/choose', {
        title: 'In phiếu khảo sát',
        campaigns,
        error: status === 404 ? `Không có đợt điều tra ${q.data?.campaign}.` : q.success ? null : 'Lựa chọn không hợp lệ.',
      });
    }
    const sel = { group: q.data.group || undefined, home: q.data.home || undefined };
    const problems = selectionProblems(c.def, sel);
    if (problems.length) return reply.errorPage(400, 'Lựa chọn không hợp lệ', `Nhóm đối tượng hoặc nơi công tác không có trong đợt ${c.code}.`);
    const forms = printableForms(app.db, c.id, sel);
    if (forms.length === 0) return reply.errorPage(404, 'Không có phiếu', 'Chưa có phiếu nào được phát cho lựa chọn này.');
    const html = await renderPrintRun(c.def, forms);
    const name = ['phieu', c.code, sel.group, sel.home].filter(Boolean).map((s) => fileSafe(s!)).join('-');
    if (q.data.format === 'pdf') {
      const pdf = await htmlToPdf(html, { chromium: opts.chromiumPath });
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(pdf);
    }
    return reply.type('text/html; charset=utf-8').header('content-disposition', `inline; filename="${name}.html"`).send(html);
  });

  /** The count sheet for the post office: forms per (home unit, group). */
  app.get<{ Querystring: { campaign?: string } }>('/admin/print/counts.csv', { onRequest: admins }, async (req, reply) => {
    const c = req.query.campaign ? getCampaign(app.db, req.query.campaign) : undefined;
    if (!c) return reply.errorPage(404, 'Không tìm thấy', 'Không có đợt điều tra này.');
    const csv = countsCsv(c.def, listForms(app.db, c.id));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="so-phieu-theo-don-vi-${fileSafe(c.code)}.csv"`)
      .send(csv);
  });
};

export default printRoutes;
