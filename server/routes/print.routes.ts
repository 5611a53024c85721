/** Printing from the web: a print run (all forms, one group or one home unit) as HTML or PDF, the dispatch count sheet, and web invitations with their access-code list. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { getCampaign, listCampaigns } from '../../db/campaigns.repo';
import { listForms, printableForms } from '../../db/forms.repo';
import { printChoices } from '../../surveys/console-views';
import { countsCsv, manifestCsv } from '../../surveys/dispatch';
import { accessCodesCsv, buildInvitations } from '../../surveys/invitations';
import { pdfJobView } from '../../surveys/print-job';
import { selectionProblems } from '../../surveys/print-layout';
import { renderInvitations } from '../render/invitations';
import { createPdfJobs } from '../render/pdf-jobs';
import { htmlToPdf } from '../render/pdf';
import { renderPrintPieces, renderPrintRun } from '../render/render';

const PrintQuerySchema = z.object({
  campaign: z.string().trim().optional(),
  group: z.string().trim().optional(),
  home: z.string().trim().optional(),
  format: z.enum(['html', 'pdf']).default('html'),
});

const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-');

const printRoutes: FastifyPluginAsync<{ chromiumPath?: string; publicUrl?: string }> = async (app, opts) => {
  const admins = app.requireRole('admin', 'supervisor');
  /** Links on invitations: PUBLIC_URL, else the address this console was reached at (right on a LAN or behind a proxy with TRUST_PROXY). */
  const baseUrl = (req: FastifyRequest) => opts.publicUrl ?? `${req.protocol}://${req.host}`;
  // A whole-run PDF takes about a minute: it is made in the background, one per campaign at a time, and the console
  // follows it on a progress page.
  const jobs = createPdfJobs((err, job) => app.log.error({ err, campaign: job.campaign, name: job.name }, 'PDF job failed'));
  app.addHook('onClose', () => jobs.idle());

  /** The campaign, selection and forms a print request names, or the page that says what is wrong with it. */
  const printSelection = (req: FastifyRequest, reply: FastifyReply, input: unknown) => {
    const q = PrintQuerySchema.safeParse(input);
    const c = q.success && q.data.campaign ? getCampaign(app.db, q.data.campaign, app.definitions) : undefined;
    if (!q.success || !c) {
      const campaigns = listCampaigns(app.db, app.definitions).map((x) => ({ ...x, ...printChoices(getCampaign(app.db, x.code, app.definitions)!.def) }));
      const status = q.success && q.data.campaign ? 404 : 200;
      return reply.status(status).view('print/choose', {
        title: 'In phiếu khảo sát',
        campaigns,
        isAdmin: req.user?.role === 'admin',
        error: status === 404 ? `Không có đợt điều tra ${q.data?.campaign}.` : q.success ? null : 'Lựa chọn không hợp lệ.',
      });
    }
    const sel = { group: q.data.group || undefined, home: q.data.home || undefined };
    const problems = selectionProblems(c.def, sel);
    if (problems.length) return reply.errorPage(400, 'Lựa chọn không hợp lệ', `Nhóm đối tượng hoặc nơi công tác không có trong đợt ${c.code}.`);
    const forms = printableForms(app.db, c.id, sel);
    if (forms.length === 0) return reply.errorPage(404, 'Không có phiếu', 'Chưa có phiếu nào được phát cho lựa chọn này.');
    const name = ['phieu', c.code, sel.group, sel.home].filter(Boolean).map((s) => fileSafe(s!)).join('-');
    return { c, sel, forms, name, format: q.data.format };
  };

  app.get('/admin/print', { onRequest: admins }, async (req, reply) => {
    const chosen = await printSelection(req, reply, req.query);
    if (!('c' in chosen)) return chosen;
    const { c, sel, forms, name } = chosen;
    if (chosen.format === 'pdf') {
      // A GET changes nothing: the PDF job, a minute of both cores, is started by the POST of this page's button.
      return reply.view('print/pdf-job', {
        title: 'Tạo tệp PDF',
        confirm: { campaign: c.code, group: sel.group ?? '', home: sel.home ?? '', forms: forms.length },
        campaign: c.code,
        csrf: reply.generateCsrf(),
      });
    }
    const html = await renderPrintRun(c.def, forms);
    return reply.type('text/html; charset=utf-8').header('content-disposition', `inline; filename="${name}.html"`).send(html);
  });

  /** Starts the PDF of a print selection in the background (one job per campaign at a time) and goes to its progress. */
  app.post('/admin/print/pdf', { onRequest: admins, preHandler: app.csrfProtection }, async (req, reply) => {
    const chosen = await printSelection(req, reply, { ...(req.body as object), format: 'pdf' });
    if (!('c' in chosen)) return chosen;
    const { c, forms, name } = chosen;
    const running = jobs.get(c.code);
    const other = running?.status === 'running' && running.name !== name;
    if (running?.status !== 'running') jobs.start({ campaign: c.code, name, pieces: await renderPrintPieces(c.def, forms), chromium: opts.chromiumPath });
    return reply.redirect(`/admin/print/pdf?campaign=${encodeURIComponent(c.code)}${other ? '&other=1' : ''}`, 303);
  });

  /** A PDF job's progress, refreshed every 3 s while it runs; then its download link, or its failure. */
  app.get<{ Querystring: { campaign?: string; other?: string } }>('/admin/print/pdf', { onRequest: admins }, async (req, reply) => {
    const job = typeof req.query.campaign === 'string' ? jobs.get(req.query.campaign) : undefined;
    if (!job) return reply.errorPage(404, 'Không có tệp PDF', 'Chưa có tệp PDF nào được tạo cho đợt này. Hãy chọn "PDF" ở trang in phiếu.');
    if (job.status === 'running') reply.header('refresh', '3');
    return reply.view('print/pdf-job', {
      title: job.status === 'running' ? 'Đang tạo tệp PDF' : job.status === 'done' ? 'Tệp PDF đã sẵn sàng' : 'Không tạo được tệp PDF',
      campaign: job.campaign,
      job: pdfJobView(job, new Date()),
      running: job.status === 'running',
      done: job.status === 'done',
      failed: job.status === 'failed',
      other: req.query.other === '1',
    });
  });

  /** The finished PDF of a campaign's last job. */
  app.get<{ Querystring: { campaign?: string } }>('/admin/print/pdf/file', { onRequest: admins }, async (req, reply) => {
    const job = typeof req.query.campaign === 'string' ? jobs.get(req.query.campaign) : undefined;
    if (!job) return reply.errorPage(404, 'Không có tệp PDF', 'Chưa có tệp PDF nào được tạo cho đợt này.');
    if (job.status !== 'done') return reply.redirect(`/admin/print/pdf?campaign=${encodeURIComponent(job.campaign)}`, 303);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${job.name}.pdf"`).send(job.pdf);
  });

  /** The count sheet for the post office: forms per (home unit, group). */
  app.get<{ Querystring: { campaign?: string } }>('/admin/print/counts.csv', { onRequest: admins }, async (req, reply) => {
    const c = req.query.campaign ? getCampaign(app.db, req.query.campaign, app.definitions) : undefined;
    if (!c) return reply.errorPage(404, 'Không tìm thấy', 'Không có đợt điều tra này.');
    const csv = countsCsv(c.def, listForms(app.db, c.id));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="so-phieu-theo-don-vi-${fileSafe(c.code)}.csv"`)
      .send(csv);
  });

  /** The dispatch list (the contract's manifest): one line per form with its serial, access code, group and home unit. */
  app.get<{ Querystring: { campaign?: string } }>('/admin/print/manifest.csv', { onRequest: admins }, async (req, reply) => {
    const c = req.query.campaign ? getCampaign(app.db, req.query.campaign, app.definitions) : undefined;
    if (!c) return reply.errorPage(404, 'Không tìm thấy', 'Không có đợt điều tra này.');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="danh-sach-phieu-${fileSafe(c.code)}.csv"`)
      .send(manifestCsv(listForms(app.db, c.id)));
  });

  /** Invitations to answer on the web, one per form issued on the web or mixed channel; two per A4 sheet. */
  app.get('/admin/print/invitations', { onRequest: admins }, async (req, reply) => {
    const q = PrintQuerySchema.safeParse(req.query);
    if (!q.success) return reply.errorPage(400, 'Lựa chọn không hợp lệ', 'Định dạng phải là html hoặc pdf.');
    const c = q.data.campaign ? getCampaign(app.db, q.data.campaign, app.definitions) : undefined;
    if (!c) return reply.errorPage(404, 'Không tìm thấy', q.data.campaign ? `Không có đợt điều tra ${q.data.campaign}.` : 'Chưa chọn đợt điều tra.');
    const sel = { group: q.data.group || undefined, home: q.data.home || undefined };
    if (selectionProblems(c.def, sel).length) return reply.errorPage(400, 'Lựa chọn không hợp lệ', `Nhóm đối tượng hoặc nơi công tác không có trong đợt ${c.code}.`);
    const invitations = buildInvitations(c.def, listForms(app.db, c.id, sel), baseUrl(req));
    if (invitations.length === 0) {
      return reply.errorPage(404, 'Không có giấy mời', 'Chưa có phiếu nào được phát theo hình thức trực tuyến (web) hoặc kết hợp (mixed) cho lựa chọn này.');
    }
    const html = await renderInvitations(invitations, `${c.name} — giấy mời trả lời trực tuyến`);
    const name = ['giay-moi', c.code, sel.group, sel.home].filter(Boolean).map((s) => fileSafe(s!)).join('-');
    if (q.data.format === 'pdf') {
      const pdf = await htmlToPdf(html, { chromium: opts.chromiumPath });
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(pdf);
    }
    return reply.type('text/html; charset=utf-8').header('content-disposition', `inline; filename="${name}.html"`).send(html);
  });

  /** The access codes of the invitations, for the office that sends them out. */
  app.get<{ Querystring: { campaign?: string } }>('/admin/print/access-codes.csv', { onRequest: admins }, async (req, reply) => {
    const c = typeof req.query.campaign === 'string' ? getCampaign(app.db, req.query.campaign, app.definitions) : undefined;
    if (!c) return reply.errorPage(404, 'Không tìm thấy', 'Không có đợt điều tra này.');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="ma-tra-loi-${fileSafe(c.code)}.csv"`)
      .send(accessCodesCsv(c.def, listForms(app.db, c.id), baseUrl(req)));
  });
};

export default printRoutes;
