/** The console's keyed-file upload: a CSV of paper forms keyed elsewhere, checked whole and loaded whole, as `entry import` does. */
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { getCampaign, type StoredCampaign } from '../../db/campaigns.repo';
import { importKeyedRows, listKeyedFiles } from '../../db/entry.repo';
import { listUsers } from '../../db/users.repo';
import { keyerNames } from '../../surveys/account-views';
import { csvText, readCsv, utf8Text } from '../../surveys/csv';
import { KEYED_HEADER, keyedText, type KeyedRow } from '../../surveys/keyed';
import { operatorKey } from '../../surveys/ledger';
import { campaignFromUrl, campaignNotFoundPage, campaignOf } from '../plugins/campaign-param';
import { acceptOneFile, uploadField } from '../file-upload';

/**
 * The whole file is read into memory and loaded in one synchronous transaction, so the server answers nobody else
 * while it loads: a provincial run (about 200,000 cells, 5 MB) takes about a second. Bigger files go through the CLI.
 */
export const MAX_KEYED_UPLOAD = 32 * 1024 * 1024;

type Params = { code: string };

const KeyedForm = z.object({
  pass: z.enum(['1', '2'], { message: 'Chọn lượt nhập 1 hoặc 2.' }),
  // One message for every way the field is wrong (missing or repeated too): zod's own messages are English.
  operator: z.string({ error: 'Chọn người đã nhập tệp này.' }).trim().min(1, 'Chọn người đã nhập tệp này.').max(60, 'Chọn người đã nhập tệp này.'),
  file: uploadField('Chọn tệp CSV.'),
});

const adminKeyedRoutes: FastifyPluginAsync = async (app) => {
  // In onRequest: multipart reads the whole file (up to 32 MB) in preValidation, so a preHandler would come too late
  // and a keyer or a stranger would get the upload buffered, and then the page with its file list, before being refused.
  app.addHook('onRequest', app.requireRole('admin', 'supervisor'));
  campaignFromUrl(app, 'code', campaignNotFoundPage);
  // Multipart only here: it replaces the body of every request of its scope, and no other console form posts a file.
  await acceptOneFile(app, { maxBytes: MAX_KEYED_UPLOAD, fields: 10 });

  // Operators are keyer accounts (an admin adds those who key offline without a login): a free name would let one
  // person load both passes as "lan" and "minh" (issue 11). The names are those of the accounts, as stored.
  const keyers = () => keyerNames(listUsers(app.db));

  const page = (req: FastifyRequest, reply: FastifyReply, c: StoredCampaign, extra: Record<string, unknown> = {}) =>
    reply.view('pages/admin/keyed', {
      title: `Nạp tệp phiếu đã nhập — ${c.code}`,
      code: c.code,
      doubleEntry: c.def.doubleEntry,
      header: KEYED_HEADER.join(','),
      maxMb: MAX_KEYED_UPLOAD / 1024 / 1024,
      files: listKeyedFiles(app.db, c.id),
      operators: keyers(),
      isAdmin: req.user!.role === 'admin',
      csrf: reply.generateCsrf(),
      ...extra,
    });

  app.get<{ Params: Params; Querystring: { loaded?: string } }>('/admin/campaigns/:code/keyed', async (req, reply) => {
    const c = campaignOf(req);
    const loaded = listKeyedFiles(app.db, c.id).find((b) => String(b.id) === req.query.loaded);
    return page(req, reply, c, { loaded });
  });

  // A file over the limit stops while it arrives; the person gets the page back with what to do instead.
  app.setErrorHandler(async (err: FastifyError, req: FastifyRequest<{ Params: Partial<Params> }>, reply) => {
    if (err.code !== 'FST_REQ_FILE_TOO_LARGE' || !req.params.code || !req.user) throw err;
    const c = getCampaign(app.db, req.params.code, app.definitions);
    if (!c) throw err;
    const problems = [
      `Tệp lớn hơn ${MAX_KEYED_UPLOAD / 1024 / 1024} MB. Chia tệp theo lô phiếu, hoặc nạp bằng dòng lệnh (entry import), không giới hạn cỡ tệp.`,
    ];
    return page(req, reply.status(413), c, { problems });
  });

  app.post<{ Params: Params }>('/admin/campaigns/:code/keyed', { preHandler: app.csrfProtection }, async (req, reply) => {
    const c = campaignOf(req);
    const form = KeyedForm.safeParse(req.body ?? {});
    const typed = req.body as { pass?: string; operator?: string } | undefined;
    const refuse = (problems: string[], total = problems.length) =>
      page(req, reply.status(400), c, { problems, more: total - problems.length, typedPass: typed?.pass, typedOperator: typed?.operator });
    if (!form.success) return refuse(form.error.issues.map((i) => i.message));
    const { file } = form.data;
    const operator = keyers().find((name) => operatorKey(name) === operatorKey(form.data.operator));
    if (!operator)
      return refuse([
        `"${form.data.operator}" không phải là tài khoản người nhập phiếu. Chọn người nhập trong danh sách; người nhập ngoài hệ thống do quản trị viên thêm ở trang Tài khoản.`,
      ]);
    const text = utf8Text(file.bytes);
    if (text === null) return refuse([csvText({ kind: 'csv-not-utf8' }, 'vi')]);
    const read = readCsv(text, KEYED_HEADER);
    if (!read.ok) return refuse(read.problems.map((p) => csvText(p, 'vi')));
    const rows = read.rows.map((r) => ({ row: r.row, cells: r.cells as KeyedRow }));
    const fileName = file.fileName || 'upload.csv';
    const result = importKeyedRows(app.db, c, rows, { pass: Number(form.data.pass) as 1 | 2, operator, fileName, by: req.user!.name });
    if (!result.ok)
      return refuse(
        result.problems.map((p) => keyedText(p, 'vi')),
        result.errorCount,
      );
    return reply.redirect(`/admin/campaigns/${encodeURIComponent(c.code)}/keyed?loaded=${result.batchId}`, 303);
  });
};

export default adminKeyedRoutes;
