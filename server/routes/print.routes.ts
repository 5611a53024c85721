/** Printing from the web: a print run (all forms, one group or one home unit) as HTML or PDF, the dispatch count sheet, and web invitations with their access-code list. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { getCampaign, listCampaigns } from '../../db/campaigns.repo';
import { listForms, printableForms } from '../../db/forms.repo';
import { printChooseView } from '../../surveys/console-views';
import { countsCsv, manifestCsv } from '../../surveys/dispatch';
import { accessCodesCsv, buildInvitations } from '../../surveys/invitations';
import { pdfJobView } from '../../surveys/print-job';
import { downloadName, selectionProblems } from '../../surveys/print-layout';
import { renderInvitations } from '../render/invitations';
import { createPdfJobs } from '../render/pdf-jobs';
import { htmlToPdf } from '../render/pdf';
import { renderPrintPieces, renderPrintRun } from '../render/render';
import { campaignFromField, campaignOf } from '../plugins/campaign-param';

/** What to print of the campaign (which `campaignFromField` resolves from the same query or form). */
const SelectionSchema = z.object({
  group: z.string().trim().optional(),
  home: z.string().trim().optional(),
  format: z.enum(['html', 'pdf']).default('html'),
});

const printRoutes: FastifyPluginAsync<{ chromiumPath?: string; publicUrl?: string }> = async (app, opts) => {
  const admins = app.requireRole('admin', 'supervisor');
  /** Links on invitations: PUBLIC_URL, else the address this console was reached at (right on a LAN or behind a proxy with TRUST_PROXY). */
  const baseUrl = (req: FastifyRequest) => opts.publicUrl ?? `${req.protocol}://${req.host}`;
  // A whole-run PDF takes about a minute: it is made in the background, one per campaign at a time, and the console
  // follows it on a progress page.
  const jobs = createPdfJobs((err, job) => app.log.error({ err, campaign: job.campaign, name: job.name }, 'PDF job failed'));
  app.addHook('onClose', () => jobs.idle());

  /** The print page: every campaign with its printing choices, and what was wrong with the last request. */
  const choosePage = (req: FastifyRequest, reply: FastifyReply, error: string | null) =>
    reply.view('print/choose', {
      title: 'In phiếu khảo sát',
      campaigns: printChooseView(listCampaigns(app.db, app.definitions), (code) => getCampaign(app.db, code, app.definitions)!.def),
      isAdmin: req.user?.role === 'admin',
      error,
    });

  // Printing's URLs name the campaign in `?campaign=` (contract.md), the PDF button in its form: resolved once here.
  campaignFromField(app, 'campaign', (req, reply, code) => {
    if (req.routeOptions.config.campaignField === 'optional') return choosePage(req, reply.status(404), `Không có đợt điều tra ${code}.`);
    // A download link is one the print page made: its answer does not repeat the code.
    if (req.routeOptions.url?.endsWith('.csv')) return reply.errorPage(404, 'Không tìm thấy', 'Không có đợt điều tra này.');
    return reply.errorPage(404, 'Không tìm thấy', code ? `Không có đợt điều tra ${code}.` : 'Chưa chọn đợt điều tra.');
  });
  const chooseFirst = { campaignField: 'optional' } as const;
  const campaignNeeded = { campaignField: 'required' } as const;

  /**
   * The selection a print request names within its campaign, and the file name it gets (`prefix`-campaign-group-home),
   * or the page that says what is wrong with it: forms and invitations choose the same way.
   */
  const printSelection = (req: FastifyRequest, reply: FastifyReply, input: unknown, prefix: string) => {
    const c = campaignOf(req);
    const q = SelectionSchema.safeParse(input);
    if (!q.success) return reply.errorPage(400, 'Lựa chọn không hợp lệ', 'Định dạng phải là html hoặc pdf.');
    const sel = { group: q.data.group || undefined, home: q.data.home || undefined };
    if (selectionProblems(c.def, sel).length)
      return reply.errorPage(400, 'Lựa chọn không hợp lệ', `Nhóm đối tượng hoặc nơi công tác không có trong đợt ${c.code}.`);
    return { c, sel, name: downloadName(prefix, c.code, sel.group, sel.home), format: q.data.format };
  };

  /** A print selection with its forms to print, or the page that says why there are none. */
  const printRun = (req: FastifyRequest, reply: FastifyReply, input: unknown) => {
    const chosen = printSelection(req, reply, input, 'phieu');
    if (!('c' in chosen)) return chosen;
    const forms = printableForms(app.db, chosen.c.id, chosen.sel);
    if (forms.length === 0) return reply.errorPage(404, 'Không có phiếu', 'Chưa có phiếu nào được phát cho lựa chọn này.');
    return { ...chosen, forms };
  };

  app.get('/admin/print', { onRequest: admins, config: chooseFirst }, async (req, reply) => {
    if (!req.campaign) return choosePage(req, reply, null);
    const chosen = printRun(req, reply, req.query);
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
  app.post('/admin/print/pdf', { onRequest: admins, preHandler: app.csrfProtection, config: chooseFirst }, async (req, reply) => {
    if (!req.campaign) return choosePage(req, reply, null);
    const chosen = printRun(req, reply, { ...(req.body as object), format: 'pdf' });
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
  app.get<{ Querystring: { campaign?: string } }>('/admin/print/counts.csv', { onRequest: admins, config: campaignNeeded }, async (req, reply) => {
    const c = campaignOf(req);
    const csv = countsCsv(c.def, listForms(app.db, c.id));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${downloadName('so-phieu-theo-don-vi', c.code)}.csv"`)
      .send(csv);
  });

  /** The dispatch list (the contract's manifest): one line per form with its serial, access code, group and home unit. */
  app.get<{ Querystring: { campaign?: string } }>('/admin/print/manifest.csv', { onRequest: admins, config: campaignNeeded }, async (req, reply) => {
    const c = campaignOf(req);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${downloadName('danh-sach-phieu', c.code)}.csv"`)
      .send(manifestCsv(listForms(app.db, c.id)));
  });

  /** Invitations to answer on the web, one per form issued on the web or mixed channel; two per A4 sheet. */
  app.get('/admin/print/invitations', { onRequest: admins, config: campaignNeeded }, async (req, reply) => {
    const chosen = printSelection(req, reply, req.query, 'giay-moi');
    if (!('c' in chosen)) return chosen;
    const { c, sel, name } = chosen;
    const invitations = buildInvitations(c.def, listForms(app.db, c.id, sel), baseUrl(req));
    if (invitations.length === 0) {
      return reply.errorPage(404, 'Không có giấy mời', 'Chưa có phiếu nào được phát theo hình thức trực tuyến (web) hoặc kết hợp (mixed) cho lựa chọn này.');
    }
    const html = await renderInvitations(invitations, `${c.name} — giấy mời trả lời trực tuyến`);
    if (chosen.format === 'pdf') {
      const pdf = await htmlToPdf(html, { chromium: opts.chromiumPath });
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(pdf);
    }
    return reply.type('text/html; charset=utf-8').header('content-disposition', `inline; filename="${name}.html"`).send(html);
  });

  /** The access codes of the invitations, for the office that sends them out. */
  app.get<{ Querystring: { campaign?: string } }>('/admin/print/access-codes.csv', { onRequest: admins, config: campaignNeeded }, async (req, reply) => {
    const c = campaignOf(req);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${downloadName('ma-tra-loi', c.code)}.csv"`)
      .send(accessCodesCsv(c.def, listForms(app.db, c.id), baseUrl(req)));
  });
};

export default printRoutes;
